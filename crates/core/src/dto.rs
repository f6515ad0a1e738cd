//! Data shapes that cross the boundary to the CLI and the desktop UI (serialised as JSON).
//! They carry no personal data unmasked: recipients are shown masked, as on the label.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a parcel stands in the pipeline. Serialised in snake_case; the UI shows `label_ko()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// An order line has no SKU in the catalogue (매칭필요).
    Unmatched,
    /// Matched, but stock does not cover every line (재고부족).
    Backorder,
    /// Allocated; waiting for an invoice number and a label (송장대기).
    Ready,
    /// Invoice number assigned, label not printed yet (미출력).
    Invoiced,
    /// Label printed (출력완료).
    Printed,
    /// Scanned out at the desk (배송처리).
    Shipped,
    /// A cancel/return/exchange request arrived: blocked everywhere (클레임).
    Claimed,
    /// Handed to FASSTO as an outbound request; FASSTO packs it and sends back the invoice (출고요청).
    Outsourced,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Unmatched => "unmatched",
            Stage::Backorder => "backorder",
            Stage::Ready => "ready",
            Stage::Invoiced => "invoiced",
            Stage::Printed => "printed",
            Stage::Shipped => "shipped",
            Stage::Claimed => "claimed",
            Stage::Outsourced => "outsourced",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Some(match s {
            "unmatched" => Stage::Unmatched,
            "backorder" => Stage::Backorder,
            "ready" => Stage::Ready,
            "invoiced" => Stage::Invoiced,
            "printed" => Stage::Printed,
            "shipped" => Stage::Shipped,
            "claimed" => Stage::Claimed,
            "outsourced" => Stage::Outsourced,
            _ => return None,
        })
    }

    /// No waybill yet: the parcel may still take or lose orders (merge, re-merge, re-plan) —
    /// the stages the store calls `MERGEABLE_STAGES`.
    pub fn before_waybill(self) -> bool {
        matches!(self, Stage::Unmatched | Stage::Backorder | Stage::Ready)
    }

    pub fn label_ko(self) -> &'static str {
        match self {
            Stage::Unmatched => "매칭필요",
            Stage::Backorder => "재고부족",
            Stage::Ready => "송장대기",
            Stage::Invoiced => "미출력",
            Stage::Printed => "출력완료",
            Stage::Shipped => "배송처리",
            Stage::Claimed => "취소요청",
            Stage::Outsourced => "파스토 출고요청",
        }
    }
}

/// One row of the working list (송장범위관리): numbered 1..N in a stable order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ParcelRow {
    /// 연번: position in today's working list, what a print range refers to.
    pub no: u32,
    pub parcel_id: i64,
    /// Every original Cafe24 order in this (possibly merged) parcel; each gets its own tracking push.
    pub order_ids: Vec<String>,
    pub stage: Stage,
    pub stage_ko: String,
    /// Masked as on the label: 홍*동.
    pub recipient: String,
    /// Masked: 010-1234-****.
    pub phone: String,
    /// e.g. "오버핏 코튼 티셔츠 (색상=화이트, 사이즈=L) ×2 외 1건".
    pub items: String,
    pub item_count: u32,
    pub tracking_no: Option<String>,
    /// Internal carrier key ("cj").
    pub carrier: String,
    pub carrier_name: String,
    pub print_count: u32,
    /// Why the parcel is blocked (claim reason, missing SKU), if it is.
    pub blocked_reason: Option<String>,
    /// All shipments of this parcel confirmed by the shop.
    pub pushed: bool,
    pub shipped_at: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CollectReport {
    /// Orders seen for the first time.
    pub new: u32,
    /// Orders already held whose data or status changed.
    pub updated: u32,
    /// Orders skipped: paid less than the minimum age ago, or unchanged.
    pub skipped: u32,
    /// Orders that turned into claims (cancel/return/exchange requested).
    pub claimed: u32,
    pub parcels_created: u32,
    /// API calls made and 429s drawn, for the status line.
    pub api_calls: u64,
    pub throttled: u64,
    /// Orders that did not link (no SKU for a line, no receiver): kept and re-tried every run
    /// inside the shop's daily range, listed per shop in `shops[].failures`.
    pub failed: u32,
    /// Address or phone changes that re-merged a parcel, or were flagged on a printed one.
    pub receivers_changed: u32,
    /// One entry per shop the run looked at.
    pub shops: Vec<ShopCollectResult>,
}

/// Why a collection started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CollectTrigger {
    /// The collection schedule fired.
    Schedule,
    /// A person pressed 수집 / ran `packdesk collect`.
    #[default]
    Manual,
}

impl CollectTrigger {
    pub fn as_str(self) -> &'static str {
        match self {
            CollectTrigger::Schedule => "schedule",
            CollectTrigger::Manual => "manual",
        }
    }
}

/// What to collect: every chosen shop or one, the rolling window or a manual date range (KST days).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CollectRequest {
    /// Packdesk's shop id (`packdesk shop list`); None = every shop chosen for collection.
    pub shop_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub trigger: CollectTrigger,
}

/// The result of one shop in one run: what the desk shows as "last result".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ShopCollectResult {
    pub shop_id: i64,
    pub mall_id: String,
    pub shop_no: u32,
    pub shop_name: String,
    /// ok | failed | paused | running
    pub status: String,
    pub trigger: String,
    pub new: u32,
    pub updated: u32,
    pub claimed: u32,
    pub failed: u32,
    pub skipped: u32,
    pub started_kst: String,
    pub finished_kst: Option<String>,
    pub error: Option<crate::error::ErrorPayload>,
    pub failures: Vec<LinkFailure>,
}

/// An order that could not be linked, with the reason in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkFailure {
    pub order_id: String,
    pub code: String,
    pub reason_en: String,
    pub reason_ko: String,
}

/// A collection in progress, streamed to the app so a long run shows how far it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CollectProgress {
    pub running: bool,
    pub shop_name: String,
    pub pages: u32,
    pub orders: u64,
}

/// The printer language a job is rendered in. Serialised "zpl" | "tspl" | "escpos" | "pdf".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintFormat {
    /// Zebra ZPL II (and Bixolon/Honeywell ZPL emulation).
    Zpl,
    /// TSC TSPL/TSPL2.
    Tspl,
    /// ESC/POS receipt printers.
    EscPos,
    /// PDF for office printers, the OS spooler and files.
    Pdf,
}

impl PrintFormat {
    pub fn id(self) -> &'static str {
        match self {
            PrintFormat::Zpl => "zpl",
            PrintFormat::Tspl => "tspl",
            PrintFormat::EscPos => "escpos",
            PrintFormat::Pdf => "pdf",
        }
    }

    pub fn parse(s: &str) -> Option<PrintFormat> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "zpl" => PrintFormat::Zpl,
            "tspl" => PrintFormat::Tspl,
            "escpos" | "esc/pos" | "esc-pos" => PrintFormat::EscPos,
            "pdf" => PrintFormat::Pdf,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PrintRequest {
    /// `1-3, 5, 7`; empty = every printable row.
    pub range: String,
    /// A printer URI (`tcp://HOST:PORT`, `file:///PATH.pdf`, …); None = the station's default.
    pub printer: Option<String>,
    /// None = the printer's saved format, else PDF for file:// printers and ZPL otherwise.
    #[serde(default)]
    pub format: Option<PrintFormat>,
    /// Template id (`waybill-cj`, `packing-slip`, …); None = the carrier's waybill.
    #[serde(default)]
    pub document: Option<String>,
    /// Why rows already printed are printed again; required when the range names one
    /// (`PRINT_REASON_REQUIRED` otherwise).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PrintReport {
    pub job_id: i64,
    /// 연번 of every label sent, in the typed order.
    pub printed: Vec<u32>,
    /// Of those, how many were reprints.
    pub reprinted: u32,
    /// How many rows got a new invoice number from the pool.
    pub assigned: u32,
    pub printer: String,
    pub format: PrintFormat,
    /// Invoice numbers left in the carrier's pool after this job.
    pub pool_remaining: u64,
    /// The template printed (`waybill-cj`, …).
    #[serde(default)]
    pub document: String,
    /// Reprints that got a new invoice number (policy "new"): the old one is void.
    #[serde(default)]
    pub renumbered: Vec<Renumbered>,
    /// Labels of a resumed job not sent, and why (printed by another job meanwhile, or claimed).
    #[serde(default)]
    pub skipped: Vec<SkippedLabel>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShipOutcome {
    pub no: u32,
    pub parcel_id: i64,
    pub tracking_no: String,
    pub order_ids: Vec<String>,
    pub recipient: String,
    /// Shipments queued in the outbox for the shop.
    pub queued: u32,
    /// The scan arrived as Hangul (keyboard in 한글 mode) and was mapped back to Latin keys.
    #[serde(default)]
    pub ime_converted: bool,
    /// The scale's weighing taken with this scan (or the parcel's last one), with the fee of an
    /// international parcel; None when it was neither weighed now nor before.
    #[serde(default)]
    pub weighed: Option<WeighOutcome>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SentShipment {
    pub order_id: String,
    pub tracking_no: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SyncReport {
    pub sent: Vec<SentShipment>,
    /// Still owed to the shop (offline, retry later).
    pub waiting: u64,
    /// Refused by the shop, with the reason; kept for a person to look at.
    pub failed: Vec<FailedPush>,
    /// Product weights written back to the shop.
    #[serde(default)]
    pub weights_sent: u32,
}

/// A SKU with no weight yet, and how many of it the desk's orders hold.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnweighedSku {
    pub sku: String,
    pub name: String,
    pub option_text: String,
    pub ordered: i64,
}

/// A weight saved to a SKU (and queued for the shop's product when it came from one).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WeightSaved {
    pub sku: String,
    pub name: String,
    pub grams: u32,
    pub previous_grams: Option<u32>,
    pub queued_for_shop: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FailedPush {
    pub order_id: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PoolReport {
    pub carrier: String,
    pub added: u32,
    pub first: String,
    pub last: String,
    pub remaining: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShopInfo {
    pub mall_id: String,
    pub shop_no: u32,
    pub api_base: String,
    pub scopes: Vec<String>,
    /// Access-token expiry shown in Asia/Seoul.
    pub token_expires_kst: String,
    /// The mall's shops (`/shops`) as recorded at connect.
    #[serde(default)]
    pub shops: Vec<ConnectedShop>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConnectedShop {
    pub shop_id: i64,
    pub shop_no: u32,
    pub shop_name: String,
    pub currency: String,
    /// Chosen for collection.
    pub collect: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Built-in simulated shop, printer and scale on loopback.
    Demo,
    /// A real Cafe24 shop is connected.
    Live,
    /// Nothing connected yet (CLI only; the app falls back to demo).
    Unconfigured,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeskStatus {
    pub mode: Mode,
    pub shop: Option<ShopInfo>,
    pub printer: Option<String>,
    pub scale_port: Option<String>,
    pub outbox_pending: u64,
    pub pool_remaining: u64,
    pub last_collect_kst: Option<String>,
    pub db_path: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConnectRequest {
    pub mall_id: String,
    pub client_id: String,
    pub client_secret: String,
    /// Overrides `https://{mall_id}.cafe24api.com` (simulators, proxies).
    pub api_base: Option<String>,
    /// A code pasted by the user; None = open the consent page and catch the redirect on loopback.
    pub code: Option<String>,
    /// Redirect URI registered for the app; None = http://127.0.0.1:{free port}/callback.
    pub redirect_uri: Option<String>,
    /// The mall's shop numbers to collect; None = every shop the mall lists.
    #[serde(default)]
    pub shops: Option<Vec<u32>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WeightReading {
    pub grams: i64,
    pub stable: bool,
    /// "stable" | "motion" | "overload" | "under_zero" | "disconnected"
    pub state: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DemoInfo {
    pub api_base: String,
    pub printer: String,
    pub scale_port: Option<String>,
    pub orders_waiting: usize,
}

/// What the virtual printer has received (demo mode): lets the packer see the label arrive.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VirtualPrinterInfo {
    pub uri: String,
    pub labels_received: usize,
    pub last_tracking_no: Option<String>,
}

/// One target of the collection schedule, as `packdesk schedule show` and the app list it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScheduleEntry {
    /// `shop:<id>` or `fassto`.
    pub target: String,
    pub label: String,
    /// The timetable as text (`every 10m`, `fassto`, `times 09:00,13:30`, `off`).
    pub timetable: String,
    pub description_ko: String,
    /// The next fire times, Asia/Seoul.
    pub next_kst: Vec<String>,
    /// Why this shop's collection waits for a person (reconnect …), if it does.
    pub paused: Option<String>,
    /// The last run: ok | failed | paused | running, and when it finished (KST).
    pub last_status: Option<String>,
    pub last_kst: Option<String>,
    /// The last run's error, if it failed.
    pub last_error: Option<crate::error::ErrorPayload>,
}

/// A day the schedule skips beyond weekends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayOffInfo {
    pub day: NaiveDate,
    /// `public` (from the holiday file), `holiday` (the shop's own) or `carrier_rest`.
    pub kind: String,
    pub name: String,
}

/// One target the schedule ran.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TickOutcome {
    pub target: String,
    pub fired_kst: String,
    pub error: Option<crate::error::ErrorPayload>,
}

/// A connected shop with its rules and collection state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShopSummary {
    pub shop_id: i64,
    pub label: String,
    pub mall_id: String,
    pub shop_no: u32,
    pub shop_name: String,
    pub currency: String,
    pub demo: bool,
    /// Chosen for collection.
    pub collect: bool,
    /// N10 (상품준비중) or N20 (배송준비중).
    pub collect_status: String,
    pub min_age_minutes: i64,
    /// 일일수집범위.
    pub range_days: i64,
    /// self | fassto
    pub fulfilment: String,
    pub timetable: String,
    /// The timetable in Korean ("10분마다 (08:00–21:00)").
    pub timetable_ko: String,
    pub next_collect_kst: Option<String>,
    pub last_collect_kst: Option<String>,
    /// ok | failed | paused | running of the last run.
    pub last_status: Option<String>,
    /// Collection waits for the owner (reconnect, missing scope).
    pub paused: Option<crate::error::ErrorPayload>,
    /// Fixed exchange rate: KRW per 1 unit of `currency` ("1380"); None for KRW shops or unset.
    #[serde(default)]
    pub krw_per_unit: Option<String>,
    /// International service its parcels are priced with: ems | kpacket | express.
    #[serde(default)]
    pub intl_service: String,
}

/// Rule changes for a shop; None leaves a rule as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ShopRules {
    pub collect: Option<bool>,
    pub collect_status: Option<String>,
    pub min_age_minutes: Option<i64>,
    pub range_days: Option<i64>,
    pub fulfilment: Option<String>,
    /// Fixed exchange rate, KRW per unit of the shop currency ("1385.5"); "" or "none" clears it.
    #[serde(default)]
    pub krw_per_unit: Option<String>,
    /// ems | kpacket | express
    #[serde(default)]
    pub intl_service: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FasstoConnectRequest {
    /// 고객사 코드.
    pub cst_cd: String,
    pub api_cd: String,
    pub api_key: String,
    /// Overrides FASSTO's production API (simulator, staging).
    pub api_base: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FasstoInfo {
    pub cst_cd: String,
    pub api_base: String,
}

/// One FASSTO run: goods refreshed, parcels requested, invoices read back, claims cancelled.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FasstoRunReport {
    pub goods: u32,
    pub requested: u32,
    pub invoices: u32,
    pub cancelled: u32,
    pub failed: Vec<LinkFailure>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FasstoGoods {
    pub cst_god_cd: String,
    pub god_cd: String,
    pub name: String,
    pub barcode: String,
    /// The linked SKU, if any.
    pub sku: Option<String>,
    pub stock: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FasstoOutbound {
    pub parcel_id: i64,
    pub ord_no: String,
    pub slip_no: Option<String>,
    pub status: String,
    pub invoice_no: Option<String>,
    pub parcel_cd: Option<String>,
    pub error: Option<String>,
}

// ---- Station devices (issue 6: scale and serial scanner of this station) ----

/// One serial port the OS lists (or the station is configured with).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerialPortDto {
    pub path: String,
    /// "usb" | "pci" | "bluetooth" | "virtual" | "unknown"
    pub kind: String,
    pub vid: Option<u16>,
    pub pid: Option<u16>,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    /// "scale" | "scanner" when the station uses this port.
    pub in_use: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsbDeviceDto {
    /// `usb:VVVV:PPPP:serial-or-path`
    pub id: String,
    pub vid: u16,
    pub pid: u16,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    /// "hid_scale" | "printer" | "other"
    pub class: String,
}

/// Whether a configured device is talking to us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceLink {
    Connected,
    Disconnected,
    NotConfigured,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleDeviceState {
    /// Serial path or USB id.
    pub port: Option<String>,
    /// Protocol id, e.g. "cas22".
    pub protocol: Option<String>,
    /// The protocol came from auto-detection.
    pub detected: bool,
    pub baud: Option<u32>,
    pub link: DeviceLink,
    pub message_ko: Option<String>,
    pub message_en: Option<String>,
    pub frames: u64,
    pub garbled: u64,
    /// The last frame, escaped to printable ASCII.
    pub last_frame: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScannerDeviceState {
    pub port: Option<String>,
    pub baud: Option<u32>,
    pub link: DeviceLink,
    pub message_ko: Option<String>,
    pub message_en: Option<String>,
    /// Scans received since the scanner was opened.
    pub scans: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleProtocolDto {
    pub id: String,
    pub name: String,
}

/// The device page: what is plugged in, what the station uses, and how it is doing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    pub serial: Vec<SerialPortDto>,
    pub usb: Vec<UsbDeviceDto>,
    pub scale: ScaleDeviceState,
    pub scanner: ScannerDeviceState,
    pub protocols: Vec<ScaleProtocolDto>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanSource {
    Serial,
    Keyboard,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gs1ElementDto {
    pub ai: String,
    pub title: String,
    pub value: String,
}

/// What Packdesk took a scanned code for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanKind {
    /// The tracking number of a parcel on this desk.
    Tracking,
    /// A parcel reference (`no:12`) or a logistics unit (GS1 SSCC).
    Parcel,
    /// A GTIN that is not in the catalogue.
    Gtin,
    /// A SKU, 품목코드 or barcode of the catalogue.
    Sku,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanUnderstood {
    pub kind: ScanKind,
    pub text_ko: String,
    pub text_en: String,
}

/// One scan as the scanner test screen shows it: the bytes, the symbology, the data, and what
/// the station understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanTestEvent {
    pub source: ScanSource,
    /// The bytes received, as hex pairs separated by spaces.
    pub raw_hex: String,
    /// The bytes received as text, control characters shown as `<GS>`, `<CR>`, `<0x07>`.
    pub raw_text: String,
    /// The AIM identifier, e.g. `]C1`.
    pub aim: Option<String>,
    pub symbology_ko: Option<String>,
    pub symbology_en: Option<String>,
    /// The barcode data (AIM identifier removed, Hangul mapped back; GS shown as `<GS>`).
    pub code: String,
    pub ime_converted: bool,
    pub gs1: Option<Vec<Gs1ElementDto>>,
    pub understood: ScanUnderstood,
}

/// A serial scan the station handled like a wedge scan: the shipment or the refusal, plus
/// what the scan was (payload of the `serial-scan` event).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SerialScanEvent {
    pub outcome: Option<ShipOutcome>,
    pub error: Option<crate::error::ErrorPayload>,
    pub test: ScanTestEvent,
}

// ---- Weighing and international fees (issue 6) ----

/// Weigh one parcel: `parcel` is `no:12` (연번), a tracking number or a waybill scan.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct WeighRequest {
    pub parcel: String,
    /// None = the scale's stable weight.
    #[serde(default)]
    pub grams: Option<u32>,
    /// Box size, `30x20x10cm`.
    #[serde(default)]
    pub dims: Option<String>,
    /// ems | kpacket | express; None = the shop's service.
    #[serde(default)]
    pub service: Option<String>,
}

/// An amount in integer minor units (won, cents, yen) and how people read it ("₩3,000", "$12.50").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub currency: String,
    pub minor: i64,
    pub display: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLineDto {
    /// freight | fuel_surcharge | remote_area | export_declaration
    pub kind: String,
    pub label_ko: String,
    pub label_en: String,
    pub krw: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeQuoteDto {
    pub service: String,
    pub service_name_ko: String,
    pub service_name_en: String,
    /// historical | synthetic | contract — shown beside every fee so nobody takes a sample
    /// table for today's tariff.
    pub data_status: String,
    pub actual_g: u32,
    pub volumetric_g: Option<u32>,
    pub chargeable_g: u32,
    pub lines: Vec<FeeLineDto>,
    pub total_krw: u64,
    /// The total in the shop's currency at its fixed rate (KRW when the shop has no rate).
    pub total_shop: Money,
}

/// A single-item parcel whose SKU has no weight, or one more than 10 % off: offer to save it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveWeightOffer {
    pub sku: String,
    pub name: String,
    pub current_grams: Option<u32>,
    pub grams: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WeighOutcome {
    pub parcel_id: i64,
    /// 연번 in the working list (0 once archived).
    pub no: u32,
    pub grams: u32,
    /// ISO alpha-2 destination.
    pub country: String,
    pub domestic: bool,
    /// None for domestic parcels (flat contract fees) and refused ones.
    pub quote: Option<FeeQuoteDto>,
    /// What the customer paid for shipping (orders.shipping_fee over the merged orders).
    pub paid: Money,
    /// `paid` at the shop's fixed rate; None when the shop has no rate.
    pub paid_krw: Option<u64>,
    /// quote − paid, when beyond the tolerance.
    pub undercharged_krw: Option<u64>,
    /// Over a service limit (FEE_OVER_WEIGHT …): the reason.
    pub refused: Option<crate::error::ErrorPayload>,
    /// The fee could not be checked (no rate for the destination, FEE_NO_ZONE …): the parcel
    /// ships, the weight is kept, and this says why no quote is shown.
    #[serde(default)]
    pub unpriced: Option<crate::error::ErrorPayload>,
    pub save_weight: Option<SaveWeightOffer>,
}

/// A parcel flagged for the owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeeFlagRow {
    pub parcel_id: i64,
    /// None once the parcel left the working list.
    pub no: Option<u32>,
    pub tracking_no: Option<String>,
    pub country: String,
    pub grams: u32,
    /// undercharged | over_limit
    pub flag: String,
    /// The fee, KRW (0 when refused).
    pub fee: Money,
    pub paid: Money,
    pub message_ko: String,
    pub message_en: String,
}

/// Station-wide fee settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSettings {
    /// "10%" or a KRW amount ("1000").
    pub tolerance: String,
    pub export_declaration_krw: u64,
}

/// Fee settings to change; None leaves one as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FeeSettingsUpdate {
    #[serde(default)]
    pub tolerance: Option<String>,
    #[serde(default)]
    pub export_declaration_krw: Option<u64>,
}

/// A reprint under the "new" policy: the parcel now carries `new`; `old` is void.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renumbered {
    pub no: u32,
    pub parcel_id: i64,
    pub old: String,
    pub new: String,
}

/// A label a resumed job did not send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedLabel {
    pub no: u32,
    pub parcel_id: i64,
    /// "superseded" (another job printed it while this one was paused) | "blocked" (claimed,
    /// shipped or handed to FASSTO meanwhile).
    pub why: String,
    pub why_ko: String,
}

/// What a reprint does with the invoice number (setting `print.reprint_policy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReprintPolicy {
    /// The label is printed again with the same number (default).
    #[default]
    Same,
    /// A new number from the pool; the old one is voided so the shop never gets it.
    New,
}

impl ReprintPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            ReprintPolicy::Same => "same",
            ReprintPolicy::New => "new",
        }
    }

    pub fn parse(s: &str) -> Option<ReprintPolicy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "same" => Some(ReprintPolicy::Same),
            "new" => Some(ReprintPolicy::New),
            _ => None,
        }
    }
}

/// Where a print job stands. Serialised in lowercase; the UI shows `status_ko`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintJobStatus {
    Running,
    /// The printer went away mid-batch; `resume_print` continues from the first label not printed.
    Paused,
    Done,
    Failed,
}

impl PrintJobStatus {
    pub fn parse(s: &str) -> PrintJobStatus {
        match s {
            "running" => PrintJobStatus::Running,
            "paused" => PrintJobStatus::Paused,
            "done" => PrintJobStatus::Done,
            _ => PrintJobStatus::Failed,
        }
    }

    pub fn label_ko(self) -> &'static str {
        match self {
            PrintJobStatus::Running => "출력중",
            PrintJobStatus::Paused => "일시정지",
            PrintJobStatus::Done => "완료",
            PrintJobStatus::Failed => "실패",
        }
    }
}

/// One print job as the queue screen and `packdesk print jobs` list it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PrintJobSummary {
    pub job_id: i64,
    pub status: PrintJobStatus,
    pub status_ko: String,
    pub printer: String,
    pub format: String,
    pub document: String,
    /// The range as typed (empty = all waiting rows).
    pub range: String,
    pub created_kst: String,
    pub finished_kst: Option<String>,
    /// Labels in the job.
    pub total: u32,
    /// Labels that reached the printer (출력).
    pub printed: u32,
    /// Labels still to send (미출력); a resume sends exactly these.
    pub pending: u32,
    /// Labels printed as reprints (재출력).
    pub reprints: u32,
    /// The reprint reason given with the job.
    pub reason: Option<String>,
    /// Why the job is paused (status "paused"), in both languages.
    pub paused: Option<crate::error::ErrorPayload>,
    /// Why it failed (status "failed").
    pub error: Option<String>,
}

/// A printer the desk can print to: the default, the saved ones and the ones found on this PC.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrinterEntry {
    pub uri: String,
    pub name: String,
    /// "tcp" | "file" | "serial" | "usb" | "spooler"
    pub kind: String,
    /// Its saved format, if any (None = PDF for files, ZPL otherwise).
    pub format: Option<PrintFormat>,
    pub is_default: bool,
    /// "default" | "saved" | "found"
    pub source: String,
    pub detail: String,
}

/// A test label went out.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TestPrintReport {
    pub printer: String,
    pub format: PrintFormat,
    pub bytes: usize,
}

/// One reprint in the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReprintAudit {
    pub id: i64,
    pub job_id: Option<i64>,
    pub parcel_id: i64,
    pub tracking_no_old: String,
    pub tracking_no_new: String,
    pub reason: String,
    pub policy: ReprintPolicy,
    pub at_kst: String,
}

/// The printing page's settings in one piece: the default printer, its format, the reprint policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSettings {
    pub default_printer: Option<String>,
    pub default_format: PrintFormat,
    pub reprint_policy: ReprintPolicy,
}

/// What the paperwork prints beyond the sender: 사업자등록번호 on packing slips, and the warranty
/// card's QR base URL, period, support line and which product name it prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSettings {
    pub business_no: String,
    pub warranty_url: String,
    pub warranty_period: String,
    pub support_contact: String,
    /// "name" | "english" | "supplier" | "model".
    pub warranty_name_source: String,
}

/// A SKU's shelf location and its product's customs facts, as pick lists and CN22 print them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuFacts {
    pub sku: String,
    pub name: String,
    pub option_text: String,
    pub location: Option<String>,
    pub name_en: Option<String>,
    pub hs_code: Option<String>,
    pub origin: String,
}

/// Changes to a SKU's facts; `None` leaves a field as it is, an empty location clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuFactsUpdate {
    pub location: Option<String>,
    pub name_en: Option<String>,
    pub hs_code: Option<String>,
    pub origin: Option<String>,
}

/// A document template the printing page can preview and print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name_ko: String,
    pub name_en: String,
    /// "waybill" | "label" | "customs" | "packing_slip" | "pick_list" | "warranty_card"
    pub kind: String,
}

/// A template drawn at 203 dpi.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub png_base64: String,
    /// "parcel" (a real row, masked as printed) | "synthetic" (the library's sample data)
    pub data_status: String,
}
