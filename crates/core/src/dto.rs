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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintFormat {
    Zpl,
    Pdf,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PrintRequest {
    /// `1-3, 5, 7`; empty = every printable row.
    pub range: String,
    /// `tcp://HOST:PORT` or `file:///PATH.pdf`; None = the station's default printer.
    pub printer: Option<String>,
    /// None = PDF for file:// printers, ZPL otherwise.
    pub format: Option<PrintFormat>,
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
}

/// Rule changes for a shop; None leaves a rule as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ShopRules {
    pub collect: Option<bool>,
    pub collect_status: Option<String>,
    pub min_age_minutes: Option<i64>,
    pub range_days: Option<i64>,
    pub fulfilment: Option<String>,
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
