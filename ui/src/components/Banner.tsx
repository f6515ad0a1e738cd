// The big feedback strip under the scan field. It always names what happened (parcel number,
// tracking number, recipient, or the error in Korean and English) so a packer can act on it
// from across the desk without touching the mouse.
import type { ErrorPayload } from "../types";

export interface BannerState {
  kind: "idle" | "ok" | "error";
  /** SHIPPED / PRINTED / … for successes, the DeskError code for errors. */
  code: string;
  title: string;
  detail: string;
  /** English line under the Korean one. */
  detailEn?: string;
  /** Bumped on every new banner so a repeat of the same text still flashes. */
  seq: number;
  /** A range error: the part of the typed range the desk refused, shown on its own. */
  badPart?: string;
  /** One thing to do about it (이어서 인쇄 Resume), with its key. */
  action?: BannerAction;
}

export interface BannerAction {
  id: string;
  label: string;
  keyHint?: string;
  /** A short line beside the button (what is left to print). */
  hint?: string;
  run: () => void;
}

export const IDLE_BANNER: BannerState = {
  kind: "idle",
  code: "IDLE",
  title: "스캔 대기 Ready to scan",
  detail: "송장 바코드를 스캔하면 배송처리됩니다 · Scan a waybill barcode to ship it",
  seq: 0,
};

const ERROR_TITLES: Record<string, string> = {
  SCAN_UNKNOWN: "없는 송장 Unknown waybill",
  SCAN_ALREADY_SHIPPED: "이미 배송처리됨 Already shipped",
  SCAN_CLAIMED: "출고 중지! STOP — 취소/반품 요청 Claimed",
  SCAN_PARTLY_CLAIMED: "잠깐! STOP — 취소된 품목을 빼세요 Take out the cancelled items",
  SCAN_EMPTY: "빈 스캔 Empty scan",
  SCAN_OVER_LIMIT: "출고 중지 — 요금 한도 초과 Over the service limit",
  SCAN_NEEDS_WEIGHT: "저울에 올려 주세요 Weigh it first",
  RANGE_INVALID: "범위 오류 Bad range",
  PRINTER_OFFLINE: "인쇄 일시정지 Printing paused — 프린터 확인 Check the printer",
};

export function errorBanner(e: ErrorPayload, seq: number, action?: string): BannerState {
  const title = ERROR_TITLES[e.code] ?? `${action ? `${action} 실패` : "오류"} Error`;
  return { kind: "error", code: e.code, title, detail: e.message_ko, detailEn: e.message_en, seq };
}

export function Banner({ state }: { state: BannerState }) {
  // A partly cancelled parcel is as loud as a cancelled one: the packer must act before it leaves.
  const claimed = state.code === "SCAN_CLAIMED" || state.code === "SCAN_PARTLY_CLAIMED";
  return (
    <div
      id="banner"
      key={state.seq}
      class={`banner banner-${state.kind}${claimed ? " banner-claimed" : ""}`}
      data-kind={state.kind}
      data-code={state.code}
      data-seq={state.seq}
      role={state.kind === "error" ? "alert" : "status"}
      aria-live="assertive"
    >
      <div class="banner-title">
        <span class="banner-icon" aria-hidden="true">
          {state.kind === "ok" ? "✔" : state.kind === "error" ? "✖" : "▮▮▮"}
        </span>
        {state.title}
        {state.kind === "error" && <span class="banner-code">{state.code}</span>}
      </div>
      {state.badPart !== undefined && (
        <div class="banner-bad-part">
          잘못된 부분 <span class="muted-inv">Bad part</span>{" "}
          <code id="banner-bad-part" data-part={state.badPart}>
            {state.badPart}
          </code>
        </div>
      )}
      <div class="banner-detail">{state.detail}</div>
      {state.detailEn && <div class="banner-detail-en">{state.detailEn}</div>}
      {state.action && (
        <div class="banner-actions">
          <button id={state.action.id} type="button" class="btn btn-banner" onClick={state.action.run}>
            {state.action.label} {state.action.keyHint && <kbd class="key">{state.action.keyHint}</kbd>}
          </button>
          {state.action.hint && <span class="banner-action-hint">{state.action.hint}</span>}
        </div>
      )}
    </div>
  );
}
