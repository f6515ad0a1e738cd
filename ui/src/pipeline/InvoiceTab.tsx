// 송장 Invoice: the invoice-number pools per carrier (left, used, waiting, a low warning, add a
// block), the carrier-file export (carrier, XLSX/CSV, range → a file in Downloads, its path
// shown) and the import of the carrier's file of numbers: choose the file → the row-by-row
// preview (예상처리결과 / 실패사유, counts per reason; a 100,000-row file is summarised and only
// its first rows drawn) → 적용 Apply, which gives every valid row its number in one go.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import { countLabel } from "../format";
import {
  pipelineApi,
  readFileAsDataUrl,
  type CarrierExportReport,
  type CarrierFileFormat,
  type CarrierImportPreview,
  type CarrierImportReport,
  type CarrierImportRow,
  type InvoicePool,
} from "./pipelineApi";
import { canApply, outcomeClass, poolBlockProblem, reasonLabel, ROWS_SHOWN, shownRows, sortPools, type RowFilter } from "./pipelineView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

/** Brings a result into view once it is drawn: the tab is long, the result is what to read. */
function reveal(id: string) {
  setTimeout(() => document.getElementById(id)?.scrollIntoView({ block: "nearest", behavior: "smooth" }), 0);
}

export function InvoiceTab({ active, onChanged, onError, onDone }: TabProps) {
  const [pools, setPools] = useState<InvoicePool[] | null>(null);
  // Pool block form.
  const [blockCarrier, setBlockCarrier] = useState("");
  const [blockFirst, setBlockFirst] = useState("");
  const [blockCount, setBlockCount] = useState("1000");
  // Export.
  const [exportCarrier, setExportCarrier] = useState("");
  const [exportFormat, setExportFormat] = useState<CarrierFileFormat>("xlsx");
  const [exportRange, setExportRange] = useState("");
  const [exported, setExported] = useState<CarrierExportReport | null>(null);
  // Import.
  const fileRef = useRef<HTMLInputElement>(null);
  const [importCarrier, setImportCarrier] = useState("");
  const [preview, setPreview] = useState<CarrierImportPreview | null>(null);
  const [filter, setFilter] = useState<RowFilter>("all");
  const [failedRows, setFailedRows] = useState<CarrierImportRow[] | null>(null);
  const [applied, setApplied] = useState<CarrierImportReport | null>(null);

  const load = useCallback(async () => {
    try {
      const p = sortPools(await pipelineApi.pools());
      setPools(p);
      const def = p.find((x) => x.is_default)?.carrier ?? p[0]?.carrier ?? "cj";
      setBlockCarrier((c) => c || def);
      setExportCarrier((c) => c || def);
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError);

  const addBlock = () => {
    const problem = poolBlockProblem(blockFirst, blockCount);
    if (problem) {
      onError({ code: "INVALID_INPUT", message_ko: problem.ko, message_en: problem.en });
      return;
    }
    return act("pool", async () => {
      const r = await pipelineApi.addPool(blockCarrier, blockFirst.trim(), Number(blockCount));
      setBlockFirst("");
      onDone(
        `송장번호 대역 추가 Pool added — ${r.carrier} ${countLabel(r.added)}개`,
        `${r.first} – ${r.last}; ${countLabel(r.remaining)} numbers left`,
      );
      onChanged();
      await load();
    });
  };

  const exportFile = () =>
    act("export", async () => {
      const r = await pipelineApi.exportCarrierFile(exportCarrier, exportFormat, exportRange.trim());
      setExported(r);
      onDone(
        `택배사 파일 저장 Exported — ${r.carrier_name} ${countLabel(r.rows)}건`,
        `${r.path} (${r.format.toUpperCase()}, rows ${r.first_no}–${r.last_no})`,
      );
    });

  const readFile = () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    return act("preview", async () => {
      setPreview(null);
      setApplied(null);
      setFailedRows(null);
      setFilter("all");
      const data = await readFileAsDataUrl(file);
      const p = await pipelineApi.previewUpload(file.name, data, importCarrier || null);
      setPreview(p);
      reveal("import-preview");
      onDone(
        `미리보기 Preview — ${p.file_name}`,
        `${countLabel(p.total)} rows: ${countLabel(p.assign)} to assign, ${countLabel(p.unchanged)} unchanged, ${countLabel(p.failed)} failed · nothing applied yet`,
      );
    });
  };

  // The failed-only view of a big file: the preview carries the first 500 rows of the file, so
  // the failed ones further down are asked for.
  const showFilter = (f: RowFilter) => {
    setFilter(f);
    if (f !== "failed" || !preview || failedRows) return;
    const inPreview = preview.rows.filter((r) => r.outcome === "failed").length;
    if (inPreview >= Math.min(preview.failed, ROWS_SHOWN)) return;
    void act("rows", async () => {
      setFailedRows(await pipelineApi.importRows(preview.import_id, 0, ROWS_SHOWN, true));
    });
  };

  const apply = () => {
    const p = preview;
    if (!p || !canApply(p)) return;
    return act("apply", async () => {
      const r = await pipelineApi.applyImport(p.import_id);
      setApplied(r);
      // The rows as applied (송장등록 완료 / 실패), not as previewed.
      let rows = p.rows;
      try {
        rows = await pipelineApi.importRows(p.import_id, 0, ROWS_SHOWN, false);
      } catch (e) {
        console.warn("applied rows unavailable", toErrorPayload(e));
      }
      setPreview({ ...p, status: "applied", rows });
      setFailedRows(null);
      reveal("import-result");
      const since = r.failed_since_preview ? ` · ${countLabel(r.failed_since_preview)}건은 미리보기 후 바뀌어 실패` : "";
      onDone(
        `송장 등록 완료 Applied — ${countLabel(r.assigned)}건${since}`,
        `${countLabel(r.assigned)} parcels got their numbers, ${countLabel(r.unchanged)} unchanged, ${countLabel(r.failed)} not applied`,
      );
      onChanged();
      await load();
    });
  };

  const rowsSource = filter === "failed" && failedRows ? failedRows : preview?.rows ?? [];
  const table = preview ? shownRows(rowsSource, filter === "failed" ? preview.failed : preview.total, filter) : null;
  const carriers = pools ?? [];

  return (
    <div id="invoice-tab" class="invoice-tab">
      <div class="devices-grid">
        <section class="dev-card" id="invoice-pools">
          <h2>
            송장번호 대역 <span class="muted">Invoice-number pools</span>
            <button id="pools-refresh" class="btn btn-small btn-quiet" onClick={() => void load()}>
              새로고침 Refresh
            </button>
          </h2>
          <table id="pools-table" class="dev-table pools-table">
            <thead>
              <tr>
                <th>택배사 Carrier</th>
                <th class="num">남은 번호 Left</th>
                <th class="num">사용 Used</th>
                <th class="num">송장대기 Waiting</th>
                <th>상태 State</th>
              </tr>
            </thead>
            <tbody>
              {carriers.map((p) => (
                <tr key={p.carrier} data-carrier={p.carrier} data-low={p.low ? "1" : "0"} class={p.low ? "pool-low" : undefined}>
                  <td>
                    <strong>{p.name}</strong> <span class="mono small muted">{p.carrier}</span>
                    {p.is_default && <span class="chip chip-default">기본 Default</span>}
                  </td>
                  <td class="num mono">{countLabel(p.remaining)}</td>
                  <td class="num mono">{countLabel(p.used)}</td>
                  <td class="num mono">{countLabel(p.waiting)}</td>
                  <td>
                    {p.low ? (
                      <span class="chip pool-chip-low">부족 Low</span>
                    ) : p.remaining + p.used === 0 ? (
                      <span class="muted small nowrap">없음 none</span>
                    ) : (
                      <span class="chip pool-chip-ok">충분 OK</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            id="pool-add-form"
            class="dev-form pool-add-form"
            onSubmit={(e) => {
              e.preventDefault();
              void addBlock();
            }}
          >
            <label>
              택배사 <span class="muted">Carrier</span>
              <select id="pool-add-carrier" value={blockCarrier} onChange={(e) => setBlockCarrier((e.target as HTMLSelectElement).value)}>
                {carriers.map((p) => (
                  <option key={p.carrier} value={p.carrier}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              첫 번호 <span class="muted">First number</span>
              <input id="pool-add-first" class="mono" value={blockFirst} placeholder="601234560001" onInput={(e) => setBlockFirst((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              수량 <span class="muted">Count</span>
              <input id="pool-add-count" class="mono" inputMode="numeric" value={blockCount} onInput={(e) => setBlockCount((e.target as HTMLInputElement).value)} />
            </label>
            <button id="pool-add" type="submit" class="btn btn-primary" disabled={busy !== null}>
              {busy === "pool" ? "추가 중…" : "대역 추가 Add block"}
            </button>
          </form>
          <p class="dev-note muted small">택배사에서 받은 송장번호 대역입니다. 검증번호는 자동으로 계산됩니다 · Pre-issued numbers from the carrier; check digits are computed.</p>
        </section>

        <section class="dev-card" id="carrier-export">
          <h2>
            택배사 파일 내보내기 <span class="muted">Export for the carrier</span>
          </h2>
          <form
            class="dev-form export-form"
            onSubmit={(e) => {
              e.preventDefault();
              void exportFile();
            }}
          >
            <label>
              택배사 <span class="muted">Carrier</span>
              <select id="export-carrier" value={exportCarrier} onChange={(e) => setExportCarrier((e.target as HTMLSelectElement).value)}>
                {carriers.map((p) => (
                  <option key={p.carrier} value={p.carrier}>
                    {p.name} ({countLabel(p.waiting)})
                  </option>
                ))}
              </select>
            </label>
            <div class="format-choice">
              <span class="format-label">
                형식 <span class="muted">Format</span>
              </span>
              <div class="format-buttons" role="group" aria-label="format">
                {(["xlsx", "csv"] as const).map((f) => (
                  <button
                    key={f}
                    type="button"
                    id={`export-format-${f}`}
                    class={`btn btn-small${exportFormat === f ? " btn-chosen" : ""}`}
                    aria-pressed={exportFormat === f}
                    onClick={() => setExportFormat(f)}
                  >
                    {f.toUpperCase()}
                  </button>
                ))}
              </div>
            </div>
            <label>
              범위 <span class="muted">Rows (연번)</span>
              <input id="export-range" class="mono" value={exportRange} placeholder="비우면 전체 · all" onInput={(e) => setExportRange((e.target as HTMLInputElement).value)} />
            </label>
            <button id="export-btn" type="submit" class="btn btn-primary" disabled={busy !== null || !exportCarrier}>
              {busy === "export" ? "저장 중…" : "파일 저장 Export"}
            </button>
          </form>
          {exported && (
            <div id="export-result" class="form-result form-ok" data-rows={exported.rows}>
              <strong>
                ✔ {exported.carrier_name} {countLabel(exported.rows)}건 저장 · saved
              </strong>
              <span id="export-path" class="mono export-path">
                {exported.path}
              </span>
              <details class="layout-note">
                <summary class="muted small">
                  양식 {exported.layout} 안내 · about this layout
                </summary>
                <span class="muted small">{exported.layout_note}</span>
              </details>
            </div>
          )}
        </section>
      </div>

      <section class="dev-card" id="carrier-import">
        <h2>
          송장 파일 가져오기 <span class="muted">Import the carrier's numbers</span>
        </h2>
        <div class="import-pick">
          <label class="import-file">
            파일 <span class="muted">File (XLSX, XLS, ODS, CSV)</span>
            <input id="import-file" ref={fileRef} type="file" accept=".xlsx,.xls,.ods,.csv,.tsv,.txt" disabled={busy !== null} onChange={() => void readFile()} />
          </label>
          <label>
            택배사 <span class="muted">Carrier</span>
            <select id="import-carrier" value={importCarrier} onChange={(e) => setImportCarrier((e.target as HTMLSelectElement).value)}>
              <option value="">자동 (내보낸 택배사) · as exported</option>
              {carriers.map((p) => (
                <option key={p.carrier} value={p.carrier}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button id="import-reread" class="btn btn-quiet" disabled={busy !== null} onClick={() => void readFile()}>
            다시 읽기 Read again
          </button>
          {busy === "preview" && <span class="muted">읽는 중… Reading…</span>}
        </div>

        {preview && (
          <div id="import-preview" data-import={preview.import_id} data-status={preview.status} data-total={preview.total} data-assign={preview.assign} data-failed={preview.failed}>
            <div class="import-summary">
              <span class="mono">{preview.file_name}</span>
              <span class="import-stat">
                전체 Total <strong>{countLabel(preview.total)}</strong>
              </span>
              <span class="import-stat stat-assign">
                {preview.status === "applied" ? "등록 Assigned" : "등록예정 Assign"}{" "}
                <strong id="import-assign">{countLabel(applied && preview.status === "applied" ? applied.assigned : preview.assign)}</strong>
              </span>
              <span class="import-stat">
                변경없음 Unchanged <strong>{countLabel(preview.unchanged)}</strong>
              </span>
              <span class={`import-stat${preview.failed ? " stat-failed" : ""}`}>
                실패 Failed <strong id="import-failed">{countLabel(preview.failed)}</strong>
              </span>
            </div>
            {preview.reasons.length > 0 && (
              <div id="import-reasons" class="import-reasons">
                실패사유 <span class="muted">Reasons</span>
                {preview.reasons.map((r) => {
                  const l = reasonLabel(r.code);
                  return (
                    <span key={r.code} class="chip reason-count" data-code={r.code} data-rows={r.rows} title={r.code}>
                      {l.ko} <span class="muted">{l.en}</span> {countLabel(r.rows)}
                    </span>
                  );
                })}
              </div>
            )}
            <div class="import-filter" role="group" aria-label="rows">
              <button id="filter-all" class={`btn btn-small${filter === "all" ? " btn-chosen" : ""}`} onClick={() => showFilter("all")}>
                전체 All
              </button>
              <button id="filter-failed" class={`btn btn-small${filter === "failed" ? " btn-chosen" : ""}`} disabled={preview.failed === 0} onClick={() => showFilter("failed")}>
                실패만 Failed only
              </button>
            </div>
            <div class="import-scroll">
              <table id="import-rows" class="dev-table import-table">
                <thead>
                  <tr>
                    <th class="num">행 Row</th>
                    <th>주문 Order / 코드</th>
                    <th class="num">연번 No</th>
                    <th>송장번호 Number</th>
                    <th>예상처리결과 Result</th>
                    <th>실패사유 Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {table?.rows.map((r) => (
                    <tr key={r.row} data-row={r.row} data-outcome={r.outcome} data-code={r.code ?? ""} class={r.outcome === "failed" ? "row-failed" : undefined}>
                      <td class="num mono">{r.row}</td>
                      <td class="mono">{r.key}</td>
                      <td class="num">{r.no ?? "–"}</td>
                      <td class="mono">{r.tracking_no || "–"}</td>
                      <td>
                        <span class={outcomeClass(r)}>{r.outcome_ko}</span>
                      </td>
                      <td>
                        {r.reason_ko ?? ""}
                        {r.reason_en && <div class="muted small">{r.reason_en}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {table?.note && (
              <div id="import-note" class="dev-note muted">
                {table.note.ko} · {table.note.en} — 전체 결과는 위 숫자에 있습니다 · the counts above cover every row
              </div>
            )}
            <div class="import-actions">
              <button id="import-apply" class="btn btn-primary btn-apply" disabled={busy !== null || !canApply(preview)} onClick={() => void apply()}>
                {busy === "apply" ? "적용 중…" : `적용 Apply — ${countLabel(preview.assign)}건`}
              </button>
              <span class="muted small">
                {preview.status === "applied"
                  ? "적용됨 · applied"
                  : canApply(preview)
                    ? "확인 후 적용하면 한 번에 등록됩니다 · applied in one go when you confirm"
                    : "등록할 행이 없습니다 · nothing valid to apply"}
              </span>
            </div>
          </div>
        )}

        {applied && (
          <div id="import-result" class="form-result form-ok" data-assigned={applied.assigned} data-failed={applied.failed}>
            <strong>
              ✔ 송장 등록 {countLabel(applied.assigned)}건 · {countLabel(applied.assigned)} numbers assigned
            </strong>
            <span>
              변경없음 {countLabel(applied.unchanged)} · 실패 {countLabel(applied.failed)}
              {applied.failed_since_preview > 0 && ` (미리보기 후 실패 ${countLabel(applied.failed_since_preview)} · failed since the preview)`}
            </span>
          </div>
        )}
      </section>
    </div>
  );
}
