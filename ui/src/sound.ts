// Feedback a packer hears without looking up: a short rising chime for a good scan, a low harsh
// buzz for an error, and for a claimed (cancelled/returned) parcel the loudest sound, repeated,
// because shipping it costs real money. WebAudio oscillators: no sound files to ship or load.

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === "suspended") void ctx.resume();
    return ctx;
  } catch {
    return null; // no audio device: the banner still says everything
  }
}

interface Tone {
  type: OscillatorType;
  freq: number;
  start: number;
  dur: number;
  gain: number;
}

function play(tones: Tone[]): void {
  const ac = audio();
  if (!ac) return;
  const t0 = ac.currentTime + 0.01;
  for (const t of tones) {
    const osc = ac.createOscillator();
    const g = ac.createGain();
    osc.type = t.type;
    osc.frequency.setValueAtTime(t.freq, t0 + t.start);
    // Short attack/release ramps avoid clicks.
    g.gain.setValueAtTime(0.0001, t0 + t.start);
    g.gain.exponentialRampToValueAtTime(t.gain, t0 + t.start + 0.01);
    g.gain.setValueAtTime(t.gain, t0 + t.start + t.dur - 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, t0 + t.start + t.dur);
    osc.connect(g).connect(ac.destination);
    osc.start(t0 + t.start);
    osc.stop(t0 + t.start + t.dur + 0.02);
  }
}

export type SoundKind = "ok" | "error" | "claimed";

export function playSound(kind: SoundKind): void {
  switch (kind) {
    case "ok": // two rising sine notes: E6 then A6
      play([
        { type: "sine", freq: 1319, start: 0, dur: 0.09, gain: 0.35 },
        { type: "sine", freq: 1760, start: 0.1, dur: 0.14, gain: 0.35 },
      ]);
      break;
    case "error": // low square buzz, twice
      play([
        { type: "square", freq: 180, start: 0, dur: 0.22, gain: 0.5 },
        { type: "square", freq: 140, start: 0.28, dur: 0.3, gain: 0.5 },
      ]);
      break;
    case "claimed": // loud sawtooth siren, three times
      play(
        [0, 0.45, 0.9].flatMap((s) => [
          { type: "sawtooth" as const, freq: 880, start: s, dur: 0.2, gain: 0.9 },
          { type: "sawtooth" as const, freq: 440, start: s + 0.2, dur: 0.2, gain: 0.9 },
        ]),
      );
      break;
  }
}

export function soundForCode(code: string): SoundKind {
  return code === "SCAN_CLAIMED" || code === "SCAN_PARTLY_CLAIMED" ? "claimed" : "error";
}
