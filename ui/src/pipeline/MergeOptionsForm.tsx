// 합포 options under the 확인필요 pairs: domestic only (parcels abroad never merge) and same seller
// only vs across sellers. They apply to orders placed from now on; printed parcels never change.
import { useCallback, useEffect, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { type MergeOptions, shipApi } from "./shipApi";
import type { TabProps } from "./tab";

export function MergeOptionsForm(props: TabProps) {
  const { active, onChanged, onError, onDone } = props;
  const [opts, setOpts] = useState<MergeOptions | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setOpts(await shipApi.mergeOptions());
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const set = async (domesticOnly: boolean | null, perSeller: boolean | null) => {
    if (busy) return;
    setBusy(true);
    try {
      const o = await shipApi.setMergeOptions(domesticOnly, perSeller);
      setOpts(o);
      onChanged();
      onDone("합포 옵션 저장 — 다음 수집부터 적용", "Merge options saved: they apply from the next collection");
    } catch (e) {
      onError(toErrorPayload(e));
    } finally {
      setBusy(false);
    }
  };

  if (!opts) return null;
  return (
    <section class="dev-card merge-options" id="merge-options">
      <h2>
        합포 옵션 <span class="muted">Merge options</span>
      </h2>
      <label class="merge-option">
        <input
          id="merge-domestic-only"
          type="checkbox"
          checked={opts.domestic_only}
          disabled={busy}
          onChange={(e) => void set((e.target as HTMLInputElement).checked, null)}
        />
        국내 배송만 합포 <span class="muted">Domestic only: parcels abroad never merge</span>
      </label>
      <fieldset class="merge-option">
        <legend>
          판매처 <span class="muted">Sellers</span>
        </legend>
        <label>
          <input
            type="radio"
            name="merge-seller"
            id="merge-per-seller"
            checked={opts.per_seller}
            disabled={busy}
            onChange={() => void set(null, true)}
          />
          같은 판매처만 <span class="muted">Same seller only</span>
        </label>
        <label>
          <input
            type="radio"
            name="merge-seller"
            id="merge-across-sellers"
            checked={!opts.per_seller}
            disabled={busy}
            onChange={() => void set(null, false)}
          />
          판매처 상관없이 <span class="muted">Across sellers</span>
        </label>
      </fieldset>
      <p class="muted">
        출력된 송장은 바뀌지 않으며, 새 규칙은 이후 들어오는 주문부터 적용됩니다 · Printed parcels never change; the rule
        applies to orders placed from now on.
      </p>
    </section>
  );
}
