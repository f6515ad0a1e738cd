// Pure logic of the 주문등록 and 반품 입고 tabs: the hand-entry form as text fields → the desk's
// OrderEntry, quick hints before sending (the desk checks everything again and has the last
// word), the preview's rows per problem, and the words of a return's result card.
import type { EntryIssue, EntryLine, OrderEntry, OrderFilePreview } from "./registerApi";
import type { Disposition, Payer, ReturnReason, ReturnRecord, ReturnRequest } from "./returnsApi";

/** A line of the form, as typed. */
export interface LineDraft {
  product_name: string;
  option_text: string;
  sku: string;
  quantity: string;
  unit_price: string;
}

/** The form, as typed. */
export interface EntryDraft {
  channel: string;
  order_id: string;
  name: string;
  phone: string;
  mobile: string;
  zipcode: string;
  address1: string;
  address2: string;
  message: string;
  country: string;
  shipping_fee: string;
  lines: LineDraft[];
}

export interface Hint {
  field: string;
  ko: string;
  en: string;
}

export const CHANNEL_SUGGESTIONS = ["스마트스토어", "쿠팡", "11번가", "G마켓", "전화주문", "직접입력"];

export function emptyLine(): LineDraft {
  return { product_name: "", option_text: "", sku: "", quantity: "1", unit_price: "" };
}

export function emptyDraft(channel = ""): EntryDraft {
  return {
    channel,
    order_id: "",
    name: "",
    phone: "",
    mobile: "",
    zipcode: "",
    address1: "",
    address2: "",
    message: "",
    country: "",
    shipping_fee: "",
    lines: [emptyLine()],
  };
}

/** Whole won or count: "12,000", "１２" and "" (→ 0) are read; anything else is null. */
export function parseWhole(text: string): number | null {
  const t = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,\s원]/g, "");
  if (t === "") return 0;
  if (!/^-?\d+$/.test(t)) return null;
  return Number(t);
}

const digits = (s: string) => s.replace(/\D/g, "");

/** Lines left completely empty are not lines. */
function filledLines(d: EntryDraft): LineDraft[] {
  return d.lines.filter((l) => l.product_name.trim() || l.option_text.trim() || l.sku.trim());
}

/** Hints shown before sending: the obvious misses. The desk's own check is the authority. */
export function draftHints(d: EntryDraft): Hint[] {
  const out: Hint[] = [];
  if (!d.channel.trim()) out.push({ field: "channel", ko: "판매처를 고르세요", en: "choose the channel" });
  if (!d.name.trim()) out.push({ field: "name", ko: "수령인을 입력하세요", en: "enter the receiver" });
  if (!digits(d.phone) && !digits(d.mobile))
    out.push({ field: "mobile", ko: "전화번호나 휴대전화를 입력하세요", en: "enter a phone or mobile number" });
  if (!d.address1.trim()) out.push({ field: "address1", ko: "주소를 입력하세요", en: "enter the address" });
  const kr = ["", "KR"].includes(d.country.trim().toUpperCase());
  if (kr && !/^\d{5}$/.test(d.zipcode.trim()))
    out.push({ field: "zipcode", ko: "우편번호는 숫자 5자리입니다", en: "the postcode is 5 digits" });
  const lines = filledLines(d);
  if (lines.length === 0) out.push({ field: "lines", ko: "상품을 한 줄 이상 입력하세요", en: "add at least one line" });
  lines.forEach((l, i) => {
    const q = parseWhole(l.quantity);
    if (!l.product_name.trim())
      out.push({ field: `line-${i}`, ko: `${i + 1}번째 줄: 상품명이 없습니다`, en: `line ${i + 1}: no product name` });
    if (q === null || q <= 0)
      out.push({ field: `line-${i}`, ko: `${i + 1}번째 줄: 수량은 1 이상`, en: `line ${i + 1}: quantity must be at least 1` });
    if (parseWhole(l.unit_price) === null)
      out.push({ field: `line-${i}`, ko: `${i + 1}번째 줄: 단가는 숫자`, en: `line ${i + 1}: the price is a number` });
  });
  if (parseWhole(d.shipping_fee) === null)
    out.push({ field: "shipping_fee", ko: "배송비는 숫자입니다", en: "the shipping fee is a number" });
  return out;
}

/** The draft as the desk takes it (numbers that do not parse are sent as 0 and refused there). */
export function entryOf(d: EntryDraft): OrderEntry {
  const lines: EntryLine[] = filledLines(d).map((l) => ({
    product_name: l.product_name.trim(),
    option_text: l.option_text.trim(),
    sku: l.sku.trim() || null,
    quantity: parseWhole(l.quantity) ?? 0,
    unit_price: parseWhole(l.unit_price) ?? 0,
  }));
  return {
    channel: d.channel.trim(),
    order_id: d.order_id.trim() || null,
    name: d.name.trim(),
    phone: d.phone.trim(),
    mobile: d.mobile.trim(),
    zipcode: d.zipcode.trim(),
    address1: d.address1.trim(),
    address2: d.address2.trim(),
    message: d.message.trim(),
    country: d.country.trim().toUpperCase(),
    lines,
    shipping_fee: parseWhole(d.shipping_fee) ?? 0,
  };
}

/** One line per issue for the preview's reasons column. */
export function issueText(i: EntryIssue): string {
  return `${i.column}: ${i.message_ko} · ${i.message_en}`;
}

/** How many issues of each code a preview has, most frequent first. */
export function issueCounts(p: OrderFilePreview): { code: string; count: number }[] {
  const m = new Map<string, number>();
  for (const i of p.issues) m.set(i.code, (m.get(i.code) ?? 0) + 1);
  return [...m.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The rows drawn: bad ones first when asked, at most `limit`. */
export function shownFileRows(p: OrderFilePreview, badOnly: boolean, limit = 500) {
  const rows = badOnly ? p.rows.filter((r) => !r.ok) : p.rows;
  return { rows: rows.slice(0, limit), hidden: Math.max(0, rows.length - limit) };
}

export const REASONS: { id: ReturnReason; ko: string; en: string }[] = [
  { id: "change_of_mind", ko: "단순변심 (7일, 고객 부담)", en: "change of mind (7 days, customer pays)" },
  { id: "defect", ko: "불량 (3개월, 판매자 부담)", en: "defect (3 months, seller pays)" },
  { id: "wrong_item", ko: "오배송 (3개월, 판매자 부담)", en: "wrong item (3 months, seller pays)" },
];

export function payerLabel(p: Payer): { ko: string; en: string } {
  return p === "customer"
    ? { ko: "반품배송비 고객 부담", en: "the customer pays the return shipping" }
    : { ko: "반품배송비 판매자 부담", en: "the seller pays the return shipping" };
}

export function windowLabel(r: ReturnRecord): { ko: string; en: string } {
  return r.within_window
    ? { ko: `반품 기간 내 (출고 후 ${r.window_days}일, ${r.window_ends_at}까지)`, en: `within the ${r.window_days}-day window (until ${r.window_ends_at})` }
    : { ko: `반품 기간 지남 (출고 후 ${r.window_days}일, ${r.window_ends_at}까지였음)`, en: `past the ${r.window_days}-day window (ended ${r.window_ends_at})` };
}

/** The request: one disposition for all lines, the lines set otherwise listed. */
export function returnRequestOf(
  code: string,
  reason: ReturnReason,
  all: Disposition,
  perLine: Record<number, Disposition>,
): ReturnRequest {
  const per_line = Object.entries(perLine)
    .filter(([, d]) => d !== all)
    .map(([id, d]) => [Number(id), d] as [number, Disposition])
    .sort((a, b) => a[0] - b[0]);
  return { code: code.trim(), reason, disposition: all, per_line };
}
