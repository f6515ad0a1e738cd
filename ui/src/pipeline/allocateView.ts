// Pure logic of the 할당 tab (tested in tests/allocate.test.ts): labels of the policy choices,
// the report line, which lines are short and what they miss, and a stock count's validation.
import type { AllocationReport, BackorderParcel, Priority, ServiceOrder, StockMovement } from "./allocateApi";

export const SERVICE_ORDERS: { value: ServiceOrder; ko: string; en: string }[] = [
  { value: "full_first", ko: "전체출고 가능 우선", en: "Fully shippable first" },
  { value: "partial", ko: "부분출고 (순서대로)", en: "Partial, in priority order" },
];

export const PRIORITIES: { value: Priority; ko: string; en: string }[] = [
  { value: "date", ko: "주문일순", en: "Order date" },
  { value: "seller", ko: "판매처순", en: "Seller" },
  { value: "quantity", ko: "수량 적은 순", en: "Fewest units" },
  { value: "amount", ko: "금액 큰 순", en: "Largest amount" },
];

/** "송장대기 12 · 재고부족 3 (부분 2)" and its English twin. */
export function reportLine(r: AllocationReport): { ko: string; en: string } {
  return {
    ko: `택배 ${r.parcels}건: 송장대기 ${r.ready} · 재고부족 ${r.backorder} (부분할당 ${r.partial}) · 변경 ${r.lines_changed}품목`,
    en: `${r.parcels} parcels: ${r.ready} ready · ${r.backorder} backorder (${r.partial} partly allocated) · ${r.lines_changed} lines changed`,
  };
}

/** Per short line: the first stock SKU it misses, with how many are missing (need − available). */
export function shortfall(p: BackorderParcel): { item_id: number; sku: string; missing: number }[] {
  const out: { item_id: number; sku: string; missing: number }[] = [];
  for (const l of p.lines) {
    if (!l.short) continue;
    const miss = l.needs.find((n) => n.need > n.available);
    if (miss) out.push({ item_id: l.item_id, sku: miss.sku, missing: miss.need - Math.max(miss.available, 0) });
    else out.push({ item_id: l.item_id, sku: l.needs[0]?.sku ?? "", missing: 0 });
  }
  return out;
}

/** A typed count: a whole number ≥ 0, else the reason in both languages. */
export function parseCount(text: string): { ok: true; value: number } | { ok: false; ko: string; en: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, ko: "0 이상의 정수를 입력하세요", en: "Enter a whole number ≥ 0" };
  return { ok: true, value: Number(t) };
}

const KINDS: Record<string, string> = {
  sync: "동기화 sync",
  allocate: "할당 allocate",
  release: "해제 release",
  ship: "출고 ship",
  adjust: "실사 adjust",
  return: "반품입고 return",
  writeoff: "폐기 write-off",
};

export function kindLabel(m: StockMovement): string {
  return KINDS[m.kind] ?? m.kind;
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
