// Scan-to-screen timing: when each scan's result reached the screen. Read by the latency bench
// (tests/e2e/benches/scan_latency.rs) through `window.__packdeskScanPaints`; bounded, so a long
// shift never grows it without limit. Times are wall-clock milliseconds (timeOrigin + now), so
// the bench can compare them with the moment it wrote to the serial scanner.

export interface ScanPaint {
  source: "keyboard" | "serial";
  /** Wall-clock time of the scan's terminator key (keyboard); null for serial scans. */
  enter_at: number | null;
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
export function notePaint(source: ScanPaint["source"], enterAt: number | null, result: string) {
  requestAnimationFrame(() =>
    setTimeout(() => {
      const list = (window.__packdeskScanPaints ??= []);
      list.push({ source, enter_at: enterAt, painted_at: wallClock(), result });
      if (list.length > KEEP) list.splice(0, list.length - KEEP);
    }, 0),
  );
}
