// 주문처리 Pipeline: one tab per stage — 매칭 · 합포 · 할당 · 송장 · 배송 · 클레임 · 주문등록 · 반품 —
// each with its 처리필요 count, and one banner for what the tabs report. The counts are polled
// (one cheap query) every few seconds while the window is visible, and re-read at once when a tab
// changes something. F5 opens and closes the page; ←/→ on the tab bar move between tabs.
import type { ComponentType } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { countLabel } from "../format";
import { AllocateTab } from "../pipeline/AllocateTab";
import { ClaimsTab } from "../pipeline/ClaimsTab";
import { InvoiceTab } from "../pipeline/InvoiceTab";
import { MatchTab } from "../pipeline/MatchTab";
import { MergeTab } from "../pipeline/MergeTab";
import { pipelineApi, type PipelineCounts } from "../pipeline/pipelineApi";
import { badgeClass, firstNeedingWork, neighbourTab, STAGE_TABS, tabCount, type StageTab } from "../pipeline/pipelineView";
import { RegisterTab } from "../pipeline/RegisterTab";
import { ReturnsTab } from "../pipeline/ReturnsTab";
import { ShipTab } from "../pipeline/ShipTab";
import type { TabProps } from "../pipeline/tab";
import type { ErrorPayload } from "../types";

/** How often the counts are read while the page is on screen, and behind the station. */
const POLL_VISIBLE_MS = 4000;
const POLL_BACKGROUND_MS = 20000;

/** The counts for the header badge and the page; polled faster while the page is open. */
export function usePipelineCounts(pageOpen: boolean): {
  counts: PipelineCounts | null;
  refresh: () => Promise<PipelineCounts | null>;
} {
  const [counts, setCounts] = useState<PipelineCounts | null>(null);
  const refresh = useCallback(async () => {
    if (typeof document !== "undefined" && document.visibilityState === "hidden") return null;
    try {
      const c = await pipelineApi.counts();
      setCounts(c);
      return c;
    } catch (e) {
      // The header must not shout about a poll; the page shows errors of what a person does.
      console.warn("pipeline counts unavailable", toErrorPayload(e));
      return null;
    }
  }, []);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), pageOpen ? POLL_VISIBLE_MS : POLL_BACKGROUND_MS);
    return () => clearInterval(t);
  }, [pageOpen, refresh]);
  return { counts, refresh };
}

const TAB_COMPONENTS: Record<StageTab, ComponentType<TabProps>> = {
  match: MatchTab,
  merge: MergeTab,
  allocate: AllocateTab,
  invoice: InvoiceTab,
  ship: ShipTab,
  claims: ClaimsTab,
  register: RegisterTab,
  returns: ReturnsTab,
};

interface Notice {
  kind: "ok" | "error";
  code: string;
  ko: string;
  en: string;
  seq: number;
}

interface Props {
  counts: PipelineCounts | null;
  /** Reads the counts now (the page opens on a fresh read, not on the last poll). */
  onRefresh: () => Promise<PipelineCounts | null>;
  /** A tab changed the store: counts and the station's list are read again. */
  onChanged: () => void;
  onBack: () => void;
}

export function PipelinePage({ counts, onRefresh, onChanged, onBack }: Props) {
  // Open on the first stage that needs a person (once the counts are known), then stay put.
  const [tab, setTab] = useState<StageTab | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const seq = useRef(0);
  const tabRefs = useRef<Partial<Record<StageTab, HTMLButtonElement | null>>>({});
  const current: StageTab = tab ?? firstNeedingWork(counts);

  const onError = useCallback((e: ErrorPayload) => {
    setNotice({ kind: "error", code: e.code, ko: e.message_ko, en: e.message_en, seq: ++seq.current });
  }, []);
  const onDone = useCallback((ko: string, en: string) => {
    setNotice({ kind: "ok", code: "DONE", ko, en, seq: ++seq.current });
  }, []);

  const picked = useRef(false);
  const choose = (t: StageTab, focus = false) => {
    picked.current = true;
    // A message belongs to the tab that said it: another tab starts with a clean slate.
    if (t !== tab) setNotice(null);
    setTab(t);
    if (focus) tabRefs.current[t]?.focus();
  };

  // Arriving (F5): read the counts afresh — the last poll may predate a collection — open on the
  // first stage that needs a person, and put the focus on its tab (←/→ to move).
  useEffect(() => {
    let gone = false;
    void onRefresh().then((fresh) => {
      // A tab the person picked meanwhile stays.
      if (gone || picked.current || !fresh) return;
      const first = firstNeedingWork(fresh);
      setTab(first);
      setTimeout(() => tabRefs.current[first]?.focus(), 0);
    });
    return () => {
      gone = true;
    };
  }, [onRefresh]);

  const pools = counts?.pools_low ?? [];

  return (
    <main id="pipeline-page" class="devices-page pipeline-page">
      <div class="devices-head">
        <h1>
          주문처리 <span class="muted">Pipeline</span>
        </h1>
        <span id="pipeline-total" class="pipeline-total" data-count={counts?.total ?? 0}>
          처리필요 <strong>{counts ? countLabel(counts.total) : "–"}</strong> <span class="muted">to do</span>
        </span>
        <button id="pipeline-back" class="btn" onClick={onBack}>
          ← 스테이션으로 Back to station <kbd class="key">Esc</kbd>
        </button>
      </div>

      <div class="stage-tabs" role="tablist" aria-label="stages">
        {STAGE_TABS.map((t) => {
          const n = tabCount(t.id, counts);
          const selected = t.id === current;
          const poolWarn = t.id === "invoice" && pools.length > 0;
          return (
            <button
              key={t.id}
              id={`stage-tab-${t.id}`}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              role="tab"
              aria-selected={selected}
              aria-controls={`stage-panel-${t.id}`}
              tabIndex={selected ? 0 : -1}
              class={`stage-tab${selected ? " stage-tab-active" : ""}`}
              data-count={n}
              onClick={() => choose(t.id)}
              onKeyDown={(e) => {
                if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
                  e.preventDefault();
                  choose(neighbourTab(t.id, e.key === "ArrowRight" ? 1 : -1), true);
                }
              }}
            >
              <span class="stage-ko">{t.ko}</span> <span class="stage-en">{t.en}</span>
              <span class={badgeClass(t, n)} aria-label={`처리필요 ${n}건`}>
                {countLabel(n)}
              </span>
              {poolWarn && (
                <span class="stage-warn" title={`송장번호 부족 · pool low: ${pools.join(", ")}`} data-pools-low={pools.join(",")}>
                  !
                </span>
              )}
            </button>
          );
        })}
      </div>

      {pools.length > 0 && (
        <div id="pool-low-warning" class="pool-low-warning" role="status">
          송장번호 대역이 부족합니다: <strong>{pools.join(", ")}</strong> — 송장 탭에서 대역을 추가하세요
          <span class="muted-inv"> · invoice-number pool running low; add a block in the 송장 tab</span>
        </div>
      )}

      {notice && (
        <div
          id="pipeline-notice"
          key={notice.seq}
          class={`devices-notice notice-${notice.kind}`}
          data-kind={notice.kind}
          data-code={notice.code}
          role={notice.kind === "error" ? "alert" : "status"}
        >
          <strong>{notice.ko}</strong>
          <span>{notice.en}</span>
          {notice.kind === "error" && <span class="banner-code">{notice.code}</span>}
          <button class="btn btn-small notice-close" aria-label="닫기 close" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}

      {STAGE_TABS.map((t) => {
        const Tab = TAB_COMPONENTS[t.id];
        const on = t.id === current;
        return (
          <section key={t.id} id={`stage-panel-${t.id}`} role="tabpanel" aria-labelledby={`stage-tab-${t.id}`} hidden={!on} class="stage-panel">
            <Tab active={on} onChanged={onChanged} onError={onError} onDone={onDone} />
          </section>
        );
      })}
    </main>
  );
}
