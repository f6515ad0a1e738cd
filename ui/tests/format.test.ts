import assert from "node:assert/strict";
import { test } from "node:test";
import { clockTime, controlSegments, dataStatusLabel, formatKg, formatKrw, hex4, hexPairs } from "../src/format";

test("formatKg shows grams as kilograms with three decimals", () => {
  assert.equal(formatKg(1234), "1.234 kg");
  assert.equal(formatKg(850), "0.850 kg");
  assert.equal(formatKg(1500), "1.500 kg");
  assert.equal(formatKg(0), "0.000 kg");
  assert.equal(formatKg(null), "–");
  assert.equal(formatKg(Number.NaN), "–");
});

test("formatKrw groups thousands and keeps the sign in front", () => {
  assert.equal(formatKrw(25500), "₩25,500");
  assert.equal(formatKrw(500), "₩500");
  assert.equal(formatKrw(1234567), "₩1,234,567");
  assert.equal(formatKrw(-4000), "−₩4,000");
  assert.equal(formatKrw(0), "₩0");
  assert.equal(formatKrw(undefined), "–");
});

test("dataStatusLabel says where a fee table came from, Korean first", () => {
  assert.equal(dataStatusLabel("synthetic"), "예시 요금표 synthetic");
  assert.equal(dataStatusLabel("historical"), "과거 요금표 historical");
  assert.equal(dataStatusLabel("official"), "공식 요금표 official");
  assert.equal(dataStatusLabel("draft"), "draft");
});

test("hexPairs normalises contiguous, spaced and 0x-prefixed hex", () => {
  assert.equal(hexPairs("5d43310d0a"), "5D 43 31 0D 0A");
  assert.equal(hexPairs("5d 43 31"), "5D 43 31");
  assert.equal(hexPairs("0x5d 0x43"), "5D 43");
  assert.equal(hexPairs("5D:43:31"), "5D 43 31");
  assert.equal(hexPairs("d43"), "0D 43");
  assert.equal(hexPairs(""), "");
});

test("controlSegments names GS, CR, LF and other control bytes between printable runs", () => {
  assert.deepEqual(controlSegments("]C10108801234567893" + "10LOT\x1d17261231\r\n"), [
    { text: "]C1010880123456789310LOT", control: false },
    { text: "GS", control: true },
    { text: "17261231", control: false },
    { text: "CR", control: true },
    { text: "LF", control: true },
  ]);
  assert.deepEqual(controlSegments("a\x01\x7f"), [
    { text: "a", control: false },
    { text: "x01", control: true },
    { text: "DEL", control: true },
  ]);
  assert.deepEqual(controlSegments("송장 601234567890"), [{ text: "송장 601234567890", control: false }]);
  assert.deepEqual(controlSegments(""), []);
});

test("controlSegments also reads the shell's escaped form (<GS>, <CR>, <0x07>)", () => {
  assert.deepEqual(controlSegments("10LOT<GS>17261231<CR><LF>"), [
    { text: "10LOT", control: false },
    { text: "GS", control: true },
    { text: "17261231", control: false },
    { text: "CR", control: true },
    { text: "LF", control: true },
  ]);
  assert.deepEqual(controlSegments("a<0x07>b"), [
    { text: "a", control: false },
    { text: "0x07", control: true },
    { text: "b", control: false },
  ]);
  // Angle brackets that are not a control name stay text.
  assert.deepEqual(controlSegments("<ABC>"), [{ text: "<ABC>", control: false }]);
});

test("clockTime pads hours, minutes and seconds", () => {
  assert.equal(clockTime(new Date(2025, 0, 15, 9, 5, 7)), "09:05:07");
  assert.equal(clockTime(new Date(2025, 0, 15, 21, 45, 59)), "21:45:59");
});

test("hex4 pads USB ids to four lower-case digits", () => {
  assert.equal(hex4(0x0922), "0922");
  assert.equal(hex4(0x67b), "067b");
  assert.equal(hex4(null), "–");
});
