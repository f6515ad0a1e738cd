// 할당 Allocate: the 재고부족 parcels with their short lines (SKU, need, available), the shop-wide
// policy (order of service and priority) with 재할당 Re-allocate, 미할당주문나누기 for one parcel
// or all, and a SKU's stock with a count to set and its ledger.
import { useCallback, useEffect, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import {
  allocateApi,
  type AllocationPolicy,
  type BackorderParcel,
  type Priority,
  type ServiceOrder,
  type StockLevel,
  type StockMovement,
} from "./allocateApi";
import { kindLabel, parseCount, PRIORITIES, reportLine, SERVICE_ORDERS, signed } from "./allocateView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

export function AllocateTab(props: TabProps) {
  const { active, onChanged, onError, onDone } = props;
  const [backorders, setBackorders] = useState<BackorderParcel[] | null>(null);
  const [policy, setPolicy] = useState<AllocationPolicy | null>(null);
  const [query, setQuery] = useState("");
  const [stock, setStock] = useState<StockLevel[]>([]);
  const [picked, setPicked] = useState<StockLevel | null>(null);
  const [ledger, setLedger] = useState<StockMovement[]>([]);
  const [count, setCount] = useState("");
  const [reason, setReason] = useState("");

  const load = useCallback(async () => {
    try {
      const [b, p] = await Promise.all([allocateApi.backorders(), allocateApi.policy()]);
      setBackorders(b);
      setPolicy(p);
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError, { onChanged, reload: load });

  const reallocate = () =>
    act("reallocate", async () => {
      if (!policy) return;
      await allocateApi.setPolicy(policy);
      const r = await allocateApi.reallocate(policy);
      const line = reportLine(r);
      onDone(`재할당 완료 Re-allocated — ${line.ko}`, line.en);
    });

  const split = (p: BackorderParcel) =>
    act(`split:${p.no}`, async () => {
      const s = await allocateApi.split(p.no);
      onDone(
        `나누기 완료 Split — ${s.no}번 지금 출고, 새 ${s.new_no}번 재고대기`,
        `no. ${s.no} ships now; ${s.moved_lines} line(s) wait in new no. ${s.new_no}`,
      );
    });

  const splitAll = () =>
    act("split-all", async () => {
      const all = await allocateApi.splitAll();
      onDone(`미할당주문나누기 ${all.length}건`, `${all.length} parcel(s) split: their allocated lines ship now`);
    });

  const search = async () => {
    try {
      setStock(await allocateApi.stock(query.trim(), 50));
    } catch (e) {
      onError(toErrorPayload(e));
    }
  };

  const pick = async (s: StockLevel) => {
    setPicked(s);
    setCount(String(s.on_hand));
    try {
      setLedger(await allocateApi.ledger(s.sku, 20));
    } catch (e) {
      onError(toErrorPayload(e));
    }
  };

  const saveCount = () => {
    if (!picked) return;
    const parsed = parseCount(count);
    if (!parsed.ok) {
      onError({ code: "INVALID_INPUT", message_ko: parsed.ko, message_en: parsed.en });
      return;
    }
    return act("count", async () => {
      const s = await allocateApi.setStock(picked.sku, parsed.value, reason.trim() || undefined);
      setPicked(s);
      setReason("");
      setLedger(await allocateApi.ledger(s.sku, 20));
      setStock((list) => list.map((x) => (x.variant_id === s.variant_id ? s : x)));
      onDone(`재고 설정 Stock set — ${s.sku}`, `${s.sku}: on hand ${s.on_hand}, allocated ${s.allocated}`);
    });
  };

  const anySplittable = backorders?.some((b) => b.splittable) ?? false;

  return (
    <div id="allocate-tab" class="allocate-tab">
      <section class="dev-card" id="allocate-policy">
        <h2>
          할당 정책 <span class="muted">Allocation policy</span>
        </h2>
        {policy && (
          <div class="allocate-policy-row">
            <label>
              출고 순서 <span class="muted">Order of service</span>
              <select
                id="allocate-order"
                value={policy.order}
                onChange={(e) => setPolicy({ ...policy, order: (e.target as HTMLSelectElement).value as ServiceOrder })}
              >
                {SERVICE_ORDERS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.ko} · {o.en}
                  </option>
                ))}
              </select>
            </label>
            <label>
              우선순위 <span class="muted">Priority</span>
              <select
                id="allocate-priority"
                value={policy.priority}
                onChange={(e) => setPolicy({ ...policy, priority: (e.target as HTMLSelectElement).value as Priority })}
              >
                {PRIORITIES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.ko} · {o.en}
                  </option>
                ))}
              </select>
            </label>
            <button id="allocate-run" class="btn btn-primary" disabled={busy !== null} onClick={() => void reallocate()}>
              {busy === "reallocate" ? "재할당 중…" : "재할당 Re-allocate"}
            </button>
          </div>
        )}
        <p class="dev-note muted small">
          송장 전 모든 택배의 할당을 풀고 정책 순서대로 다시 할당합니다 · Every parcel before its waybill gives its stock back
          and stock is dealt out again in this order.
        </p>
      </section>

      <section class="dev-card" id="allocate-backorders">
        <h2>
          재고부족 <span class="muted">Backorders</span>
          <span class="muted small">{backorders ? `${backorders.length}건` : "불러오는 중… Loading…"}</span>
          <button id="allocate-split-all" class="btn btn-small" disabled={busy !== null || !anySplittable} onClick={() => void splitAll()}>
            모두 나누기 Split all
          </button>
        </h2>
        {backorders && backorders.length === 0 && (
          <div id="allocate-empty" class="empty">
            재고부족 택배가 없습니다 <span class="muted">No backorders</span>
          </div>
        )}
        {backorders?.map((p) => (
          <article key={p.parcel_id} class="allocate-parcel" data-parcel={p.parcel_id}>
            <div class="allocate-parcel-head">
              <span class="chip chip-backorder">{p.no}번</span>
              <span class="mono small">{p.order_ids.join(", ")}</span>
              {p.splittable && (
                <button id={`allocate-split-${p.no}`} class="btn btn-small" disabled={busy !== null} onClick={() => void split(p)}>
                  미할당 나누기 Split
                </button>
              )}
            </div>
            <table class="allocate-lines">
              <tbody>
                {p.lines.map((l) => (
                  <tr key={l.item_id} class={l.short ? "allocate-short" : ""}>
                    <td>{l.short ? "부족 Short" : "할당 OK"}</td>
                    <td>
                      {l.product_name} {l.option_text && <span class="muted">({l.option_text})</span>} ×{l.quantity}
                    </td>
                    <td class="mono small">
                      {l.needs.map((n) => `${n.sku}: 필요 ${n.need} / 가용 ${n.available}`).join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </section>

      <section class="dev-card" id="allocate-stock">
        <h2>
          재고 <span class="muted">Stock</span>
        </h2>
        <form
          class="allocate-stock-search"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <input
            id="allocate-stock-query"
            value={query}
            placeholder="SKU · 상품명 · 옵션"
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="btn btn-small">
            검색 Search
          </button>
        </form>
        {stock.length > 0 && (
          <table class="allocate-stock-list">
            <thead>
              <tr>
                <th>SKU</th>
                <th>상품 Product</th>
                <th>재고 On hand</th>
                <th>할당 Allocated</th>
                <th>가용 Available</th>
              </tr>
            </thead>
            <tbody>
              {stock.map((s) => (
                <tr key={s.variant_id} class={picked?.variant_id === s.variant_id ? "selected" : ""} onClick={() => void pick(s)}>
                  <td class="mono">{s.sku}</td>
                  <td>
                    {s.product_name} {s.option_text && <span class="muted">({s.option_text})</span>}
                  </td>
                  <td>{s.on_hand}</td>
                  <td>{s.allocated}</td>
                  <td>{s.available}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {picked && (
          <div class="allocate-count" id="allocate-count">
            <label>
              {picked.sku} 실사 수량 <span class="muted">Counted</span>
              <input id="allocate-count-qty" inputMode="numeric" value={count} onInput={(e) => setCount((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              사유 <span class="muted">Reason</span>
              <input id="allocate-count-reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            </label>
            <button id="allocate-count-save" class="btn" disabled={busy !== null} onClick={() => void saveCount()}>
              {busy === "count" ? "저장 중…" : "수량 저장 Set count"}
            </button>
            <ul class="allocate-ledger">
              {ledger.map((m) => (
                <li key={m.id}>
                  <span class="mono small">{m.at}</span> {kindLabel(m)} <strong>{signed(m.delta)}</strong>{" "}
                  <span class="muted small">{m.reference ?? ""}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
