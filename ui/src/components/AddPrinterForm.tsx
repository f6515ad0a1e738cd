// 프린터 추가: a printer the desk cannot discover by itself (a network label printer, a serial
// receipt printer, a PDF file) saved by its URI, name and language. The desk parses the URI; its
// error comes back in Korean and English and stays under the form until the next try.
import { useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { FORMATS, formatLabel, PRINTER_URI_EXAMPLES, printerFormProblem, suggestedFormat } from "../printing";
import type { PrinterInfo, PrintFormat } from "../types";
import { FormResult, okOutcome, type FormOutcome } from "./FormResult";

/** The URI forms the desk reads, one per transport (each kept on one line). */
const URI_FORMS = ["tcp://호스트:9100", "serial:///dev/ttyUSB0?baud=9600", "usb://VVVV:PPPP", "spooler://이름", "file:///경로.pdf"];

interface Props {
  /** The desk's printer list after the save (it includes the new one). */
  onSaved: (printers: PrinterInfo[]) => void;
}

export function AddPrinterForm({ onSaved }: Props) {
  const [name, setName] = useState("");
  const [uri, setUri] = useState("");
  const [format, setFormat] = useState<PrintFormat>("zpl");
  // Until the packer picks a format, it follows the URI (a file:// printer is PDF).
  const [formatChosen, setFormatChosen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const problem = printerFormProblem(uri, name);
    if (problem) {
      setOutcome({ kind: "error", error: problem });
      return;
    }
    setSaving(true);
    try {
      const list = await api.savePrinter(uri.trim(), name.trim(), format);
      onSaved(list);
      setOutcome(okOutcome("PRINTER_SAVED", `프린터 저장 Saved — ${name.trim()}`, `${uri.trim()} · ${formatLabel(format)}`));
      setName("");
      setUri("");
      setFormatChosen(false);
    } catch (err) {
      setOutcome({ kind: "error", error: toErrorPayload(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form id="add-printer-form" class="dev-form add-printer-form" onSubmit={(e) => void submit(e)}>
      <h3 class="form-title">
        프린터 추가 <span class="muted">Add printer</span>
      </h3>
      <label>
        <span>
          이름 <span class="muted">Name</span>
        </span>
        <input
          id="add-printer-name"
          value={name}
          autocomplete="off"
          maxLength={80}
          placeholder="예: 포장대 1 Zebra"
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label class="uri-field">
        <span>
          주소 <span class="muted">URI</span>
        </span>
        <input
          id="add-printer-uri"
          class="mono"
          value={uri}
          autocomplete="off"
          spellcheck={false}
          list="printer-uri-examples"
          placeholder="tcp://192.168.0.50:9100"
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            setUri(v);
            if (!formatChosen) setFormat(suggestedFormat(v));
          }}
        />
        <datalist id="printer-uri-examples">
          {PRINTER_URI_EXAMPLES.map((x) => (
            <option key={x.uri} value={x.uri}>
              {x.ko} · {x.en}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        <span>
          형식 <span class="muted">Format</span>
        </span>
        <select
          id="add-printer-format"
          value={format}
          onChange={(e) => {
            setFormat((e.currentTarget as HTMLSelectElement).value as PrintFormat);
            setFormatChosen(true);
          }}
        >
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <div class="dev-actions">
        <button id="add-printer-save" type="submit" class="btn btn-primary" disabled={saving}>
          {saving ? "저장 중… Saving…" : "프린터 저장 Save printer"}
        </button>
        <span class="uri-hint" aria-label="URI forms">
          {URI_FORMS.map((f) => (
            <code key={f} class="uri-form">
              {f}
            </code>
          ))}
        </span>
      </div>
      <FormResult id="add-printer-result" outcome={outcome} />
    </form>
  );
}
