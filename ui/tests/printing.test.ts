import assert from "node:assert/strict";
import { test } from "node:test";
import {
  badRangePart,
  isPauseError,
  isReasonRequired,
  isWaybill,
  kindOfUri,
  latestPaused,
  listNos,
  parseRange,
  reprintRows,
} from "../src/printing";
import type { ParcelRow, PrintJob } from "../src/types";

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
  assert.ok(isWaybill(null));
  assert.ok(isWaybill("waybill-lotte"));
  assert.ok(!isWaybill("packing-slip"));
  assert.equal(kindOfUri("tcp://10.0.0.5:9100"), "network");
  assert.equal(kindOfUri("serial:///dev/ttyUSB0?baud=9600"), "serial");
  assert.equal(kindOfUri("spooler://Zebra"), "spooler");
  assert.equal(listNos([1, 2, 3]), "1, 2, 3");
  assert.equal(listNos([1, 2, 3, 4, 5], 3), "1, 2, 3 외 2건");
});
