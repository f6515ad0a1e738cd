// Pure helpers of the 배송 and 클레임 tabs (tested in tests/ship.test.ts).
import type { ErrorPayload } from "../types";
import type { ClaimedLine, FixAction, MismatchKind, ShipSelectedReport } from "./shipApi";

/** The code a scan refuses a partly claimed parcel with: the station asks the packer to confirm. */
export const PARTLY_CLAIMED = "SCAN_PARTLY_CLAIMED";

export function isPartlyClaimed(e: ErrorPayload | null | undefined): boolean {
  return e?.code === PARTLY_CLAIMED;
}

export const KIND_LABEL: Record<MismatchKind, { ko: string; en: string }> = {
  push_not_applied: { ko: "전송했지만 판매처 미반영", en: "Push sent, shop not updated" },
  shipped_elsewhere: { ko: "판매처에서 이미 배송", en: "Shipped at the shop" },
  push_failed: { ko: "송장 전송 실패", en: "Push refused" },
};

export const FIX_LABEL: Record<FixAction, { ko: string; en: string }> = {
  requeue_push: { ko: "송장 재전송", en: "Send again" },
  mark_shipped: { ko: "배송완료 처리", en: "Mark shipped" },
  retry_push: { ko: "재시도", en: "Retry" },
};

/** The banner line after 선택 배송처리. */
export function selectedSummary(r: ShipSelectedReport): { ko: string; en: string } {
  return {
    ko: `선택 배송처리 — 배송 ${r.shipped}건, 거절 ${r.refused}건`,
    en: `Ship selected — ${r.shipped} shipped, ${r.refused} refused`,
  };
}

/** Rows refused only because the packer has not confirmed the claimed lines were taken out. */
export function partlyClaimedRows(r: ShipSelectedReport): number[] {
  return r.rows.filter((row) => isPartlyClaimed(row.error)).map((row) => row.no);
}

/** "티셔츠 (L) ×2" */
export function lineText(l: ClaimedLine): string {
  const option = l.option_text ? ` (${l.option_text})` : "";
  return `${l.product_name}${option} ×${l.quantity}`;
}

/** A range box value worth sending: not empty, only digits, commas, hyphens and spaces. */
export function rangeProblem(text: string): { ko: string; en: string } | null {
  const t = text.trim();
  if (!t) return { ko: "배송처리할 연번을 입력하세요 (예: 1-3, 5)", en: "Give the rows to ship, e.g. 1-3, 5" };
  if (!/^[0-9,\-\s]+$/.test(t)) return { ko: `잘못된 범위: ${t}`, en: `Not a range: ${t}` };
  return null;
}
