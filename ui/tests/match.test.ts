import assert from "node:assert/strict";
import { test } from "node:test";
import {
  componentsText,
  groupCounts,
  importSummary,
  matchedMessage,
  parseComponents,
  shownImportRows,
  targetOf,
} from "../src/pipeline/matchView";
import type { MappingImport, UnmatchedGroup } from "../src/pipeline/matchApi";

const group: UnmatchedGroup = {
  key: "k",
  product_name: "수기 원피스",
  option_text: "색상=네이비, 사이즈=M",
  lines: 2,
  orders: 1,
  quantity: 3,
  first_item_id: 41,
  channels: ["스마트스토어"],
  linked_option: false,
  flag_ko: null,
  flag_en: null,
};

test("a match is for the whole group, remembered or not", () => {
  assert.deepEqual(targetOf(group), {
    kind: "group",
    product_name: "수기 원피스",
    option_text: "색상=네이비, 사이즈=M",
  });
});

test("group counts read in Korean and English with plurals", () => {
  assert.deepEqual(groupCounts(group), { ko: "2줄 · 주문 1건 · 수량 3", en: "2 lines · 1 order · qty 3" });
});

test("the match banner says whether the mapping was remembered", () => {
  const r = {
    product_name: "수기 원피스",
    option_text: "",
    sku: "P1",
    matched_lines: 2,
    parcels: 2,
    ready: 1,
    mapping_id: 7,
  };
  assert.match(matchedMessage(r).ko, /다음부터 자동 매칭/);
  assert.match(matchedMessage(r).en, /1 of 2 parcel\(s\) ready; remembered/);
  assert.doesNotMatch(matchedMessage({ ...r, mapping_id: null }).ko, /자동/);
});

test("bundle components parse in the usual spellings, merge repeats and report bad lines", () => {
  const { components, bad } = parseComponents("P000000A000A:2\nP000000B000A x 1\n\nP000000C000A\nP000000A000A*1\nbad line here\nX:0");
  assert.deepEqual(components, [
    { sku: "P000000A000A", count: 3 },
    { sku: "P000000B000A", count: 1 },
    { sku: "P000000C000A", count: 1 },
  ]);
  assert.deepEqual(bad, [6, 7]);
  assert.equal(componentsText(components), "P000000A000A:3\nP000000B000A:1\nP000000C000A:1");
  assert.deepEqual(parseComponents("BOX2").components, [{ sku: "BOX2", count: 1 }]);
});

test("a preview says nothing is written; failed-only shows the rows that will not apply", () => {
  const imp: MappingImport = {
    applied: false,
    ok: 1,
    failed: 1,
    written: 0,
    matched_lines: 0,
    rows: [
      { row_no: 2, product_name: "A", option_text: "", sku: "P1", outcome: "OK", detail_ko: null, detail_en: null },
      { row_no: 3, product_name: "B", option_text: "", sku: "X", outcome: "UNKNOWN_SKU", detail_ko: "없음", detail_en: "none" },
    ],
  };
  assert.match(importSummary(imp).ko, /아무것도 저장되지 않습니다/);
  assert.deepEqual(
    shownImportRows(imp, true).map((r) => r.row_no),
    [3],
  );
  assert.equal(shownImportRows(imp, false).length, 2);
  assert.match(importSummary({ ...imp, applied: true, written: 1, matched_lines: 4 }).en, /1 mapping\(s\) written.*4 waiting/);
});
