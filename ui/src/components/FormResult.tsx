// One line under a form saying how its last save went: saved (what), or the desk's error in
// Korean and English with its code. Each printing-page form shows its own, next to its fields,
// because a notice at the top of a long page is out of sight when the packer presses Save.
import type { ErrorPayload } from "../types";

export type FormOutcome =
  | { kind: "ok"; code: string; ko: string; en: string }
  | { kind: "error"; error: ErrorPayload };

export function okOutcome(code: string, ko: string, en: string): FormOutcome {
  return { kind: "ok", code, ko, en };
}

export function FormResult({ id, outcome }: { id: string; outcome: FormOutcome | null }) {
  if (!outcome) return null;
  if (outcome.kind === "ok") {
    return (
      <div id={id} class="form-result form-ok" data-kind="ok" data-code={outcome.code} role="status">
        <strong>✔ {outcome.ko}</strong> <span>{outcome.en}</span>
      </div>
    );
  }
  const e = outcome.error;
  return (
    <div id={id} class="form-result form-err" data-kind="error" data-code={e.code} role="alert">
      <strong>{e.message_ko}</strong>
      <span>{e.message_en}</span>
      <span class="form-code">{e.code}</span>
    </div>
  );
}
