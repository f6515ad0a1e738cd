// The field a barcode scanner types into. Scanners behave like a keyboard ending with Enter, so
// the field keeps the focus: after a blur it takes it back unless the packer deliberately moved
// to another field or a dialog is open. Uncontrolled input: keystrokes never re-render the app.
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";

interface Props {
  inputRef: RefObject<HTMLInputElement>;
  disabled: boolean;
  dialogOpen: boolean;
  onScan: (code: string) => void;
}

function anotherFieldActive(self: HTMLInputElement | null): boolean {
  const a = document.activeElement;
  if (!a || a === self || a === document.body) return false;
  return a instanceof HTMLInputElement || a instanceof HTMLSelectElement || a instanceof HTMLTextAreaElement;
}

export function ScanField({ inputRef, disabled, dialogOpen, onScan }: Props) {
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
          if (e.key !== "Enter") return;
          e.preventDefault();
          const el = e.currentTarget as HTMLInputElement;
          const code = el.value;
          el.value = "";
          onScan(code);
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
