import assert from "node:assert/strict";
import { test } from "node:test";
import { saveWeightHint, weighVerdict } from "../src/fees";
import type { FeeQuoteDto, WeighOutcome } from "../src/types";

const quote: FeeQuoteDto = {
  service: "ems",
  service_name_ko: "EMS 국제특급",
  service_name_en: "EMS",
  data_status: "historical",
  actual_g: 1234,
  volumetric_g: null,
  chargeable_g: 1250,
  lines: [
    { kind: "base", label_ko: "기본요금", label_en: "rate", krw: 27500 },
    { kind: "export_declaration", label_ko: "수출신고", label_en: "export declaration", krw: 500 },
  ],
  total_krw: 28000,
  total_shop: { currency: "KRW", minor: 28000, display: "₩28,000" },
};

function outcome(over: Partial<WeighOutcome>): WeighOutcome {
  return {
    parcel_id: 1002,
    no: 2,
    grams: 1234,
    country: "JP",
    domestic: false,
    quote,
    paid: { currency: "KRW", minor: 25000, display: "₩25,000" },
    paid_krw: 25000,
    undercharged_krw: null,
    refused: null,
    save_weight: null,
    ...over,
  };
}

test("a covered international fee is ok", () => {
  assert.equal(weighVerdict(outcome({})).kind, "ok");
});

test("undercharged names the missing amount", () => {
  const v = weighVerdict(outcome({ undercharged_krw: 3000 }));
  assert.equal(v.kind, "undercharged");
  assert.match(v.ko, /₩3,000/);
  assert.match(v.en, /undercharged by ₩3,000/);
});

test("a refusal wins over an undercharge and carries the reason", () => {
  const refused = { code: "FEE_OVER_LIMIT", message_ko: "K-Packet 한도 2 kg 초과", message_en: "over the K-Packet limit" };
  const v = weighVerdict(outcome({ refused, undercharged_krw: 3000, quote: null }));
  assert.equal(v.kind, "refused");
  assert.match(v.ko, /K-Packet 한도 2 kg 초과/);
  assert.match(v.en, /over the K-Packet limit/);
});

test("domestic parcels have no quote and a contract rate", () => {
  assert.equal(weighVerdict(outcome({ domestic: true, quote: null, country: "KR" })).kind, "domestic");
});

test("a zero undercharge is not a warning", () => {
  assert.equal(weighVerdict(outcome({ undercharged_krw: 0 })).kind, "ok");
});

test("saveWeightHint: missing weight, or the difference in percent", () => {
  assert.equal(saveWeightHint(null, 500).en, "no weight on the SKU yet");
  assert.equal(saveWeightHint(300, 450).ko, "등록 무게와 +50% 차이");
  assert.equal(saveWeightHint(1000, 800).en, "-20% from the SKU's weight");
});
