// 재출력 사유: the range names waybills printed before. The desk reprints only with a reason
// (kept in the audit log with the reprint policy), so ask for one: type it, or pick a common one
// with Alt+1..3 / a click. Enter reprints, Esc goes back to the range box.
import { useEffect, useRef, useState } from "preact/hooks";
import { listNos, POLICY, REPRINT_REASONS } from "../printing";
import type { ReprintPolicy } from "../types";

interface Props {
  /** 연번 of the rows that would be reprinted. */
  nos: number[];
  /** Rows in the whole print (for "3 of 5 are reprints"). */
  total: number;
  policy: ReprintPolicy | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

export function ReprintDialog({ nos, total, policy, onConfirm, onCancel }: Props) {
  const [reason, setReason] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const pick = (ko: string) => {
    setReason(ko);
    inputRef.current?.focus();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  };
  const p = policy ? POLICY[policy] : null;

  return (
    <div
      class="overlay"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.altKey && /^[1-9]$/.test(e.key)) {
          const r = REPRINT_REASONS[Number(e.key) - 1];
          if (r) {
            e.preventDefault();
            pick(r.ko);
          }
        }
      }}
    >
      <form
        id="reprint-dialog"
        class="dialog reprint-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reprint-title"
        data-count={nos.length}
        onSubmit={submit}
      >
        <h2 id="reprint-title">
          재출력 사유 <span class="muted">Reason to reprint</span>
        </h2>
        <p class="reprint-what">
          <strong id="reprint-count" data-count={nos.length}>
            {nos.length}장
          </strong>{" "}
          이미 출력된 송장입니다{total > nos.length ? ` (전체 ${total}장 중)` : ""} ·{" "}
          <span class="muted">
            {nos.length} of {total} label(s) were printed before
          </span>
        </p>
        <p id="reprint-nos" class="reprint-nos">
          연번 {listNos(nos, 20)}
        </p>
        {p && (
          <p id="reprint-policy-note" class={`reprint-policy policy-${policy}`} data-policy={policy ?? ""}>
            <strong>
              재출력 정책: {p.ko} <span class="muted">{p.en}</span>
            </strong>
            <span>
              {p.note_ko} · {p.note_en}
            </span>
          </p>
        )}
        <label>
          사유 <span class="muted">Reason (감사 기록에 남습니다 · kept in the audit log)</span>
          <input
            id="reprint-reason"
            ref={inputRef}
            value={reason}
            autocomplete="off"
            maxLength={200}
            placeholder="예: 용지 걸림"
            onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <div class="reason-chips" role="group" aria-label="common reasons">
          {REPRINT_REASONS.map((r, i) => (
            <button
              key={r.id}
              id={`reprint-reason-${r.id}`}
              type="button"
              class={`btn btn-small reason-chip${reason === r.ko ? " reason-chosen" : ""}`}
              aria-pressed={reason === r.ko}
              onClick={() => pick(r.ko)}
            >
              <span class="reason-chip-ko">
                {r.ko} <kbd class="key">Alt+{i + 1}</kbd>
              </span>
              <span class="reason-chip-en muted">{r.en}</span>
            </button>
          ))}
        </div>
        <div class="dialog-actions">
          <button id="reprint-cancel" type="button" class="btn" onClick={onCancel}>
            취소 Cancel <kbd class="key">Esc</kbd>
          </button>
          <button id="reprint-confirm" type="submit" class="btn btn-print" disabled={!reason.trim()}>
            재출력 Reprint <kbd class="key">Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
