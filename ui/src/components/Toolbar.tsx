import type { RefObject } from "preact";
import { CARRIER_WAYBILL, type DocumentChoice, FORMATS, isShippingLabel } from "../printing";
import type { CollectReport, PrintFormat } from "../types";

export type Busy = null | "collect" | "print" | "sync" | "connect";

interface Props {
  disabled: boolean;
  busy: Busy;
  collectReport: CollectReport | null;
  rangeRef: RefObject<HTMLInputElement>;
  format: PrintFormat;
  onFormat: (f: PrintFormat) => void;
  /** "waybill" (each parcel's carrier waybill) or a template id. */
  document: string;
  /** The carrier waybill, then every template (printing.ts documentChoices). */
  documents: DocumentChoice[];
  /** What the closed select shows for `document` (printing.ts documentShortName). */
  shortName: string;
  onDocument: (d: string) => void;
  /** A range error marks the range box until the packer edits it. */
  rangeError: boolean;
  onRangeInput: () => void;
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
  const chosen = p.documents.find((d) => d.id === p.document);
  const paperwork = !isShippingLabel(p.document);
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
          <span>
            범위 <Key k="F3" />
          </span>
          <span class="muted">Range</span>
        </label>
        <input
          id="range-input"
          ref={p.rangeRef}
          class={`range-input${p.rangeError ? " range-input-error" : ""}`}
          aria-invalid={p.rangeError}
          data-error={p.rangeError ? "1" : "0"}
          onInput={p.onRangeInput}
          type="text"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          placeholder="비우면 전체"
          title="예: 1-3, 5, 7 · 비우면 전체 · empty = every printable row"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              p.onPrint();
            } else if (e.key === "Escape") {
              p.onEscape();
            }
          }}
        />
        {/* The closed select shows a short name over its own (transparent) text: the full
            names would not fit the toolbar; the open list shows them whole. */}
        <span class={`doc-picker${paperwork ? " doc-picker-paperwork" : ""}`} data-document={p.document}>
          <span class="doc-picker-face" aria-hidden="true">
            {p.shortName}
          </span>
          <select
            id="document-select"
            class="format-select document-select"
            aria-label="문서 Document"
            title={`문서 Document: ${chosen ? `${chosen.ko} · ${chosen.en}` : p.document}`}
            value={p.document}
            onChange={(e) => p.onDocument((e.currentTarget as HTMLSelectElement).value)}
            onKeyDown={(e) => e.key === "Escape" && p.onEscape()}
          >
            {p.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id === CARRIER_WAYBILL ? `${d.ko} ${d.en}` : d.ko}
              </option>
            ))}
          </select>
        </span>
        <select
          id="format-select"
          class="format-select"
          value={p.format}
          onChange={(e) => p.onFormat((e.currentTarget as HTMLSelectElement).value as PrintFormat)}
          onKeyDown={(e) => e.key === "Escape" && p.onEscape()}
        >
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button id="print-btn" class="btn btn-print" disabled={off} onClick={p.onPrint}>
          {p.busy === "print" ? "출력 중… Printing…" : p.document === CARRIER_WAYBILL ? "송장출력 Print" : "출력 Print"} <Key k="F4" />
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
