//! Data shapes that cross the boundary to the CLI and the desktop UI (serialised as JSON).
//! They carry no personal data unmasked: recipients are shown masked, as on the label.

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
