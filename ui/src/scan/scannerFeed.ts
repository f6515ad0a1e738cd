// The serial scanner's test stream (watch_scanner). While it runs the shell keeps the scanner in
// test mode — its scans ship nothing — so the stream lives exactly as long as the test panel is
// on, and `unwatch_scanner` ends it. Watch and unwatch calls are queued one behind the other: a
// quick close-and-reopen of the page must not let an old unwatch land after the new watch.
import { api } from "../api";
import type { ScanTestEvent } from "../types";

let queue: Promise<unknown> = Promise.resolve();
let current: ((e: ScanTestEvent) => void) | null = null;

function enqueue(f: () => Promise<unknown>): Promise<unknown> {
  queue = queue.then(f, f);
  return queue;
}

/** Streams serial test scans to `handler` until the returned function is called. */
export function subscribeScannerTest(handler: (e: ScanTestEvent) => void, onError: (e: unknown) => void): () => void {
  current = handler;
  // Each watch gets its own handler: events of an older stream never reach a newer panel.
  void enqueue(() => api.watchScanner((e) => (current === handler ? handler(e) : undefined)).catch(onError));
  return () => {
    if (current === handler) current = null;
    void enqueue(() => api.unwatchScanner().catch(() => undefined));
  };
}
