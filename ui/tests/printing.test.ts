import assert from "node:assert/strict";
import { test } from "node:test";
import {
  badRangePart,
  documentChoices,
  documentName,
  draftOf,
  isEmptyUpdate,
  isPauseError,
  isReasonRequired,
  isShippingLabel,
  kindOfUri,
  latestPaused,
  listNos,
  parseRange,
  previewDataLabel,
  printedSummary,
  progressLabel,
  printerFormProblem,
  reprintRows,
  skuFactsUpdate,
  suggestedFormat,
} from "../src/printing";
import type { ParcelRow, PrintJob, SkuFacts, TemplateInfo } from "../src/types";

test("parseRange keeps the typed order, drops repeats and reads full-width digits and ~", () => {
  assert.deepEqual(parseRange("1-3, 5, 7", 10), { ok: true, nos: [1, 2, 3, 5, 7] });
  assert.deepEqual(parseRange("7, 1-3, 2", 10), { ok: true, nos: [7, 1, 2, 3] });
  assert.deepEqual(parseRange("１－３，５", 10), { ok: true, nos: [1, 2, 3, 5] });
  assert.deepEqual(parseRange("2~4", 10), { ok: true, nos: [2, 3, 4] });
  assert.deepEqual(parseRange("  ", 3), { ok: true, nos: [1, 2, 3] });
});

test("parseRange names the bad part as typed", () => {
  assert.deepEqual(parseRange("1-3, 3-1, 5", 10), { ok: false, part: "3-1" });
  assert.deepEqual(parseRange("1, abc", 10), { ok: false, part: "abc" });
  assert.deepEqual(parseRange("0-2", 10), { ok: false, part: "0-2" });
  assert.deepEqual(parseRange("5, 11", 10), { ok: false, part: "11" });
  assert.deepEqual(parseRange("1-2-3", 10), { ok: false, part: "1-2-3" });
  assert.deepEqual(parseRange("1,,2", 10), { ok: false, part: "1,,2" });
});

function row(no: number, print_count: number): ParcelRow {
  return {
    no, parcel_id: 100 + no, order_ids: [], stage: print_count ? "printed" : "ready", stage_ko: "", recipient: "", phone: "",
    items: "", item_count: 1, tracking_no: null, carrier: "cj", carrier_name: "", print_count, blocked_reason: null,
    pushed: false, shipped_at: null,
  };
}

test("reprintRows finds the printed rows a range names, never for a blank or bad range", () => {
  const rows = [row(1, 1), row(2, 0), row(3, 2), row(4, 0)];
  assert.deepEqual(reprintRows(rows, "1-4").map((r) => r.no), [1, 3]);
  assert.deepEqual(reprintRows(rows, "3, 1").map((r) => r.no), [3, 1]);
  assert.deepEqual(reprintRows(rows, "2, 4"), []);
  assert.deepEqual(reprintRows(rows, ""), [], "blank prints only the waiting rows");
  assert.deepEqual(reprintRows(rows, "1-9"), [], "the desk refuses a bad range; no dialog for it");
});

test("badRangePart finds the quoted part in the message and where it was typed", () => {
  const e = { code: "RANGE_INVALID", message_ko: "'3-1': 시작(3)이 끝(1)보다 큽니다. 1-3(으)로 입력하세요.", message_en: "'3-1' runs backwards (3 > 1); write 1-3" };
  assert.deepEqual(badRangePart(e, "1, 3-1, 5"), { part: "3-1", start: 3, end: 6 });
  assert.deepEqual(badRangePart(e, "1, 5"), { part: "3-1", start: -1, end: -1 });
  const beyond = { code: "RANGE_INVALID", message_ko: "'99': 목록에는 12건만 있습니다.", message_en: "'99' is beyond the list" };
  assert.equal(badRangePart(beyond, "1-3,99")?.start, 4);
  assert.equal(badRangePart({ code: "PRINTER_OFFLINE", message_ko: "'x'", message_en: "" }, "x"), null, "only range errors");
  assert.equal(badRangePart({ code: "RANGE_INVALID", message_ko: "범위 오류", message_en: "bad" }, "x"), null);
});

test("pause and reason codes", () => {
  assert.ok(isPauseError({ code: "PRINTER_OFFLINE" }));
  assert.ok(!isPauseError({ code: "RANGE_INVALID" }));
  assert.ok(isReasonRequired({ code: "REPRINT_REASON_REQUIRED" }));
  assert.ok(!isReasonRequired({ code: "PRINTER_OFFLINE" }));
});

function job(job_id: number, status: PrintJob["status"]): PrintJob {
  return { job_id, printer: "tcp://x", format: "zpl", document: "waybill-cj", status, printed: 1, total: 3, paused_reason_ko: null, paused_reason_en: null, created_kst: "" };
}

test("latestPaused picks the newest paused job whatever the order", () => {
  assert.equal(latestPaused([job(1, "paused"), job(5, "done"), job(3, "paused")])?.job_id, 3);
  assert.equal(latestPaused([job(2, "done"), job(1, "failed")]), null);
});

test("documents, printer kinds and number lists", () => {
  assert.ok(isShippingLabel(null));
  assert.ok(isShippingLabel("waybill"));
  assert.ok(isShippingLabel("waybill-lotte"));
  assert.ok(isShippingLabel("label-ems-cn22"), "the EMS label carries the invoice number");
  assert.ok(isShippingLabel("label-generic-100x150"));
  assert.ok(!isShippingLabel("packing-slip"));
  assert.ok(!isShippingLabel("pick-list"));
  assert.ok(!isShippingLabel("warranty-card"));
  assert.equal(kindOfUri("tcp://10.0.0.5:9100"), "network");
  assert.equal(kindOfUri("serial:///dev/ttyUSB0?baud=9600"), "serial");
  assert.equal(kindOfUri("spooler://Zebra"), "spooler");
  assert.equal(listNos([1, 2, 3]), "1, 2, 3");
  assert.equal(listNos([1, 2, 3, 4, 5], 3), "1, 2, 3 외 2건");
});

const TEMPLATES: TemplateInfo[] = [
  { id: "waybill-cj", name_ko: "CJ대한통운 표준운송장 (123×100)", name_en: "CJ Logistics standard waybill", kind: "waybill" },
  { id: "packing-slip", name_ko: "주문서 / 거래명세서 (100×150)", name_en: "Packing slip", kind: "packing-slip" },
  { id: "pick-list", name_ko: "피킹 리스트 (A4)", name_en: "Pick list", kind: "pick-list" },
];

test("documentChoices puts the carrier waybill first, then every template by its Korean name", () => {
  const c = documentChoices(TEMPLATES);
  assert.deepEqual(c.map((d) => d.id), ["waybill", "waybill-cj", "packing-slip", "pick-list"]);
  assert.equal(c[0].ko, "송장 (택배사별)");
  assert.equal(c[0].en, "Carrier waybill");
  assert.equal(c[2].ko, "주문서 / 거래명세서 (100×150)");
  // Before the desk's list arrives the built-in documents stand in, still with the waybill first.
  const fallback = documentChoices([]);
  assert.equal(fallback[0].id, "waybill");
  assert.ok(fallback.some((d) => d.id === "pick-list" && d.ko === "피킹리스트"));
  assert.ok(fallback.every((d) => d.ko !== d.id), "every built-in has a Korean name");
});

test("documentName never shows the raw id waybill", () => {
  assert.equal(documentName("waybill", TEMPLATES).ko, "송장 (택배사별)");
  assert.equal(documentName("waybill", []).ko, "송장 (택배사별)");
  assert.equal(documentName(null, TEMPLATES).ko, "송장 (택배사별)");
  assert.equal(documentName("pick-list", TEMPLATES).ko, "피킹 리스트 (A4)");
  assert.equal(documentName("warranty-card", []).ko, "보증서");
  assert.equal(documentName("my-own", []).ko, "my-own", "an unknown id is shown as it is");
});

test("printedSummary says what went to paper", () => {
  assert.deepEqual(printedSummary("packing-slip", 3), { ko: "거래명세서 3장", en: "3 packing slips" });
  assert.deepEqual(printedSummary("pick-list", 5), { ko: "피킹리스트 1장 (5건)", en: "1 pick list (5 parcels)" });
  assert.deepEqual(printedSummary("pick-list", 1), { ko: "피킹리스트 1장 (1건)", en: "1 pick list (1 parcel)" });
  assert.equal(printedSummary("waybill", 2).ko, "송장 2장");
  assert.equal(printedSummary(null, 1).en, "1 waybill");
  assert.equal(printedSummary("waybill-cj", 4).ko, "송장 4장");
  assert.equal(printedSummary("warranty-card", 2).ko, "보증서 2건");
});

test("previewDataLabel tells a real parcel from a synthetic sample, in both languages", () => {
  assert.deepEqual(previewDataLabel("parcel"), { ko: "실제 택배 데이터", en: "parcel data" });
  assert.deepEqual(previewDataLabel("synthetic"), { ko: "샘플(합성)", en: "synthetic sample" });
});

test("add-printer form: both fields needed, the format follows the URI", () => {
  assert.equal(printerFormProblem("", "Zebra")?.code, "PRINTER_URI_MISSING");
  assert.equal(printerFormProblem("tcp://10.0.0.5:9100", "  ")?.code, "PRINTER_NAME_MISSING");
  assert.equal(printerFormProblem("tcp://10.0.0.5:9100", "Zebra"), null);
  assert.equal(suggestedFormat("file:///tmp/a.pdf"), "pdf");
  assert.equal(suggestedFormat("tcp://10.0.0.5:9100"), "zpl");
});

const FACTS: SkuFacts = { sku: "SKU-101", name: "티셔츠", option_text: "L", location: "A-01", name_en: null, hs_code: "6109.10", origin: "KR" };

test("skuFactsUpdate sends only what changed", () => {
  const d = draftOf(FACTS);
  assert.deepEqual(d, { location: "A-01", name_en: "", hs_code: "6109.10", origin: "KR" });
  assert.ok(isEmptyUpdate(skuFactsUpdate(FACTS, d)));
  assert.ok(isEmptyUpdate(skuFactsUpdate(FACTS, { ...d, location: " A-01 " })), "spaces are not a change");
  assert.deepEqual(skuFactsUpdate(FACTS, { ...d, location: "B-02", name_en: "T-shirt " }), {
    location: "B-02",
    name_en: "T-shirt",
    hs_code: null,
    origin: null,
  });
  assert.equal(skuFactsUpdate(FACTS, { ...d, location: "" }).location, "", "an emptied location clears it");
});

test("progressLabel counts sheets, or parcels for a pick list and warranty cards", () => {
  assert.equal(progressLabel({ printed: 1, total: 3, document: "waybill" }), "1 / 3장");
  assert.equal(progressLabel({ printed: 2, total: 2, document: "packing-slip" }), "2 / 2장");
  assert.equal(progressLabel({ printed: 5, total: 5, document: "pick-list" }), "5 / 5건");
  assert.equal(progressLabel({ printed: 1, total: 2, document: "warranty-card" }), "1 / 2건");
  assert.equal(progressLabel({ printed: 0, total: 4 }), "0 / 4장");
});
