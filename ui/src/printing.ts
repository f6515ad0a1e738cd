// Pure printing logic (no DOM): the range box as the desk reads it, which rows a print would
// reprint, the bad part a range error names, and the labels the printing page shows.
import type {
  DataStatus,
  ErrorPayload,
  ParcelRow,
  PrintFormat,
  PrintJob,
  PrintJobStatus,
  ReprintPolicy,
  SkuFacts,
  SkuFactsUpdate,
  TemplateInfo,
  WarrantyNameSource,
} from "./types";

export type RangeParse = { ok: true; nos: number[] } | { ok: false; part: string };

const SEPARATOR = /[,，、]/;
const DASH = /[-－~～–—−]/;

/** Full-width digits and the ideographic space to ASCII (a Korean IME leaves them behind). */
function normalise(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).replace(/\u3000/g, " ");
}

/**
 * `"1-3, 5, 7"` → `[1, 2, 3, 5, 7]` against a list of `len` rows, like crates/labels/src/range.rs:
 * typed order, repeats dropped, full-width digits and `~`/en dash accepted. Blank = every row.
 * On a bad range it names the part as typed, so the UI can point at it.
 */
export function parseRange(input: string, len: number): RangeParse {
  if (!input.trim()) return { ok: true, nos: Array.from({ length: len }, (_, i) => i + 1) };
  const seen = new Set<number>();
  const nos: number[] = [];
  for (const raw of input.split(SEPARATOR)) {
    const part = raw.trim();
    if (!part) return { ok: false, part: input.trim() };
    const pieces = normalise(part).split(DASH).map((p) => p.trim());
    if (pieces.length > 2 || pieces.some((p) => !/^\d+$/.test(p))) return { ok: false, part };
    const [a, b] = [Number(pieces[0]), Number(pieces[pieces.length - 1])];
    if (a < 1 || b < 1 || a > b || b > len) return { ok: false, part };
    for (let n = a; n <= b; n++) {
      if (!seen.has(n)) {
        seen.add(n);
        nos.push(n);
      }
    }
  }
  return { ok: true, nos };
}

/**
 * The rows a waybill print of `range` would reprint (their label was printed before). Blank
 * prints only the rows still waiting, so it never reprints; a range the desk will refuse
 * reprints nothing (the shell's RANGE_INVALID says why).
 */
export function reprintRows(rows: ParcelRow[], range: string): ParcelRow[] {
  if (!range.trim()) return [];
  const parsed = parseRange(range, rows.length);
  if (!parsed.ok) return [];
  return parsed.nos.map((n) => rows[n - 1]).filter((r) => r && r.print_count > 0);
}

/** "1, 2, 3, 5" with a "외 N건" tail beyond `max` numbers. */
export function listNos(nos: number[], max = 12): string {
  const head = nos.slice(0, max).join(", ");
  return nos.length > max ? `${head} 외 ${nos.length - max}건` : head;
}

export interface BadPart {
  part: string;
  /** Where the part sits in the typed text (for selecting it in the range box); -1 = not found. */
  start: number;
  end: number;
}

/**
 * The part a RANGE_INVALID message quotes (`'3-1': 시작(3)이 …`), located in what was typed.
 * The message quotes the part trimmed, so the first occurrence in the input is the one.
 */
export function badRangePart(e: Pick<ErrorPayload, "code" | "message_ko" | "message_en">, typed: string): BadPart | null {
  if (!e.code.startsWith("RANGE")) return null;
  const quoted = /['"‘“]([^'"’”]+)['"’”]/.exec(e.message_ko) ?? /['"‘“]([^'"’”]+)['"’”]/.exec(e.message_en);
  if (!quoted) return null;
  const part = quoted[1];
  const start = typed.indexOf(part);
  return { part, start, end: start < 0 ? -1 : start + part.length };
}

/** Codes after which a print is waiting on the printer and can be resumed. */
const PAUSE_CODES = new Set(["PRINTER_OFFLINE", "PRINT_PAUSED", "PRINT_JOB_PAUSED"]);

export function isPauseError(e: Pick<ErrorPayload, "code">): boolean {
  return PAUSE_CODES.has(e.code);
}

/** The shell asks for a reason before it reprints (whatever exact code Q settles on). */
export function isReasonRequired(e: Pick<ErrorPayload, "code">): boolean {
  return /REPRINT.*REASON|REASON_REQUIRED/.test(e.code);
}

/** The newest paused job, if any (jobs come newest first, but do not rely on it). */
export function latestPaused(jobs: PrintJob[]): PrintJob | null {
  return jobs.filter((j) => j.status === "paused").sort((a, b) => b.job_id - a.job_id)[0] ?? null;
}

export const REPRINT_REASONS: { id: string; ko: string; en: string }[] = [
  { id: "jam", ko: "용지 걸림", en: "paper jam" },
  { id: "faint", ko: "인쇄 흐림", en: "faint print" },
  { id: "lost", ko: "송장 분실", en: "lost label" },
];

export const FORMATS: { id: PrintFormat; label: string }[] = [
  { id: "zpl", label: "ZPL" },
  { id: "tspl", label: "TSPL" },
  { id: "escpos", label: "ESC/POS" },
  { id: "pdf", label: "PDF" },
];

export function formatLabel(f: string): string {
  return FORMATS.find((x) => x.id === f)?.label ?? f.toUpperCase();
}

/** The job's document when none is chosen: each parcel's carrier waybill (the desk picks CJ,
 * 한진 or 롯데, the generic label for other carriers, EMS/CN22 for parcels abroad). */
export const CARRIER_WAYBILL = "waybill";

export interface DocumentName {
  ko: string;
  en: string;
}

/** Names of the desk's documents before its template list arrives (or if it cannot be read). */
const BUILTIN_DOCUMENTS: Record<string, DocumentName> = {
  [CARRIER_WAYBILL]: { ko: "송장 (택배사별)", en: "Carrier waybill" },
  "waybill-cj": { ko: "CJ대한통운 표준운송장", en: "CJ Logistics waybill" },
  "waybill-hanjin": { ko: "한진택배 운송장", en: "Hanjin waybill" },
  "waybill-lotte": { ko: "롯데택배 운송장", en: "Lotte waybill" },
  "label-generic-100x150": { ko: "범용 배송 라벨", en: "Generic label" },
  "label-ems-cn22": { ko: "EMS·K-Packet 라벨 + CN22", en: "EMS / K-Packet CN22" },
  "packing-slip": { ko: "거래명세서", en: "Packing slip" },
  "pick-list": { ko: "피킹리스트", en: "Pick list" },
  "warranty-card": { ko: "보증서", en: "Warranty card" },
};

/** What the closed document select shows: a few characters that fit the toolbar. */
const SHORT_NAMES: Record<string, string> = {
  [CARRIER_WAYBILL]: "송장 (택배사별)",
  "waybill-cj": "CJ 송장",
  "waybill-hanjin": "한진 송장",
  "waybill-lotte": "롯데 송장",
  "label-generic-100x150": "범용 라벨",
  "label-ems-cn22": "EMS·CN22",
  "packing-slip": "거래명세서",
  "pick-list": "피킹리스트",
  "warranty-card": "보증서",
};

export function documentShortName(id: string, templates: TemplateInfo[]): string {
  return SHORT_NAMES[id] ?? documentName(id, templates).ko;
}

/** A document a print can ask for: the carrier waybill, or one template. */
export interface DocumentChoice extends DocumentName {
  id: string;
}

/**
 * The document select: the carrier waybill first, then every template by its Korean name, in
 * the desk's order. Without the desk's list, the built-in documents stand in.
 */
export function documentChoices(templates: TemplateInfo[]): DocumentChoice[] {
  const rest = templates.length
    ? templates.map((t) => ({ id: t.id, ko: t.name_ko, en: t.name_en }))
    : Object.entries(BUILTIN_DOCUMENTS)
        .filter(([id]) => id !== CARRIER_WAYBILL)
        .map(([id, n]) => ({ id, ...n }));
  return [{ id: CARRIER_WAYBILL, ...BUILTIN_DOCUMENTS[CARRIER_WAYBILL] }, ...rest];
}

/** A job's document by name — the template's own Korean name; never the raw id "waybill". */
export function documentName(id: string | null | undefined, templates: TemplateInfo[]): DocumentName {
  const key = id || CARRIER_WAYBILL;
  const t = templates.find((x) => x.id === key);
  if (t) return { ko: t.name_ko, en: t.name_en };
  return BUILTIN_DOCUMENTS[key] ?? { ko: key, en: key };
}

/**
 * A shipping label carries the parcel's invoice number and counts as its 출력, so printing it
 * again is a reprint (a reason is asked). Everything else — packing slips, pick lists, warranty
 * cards — is paperwork: no number, no reason, no 출력 change.
 */
export function isShippingLabel(document: string | null | undefined): boolean {
  return !document || document === CARRIER_WAYBILL || document.startsWith("waybill-") || document.startsWith("label-");
}

/** A pick list is one document for the whole range, not one per parcel. */
export function isPerBatch(document: string | null | undefined): boolean {
  return document === "pick-list";
}

/** The short word a result banner counts in ("거래명세서 3장"). */
const COUNTED: Record<string, DocumentName> = {
  "packing-slip": { ko: "거래명세서", en: "packing slip" },
  "pick-list": { ko: "피킹리스트", en: "pick list" },
  "warranty-card": { ko: "보증서", en: "warranty card" },
  "label-ems-cn22": { ko: "EMS 라벨", en: "EMS label" },
  "label-generic-100x150": { ko: "배송 라벨", en: "shipping label" },
};

/**
 * What a finished print put on paper, for the banner: "송장 3장", "거래명세서 3장",
 * "피킹리스트 1장 (5건)", "보증서 2건" (a card per unit bought, so counted by parcel).
 */
export function printedSummary(document: string | null | undefined, rows: number): DocumentName {
  const doc = document || CARRIER_WAYBILL;
  if (isPerBatch(doc)) return { ko: `피킹리스트 1장 (${rows}건)`, en: `1 pick list (${rows} parcel${rows === 1 ? "" : "s"})` };
  if (doc === "warranty-card") return { ko: `보증서 ${rows}건`, en: `warranty cards for ${rows} parcel${rows === 1 ? "" : "s"}` };
  const w = COUNTED[doc] ?? { ko: "송장", en: "waybill" };
  return { ko: `${w.ko} ${rows}장`, en: `${rows} ${w.en}${rows === 1 ? "" : "s"}` };
}

/** The preview's data tag: a real row (masked as printed) or the library's made-up samples. */
export function previewDataLabel(status: string): DocumentName {
  return status === "parcel"
    ? { ko: "실제 택배 데이터", en: "parcel data" }
    : { ko: "샘플(합성)", en: "synthetic sample" };
}

/** The warranty card's product-name choices (seed 003). */
export const WARRANTY_NAME_SOURCES: { id: WarrantyNameSource; ko: string; en: string }[] = [
  { id: "name", ko: "상품명", en: "Product name" },
  { id: "english", ko: "영문 상품명", en: "English name" },
  { id: "supplier", ko: "공급사 상품명", en: "Supplier's name" },
  { id: "model", ko: "모델명", en: "Model name" },
];

/** What the add-printer form offers as examples, one per transport. */
export const PRINTER_URI_EXAMPLES: { uri: string; ko: string; en: string }[] = [
  { uri: "tcp://192.168.0.50:9100", ko: "네트워크 (RAW 9100)", en: "network" },
  { uri: "serial:///dev/ttyUSB0?baud=9600", ko: "시리얼", en: "serial" },
  { uri: "usb://0a5f:0164", ko: "USB 프린터", en: "USB printer class" },
  { uri: "spooler://Zebra_ZD421", ko: "OS 스풀러 (CUPS/Windows)", en: "OS spooler" },
  { uri: "file:///tmp/labels.pdf", ko: "파일", en: "file" },
];

/** The format a new printer most likely speaks: PDF for a file, ZPL otherwise (as the desk). */
export function suggestedFormat(uri: string): PrintFormat {
  return /^file:/i.test(uri.trim()) ? "pdf" : "zpl";
}

/** The add-printer form's own check before the desk parses the URI: both fields are needed. */
export function printerFormProblem(uri: string, name: string): ErrorPayload | null {
  if (!uri.trim()) return { code: "PRINTER_URI_MISSING", message_ko: "프린터 주소(URI)를 입력하세요", message_en: "enter the printer's URI" };
  if (!name.trim()) return { code: "PRINTER_NAME_MISSING", message_ko: "프린터 이름을 입력하세요", message_en: "enter a name for the printer" };
  return null;
}

/** A SKU's editable facts as the form holds them (text boxes: "" = nothing). */
export interface SkuFactsDraft {
  location: string;
  name_en: string;
  hs_code: string;
  origin: string;
}

export function draftOf(f: SkuFacts): SkuFactsDraft {
  return { location: f.location ?? "", name_en: f.name_en ?? "", hs_code: f.hs_code ?? "", origin: f.origin ?? "" };
}

/**
 * Only what the packer changed goes to the desk (null = leave as it is), so saving a location
 * never rewrites the customs facts. An emptied location clears it; an emptied HS code or origin
 * is sent as typed and the desk says why it is refused.
 */
export function skuFactsUpdate(current: SkuFacts, draft: SkuFactsDraft): SkuFactsUpdate {
  const was = draftOf(current);
  const changed = (k: keyof SkuFactsDraft) => (draft[k].trim() === was[k].trim() ? null : draft[k].trim());
  return { location: changed("location"), name_en: changed("name_en"), hs_code: changed("hs_code"), origin: changed("origin") };
}

export function isEmptyUpdate(u: SkuFactsUpdate): boolean {
  return u.location === null && u.name_en === null && u.hs_code === null && u.origin === null;
}

export const POLICY: Record<ReprintPolicy, { ko: string; en: string; note_ko: string; note_en: string }> = {
  same: {
    ko: "같은 번호",
    en: "Same number",
    note_ko: "재출력 송장은 원래 송장번호 그대로 나갑니다",
    note_en: "a reprinted waybill keeps its tracking number",
  },
  new: {
    ko: "새 번호",
    en: "New number",
    note_ko: "재출력하면 새 송장번호를 받고 이전 번호는 폐기됩니다",
    note_en: "a reprint takes a new tracking number; the old one is voided",
  },
};

export const JOB_STATUS: Record<PrintJobStatus, { ko: string; en: string }> = {
  running: { ko: "인쇄 중", en: "printing" },
  done: { ko: "완료", en: "done" },
  paused: { ko: "일시정지", en: "paused" },
  failed: { ko: "실패", en: "failed" },
};

export function jobStatusLabel(s: string): string {
  const l = JOB_STATUS[s as PrintJobStatus];
  return l ? `${l.ko} ${l.en}` : s;
}

export const PRINTER_KIND: Record<string, { ko: string; en: string }> = {
  spooler: { ko: "스풀러", en: "Spooler" },
  usb: { ko: "USB", en: "USB" },
  serial: { ko: "시리얼", en: "Serial" },
  network: { ko: "네트워크", en: "Network" },
  file: { ko: "파일", en: "File" },
};

/** The kind of a printer from its URI, for a printer the shell lists without one. */
export function kindOfUri(uri: string): string {
  const scheme = /^([a-z]+):/.exec(uri)?.[1] ?? "";
  return scheme === "tcp" ? "network" : scheme in PRINTER_KIND ? scheme : "network";
}

const SAMPLE_DATA: Record<DataStatus, string> = {
  historical: "과거 자료 historical data",
  synthetic: "샘플(합성) synthetic sample",
  official: "공식 자료 official",
};

/** Where a template's layout comes from (historical carrier spec, synthetic example…). */
export function sampleDataLabel(s: DataStatus | string): string {
  return SAMPLE_DATA[s as DataStatus] ?? s;
}

/**
 * "3 / 12장" for a job's progress. A pick list is one sheet for many parcels and warranty cards
 * are counted per parcel, so their jobs count parcels ("5 / 5건"), not sheets.
 */
export function progressLabel(j: Pick<PrintJob, "printed" | "total"> & { document?: string | null }): string {
  const unit = isPerBatch(j.document) || j.document === "warranty-card" ? "건" : "장";
  return `${j.printed} / ${j.total}${unit}`;
}
