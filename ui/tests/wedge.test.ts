import assert from "node:assert/strict";
import { test } from "node:test";
import { classify, DEFAULT_WEDGE, KeyTimer } from "../src/scan/wedge";

function timed(gapMs: number, n: number): KeyTimer {
  const t = new KeyTimer();
  for (let i = 0; i < n; i++) t.key(1000 + i * gapMs);
  return t;
}

test("a fast burst is a scan, typing speed is not", () => {
  assert.equal(classify("601234567890", timed(8, 12), DEFAULT_WEDGE).scanned, true);
  assert.equal(classify("601234567890", timed(150, 12), DEFAULT_WEDGE).scanned, false);
});

test("configured prefix and suffix are stripped before the code is used", () => {
  const s = { ...DEFAULT_WEDGE, prefix: "@@", suffix: "#" };
  assert.equal(classify("@@601234567890#", timed(5, 15), s).code, "601234567890");
});
