// 반품 입고 Returns: scan the returned box (its waybill, the packing slip's P0000123 or an order
// id) → the parcel and its lines → the reason (단순변심 / 불량 / 오배송) and restock or write off
// per line → 입고 Receive → the result card: inside or outside the return window (counted from
// the day it shipped — Packdesk does not learn the delivery date) and who pays the return
// shipping. Below, the returns received.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { REASONS, payerLabel, returnRequestOf, windowLabel } from "./registerView";
import {
  returnsApi,
  type Disposition,
  type ReturnCandidate,
  type ReturnReason,
  type ReturnRecord,
} from "./returnsApi";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

const DISPOSITIONS: { id: Disposition; ko: string; en: string }[] = [
  { id: "restock", ko: "재입고", en: "restock" },
  { id: "write_off", ko: "폐기", en: "write off" },
];

function reasonName(r: ReturnReason): string {
  return REASONS.find((x) => x.id === r)?.ko.split(" (")[0] ?? r;
}

export function ReturnsTab({ active, onChanged, onError, onDone }: TabProps) {
  const scanRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState("");
  const [candidate, setCandidate] = useState<ReturnCandidate | null>(null);
  const [reason, setReason] = useState<ReturnReason>("change_of_mind");
  const [all, setAll] = useState<Disposition>("restock");
  const [perLine, setPerLine] = useState<Record<number, Disposition>>({});
  const [result, setResult] = useState<ReturnRecord | null>(null);
  const [list, setList] = useState<ReturnRecord[] | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await returnsApi.list());
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (!active) return;
    void load();
    scanRef.current?.focus();
  }, [active, load]);

  const { busy, act } = useTabActions(onError);

  const lookUp = () => {
    const c = code.trim();
    if (!c) return;
    return act("lookup", async () => {
      setCandidate(null);
      setResult(null);
      setPerLine({});
      setCandidate(await returnsApi.candidate(c));
    });
  };

  const receive = () => {
    const c = candidate;
    if (!c) return;
    return act("receive", async () => {
      const r = await returnsApi.receive(returnRequestOf(code, reason, all, perLine));
      setResult(r);
      setCandidate(null);
      setCode("");
      const w = windowLabel(r);
      const p = payerLabel(r.payer);
      onDone(`반품 입고 완료 Received — ${r.tracking_no ?? r.scanned_code}`, `${w.en}; ${p.en}`);
      onChanged();
      await load();
      scanRef.current?.focus();
    });
  };

  const lineDisposition = (itemId: number, sku: string | null): Disposition =>
    sku === null ? "write_off" : perLine[itemId] ?? all;

  return (
    <div id="returns-tab" class="returns-tab">
      <div class="devices-grid">
        <section class="dev-card" id="returns-scan">
          <h2>
            반품 입고 <span class="muted">Returns intake</span>
          </h2>
          <form
            class="dev-form"
            onSubmit={(e) => {
              e.preventDefault();
              void lookUp();
            }}
          >
            <label>
              송장번호 · 택배코드 · 주문번호 <span class="muted">Waybill, parcel code or order id</span>
              <input
                id="returns-code"
                ref={scanRef}
                class="mono"
                autoComplete="off"
                value={code}
                onInput={(e) => setCode(e.currentTarget.value)}
                placeholder="스캔하세요 · scan"
              />
            </label>
            <button type="submit" class="btn" disabled={busy !== null || !code.trim()}>
              찾기 Look up
            </button>
          </form>
          {candidate && (
            <div id="returns-candidate" class="returns-candidate">
              <p>
                택배 <span class="mono">{candidate.tracking_no ?? `P${String(candidate.parcel_id).padStart(7, "0")}`}</span> ·
                주문 {candidate.order_ids.join(", ")} · 출고 {candidate.shipped_at} ({candidate.days_since_shipped}일 전)
              </p>
              <div class="dev-form">
                <label>
                  반품 사유 Reason
                  <select id="returns-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as ReturnReason)}>
                    {REASONS.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.ko} · {r.en}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  전체 처리 All lines
                  <select id="returns-all" value={all} onChange={(e) => setAll(e.currentTarget.value as Disposition)}>
                    {DISPOSITIONS.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.ko} {d.en}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <table id="returns-lines" class="dev-table">
                <thead>
                  <tr>
                    <th>주문 Order</th>
                    <th>상품 Product</th>
                    <th class="num">수량</th>
                    <th>처리 Disposition</th>
                  </tr>
                </thead>
                <tbody>
                  {candidate.lines.map((l) => (
                    <tr key={l.item_id} data-item={l.item_id}>
                      <td class="mono small">{l.order_id}</td>
                      <td>
                        {l.product_name}
                        {l.option_text && <span class="muted"> ({l.option_text})</span>}
                        {l.sku && <span class="mono small muted"> {l.sku}</span>}
                      </td>
                      <td class="num mono">{l.quantity}</td>
                      <td>
                        {l.sku === null ? (
                          <span class="muted small">SKU 없음 → 폐기 기록 · no SKU: written off</span>
                        ) : (
                          <select
                            value={lineDisposition(l.item_id, l.sku)}
                            onChange={(e) => {
                              const d = e.currentTarget.value as Disposition;
                              setPerLine((p) => ({ ...p, [l.item_id]: d }));
                            }}
                          >
                            {DISPOSITIONS.map((d) => (
                              <option key={d.id} value={d.id}>
                                {d.ko} {d.en}
                              </option>
                            ))}
                          </select>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button id="returns-receive" class="btn btn-primary" disabled={busy !== null} onClick={() => void receive()}>
                {busy === "receive" ? "입고 중…" : "반품 입고 Receive"}
              </button>
            </div>
          )}
          {result && (
            <div id="returns-result" class={result.within_window ? "returns-card returns-in" : "returns-card returns-out"}>
              <div class="returns-card-title">
                {result.within_window ? "✔ " : "⚠ "}
                {windowLabel(result).ko}
              </div>
              <div class="muted">{windowLabel(result).en}</div>
              <div class="returns-card-payer">
                {payerLabel(result.payer).ko} <span class="muted">· {payerLabel(result.payer).en}</span>
              </div>
              <div class="small">
                {reasonName(result.reason)} · 재입고 {result.restocked_units}개 · 폐기 {result.written_off_units}개
              </div>
              <div class="muted small">
                반품 기간은 출고일({result.shipped_at})부터 계산합니다 — 배송완료일은 알 수 없어 실제 기한은 하루이틀 더 깁니다.
                The window counts from the day it shipped; the delivery date is not known.
              </div>
            </div>
          )}
        </section>

        <section class="dev-card" id="returns-list">
          <h2>
            반품 목록 <span class="muted">Returns received</span>
          </h2>
          {list && list.length === 0 && <p class="muted">반품 없음 · none yet</p>}
          {list && list.length > 0 && (
            <table class="dev-table">
              <thead>
                <tr>
                  <th>입고 At</th>
                  <th>택배 Parcel</th>
                  <th>사유 Reason</th>
                  <th>기간 Window</th>
                  <th>부담 Pays</th>
                  <th class="num">재입고/폐기</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id} data-return={r.id}>
                    <td class="small">{r.received_at}</td>
                    <td class="mono small">{r.tracking_no ?? r.scanned_code}</td>
                    <td>{reasonName(r.reason)}</td>
                    <td>{r.within_window ? <span class="chip chip-ready">기간 내</span> : <span class="chip chip-claimed">지남</span>}</td>
                    <td>{r.payer === "customer" ? "고객" : "판매자"}</td>
                    <td class="num mono">
                      {r.restocked_units}/{r.written_off_units}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
