// Browser-mock stand-in for the shell's scan decoder (decode_scan / watch_scanner): AIM
// symbology identifiers, a handful of GS1 AIs and the 두벌식 jamo guard, enough for `npm run dev`
// to show believable rows on the scanner test screen. The real decoder lives in Rust; this is
// only loaded with the mock.
import type { Gs1Element, ScanTestEvent } from "./types";

const AIM: Record<string, [string, string]> = {
  "]C1": ["GS1-128", "GS1-128"],
  "]d2": ["GS1 데이터매트릭스", "GS1 DataMatrix"],
  "]Q3": ["GS1 QR 코드", "GS1 QR Code"],
  "]E0": ["EAN-13 / UPC-A", "EAN-13 / UPC-A"],
  "]E4": ["EAN-8", "EAN-8"],
  "]I1": ["ITF-14", "ITF-14"],
  "]e0": ["GS1 데이터바", "GS1 DataBar"],
};
const AIM_FAMILY: Record<string, [string, string]> = {
  A: ["코드39", "Code 39"],
  C: ["코드128", "Code 128"],
  E: ["EAN/UPC", "EAN/UPC"],
  F: ["코다바", "Codabar"],
  G: ["코드93", "Code 93"],
  I: ["ITF", "Interleaved 2 of 5"],
  L: ["PDF417", "PDF417"],
  Q: ["QR 코드", "QR Code"],
  d: ["데이터매트릭스", "Data Matrix"],
  z: ["아즈텍", "Aztec"],
};
const GS1_AIM = new Set(["]C1", "]d2", "]Q3", "]e0"]);

// AI → [fixed length or 0 for variable (≤ max, ends at GS), max, title].
const AIS: [RegExp, number, number, string][] = [
  [/^00/, 18, 18, "SSCC"],
  [/^01/, 14, 14, "GTIN"],
  [/^02/, 14, 14, "CONTENT"],
  [/^10/, 0, 20, "BATCH/LOT"],
  [/^11/, 6, 6, "PROD DATE"],
  [/^15/, 6, 6, "BEST BEFORE"],
  [/^17/, 6, 6, "USE BY OR EXPIRY"],
  [/^21/, 0, 20, "SERIAL"],
  [/^30/, 0, 8, "VAR. COUNT"],
  [/^310[0-6]/, 6, 6, "NET WEIGHT (kg)"],
];

function parseGs1(data: string): Gs1Element[] | null {
  const out: Gs1Element[] = [];
  let rest = data;
  while (rest.length > 0) {
    const hit = AIS.find(([re]) => re.test(rest));
    if (!hit) return out.length ? out : null;
    const [re, fixed, max, title] = hit;
    const ai = rest.match(re)?.[0] ?? "";
    rest = rest.slice(ai.length);
    let value: string;
    if (fixed) {
      value = rest.slice(0, fixed);
      rest = rest.slice(fixed);
    } else {
      const gs = rest.indexOf("\x1d");
      value = (gs < 0 ? rest : rest.slice(0, gs)).slice(0, max);
      rest = gs < 0 ? "" : rest.slice(gs + 1);
    }
    if (rest.startsWith("\x1d")) rest = rest.slice(1);
    if (ai.startsWith("310")) {
      const dec = Number(ai[3]);
      value = `${(Number(value) / 10 ** dec).toFixed(dec)} kg (${value})`;
    } else if (title.includes("DATE") || title.includes("EXPIRY") || title.includes("BEFORE")) {
      value = `20${value.slice(0, 2)}-${value.slice(2, 4)}-${value.slice(4, 6)} (${value})`;
    }
    out.push({ ai, title, value });
  }
  return out;
}

const JAMO: Record<string, string> = {
  ㅂ: "q", ㅈ: "w", ㄷ: "e", ㄱ: "r", ㅅ: "t", ㅛ: "y", ㅕ: "u", ㅑ: "i", ㅐ: "o", ㅔ: "p",
  ㅁ: "a", ㄴ: "s", ㅇ: "d", ㄹ: "f", ㅎ: "g", ㅗ: "h", ㅓ: "j", ㅏ: "k", ㅣ: "l",
  ㅋ: "z", ㅌ: "x", ㅊ: "c", ㅍ: "v", ㅠ: "b", ㅜ: "n", ㅡ: "m",
  ㅃ: "Q", ㅉ: "W", ㄸ: "E", ㄲ: "R", ㅆ: "T", ㅒ: "O", ㅖ: "P",
};

// The shell's forms: hex pairs separated by spaces, control bytes escaped as <GS>, <CR> …
function hexOf(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

const NAMES: Record<number, string> = { 0x0d: "CR", 0x0a: "LF", 0x1d: "GS", 0x09: "TAB", 0x04: "EOT" };
function escapeControls(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => `<${NAMES[c.charCodeAt(0)] ?? `0x${c.charCodeAt(0).toString(16).padStart(2, "0")}`}>`);
}

export interface Lookup {
  /** The parcel number of a printed tracking number, or null. */
  trackingNo(code: string): number | null;
}

export function mockDecode(raw: string, source: "serial" | "keyboard", lookup: Lookup): ScanTestEvent {
  let text = raw.replace(/[\r\n]+$/, "");
  let ime = false;
  if (/[ㄱ-ㅣ]/.test(text)) {
    text = [...text].map((c) => JAMO[c] ?? c).join("");
    ime = true;
  }
  let aim: string | null = null;
  let sym: [string, string] | null = null;
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) {
    aim = text.slice(0, 3);
    text = text.slice(3);
    sym = AIM[aim] ?? AIM_FAMILY[aim[1]] ?? ["기타", "other"];
  }
  const gs1 = aim && GS1_AIM.has(aim) ? parseGs1(text) : null;
  const code = escapeControls(text);
  const gtin = gs1?.find((e) => e.ai === "01")?.value ?? (/^\d{13}$/.test(code) || /^\d{8}$/.test(code) ? code : null);
  let understood: ScanTestEvent["understood"];
  const parcelNo = /^\d{12}$/.test(code) ? lookup.trackingNo(code) : null;
  if (parcelNo !== null) {
    understood = { kind: "tracking", text_ko: `${parcelNo}번 택배의 송장번호`, text_en: `waybill of parcel ${parcelNo}` };
  } else if (/^\d{12}$/.test(code)) {
    understood = { kind: "tracking", text_ko: "송장번호 (목록에 없음)", text_en: "a waybill number not in the list" };
  } else if (/^no:\d+$/i.test(code)) {
    understood = { kind: "parcel", text_ko: `연번 ${code.slice(3)}번 택배`, text_en: `parcel row ${code.slice(3)}` };
  } else if (gtin) {
    understood = { kind: "gtin", text_ko: `상품 바코드 GTIN ${gtin}`, text_en: `product barcode, GTIN ${gtin}` };
  } else if (/^[A-Z]{2,}-[A-Z0-9-]+$/i.test(code)) {
    understood = { kind: "sku", text_ko: `상품 코드 SKU ${code}`, text_en: `SKU ${code}` };
  } else {
    understood = { kind: "unknown", text_ko: "알 수 없는 바코드", text_en: "not a code Packdesk uses" };
  }
  return {
    source,
    raw_hex: hexOf(raw),
    raw_text: escapeControls(raw),
    aim,
    symbology_ko: sym?.[0] ?? null,
    symbology_en: sym?.[1] ?? null,
    code,
    ime_converted: ime,
    gs1,
    understood,
  };
}

/** What the mock serial scanner "reads" on the test screen: one of each interesting kind. */
export const SERIAL_SAMPLES: string[] = [
  "]C10108801234567893" + "10LOT2411\x1d" + "17261231\r\n",
  "]E08801234567893\r\n",
  "]d20108809876543217" + "21SN00042\x1d" + "3103001250\r\n",
  "SKU-TEE-WH-L\r\n",
];
