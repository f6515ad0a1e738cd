// The keyboard side of a wedge scan, shared by the station's scan field and the scanner test
// screen so both tell scans from typing the same way: key timing, Enter/Tab as terminators, and
// an Enter that arrives while the Korean IME is still composing (a scan typed in 한글 mode) waits
// for compositionend, when the field's value is complete.
import { useRef } from "preact/hooks";
import { wallClock } from "./latency";
import { classify, KeyTimer, loadWedgeSettings, type Classified } from "./wedge";

export interface WedgeInputHandlers {
  onKeyDown: (e: KeyboardEvent) => void;
  onCompositionEnd: (e: CompositionEvent) => void;
}

/** `onSubmit` gets the classification and the field's raw value; the field is cleared. */
export function useWedgeInput(onSubmit: (how: Classified, raw: string) => void): WedgeInputHandlers {
  const timer = useRef(new KeyTimer());
  const submitAfterComposition = useRef(false);
  const latest = useRef(onSubmit);
  latest.current = onSubmit;

  const submit = (el: HTMLInputElement, at: number) => {
    const raw = el.value;
    // When the page handled the terminator, and when the key event was created: a synthetic
    // burst (WebDriver) queues every key first, so the two differ by the queue, not the app.
    const how = {
      ...classify(raw, timer.current, loadWedgeSettings()),
      endedAt: wallClock(),
      keyEventAt: wallClock(at),
    };
    el.value = "";
    timer.current.reset();
    latest.current(how, raw);
  };

  return {
    onKeyDown(e) {
      const el = e.currentTarget as HTMLInputElement;
      if (e.key === "Enter" || (e.key === "Tab" && el.value !== "")) {
        // Enter and Tab are the terminators scanners are set to send.
        e.preventDefault();
        if (e.isComposing) {
          submitAfterComposition.current = true;
          return;
        }
        submit(el, e.timeStamp);
        return;
      }
      if (el.value === "") timer.current.reset();
      timer.current.key(e.timeStamp || performance.now());
    },
    onCompositionEnd(e) {
      if (!submitAfterComposition.current) return;
      submitAfterComposition.current = false;
      submit(e.currentTarget as HTMLInputElement, e.timeStamp);
    },
  };
}
