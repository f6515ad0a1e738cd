// Browser-only printing data for the mock desk: the printers a Korean shop tends to have, the
// templates, and a canvas sketch of a label standing in for labels::preview_png. Made-up data.
import type { DataStatus, PrinterInfo, TemplateInfo } from "./types";

export const VIRTUAL_PRINTER = "tcp://127.0.0.1:9100";
/** A network printer that never answers: test prints and jobs to it pause with PRINTER_OFFLINE. */
export const UNREACHABLE_PRINTER = "tcp://192.168.0.50:9100";

export const MOCK_PRINTERS: PrinterInfo[] = [
  { uri: VIRTUAL_PRINTER, name: "가상 라벨프린터 (데모)", kind: "network", detail: "Packdesk virtual ZPL printer · raw TCP 9100" },
  { uri: "spooler://Zebra_ZD421", name: "Zebra_ZD421", kind: "spooler", detail: "CUPS 대기열 · idle · raw" },
  { uri: "usb://0a5f:0164/D4J221", name: "Zebra ZD421-203dpi", kind: "usb", detail: "USB 0a5f:0164 · 프린터 클래스 7" },
  { uri: "serial:///dev/ttyUSB1?baud=9600", name: "BIXOLON SRP-350III", kind: "serial", detail: "/dev/ttyUSB1 · 9600 bps · ESC/POS" },
  { uri: UNREACHABLE_PRINTER, name: "TSC TE210 (포장대 2)", kind: "network", detail: "192.168.0.50:9100 · TSPL" },
  { uri: "spooler://Office_PDF", name: "Office_PDF", kind: "spooler", detail: "CUPS 대기열 · PDF 프린터" },
];

export const MOCK_TEMPLATES: TemplateInfo[] = [
  { id: "waybill-cj", name_ko: "CJ대한통운 표준운송장 123×100", name_en: "CJ Logistics waybill", kind: "waybill", data_status: "historical" },
  { id: "waybill-hanjin", name_ko: "한진택배 운송장", name_en: "Hanjin waybill", kind: "waybill", data_status: "synthetic" },
  { id: "waybill-lotte", name_ko: "롯데택배 운송장", name_en: "Lotte waybill", kind: "waybill", data_status: "synthetic" },
  { id: "label-generic-100x150", name_ko: "범용 라벨 100×150", name_en: "Generic label 100×150", kind: "label", data_status: "synthetic" },
  { id: "label-ems-cn22", name_ko: "EMS/K-Packet 세관신고서 CN22", name_en: "EMS / K-Packet CN22", kind: "customs", data_status: "historical" },
  { id: "packing-slip", name_ko: "주문서 (거래명세서)", name_en: "Packing slip", kind: "packing-slip", data_status: "synthetic" },
  { id: "pick-list", name_ko: "피킹리스트", name_en: "Pick list", kind: "pick-list", data_status: "synthetic" },
  { id: "warranty-card", name_ko: "보증서 / 안내카드", name_en: "Warranty card", kind: "warranty-card", data_status: "synthetic" },
];

/** Page sizes in mm (width × height). */
const SIZE: Record<string, [number, number]> = {
  "waybill-cj": [123, 100],
  "waybill-hanjin": [123, 100],
  "waybill-lotte": [123, 100],
  "label-generic-100x150": [100, 150],
  "label-ems-cn22": [100, 150],
  "packing-slip": [100, 150],
  "pick-list": [148, 210],
  "warranty-card": [90, 55],
};

export interface PreviewData {
  no: number;
  tracking: string;
  recipient: string;
  phone: string;
  items: string;
  sample: DataStatus | null;
}

const PX = 4; // px per mm: enough to read the sketch, small enough to stay quick

/** Bars from the digits: a sketch, not a scannable code (the real preview comes from the shell). */
function bars(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, text: string) {
  const digits = text.replace(/\D/g, "") || "0";
  let cx = x;
  let i = 0;
  while (cx < x + w) {
    const d = Number(digits[i % digits.length]);
    const bw = 1 + (d % 3);
    ctx.fillRect(cx, y, bw * 1.5, h);
    cx += bw * 1.5 + 1.5 + ((d + i) % 2) * 1.5;
    i++;
  }
}

function text(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, size: number, bold = false) {
  ctx.font = `${bold ? 700 : 400} ${size}px "Packdesk Nanum", sans-serif`;
  ctx.fillText(s, x, y);
}

/** A PNG (base64, no data: prefix) sketching `templateId` filled with `d`. */
export function drawPreview(templateId: string, d: PreviewData): string {
  const [wmm, hmm] = SIZE[templateId] ?? [100, 150];
  const c = document.createElement("canvas");
  c.width = wmm * PX;
  c.height = hmm * PX;
  const ctx = c.getContext("2d");
  if (!ctx) return "";
  const W = c.width;
  const H = c.height;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "#000";
  ctx.strokeStyle = "#000";
  ctx.lineWidth = 2;
  ctx.strokeRect(6, 6, W - 12, H - 12);
  const t = MOCK_TEMPLATES.find((x) => x.id === templateId);
  const tracking = d.tracking.replace(/(\d{4})(?=\d)/g, "$1-");
  if (templateId.startsWith("waybill-")) {
    text(ctx, t?.name_ko.split(" ")[0] ?? "", 16, 34, 22, true);
    ctx.textAlign = "right";
    text(ctx, "2A-13-07", W - 18, 40, 30, true); // 분류코드 (sort code)
    ctx.textAlign = "left";
    bars(ctx, 16, 48, W * 0.55, 46, d.tracking);
    text(ctx, tracking, 16, 112, 16, true);
    ctx.beginPath();
    ctx.moveTo(6, 124);
    ctx.lineTo(W - 6, 124);
    ctx.stroke();
    text(ctx, `받는분 ${d.recipient}  ${d.phone}`, 16, 150, 18, true);
    text(ctx, "서울 강남구 테헤란로 *** (역삼동)", 16, 176, 15);
    text(ctx, "주소약칭: 강남 역삼", 16, 198, 15, true);
    text(ctx, "보내는분 패킹데스크 데모샵 02-****-1234", 16, 226, 13);
    text(ctx, d.items.slice(0, 34), 16, 252, 13);
    text(ctx, `연번 ${d.no}`, W - 110, 252, 14, true);
    bars(ctx, 16, H - 110, W * 0.7, 60, d.tracking);
    text(ctx, tracking, 16, H - 30, 15);
  } else if (templateId === "label-ems-cn22") {
    text(ctx, "EMS  K-Packet", 16, 36, 22, true);
    text(ctx, "CUSTOMS DECLARATION CN22", 16, 62, 14, true);
    bars(ctx, 16, 74, W - 40, 56, d.tracking);
    text(ctx, `EE${d.tracking.slice(-9)}KR`, 16, 150, 16, true);
    const rows = [
      ["Item 품목", "Cotton T-shirt"],
      ["Qty 수량", "2"],
      ["Value 가격", "USD 32.00"],
      ["Origin 원산지", "KR"],
      ["HS code", "6109.10"],
    ];
    rows.forEach(([k, v], i) => {
      text(ctx, k, 16, 190 + i * 30, 14);
      text(ctx, v, W / 2, 190 + i * 30, 15, true);
    });
    text(ctx, `To: ${d.recipient} (JP)`, 16, 370, 16, true);
    text(ctx, "Tokyo, Shibuya-ku ***", 16, 394, 14);
  } else if (templateId === "pick-list") {
    text(ctx, "피킹리스트 Pick list", 16, 36, 22, true);
    text(ctx, "위치순 · 상품별 합계", 16, 60, 14);
    const lines = [
      ["A-01-03", "SKU-101", "오버핏 코튼 티셔츠 화이트 L", 14],
      ["A-02-11", "SKU-102", "데일리 린넨 셔츠 베이지 M", 9],
      ["B-04-02", "SKU-103", "와이드 데님 팬츠 28", 6],
      ["C-01-07", "SKU-104", "캔버스 에코백 블랙", 21],
      ["C-03-01", "SKU-100", "니트 가디건 그레이 FREE", 4],
    ] as const;
    lines.forEach(([loc, sku, name, qty], i) => {
      const y = 100 + i * 34;
      text(ctx, loc, 16, y, 15, true);
      text(ctx, sku, 110, y, 13);
      text(ctx, name, 190, y, 14);
      text(ctx, `×${qty}`, W - 70, y, 16, true);
    });
    text(ctx, "합계 54개 · 5 SKU", 16, 100 + lines.length * 34 + 20, 16, true);
  } else if (templateId === "warranty-card") {
    text(ctx, "품질보증서 Warranty", 16, 36, 20, true);
    text(ctx, "오버핏 코튼 티셔츠 (화이트 / L)", 16, 66, 14);
    text(ctx, "구입일로부터 1년간 무상 수리", 16, 90, 13);
    ctx.strokeRect(W - 96, 20, 76, 76); // QR placeholder
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) if ((i * 7 + j + d.no) % 3 === 0) ctx.fillRect(W - 92 + i * 10, 24 + j * 10, 9, 9);
    text(ctx, `주문 ${d.tracking.slice(-6)}`, 16, H - 24, 12);
  } else {
    // packing slip and the generic label: header, barcode, lines
    text(ctx, templateId === "packing-slip" ? "주문서 (거래명세서)" : "배송 라벨 100×150", 16, 36, 20, true);
    bars(ctx, 16, 52, W - 40, 50, `${d.no}${d.tracking}`);
    text(ctx, `연번 ${d.no} · ${tracking}`, 16, 122, 14, true);
    text(ctx, `받는분 ${d.recipient}  ${d.phone}`, 16, 152, 16, true);
    text(ctx, "서울 강남구 테헤란로 ***", 16, 176, 14);
    ctx.beginPath();
    ctx.moveTo(6, 192);
    ctx.lineTo(W - 6, 192);
    ctx.stroke();
    text(ctx, "품목 Items", 16, 216, 14, true);
    text(ctx, d.items.slice(0, 30), 16, 240, 13);
    text(ctx, d.items.slice(30, 60), 16, 260, 13);
    text(ctx, "감사합니다 · Thank you", 16, H - 30, 14);
  }
  if (d.sample) {
    ctx.save();
    ctx.globalAlpha = 0.16;
    ctx.translate(W / 2, H / 2);
    ctx.rotate(-0.35);
    ctx.textAlign = "center";
    text(ctx, "SAMPLE 예시", 0, 0, Math.min(W, H) / 7, true);
    ctx.restore();
  }
  return c.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}
