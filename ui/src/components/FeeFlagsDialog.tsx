// 요금 확인: parcels the owner should look at — shipped for less than the fee (beyond the
// tolerance) or over a service's limits — from the `undercharged` command. Esc or 닫기 closes and
// gives the scan field its focus back.
import { useEffect, useRef } from "preact/hooks";
import { formatKg, hyphenateTracking } from "../format";
import type { FeeFlagRow } from "../types";

interface Props {
  flags: FeeFlagRow[];
  onClose: () => void;
}

const FLAG: Record<FeeFlagRow["flag"], string> = {
  undercharged: "배송비 부족 Undercharged",
  over_limit: "한도 초과 Over limit",
};

export function FeeFlagsDialog({ flags, onClose }: Props) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div
      class="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="fee-flags-title"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div id="fee-flags-dialog" class="dialog dialog-wide">
        <h2 id="fee-flags-title">
          요금 확인 <span class="muted">Fees to check — {flags.length}</span>
        </h2>
        {flags.length === 0 ? (
          <p class="dialog-note">확인할 택배가 없습니다 · Nothing to check</p>
        ) : (
          <div class="flags-scroll">
            <table id="fee-flags-table" class="flags-table">
              <thead>
                <tr>
                  <th>연번</th>
                  <th>송장번호 Tracking</th>
                  <th>국가</th>
                  <th class="num">무게 Weight</th>
                  <th class="num">요금 Fee</th>
                  <th class="num">결제 Paid</th>
                  <th>사유 Reason</th>
                </tr>
              </thead>
              <tbody>
                {flags.map((f) => (
                  <tr key={f.parcel_id} data-parcel={f.parcel_id} data-no={f.no ?? ""} data-flag={f.flag}>
                    <td class="num">{f.no ?? "–"}</td>
                    <td class="mono">{hyphenateTracking(f.tracking_no) || "–"}</td>
                    <td>{f.country}</td>
                    <td class="num">{formatKg(f.grams)}</td>
                    <td class="num">{f.fee.display}</td>
                    <td class="num">{f.paid.display}</td>
                    <td>
                      <span class={`flag-chip flag-${f.flag}`}>{FLAG[f.flag]}</span>
                      <div>{f.message_ko}</div>
                      <div class="muted small">{f.message_en}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="dialog-actions">
          <button id="fee-flags-close" ref={closeRef} type="button" class="btn" onClick={onClose}>
            닫기 Close <kbd class="key">Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
