// 상품 위치·통관 정보: a SKU's shelf location (pick lists walk the shelves by it) and its product's
// English name, HS code and origin (the CN22 prints them). Type or scan the SKU, Enter shows what
// the desk has; only the fields changed are sent, and the desk's refusal is shown under the form.
import { useRef, useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { draftOf, isEmptyUpdate, skuFactsUpdate, type SkuFactsDraft } from "../printing";
import type { SkuFacts } from "../types";
import { FormResult, okOutcome, type FormOutcome } from "./FormResult";

const FIELDS: { key: keyof SkuFactsDraft; id: string; ko: string; en: string; placeholder: string }[] = [
  { key: "location", id: "sku-location", ko: "위치", en: "Location", placeholder: "A-01-03" },
  { key: "name_en", id: "sku-name-en", ko: "영문 상품명", en: "English name", placeholder: "Cotton T-shirt" },
  { key: "hs_code", id: "sku-hs-code", ko: "HS 코드", en: "HS code", placeholder: "6109.10" },
  { key: "origin", id: "sku-origin", ko: "원산지", en: "Origin", placeholder: "KR" },
];

export function SkuFactsForm() {
  const [sku, setSku] = useState("");
  const [facts, setFacts] = useState<SkuFacts | null>(null);
  const [draft, setDraft] = useState<SkuFactsDraft | null>(null);
  const [busy, setBusy] = useState<"lookup" | "save" | null>(null);
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);
  const skuRef = useRef<HTMLInputElement>(null);

  const show = (f: SkuFacts) => {
    setFacts(f);
    setDraft(draftOf(f));
  };

  const lookup = async () => {
    const wanted = sku.trim();
    if (!wanted || busy) return;
    setBusy("lookup");
    setOutcome(null);
    try {
      show(await api.skuFacts(wanted));
    } catch (err) {
      setFacts(null);
      setDraft(null);
      setOutcome({ kind: "error", error: toErrorPayload(err) });
      skuRef.current?.select();
    } finally {
      setBusy(null);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!facts || !draft || busy) return;
    const update = skuFactsUpdate(facts, draft);
    if (isEmptyUpdate(update)) {
      setOutcome(okOutcome("SKU_FACTS_UNCHANGED", "변경 없음 Nothing changed", facts.sku));
      return;
    }
    setBusy("save");
    try {
      const stored = await api.setSkuFacts(facts.sku, update);
      show(stored);
      setOutcome(okOutcome("SKU_FACTS_SAVED", `저장 Saved — ${stored.sku}`, "pick lists and CN22 labels print these from now on"));
    } catch (err) {
      setOutcome({ kind: "error", error: toErrorPayload(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="dev-card" id="sku-facts-section">
      <h2>
        상품 위치·통관 정보 <span class="muted">SKU location &amp; customs</span>
      </h2>
      {/* Not a <form>: a scanner's Enter is handled on the box itself, like the range box, so it
          can never become a form submission. */}
      <div id="sku-lookup" class="dev-form sku-lookup-form">
        <label>
          <span>
            SKU <span class="muted">입력 또는 스캔 · type or scan</span>
          </span>
          <input
            id="sku-input"
            ref={skuRef}
            class="mono"
            value={sku}
            autocomplete="off"
            spellcheck={false}
            placeholder="SKU-101"
            onInput={(e) => setSku((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void lookup();
              }
            }}
          />
        </label>
        <button id="sku-lookup-btn" type="button" class="btn" disabled={!sku.trim() || busy !== null} onClick={() => void lookup()}>
          {busy === "lookup" ? "찾는 중…" : "찾기 Look up"} <kbd class="key">Enter</kbd>
        </button>
      </div>
      {facts && draft && (
        <form id="sku-facts-form" class="dev-form sku-facts-form" data-sku={facts.sku} onSubmit={(e) => void save(e)}>
          <p id="sku-facts-name" class="sku-facts-name">
            <span class="mono">{facts.sku}</span> <strong>{facts.name}</strong>
            {facts.option_text && <span class="muted"> ({facts.option_text})</span>}
          </p>
          {FIELDS.map((f) => (
            <label key={f.key}>
              <span>
                {f.ko} <span class="muted">{f.en}</span>
              </span>
              <input
                id={f.id}
                value={draft[f.key]}
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
          <div class="dev-actions">
            <button id="sku-facts-save" type="submit" class="btn btn-primary" disabled={busy !== null}>
              {busy === "save" ? "저장 중… Saving…" : "저장 Save"}
            </button>
          </div>
        </form>
      )}
      <FormResult id="sku-facts-result" outcome={outcome} />
    </section>
  );
}
