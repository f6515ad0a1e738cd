// 클레임 Claims: parcels not shipped with cancelled/returned/exchanged lines — which orders, the
// claim, whether the label was printed, and what the packer must do.
import { useCallback, useEffect, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { type ClaimedParcel, shipApi } from "./shipApi";
import { lineText } from "./shipView";
import type { TabProps } from "./tab";

export function ClaimsTab(props: TabProps) {
  const { active, onError } = props;
  const [claims, setClaims] = useState<ClaimedParcel[] | null>(null);

  const load = useCallback(async () => {
    try {
      setClaims(await shipApi.claims());
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  if (claims === null)
    return (
      <div id="claims-tab" class="claims-tab muted">
        불러오는 중 · Loading…
      </div>
    );
  if (claims.length === 0)
    return (
      <div id="claims-tab" class="claims-tab">
        <section id="claims-empty" class="dev-card">
          <h2>
            클레임 없음 <span class="muted">No claimed parcels</span>
          </h2>
          <p class="muted">
            출고 전 택배에 취소·반품·교환 요청이 들어오면 여기에 나옵니다. 무엇을 빼고 무엇을 보낼지 알려 드립니다.
            <br />
            Parcels not yet shipped whose orders get a cancel, return or exchange request show here, with what to take
            out and what still ships.
          </p>
        </section>
      </div>
    );

  return (
    <div id="claims-tab" class="claims-tab">
      {claims.map((p) => (
        <section key={p.parcel_id} class="dev-card claim-card" data-partly={p.partly ? "yes" : "no"}>
          <h3>
            {p.no}번 {p.tracking_no ?? ""}{" "}
            <span class={`chip ${p.partly ? "chip-printed" : "chip-claimed"}`}>
              {p.partly ? "일부 클레임 · Partly claimed" : "전체 클레임 · Claimed"}
            </span>{" "}
            <span class="muted">{p.printed ? "송장 출력됨 · Label printed" : "송장 미출력 · Not printed"}</span>
          </h3>
          <ul class="claim-orders">
            {p.orders.map((o) => (
              <li key={o.order_id} class={o.claimed ? "claim-stop" : "claim-go"}>
                <strong>{o.order_id}</strong> {o.reason && <span class="warn">{o.reason}</span>}
                <ul>
                  {o.lines.map((l, i) => (
                    <li key={i} class={l.claimed ? "claim-stop" : "claim-go"}>
                      {l.claimed ? "✗ 빼기 · take out" : "✓ 출고 · ships"} — {lineText(l)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p class="claim-todo">
            {p.todo_ko}
            <br />
            <span class="muted">{p.todo_en}</span>
          </p>
        </section>
      ))}
    </div>
  );
}
