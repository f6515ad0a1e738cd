import assert from "node:assert/strict";
import { test } from "node:test";
import type { ShipSelectedReport } from "../src/pipeline/shipApi";
import {
  FIX_LABEL,
  isPartlyClaimed,
  KIND_LABEL,
  lineText,
  partlyClaimedRows,
  rangeProblem,
  selectedSummary,
} from "../src/pipeline/shipView";

const err = (code: string) => ({ code, message_ko: "중지", message_en: "stop" });

const report: ShipSelectedReport = {
  shipped: 1,
  refused: 3,
  rows: [
    { no: 1, tracking_no: "601234560001", shipped: null, error: null },
    { no: 2, tracking_no: "601234560002", shipped: null, error: err("SCAN_PARTLY_CLAIMED") },
    { no: 4, tracking_no: null, shipped: null, error: err("NOT_PRINTED") },
    { no: 5, tracking_no: "601234560005", shipped: null, error: err("SCAN_PARTLY_CLAIMED") },
  ],
};

test("only partly claimed refusals ask the packer to confirm", () => {
  assert.deepEqual(partlyClaimedRows(report), [2, 5]);
  assert.ok(isPartlyClaimed(err("SCAN_PARTLY_CLAIMED")));
  assert.ok(!isPartlyClaimed(err("SCAN_CLAIMED")));
  assert.ok(!isPartlyClaimed(null));
});

test("the summary counts shipped and refused rows in both languages", () => {
  const s = selectedSummary(report);
  assert.match(s.ko, /배송 1건, 거절 3건/);
  assert.match(s.en, /1 shipped, 3 refused/);
});

test("a range must name rows", () => {
  assert.ok(rangeProblem("  "));
  assert.ok(rangeProblem("1-3; drop"));
  assert.equal(rangeProblem("1-3, 5"), null);
});

test("lines read as the packer sees them", () => {
  assert.equal(lineText({ product_name: "티셔츠", option_text: "L", quantity: 2, claimed: true }), "티셔츠 (L) ×2");
  assert.equal(lineText({ product_name: "텀블러", option_text: "", quantity: 1, claimed: false }), "텀블러 ×1");
});

test("every mismatch kind and fix has a label", () => {
  for (const k of ["push_not_applied", "shipped_elsewhere", "push_failed"] as const) assert.ok(KIND_LABEL[k].ko);
  for (const f of ["requeue_push", "mark_shipped", "retry_push"] as const) assert.ok(FIX_LABEL[f].en);
});
