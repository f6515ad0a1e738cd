// Pure display helpers (no DOM): what a packer reads must look the same everywhere.
import type { ParcelRow, WeightReading } from "./types";

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
