// How every stage tab runs its buttons: one action at a time (`busy` names the one running, so
// its button can say so and a second click is ignored), a failure to the page's banner. A tab
// whose actions change the pipeline passes `changed`: after a success the page's counts refresh,
// and after any outcome the tab reads its list again, so what it shows is what the desk holds.
import { useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import type { ErrorPayload } from "../types";

export interface Changed {
  /** The page's onChanged: counts and the station's list refresh. */
  onChanged: () => void;
  /** The tab's own read of its list. */
  reload: () => Promise<void>;
}

export function useTabActions(onError: (e: ErrorPayload) => void, changed?: Changed) {
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (name: string, f: () => Promise<void>) => {
    if (busy) return;
    setBusy(name);
    try {
      await f();
      changed?.onChanged();
    } catch (e) {
      onError(toErrorPayload(e));
    } finally {
      setBusy(null);
      await changed?.reload();
    }
  };
  return { busy, act };
}
