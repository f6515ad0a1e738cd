// Keyboard-wedge scanners type like a very fast keyboard and end with Enter (or Tab). Telling a
// scan from a person typing matters: a scan is acted on at once, while typed text (a packer keying
// a number off a torn label) is shown back before it ships anything.
//
// The rule, from how wedge scanners behave (hardware.md §1): keys arrive < ~35 ms apart — people
// manage ~80–200 ms — and the burst ends with the terminator. Settings (prefix/suffix some
// scanners add, the gap threshold) live in localStorage, per station.

export interface WedgeSettings {
  /** Characters a scanner is configured to send before the data (stripped). */
  prefix: string;
  /** Characters before the terminator (stripped). */
  suffix: string;
  /** Longest gap between keys that still counts as a scanner, in ms. */
  maxGapMs: number;
  /** Fewest characters a scan has. */
  minLength: number;
}

export const DEFAULT_WEDGE: WedgeSettings = { prefix: "", suffix: "", maxGapMs: 35, minLength: 4 };
const KEY = "packdesk.wedge";

export function loadWedgeSettings(): WedgeSettings {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? { ...DEFAULT_WEDGE, ...(JSON.parse(raw) as Partial<WedgeSettings>) } : DEFAULT_WEDGE;
  } catch {
    return DEFAULT_WEDGE;
  }
}

export function saveWedgeSettings(s: WedgeSettings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

/** Timestamps of the keys that built the current field value. */
export class KeyTimer {
  private times: number[] = [];

  key(now: number): void {
    this.times.push(now);
  }

  reset(): void {
    this.times = [];
  }

  /** The median gap between keys, or Infinity with fewer than two keys. */
  medianGap(): number {
    if (this.times.length < 2) return Infinity;
    const gaps = this.times.slice(1).map((t, i) => t - this.times[i]).sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)];
  }
}

export interface Classified {
  code: string;
  /** true = the burst looked like a scanner; false = typed by hand. */
  scanned: boolean;
  medianGapMs: number;
  /** Wall-clock ms the page handled the terminator key (scan-to-screen timing); absent in tests. */
  endedAt?: number;
  /** Wall-clock ms the terminator's key event was created (its timeStamp). */
  keyEventAt?: number;
}

export function classify(value: string, timer: KeyTimer, s: WedgeSettings): Classified {
  let code = value.trim();
  if (s.prefix && code.startsWith(s.prefix)) code = code.slice(s.prefix.length);
  if (s.suffix && code.endsWith(s.suffix)) code = code.slice(0, -s.suffix.length);
  const gap = timer.medianGap();
  return { code, scanned: code.length >= s.minLength && gap <= s.maxGapMs, medianGapMs: gap };
}
