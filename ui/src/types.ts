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

export type PrintFormat = "zpl" | "pdf";

export interface PrintReport {
  job_id: number;
  printed: number[];
  reprinted: number;
  assigned: number;
  printer: string;
  format: PrintFormat;
  pool_remaining: number;
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
