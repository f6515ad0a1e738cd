// Mirrors of the JSON shapes in crates/core/src/dto.rs and error.rs (serde field names).

export type Stage =
  | "unmatched"
  | "backorder"
  | "ready"
  | "invoiced"
  | "printed"
  | "shipped"
  | "claimed"
  | "outsourced";

export interface ParcelRow {
  no: number;
  parcel_id: number;
  order_ids: string[];
  stage: Stage;
  stage_ko: string;
  recipient: string;
  phone: string;
  items: string;
  item_count: number;
  tracking_no: string | null;
  carrier: string;
  carrier_name: string;
  print_count: number;
  blocked_reason: string | null;
  pushed: boolean;
  shipped_at: string | null;
}

export interface CollectReport {
  new: number;
  updated: number;
  skipped: number;
  claimed: number;
  parcels_created: number;
  api_calls: number;
  throttled: number;
  failed: number;
  receivers_changed: number;
  shops: ShopCollectResult[];
}

/** An order that did not link, with the reason in both languages. */
export interface LinkFailure {
  order_id: string;
  code: string;
  reason_en: string;
  reason_ko: string;
}

/** The last collection of one shop (crates/core/src/dto.rs ShopCollectResult). */
export interface ShopCollectResult {
  shop_id: number;
  mall_id: string;
  shop_no: number;
  shop_name: string;
  status: "ok" | "failed" | "paused" | "running" | "never" | string;
  trigger: string;
  new: number;
  updated: number;
  claimed: number;
  failed: number;
  skipped: number;
  started_kst: string;
  finished_kst: string | null;
  error: ErrorPayload | null;
  failures: LinkFailure[];
}

export interface ShopSummary {
  shop_id: number;
  label: string;
  mall_id: string;
  shop_no: number;
  shop_name: string;
  currency: string;
  demo: boolean;
  collect: boolean;
  collect_status: string;
  min_age_minutes: number;
  range_days: number;
  fulfilment: string;
  timetable: string;
  timetable_ko: string;
  next_collect_kst: string | null;
  last_collect_kst: string | null;
  last_status: string | null;
  paused: ErrorPayload | null;
}

export interface ScheduleEntry {
  target: string;
  label: string;
  timetable: string;
  description_ko: string;
  next_kst: string[];
  paused: string | null;
  last_status: string | null;
  last_kst: string | null;
  last_error: ErrorPayload | null;
}

/** A collection in progress (`collect-progress` event). */
export interface CollectProgress {
  running: boolean;
  shop_name: string;
  pages: number;
  orders: number;
}

/** Printer language (crates/labels OutputFormat::id()). */
export type PrintFormat = "zpl" | "tspl" | "escpos" | "pdf";

export interface PrintReport {
  job_id: number;
  printed: number[];
  reprinted: number;
  assigned: number;
  printer: string;
  format: PrintFormat;
  pool_remaining: number;
  /** issue 5 (optional until the shell sends it): the template printed. */
  document?: string | null;
  /** issue 5: "paused" when the printer went away mid-batch and the shell answered Ok anyway. */
  status?: PrintJobStatus;
  paused_reason_ko?: string | null;
  paused_reason_en?: string | null;
}

export interface ShipOutcome {
  no: number;
  parcel_id: number;
  tracking_no: string;
  order_ids: string[];
  recipient: string;
  queued: number;
  /** The scan arrived as Hangul jamo (keyboard in 한글 mode) and was mapped back to Latin. */
  ime_converted?: boolean;
  /** The parcel was weighed inside the ship (the scale had a stable weight); null otherwise. */
  weighed?: WeighOutcome | null;
}

export interface SyncReport {
  sent: { order_id: string; tracking_no: string }[];
  waiting: number;
  failed: { order_id: string; reason: string }[];
}

export interface ShopInfo {
  mall_id: string;
  shop_no: number;
  api_base: string;
  scopes: string[];
  token_expires_kst: string;
}

export type Mode = "demo" | "live" | "unconfigured";

export interface DeskStatus {
  mode: Mode;
  shop: ShopInfo | null;
  printer: string | null;
  scale_port: string | null;
  outbox_pending: number;
  pool_remaining: number;
  last_collect_kst: string | null;
  db_path: string;
}

export interface ConnectRequest {
  mall_id: string;
  client_id: string;
  client_secret: string;
  api_base: string | null;
  code: string | null;
  redirect_uri: string | null;
  /** Shop numbers to collect; null = every shop of the mall. */
  shops: number[] | null;
}

export interface WeightReading {
  grams: number;
  stable: boolean;
  state: "stable" | "motion" | "overload" | "under_zero" | "disconnected" | string;
}

export interface VirtualPrinterInfo {
  uri: string;
  labels_received: number;
  last_tracking_no: string | null;
}

/** What every failed command rejects with (DeskError::payload()). */
export interface ErrorPayload {
  code: string;
  message_ko: string;
  message_en: string;
}

// ── issue 6: weighing and international fees (crates/core weigh module) ──────────────────────

export interface WeighRequest {
  /** "no:12" | tracking number | waybill scan */
  parcel: string;
  /** none = the scale's stable weight */
  grams?: number;
  /** "30x20x10cm" */
  dims?: string;
  /** ems | kpacket | express */
  service?: string;
}

/** Integer minor units plus the string to show ("₩3,000", "$12.50"). */
export interface Money {
  currency: string;
  minor: number;
  display: string;
}

export interface FeeLineDto {
  kind: string;
  label_ko: string;
  label_en: string;
  krw: number;
}

export type DataStatus = "historical" | "synthetic" | "official";

export interface FeeQuoteDto {
  service: string;
  service_name_ko: string;
  service_name_en: string;
  data_status: DataStatus;
  actual_g: number;
  volumetric_g: number | null;
  chargeable_g: number;
  lines: FeeLineDto[];
  total_krw: number;
  total_shop: Money;
}

export interface SaveWeightOffer {
  sku: string;
  name: string;
  current_grams: number | null;
  grams: number;
}

export interface WeighOutcome {
  parcel_id: number;
  no: number;
  grams: number;
  country: string;
  domestic: boolean;
  /** null for domestic parcels (flat contract fees) */
  quote: FeeQuoteDto | null;
  /** what the customer paid for shipping (summed over merged orders) */
  paid: Money;
  /** paid converted at the shop's fixed rate (null if the shop has no rate) */
  paid_krw: number | null;
  /** quote − paid beyond tolerance */
  undercharged_krw: number | null;
  /** over a service limit (FEE_OVER_LIMIT…): the reason */
  refused: ErrorPayload | null;
  /** No rate for the destination (FEE_NO_ZONE …): the parcel ships, this says why there is no fee. */
  unpriced?: ErrorPayload | null;
  /** single-item parcel whose SKU weight is missing or differs >10% */
  save_weight: SaveWeightOffer | null;
}

export interface FeeFlagRow {
  parcel_id: number;
  no: number | null;
  tracking_no: string | null;
  country: string;
  grams: number;
  flag: "undercharged" | "over_limit";
  /** KRW */
  fee: Money;
  paid: Money;
  message_ko: string;
  message_en: string;
}

/** save_product_weight's answer (crates/core/src/dto.rs WeightSaved). */
export interface WeightSaved {
  sku: string;
  name: string;
  grams: number;
  previous_grams: number | null;
  queued_for_shop: boolean;
}

// ── issue 6: devices (crates/core station_devices, src-tauri device_commands.rs) ─────────────

export type DeviceInUse = "scale" | "scanner" | null;

export interface SerialPortDto {
  path: string;
  kind: "usb" | "pci" | "bluetooth" | "virtual" | "unknown";
  vid: number | null;
  pid: number | null;
  manufacturer: string | null;
  product: string | null;
  in_use: DeviceInUse;
}

export interface UsbDeviceDto {
  /** "usb:VVVV:PPPP:serial-or-path" */
  id: string;
  vid: number;
  pid: number;
  manufacturer: string | null;
  product: string | null;
  class: "hid_scale" | "printer" | "other";
}

export type LinkState = "connected" | "disconnected" | "not_configured";

export interface ScaleDeviceState {
  /** serial path or usb id */
  port: string | null;
  /** protocol id, e.g. "cas22" */
  protocol: string | null;
  /** the protocol came from auto-detection */
  detected: boolean;
  baud: number | null;
  link: LinkState;
  message_ko: string | null;
  message_en: string | null;
  frames: number;
  garbled: number;
  /** escaped printable */
  last_frame: string | null;
}

export interface ScannerDeviceState {
  port: string | null;
  baud: number | null;
  link: LinkState;
  message_ko: string | null;
  message_en: string | null;
  scans: number;
}

export interface ProtocolInfo {
  id: string;
  name: string;
}

export interface DeviceList {
  serial: SerialPortDto[];
  usb: UsbDeviceDto[];
  scale: ScaleDeviceState;
  scanner: ScannerDeviceState;
  protocols: ProtocolInfo[];
}

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
}

export interface ScanTestEvent {
  source: "serial" | "keyboard";
  raw_hex: string;
  raw_text: string;
  aim: string | null;
  symbology_ko: string | null;
  symbology_en: string | null;
  code: string;
  ime_converted: boolean;
  gs1: Gs1Element[] | null;
  understood: { kind: "tracking" | "parcel" | "gtin" | "sku" | "unknown"; text_ko: string; text_en: string };
}

/** Payload of the `serial-scan` event: a serial scanner's scan handled by the station. */
export type SerialScanEvent =
  | { outcome: ShipOutcome; error: null; test: ScanTestEvent }
  | { outcome: null; error: ErrorPayload; test: ScanTestEvent };

// ── issue 5: printing (src-tauri print commands; see /work/notes/issue5-api.md) ─────────────
// The UI-side shapes; api.ts adapts the shell's (core dto) where they differ. Everything the UI
// reads from the printing commands is declared here and in `api.ts` (the call shapes), so the
// two can be lined up with the shell in one place.

/** How the desk reaches a printer (PrinterUri: spooler://, usb://, serial://, tcp:// = network). */
export type PrinterKind = "spooler" | "usb" | "serial" | "network" | "file";

/** `printers`: one printer the station can send to (devices::printer::list_printers + the default). */
export interface PrinterInfo {
  uri: string;
  name: string;
  kind: PrinterKind | string;
  /** "CUPS queue, idle", "USB 0a5f:0164", "9600 bps"… */
  detail: string;
  /** Optional: the station's default printer (the UI also compares with PrintSettings.default_printer). */
  is_default?: boolean;
  /** Its saved format (null = PDF for file://, ZPL otherwise). */
  format?: PrintFormat | null;
  /** "default" | "saved" | "found" (discovered on this PC). */
  source?: string;
}

export type PrintJobStatus = "running" | "done" | "paused" | "failed";

/** `print_jobs`: one persisted print job, newest first. */
export interface PrintJob {
  job_id: number;
  printer: string;
  format: PrintFormat;
  /** Template id (TemplateId), e.g. "waybill-cj", "packing-slip". */
  document: string;
  status: PrintJobStatus;
  /** Labels that reached the printer. */
  printed: number;
  total: number;
  paused_reason_ko: string | null;
  paused_reason_en: string | null;
  /** "2025-01-15 10:30:12" */
  created_kst: string;
  /** Optional: the typed range and how many of the labels were reprints. */
  range_text?: string | null;
  reprints?: number;
}

/** Which family a template belongs to (drives grouping in the preview select); the shell sends
 * labels::template::TemplateKind ids ("packing-slip", "pick-list", "warranty-card"). */
export type TemplateKind = "waybill" | "label" | "customs" | "packing-slip" | "pick-list" | "warranty-card";

/** `templates`: a document the desk can render and preview. */
export interface TemplateInfo {
  /** "waybill-cj" | "waybill-hanjin" | "waybill-lotte" | "label-generic-100x150" | "label-ems-cn22" | "packing-slip" | "pick-list" | "warranty-card" */
  id: string;
  name_ko: string;
  name_en: string;
  kind: TemplateKind | string;
  /** Optional: where the layout comes from (a historical carrier spec, a synthetic example). */
  data_status?: DataStatus | null;
}

/** Where a preview's data came from: a real row of the list (masked as printed) or samples. */
export type PreviewDataStatus = "parcel" | "synthetic";

/** `preview {document, parcelNo}`. */
export interface Preview {
  png_base64: string;
  /** "parcel" with a row number, "synthetic" (the library's sample data) without one. */
  data_status?: PreviewDataStatus | string | null;
}

/** settings print.reprint_policy: a reprinted waybill keeps its number, or takes a new one. */
export type ReprintPolicy = "same" | "new";

/** `print_settings` / `set_print_settings` (PROPOSED: not in the issue-5 command list yet). */
export interface PrintSettings {
  default_printer: string | null;
  default_format: PrintFormat;
  reprint_policy: ReprintPolicy;
}

/** `test_print {printer}`: what the shell reports after a test page reached the printer. */
export interface TestPrintResult {
  printer: string;
  format?: PrintFormat;
  bytes?: number;
}

/** Which of a product's names the warranty card prints. */
export type WarrantyNameSource = "name" | "english" | "supplier" | "model";

/** `document_settings` / `set_document_settings {settings}` (core dto DocumentSettings). */
export interface DocumentSettings {
  /** 사업자등록번호, printed on packing slips. */
  business_no: string;
  /** The warranty card's QR points here (https://…); empty = no QR. */
  warranty_url: string;
  /** "구입일로부터 1년" … */
  warranty_period: string;
  /** 고객센터: phone or address printed on the card. */
  support_contact: string;
  warranty_name_source: WarrantyNameSource | string;
}

/** `sku_facts {sku}`: a SKU's shelf location and its product's customs facts (core dto SkuFacts). */
export interface SkuFacts {
  sku: string;
  name: string;
  option_text: string;
  location: string | null;
  name_en: string | null;
  hs_code: string | null;
  /** Two-letter country code; "KR" when never set. */
  origin: string;
}

/** `set_sku_facts {sku, update}`: null leaves a field as it is; an empty location clears it. */
export interface SkuFactsUpdate {
  location: string | null;
  name_en: string | null;
  hs_code: string | null;
  origin: string | null;
}
