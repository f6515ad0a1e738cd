// Pure display helpers (no DOM): what a packer reads must look the same everywhere.
import type { DataStatus, ParcelRow, WeightReading } from "./types";

/** 601234567890 → 6012-3456-7890: groups of four, as printed under the waybill barcode. */
export function hyphenateTracking(no: string | null | undefined): string {
  if (!no) return "";
  const digits = no.replace(/[^0-9A-Za-z]/g, "");
  return digits.match(/.{1,4}/g)?.join("-") ?? digits;
}

const WEIGHT_STATE_KO: Record<string, string> = {
  stable: "안정",
  motion: "흔들림",
  overload: "과부하",
  under_zero: "영점 이하",
  disconnected: "연결 끊김",
};

/** 1234 g → "1.234 kg 안정"; no scale → "저울 없음". */
export function formatWeight(w: WeightReading | null): string {
  if (!w) return "저울 없음 No scale";
  if (w.state === "disconnected") return "저울 연결 끊김 Disconnected";
  if (w.state === "overload") return "과부하 Overload";
  const kg = (w.grams / 1000).toFixed(3);
  return `${kg} kg ${WEIGHT_STATE_KO[w.state] ?? w.state}`;
}

/** A scanner sends digits (sometimes with hyphens or spaces from a pasted label); the desk wants digits. */
export function normaliseScan(raw: string): string {
  return raw.trim();
}

export function countLabel(n: number): string {
  return n.toLocaleString("ko-KR");
}

function rowKey(r: ParcelRow): string {
  return `${r.no}|${r.stage}|${r.tracking_no}|${r.print_count}|${r.pushed}|${r.recipient}|${r.items}|${r.blocked_reason}`;
}

/**
 * Keeps the previous object for every row whose visible fields did not change, so the memoised
 * table rows skip re-rendering: after a scan only the scanned row is touched, not all 1,000+.
 */
export function reconcileRows(prev: ParcelRow[], next: ParcelRow[]): ParcelRow[] {
  if (prev.length === 0) return next;
  const old = new Map(prev.map((r) => [r.parcel_id, r]));
  let changed = prev.length !== next.length;
  const out = next.map((r, i) => {
    const o = old.get(r.parcel_id);
    if (o && rowKey(o) === rowKey(r)) {
      if (prev[i] !== o) changed = true;
      return o;
    }
    changed = true;
    return r;
  });
  return changed ? out : prev;
}

/** 1234 → "1.234 kg": the scale, the chargeable weight and the SKU weight read the same way. */
export function formatKg(grams: number | null | undefined): string {
  if (grams === null || grams === undefined || !Number.isFinite(grams)) return "–";
  return `${(grams / 1000).toFixed(3)} kg`;
}

/** 25500 → "₩25,500"; negative amounts keep their sign in front of the symbol. */
export function formatKrw(krw: number | null | undefined): string {
  if (krw === null || krw === undefined || !Number.isFinite(krw)) return "–";
  const abs = Math.round(Math.abs(krw)).toLocaleString("en-US");
  return `${krw < 0 ? "−" : ""}₩${abs}`;
}

const DATA_STATUS: Record<DataStatus, { ko: string; en: string }> = {
  historical: { ko: "과거 요금표", en: "historical" },
  synthetic: { ko: "예시 요금표", en: "synthetic" },
  official: { ko: "공식 요금표", en: "official" },
};

/** Where a fee's numbers come from, said wherever a fee is shown: sample tables are not real prices. */
export function dataStatusLabel(s: DataStatus | string): string {
  const d = DATA_STATUS[s as DataStatus];
  return d ? `${d.ko} ${d.en}` : s;
}

/**
 * Raw bytes as spaced upper-case hex pairs ("5D 43 31 …"), whatever the shell sent: contiguous
 * hex, spaced, or with `0x` prefixes. Anything that is not hex is dropped; an odd digit is padded.
 */
export function hexPairs(hex: string): string {
  const digits = hex.replace(/0x/gi, "").replace(/[^0-9a-fA-F]/g, "").toUpperCase();
  const padded = digits.length % 2 ? `0${digits}` : digits;
  return padded.match(/.{2}/g)?.join(" ") ?? "";
}

const CONTROL_NAMES: Record<number, string> = {
  0x00: "NUL", 0x02: "STX", 0x03: "ETX", 0x04: "EOT", 0x09: "TAB", 0x0a: "LF", 0x0d: "CR", 0x1b: "ESC",
  0x1d: "GS", 0x1e: "RS", 0x1f: "US", 0x7f: "DEL",
};

export interface TextSegment {
  text: string;
  /** true = a control character, shown by name ("GS", "CR", "x01"). */
  control: boolean;
}

// The shell escapes control bytes as `<GS>`, `<CR>`, `<0x07>`; raw control characters may arrive too.
const ESCAPED_CONTROL = /^<(NUL|SOH|STX|ETX|EOT|ENQ|ACK|NAK|DC1|TAB|LF|CR|ESC|GS|RS|US|DEL|0x[0-9a-fA-F]{2})>/;

/**
 * Splits text into printable runs and named control characters (GS = FNC1, CR/LF terminators),
 * whether they arrive raw or escaped as `<GS>`: the test screen shows them as small named boxes,
 * since not every font has the ␝-style pictures.
 */
export function controlSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const push = (t: string, control: boolean) => {
    const last = out[out.length - 1];
    if (!control && last && !last.control) last.text += t;
    else out.push({ text: t, control });
  };
  let i = 0;
  while (i < text.length) {
    const esc = text[i] === "<" ? ESCAPED_CONTROL.exec(text.slice(i)) : null;
    if (esc) {
      push(esc[1], true);
      i += esc[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f) push(CONTROL_NAMES[c] ?? `x${c.toString(16).padStart(2, "0")}`, true);
    else push(ch, false);
    i += ch.length;
  }
  return out;
}

/** 21:05:09, the desk's local clock (the scanner test log). */
export function clockTime(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** "0x0eb8" style id for USB vendor/product numbers. */
export function hex4(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : n.toString(16).padStart(4, "0");
}
