import assert from "node:assert/strict";
import { test } from "node:test";
import {
  draftHints,
  emptyDraft,
  emptyLine,
  entryOf,
  issueCounts,
  parseWhole,
  returnRequestOf,
  shownFileRows,
  windowLabel,
} from "../src/pipeline/registerView";
import type { OrderFilePreview } from "../src/pipeline/registerApi";
import type { ReturnRecord } from "../src/pipeline/returnsApi";

test("parseWhole reads commas, 원, full-width digits and empty as 0; refuses the rest", () => {
  assert.equal(parseWhole("12,000원"), 12000);
  assert.equal(parseWhole("１２"), 12);
  assert.equal(parseWhole(""), 0);
  assert.equal(parseWhole("1.5"), null);
  assert.equal(parseWhole("두 개"), null);
});

test("a blank form hints at every missing field; a filled one at none", () => {
  const fields = draftHints(emptyDraft()).map((h) => h.field);
  for (const f of ["channel", "name", "mobile", "address1", "zipcode", "lines"]) assert.ok(fields.includes(f), f);
  const d = {
    ...emptyDraft("전화주문"),
    name: "홍길동",
    mobile: "010-1234-5678",
    zipcode: "06236",
    address1: "서울 강남구 테헤란로 1",
    lines: [{ ...emptyLine(), product_name: "티셔츠", quantity: "2" }],
  };
  assert.deepEqual(draftHints(d), []);
  // Abroad: any postcode shape is the desk's call.
  assert.deepEqual(draftHints({ ...d, country: "us", zipcode: "94105-1234" }), []);
  const zero = { ...d, lines: [{ ...emptyLine(), product_name: "티셔츠", quantity: "0" }] };
  assert.equal(draftHints(zero)[0].field, "line-0");
});

test("entryOf trims, drops empty lines, reads numbers and leaves an empty SKU for 매칭", () => {
  const d = {
    ...emptyDraft(" 쿠팡 "),
    order_id: " ",
    name: " 홍길동 ",
    country: "kr",
    shipping_fee: "3,000",
    lines: [{ product_name: "컵", option_text: "", sku: " ", quantity: "2", unit_price: "5,000" }, emptyLine()],
  };
  const e = entryOf(d);
  assert.equal(e.channel, "쿠팡");
  assert.equal(e.order_id, null);
  assert.equal(e.name, "홍길동");
  assert.equal(e.country, "KR");
  assert.equal(e.shipping_fee, 3000);
  assert.deepEqual(e.lines, [{ product_name: "컵", option_text: "", sku: null, quantity: 2, unit_price: 5000 }]);
});

const preview: OrderFilePreview = {
  file_name: "a.csv",
  kind: "csv",
  channels: ["쿠팡"],
  orders: 3,
  lines: 3,
  bad_rows: 1,
  can_apply: false,
  issues: [
    { row: 3, order_id: "A-2", column: "우편번호", code: "POSTCODE_BAD", message_ko: "x", message_en: "x" },
    { row: 3, order_id: "A-2", column: "수량", code: "QTY_BAD", message_ko: "y", message_en: "y" },
  ],
  rows: [2, 3, 4].map((row) => ({
    row,
    order_id: `A-${row - 1}`,
    channel: "쿠팡",
    receiver: "정*늘",
    product_name: "컵",
    option_text: "",
    quantity: "1",
    sku: "",
    ok: row !== 3,
    issues: [],
  })),
};

test("the preview lists bad rows alone when asked, and counts issues per code", () => {
  assert.deepEqual(shownFileRows(preview, true).rows.map((r) => r.row), [3]);
  assert.equal(shownFileRows(preview, false, 2).hidden, 1);
  assert.deepEqual(issueCounts(preview), [
    { code: "POSTCODE_BAD", count: 1 },
    { code: "QTY_BAD", count: 1 },
  ]);
});

test("a return request names only the lines handled unlike the rest", () => {
  const r = returnRequestOf(" 601234560001 ", "defect", "restock", { 7: "write_off", 5: "restock", 9: "write_off" });
  assert.equal(r.code, "601234560001");
  assert.deepEqual(r.per_line, [
    [7, "write_off"],
    [9, "write_off"],
  ]);
});

test("the window label says in or out and until when", () => {
  const rec = { within_window: false, window_days: 7, window_ends_at: "2026-11-30 10:00" } as ReturnRecord;
  assert.match(windowLabel(rec).ko, /지남/);
  assert.match(windowLabel({ ...rec, within_window: true }).en, /within the 7-day window/);
});
