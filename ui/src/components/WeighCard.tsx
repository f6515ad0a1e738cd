// 계량 결과: after a weighed scan (or the weigh button), the parcel's weight, its chargeable weight,
// the fee quote and what the customer paid, side by side, with one loud verdict: refused (over a
// service limit), undercharged (flagged for the owner) or fine. Every fee says where its table
// came from: sample tables (historical / synthetic) are not today's prices.
import { dataStatusLabel, formatKg, formatKrw } from "../format";
import { saveWeightHint, weighVerdict } from "../fees";
import type { WeighOutcome } from "../types";

interface Props {
  outcome: WeighOutcome;
  saving: boolean;
  onSaveWeight: () => void;
}

function Key({ k }: { k: string }) {
  return <kbd class="key">{k}</kbd>;
}

export function WeighCard({ outcome: o, saving, onSaveWeight }: Props) {
  const v = weighVerdict(o);
  const q = o.quote;
  const offer = o.save_weight;
  const hint = offer ? saveWeightHint(offer.current_grams, offer.grams) : null;
  return (
    <section
      id="weigh-card"
      class={`weigh-card weigh-${v.kind}`}
      data-parcel={o.no}
      data-verdict={v.kind}
      data-grams={o.grams}
      aria-live="polite"
    >
      <div class="wc-cell">
        <span class="wc-label">
          {o.no}번 무게 <span class="muted">Weight</span> · {o.country}
        </span>
        <span id="weigh-grams" class="wc-value">
          {formatKg(o.grams)}
        </span>
        {q && (
          <span id="weigh-chargeable" class="wc-sub" data-grams={q.chargeable_g}>
            청구 무게 Chargeable <b>{formatKg(q.chargeable_g)}</b>
            {q.volumetric_g !== null && ` · 부피 vol. ${formatKg(q.volumetric_g)}`}
          </span>
        )}
      </div>
      {q ? (
        <div class="wc-cell">
          <span class="wc-label">
            {q.service_name_ko} <span class="muted">{q.service_name_en}</span>
            <span class={`data-status ds-${q.data_status}`} data-status={q.data_status}>
              {dataStatusLabel(q.data_status)}
            </span>
          </span>
          <span id="weigh-quote" class="wc-value" data-krw={q.total_krw}>
            {formatKrw(q.total_krw)}
            {q.total_shop.currency !== "KRW" && <span class="wc-shop"> = {q.total_shop.display}</span>}
          </span>
          <span class="wc-sub" title={q.lines.map((l) => `${l.label_en} ${l.krw}`).join(" + ")}>
            {q.lines.map((l) => `${l.label_ko} ${formatKrw(l.krw)}`).join(" + ")}
          </span>
        </div>
      ) : (
        <div class="wc-cell">
          <span class="wc-label">
            요금 <span class="muted">Fee</span>
          </span>
          <span class="wc-value wc-value-small">{o.refused ? "발송 불가" : o.unpriced ? "요금표 없음" : "계약 요금"}</span>
          <span class="wc-sub">{o.refused ? "Refused" : o.unpriced ? "No rate table" : "Domestic contract rate"}</span>
        </div>
      )}
      <div class="wc-cell">
        <span class="wc-label">
          고객 결제 배송비 <span class="muted">Customer paid</span>
        </span>
        <span id="weigh-paid" class="wc-value" data-minor={o.paid.minor} data-currency={o.paid.currency}>
          {o.paid.display}
        </span>
        {o.paid.currency !== "KRW" && o.paid_krw !== null && <span class="wc-sub">≈ {formatKrw(o.paid_krw)} (고정 환율 fixed rate)</span>}
      </div>
      <div id="weigh-verdict" class="wc-verdict" data-verdict={v.kind} data-undercharged={o.undercharged_krw ?? ""}>
        <strong>
          {v.kind === "refused" ? "⛔ " : v.kind === "undercharged" || v.kind === "unpriced" ? "⚠ " : "✓ "}
          {v.ko}
        </strong>
        <span>{v.en}</span>
        {v.note && <span class="wc-note">{v.note}</span>}
      </div>
      {offer && (
        <button id="save-weight" class="btn btn-save" disabled={saving} onClick={onSaveWeight} data-sku={offer.sku}>
          <span class="btn-line">
            {saving ? "저장 중… Saving…" : "상품 무게 저장 Save to SKU"} <Key k="F6" />
          </span>
          <span class="save-hint">
            {offer.sku} {formatKg(offer.grams)} · {hint?.ko}
          </span>
        </button>
      )}
    </section>
  );
}
