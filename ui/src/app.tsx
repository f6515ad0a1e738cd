// The packing station screen: header (mode, outbox, pool, scale, fees to check, page tabs),
// toolbar (collect, print, sync, connect), the scan field with its banner, the weigh card of the
// last weighed parcel, and the working list. F8 switches to the devices page and back, F5 to
// the 주문처리 (pipeline) page with its stage tabs.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, EVENTS, toErrorPayload } from "./api";
import { Banner, errorBanner, IDLE_BANNER, type BannerState } from "./components/Banner";
import { CollectionPanel } from "./components/CollectionPanel";
import { ConnectDialog } from "./components/ConnectDialog";
import { DevicesPage } from "./components/DevicesPage";
import { FeeFlagsDialog } from "./components/FeeFlagsDialog";
import { Header, type Page } from "./components/Header";
import { ParcelTable } from "./components/ParcelTable";
import { PartlyClaimedDialog } from "./components/PartlyClaimedDialog";
import { PipelinePage, usePipelineCounts } from "./components/PipelinePage";
import { PrintingPage } from "./components/PrintingPage";
import { ReprintDialog } from "./components/ReprintDialog";
import { ScanField } from "./components/ScanField";
import { Toolbar, type Busy } from "./components/Toolbar";
import { WeighCard } from "./components/WeighCard";
import { countLabel, formatKg, formatKrw, hyphenateTracking, normaliseScan, reconcileRows } from "./format";
import {
  badRangePart,
  CARRIER_WAYBILL,
  documentChoices,
  documentShortName,
  formatLabel,
  isPauseError,
  isReasonRequired,
  isShippingLabel,
  latestPaused,
  listNos,
  parseRange,
  printedSummary,
  reprintRows,
} from "./printing";
import { notePaint, wallClock } from "./scan/latency";
import type { Classified } from "./scan/wedge";
import { playSound, soundForCode } from "./sound";
import type {
  CollectProgress,
  CollectReport,
  DeskStatus,
  ErrorPayload,
  FeeFlagRow,
  ParcelRow,
  PrintFormat,
  PrintJob,
  PrintSettings,
  ScheduleEntry,
  SerialScanEvent,
  ShipOutcome,
  ShopCollectResult,
  ShopInfo,
  ShopSummary,
  SyncReport,
  TemplateInfo,
  VirtualPrinterInfo,
  WeighOutcome,
  WeightReading,
} from "./types";

/** A print waiting for the reprint reason: the range as typed and the rows it reprints. */
interface ReprintAsk {
  range: string;
  nos: number[];
  total: number;
}

/** Where a scan came from, for the banner: the wedge (scanned or typed) or the serial scanner. */
type ScanSource = { scanned: boolean; serial?: boolean };

const ACTION_KO: Record<Exclude<Busy, null>, string> = {
  collect: "주문수집",
  print: "송장출력",
  sync: "전송",
  connect: "쇼핑몰 연결",
};

export function App() {
  const [booting, setBooting] = useState(true);
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const [rows, setRows] = useState<ParcelRow[]>([]);
  const [weight, setWeight] = useState<WeightReading | null>(null);
  const [vprinter, setVprinter] = useState<VirtualPrinterInfo | null>(null);
  const [banner, setBanner] = useState<BannerState>(IDLE_BANNER);
  const [busy, setBusy] = useState<Busy>(null);
  const [collectReport, setCollectReport] = useState<CollectReport | null>(null);
  const [format, setFormat] = useState<PrintFormat>("zpl");
  const [dialogOpen, setDialogOpen] = useState(false);
  const [highlightNo, setHighlightNo] = useState<number | null>(null);
  const [syncProblem, setSyncProblem] = useState<string | null>(null);
  const [shops, setShops] = useState<ShopSummary[]>([]);
  const [results, setResults] = useState<ShopCollectResult[]>([]);
  const [connectors, setConnectors] = useState<ScheduleEntry[]>([]);
  const [progress, setProgress] = useState<CollectProgress | null>(null);
  const [page, setPage] = useState<Page>("station");
  // 처리필요 per stage: the header badge and the 주문처리 page (polled faster while it is open).
  const pipeline = usePipelineCounts(page === "pipeline");
  const [feeFlags, setFeeFlags] = useState<FeeFlagRow[]>([]);
  const [feesOpen, setFeesOpen] = useState(false);
  const [weighed, setWeighed] = useState<WeighOutcome | null>(null);
  const [savingWeight, setSavingWeight] = useState(false);
  const [weighing, setWeighing] = useState(false);
  const [document, setDocument] = useState(CARRIER_WAYBILL);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [printJobs, setPrintJobs] = useState<PrintJob[]>([]);
  const [printSettings, setPrintSettings] = useState<PrintSettings | null>(null);
  const [rangeError, setRangeError] = useState(false);
  const [reprintAsk, setReprintAsk] = useState<ReprintAsk | null>(null);
  const [partlyAsk, setPartlyAsk] = useState<{ code: string; error: ErrorPayload; how: Classified } | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const rangeRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const scanChain = useRef<Promise<void>>(Promise.resolve());

  // The job the paused banner offers to resume, until another banner replaces it.
  const pausedShown = useRef<number | null>(null);
  const show = useCallback((b: Omit<BannerState, "seq">) => {
    pausedShown.current = null;
    setBanner({ ...b, seq: ++seq.current });
  }, []);
  const showError = useCallback(
    (e: ErrorPayload, action?: string) => {
      pausedShown.current = null;
      setBanner(errorBanner(e, ++seq.current, action));
      playSound(soundForCode(e.code));
    },
    [],
  );

  // Any modal (connect, fees to check) keeps the scan field from grabbing the focus back.
  const modalOpen = dialogOpen || feesOpen || reprintAsk !== null || partlyAsk !== null;
  const focusScan = useCallback(() => {
    if (!modalOpen) scanRef.current?.focus({ preventScroll: true });
  }, [modalOpen]);

  // What a scan or a print changes: the list, the counts, the virtual printer.
  const refreshDesk = useCallback(async () => {
    try {
      const [s, p, v] = await Promise.all([api.status(), api.parcels(), api.virtualPrinter()]);
      setStatus(s);
      setRows((prev) => reconcileRows(prev, p));
      setVprinter(v);
    } catch (e) {
      showError(toErrorPayload(e));
    }
  }, [showError]);

  // What only a collection, a schedule change or a (re)connection changes: kept off the scan path.
  const refreshCollection = useCallback(async () => {
    try {
      const [sh, res, sched] = await Promise.all([api.shops(), api.lastCollections(), api.schedule()]);
      setShops(sh);
      setResults(res);
      setConnectors(sched.filter((e) => !e.target.startsWith("shop:")));
    } catch (e) {
      showError(toErrorPayload(e));
    }
  }, [showError]);

  // Fees to check: read at start-up and after anything that can flag a parcel (a weighed scan,
  // a refusal, the weigh button), not on every scan.
  const refreshFees = useCallback(async () => {
    try {
      setFeeFlags(await api.undercharged());
    } catch (e) {
      showError(toErrorPayload(e));
    }
  }, [showError]);

  // Print jobs: the station's paused banner and the 인쇄 tab both read them.
  const refreshJobs = useCallback(async (): Promise<PrintJob[]> => {
    try {
      const j = await api.printJobs();
      setPrintJobs(j);
      return j;
    } catch (e) {
      showError(toErrorPayload(e));
      return [];
    }
  }, [showError]);
  const reloadJobs = useCallback(() => refreshJobs().then(() => undefined), [refreshJobs]);

  const refresh = useCallback(
    () => Promise.all([refreshDesk(), refreshCollection(), refreshFees()]).then(() => undefined),
    [refreshDesk, refreshCollection, refreshFees],
  );

  // One path for every ship result, whether the wedge scan field or a serial scanner produced it.
  const reportShip = useCallback(
    (r: { outcome: ShipOutcome | null; error: ErrorPayload | null }, src: ScanSource) => {
      if (r.outcome) {
        const o = r.outcome;
        const w = o.weighed ?? null;
        setHighlightNo(o.no);
        setWeighed(w);
        const via = src.serial ? " · 시리얼 스캐너 serial scanner" : src.scanned ? "" : " · 직접 입력 typed";
        const ime = o.ime_converted ? " · 한글 입력 상태 → 영문으로 변환 (IME was in 한글 mode)" : "";
        const under = w?.undercharged_krw ? ` — 배송비 부족 ${formatKrw(w.undercharged_krw)}` : "";
        show({
          kind: "ok",
          code: "SHIPPED",
          title: `배송처리 완료 Shipped${under}`,
          detail: `${o.no}번 ${hyphenateTracking(o.tracking_no)} ${o.recipient}${w ? ` · ${formatKg(w.grams)}` : ""}${via}`,
          detailEn: `parcel ${o.no} shipped · ${o.queued} tracking push(es) queued for the shop${ime}`,
        });
        playSound("ok");
        if (w && (w.undercharged_krw || w.refused)) void refreshFees();
      } else if (r.error) {
        setWeighed(null);
        showError(r.error);
        if (r.error.code === "SCAN_OVER_LIMIT") void refreshFees();
      }
    },
    [refreshFees, show, showError],
  );
  const onSerialScan = useRef<(e: SerialScanEvent) => void>(() => undefined);
  // Whatever moved the station's list (a scan, a print, a collection) moved the counts too.
  const refreshPipeline = pipeline.refresh;
  useEffect(() => {
    void refreshPipeline();
  }, [rows, refreshPipeline]);

  // Start-up: `status` resolves once the shell has opened the desk (demo seeding can take a moment).
  useEffect(() => {
    const unlisten: (() => void)[] = [];
    (async () => {
      try {
        setStatus(await api.status());
      } catch (e) {
        showError(toErrorPayload(e));
      } finally {
        setBooting(false);
      }
      await refresh();
      try {
        const ps = await api.printSettings();
        setPrintSettings(ps);
        setFormat(ps.default_format);
      } catch (e) {
        // Not fatal: the station prints with its own format choice; the 인쇄 page says why.
        console.warn("print settings unavailable", toErrorPayload(e));
      }
      // The document select names every template; until the list comes, the built-in names do.
      api.templates().then(setTemplates, (e) => console.warn("templates unavailable", toErrorPayload(e)));
      // A job paused before the app was closed still waits for its printer: say so at once.
      const paused = latestPaused(await refreshJobs());
      if (paused) showPaused.current(paused, null);
      void api.watchWeight(setWeight).catch((e) => showError(toErrorPayload(e)));
      unlisten.push(
        await api.listen<SyncReport>(EVENTS.outboxSynced, () => {
          setSyncProblem(null);
          void refreshDesk();
        }),
        await api.listen<ErrorPayload>(EVENTS.syncFailed, (e) => setSyncProblem(`${e.message_ko} · ${e.message_en}`)),
        // Scheduled collections run behind the packer's back: show them, refresh when they end.
        await api.listen<CollectProgress>(EVENTS.collectProgress, (p) => {
          setProgress(p.running ? p : null);
          if (!p.running) void refresh();
        }),
        // A serial scanner ships parcels like the wedge: same banner, same refresh.
        await api.listen<SerialScanEvent>(EVENTS.serialScan, (e) => onSerialScan.current(e)),
      );
    })();
    return () => unlisten.forEach((u) => u());
  }, [refresh, refreshDesk, refreshJobs, showError]);

  const run = useCallback(
    async (name: Exclude<Busy, null>, action: () => Promise<void>) => {
      if (busy) return;
      setBusy(name);
      try {
        await action();
      } catch (e) {
        showError(toErrorPayload(e), ACTION_KO[name]);
      } finally {
        setBusy(null);
        // Focus first: a packer who presses F3 while the list reloads keeps the range box.
        focusScan();
        await refresh();
      }
    },
    [busy, showError, refresh, focusScan],
  );

  const collect = (shopId?: number) =>
    run("collect", async () => {
      const r = await api.collect(undefined, undefined, shopId);
      setCollectReport(r);
      const failed = r.failed ? ` · 연동실패 ${r.failed}` : "";
      show({
        kind: "ok",
        code: "COLLECTED",
        title: "주문수집 완료 Collected",
        detail: `새 주문 ${r.new} · 갱신 ${r.updated} · 건너뜀 ${r.skipped}${r.claimed ? ` · 클레임 ${r.claimed}` : ""}${failed}`,
        detailEn: `${r.new} new, ${r.updated} updated, ${r.skipped} skipped, ${r.failed} not linked · ${r.api_calls} API calls`,
      });
    });

  // A paused job (the printer went away mid-batch): a red banner naming what is left, and the
  // Resume action (Shift+F4) that continues from the first label not printed.
  const showPaused = useRef<(job: PrintJob | null, e: ErrorPayload | null) => void>(() => undefined);
  showPaused.current = (job, e) => {
    const base = errorBanner(
      {
        code: e?.code ?? "PRINTER_OFFLINE",
        message_ko: job?.paused_reason_ko ?? e?.message_ko ?? "프린터가 응답하지 않습니다",
        message_en: job?.paused_reason_en ?? e?.message_en ?? "the printer does not answer",
      },
      ++seq.current,
    );
    pausedShown.current = job?.job_id ?? null;
    setBanner({
      ...base,
      title: `인쇄 일시정지 Printing paused${job ? ` — 작업 #${job.job_id}` : ""}`,
      action: job
        ? {
            id: "banner-resume",
            label: `이어서 인쇄 Resume #${job.job_id}`,
            keyHint: "Shift+F4",
            hint: `${job.printed}/${job.total}장 출력 · ${job.total - job.printed}장 남음 left — 출력 안 된 첫 장부터 · from the first unprinted label`,
            run: () => void resume(job.job_id),
          }
        : undefined,
    });
    playSound("error");
  };

  /** What a failed print does to the screen: range errors point at the part, pauses offer Resume. */
  const printFailed = async (e: ErrorPayload, range: string) => {
    if (isPauseError(e)) {
      const jobs = await refreshJobs();
      showPaused.current(latestPaused(jobs), e);
      return;
    }
    const bad = badRangePart(e, rangeRef.current?.value ?? range);
    if (bad) {
      setBanner({ ...errorBanner(e, ++seq.current, ACTION_KO.print), badPart: bad.part });
      playSound("error");
      setRangeError(true);
      // Select the bad part in the range box: fix it and press Enter. After `run` hands the
      // focus back to the scan field, hence the timeout.
      setTimeout(() => {
        const input = rangeRef.current;
        if (!input) return;
        input.focus();
        if (bad.start >= 0) input.setSelectionRange(bad.start, bad.end);
        else input.select();
      }, 0);
      return;
    }
    showError(e, ACTION_KO.print);
  };

  /** The print's document: null = each parcel's carrier waybill (the desk picks the layout). */
  const documentValue = (id: string) => (id === CARRIER_WAYBILL ? null : id);

  /** F4 / Enter in the range box. Asks for a reason first when the range reprints shipping labels. */
  const print = (reason?: string, typedRange?: string) => {
    const range = typedRange ?? rangeRef.current?.value.trim() ?? "";
    const doc = documentValue(document);
    if (reason === undefined && isShippingLabel(doc) && !busy) {
      const again = reprintRows(rows, range);
      if (again.length) {
        const parsed = parseRange(range, rows.length);
        setReprintAsk({ range, nos: again.map((r) => r.no), total: parsed.ok ? parsed.nos.length : again.length });
        return Promise.resolve();
      }
    }
    return run("print", async () => {
      let r;
      try {
        r = await api.print(range, format, { document: doc, reason: reason ?? null });
      } catch (err) {
        const e = toErrorPayload(err);
        // The list may be stale (another station printed): the shell asks, so ask the packer.
        if (isReasonRequired(e) && reason === undefined) {
          const parsed = parseRange(range, rows.length);
          const nos = parsed.ok ? parsed.nos : [];
          setReprintAsk({ range, nos, total: nos.length });
          return;
        }
        await printFailed(e, range);
        return;
      }
      setRangeError(false);
      if (r.status === "paused") {
        const jobs = await refreshJobs();
        showPaused.current(jobs.find((j) => j.job_id === r.job_id) ?? latestPaused(jobs), null);
        return;
      }
      void refreshJobs();
      // Say what went to paper: "송장 3장", "거래명세서 2장", "피킹리스트 1장 (5건)".
      const what = printedSummary(r.document || doc, r.printed.length);
      const label = isShippingLabel(r.document || doc);
      setHighlightNo(null);
      show({
        kind: "ok",
        code: "PRINTED",
        title: `출력 완료 Printed — ${what.ko}`,
        detail: `연번 ${listNos(r.printed)} → ${r.printer} (${formatLabel(r.format)})${r.reprinted ? ` · 재출력 ${r.reprinted}${reason ? ` (${reason})` : ""}` : ""}`,
        detailEn: label
          ? `${what.en}, ${r.assigned} new tracking numbers, ${countLabel(r.pool_remaining)} left in the pool`
          : `${what.en}; paperwork: no tracking numbers taken, the rows' 출력 state unchanged`,
      });
    });
  };

  const resume = (jobId: number) =>
    run("print", async () => {
      try {
        const r = await api.resumePrint(jobId);
        show({
          kind: "ok",
          code: "RESUMED",
          title: `이어서 인쇄 완료 Resumed — ${r.printed.length}장`,
          detail: `작업 #${jobId}: 연번 ${listNos(r.printed)} → ${r.printer}`,
          detailEn: `job #${jobId} finished from its first unprinted label; nothing printed twice`,
        });
      } catch (err) {
        await printFailed(toErrorPayload(err), "");
      } finally {
        void refreshJobs();
      }
    });

  // A paused job resumed elsewhere (the printing page, the CLI): the station's red banner and
  // its Resume button would be stale, so it says the job finished instead.
  useEffect(() => {
    const id = pausedShown.current;
    if (id === null) return;
    const job = printJobs.find((j) => j.job_id === id);
    if (!job || job.status === "paused" || job.status === "running") return;
    if (job.status === "done") {
      show({
        kind: "ok",
        code: "RESUMED",
        title: `이어서 인쇄 완료 Resumed — 작업 #${id}`,
        detail: `${job.printed}/${job.total}장 출력 · 인쇄 페이지(또는 CLI)에서 이어서 인쇄됨`,
        detailEn: `job #${id} was finished from the printing page (or the CLI)`,
      });
    } else {
      pausedShown.current = null;
      setBanner({ ...IDLE_BANNER, seq: ++seq.current });
    }
  }, [printJobs, show]);

  const resumeLatest = () => {
    const p = latestPaused(printJobs);
    if (p) void resume(p.job_id);
  };

  const sync = () =>
    run("sync", async () => {
      const r = await api.sync();
      setSyncProblem(null);
      if (r.failed.length > 0) {
        showError(
          {
            code: "SYNC_REFUSED",
            message_ko: `쇼핑몰이 ${r.failed.length}건을 거부했습니다: ${r.failed.map((f) => `${f.order_id} ${f.reason}`).join(", ")}`,
            message_en: `the shop refused ${r.failed.length}: ${r.failed.map((f) => `${f.order_id} ${f.reason}`).join(", ")}`,
          },
          "전송",
        );
        return;
      }
      show({
        kind: "ok",
        code: "SYNCED",
        title: `전송 완료 Synced — ${r.sent.length}건`,
        detail: `쇼핑몰에 송장번호 ${r.sent.length}건 전송 · 대기 ${r.waiting}`,
        detailEn: `${r.sent.length} tracking number(s) pushed to the shop, ${r.waiting} waiting`,
      });
    });

  const onScan = useCallback(
    (raw: string, how: Classified) => {
      const code = normaliseScan(raw);
      // Scans are handled strictly in order, even when the scanner is faster than the desk.
      scanChain.current = scanChain.current.then(async () => {
        let result = "SHIPPED";
        let answeredAt: number | null = null;
        try {
          const outcome = await api.shipScan(code);
          answeredAt = wallClock();
          reportShip({ outcome, error: null }, how);
        } catch (e) {
          answeredAt = wallClock();
          const error = toErrorPayload(e);
          result = error.code;
          reportShip({ outcome: null, error }, how);
          if (error.code === "SCAN_PARTLY_CLAIMED") setPartlyAsk({ code, error, how });
        }
        notePaint("keyboard", how, answeredAt, result);
        await refreshDesk();
      });
    },
    [refreshDesk, reportShip],
  );
  // The shell already shipped (or refused) the serial scan: queue its report behind any wedge scan.
  onSerialScan.current = (e: SerialScanEvent) => {
    scanChain.current = scanChain.current.then(async () => {
      reportShip(e, { scanned: true, serial: true });
      notePaint("serial", null, wallClock(), e.error ? e.error.code : "SHIPPED");
      await refreshDesk();
    });
  };

  const saveWeight = async () => {
    const o = weighed;
    const offer = o?.save_weight;
    if (!o || !offer || savingWeight) return;
    setSavingWeight(true);
    try {
      const w = await api.saveProductWeight(offer.sku, offer.grams);
      setWeighed({ ...o, save_weight: null });
      show({
        kind: "ok",
        code: "WEIGHT_SAVED",
        title: "상품 무게 저장 Saved to SKU",
        detail: `${w.name} (${w.sku}) ${w.previous_grams !== null ? `${formatKg(w.previous_grams)} → ` : ""}${formatKg(w.grams)}`,
        detailEn: w.queued_for_shop
          ? "saved; queued to write the product weight back to Cafe24"
          : "saved on this station",
      });
      playSound("ok");
    } catch (e) {
      showError(toErrorPayload(e), "상품 무게 저장");
    } finally {
      setSavingWeight(false);
      focusScan();
    }
  };

  // 계량: weigh the highlighted (last scanned) parcel again without shipping anything.
  const weighSelected = async () => {
    if (highlightNo === null || weighing) return;
    setWeighing(true);
    try {
      const o = await api.weighParcel({ parcel: `no:${highlightNo}` });
      setWeighed(o);
      show({
        kind: o.refused ? "error" : "ok",
        code: o.refused ? o.refused.code : "WEIGHED",
        title: o.refused ? "요금 한도 초과 Over the service limit" : `계량 완료 Weighed — ${o.no}번`,
        detail: o.refused ? o.refused.message_ko : `${formatKg(o.grams)}${o.quote ? ` · ${o.quote.service_name_ko} ${formatKrw(o.quote.total_krw)}` : ""}`,
        detailEn: o.refused ? o.refused.message_en : `parcel ${o.no} weighed, nothing shipped`,
      });
      if (o.refused || o.undercharged_krw) void refreshFees();
    } catch (e) {
      showError(toErrorPayload(e), "계량");
    } finally {
      setWeighing(false);
      focusScan();
    }
  };

  const openFees = () => {
    setFeesOpen(true);
    void refreshFees();
  };

  const navigate = useCallback((p: Page) => {
    setPage(p);
    // Back on the station, the scan field (re)mounts and takes the focus itself (ScanField).
  }, []);

  const onConnected = (shop: ShopInfo) => {
    setDialogOpen(false);
    show({
      kind: "ok",
      code: "CONNECTED",
      title: `쇼핑몰 연결 완료 Connected — ${shop.mall_id}`,
      detail: `토큰 만료 ${shop.token_expires_kst} · 권한 ${shop.scopes.join(", ")}`,
      detailEn: `connected to ${shop.api_base}`,
    });
    void refresh();
  };

  // Keyboard-only operation: function keys for the toolbar, Esc back to the scan field.
  const keys = useRef({ collect, print, resumeLatest, sync, focusScan, saveWeight, page, navigate, openFees });
  keys.current = { collect, print, resumeLatest, sync, focusScan, saveWeight, page, navigate, openFees };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (modalOpen) return;
      const k = keys.current;
      const handled = (() => {
        // Pages first: F8 toggles the devices page, F7 opens the fees to check, from anywhere.
        switch (e.key) {
          case "F8":
            k.navigate(k.page === "devices" ? "station" : "devices");
            return true;
          case "F10":
            k.navigate(k.page === "printing" ? "station" : "printing");
            return true;
          case "F5":
            // Also keeps the webview from reloading on F5.
            k.navigate(k.page === "pipeline" ? "station" : "pipeline");
            return true;
          case "F7":
            k.openFees();
            return true;
        }
        if (k.page !== "station") {
          if (e.key === "Escape") {
            k.navigate("station");
            return true;
          }
          return false;
        }
        switch (e.key) {
          case "F6":
            void k.saveWeight();
            return true;
          case "F2":
            void k.collect();
            return true;
          case "F3":
            rangeRef.current?.focus();
            rangeRef.current?.select();
            return true;
          case "F4":
            if (e.shiftKey) k.resumeLatest();
            else void k.print();
            return true;
          case "F9":
            void k.sync();
            return true;
          case "Escape":
            k.focusScan();
            return true;
          default:
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [modalOpen]);

  return (
    <div class="app">
      <Header
        page={page}
        onNav={navigate}
        feeFlagCount={feeFlags.length}
        onFeeFlags={openFees}
        pausedJobs={printJobs.filter((j) => j.status === "paused").length}
        pipelineTotal={pipeline.counts?.total ?? null}
        booting={booting}
        status={status}
        weight={weight}
        vprinter={vprinter}
        syncProblem={syncProblem}
      />
      {page === "devices" ? (
        <DevicesPage weight={weight} onBack={() => navigate("station")} />
      ) : page === "pipeline" ? (
        <PipelinePage
          counts={pipeline.counts}
          onRefresh={pipeline.refresh}
          onChanged={() => {
            void pipeline.refresh();
            void refreshDesk();
          }}
          onBack={() => navigate("station")}
        />
      ) : page === "printing" ? (
        <PrintingPage
          jobs={printJobs}
          settings={printSettings}
          onJobsChanged={reloadJobs}
          onSettings={(ps) => {
            setPrintSettings(ps);
            setFormat(ps.default_format);
          }}
          onBack={() => navigate("station")}
          rowCount={rows.length}
        />
      ) : (
        <>
          <Toolbar
            disabled={booting}
            busy={busy}
            collectReport={collectReport}
            rangeRef={rangeRef}
            format={format}
            onFormat={setFormat}
            document={document}
            documents={documentChoices(templates)}
            shortName={documentShortName(document, templates)}
            onDocument={setDocument}
            rangeError={rangeError}
            onRangeInput={() => setRangeError(false)}
            onCollect={() => collect()}
            onPrint={() => void print()}
            onSync={sync}
            onConnect={() => setDialogOpen(true)}
            onEscape={focusScan}
          />
          <CollectionPanel
            shops={shops}
            results={results}
            connectors={connectors}
            progress={progress}
            disabled={booting || busy !== null}
            onCollectShop={(id) => collect(id)}
            onReconnect={() => setDialogOpen(true)}
            onSetSchedule={async (target, timetable) => {
              try {
                const e = await api.setSchedule(target, timetable);
                show({
                  kind: "ok",
                  code: "SCHEDULED",
                  title: `수집 스케줄 변경 Schedule — ${e.label}`,
                  detail: `${e.description_ko} · 다음 ${e.next_kst.slice(0, 3).join(", ")}`,
                  detailEn: `${e.timetable}; next ${e.next_kst.slice(0, 3).join(", ")} KST`,
                });
                await refresh();
                return true;
              } catch (err) {
                showError(toErrorPayload(err), "수집 스케줄");
                return false;
              }
            }}
          />
          <div class="scan-area">
            <div class="scan-col">
              <ScanField inputRef={scanRef} disabled={booting} dialogOpen={modalOpen} onScan={onScan} />
              {highlightNo !== null && (
                <button
                  id="weigh-btn"
                  class="btn btn-small btn-weigh"
                  disabled={weighing}
                  data-no={highlightNo}
                  onClick={() => void weighSelected()}
                  title="weigh the highlighted parcel again; nothing ships"
                >
                  {weighing ? "계량 중… Weighing…" : `${highlightNo}번 다시 계량 Weigh #${highlightNo}`}
                </button>
              )}
            </div>
            <Banner state={banner} />
          </div>
          {weighed && <WeighCard outcome={weighed} saving={savingWeight} onSaveWeight={() => void saveWeight()} />}
          <ParcelTable rows={rows} highlightNo={highlightNo} booting={booting} />
        </>
      )}
      {partlyAsk && (
        <PartlyClaimedDialog
          code={partlyAsk.code}
          error={partlyAsk.error}
          onShipped={(outcome) => reportShip({ outcome, error: null }, partlyAsk.how)}
          onFailed={(error) => reportShip({ outcome: null, error }, partlyAsk.how)}
          onClose={() => {
            setPartlyAsk(null);
            void refreshDesk();
          }}
        />
      )}
      {dialogOpen && (
        <ConnectDialog
          onClose={() => {
            setDialogOpen(false);
            setTimeout(() => scanRef.current?.focus(), 0);
          }}
          onConnected={onConnected}
        />
      )}
      {reprintAsk && (
        <ReprintDialog
          nos={reprintAsk.nos}
          total={reprintAsk.total}
          policy={printSettings?.reprint_policy ?? null}
          onConfirm={(reason) => {
            const ask = reprintAsk;
            setReprintAsk(null);
            void print(reason, ask.range);
          }}
          onCancel={() => {
            setReprintAsk(null);
            // Back to the range box: the packer may only have meant the unprinted rows.
            setTimeout(() => {
              rangeRef.current?.focus();
              rangeRef.current?.select();
            }, 0);
          }}
        />
      )}
      {feesOpen && (
        <FeeFlagsDialog
          flags={feeFlags}
          onClose={() => {
            setFeesOpen(false);
            setTimeout(() => scanRef.current?.focus(), 0);
          }}
        />
      )}
    </div>
  );
}
