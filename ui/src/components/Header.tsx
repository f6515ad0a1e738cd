import type { DeskStatus, VirtualPrinterInfo, WeightReading } from "../types";
import { countLabel, formatWeight } from "../format";

export type Page = "station" | "devices" | "printing" | "pipeline";

interface Props {
  page: Page;
  onNav: (p: Page) => void;
  /** Parcels flagged undercharged / over a limit (the `undercharged` command). */
  feeFlagCount: number;
  onFeeFlags: () => void;
  /** Print jobs waiting for the printer (paused): the 인쇄 tab turns red. */
  pausedJobs: number;
  /** 처리필요 over every stage of the 주문처리 page (null until first read). */
  pipelineTotal: number | null;
  booting: boolean;
  status: DeskStatus | null;
  weight: WeightReading | null;
  vprinter: VirtualPrinterInfo | null;
  syncProblem: string | null;
}

function ModeBadge({ booting, status }: Pick<Props, "booting" | "status">) {
  if (booting || !status) {
    return (
      <div id="mode-badge" class="mode-badge mode-starting" data-mode="starting">
        <strong>준비 중…</strong> Starting demo…
      </div>
    );
  }
  if (status.mode === "live") {
    return (
      <div id="mode-badge" class="mode-badge mode-live" data-mode="live" title={status.shop?.api_base}>
        <strong>라이브 LIVE</strong> {status.shop?.mall_id ?? ""}
      </div>
    );
  }
  return (
    <div id="mode-badge" class="mode-badge mode-demo" data-mode={status.mode} title="simulated shop, printer and scale">
      <strong>데모 모드 DEMO</strong>
      <span class="mode-sub">가상 쇼핑몰, 프린터, 저울 · simulated shop, printer and scale</span>
    </div>
  );
}

export function Header({ page, onNav, feeFlagCount, onFeeFlags, pausedJobs, pipelineTotal, booting, status, weight, vprinter, syncProblem }: Props) {
  const pending = status?.outbox_pending ?? 0;
  const scaleGone = weight?.state === "disconnected";
  return (
    <header class="header">
      <div class="brand">
        Packdesk <span class="brand-ko">패킹데스크</span>
      </div>
      <ModeBadge booting={booting} status={status} />
      <nav class="nav" aria-label="pages">
        <button id="nav-station" class={`nav-tab${page === "station" ? " nav-active" : ""}`} aria-current={page === "station" ? "page" : undefined} onClick={() => onNav("station")}>
          스테이션 <span class="nav-en">Station</span>
        </button>
        <button
          id="nav-pipeline"
          class={`nav-tab${page === "pipeline" ? " nav-active" : ""}`}
          aria-current={page === "pipeline" ? "page" : undefined}
          data-count={pipelineTotal ?? 0}
          title="처리필요: 단계별로 사람이 처리해야 할 건 · what waits for a person, every stage"
          onClick={() => onNav(page === "pipeline" ? "station" : "pipeline")}
        >
          주문처리 <span class="nav-en">Pipeline</span>
          {pipelineTotal !== null && pipelineTotal > 0 && (
            <span id="nav-pipeline-count" class="nav-badge nav-badge-todo" aria-label={`처리필요 ${pipelineTotal}건`}>
              {countLabel(pipelineTotal)}
            </span>
          )}
          <kbd class="key">F5</kbd>
        </button>
        <button id="nav-devices" class={`nav-tab${page === "devices" ? " nav-active" : ""}`} aria-current={page === "devices" ? "page" : undefined} onClick={() => onNav(page === "devices" ? "station" : "devices")}>
          장치 <span class="nav-en">Devices</span> <kbd class="key">F8</kbd>
        </button>
        <button
          id="nav-printing"
          class={`nav-tab${page === "printing" ? " nav-active" : ""}${pausedJobs > 0 ? " nav-alert" : ""}`}
          aria-current={page === "printing" ? "page" : undefined}
          data-paused={pausedJobs}
          title={pausedJobs > 0 ? `일시정지된 인쇄 ${pausedJobs}건 · ${pausedJobs} paused print job(s)` : undefined}
          onClick={() => onNav(page === "printing" ? "station" : "printing")}
        >
          인쇄 <span class="nav-en">Printing</span> {pausedJobs > 0 && (
            <span class="nav-badge" aria-label={`일시정지 ${pausedJobs}건`}>
              <span class="pause-icon" aria-hidden="true" />
              {pausedJobs}
            </span>
          )}
          <kbd class="key">F10</kbd>
        </button>
      </nav>
      <div class="stats">
        <button
          id="fee-flags"
          class={`stat stat-button${feeFlagCount > 0 ? " stat-alert" : ""}`}
          data-count={feeFlagCount}
          title="parcels undercharged or over a service limit"
          onClick={onFeeFlags}
        >
          <span class="stat-label">
            요금 확인 Fees <kbd class="key">F7</kbd>
          </span>
          <span class="stat-value">{countLabel(feeFlagCount)}</span>
        </button>
        <div class={`stat${pending > 0 ? " stat-warn" : ""}`} title={syncProblem ?? "shipments owed to the shop"}>
          <span class="stat-label">전송대기 Outbox</span>
          <span id="outbox-count" class="stat-value" data-count={pending}>
            {countLabel(pending)}
          </span>
          {syncProblem && <span class="stat-note">⚠ 오프라인</span>}
        </div>
        <div class="stat" title="invoice numbers left in the pool">
          <span class="stat-label">송장 잔여 Pool</span>
          <span id="pool-count" class="stat-value">
            {status ? countLabel(status.pool_remaining) : "–"}
          </span>
        </div>
        <div class={`stat stat-weight${weight?.stable ? " stat-stable" : ""}${scaleGone ? " stat-warn" : ""}`} title="scale">
          <span class="stat-label">저울 Scale</span>
          <span id="weight" class="stat-value" data-grams={weight?.grams ?? ""} data-state={weight?.state ?? "none"}>
            {formatWeight(weight)}
          </span>
        </div>
        {vprinter && (
          <div class="stat" title={`virtual printer ${vprinter.uri}`}>
            <span class="stat-label">가상 프린터 Labels</span>
            <span id="vprinter-count" class="stat-value" data-count={vprinter.labels_received}>
              {countLabel(vprinter.labels_received)}장
            </span>
          </div>
        )}
      </div>
    </header>
  );
}
