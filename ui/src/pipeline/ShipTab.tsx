// 배송 Ship: the printed parcels not shipped yet with a range box → 선택 배송처리 Ship selected
// (per-row results; a partly claimed row asks the packer to confirm its claimed lines were taken
// out), and the 판매처와 배송상태 불일치 list with the fix of each row.
import { useCallback, useEffect, useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import type { ParcelRow } from "../types";
import { type Mismatch, type ShipSelectedReport, shipApi } from "./shipApi";
import { FIX_LABEL, KIND_LABEL, partlyClaimedRows, rangeProblem, selectedSummary } from "./shipView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

export function ShipTab(props: TabProps) {
  const { active, onChanged, onError, onDone } = props;
  const [printed, setPrinted] = useState<ParcelRow[]>([]);
  const [range, setRange] = useState("");
  const [report, setReport] = useState<ShipSelectedReport | null>(null);
  const [mismatches, setMismatches] = useState<Mismatch[] | null>(null);

  const load = useCallback(async () => {
    try {
      const [rows, m] = await Promise.all([api.parcels(), shipApi.mismatches()]);
      setPrinted(rows.filter((r) => r.stage === "printed"));
      setMismatches(m);
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError, { onChanged, reload: load });

  const shipSelected = (text: string, removedClaimed: boolean) => {
    const problem = rangeProblem(text);
    if (problem) {
      onError({ code: "INVALID_INPUT", message_ko: problem.ko, message_en: problem.en });
      return;
    }
    return act("ship", async () => {
      const r = await shipApi.shipSelected(text, removedClaimed);
      setReport(r);
      const s = selectedSummary(r);
      onDone(s.ko, s.en);
    });
  };

  const confirmRemoved = () => {
    if (!report) return;
    const nos = partlyClaimedRows(report);
    if (nos.length === 0) return;
    const ok = window.confirm(
      `${nos.join(", ")}번: 취소/반품된 상품을 상자에서 뺐습니까?\nWere the claimed items taken out of rows ${nos.join(", ")}?`,
    );
    if (ok) void shipSelected(nos.join(","), true);
  };

  const recheck = () =>
    act("recheck", async () => {
      const r = await shipApi.recheck();
      const skipped = r.skipped_shops.length ? ` · 확인 못함 ${r.skipped_shops.join(", ")}` : "";
      onDone(`판매처 상태 재확인 ${r.orders_checked}건${skipped}`, `${r.orders_checked} shipped order(s) re-read`);
    });

  const fix = (m: Mismatch) =>
    act(`fix:${m.id}`, async () => {
      const f = await shipApi.fix(m.id, m.fix);
      const label = FIX_LABEL[f.action];
      onDone(`${label.ko} — ${f.order_id}`, `${label.en} — ${f.order_id} (queued ${f.queued})`);
    });

  const waitingConfirm = report ? partlyClaimedRows(report) : [];

  return (
    <div id="ship-tab" class="ship-tab">
      <section class="dev-card" id="ship-selected">
        <h2>
          선택 배송처리 <span class="muted">Ship selected</span>
        </h2>
        <p class="muted">
          출력완료 {printed.length}건 · {printed.length} printed, not shipped
        </p>
        <div class="ship-range-row">
          <label class="range-label">
            연번 <span class="muted">Rows</span>
            <input
              id="ship-range"
              class="range-input"
              placeholder="1-3, 5"
              value={range}
              onInput={(e) => setRange((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => e.key === "Enter" && void shipSelected(range, false)}
            />
          </label>
          <button
            id="ship-selected-btn"
            class="btn btn-primary"
            disabled={busy !== null}
            onClick={() => void shipSelected(range, false)}
          >
            선택 배송처리 <span class="muted">Ship selected</span>
          </button>
        </div>
        {printed.length > 0 && (
          <table class="ship-table">
            <thead>
              <tr>
                <th>연번 No.</th>
                <th>송장번호 Tracking</th>
                <th>수령인 Recipient</th>
                <th>상품 Items</th>
              </tr>
            </thead>
            <tbody>
              {printed.map((p) => (
                <tr key={p.parcel_id} class={p.blocked_reason ? "blocked" : undefined}>
                  <td>{p.no}</td>
                  <td>{p.tracking_no ?? "-"}</td>
                  <td>{p.recipient}</td>
                  <td>
                    {p.items}
                    {p.blocked_reason && <div class="warn">{p.blocked_reason}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report && (
          <div id="ship-results" class="ship-results">
            <table class="ship-table">
              <thead>
                <tr>
                  <th>연번 No.</th>
                  <th>송장번호 Tracking</th>
                  <th>결과 Result</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.no} class={r.error ? "ship-refused" : "ship-ok"} data-code={r.error?.code ?? "ok"}>
                    <td>{r.no}</td>
                    <td>{r.tracking_no ?? "-"}</td>
                    <td>
                      {r.shipped && (
                        <span>
                          ✓ 배송처리 <span class="muted">shipped · {r.shipped.order_ids.join(", ")}</span>
                        </span>
                      )}
                      {r.error && (
                        <span>
                          ✗ {r.error.message_ko} <span class="muted">{r.error.message_en}</span>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {waitingConfirm.length > 0 && (
              <button id="ship-confirm-removed" class="btn" disabled={busy !== null} onClick={confirmRemoved}>
                취소상품 뺐음 확인 후 배송 <span class="muted">Confirm removed and ship</span>
              </button>
            )}
          </div>
        )}
      </section>

      <section class="dev-card" id="ship-mismatches">
        <h2>
          판매처와 배송상태 불일치 <span class="muted">Status mismatches with the shop</span>
        </h2>
        <button id="ship-recheck" class="btn btn-small" disabled={busy !== null} onClick={() => void recheck()}>
          판매처 상태 재확인 <span class="muted">Re-check the shop</span>
        </button>
        {mismatches && mismatches.length === 0 && <p class="muted">불일치 없음 · No mismatches</p>}
        {mismatches && mismatches.length > 0 && (
          <table class="ship-table">
            <thead>
              <tr>
                <th>주문 Order</th>
                <th>연번 No.</th>
                <th>종류 Kind</th>
                <th>판매처 Shop</th>
                <th>내용 Detail</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {mismatches.map((m) => (
                <tr key={m.id} data-kind={m.kind}>
                  <td>{m.order_id}</td>
                  <td>{m.no ?? "-"}</td>
                  <td>
                    {KIND_LABEL[m.kind].ko} <span class="muted">{KIND_LABEL[m.kind].en}</span>
                  </td>
                  <td>{m.shop_status}</td>
                  <td>
                    {m.detail_ko} <span class="muted">{m.detail_en}</span>
                  </td>
                  <td>
                    <button class="btn btn-small" disabled={busy !== null} onClick={() => void fix(m)}>
                      {FIX_LABEL[m.fix].ko} <span class="muted">{FIX_LABEL[m.fix].en}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
