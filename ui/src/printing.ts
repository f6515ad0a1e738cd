// Pure printing logic (no DOM): the range box as the desk reads it, which rows a print would
// reprint, the bad part a range error names, and the labels the printing page shows.
import type { DataStatus, ErrorPayload, ParcelRow, PrintFormat, PrintJob, PrintJobStatus, ReprintPolicy } from "./types";

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

/** The station's document choice: null = the carrier's waybill (the shell picks the layout). */
export const STATION_DOCUMENTS: { id: string; value: string | null; ko: string; en: string }[] = [
  { id: "waybill", value: null, ko: "송장", en: "Waybill" },
  { id: "packing-slip", value: "packing-slip", ko: "주문서", en: "Packing slip" },
  { id: "pick-list", value: "pick-list", ko: "피킹리스트", en: "Pick list" },
];

/** Only a waybill carries a tracking number, so only a waybill print can be a reprint. */
export function isWaybill(document: string | null | undefined): boolean {
  return !document || document === "waybill" || document.startsWith("waybill-");
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
  synthetic: "예시 데이터 synthetic data",
  official: "공식 자료 official",
};

/** Said on every preview filled with sample data: a sample label is not a real parcel. */
export function sampleDataLabel(s: DataStatus | string): string {
  return SAMPLE_DATA[s as DataStatus] ?? s;
}

/** "3 / 12" with the percentage, for a job's progress. */
export function progressLabel(j: Pick<PrintJob, "printed" | "total">): string {
  return `${j.printed} / ${j.total}장`;
}
