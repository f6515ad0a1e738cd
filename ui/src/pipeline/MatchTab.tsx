// 매칭 Match: order lines without a SKU (other channels, orders registered by hand or Excel)
// grouped by product name + option. Pick a group, search the SKU list, pick the SKU: every
// waiting line of that name+option is matched and — with 기억 (on by default) — the next ones
// match by themselves. Below: the remembered mappings (delete), bundles (세트상품: one sold SKU
// that ships as several), and the Excel mapping upload (row-by-row preview, then 적용 Apply).
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import {
  fileAsDataUrl,
  matchApi,
  type BundleInfo,
  type MappingImport,
  type SkuHit,
  type SkuMapping,
  type UnmatchedGroup,
} from "./matchApi";
import {
  OUTCOME_LABELS,
  componentsText,
  groupCounts,
  importSummary,
  matchedMessage,
  parseComponents,
  shownImportRows,
  targetOf,
} from "./matchView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

export function MatchTab({ active, onChanged, onError, onDone }: TabProps) {
  const [groups, setGroups] = useState<UnmatchedGroup[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SkuHit[] | null>(null);
  const [remember, setRemember] = useState(true);
  const [mappings, setMappings] = useState<SkuMapping[] | null>(null);
  const [bundles, setBundles] = useState<BundleInfo[] | null>(null);
  const [bundleSku, setBundleSku] = useState("");
  const [bundleText, setBundleText] = useState("");
  const [upload, setUpload] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<MappingImport | null>(null);
  const [failedOnly, setFailedOnly] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const [g, m, b] = await Promise.all([matchApi.unmatched(), matchApi.mappings(), matchApi.bundles()]);
      setGroups(g);
      setMappings(m);
      setBundles(b);
      setSelected((s) => (s !== null && g.some((x) => x.key === s) ? s : (g[0]?.key ?? null)));
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError);

  const group = groups?.find((g) => g.key === selected) ?? null;

  const search = () =>
    act("search", async () => {
      setHits(await matchApi.search(query.trim(), 30));
    });

  const pick = (hit: SkuHit) => {
    if (!group) return;
    return act(`pick-${hit.sku}`, async () => {
      const r = await matchApi.matchLine(targetOf(group), hit.sku, remember);
      const m = matchedMessage(r);
      onDone(m.ko, m.en);
      onChanged();
      setHits(null);
      setQuery("");
      await load();
    });
  };

  const forget = (m: SkuMapping) => {
    if (!window.confirm(`매칭 정보를 삭제할까요? Forget "${m.product_name} ${m.option_text}" → ${m.sku}?`)) return;
    return act(`forget-${m.id}`, async () => {
      await matchApi.deleteMapping(m.id);
      onDone("매칭 정보 삭제", `Mapping ${m.id} forgotten (matched lines keep their SKU)`);
      await load();
    });
  };

  const parsed = parseComponents(bundleText);
  const saveBundle = () =>
    act("bundle", async () => {
      const b = await matchApi.setBundle(bundleSku.trim(), parsed.components);
      onDone(`세트상품 저장 — ${b.sku}`, `Bundle ${b.sku} saved with ${b.components.length} component(s)`);
      setBundleSku("");
      setBundleText("");
      onChanged();
      await load();
    });

  const deleteBundle = (b: BundleInfo) => {
    if (!window.confirm(`${b.sku} 세트를 해제할까요? Dissolve bundle ${b.sku}?`)) return;
    return act(`unbundle-${b.sku}`, async () => {
      await matchApi.deleteBundle(b.sku);
      onDone(`세트 해제 — ${b.sku}`, `${b.sku} is a plain SKU again`);
      await load();
    });
  };

  const chooseFile = (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    return act("preview", async () => {
      const data = await fileAsDataUrl(file);
      setUpload({ name: file.name, data });
      setPreview(await matchApi.importUpload(file.name, data, false));
      setFailedOnly(false);
    });
  };

  const applyFile = () => {
    if (!upload || !preview) return;
    return act("apply", async () => {
      const done = await matchApi.importUpload(upload.name, upload.data, true);
      const s = importSummary(done);
      onDone(s.ko, s.en);
      setPreview(done);
      setUpload(null);
      if (fileRef.current) fileRef.current.value = "";
      onChanged();
      await load();
    });
  };

  const rows = preview ? shownImportRows(preview, failedOnly) : [];

  return (
    <div id="match-tab" class="match-tab">
      <div class="devices-grid">
        <section class="dev-card" id="match-waiting">
          <h2>
            매칭 대기 <span class="muted">Lines waiting for a SKU</span>
          </h2>
          {groups === null ? (
            <p class="muted">불러오는 중… Loading…</p>
          ) : groups.length === 0 ? (
            <p class="small-empty">매칭할 상품이 없습니다. Every line has a SKU.</p>
          ) : (
            <table class="dev-table match-groups">
              <thead>
                <tr>
                  <th>상품명 Product</th>
                  <th>옵션 Option</th>
                  <th class="num">건수 Count</th>
                  <th>판매처 Channel</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => {
                  const c = groupCounts(g);
                  return (
                    <tr
                      key={g.key}
                      class={g.key === selected ? "match-selected" : undefined}
                      onClick={() => setSelected(g.key)}
                    >
                      <td>
                        {g.product_name}
                        {g.linked_option && (
                          <span class="match-flag" title={`${g.flag_ko ?? ""}\n${g.flag_en ?? ""}`}>
                            ⚠ 상품 연동형
                          </span>
                        )}
                      </td>
                      <td>{g.option_text || <span class="muted">—</span>}</td>
                      <td class="num" title={c.en}>
                        {c.ko}
                      </td>
                      <td>{g.channels.join(", ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>

        <section class="dev-card" id="match-search">
          <h2>
            SKU 검색 <span class="muted">Find the SKU</span>
          </h2>
          {group ? (
            <div class="match-current">
              <strong>{group.product_name}</strong> {group.option_text && <span>({group.option_text})</span>}
              {group.linked_option && <div class="match-flag-text">{group.flag_ko}</div>}
            </div>
          ) : (
            <p class="muted small">왼쪽 목록에서 상품을 고르세요. Pick a line group first.</p>
          )}
          <form
            class="dev-form match-search-form"
            onSubmit={(e) => {
              e.preventDefault();
              void search();
            }}
          >
            <input
              id="match-query"
              placeholder="SKU · 바코드 · 상품명 · 옵션 (SKU, barcode, name, option)"
              value={query}
              onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit" class="btn btn-small" disabled={busy !== null}>
              검색 Search
            </button>
          </form>
          <label class="match-remember">
            <input
              id="match-remember"
              type="checkbox"
              checked={remember}
              onChange={(e) => setRemember((e.currentTarget as HTMLInputElement).checked)}
            />
            기억하기 — 같은 상품명·옵션은 다음부터 자동 매칭 <span class="muted small">Remember for next time</span>
          </label>
          {hits !== null &&
            (hits.length === 0 ? (
              <p class="small-empty">검색 결과 없음 · No SKU found</p>
            ) : (
              <table class="dev-table match-hits">
                <thead>
                  <tr>
                    <th>SKU</th>
                    <th>상품 Product</th>
                    <th>옵션 Option</th>
                    <th class="num">재고 Stock</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr key={h.variant_id}>
                      <td class="mono">
                        {h.sku}
                        {h.barcode && <div class="muted small">{h.barcode}</div>}
                      </td>
                      <td>
                        {h.product_name}
                        {h.bundle && <span class="match-tag">세트 Bundle</span>}
                        {h.linked_option && <span class="match-flag">⚠ 연동형</span>}
                      </td>
                      <td>{h.option_text}</td>
                      <td class="num" title={`재고 on hand ${h.on_hand}`}>
                        {h.available}
                      </td>
                      <td>
                        <button
                          class="btn btn-small btn-primary"
                          disabled={!group || busy !== null}
                          onClick={() => void pick(h)}
                        >
                          선택 Match
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </section>

        <section class="dev-card" id="match-mappings">
          <h2>
            기억된 매칭 <span class="muted">Remembered mappings</span>
          </h2>
          {mappings === null || mappings.length === 0 ? (
            <p class="small-empty">아직 없습니다. None yet.</p>
          ) : (
            <table class="dev-table">
              <thead>
                <tr>
                  <th>상품명 Product</th>
                  <th>옵션 Option</th>
                  <th>SKU</th>
                  <th>출처 Source</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {mappings.map((m) => (
                  <tr key={m.id}>
                    <td>{m.product_name}</td>
                    <td>{m.option_text}</td>
                    <td class="mono" title={`${m.sku_product_name} ${m.sku_option_text}`}>
                      {m.sku}
                    </td>
                    <td>{m.source === "excel" ? "엑셀 Excel" : "직접 Hand"}</td>
                    <td>
                      <button class="btn btn-small btn-quiet" disabled={busy !== null} onClick={() => void forget(m)}>
                        삭제 Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section class="dev-card" id="match-bundles">
          <h2>
            세트상품 <span class="muted">Bundles</span>
          </h2>
          {bundles !== null && bundles.length > 0 && (
            <ul class="match-bundles">
              {bundles.map((b) => (
                <li key={b.variant_id}>
                  <span class="mono">{b.sku}</span> {b.product_name} {b.option_text && `(${b.option_text})`}
                  <button
                    class="btn btn-small btn-quiet"
                    onClick={() => {
                      setBundleSku(b.sku);
                      setBundleText(componentsText(b.components));
                    }}
                  >
                    수정 Edit
                  </button>
                  <button class="btn btn-small btn-quiet" disabled={busy !== null} onClick={() => void deleteBundle(b)}>
                    해제 Dissolve
                  </button>
                  <ul>
                    {b.components.map((c) => (
                      <li key={c.variant_id}>
                        × {c.count} <span class="mono">{c.sku}</span> {c.product_name} {c.option_text}{" "}
                        <span class="muted small">가용 {c.available}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <form
            class="dev-form match-bundle-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveBundle();
            }}
          >
            <label>
              판매 SKU Sold SKU
              <input id="bundle-sku" class="mono" value={bundleSku} onInput={(e) => setBundleSku((e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              구성품 Components <span class="muted small">(한 줄에 하나: SKU:수량 · one per line: SKU:COUNT)</span>
              <textarea
                id="bundle-components"
                class="mono match-components"
                rows={4}
                value={bundleText}
                onInput={(e) => setBundleText((e.currentTarget as HTMLTextAreaElement).value)}
              />
            </label>
            {parsed.bad.length > 0 && (
              <p class="warn">
                읽을 수 없는 줄 {parsed.bad.join(", ")} · Lines {parsed.bad.join(", ")} cannot be read
              </p>
            )}
            <button
              type="submit"
              class="btn btn-small btn-primary"
              disabled={busy !== null || !bundleSku.trim() || parsed.components.length === 0 || parsed.bad.length > 0}
            >
              세트 저장 Save bundle
            </button>
          </form>
        </section>

        <section class="dev-card" id="match-upload">
          <h2>
            엑셀 매칭 업로드 <span class="muted">Mappings from a file</span>
          </h2>
          <p class="muted small">
            열: 상품명, 옵션, SKU(품목코드 또는 바코드). Columns: product name, option, SKU (item code or barcode). XLSX · XLS ·
            CSV
          </p>
          <input id="match-file" ref={fileRef} type="file" accept=".xlsx,.xls,.ods,.csv,.tsv" onChange={chooseFile} />
          {preview && (
            <>
              <p id="match-import-summary" class={preview.applied ? undefined : "match-preview-note"}>
                {importSummary(preview).ko} <span class="muted small">· {importSummary(preview).en}</span>
              </p>
              <label class="match-remember">
                <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly((e.currentTarget as HTMLInputElement).checked)} />
                실패한 행만 Failed rows only
              </label>
              <table class="dev-table match-import-rows">
                <thead>
                  <tr>
                    <th class="num">행 Row</th>
                    <th>상품명</th>
                    <th>옵션</th>
                    <th>SKU</th>
                    <th>결과 Result</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.row_no} class={r.outcome === "OK" ? undefined : "match-row-bad"}>
                      <td class="num">{r.row_no}</td>
                      <td>{r.product_name}</td>
                      <td>{r.option_text}</td>
                      <td class="mono">{r.sku}</td>
                      <td title={r.detail_en ?? OUTCOME_LABELS[r.outcome].en}>
                        {OUTCOME_LABELS[r.outcome].ko}
                        {r.detail_ko && <div class="muted small">{r.detail_ko}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {!preview.applied && (
                <button
                  id="match-apply"
                  class="btn btn-primary"
                  disabled={busy !== null || preview.ok === 0 || !upload}
                  onClick={() => void applyFile()}
                >
                  {busy === "apply" ? "적용 중…" : `적용 Apply (${preview.ok})`}
                </button>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
