import assert from "node:assert/strict";
import { test } from "node:test";
import type { AllocationReport, BackorderParcel } from "../src/pipeline/allocateApi";
import { kindLabel, parseCount, PRIORITIES, reportLine, SERVICE_ORDERS, shortfall, signed } from "../src/pipeline/allocateView";

const parcel: BackorderParcel = {
  parcel_id: 7,
  no: 3,
  order_ids: ["20261123-0000001"],
  splittable: true,
  lines: [
    { item_id: 1, order_id: "20261123-0000001", order_item_code: "a", product_name: "텀블러", option_text: "", quantity: 1, allocated: 1, short: false, needs: [] },
    {
      item_id: 2,
      order_id: "20261123-0000001",
      order_item_code: "b",
      product_name: "선물세트",
      option_text: "",
      quantity: 2,
      allocated: 0,
      short: true,
      needs: [
        { sku: "CUP", need: 2, available: 5 },
        { sku: "BAG", need: 2, available: -1 },
      ],
    },
  ],
};

test("shortfall names the component that is missing, not the first one", () => {
  assert.deepEqual(shortfall(parcel), [{ item_id: 2, sku: "BAG", missing: 2 }]);
});

test("parseCount accepts whole numbers only", () => {
  assert.deepEqual(parseCount(" 12 "), { ok: true, value: 12 });
  assert.equal(parseCount("-1").ok, false);
  assert.equal(parseCount("1.5").ok, false);
  assert.equal(parseCount("").ok, false);
});

test("the report line counts what the desk reported", () => {
  const r: AllocationReport = {
    policy: { order: "full_first", priority: "date" },
    parcels: 10,
    ready: 7,
    backorder: 3,
    partial: 2,
    unmatched: 0,
    claimed: 0,
    lines_allocated: 15,
    lines_short: 4,
    lines_changed: 6,
    stages_changed: 2,
  };
  const line = reportLine(r);
  assert.match(line.ko, /송장대기 7 · 재고부족 3 \(부분할당 2\)/);
  assert.match(line.en, /7 ready · 3 backorder \(2 partly allocated\) · 6 lines changed/);
});

test("every policy value the desk accepts has a label", () => {
  assert.deepEqual(SERVICE_ORDERS.map((o) => o.value), ["full_first", "partial"]);
  assert.deepEqual(PRIORITIES.map((p) => p.value), ["date", "seller", "quantity", "amount"]);
  assert.equal(kindLabel({ id: 1, delta: -2, kind: "release", reference: null, at: "" }), "해제 release");
  assert.equal(kindLabel({ id: 1, delta: 1, kind: "mystery", reference: null, at: "" }), "mystery");
  assert.equal(signed(3), "+3");
  assert.equal(signed(-3), "-3");
});
