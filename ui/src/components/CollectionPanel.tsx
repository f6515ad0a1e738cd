// 수집 현황: one line per connected shop — its schedule, the next collection, the last result
// (new/updated/claimed/failed with the reasons) and a "collect now" button — plus the progress of
// a collection that is running, scheduled or not.
import { useState } from "preact/hooks";
import type { CollectProgress, ScheduleEntry, ShopCollectResult, ShopSummary } from "../types";
import { countLabel } from "../format";

interface Props {
  shops: ShopSummary[];
  results: ShopCollectResult[];
  /** Schedule targets that are not shops (FASSTO FMS), shown under the shops. */
  connectors: ScheduleEntry[];
  progress: CollectProgress | null;
  disabled: boolean;
  onCollectShop: (shopId: number) => void;
  /** A paused shop (dead refresh token, missing scope) leads back to the connect dialog. */
  onReconnect: () => void;
  /** Saves a timetable typed into a schedule cell (`every 10m`, `times 09:00,13:30`, `off` …). */
  onSetSchedule: (target: string, timetable: string) => Promise<boolean>;
}

const STATUS: Record<string, { ko: string; en: string; cls: string }> = {
  ok: { ko: "정상", en: "OK", cls: "st-ok" },
  failed: { ko: "실패", en: "failed", cls: "st-failed" },
  paused: { ko: "중지됨", en: "paused", cls: "st-paused" },
  running: { ko: "수집 중", en: "running", cls: "st-running" },
  never: { ko: "수집 전", en: "not yet", cls: "st-never" },
};

/** Today's date in Asia/Seoul as "YYYY-MM-DD" (the desk's clock, whatever the OS zone). */
function kstToday(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}

function timeOf(kst: string | null | undefined): string {
  // "2026-11-22 14:20" → "14:20" today, "11/23 03:50" on another day; KST throughout.
  if (!kst || kst.length < 16) return kst || "–";
  return kst.startsWith(kstToday()) ? kst.slice(11, 16) : kst.slice(5, 16).replace("-", "/");
}

/** The timetable of a target; a click turns it into a text box (Enter saves, Esc cancels). */
function ScheduleCell({ target, text, label, onSave }: {
  target: string;
  text: string;
  label: string;
  onSave: (target: string, timetable: string) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <button class="link shop-sched" title={`${text} — 클릭해서 변경 · click to change`} onClick={() => setEditing(true)}>
        {label}
      </button>
    );
  }
  return (
    <input
      class="sched-input"
      defaultValue={text}
      autoFocus
      aria-label="timetable"
      title="every 10m · every 30m 08:00-21:00 · times 09:00,13:30 · fassto · off"
      onKeyDown={async (e) => {
        const el = e.currentTarget as HTMLInputElement;
        if (e.key === "Escape") setEditing(false);
        if (e.key === "Enter" && (await onSave(target, el.value))) setEditing(false);
      }}
      onBlur={() => setEditing(false)}
    />
  );
}

function ShopLine({ shop, result, disabled, onCollect, onReconnect, onSetSchedule }: {
  shop: ShopSummary;
  result: ShopCollectResult | undefined;
  disabled: boolean;
  onCollect: () => void;
  onReconnect: () => void;
  onSetSchedule: Props["onSetSchedule"];
}) {
  const [open, setOpen] = useState(false);
  const key = shop.paused ? "paused" : (result?.status ?? "never");
  const st = STATUS[key] ?? STATUS.never;
  const failures = result?.failures ?? [];
  return (
    <li class="shop-line" data-shop-id={shop.shop_id} data-status={key}>
      <span class={`shop-status ${st.cls}`} title={st.en}>
        {st.ko}
      </span>
      <span class="shop-name" title={`${shop.mall_id} #${shop.shop_no}`}>
        {shop.shop_name || shop.mall_id} <span class="muted">#{shop.shop_no}</span>
      </span>
      <span class="shop-currency">{shop.currency}</span>
      {shop.collect ? (
        <ScheduleCell target={`shop:${shop.shop_id}`} text={shop.timetable} label={shop.timetable_ko} onSave={onSetSchedule} />
      ) : (
        <span class="shop-sched">수집 안 함 off</span>
      )}
      <span class="shop-next" data-next={shop.next_collect_kst ?? ""}>
        다음 <b>{timeOf(shop.next_collect_kst)}</b>
      </span>
      <span class="shop-last">
        {result && result.status !== "never" ? (
          <>
            최근 {timeOf(result.finished_kst ?? result.started_kst)} · 새 {countLabel(result.new)} · 갱신{" "}
            {countLabel(result.updated)}
            {result.claimed > 0 && <> · <span class="warn">클레임 {result.claimed}</span></>}
            {result.failed > 0 && (
              <>
                {" · "}
                <button class="link warn" onClick={() => setOpen(!open)} title="orders that failed to link">
                  연동실패 {result.failed} {open ? "▴" : "▾"}
                </button>
              </>
            )}
          </>
        ) : (
          <span class="muted">수집 기록 없음 · no run yet</span>
        )}
      </span>
      {shop.paused ? (
        <button class="btn btn-small btn-primary shop-reconnect" onClick={onReconnect} title="reconnect the shop">
          다시 연결
        </button>
      ) : (
        <button
          class="btn btn-small shop-collect"
          disabled={disabled}
          onClick={onCollect}
          title={`${shop.label}: collect now`}
        >
          지금 수집
        </button>
      )}
      {(shop.paused || result?.error) && (
        <div class="shop-error">
          ⚠ {(shop.paused ?? result?.error)?.message_ko}
          {shop.paused && <span class="muted"> — 쇼핑몰 연결을 다시 하세요 · reconnect the shop</span>}
        </div>
      )}
      {open && failures.length > 0 && (
        <ul class="shop-failures">
          {failures.slice(0, 30).map((f) => (
            <li key={`${f.order_id}-${f.code}`}>
              <code>{f.order_id}</code> {f.reason_ko} <span class="muted">{f.reason_en}</span>
            </li>
          ))}
          {failures.length > 30 && <li class="muted">… {failures.length - 30}건 더</li>}
        </ul>
      )}
    </li>
  );
}

function ConnectorLine({ entry, onSetSchedule }: { entry: ScheduleEntry; onSetSchedule: Props["onSetSchedule"] }) {
  const key = entry.last_status ?? "never";
  const st = STATUS[key] ?? STATUS.never;
  return (
    <li class="shop-line connector-line" data-target={entry.target} data-status={key}>
      <span class={`shop-status ${st.cls}`} title={st.en}>
        {st.ko}
      </span>
      <span class="shop-name">{entry.label}</span>
      <span class="shop-currency" />
      <ScheduleCell target={entry.target} text={entry.timetable} label={entry.description_ko} onSave={onSetSchedule} />
      <span class="shop-next" data-next={entry.next_kst[0] ?? ""}>
        다음 <b>{timeOf(entry.next_kst[0])}</b>
      </span>
      <span class="shop-last">
        {entry.last_kst ? <>최근 {timeOf(entry.last_kst)}</> : <span class="muted">실행 기록 없음 · no run yet</span>}
      </span>
      <span />
      {entry.last_error && <div class="shop-error">⚠ {entry.last_error.message_ko}</div>}
    </li>
  );
}

export function CollectionPanel(props: Props) {
  const { shops, results, connectors, progress, disabled, onCollectShop, onReconnect, onSetSchedule } = props;
  if (shops.length === 0) return null;
  const byShop = new Map(results.map((r) => [r.shop_id, r]));
  return (
    <section id="collection-panel" class="collection-panel" aria-label="수집 현황 collection">
      <div class="panel-title">
        수집 현황 <span class="muted">Collection</span>
        {progress?.running && (
          <span id="collect-progress" class="collect-progress" data-orders={progress.orders}>
            <span class="spinner" aria-hidden="true" /> 수집 중… {progress.shop_name} · {progress.pages}페이지 ·{" "}
            {countLabel(progress.orders)}건
          </span>
        )}
      </div>
      <ul class="shop-lines">
        {shops.map((s) => (
          <ShopLine
            key={s.shop_id}
            shop={s}
            result={byShop.get(s.shop_id)}
            disabled={disabled}
            onCollect={() => onCollectShop(s.shop_id)}
            onReconnect={onReconnect}
            onSetSchedule={onSetSchedule}
          />
        ))}
        {connectors.map((e) => (
          <ConnectorLine key={e.target} entry={e} onSetSchedule={onSetSchedule} />
        ))}
      </ul>
    </section>
  );
}
