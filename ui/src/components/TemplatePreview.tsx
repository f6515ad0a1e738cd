// 서식 미리보기: pick a document (a carrier's waybill, the generic 100×150 label, EMS CN22, packing
// slip, pick list, warranty card) and a parcel 연번 → the PNG the desk renders (labels::preview_png).
// A row number fills ANY template with that parcel's data, masked as printed; without one the desk
// uses the library's synthetic samples. The tag on the preview says which, in both languages.
import { useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { previewDataLabel, sampleDataLabel } from "../printing";
import type { ErrorPayload, Preview, TemplateInfo } from "../types";

interface Props {
  templates: TemplateInfo[];
  rowCount: number;
}

// The shell's template kinds (labels::template::TemplateKind ids).
const GROUPS: { kind: string; ko: string; en: string }[] = [
  { kind: "waybill", ko: "운송장", en: "Waybills" },
  { kind: "label", ko: "라벨", en: "Labels" },
  { kind: "customs", ko: "국제 (세관)", en: "International" },
  { kind: "packing-slip", ko: "거래명세서", en: "Packing slips" },
  { kind: "pick-list", ko: "피킹", en: "Pick lists" },
  { kind: "warranty-card", ko: "보증서·안내", en: "Inserts" },
];

interface Shown {
  document: string;
  parcelNo: number | null;
  preview: Preview;
}

export function TemplatePreview({ templates, rowCount }: Props) {
  const [docId, setDocId] = useState("");
  const [parcel, setParcel] = useState("");
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [loading, setLoading] = useState(false);
  const chosen = docId || templates[0]?.id || "";
  const template = templates.find((t) => t.id === (shown?.document ?? chosen));

  const run = async () => {
    if (!chosen || loading) return;
    const typed = parcel.trim();
    const no = typed ? Number(typed.replace(/[^\d]/g, "")) : null;
    if (typed && !(no && no > 0)) {
      setError({ code: "PREVIEW_PARCEL_INVALID", message_ko: `'${typed}'은(는) 연번이 아닙니다`, message_en: `'${typed}' is not a row number` });
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const p = await api.preview(chosen, no);
      setShown({ document: chosen, parcelNo: no, preview: p });
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      setLoading(false);
    }
  };

  const grouped = GROUPS.map((g) => ({ ...g, items: templates.filter((t) => t.kind === g.kind) })).filter((g) => g.items.length);
  const other = templates.filter((t) => !GROUPS.some((g) => g.kind === t.kind));
  // The shell says where the data came from; an older shell did not, and then the row decides.
  const dataStatus = shown ? (shown.preview.data_status ?? (shown.parcelNo === null ? "synthetic" : "parcel")) : null;
  const dataLabel = dataStatus ? previewDataLabel(dataStatus) : null;

  return (
    <section class="dev-card dev-ports" id="preview-section">
      <h2>
        서식 미리보기 <span class="muted">Template preview</span>
      </h2>
      <div class="preview-layout">
        <form
          class="dev-form preview-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <label class="wide">
            <span>
              문서 <span class="muted">Document</span>
            </span>
            <select id="preview-document" value={chosen} onChange={(e) => setDocId((e.currentTarget as HTMLSelectElement).value)}>
              {grouped.map((g) => (
                <optgroup key={g.kind} label={`${g.ko} ${g.en}`}>
                  {g.items.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name_ko} · {t.name_en}
                    </option>
                  ))}
                </optgroup>
              ))}
              {other.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name_ko} · {t.name_en}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>
              연번 <span class="muted">Parcel no.</span>
            </span>
            <input
              id="preview-parcel"
              value={parcel}
              inputMode="numeric"
              autocomplete="off"
              placeholder={rowCount ? `1–${rowCount} · 비우면 샘플 sample` : "비우면 샘플 sample"}
              onInput={(e) => setParcel((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <div class="dev-actions">
            <button id="preview-btn" type="submit" class="btn btn-primary" disabled={!chosen || loading}>
              {loading ? "그리는 중… Rendering…" : "미리보기 Preview"} <kbd class="key">Enter</kbd>
            </button>
          </div>
          <p class="dev-note">
            연번을 넣으면 모든 서식을 그 택배의 실제 데이터로 그립니다 (출력과 같이 마스킹). 비우면 샘플(합성) 데이터 · A row
            number fills any template with that parcel's data, masked as printed; empty = a synthetic sample.
          </p>
          {error && (
            <div id="preview-error" class="dialog-error" data-code={error.code} role="alert">
              <strong>{error.message_ko}</strong>
              <span>{error.message_en}</span>
            </div>
          )}
        </form>
        <div class="preview-pane">
          {shown ? (
            <figure class="preview-figure">
              <div class="preview-marks">
                <span class="preview-mark">미리보기 Preview</span>
                {dataStatus && dataLabel && (
                  <span id="preview-data-status" class={`data-status ds-${dataStatus}`} data-status={dataStatus}>
                    {dataLabel.ko} <span class="ds-en">{dataLabel.en}</span>
                  </span>
                )}
                {template?.data_status && (
                  <span class={`data-status ds-${template.data_status}`} data-layout-status={template.data_status} title="where the layout comes from">
                    서식 layout: {sampleDataLabel(template.data_status)}
                  </span>
                )}
              </div>
              <img
                id="preview-img"
                class="preview-img"
                data-document={shown.document}
                data-parcel={shown.parcelNo ?? ""}
                alt={`미리보기 ${template?.name_ko ?? shown.document}`}
                src={`data:image/png;base64,${shown.preview.png_base64}`}
              />
              <figcaption class="small muted">
                {template ? `${template.name_ko} · ${template.name_en}` : shown.document}
                {shown.parcelNo !== null ? ` — 연번 ${shown.parcelNo}` : " — 샘플 sample"}
              </figcaption>
            </figure>
          ) : (
            <div class="preview-empty">문서를 고르고 미리보기(Enter) · Choose a document, then Preview</div>
          )}
        </div>
      </div>
    </section>
  );
}
