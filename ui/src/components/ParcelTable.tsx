// The working list (송장범위관리). Rendered as a plain table: a few thousand rows diff in a few
// milliseconds, and it re-renders only when the rows or the highlighted row change (memo), never
// on keystrokes in the scan or range fields (those inputs are uncontrolled).
import { memo } from "preact/compat";
import { useEffect, useMemo } from "preact/hooks";
import type { ParcelRow, Stage } from "../types";
import { countLabel, hyphenateTracking } from "../format";

const STAGE_ORDER: Stage[] = [
  "ready",
  "invoiced",
  "printed",
  "shipped",
  "outsourced",
  "unmatched",
  "backorder",
  "claimed",
];
const STAGE_KO: Record<Stage, string> = {
  unmatched: "매칭필요",
  backorder: "재고부족",
  ready: "송장대기",
  invoiced: "미출력",
  printed: "출력완료",
  shipped: "배송처리",
  claimed: "취소요청",
  outsourced: "파스토 출고요청",
};

const Row = memo(function Row({ r, highlight }: { r: ParcelRow; highlight: boolean }) {
  return (
    <tr data-no={r.no} data-stage={r.stage} class={highlight ? "row-hl" : undefined}>
      <td class="no">{r.no}</td>
      <td class="stage">
        <span class={`chip chip-${r.stage}`} title={r.blocked_reason ?? undefined}>
          {r.stage_ko}
        </span>
      </td>
      <td class="recipient">{r.recipient}</td>
      <td class="items" title={r.blocked_reason ? `${r.items} — ${r.blocked_reason}` : r.items}>
        {r.items}
        {r.blocked_reason && <span class="blocked"> · {r.blocked_reason}</span>}
      </td>
      <td class="tracking" data-raw={r.tracking_no ?? ""}>
        {hyphenateTracking(r.tracking_no)}
      </td>
      <td class="prints">{r.print_count > 0 ? r.print_count : ""}</td>
      <td class="pushed" data-pushed={r.pushed ? "1" : "0"}>
        {r.pushed ? "✓" : ""}
      </td>
    </tr>
  );
});

function Summary({ rows }: { rows: ParcelRow[] }) {
  const counts = useMemo(() => {
    const c = new Map<Stage, number>();
    for (const r of rows) c.set(r.stage, (c.get(r.stage) ?? 0) + 1);
    return c;
  }, [rows]);
  return (
    <div class="summary">
      <span class="summary-total">
        전체 <strong>{countLabel(rows.length)}</strong>건
      </span>
      {STAGE_ORDER.filter((s) => counts.get(s)).map((s) => (
        <span key={s} class={`summary-item chip chip-${s}`}>
          {STAGE_KO[s]} {countLabel(counts.get(s) ?? 0)}
        </span>
      ))}
    </div>
  );
}

export const ParcelTable = memo(function ParcelTable({
  rows,
  highlightNo,
  booting,
}: {
  rows: ParcelRow[];
  highlightNo: number | null;
  booting: boolean;
}) {
  useEffect(() => {
    if (highlightNo === null) return;
    document.querySelector(`#parcel-table tr[data-no="${highlightNo}"]`)?.scrollIntoView({ block: "nearest" });
  }, [highlightNo, rows]);

  return (
    <section class="table-area">
      <Summary rows={rows} />
      <div class="table-scroll">
        <table id="parcel-table" class="parcel-table">
          <thead>
            <tr>
              <th class="no">연번</th>
              <th class="stage">단계 Stage</th>
              <th class="recipient">받는분</th>
              <th class="items">품목 Items</th>
              <th class="tracking">송장번호 Tracking</th>
              <th class="prints">출력</th>
              <th class="pushed">전송</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.parcel_id} r={r} highlight={r.no === highlightNo} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <div class="empty">
            {booting
              ? "데모 준비 중… 가상 쇼핑몰·프린터·저울을 시작합니다 · Starting demo…"
              : "주문이 없습니다. 주문수집(F2)을 누르세요 · No parcels yet: press Collect (F2)"}
          </div>
        )}
      </div>
    </section>
  );
});
