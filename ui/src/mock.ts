// Browser-only stand-in for the Tauri shell (`npm run dev` without a webview): same commands,
// same error codes, made-up demo data. The real app never loads this module.
import type { Backend } from "./api";
import { drawPreview, MOCK_PRINTERS, MOCK_TEMPLATES, UNREACHABLE_PRINTER, VIRTUAL_PRINTER } from "./mock-print";
import { mockDecode, SERIAL_SAMPLES } from "./mock-scan";
import { isShippingLabel, parseRange } from "./printing";
import type {
  DeviceList,
  DocumentSettings,
  ErrorPayload,
  FeeFlagRow,
  FeeLineDto,
  FeeQuoteDto,
  Money,
  ParcelRow,
  PrintFormat,
  PrintJob,
  PrintReport,
  PrintSettings,
  ScanTestEvent,
  SerialScanEvent,
  ShipOutcome,
  SkuFacts,
  Stage,
  WeighOutcome,
  WeightReading,
} from "./types";

const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const GIVEN = ["민*", "서*", "지*", "하*", "도*", "수*", "예*", "시*"];
const ITEMS = [
  "오버핏 코튼 티셔츠 (색상=화이트, 사이즈=L)",
  "데일리 린넨 셔츠 (색상=베이지, 사이즈=M)",
  "와이드 데님 팬츠 (사이즈=28)",
  "캔버스 에코백 (색상=블랙)",
  "니트 가디건 (색상=그레이, 사이즈=FREE)",
];

function fail(code: string, message_ko: string, message_en: string): never {
  const e: ErrorPayload = { code, message_ko, message_en };
  throw e;
}

/** The desk's RANGE_INVALID, worded like crates/labels/src/range.rs (it quotes the bad part). */
function rangeOrFail(text: string, len: number): number[] {
  const r = parseRange(text, len);
  if (r.ok) return r.nos;
  const part = r.part;
  const nums = part.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).split(/[-－~～–—−]/).map((x) => x.trim());
  const [a, b] = [Number(nums[0]), Number(nums[nums.length - 1])];
  if (part === text.trim() && /(^|[,，、])\s*([,，、]|$)/.test(text.trim()))
    fail("RANGE_INVALID", `'${part}'에 빈 항목이 있습니다 (쉼표가 연달아 있거나 앞뒤에 있습니다).`, `an item is empty in '${part}'`);
  if (nums.length > 2 || nums.some((x) => !/^\d+$/.test(x)))
    fail("RANGE_INVALID", `'${part}'은(는) 숫자나 범위(예: 1-3)가 아닙니다.`, `'${part}' is not a number or a range like 1-3`);
  if (a === 0 || b === 0) fail("RANGE_INVALID", `'${part}': 번호는 1부터 시작합니다.`, `'${part}': numbering starts at 1`);
  if (a > b) fail("RANGE_INVALID", `'${part}': 시작(${a})이 끝(${b})보다 큽니다. ${b}-${a}(으)로 입력하세요.`, `'${part}' runs backwards (${a} > ${b}); write ${b}-${a}`);
  fail("RANGE_INVALID", `'${part}': 목록에는 ${len}건만 있습니다.`, `'${part}' is beyond the list, which has ${len} entries`);
}

// Fee tables for the mock: EMS to Japan from ../shared/data/ems-kr-jp-2020.csv (historical) and
// zone 3 of the synthetic express table (demo-express-synthetic.csv), 20% fuel surcharge.
const EMS_JP: [number, number][] = [
  [500, 23500], [750, 24500], [1000, 25500], [1250, 27500], [1500, 28500], [1750, 31000],
  [2000, 33000], [2500, 34500], [3000, 36500], [3500, 38000], [4000, 40000], [4500, 41500],
  [5000, 43000], [5500, 45000], [6000, 46500], [6500, 48500], [7000, 50000], [7500, 51500],
];
const EXPRESS_Z3: [number, number][] = [
  [500, 45000], [1000, 58000], [1500, 71000], [2000, 84000], [2500, 95000], [3000, 106000], [5000, 150000],
];
const KPACKET_JP: [number, number][] = [
  [100, 5240], [200, 6140], [300, 7040], [400, 7940], [500, 8840], [600, 9740], [700, 10640], [800, 11540],
  [900, 12440], [1000, 13340], [1200, 15140], [1400, 16940], [1600, 18740], [1800, 20540], [2000, 22340],
];
const USD_RATE = 1350; // KRW per USD, the USD storefront's fixed rate
const EXPORT_DECLARATION = 500;

function krw(n: number): Money {
  return { currency: "KRW", minor: n, display: `₩${n.toLocaleString("en-US")}` };
}
function usd(cents: number): Money {
  return { currency: "USD", minor: cents, display: `$${(cents / 100).toFixed(2)}` };
}

/** Demo destinations: most parcels are domestic; rows 2, 12, 22… go to Japan, 3, 13, 23… to the US. */
function countryOf(no: number): string {
  return no % 10 === 2 ? "JP" : no % 10 === 3 ? "US" : "KR";
}

function serviceOf(no: number): "ems" | "kpacket" | "express" | null {
  if (countryOf(no) === "US") return "express";
  if (countryOf(no) === "JP") return no % 20 === 12 ? "kpacket" : "ems";
  return null;
}

/** A print job as the mock keeps it: the public PrintJob plus what a resume needs. */
type MockJob = PrintJob & { nos: number[]; reason: string; assigned: number };

function kstNow(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  return d.toISOString().slice(0, 19).replace("T", " ");
}

export function mockBackend(): Backend {
  let rows: ParcelRow[] = [];
  let nextTracking = 601234567890;
  let outbox: string[] = [];
  let labels = 0;
  let lastTracking: string | null = null;
  let pool = 5000;
  const listeners = new Map<string, ((p: unknown) => void)[]>();
  const emit = (event: string, payload: unknown) => (listeners.get(event) ?? []).forEach((h) => h(payload));
  let flags: FeeFlagRow[] = [];
  const skuWeights = new Map<string, number>([["SKU-101", 300]]);

  // Printing: settings, a job history, printers that go away. `__packdeskMock.printerOffline(n)`
  // makes the next job lose its printer after n labels (it "comes back" for the resume);
  // UNREACHABLE_PRINTER never answers.
  let printSettings: PrintSettings = { default_printer: VIRTUAL_PRINTER, default_format: "zpl", reprint_policy: "same" };
  let nextJob = 4;
  let dropAfter: number | null = null;
  const jobs: MockJob[] = [
    { job_id: 3, printer: "spooler://Office_PDF", format: "pdf", document: "pick-list", status: "done", printed: 1, total: 1, paused_reason_ko: null, paused_reason_en: null, created_kst: "2025-01-14 17:42:10", range_text: "", reprints: 0, nos: [], reason: "", assigned: 0 },
    { job_id: 2, printer: UNREACHABLE_PRINTER, format: "tspl", document: "waybill-cj", status: "failed", printed: 0, total: 8, paused_reason_ko: "프린터에 연결할 수 없습니다", paused_reason_en: "printer unreachable", created_kst: "2025-01-14 16:05:31", range_text: "1-8", reprints: 0, nos: [], reason: "", assigned: 0 },
    { job_id: 1, printer: VIRTUAL_PRINTER, format: "zpl", document: "waybill-cj", status: "done", printed: 24, total: 24, paused_reason_ko: null, paused_reason_en: null, created_kst: "2025-01-14 15:58:02", range_text: "", reprints: 0, nos: [], reason: "", assigned: 0 },
  ];
  const printers = MOCK_PRINTERS.map((p) => ({ ...p }));
  let docSettings: DocumentSettings = {
    business_no: "123-45-67890",
    warranty_url: "https://demo.example/warranty",
    warranty_period: "구입일로부터 1년",
    support_contact: "02-1234-5678",
    warranty_name_source: "name",
  };
  const skuFacts = new Map<string, SkuFacts>(
    ITEMS.map((name, i) => [
      `SKU-10${i}`,
      { sku: `SKU-10${i}`, name: name.replace(/ \(.*$/, ""), option_text: /\((.*)\)/.exec(name)?.[1] ?? "", location: i % 2 ? `A-0${i}-03` : null, name_en: null, hs_code: null, origin: "KR" },
    ]),
  );
  const offline = (uri: string) => uri === UNREACHABLE_PRINTER;
  const printerName = (uri: string) => printers.find((p) => p.uri === uri)?.name ?? uri;

  /** Sends a job's labels from its first unprinted one; pauses (PRINTER_OFFLINE) when the printer goes. */
  const sendJob = (job: MockJob): PrintReport => {
    const sent: number[] = [];
    let reprinted = 0;
    job.status = "running";
    for (let i = job.printed; i < job.nos.length; i++) {
      const no = job.nos[i];
      const lost = offline(job.printer) || (dropAfter !== null && sent.length === dropAfter);
      if (lost) {
        dropAfter = null;
        const name = printerName(job.printer);
        job.status = "paused";
        job.paused_reason_ko = offline(job.printer)
          ? `프린터에 연결할 수 없습니다: ${name}. 전원과 네트워크를 확인한 뒤 이어서 인쇄하세요`
          : `프린터 연결 끊김: ${name} — ${job.total}장 중 ${job.printed}장 출력 후 멈춤, ${no}번부터 미출력. 용지와 덮개를 확인한 뒤 이어서 인쇄하세요`;
        job.paused_reason_en = offline(job.printer)
          ? `cannot reach ${name}: check power and network, then resume`
          : `lost ${name} after ${job.printed} of ${job.total} labels; row ${no} onwards not printed. Check paper and lid, then resume`;
        fail("PRINTER_OFFLINE", `인쇄 일시정지 (작업 #${job.job_id}): ${job.paused_reason_ko}`, `print paused (job #${job.job_id}): ${job.paused_reason_en}`);
      }
      if (isShippingLabel(job.document)) {
        const r = rows[no - 1];
        if (r.print_count > 0) {
          reprinted++;
          if (printSettings.reprint_policy === "new") {
            r.tracking_no = String(nextTracking++);
            pool--;
          }
        }
        r.print_count++;
        if (r.stage !== "shipped") setStage(r, "printed");
        lastTracking = r.tracking_no;
      }
      if (job.printer === VIRTUAL_PRINTER) labels++;
      job.printed++;
      sent.push(no);
    }
    job.status = "done";
    job.paused_reason_ko = null;
    job.paused_reason_en = null;
    return { job_id: job.job_id, printed: sent, reprinted, assigned: job.assigned, printer: job.printer, format: job.format, pool_remaining: pool, document: job.document, status: "done" };
  };

  // The mock scale: a parcel's weight with a little noise; each ship puts the "next parcel" on.
  let parcelGrams = 1234;
  let shipped = 0;
  let reading: WeightReading | null = null;
  const devices: DeviceList = {
    serial: [
      { path: "/dev/ttyUSB0", kind: "usb", vid: 0x067b, pid: 0x2303, manufacturer: "Prolific", product: "USB-Serial Controller", in_use: "scale" },
      { path: "/dev/ttyACM0", kind: "usb", vid: 0x0c2e, pid: 0x0b61, manufacturer: "Honeywell", product: "Xenon 1950g (USB COM)", in_use: "scanner" },
      { path: "/dev/ttyS0", kind: "pci", vid: null, pid: null, manufacturer: null, product: null, in_use: null },
      { path: "/dev/pts/3", kind: "virtual", vid: null, pid: null, manufacturer: "Packdesk", product: "demo scale (pty)", in_use: null },
    ],
    usb: [
      { id: "usb:0922:8003:0E21A0", vid: 0x0922, pid: 0x8003, manufacturer: "DYMO", product: "M10 Digital Postal Scale", class: "hid_scale" },
      { id: "usb:0a5f:0164:D4J221", vid: 0x0a5f, pid: 0x0164, manufacturer: "Zebra Technologies", product: "ZTC ZD421-203dpi ZPL", class: "printer" },
      { id: "usb:0c2e:0b61:19123B", vid: 0x0c2e, pid: 0x0b61, manufacturer: "Honeywell", product: "Xenon 1950g", class: "other" },
    ],
    scale: {
      port: "/dev/ttyUSB0", protocol: "cas22", detected: true, baud: 9600, link: "connected",
      message_ko: null, message_en: null, frames: 0, garbled: 2, last_frame: null,
    },
    scanner: { port: "/dev/ttyACM0", baud: 115200, link: "connected", message_ko: null, message_en: null, scans: 0 },
    protocols: [
      { id: "cas22", name: "CAS 22-byte (CI/NT/PDS)" },
      { id: "cas10", name: "CAS 10-byte" },
      { id: "cas_ecr", name: "CAS ECR (ENQ/DC1)" },
      { id: "pdn14", name: "CAS PDN ECR type 14" },
      { id: "and", name: "A&D (ST,GS,+…kg)" },
      { id: "generic", name: "Generic ST,GS indicator" },
      { id: "toledo", name: "Mettler Toledo 8217" },
      { id: "mtsics", name: "Mettler MT-SICS" },
      { id: "adam", name: "Adam Equipment" },
      { id: "hid_pos", name: "USB HID POS scale" },
    ],
  };
  let unpluggedScalePort: (typeof devices.serial)[number] | null = null;
  // Like the shell: one test stream at a time (a newer watch replaces the older), and while it
  // runs the serial scanner ships nothing.
  let scannerWatcher: ((e: ScanTestEvent) => void) | null = null;
  let samplesShown = false;
  const lookup = { trackingNo: (code: string) => rows.find((r) => r.tracking_no === code)?.no ?? null };

  const stageKo: Record<Stage, string> = {
    unmatched: "매칭필요",
    backorder: "재고부족",
    ready: "송장대기",
    invoiced: "미출력",
    printed: "출력완료",
    shipped: "배송처리",
    claimed: "취소요청",
    outsourced: "파스토 출고요청",
  };
  const setStage = (r: ParcelRow, s: Stage) => {
    r.stage = s;
    r.stage_ko = stageKo[s];
  };

  const stableGrams = (): number | null =>
    devices.scale.link === "connected" && reading?.stable && reading.grams > 0 ? reading.grams : null;

  const step = (table: [number, number][], grams: number): [number, number] | null =>
    table.find(([max]) => grams <= max) ?? null;

  const weigh = (r: ParcelRow, grams: number, dims?: string): WeighOutcome => {
    const country = countryOf(r.no);
    const service = serviceOf(r.no);
    const usdShop = country === "US";
    const paid = usdShop ? usd(4000) : krw(country === "KR" ? 3000 : 25000);
    const paidKrw = usdShop ? 4000 / 100 * USD_RATE : paid.minor;
    const single = r.item_count === 1;
    const sku = `SKU-${100 + (r.no % 5)}`;
    const current = skuWeights.get(sku) ?? null;
    const offer =
      single && (current === null || Math.abs(grams - current) / current > 0.1)
        ? { sku, name: ITEMS[r.no % ITEMS.length], current_grams: current, grams }
        : null;
    const base = { parcel_id: r.parcel_id, no: r.no, grams, country, paid, paid_krw: paidKrw, save_weight: offer };
    if (!service) {
      return { ...base, domestic: true, quote: null, paid_krw: paid.minor, undercharged_krw: null, refused: null };
    }
    let volumetric: number | null = null;
    const m = dims?.match(/^(\d+)x(\d+)x(\d+)/);
    if (m) volumetric = Math.round((Number(m[1]) * Number(m[2]) * Number(m[3]) * 1000) / 5000);
    const actual = grams;
    const weightFor = Math.max(actual, volumetric ?? 0);
    const table = service === "ems" ? EMS_JP : service === "kpacket" ? KPACKET_JP : EXPRESS_Z3;
    const hit = step(table, weightFor);
    const names = {
      ems: ["EMS 국제특급", "EMS"],
      kpacket: ["K-Packet 국제소형포장", "K-Packet"],
      express: ["데모 특송", "Demo Express"],
    }[service];
    if (!hit) {
      const limit = table[table.length - 1][0];
      const refused: ErrorPayload = {
        code: "FEE_OVER_LIMIT",
        message_ko: `${names[0]} 무게 한도 ${(limit / 1000).toFixed(1)} kg 초과 (${(weightFor / 1000).toFixed(3)} kg) — 다른 서비스로 보내세요`,
        message_en: `over the ${names[1]} limit of ${(limit / 1000).toFixed(1)} kg (${(weightFor / 1000).toFixed(3)} kg): use another service`,
      };
      return { ...base, domestic: false, quote: null, undercharged_krw: null, refused };
    }
    const lines: FeeLineDto[] = [{ kind: "base", label_ko: `${names[0]} 기본요금`, label_en: `${names[1]} rate`, krw: hit[1] }];
    if (service === "express") lines.push({ kind: "fuel", label_ko: "유류할증료 20%", label_en: "fuel surcharge 20%", krw: Math.round(hit[1] * 0.2) });
    lines.push({ kind: "export_declaration", label_ko: "수출신고", label_en: "export declaration", krw: EXPORT_DECLARATION });
    const total = lines.reduce((a, l) => a + l.krw, 0);
    const quote: FeeQuoteDto = {
      service,
      service_name_ko: names[0],
      service_name_en: names[1],
      data_status: service === "ems" ? "historical" : "synthetic",
      actual_g: actual,
      volumetric_g: volumetric,
      chargeable_g: hit[0],
      lines,
      total_krw: total,
      total_shop: usdShop ? usd(Math.round((total / USD_RATE) * 100)) : krw(total),
    };
    const short = total - paidKrw;
    const under = short > paidKrw * 0.1 ? short : null;
    return { ...base, domestic: false, quote, undercharged_krw: under, refused: null };
  };

  const flag = (r: ParcelRow, o: WeighOutcome) => {
    flags = flags.filter((f) => f.parcel_id !== o.parcel_id);
    if (!o.refused && o.undercharged_krw === null) return;
    const fee = krw(o.quote?.total_krw ?? 0);
    flags.push({
      parcel_id: o.parcel_id,
      no: o.no,
      tracking_no: r.tracking_no,
      country: o.country,
      grams: o.grams,
      flag: o.refused ? "over_limit" : "undercharged",
      fee,
      paid: o.paid,
      message_ko: o.refused ? o.refused.message_ko : `배송비 ${krw(o.undercharged_krw ?? 0).display} 부족 (요금 ${fee.display}, 결제 ${o.paid.display})`,
      message_en: o.refused ? o.refused.message_en : `undercharged by ${krw(o.undercharged_krw ?? 0).display} (fee ${fee.display}, paid ${o.paid.display})`,
    });
  };

  const findParcel = (p: string): ParcelRow => {
    const m = p.match(/^no:(\d+)$/);
    const r = m ? rows[Number(m[1]) - 1] : rows.find((x) => x.tracking_no === p.replace(/[^0-9]/g, ""));
    if (!r) fail("PARCEL_NOT_FOUND", `택배를 찾을 수 없습니다: ${p}`, `no parcel ${p}`);
    return r;
  };

  const nextParcelOnScale = () => {
    shipped++;
    parcelGrams = 380 + ((shipped * 7919) % 2400);
  };

  const devicesChanged = () => emit("devices-changed", null);

  const commands: Record<string, (args: Record<string, unknown>) => unknown> = {
    status: () => ({
      mode: "demo",
      shop: null,
      printer: printSettings.default_printer,
      scale_port: "/dev/pts/3",
      outbox_pending: outbox.length,
      pool_remaining: pool,
      last_collect_kst: rows.length ? "2025-01-15 10:30" : null,
      db_path: "(browser mock)",
    }),
    parcels: () => rows.map((r) => ({ ...r })),
    collect: () => {
      if (rows.length)
        return { new: 0, updated: 0, skipped: rows.length, claimed: 0, parcels_created: 0, api_calls: 3, throttled: 0, failed: 0, receivers_changed: 0, shops: [] };
      rows = Array.from({ length: 1200 }, (_, i): ParcelRow => {
        const no = i + 1;
        const stage: Stage = no === 7 ? "claimed" : no % 50 === 0 ? "unmatched" : "ready";
        const extra = no % 4 === 0 ? 1 : 0;
        return {
          no,
          parcel_id: 1000 + no,
          order_ids: [`20250115-${String(no).padStart(7, "0")}`],
          stage,
          stage_ko: stageKo[stage],
          recipient: SURNAMES[no % SURNAMES.length] + GIVEN[no % GIVEN.length],
          phone: "010-1234-****",
          items: ITEMS[no % ITEMS.length] + ` ×${1 + (no % 3)}` + (extra ? ` 외 ${extra}건` : ""),
          item_count: 1 + extra,
          tracking_no: null,
          carrier: "cj",
          carrier_name: "CJ대한통운",
          print_count: 0,
          blocked_reason: stage === "claimed" ? "고객 취소 요청" : stage === "unmatched" ? "SKU 없음" : null,
          pushed: false,
          shipped_at: null,
        };
      });
      // Two parcels weighed on an earlier shift, flagged for the owner.
      for (const [no, grams] of [[22, 2870], [43, 1910]] as const) flag(rows[no - 1], weigh(rows[no - 1], grams));
      return { new: rows.length, updated: 0, skipped: 0, claimed: 1, parcels_created: rows.length, api_calls: 13, throttled: 1, failed: 0, receivers_changed: 0, shops: [] };
    },
    shops: () => [],
    last_collections: () => [],
    schedule: () => [],
    set_schedule: () => {
      fail("DEMO", "브라우저 미리보기에서는 스케줄을 바꿀 수 없습니다", "the browser preview cannot change the schedule");
    },
    print: (a) => {
      if (!rows.length) fail("NOTHING_TO_PRINT", "출력할 주문이 없습니다. 먼저 주문을 수집하세요", "the list is empty: collect orders first");
      const range = String(a.range ?? "");
      // Like the desk: blank prints the rows still waiting; printed rows are reprinted only by name.
      const nos = range.trim()
        ? rangeOrFail(range, rows.length)
        : rows.filter((r) => r.stage === "ready" || r.stage === "invoiced").map((r) => r.no);
      if (!nos.length) fail("NOTHING_TO_PRINT", "출력할 송장이 없습니다 (모두 출력됨). 재출력은 범위로 지정하세요", "nothing waiting: name a range to reprint");
      for (const no of nos) {
        const r = rows[no - 1];
        if (r.stage === "claimed" || r.stage === "unmatched" || r.stage === "shipped") {
          fail("NOT_PRINTABLE", `${no}번은 출력할 수 없습니다: ${r.blocked_reason ?? r.stage_ko}`, `row ${no} cannot be printed`);
        }
      }
      const document = typeof a.document === "string" && a.document ? a.document : "waybill";
      const waybill = isShippingLabel(document);
      const reason = typeof a.reason === "string" ? a.reason.trim() : "";
      const reprints = waybill ? nos.filter((no) => rows[no - 1].print_count > 0) : [];
      if (reprints.length && !reason) {
        fail(
          "REPRINT_REASON_REQUIRED",
          `재출력 사유를 입력하세요: ${reprints.slice(0, 10).join(", ")}번은 이미 출력되었습니다`,
          `rows ${reprints.slice(0, 10).join(", ")} were printed before: give a reason to reprint`,
        );
      }
      const printer = typeof a.printer === "string" && a.printer ? a.printer : printSettings.default_printer ?? VIRTUAL_PRINTER;
      const format = (a.format as PrintFormat) ?? printSettings.default_format;
      let assigned = 0;
      if (waybill) {
        for (const no of nos) {
          const r = rows[no - 1];
          if (!r.tracking_no) {
            r.tracking_no = String(nextTracking++);
            assigned++;
            pool--;
            setStage(r, "invoiced");
          }
        }
      }
      const job: MockJob = {
        job_id: nextJob++,
        printer,
        format,
        document,
        status: "running",
        printed: 0,
        total: nos.length,
        paused_reason_ko: null,
        paused_reason_en: null,
        created_kst: kstNow(),
        range_text: range,
        reprints: reprints.length,
        nos,
        reason,
        assigned,
      };
      jobs.unshift(job);
      return sendJob(job);
    },
    printers: () => printers.map((p) => ({ ...p, is_default: p.uri === printSettings.default_printer })),
    save_printer: (a) => {
      const uri = String(a.uri ?? "").trim();
      const scheme = /^(tcp|serial|usb|spooler|file):\/\/(.+)$/.exec(uri);
      if (!scheme) {
        fail("PRINTER_URI_INVALID", `프린터 주소 '${uri}'를 읽을 수 없습니다 (예: tcp://192.168.0.50:9100)`, `cannot read the printer URI '${uri}' (e.g. tcp://192.168.0.50:9100)`);
      }
      const kind = scheme[1] === "tcp" ? "network" : scheme[1];
      const entry = { uri, name: String(a.name ?? uri), kind, detail: "저장됨 saved", format: (a.format as PrintFormat | null) ?? null, source: "saved" };
      const at = printers.findIndex((p) => p.uri === uri);
      if (at >= 0) printers[at] = entry;
      else printers.push(entry);
      return printers.map((p) => ({ ...p, is_default: p.uri === printSettings.default_printer }));
    },
    document_settings: () => ({ ...docSettings }),
    set_document_settings: (a) => {
      const next = a.settings as DocumentSettings;
      if (!["name", "english", "supplier", "model"].includes(next.warranty_name_source)) {
        fail("BAD_PRODUCT_FACT", `보증서 상품명 '${next.warranty_name_source}': name, english, supplier, model 중 하나여야 합니다`, `bad warranty name source '${next.warranty_name_source}'`);
      }
      if (next.warranty_url.trim() && !/^https?:\/\//.test(next.warranty_url.trim())) {
        fail("BAD_PRODUCT_FACT", `보증서 QR 주소 '${next.warranty_url}': https:// 로 시작해야 합니다`, `bad warranty URL '${next.warranty_url}': must start with https://`);
      }
      docSettings = { ...next };
      return { ...docSettings };
    },
    sku_facts: (a) => {
      const f = skuFacts.get(String(a.sku ?? "").trim());
      if (!f) fail("UNKNOWN_SKU", `상품 목록에 없는 SKU '${a.sku}' 입니다 (먼저 주문/상품을 수집하세요)`, `unknown SKU '${a.sku}': not in the catalogue`);
      return { ...f };
    },
    set_sku_facts: (a) => {
      const sku = String(a.sku ?? "").trim();
      const f = skuFacts.get(sku);
      if (!f) fail("UNKNOWN_SKU", `상품 목록에 없는 SKU '${sku}' 입니다 (먼저 주문/상품을 수집하세요)`, `unknown SKU '${sku}': not in the catalogue`);
      const u = a.update as { location: string | null; name_en: string | null; hs_code: string | null; origin: string | null };
      if (u.hs_code !== null && !/^\d{6,10}$/.test(u.hs_code.replace(/[. ]/g, ""))) {
        fail("BAD_PRODUCT_FACT", `HS code '${u.hs_code}': 숫자 6~10자리여야 합니다 (예: 6109.10)`, `bad HS code '${u.hs_code}': 6 to 10 digits, e.g. 6109.10`);
      }
      if (u.origin !== null && !/^[A-Za-z]{2}$/.test(u.origin)) {
        fail("BAD_PRODUCT_FACT", `원산지 '${u.origin}': 두 글자 국가 코드여야 합니다 (예: KR)`, `bad origin '${u.origin}': a two-letter country code, e.g. KR`);
      }
      const hs = u.hs_code?.replace(/[. ]/g, "");
      const next: SkuFacts = {
        ...f,
        location: u.location === null ? f.location : u.location || null,
        name_en: u.name_en ?? f.name_en,
        hs_code: hs ? `${hs.slice(0, 4)}.${hs.slice(4)}` : f.hs_code,
        origin: u.origin?.toUpperCase() ?? f.origin,
      };
      skuFacts.set(sku, next);
      return { ...next };
    },
    test_print: (a) => {
      const uri = String(a.printer ?? "");
      const p = printers.find((x) => x.uri === uri);
      if (!p) fail("PRINTER_NOT_FOUND", `프린터를 찾을 수 없습니다: ${uri}`, `no printer ${uri}`);
      if (offline(uri)) {
        fail("PRINTER_OFFLINE", `프린터 응답 없음: ${p.name} (${uri}). 전원과 케이블, 네트워크를 확인하세요`, `printer ${p.name} (${uri}) does not answer: check power, cable and network`);
      }
      if (uri === VIRTUAL_PRINTER) labels++;
      return { printer: uri, format: uri.startsWith("serial:") ? "escpos" : uri === UNREACHABLE_PRINTER ? "tspl" : "zpl", bytes: 1843 };
    },
    // The shell's shape (core PrintJobSummary); api.ts adapts it like the real one.
    print_jobs: () =>
      jobs.slice(0, 30).map(({ nos: _n, reason: _r, assigned: _a, range_text, paused_reason_ko, paused_reason_en, ...j }) => ({
        ...j,
        range: range_text ?? "",
        paused:
          j.status === "paused" && paused_reason_ko
            ? { code: "PRINTER_OFFLINE", message_ko: paused_reason_ko, message_en: paused_reason_en ?? "" }
            : null,
        error: j.status === "failed" ? (paused_reason_en ?? paused_reason_ko) : null,
      })),
    resume_print: (a) => {
      const job = jobs.find((j) => j.job_id === Number(a.jobId));
      if (!job) fail("PRINT_JOB_NOT_FOUND", `인쇄 작업 #${a.jobId}이 없습니다`, `no print job #${a.jobId}`);
      if (job.status !== "paused") fail("PRINT_JOB_NOT_PAUSED", `인쇄 작업 #${job.job_id}은 일시정지 상태가 아닙니다`, `print job #${job.job_id} is not paused`);
      return sendJob(job);
    },
    templates: () => MOCK_TEMPLATES.map((t) => ({ ...t })),
    preview: (a) => {
      const id = String(a.document ?? "");
      if (!MOCK_TEMPLATES.some((t) => t.id === id)) fail("TEMPLATE_NOT_FOUND", `서식을 찾을 수 없습니다: ${id}`, `no template ${id}`);
      const no = a.parcelNo === null || a.parcelNo === undefined || a.parcelNo === "" ? null : Number(a.parcelNo);
      if (no !== null && !(no >= 1 && no <= rows.length)) {
        fail("PARCEL_NOT_FOUND", `${no}번 택배가 목록에 없습니다 (목록 ${rows.length}건)`, `row ${no} is not in the list (${rows.length} rows)`);
      }
      const r = no === null ? null : rows[no - 1];
      const png = drawPreview(id, r
        ? { no: r.no, tracking: r.tracking_no ?? "000000000000", recipient: r.recipient, phone: r.phone, items: r.items, sample: null }
        : { no: 1, tracking: "601234567890", recipient: "홍*동", phone: "010-1234-****", items: "오버핏 코튼 티셔츠 (화이트, L) ×2 외 1건", sample: "synthetic" });
      return { png_base64: png, data_status: r ? "parcel" : "synthetic" };
    },
    print_settings: () => ({ ...printSettings }),
    set_print_settings: (a) => {
      const next = a.settings as PrintSettings;
      if (next.default_printer && !printers.some((p) => p.uri === next.default_printer)) {
        fail("PRINTER_NOT_FOUND", `프린터를 찾을 수 없습니다: ${next.default_printer}`, `no printer ${next.default_printer}`);
      }
      printSettings = { ...next };
      return { ...printSettings };
    },
    ship_scan: (a) => {
      const code = String(a.code ?? "").replace(/[^0-9]/g, "");
      if (!code) fail("SCAN_EMPTY", "스캔 값이 비어 있습니다", "the scan is empty");
      const r = rows.find((x) => x.tracking_no === code);
      if (!r) fail("SCAN_UNKNOWN", `스캔한 송장번호 ${code}에 해당하는 택배가 없습니다`, `no parcel has the scanned waybill number ${code}`);
      if (r.stage === "claimed") fail("SCAN_CLAIMED", `출고 중지! ${r.no}번 택배(${code})에 취소/반품 요청이 있습니다`, `STOP: parcel ${r.no} has a cancel request`);
      if (r.stage === "shipped") fail("SCAN_ALREADY_SHIPPED", `${r.no}번 택배(${code})는 이미 ${r.shipped_at}에 배송처리되었습니다`, `parcel ${r.no} (${code}) was already shipped at ${r.shipped_at}`);
      const grams = stableGrams();
      let weighed: WeighOutcome | null = null;
      if (grams !== null) {
        weighed = weigh(r, grams);
        flag(r, weighed);
        if (weighed.refused) {
          fail("SCAN_OVER_LIMIT", `출고 중지: ${r.no}번 택배 — ${weighed.refused.message_ko}`, `not shipped: parcel ${r.no}: ${weighed.refused.message_en}`);
        }
      } else if (countryOf(r.no) !== "KR" && devices.scale.link !== "not_configured") {
        fail("SCAN_NEEDS_WEIGHT", `${r.no}번은 해외 배송입니다. 저울에 올려 주세요`, `parcel ${r.no} goes abroad: put it on the scale`);
      }
      setStage(r, "shipped");
      r.shipped_at = new Date().toLocaleTimeString("ko-KR");
      outbox.push(...r.order_ids);
      if (weighed) nextParcelOnScale();
      const out: ShipOutcome = { no: r.no, parcel_id: r.parcel_id, tracking_no: code, order_ids: r.order_ids, recipient: r.recipient, queued: r.order_ids.length, weighed };
      return out;
    },
    weigh_parcel: (a) => {
      const req = (a.req ?? {}) as { parcel?: string; grams?: number; dims?: string };
      const r = findParcel(String(req.parcel ?? ""));
      const grams = req.grams ?? stableGrams();
      if (!grams) fail("SCALE_NO_STABLE_WEIGHT", "저울에 안정된 무게가 없습니다. 택배를 올리고 잠시 기다리세요", "no stable weight on the scale: put the parcel on and wait");
      const o = weigh(r, grams, req.dims);
      flag(r, o);
      return o;
    },
    undercharged: () => flags.map((f) => ({ ...f })),
    save_product_weight: (a) => {
      const sku = String(a.sku ?? "");
      const grams = Number(a.grams);
      if (!sku || !(grams > 0)) fail("WEIGHT_INVALID", "무게가 올바르지 않습니다", "invalid weight");
      const previous = skuWeights.get(sku) ?? null;
      skuWeights.set(sku, grams);
      return { sku, name: ITEMS[Number(sku.slice(-1)) % ITEMS.length], grams, previous_grams: previous, queued_for_shop: true };
    },
    devices: () => structuredClone(devices),
    set_scale: (a) => {
      const port = String(a.port ?? "").trim();
      const protocol = String(a.protocol ?? "auto");
      const known = devices.serial.find((p) => p.path === port) ?? devices.usb.find((u) => u.id === port);
      if (!port) fail("SCALE_PORT_MISSING", "저울 포트를 고르세요", "choose the scale's port");
      if (!known) fail("DEVICE_PORT_NOT_FOUND", `포트 ${port}를 찾을 수 없습니다`, `port ${port} not found`);
      if (devices.scanner.port === port) fail("DEVICE_PORT_BUSY", `${port}는 스캐너가 쓰고 있습니다`, `${port} is used by the scanner`);
      const usb = port.startsWith("usb:");
      const detected = protocol === "auto";
      const proto = detected ? (usb ? "hid_pos" : port === "/dev/pts/3" ? "and" : "cas22") : protocol;
      devices.serial.forEach((p) => (p.in_use = p.in_use === "scale" ? null : p.in_use));
      const sp = devices.serial.find((p) => p.path === port);
      if (sp) sp.in_use = "scale";
      Object.assign(devices.scale, {
        port, protocol: proto, detected, baud: usb ? null : Number(a.baud) || (proto === "adam" ? 4800 : 9600),
        link: "connected", message_ko: null, message_en: null, frames: 0, garbled: 0, last_frame: null,
      });
      devicesChanged();
      return { ...devices.scale };
    },
    clear_scale: () => {
      devices.serial.forEach((p) => (p.in_use = p.in_use === "scale" ? null : p.in_use));
      Object.assign(devices.scale, { port: null, protocol: null, detected: false, baud: null, link: "not_configured", message_ko: null, message_en: null, frames: 0, garbled: 0, last_frame: null });
      devicesChanged();
      return null;
    },
    set_scanner: (a) => {
      const port = String(a.port ?? "").trim();
      if (!port) fail("SCANNER_PORT_MISSING", "스캐너 포트를 고르세요", "choose the scanner's port");
      if (!devices.serial.find((p) => p.path === port)) fail("DEVICE_PORT_NOT_FOUND", `포트 ${port}를 찾을 수 없습니다`, `port ${port} not found`);
      if (devices.scale.port === port) fail("DEVICE_PORT_BUSY", `${port}는 저울이 쓰고 있습니다`, `${port} is used by the scale`);
      devices.serial.forEach((p) => (p.in_use = p.in_use === "scanner" ? null : p.in_use === null && p.path === port ? "scanner" : p.in_use));
      Object.assign(devices.scanner, { port, baud: Number(a.baud) || 9600, link: "connected", message_ko: null, message_en: null, scans: 0 });
      devicesChanged();
      return { ...devices.scanner };
    },
    clear_scanner: () => {
      devices.serial.forEach((p) => (p.in_use = p.in_use === "scanner" ? null : p.in_use));
      Object.assign(devices.scanner, { port: null, baud: null, link: "not_configured", message_ko: null, message_en: null, scans: 0 });
      devicesChanged();
      return null;
    },
    decode_scan: (a) => mockDecode(String(a.raw ?? ""), "keyboard", lookup),
    unwatch_scanner: () => {
      scannerWatcher = null;
      return null;
    },
    sync: () => {
      const sent = outbox.map((order_id) => {
        const r = rows.find((x) => x.order_ids.includes(order_id));
        if (r) r.pushed = true;
        return { order_id, tracking_no: r?.tracking_no ?? "" };
      });
      outbox = [];
      return { sent, waiting: 0, failed: [] };
    },
    connect_cafe24: (a) => {
      const req = a.req as { mall_id: string; api_base: string | null };
      (listeners.get("consent-url") ?? []).forEach((h) => h(`https://${req.mall_id}.example/oauth/authorize?mock`));
      fail("OAUTH_FAILED", "카페24 인증 실패: 브라우저 모의 환경", "OAuth: not available in the browser mock");
    },
    weight: () => null,
    virtual_printer: () => ({ uri: VIRTUAL_PRINTER, labels_received: labels, last_tracking_no: lastTracking }),
  };

  installDevHooks(devices, {
    unplug() {
      const i = devices.serial.findIndex((p) => p.path === devices.scale.port);
      if (i >= 0) unpluggedScalePort = devices.serial.splice(i, 1)[0];
      Object.assign(devices.scale, {
        link: "disconnected",
        message_ko: `저울 연결 끊김: ${devices.scale.port} 포트가 사라졌습니다. 다시 꽂으면 이어서 읽습니다`,
        message_en: `scale unplugged: ${devices.scale.port} disappeared; plug it back in to resume`,
      });
      devicesChanged();
    },
    plug() {
      if (unpluggedScalePort) devices.serial.unshift(unpluggedScalePort);
      unpluggedScalePort = null;
      Object.assign(devices.scale, { link: "connected", message_ko: null, message_en: null });
      devicesChanged();
    },
    async serialScan(code: string) {
      const test = mockDecode(`${code}\r\n`, "serial", lookup);
      devices.scanner.scans++;
      if (scannerWatcher) {
        scannerWatcher(test); // test mode: shown on the test screen, nothing ships
        return;
      }
      let payload: SerialScanEvent;
      try {
        payload = { outcome: commands.ship_scan({ code: test.code }) as ShipOutcome, error: null, test };
      } catch (e) {
        payload = { outcome: null, error: e as ErrorPayload, test };
      }
      emit("serial-scan", payload);
    },
    scannerRead(raw: string) {
      devices.scanner.scans++;
      scannerWatcher?.(mockDecode(raw, "serial", lookup));
    },
    setWeight(g: number) {
      parcelGrams = g;
    },
    printerOffline(afterLabels = 3) {
      dropAfter = afterLabels;
    },
  });

  return {
    async invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
      const f = commands[cmd];
      if (!f) fail("INTERNAL", `알 수 없는 명령 ${cmd}`, `unknown command ${cmd}`);
      await new Promise((r) => setTimeout(r, 30));
      return f(args ?? {}) as T;
    },
    async listen<T>(event: string, handler: (payload: T) => void) {
      const list = listeners.get(event) ?? [];
      list.push(handler as (p: unknown) => void);
      listeners.set(event, list);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((h) => h !== handler));
    },
    async watchWeight(handler: (w: WeightReading | null) => void) {
      let tick = 0;
      setInterval(() => {
        tick++;
        const sc = devices.scale;
        if (sc.link === "not_configured") reading = null;
        else if (sc.link === "disconnected") reading = { grams: 0, stable: false, state: "disconnected" };
        else {
          // Now and then the packer's hand is on the parcel: a few readings in motion.
          const moving = tick % 12 >= 10;
          const grams = parcelGrams + (moving ? Math.round((Math.random() - 0.5) * 180) : 0);
          reading = { grams, stable: !moving, state: moving ? "motion" : "stable" };
          sc.frames += 5;
          if (tick % 40 === 0) sc.garbled++;
          const lamp = moving ? "\\xa0" : "\\xe0";
          const digits = (grams / 1000).toFixed(3).padStart(8, "0");
          sc.last_frame = `${moving ? "US" : "ST"},GS,1${lamp},${digits} kg\\r\\n`;
        }
        handler(reading);
      }, 500);
    },
    async watchScanner(handler: (e: ScanTestEvent) => void) {
      scannerWatcher = handler;
      if (samplesShown) return;
      samplesShown = true;
      // A few reads from the "serial scanner" so the test screen has something to show.
      SERIAL_SAMPLES.forEach((raw, i) =>
        setTimeout(() => {
          if (devices.scanner.link !== "connected" || !scannerWatcher) return;
          devices.scanner.scans++;
          scannerWatcher(mockDecode(raw, "serial", lookup));
        }, 1200 + i * 900),
      );
    },
  };
}

/**
 * Browser console hooks for what only hardware does (hot-plug, a serial scanner shipping a parcel):
 * `__packdeskMock.unplugScale()`, `.plugScale()`, `.serialScan("601234567890")`, `.scannerRead("]E0…")`.
 */
function installDevHooks(
  devices: DeviceList,
  state: {
    unplug: () => void;
    plug: () => void;
    serialScan: (code: string) => Promise<void>;
    scannerRead: (raw: string) => void;
    setWeight: (g: number) => void;
    printerOffline: (afterLabels?: number) => void;
  },
) {
  (window as unknown as Record<string, unknown>).__packdeskMock = { devices, ...state };
}
