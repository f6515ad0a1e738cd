import type { DeskStatus, VirtualPrinterInfo, WeightReading } from "../types";
import { countLabel, formatWeight } from "../format";

interface Props {
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

export function Header({ booting, status, weight, vprinter, syncProblem }: Props) {
  const pending = status?.outbox_pending ?? 0;
  return (
    <header class="header">
      <div class="brand">
        Packdesk <span class="brand-ko">패킹데스크</span>
      </div>
      <ModeBadge booting={booting} status={status} />
      <div class="stats">
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
        <div class={`stat stat-weight${weight?.stable ? " stat-stable" : ""}`} title="scale">
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
