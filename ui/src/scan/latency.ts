// Scan-to-screen timing: when each scan's result reached the screen. Read by the latency bench
// (tests/e2e/benches/scan_latency.rs) through `window.__packdeskScanPaints`; bounded, so a long
// shift never grows it without limit. Times are wall-clock milliseconds (timeOrigin + now), so
// the bench can compare them with the moment it wrote to the serial scanner.

export interface ScanPaint {
  source: "keyboard" | "serial";
  /** Wall-clock time the page handled the scan's terminator key (keyboard); null for serial. */
  enter_at: number | null;
  /** The terminator key event's own timestamp (keyboard); null for serial. */
  key_event_at: number | null;
  /** Wall-clock time the desk's answer reached the page (keyboard scans). */
  answered_at: number | null;
  painted_at: number;
  /** The result shown: SHIPPED or the error code. */
  result: string;
}

declare global {
  interface Window {
    __packdeskScanPaints?: ScanPaint[];
  }
}

const KEEP = 1000;

/** Wall-clock milliseconds of a DOM event's timeStamp (or of now). */
export function wallClock(eventTimeStamp?: number): number {
  return performance.timeOrigin + (eventTimeStamp ?? performance.now());
}

/** Notes the first paint after this call: the frame callback runs before the paint, the task
 * queued from it right after. */
export function notePaint(
  source: ScanPaint["source"],
  keys: { endedAt?: number; keyEventAt?: number } | null,
  answeredAt: number | null,
  result: string,
) {
  requestAnimationFrame(() => {
    setTimeout(() => {
      const list = (window.__packdeskScanPaints ??= []);
      list.push({
        source,
        enter_at: keys?.endedAt ?? null,
        key_event_at: keys?.keyEventAt ?? null,
        answered_at: answeredAt,
        painted_at: wallClock(),
        result,
      });
      if (list.length > KEEP) list.splice(0, list.length - KEEP);
    }, 0);
  });
}
