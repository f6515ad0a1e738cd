import type { RefObject } from "preact";
import type { CollectReport, PrintFormat } from "../types";

export type Busy = null | "collect" | "print" | "sync" | "connect";

interface Props {
  disabled: boolean;
  busy: Busy;
  collectReport: CollectReport | null;
  rangeRef: RefObject<HTMLInputElement>;
  format: PrintFormat;
  onFormat: (f: PrintFormat) => void;
  onCollect: () => void;
  onPrint: () => void;
  onSync: () => void;
  onConnect: () => void;
  onEscape: () => void;
}

function Key({ k }: { k: string }) {
  return <kbd class="key">{k}</kbd>;
}

export function Toolbar(p: Props) {
  const off = p.disabled || p.busy !== null;
  const r = p.collectReport;
  return (
    <div class="toolbar" role="toolbar">
      <div class="tool-group">
        <button id="collect-btn" class="btn btn-primary btn-collect" disabled={off} onClick={p.onCollect}>
          <span class="btn-line">
            {p.busy === "collect" ? "수집 중… Collecting…" : "주문수집 Collect"} <Key k="F2" />
          </span>
          <span id="collect-report" class="collect-report" data-new={r?.new ?? ""}>
            {r
              ? `새 주문 ${r.new} · 갱신 ${r.updated} · 건너뜀 ${r.skipped}${r.claimed ? ` · 클레임 ${r.claimed}` : ""}`
              : "카페24 주문 가져오기 · fetch paid orders"}
          </span>
        </button>
      </div>
      <div class="tool-group tool-print">
        <label class="range-label" for="range-input">
          범위 <span class="muted">Range</span> <Key k="F3" />
        </label>
        <input
          id="range-input"
          ref={p.rangeRef}
          class="range-input"
          type="text"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          placeholder="1-3, 5, 7 (비우면 전체)"
          title="비우면 전체 · empty = every printable row"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              p.onPrint();
            } else if (e.key === "Escape") {
              p.onEscape();
            }
          }}
        />
        <select
          id="format-select"
          class="format-select"
          value={p.format}
          onChange={(e) => p.onFormat((e.currentTarget as HTMLSelectElement).value as PrintFormat)}
          onKeyDown={(e) => e.key === "Escape" && p.onEscape()}
        >
          <option value="zpl">ZPL</option>
          <option value="pdf">PDF</option>
        </select>
        <button id="print-btn" class="btn btn-print" disabled={off} onClick={p.onPrint}>
          {p.busy === "print" ? "출력 중… Printing…" : "송장출력 Print"} <Key k="F4" />
        </button>
      </div>
      <div class="tool-group tool-right">
        <button id="sync-btn" class="btn" disabled={off} onClick={p.onSync}>
          {p.busy === "sync" ? "전송 중… Syncing…" : "전송 Sync"} <Key k="F9" />
        </button>
        <button id="connect-btn" class="btn btn-quiet" disabled={p.busy !== null} onClick={p.onConnect} title="Cafe24 OAuth">
          쇼핑몰 연결 Connect shop
        </button>
      </div>
    </div>
  );
}
