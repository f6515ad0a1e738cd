import assert from "node:assert/strict";
import { test } from "node:test";
import type { CarrierImportPreview, CarrierImportRow, InvoicePool, PipelineCounts, ReviewParcel } from "../src/pipeline/pipelineApi";
import {
  badgeClass,
  canApply,
  differingFields,
  firstNeedingWork,
  neighbourTab,
  poolBlockProblem,
  reasonLabel,
  shownRows,
  sortPools,
  STAGE_TABS,
  tabCount,
} from "../src/pipeline/pipelineView";

function counts(over: Partial<PipelineCounts> = {}): PipelineCounts {
  return { matching: 0, merge: 0, allocate: 0, invoice: 0, ship: 0, mismatch: 0, claims: 0, returns: 0, pools_low: [], total: 0, ...over };
}

function row(n: number, outcome: CarrierImportRow["outcome"], code: string | null = null): CarrierImportRow {
  return {
    row: n,
    key: `P${String(n).padStart(7, "0")}`,
    parcel_code: null,
    no: n,
    tracking_no: "601234560001",
    carrier: "cj",
    outcome,
    outcome_ko: outcome,
    code,
    reason_ko: null,
    reason_en: null,
  };
}

function side(over: Partial<ReviewParcel>): ReviewParcel {
  return { parcel_id: 1, no: 1, order_ids: ["a"], recipient: "한*람", phone: "", mobile: "010-****-0001", address: "서울 강남구 1", ...over };
}

test("the tabs are the eight stages in order, Korean first", () => {
  assert.deepEqual(
    STAGE_TABS.map((t) => t.ko),
    ["매칭", "합포", "할당", "송장", "배송", "클레임", "주문등록", "반품"],
  );
});

test("tabCount reads each stage's field; 배송 includes the 불일치; 주문등록 never waits", () => {
  const c = counts({ matching: 1, merge: 2, allocate: 3, invoice: 4, ship: 5, mismatch: 6, claims: 7, returns: 8 });
  assert.deepEqual(
    STAGE_TABS.map((t) => tabCount(t.id, c)),
    [1, 2, 3, 4, 11, 7, 0, 8],
  );
  assert.equal(tabCount("merge", null), 0);
});

test("badges are grey at zero, red where a person decides, orange for queues", () => {
  const merge = STAGE_TABS.find((t) => t.id === "merge")!;
  const invoice = STAGE_TABS.find((t) => t.id === "invoice")!;
  const claims = STAGE_TABS.find((t) => t.id === "claims")!;
  assert.match(badgeClass(merge, 0), /stage-badge-zero/);
  assert.match(badgeClass(merge, 2), /stage-badge-red/);
  assert.match(badgeClass(claims, 1), /stage-badge-red/);
  assert.match(badgeClass(invoice, 40), /stage-badge-orange/);
});

test("the page opens on the first stage that needs a person", () => {
  assert.equal(firstNeedingWork(null), "match");
  assert.equal(firstNeedingWork(counts()), "match");
  assert.equal(firstNeedingWork(counts({ invoice: 3, claims: 1 })), "invoice");
  assert.equal(firstNeedingWork(counts({ mismatch: 1 })), "ship");
});

test("arrow keys move between tabs and wrap around", () => {
  assert.equal(neighbourTab("match", 1), "merge");
  assert.equal(neighbourTab("match", -1), "returns");
  assert.equal(neighbourTab("returns", 1), "match");
});

test("differingFields names what differs, ignoring hyphens and spaces", () => {
  const a = side({ parcel_id: 1, mobile: "010-****-0001" });
  const b = side({ parcel_id: 2, mobile: "010-****-0099", address: "서울  강남구 1" });
  assert.deepEqual([...differingFields([a, b])], ["mobile"]);
  const c = side({ parcel_id: 3, phone: "02-****-1234" });
  assert.deepEqual([...differingFields([a, c])].sort(), ["phone"]);
  assert.equal(differingFields([a, side({ parcel_id: 4 })]).size, 0);
});

test("a big preview draws only its first rows and says so; a small one draws all", () => {
  const rows = Array.from({ length: 500 }, (_, i) => row(i + 2, i % 10 === 0 ? "failed" : "assign", i % 10 === 0 ? "BAD_NUMBER" : null));
  const big = shownRows(rows, 100000, "all");
  assert.equal(big.rows.length, 200);
  assert.equal(big.rows[0].row, 2);
  assert.ok(big.note);
  assert.match(big.note!.ko, /100,000행 중 처음 200행/);
  assert.match(big.note!.en, /first 200 of 100,000 rows/);

  const failed = shownRows(rows, 50, "failed");
  assert.equal(failed.rows.length, 50);
  assert.ok(failed.rows.every((r) => r.outcome === "failed"));
  assert.equal(failed.note, null);

  const small = shownRows(rows.slice(0, 3), 3, "all");
  assert.equal(small.rows.length, 3);
  assert.equal(small.note, null);
});

test("적용 only for a preview that would assign something and is not applied yet", () => {
  const p: CarrierImportPreview = {
    import_id: 1,
    file_name: "cj.xlsx",
    format: "xlsx",
    carrier: null,
    status: "preview",
    total: 3,
    assign: 2,
    unchanged: 0,
    failed: 1,
    reasons: [{ code: "BAD_NUMBER", rows: 1 }],
    rows: [],
  };
  assert.equal(canApply(p), true);
  assert.equal(canApply({ ...p, assign: 0 }), false);
  assert.equal(canApply({ ...p, status: "applied" }), false);
  assert.equal(canApply(null), false);
});

test("failure reasons read in Korean and English; an unknown code shows itself", () => {
  assert.deepEqual(reasonLabel("CLAIMED"), { ko: "클레임(취소/반품)", en: "claimed" });
  assert.deepEqual(reasonLabel("NEW_CODE"), { ko: "NEW_CODE", en: "NEW_CODE" });
});

test("a pool block needs a first number and a whole count", () => {
  assert.equal(poolBlockProblem("601234560001", "1000"), null);
  assert.ok(poolBlockProblem("", "1000"));
  assert.ok(poolBlockProblem("601234560001", "0"));
  assert.ok(poolBlockProblem("601234560001", "1.5"));
  assert.ok(poolBlockProblem("601234560001", "abc"));
});

test("pools list the default carrier first, then those in use, then the rest", () => {
  const pool = (carrier: string, over: Partial<InvoicePool> = {}): InvoicePool => ({
    carrier,
    name: carrier,
    remaining: 0,
    used: 0,
    waiting: 0,
    low: false,
    is_default: false,
    ...over,
  });
  const sorted = sortPools([pool("hanjin"), pool("lotte", { remaining: 5 }), pool("cj", { is_default: true }), pool("ems", { waiting: 2 })]);
  assert.deepEqual(
    sorted.map((p) => p.carrier),
    ["cj", "lotte", "ems", "hanjin"],
  );
});
