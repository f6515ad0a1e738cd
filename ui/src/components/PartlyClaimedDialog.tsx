// The scan refused a partly claimed parcel (SCAN_PARTLY_CLAIMED): some of its lines were cancelled
// or returned after the label was printed. The packer takes them out of the box and confirms; the
// parcel then ships with the rest only (claimed lines never leave the ledger nor reach the shop).
import { useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { shipApi } from "../pipeline/shipApi";
import type { ErrorPayload, ShipOutcome } from "../types";

interface Props {
  /** The scanned code, shipped again with the confirmation. */
  code: string;
  /** The refusal: its messages name the lines to take out. */
  error: ErrorPayload;
  onShipped: (outcome: ShipOutcome) => void;
  onFailed: (error: ErrorPayload) => void;
  onClose: () => void;
}

export function PartlyClaimedDialog({ code, error, onShipped, onFailed, onClose }: Props) {
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onShipped(await shipApi.shipConfirmed(code));
    } catch (e) {
      onFailed(toErrorPayload(e));
    } finally {
      setBusy(false);
      onClose();
    }
  };

  return (
    <div class="overlay" onKeyDown={(e) => e.key === "Escape" && !busy && onClose()}>
      <div
        id="partly-claimed-dialog"
        class="dialog partly-claimed-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="partly-claimed-title"
      >
        <h2 id="partly-claimed-title">
          일부 취소/반품된 택배 <span class="muted">Partly claimed parcel</span>
        </h2>
        <p class="partly-claimed-ko">{error.message_ko}</p>
        <p class="muted">{error.message_en}</p>
        <div class="dialog-actions">
          <button class="btn" disabled={busy} onClick={onClose}>
            취소 <span class="muted">Not yet</span>
          </button>
          <button id="partly-claimed-confirm" class="btn btn-primary" disabled={busy} onClick={() => void confirm()}>
            뺐음 확인, 배송처리 <span class="muted">Removed — ship the rest</span>
          </button>
        </div>
      </div>
    </div>
  );
}
