// Pure display helpers (no DOM): what a packer reads must look the same everywhere.
import type { WeightReading } from "./types";

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
