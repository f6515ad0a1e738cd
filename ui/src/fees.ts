// What a weighed parcel means for the packer, decided once so the weigh card, its data attributes
// and the tests agree: refused (over a service limit) beats undercharged, which beats a plain fee.
import { formatKrw } from "./format";
import type { WeighOutcome } from "./types";

export type Verdict = "refused" | "undercharged" | "ok" | "domestic" | "unpriced";

export interface WeighVerdict {
  kind: Verdict;
  ko: string;
  en: string;
  /** What happens next, in both languages (the undercharge goes on the owner's list). */
  note?: string;
}

export function weighVerdict(o: WeighOutcome): WeighVerdict {
  if (o.refused) {
    return {
      kind: "refused",
      ko: `발송 불가: ${o.refused.message_ko}`,
      en: `refused: ${o.refused.message_en}`,
      note: "다른 서비스로 다시 계량하세요 · weigh again for another service",
    };
  }
  if (o.undercharged_krw !== null && o.undercharged_krw > 0) {
    const short = formatKrw(o.undercharged_krw);
    return {
      kind: "undercharged",
      ko: `배송비 부족 ${short}`,
      en: `undercharged by ${short}`,
      note: "요금 확인 목록에 올림 · flagged for the owner",
    };
  }
  if (!o.domestic && o.unpriced) {
    return {
      kind: "unpriced",
      ko: `요금 확인 불가: ${o.unpriced.message_ko}`,
      en: `fee not checked: ${o.unpriced.message_en}`,
      note: "발송은 진행됩니다 · the parcel ships; add a rate table for this country",
    };
  }
  if (o.domestic || !o.quote) {
    return { kind: "domestic", ko: "국내 택배 — 계약 요금", en: "domestic parcel: contract rate" };
  }
  return { kind: "ok", ko: "배송비 충분", en: "shipping paid covers the fee" };
}

/** "3 kg more than the SKU says" style hint for the save-weight offer: missing, or how far off. */
export function saveWeightHint(current: number | null, grams: number): { ko: string; en: string } {
  if (current === null || current <= 0) return { ko: "상품 무게 미등록", en: "no weight on the SKU yet" };
  const pct = Math.round(((grams - current) / current) * 100);
  const sign = pct > 0 ? "+" : "";
  return { ko: `등록 무게와 ${sign}${pct}% 차이`, en: `${sign}${pct}% from the SKU's weight` };
}
