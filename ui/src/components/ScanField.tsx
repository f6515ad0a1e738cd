// The field a barcode scanner types into. Scanners behave like a keyboard ending with Enter, so
// the field keeps the focus: after a blur it takes it back unless the packer deliberately moved
// to another field or a dialog is open. Uncontrolled input: keystrokes never re-render the app.
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import { useWedgeInput } from "../scan/useWedgeInput";
import type { Classified } from "../scan/wedge";

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
  const wedge = useWedgeInput((how) => {
    if (how.code) onScan(how.code, how);
  });

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
        onKeyDown={wedge.onKeyDown}
        onCompositionEnd={wedge.onCompositionEnd}
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
