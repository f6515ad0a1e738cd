// 문서 설정: what the paperwork prints beyond the sender — 사업자등록번호 on packing slips, and the
// warranty card's QR address, period, support line and which product name it prints. Read when
// the page opens; Save sends all five and shows what the desk stored (or why it refused).
import { useEffect, useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { WARRANTY_NAME_SOURCES } from "../printing";
import type { DocumentSettings } from "../types";
import { FormResult, okOutcome, type FormOutcome } from "./FormResult";

type TextField = Exclude<keyof DocumentSettings, "warranty_name_source">;

const FIELDS: { key: TextField; id: string; ko: string; en: string; placeholder: string; wide?: boolean }[] = [
  { key: "business_no", id: "doc-business-no", ko: "사업자등록번호", en: "Business reg. no.", placeholder: "123-45-67890" },
  { key: "support_contact", id: "doc-support-contact", ko: "고객센터", en: "Support contact", placeholder: "02-1234-5678" },
  { key: "warranty_url", id: "doc-warranty-url", ko: "보증서 QR 주소", en: "Warranty QR URL", placeholder: "https://shop.example/warranty", wide: true },
  { key: "warranty_period", id: "doc-warranty-period", ko: "보증기간", en: "Warranty period", placeholder: "구입일로부터 1년" },
];

export function DocumentSettingsForm() {
  const [draft, setDraft] = useState<DocumentSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);

  useEffect(() => {
    api
      .documentSettings()
      .then(setDraft)
      .catch((e) => setOutcome({ kind: "error", error: toErrorPayload(e) }));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!draft || saving) return;
    setSaving(true);
    try {
      const stored = await api.setDocumentSettings(draft);
      setDraft(stored);
      setOutcome(okOutcome("DOCUMENT_SETTINGS_SAVED", "문서 설정 저장 Saved", "packing slips and warranty cards print these from now on"));
    } catch (err) {
      setOutcome({ kind: "error", error: toErrorPayload(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="dev-card" id="document-settings-section">
      <h2>
        문서 설정 <span class="muted">Document settings</span>
      </h2>
      <p class="dev-note">거래명세서와 보증서에 인쇄됩니다 · printed on packing slips and warranty cards</p>
      <form id="document-settings-form" class="dev-form doc-settings-form" onSubmit={(e) => void submit(e)}>
        {FIELDS.map((f) => (
          <label key={f.key} class={f.wide ? "wide" : undefined}>
            <span>
              {f.ko} <span class="muted">{f.en}</span>
            </span>
            <input
              id={f.id}
              value={draft?.[f.key] ?? ""}
              disabled={!draft}
              autocomplete="off"
              spellcheck={false}
              placeholder={f.placeholder}
              onInput={(e) => {
                const v = (e.currentTarget as HTMLInputElement).value;
                setDraft((d) => (d ? { ...d, [f.key]: v } : d));
              }}
            />
          </label>
        ))}
        <label class="wide">
          <span>
            보증서 상품명 <span class="muted">Name on the warranty card</span>
          </span>
          <select
            id="doc-warranty-name-source"
            value={draft?.warranty_name_source ?? "name"}
            disabled={!draft}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setDraft((d) => (d ? { ...d, warranty_name_source: v } : d));
            }}
          >
            {WARRANTY_NAME_SOURCES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.ko} · {s.en}
              </option>
            ))}
          </select>
        </label>
        <div class="dev-actions">
          <button id="doc-settings-save" type="submit" class="btn btn-primary" disabled={!draft || saving}>
            {saving ? "저장 중… Saving…" : "문서 설정 저장 Save"}
          </button>
        </div>
        <FormResult id="doc-settings-result" outcome={outcome} />
      </form>
    </section>
  );
}
