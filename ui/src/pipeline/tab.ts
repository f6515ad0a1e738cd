// The contract every stage tab of the 주문처리 (pipeline) page follows: the page owns the tab bar
// and the 처리필요 counts; a tab owns its list and actions and tells the page when it changed
// something (so counts and the station's list refresh) or when something failed (one banner).
import type { ErrorPayload } from "../types";

export interface TabProps {
  /** The tab is on screen: load when it becomes true, stop polling when false. */
  active: boolean;
  /** Something in the store changed (matched, merged, allocated, applied…): refresh counts. */
  onChanged: () => void;
  /** Show a failure in the page's banner (Korean and English from the desk). */
  onError: (e: ErrorPayload) => void;
  /** Show a success in the page's banner. */
  onDone: (ko: string, en: string) => void;
}
