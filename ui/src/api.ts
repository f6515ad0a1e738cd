// The one door to the desk: typed wrappers over the Tauri commands of src-tauri/src/commands.rs.
// In a plain browser (`npm run dev`) there is no `window.__TAURI__`, so a mock backend with the
// same behaviour stands in; it is loaded lazily and never ships into the Tauri code path.
import type {
  CollectReport,
  ConnectRequest,
  DeskStatus,
  DeviceList,
  DocumentSettings,
  ErrorPayload,
  FeeFlagRow,
  ParcelRow,
  PrinterInfo,
  PrintFormat,
  PrintJob,
  PrintReport,
  PrintSettings,
  Preview,
  ScaleDeviceState,
  ScannerDeviceState,
  ScanTestEvent,
  ScheduleEntry,
  ShipOutcome,
  ShopCollectResult,
  ShopInfo,
  ShopSummary,
  SkuFacts,
  SkuFactsUpdate,
  SyncReport,
  TemplateInfo,
  TestPrintResult,
  VirtualPrinterInfo,
  WeighOutcome,
  WeighRequest,
  WeightReading,
  WeightSaved,
} from "./types";

export type Unlisten = () => void;

/** The optional parts of a print: None = the default printer, the carrier's waybill, no reason. */
export interface PrintOptions {
  printer?: string | null;
  /** Template id; null = the carrier's waybill. */
  document?: string | null;
  /** Required by the shell when the range reprints a label (the audit log keeps it). */
  reason?: string | null;
}

export interface Backend {
  invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  listen<T>(event: string, handler: (payload: T) => void): Promise<Unlisten>;
  /** Streams scale readings (null = no scale) until the page goes away. */
  watchWeight(handler: (reading: WeightReading | null) => void): Promise<void>;
  /** Streams raw serial scans, decoded, for the scanner test screen. */
  watchScanner(handler: (scan: ScanTestEvent) => void): Promise<void>;
}

interface TauriChannel<T> {
  onmessage: (message: T) => void;
}

interface TauriGlobal {
  core: {
    invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
    Channel: new <T>() => TauriChannel<T>;
  };
  event: {
    listen<T>(event: string, handler: (e: { payload: T }) => void): Promise<Unlisten>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

function tauriBackend(t: TauriGlobal): Backend {
  return {
    invoke: (cmd, args) => t.core.invoke(cmd, args),
    listen: (event, handler) => t.event.listen(event, (e) => handler(e.payload as never)),
    async watchWeight(handler) {
      const channel = new t.core.Channel<WeightReading | null>();
      channel.onmessage = handler;
      await t.core.invoke("watch_weight", { onWeight: channel });
    },
    async watchScanner(handler) {
      const channel = new t.core.Channel<ScanTestEvent>();
      channel.onmessage = handler;
      await t.core.invoke("watch_scanner", { onEvent: channel });
    },
  };
}

let backend: Promise<Backend> | null = null;

function getBackend(): Promise<Backend> {
  if (!backend) {
    const t = window.__TAURI__;
    backend = t ? Promise.resolve(tauriBackend(t)) : import("./mock").then((m) => m.mockBackend());
  }
  return backend;
}

/** Every rejection becomes an ErrorPayload, so the UI shows all failures one way. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e && typeof e === "object" && "code" in e && "message_ko" in e && "message_en" in e) {
    return e as ErrorPayload;
  }
  const text = e instanceof Error ? e.message : String(e);
  return { code: "INTERNAL", message_ko: `내부 오류: ${text}`, message_en: `internal error: ${text}` };
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const b = await getBackend();
  try {
    return await b.invoke<T>(cmd, args);
  } catch (e) {
    throw toErrorPayload(e);
  }
}

/** `print_jobs` as the shell sends it (core `PrintJobSummary`). */
interface ShellPrintJob extends Omit<PrintJob, "paused_reason_ko" | "paused_reason_en" | "range_text"> {
  range: string;
  paused: ErrorPayload | null;
  error: string | null;
}

function fromShellJob(j: ShellPrintJob): PrintJob {
  return {
    ...j,
    range_text: j.range,
    paused_reason_ko: j.paused?.message_ko ?? j.error ?? null,
    paused_reason_en: j.paused?.message_en ?? j.error ?? null,
  };
}

/** `printers` as the shell sends it (core `PrinterEntry`): a raw network printer is kind "tcp". */
type ShellPrinter = PrinterInfo;

function fromShellPrinter(p: ShellPrinter): PrinterInfo {
  return { ...p, kind: p.kind === "tcp" ? "network" : p.kind };
}

export const api = {
  status: () => call<DeskStatus>("status"),
  parcels: () => call<ParcelRow[]>("parcels"),
  collect: (from?: string, to?: string, shopId?: number) =>
    call<CollectReport>("collect", { from: from ?? null, to: to ?? null, shopId: shopId ?? null }),
  shops: () => call<ShopSummary[]>("shops"),
  lastCollections: () => call<ShopCollectResult[]>("last_collections"),
  schedule: () => call<ScheduleEntry[]>("schedule"),
  setSchedule: (target: string, timetable: string) => call<ScheduleEntry>("set_schedule", { target, timetable }),
  print: (range: string, format: PrintFormat, opts: PrintOptions = {}) =>
    call<PrintReport>("print", {
      range,
      format,
      printer: opts.printer ?? null,
      document: opts.document ?? null,
      reason: opts.reason ?? null,
    }),
  shipScan: (code: string) => call<ShipOutcome>("ship_scan", { code }),
  sync: () => call<SyncReport>("sync"),
  connectCafe24: (req: ConnectRequest) => call<ShopInfo>("connect_cafe24", { req }),
  weight: () => call<WeightReading | null>("weight"),
  virtualPrinter: () => call<VirtualPrinterInfo | null>("virtual_printer"),
  async listen<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
    return (await getBackend()).listen(event, handler);
  },
  async watchWeight(handler: (reading: WeightReading | null) => void): Promise<void> {
    return (await getBackend()).watchWeight(handler);
  },
  // Weighing and international fees.
  weighParcel: (req: WeighRequest) => call<WeighOutcome>("weigh_parcel", { req }),
  undercharged: () => call<FeeFlagRow[]>("undercharged"),
  saveProductWeight: (sku: string, grams: number) => call<WeightSaved>("save_product_weight", { sku, grams }),
  // Printing (src-tauri/src/print_commands.rs). The shell's shapes are adapted here, in one place.
  printers: () => call<ShellPrinter[]>("printers").then((ps) => ps.map(fromShellPrinter)),
  testPrint: (printer: string) => call<TestPrintResult>("test_print", { printer }),
  printJobs: () => call<ShellPrintJob[]>("print_jobs").then((js) => js.map(fromShellJob)),
  /** Continues a paused job from its first unprinted label. */
  resumePrint: (jobId: number) => call<PrintReport>("resume_print", { jobId }),
  preview: (document: string, parcelNo: number | null) => call<Preview>("preview", { document, parcelNo }),
  templates: () => call<TemplateInfo[]>("templates"),
  /** The default printer (and its saved format) and the reprint policy. */
  printSettings: () => call<PrintSettings>("print_settings"),
  setPrintSettings: (settings: PrintSettings) => call<PrintSettings>("set_print_settings", { settings }),
  /** Saves a printer by URI (tcp://, serial://, usb://, spooler://, file://); answers the list. */
  savePrinter: (uri: string, name: string, format: PrintFormat | null) =>
    call<ShellPrinter[]>("save_printer", { uri, name, format }).then((ps) => ps.map(fromShellPrinter)),
  /** What paperwork prints beyond the sender: 사업자등록번호, the warranty card's QR, period, contact. */
  documentSettings: () => call<DocumentSettings>("document_settings"),
  setDocumentSettings: (settings: DocumentSettings) => call<DocumentSettings>("set_document_settings", { settings }),
  /** A SKU's shelf location (pick lists) and customs facts (CN22); UNKNOWN_SKU if not in the catalogue. */
  skuFacts: (sku: string) => call<SkuFacts>("sku_facts", { sku }),
  setSkuFacts: (sku: string, update: SkuFactsUpdate) => call<SkuFacts>("set_sku_facts", { sku, update }),
  // Devices.
  devices: () => call<DeviceList>("devices"),
  setScale: (port: string, protocol: string, baud: number | null) =>
    call<ScaleDeviceState>("set_scale", { port, protocol, baud }),
  clearScale: () => call<void>("clear_scale"),
  setScanner: (port: string, baud: number | null) => call<ScannerDeviceState>("set_scanner", { port, baud }),
  clearScanner: () => call<void>("clear_scanner"),
  decodeScan: (raw: string) => call<ScanTestEvent>("decode_scan", { raw }),
  /** Ends the test stream: the serial scanner ships parcels again. */
  unwatchScanner: () => call<void>("unwatch_scanner"),
  /** Serial test scans while the test panel is on; the scanner ships nothing meanwhile. */
  async watchScanner(handler: (scan: ScanTestEvent) => void): Promise<void> {
    return (await getBackend()).watchScanner(handler);
  },
};

/** Events the shell emits (src-tauri/src/events.rs). */
export const EVENTS = {
  outboxSynced: "outbox-synced",
  syncFailed: "sync-failed",
  consentUrl: "consent-url",
  collectProgress: "collect-progress",
  /** Payload SerialScanEvent: a serial scanner's scan, handled by the station like a wedge scan. */
  serialScan: "serial-scan",
  /** No payload: a port appeared or disappeared, or a device's link changed (hot-plug). */
  devicesChanged: "devices-changed",
} as const;
