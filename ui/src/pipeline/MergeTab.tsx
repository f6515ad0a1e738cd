// 합포 Merge: the 확인필요 pairs — same name and address, different phone numbers — side by side,
// masked as the desk returns them, with the field that differs highlighted; 합포 Merge or 따로
// Keep apart (never asked again). Below: lock an order so it never merges, and the merge options.
import { useCallback, useEffect, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { MergeOptionsForm } from "./MergeOptionsForm";
import { pipelineApi, type MergeReview } from "./pipelineApi";
import { differingFields, REVIEW_FIELDS } from "./pipelineView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

export function MergeTab(props: TabProps) {
  const { active, onChanged, onError, onDone } = props;
  const [reviews, setReviews] = useState<MergeReview[] | null>(null);
  const [lockId, setLockId] = useState("");

  const load = useCallback(async () => {
    try {
      setReviews(await pipelineApi.mergeReviews());
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError, { onChanged, reload: load });

  const decide = (r: MergeReview, merge: boolean) =>
    act(`${merge ? "merge" : "keep"}:${r.id}`, async () => {
      const d = await pipelineApi.decideMerge(r.id, merge);
      const nos = r.parcels.map((p) => `${p.no}번`).join(" · ");
      if (d.decision === "merged") {
        onDone(`합포 완료 Merged — 확인 #${r.id}`, `${nos} are one parcel now; each order keeps its own id for the tracking push`);
      } else {
        onDone(`따로 보내기 Kept apart — 확인 #${r.id}`, `${nos} ship separately; this pair is not asked again`);
      }
    });

  const lock = () => {
    const id = lockId.trim();
    if (!id) return;
    return act("lock", async () => {
      await pipelineApi.lockMerge(id);
      setLockId("");
      onDone(`합포 금지 Never merge — ${id}`, `이 주문은 다른 주문과 합쳐지지 않습니다 · order ${id} never merges with another`);
    });
  };

  return (
    <div id="merge-tab" class="merge-tab">
      <section class="dev-card" id="merge-reviews">
        <h2>
          합포 확인필요 <span class="muted">Needs a check</span>
          <span class="muted small">{reviews ? `${reviews.length}건` : "불러오는 중… Loading…"}</span>
          <button id="merge-refresh" class="btn btn-small btn-quiet" onClick={() => void load()}>
            새로고침 Refresh
          </button>
        </h2>
        <p class="dev-note">
          이름과 주소가 같고 전화번호가 다른 주문입니다. 한 사람이면 합포, 다른 사람이면 따로 보내세요.
          <span class="muted"> Same name and address, different phones: one person, merge; two people, keep apart.</span>
        </p>
        {reviews && reviews.length === 0 && (
          <div id="merge-empty" class="empty">
            확인할 합포가 없습니다 <span class="muted">Nothing to check</span>
          </div>
        )}
        {(reviews ?? []).map((r) => {
          const diff = differingFields(r.parcels);
          return (
            <article key={r.id} class="merge-pair" id={`merge-pair-${r.id}`} data-review={r.id}>
              <div class="merge-pair-head">
                <strong>확인 #{r.id}</strong>
                <span class="muted small">
                  다른 항목 Differs: {REVIEW_FIELDS.filter((f) => diff.has(f.field)).map((f) => `${f.ko} ${f.en}`).join(", ") || "–"}
                </span>
              </div>
              <div class="merge-sides">
                {r.parcels.map((p) => (
                  <div key={p.parcel_id} class="merge-side" data-parcel={p.parcel_id}>
                    <div class="merge-side-head">
                      <span class="chip chip-ready">{p.no}번</span>
                      <span class="mono small">{p.order_ids.join(", ")}</span>
                    </div>
                    <dl class="merge-fields">
                      {REVIEW_FIELDS.map((f) => (
                        <div key={f.field} class={diff.has(f.field) ? "merge-diff" : undefined} data-field={f.field} data-differs={diff.has(f.field) ? "1" : "0"}>
                          <dt>
                            {f.ko} <span class="muted">{f.en}</span>
                          </dt>
                          <dd class={f.field === "address" ? undefined : "mono"}>{p[f.field] || "–"}</dd>
                        </div>
                      ))}
                    </dl>
                  </div>
                ))}
              </div>
              <div class="merge-actions">
                <button id={`merge-${r.id}`} class="btn btn-primary" disabled={busy !== null} onClick={() => void decide(r, true)}>
                  {busy === `merge:${r.id}` ? "합포 중…" : "합포 Merge"}
                </button>
                <button id={`keep-${r.id}`} class="btn" disabled={busy !== null} onClick={() => void decide(r, false)}>
                  {busy === `keep:${r.id}` ? "저장 중…" : "따로 Keep apart"}
                </button>
              </div>
            </article>
          );
        })}
      </section>

      <div class="merge-aside">
        <section class="dev-card" id="merge-lock">
          <h2>
            합포 금지 <span class="muted">Never merge an order</span>
          </h2>
          <form
            class="merge-lock-form"
            onSubmit={(e) => {
              e.preventDefault();
              void lock();
            }}
          >
            <label>
              주문번호 <span class="muted">Order id</span>
              <input
                id="merge-lock-order"
                class="mono"
                value={lockId}
                placeholder="20261123-0000001"
                onInput={(e) => setLockId((e.target as HTMLInputElement).value)}
              />
            </label>
            <button id="merge-lock-btn" type="submit" class="btn" disabled={busy !== null || !lockId.trim()}>
              {busy === "lock" ? "저장 중…" : "합포 금지 Lock"}
            </button>
          </form>
          <p class="dev-note muted small">
            이 주문은 다른 주문과 합쳐지지 않습니다. 출력 전 택배에 함께 있으면 따로 분리됩니다 · The order never merges; if it shares an unprinted parcel it is split off.
          </p>
        </section>

        {/* Its own card (domestic only, per seller), built beside this tab. */}
        <MergeOptionsForm {...props} />
      </div>
    </div>
  );
}
