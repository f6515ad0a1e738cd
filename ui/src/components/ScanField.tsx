// The field a barcode scanner types into. Scanners behave like a keyboard ending with Enter, so
// the field keeps the focus: after a blur it takes it back unless the packer deliberately moved
// to another field or a dialog is open. Uncontrolled input: keystrokes never re-render the app.
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { classify, KeyTimer, loadWedgeSettings, type Classified } from "../scan/wedge";

interface Props {
  inputRef: RefObject<HTMLInputElement>;
  disabled: boolean;
  dialogOpen: boolean;
  /** `how.scanned` is false when the keys came at typing speed (a packer keyed it in). */
  onScan: (code: string, how: Classified) => void;
}

function anotherFieldActive(self: HTMLInputElement | null): boolean {
  const a = document.activeElement;
  if (!a || a === self || a === document.body) return false;
  return a instanceof HTMLInputElement || a instanceof HTMLSelectElement || a instanceof HTMLTextAreaElement;
}

export function ScanField({ inputRef, disabled, dialogOpen, onScan }: Props) {
  const timer = useRef(new KeyTimer());
  // Enter pressed while the Korean IME is still composing (a scan typed in 한글 mode): the value
  // is complete only at compositionend, so the submit waits for it.
  const submitAfterComposition = useRef(false);

  const submit = (el: HTMLInputElement) => {
    const how = classify(el.value, timer.current, loadWedgeSettings());
    el.value = "";
    timer.current.reset();
    if (how.code) onScan(how.code, how);
  };

  useEffect(() => {
    const refocus = () => {
      const el = inputRef.current;
      if (!el || dialogOpen || anotherFieldActive(el)) return;
      el.focus({ preventScroll: true });
    };
    refocus();
    window.addEventListener("focus", refocus);
    return () => window.removeEventListener("focus", refocus);
  }, [dialogOpen, disabled, inputRef]);

  return (
    <div class="scan">
      <label class="scan-label" for="scan-input">
        송장 스캔 <span class="muted">Scan</span>
      </label>
      <input
        id="scan-input"
        ref={inputRef}
        class="scan-input"
        type="text"
        autocomplete="off"
        spellcheck={false}
        placeholder="바코드를 스캔하세요 · scan a waybill"
        disabled={disabled}
        onKeyDown={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          if (e.key === "Enter" || (e.key === "Tab" && el.value !== "")) {
            // Enter and Tab are the terminators scanners are set to send.
            e.preventDefault();
            if (e.isComposing) {
              submitAfterComposition.current = true;
              return;
            }
            submit(el);
            return;
          }
          if (el.value === "") timer.current.reset();
          timer.current.key(e.timeStamp || performance.now());
        }}
        onCompositionEnd={(e) => {
          if (!submitAfterComposition.current) return;
          submitAfterComposition.current = false;
          submit(e.currentTarget as HTMLInputElement);
        }}
        onBlur={() => {
          // Let the click that caused the blur land first, then decide.
          setTimeout(() => {
            const el = inputRef.current;
            if (!el || dialogOpen || anotherFieldActive(el)) return;
            el.focus({ preventScroll: true });
          }, 0);
        }}
      />
    </div>
  );
}
