// 인쇄 Printing: the printers the station can reach (spooler / USB / serial / network) with a test
// print each and a form to add one by URI, the default printer, format and reprint policy, the
// recent print jobs — a paused one loudly, with 이어서 인쇄 Resume — the template preview, and
// what paperwork prints (document settings, SKU locations and customs facts).
import { Fragment } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { countLabel } from "../format";
import {
  documentName,
  FORMATS,
  formatLabel,
  JOB_STATUS,
  jobStatusLabel,
  kindOfUri,
  latestPaused,
  POLICY,
  PRINTER_KIND,
  progressLabel,
} from "../printing";
import type { ErrorPayload, PrinterInfo, PrintFormat, PrintJob, PrintSettings, ReprintPolicy, TemplateInfo } from "../types";
import { AddPrinterForm } from "./AddPrinterForm";
import { DocumentSettingsForm } from "./DocumentSettingsForm";
import { SkuFactsForm } from "./SkuFactsForm";
import { TemplatePreview } from "./TemplatePreview";

interface Props {
  jobs: PrintJob[];
  settings: PrintSettings | null;
  /** Re-reads the jobs (the app keeps them: the station's paused banner needs them too). */
  onJobsChanged: () => Promise<void>;
  onSettings: (s: PrintSettings) => void;
  onBack: () => void;
  /** Row count of the working list (the preview's parcel number is a 연번). */
  rowCount: number;
}

interface Notice {
  kind: "ok" | "error";
  code: string;
  ko: string;
  en: string;
}

type TestResult = { ok: boolean; code: string; at: string };

function printerName(printers: PrinterInfo[], uri: string): string {
  return printers.find((p) => p.uri === uri)?.name ?? uri;
}

export function PrintingPage({ jobs, settings, onJobsChanged, onSettings, onBack, rowCount }: Props) {
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult>>({});
  const backRef = useRef<HTMLButtonElement>(null);
  const resumeRef = useRef<HTMLButtonElement>(null);
  const paused = latestPaused(jobs);

  const fail = (e: ErrorPayload) => setNotice({ kind: "error", code: e.code, ko: e.message_ko, en: e.message_en });

  const load = useCallback(async () => {
    try {
      const [p, t] = await Promise.all([api.printers(), api.templates()]);
      setPrinters(p);
      setTemplates(t);
    } catch (e) {
      fail(toErrorPayload(e));
    }
  }, []);

  useEffect(() => {
    void load();
    void onJobsChanged();
    // A running job's progress moves without an event; a slow poll keeps the list honest.
    const poll = setInterval(() => void onJobsChanged(), 3000);
    return () => clearInterval(poll);
  }, [load, onJobsChanged]);

  // Keyboard first: with a paused job, F10 then Enter resumes it; otherwise Esc goes back.
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current) return;
    focused.current = true;
    (resumeRef.current ?? backRef.current)?.focus();
  }, [paused]);

  const act = async (name: string, f: () => Promise<Notice>) => {
    if (busy) return;
    setBusy(name);
    try {
      setNotice(await f());
    } catch (e) {
      fail(toErrorPayload(e));
    } finally {
      setBusy(null);
    }
  };

  const testPrint = (p: PrinterInfo) =>
    act(`test:${p.uri}`, async () => {
      const at = new Date().toLocaleTimeString("ko-KR");
      try {
        const r = await api.testPrint(p.uri);
        setTests((t) => ({ ...t, [p.uri]: { ok: true, code: "TEST_PRINTED", at } }));
        return {
          kind: "ok",
          code: "TEST_PRINTED",
          ko: `테스트 인쇄 완료 Test page sent — ${p.name}`,
          en: `${p.uri}${r.format ? ` · ${formatLabel(r.format)}` : ""}${r.bytes ? ` · ${countLabel(r.bytes)} bytes` : ""}`,
        };
      } catch (e) {
        const err = toErrorPayload(e);
        setTests((t) => ({ ...t, [p.uri]: { ok: false, code: err.code, at } }));
        return { kind: "error", code: err.code, ko: `테스트 인쇄 실패 Test print failed — ${p.name}`, en: `${err.message_ko} · ${err.message_en}` };
      }
    });

  const resume = (job: PrintJob) =>
    act(`resume:${job.job_id}`, async () => {
      try {
        const r = await api.resumePrint(job.job_id);
        return {
          kind: "ok",
          code: "RESUMED",
          ko: `이어서 인쇄 완료 Resumed — 작업 #${job.job_id}, ${r.printed.length}장`,
          en: `${r.printed.length} more label(s) to ${printerName(printers ?? [], r.printer)}; nothing printed twice`,
        };
      } finally {
        await onJobsChanged();
      }
    });

  const save = (next: PrintSettings, what: { ko: string; en: string }) =>
    act("settings", async () => {
      const s = await api.setPrintSettings(next);
      onSettings(s);
      await load();
      return { kind: "ok", code: "PRINT_SETTINGS_SAVED", ko: `설정 저장 Saved — ${what.ko}`, en: what.en };
    });

  const defaultUri = settings?.default_printer ?? printers?.find((p) => p.is_default)?.uri ?? null;

  return (
    <main id="printing-page" class="devices-page printing-page">
      <div class="devices-head">
        <h1>
          인쇄 <span class="muted">Printing</span>
        </h1>
        <button id="printing-back" ref={backRef} class="btn" onClick={onBack}>
          ← 스테이션으로 Back to station <kbd class="key">Esc</kbd>
        </button>
        <button
          id="printing-refresh"
          class="btn btn-quiet"
          onClick={() => {
            void load();
            void onJobsChanged();
          }}
        >
          새로고침 Refresh
        </button>
      </div>

      {paused && (
        <div id="paused-job" class="paused-job" role="alert" data-job={paused.job_id}>
          <div class="paused-title">
            <span class="pause-icon pause-icon-big" aria-hidden="true" /> 인쇄 일시정지 Printing paused — 작업 #{paused.job_id}
            <span class="paused-progress">
              {progressLabel(paused)} 출력 · {paused.total - paused.printed}장 남음 left
            </span>
          </div>
          <div id="paused-reason" class="paused-reason">
            {paused.paused_reason_ko ?? "프린터가 응답하지 않습니다"}
          </div>
          {paused.paused_reason_en && <div class="paused-reason-en">{paused.paused_reason_en}</div>}
          <div class="paused-actions">
            <button id="paused-resume" ref={resumeRef} class="btn btn-resume" disabled={busy !== null} onClick={() => void resume(paused)}>
              {busy === `resume:${paused.job_id}` ? "인쇄 중… Printing…" : "이어서 인쇄 Resume"} <kbd class="key">Enter</kbd>
            </button>
            <span class="paused-hint">
              {printerName(printers ?? [], paused.printer)} · 출력되지 않은 첫 장부터 이어서 · from the first unprinted label, never twice
            </span>
          </div>
        </div>
      )}

      {notice && (
        <div
          id="printing-notice"
          class={`devices-notice notice-${notice.kind}`}
          data-kind={notice.kind}
          data-code={notice.code}
          role={notice.kind === "error" ? "alert" : "status"}
        >
          <strong>{notice.ko}</strong>
          <span>{notice.en}</span>
          <span class="banner-code">{notice.code}</span>
        </div>
      )}

      <div class="devices-grid printing-grid">
        <section class="dev-card" id="printers-section">
          <h2>
            프린터 <span class="muted">Printers</span>
            <span class="muted small">{printers ? `${printers.length}대` : "찾는 중… Looking…"}</span>
          </h2>
          <table id="printers-table" class="dev-table printers-table">
            <thead>
              <tr>
                <th>프린터 Printer</th>
                <th>종류 Kind</th>
                <th>테스트 Test</th>
              </tr>
            </thead>
            <tbody>
              {(printers ?? []).map((p, i) => {
                const kind = p.kind || kindOfUri(p.uri);
                const k = PRINTER_KIND[kind] ?? { ko: kind, en: "" };
                const isDefault = p.uri === defaultUri;
                const t = tests[p.uri];
                return (
                  <tr key={p.uri} data-uri={p.uri} data-kind={kind} data-default={isDefault ? "1" : "0"} class={isDefault ? "printer-default" : undefined}>
                    <td class="printer-cell">
                      <strong>{p.name}</strong>
                      {isDefault && <span class="chip chip-default">기본 Default</span>}
                      <div class="small">{p.detail}</div>
                      <div class="mono small muted">{p.uri}</div>
                    </td>
                    <td>
                      <span class={`chip chip-kind-${kind}`}>
                        {k.ko}
                        {k.en && k.en !== k.ko ? ` ${k.en}` : ""}
                      </span>
                    </td>
                    <td class="test-cell">
                      <button
                        id={`test-print-${i}`}
                        class="btn btn-small test-print"
                        data-uri={p.uri}
                        disabled={busy !== null}
                        onClick={() => void testPrint(p)}
                      >
                        {busy === `test:${p.uri}` ? "인쇄 중…" : "테스트 인쇄 Test print"}
                      </button>
                      {t && (
                        <span class={`test-result ${t.ok ? "test-ok" : "test-err"}`} data-result={t.ok ? "ok" : "error"} data-code={t.code}>
                          {t.ok ? "✔ 정상 OK" : `✖ ${t.code}`} <span class="muted">{t.at}</span>
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {printers && printers.length === 0 && <div class="empty small-empty">프린터가 없습니다 · No printers found</div>}
          <AddPrinterForm onSaved={setPrinters} />
        </section>

        <section class="dev-card" id="print-settings-section">
          <h2>
            기본 설정 <span class="muted">Defaults</span>
          </h2>
          {!settings && (
            <p id="print-settings-missing" class="dev-message dev-message-err">
              <strong>인쇄 설정을 읽지 못했습니다</strong>
              <span>print settings could not be read; the station prints with the format chosen in its toolbar</span>
            </p>
          )}
          <div class="dev-form print-settings-form">
            <label class="wide">
              <span>
                기본 프린터 <span class="muted">Default printer</span>
              </span>
              <select
                id="default-printer"
                value={defaultUri ?? ""}
                disabled={!settings || busy !== null}
                onChange={(e) => {
                  const uri = (e.currentTarget as HTMLSelectElement).value || null;
                  if (settings) void save({ ...settings, default_printer: uri }, { ko: `기본 프린터 ${printerName(printers ?? [], uri ?? "")}`, en: `default printer ${uri ?? "none"}` });
                }}
              >
                <option value="">— 선택 Choose —</option>
                {(printers ?? []).map((p) => (
                  <option key={p.uri} value={p.uri}>
                    {p.name} ({(PRINTER_KIND[p.kind] ?? { ko: p.kind }).ko})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>
                기본 형식 <span class="muted">Format</span>
              </span>
              <select
                id="default-format"
                value={settings?.default_format ?? "zpl"}
                disabled={!settings || busy !== null}
                onChange={(e) => {
                  const f = (e.currentTarget as HTMLSelectElement).value as PrintFormat;
                  if (settings) void save({ ...settings, default_format: f }, { ko: `기본 형식 ${formatLabel(f)}`, en: `default format ${formatLabel(f)}` });
                }}
              >
                {FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <fieldset class="policy-field" id="reprint-policy" data-policy={settings?.reprint_policy ?? ""}>
              <legend>
                재출력 정책 <span class="muted">Reprint policy</span>
              </legend>
              {(["same", "new"] as ReprintPolicy[]).map((pol) => (
                <label key={pol} class="policy-option">
                  <input
                    id={`reprint-policy-${pol}`}
                    type="radio"
                    name="reprint-policy"
                    value={pol}
                    checked={settings?.reprint_policy === pol}
                    disabled={!settings || busy !== null}
                    onChange={() => {
                      if (settings) void save({ ...settings, reprint_policy: pol }, { ko: `재출력 정책 ${POLICY[pol].ko}`, en: `reprint policy: ${POLICY[pol].en.toLowerCase()}` });
                    }}
                  />
                  <span>
                    <strong>
                      {POLICY[pol].ko} <span class="muted">{POLICY[pol].en}</span>
                    </strong>
                    <span class="small muted">{POLICY[pol].note_ko}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
        </section>

        <section class="dev-card dev-ports" id="print-jobs-section">
          <h2>
            최근 인쇄 작업 <span class="muted">Recent print jobs</span>
          </h2>
          <div class="jobs-scroll">
            <table id="print-jobs" class="dev-table jobs-table">
              <thead>
                <tr>
                  <th>작업 Job</th>
                  <th>시각 Time (KST)</th>
                  <th>문서 Document</th>
                  <th>범위 Range</th>
                  <th>프린터 Printer</th>
                  <th>형식 Format</th>
                  <th>진행 Progress</th>
                  <th>상태 Status</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <Fragment key={j.job_id}>
                    <tr data-job={j.job_id} data-status={j.status} class={`job-${j.status}`}>
                      <td class="num">#{j.job_id}</td>
                      <td class="mono small nowrap">{j.created_kst}</td>
                      <td class="job-document" data-document={j.document} title={documentName(j.document, templates).en}>
                        {documentName(j.document, templates).ko}
                        {j.reprints ? <span class="chip chip-reprint">재출력 {j.reprints}</span> : null}
                      </td>
                      <td class="mono small">{j.range_text ? j.range_text : j.range_text === "" ? "전체 all" : "–"}</td>
                      <td class="small">{printerName(printers ?? [], j.printer)}</td>
                      <td>{formatLabel(j.format)}</td>
                      <td class="nowrap">
                        <span class="job-progress">
                          <span class="job-bar" style={{ width: `${j.total ? Math.round((j.printed / j.total) * 100) : 0}%` }} />
                        </span>{" "}
                        {progressLabel(j)}
                      </td>
                      <td class="nowrap">
                        <span class={`chip chip-job-${j.status}`} title={JOB_STATUS[j.status]?.en}>
                          {jobStatusLabel(j.status)}
                        </span>
                      </td>
                    </tr>
                    {(j.status === "paused" || j.status === "failed") && (j.paused_reason_ko || j.status === "paused") && (
                      <tr class={`job-reason-row job-${j.status}`} data-job-reason={j.job_id}>
                        <td />
                        <td colSpan={7}>
                          <div class="job-reason-line">
                            <span class="job-reason">
                              {j.paused_reason_ko ?? "프린터가 응답하지 않습니다"}
                              {j.paused_reason_en && <span class="job-reason-en"> · {j.paused_reason_en}</span>}
                            </span>
                            {j.status === "paused" && (
                              <button
                                id={`job-resume-${j.job_id}`}
                                class="btn btn-small btn-resume"
                                disabled={busy !== null}
                                onClick={() => void resume(j)}
                              >
                                이어서 인쇄 Resume
                              </button>
                            )}
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
            {jobs.length === 0 && <div class="empty small-empty">인쇄 기록이 없습니다 · No print jobs yet</div>}
          </div>
        </section>

        <TemplatePreview templates={templates} rowCount={rowCount} />
        <DocumentSettingsForm />
        <SkuFactsForm />
      </div>
    </main>
  );
}
