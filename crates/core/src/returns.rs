//! 반품 입고: a returned parcel is scanned (its waybill, its parcel code P0000123 or an order id),
//! the return window and who pays the return shipping are worked out, and each line goes back on
//! the shelf (ledger `return`) or is written off (ledger `writeoff`, recorded, stock unchanged).
//!
//! The window counts from when the parcel *shipped*: Packdesk does not learn the delivery date,
//! so the real window (from delivery) is a day or two longer — the screen says so.

use chrono::{DateTime, Duration, Months, Utc};
use packdesk_store::{Connection, Transaction, parcels, returns};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};
use crate::order_entry::OrderEntryError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// 단순변심: 7 days, the customer pays the return shipping.
    ChangeOfMind,
    /// 불량: 3 months, the seller pays.
    Defect,
    /// 오배송: 3 months, the seller pays.
    WrongItem,
}

impl ReturnReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnReason::ChangeOfMind => "change_of_mind",
            ReturnReason::Defect => "defect",
            ReturnReason::WrongItem => "wrong_item",
        }
    }

    /// Also accepts the CLI's spelling (change-of-mind).
    pub fn parse(s: &str) -> Option<ReturnReason> {
        match s.trim().replace('-', "_").as_str() {
            "change_of_mind" | "단순변심" => Some(ReturnReason::ChangeOfMind),
            "defect" | "불량" => Some(ReturnReason::Defect),
            "wrong_item" | "오배송" => Some(ReturnReason::WrongItem),
            _ => None,
        }
    }

    pub fn payer(self) -> Payer {
        match self {
            ReturnReason::ChangeOfMind => Payer::Customer,
            ReturnReason::Defect | ReturnReason::WrongItem => Payer::Seller,
        }
    }

    /// When the window closes for a parcel shipped at `shipped_at`, and its length in days.
    pub fn window_end(self, shipped_at: DateTime<Utc>) -> (DateTime<Utc>, i64) {
        let end = match self {
            ReturnReason::ChangeOfMind => shipped_at + Duration::days(7),
            ReturnReason::Defect | ReturnReason::WrongItem => shipped_at
                .checked_add_months(Months::new(3))
                .unwrap_or(shipped_at + Duration::days(92)),
        };
        (end, (end - shipped_at).num_days())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    Customer,
    Seller,
}

impl Payer {
    fn as_str(self) -> &'static str {
        match self {
            Payer::Customer => "customer",
            Payer::Seller => "seller",
        }
    }

    fn parse(s: &str) -> Payer {
        if s == "customer" {
            Payer::Customer
        } else {
            Payer::Seller
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Back on the shelf: on hand += qty, ledger `return`.
    Restock,
    /// Cannot be sold again: ledger `writeoff`, stock unchanged.
    WriteOff,
}

impl Disposition {
    fn as_str(self) -> &'static str {
        match self {
            Disposition::Restock => "restock",
            Disposition::WriteOff => "writeoff",
        }
    }

    fn parse(s: &str) -> Disposition {
        if s == "restock" {
            Disposition::Restock
        } else {
            Disposition::WriteOff
        }
    }
}

/// What to do with the parcel: one disposition for every line, with exceptions per line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    pub code: String,
    pub reason: ReturnReason,
    pub disposition: Disposition,
    /// (order_item line id from [`ReturnCandidate`], disposition) for lines handled differently.
    #[serde(default)]
    pub per_line: Vec<(i64, Disposition)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub item_id: i64,
    pub order_id: String,
    pub product_name: String,
    pub option_text: String,
    pub sku: Option<String>,
    pub quantity: i64,
    /// Set once received; a line without a SKU can only be written off.
    pub disposition: Option<Disposition>,
}

/// A shipped parcel found by its code, before it is received (what the scan shows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnCandidate {
    pub parcel_id: i64,
    pub tracking_no: Option<String>,
    pub order_ids: Vec<String>,
    /// KST.
    pub shipped_at: String,
    pub days_since_shipped: i64,
    pub lines: Vec<ReturnLine>,
}

/// A received return: the result card and the list row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRecord {
    pub id: i64,
    pub parcel_id: i64,
    pub tracking_no: Option<String>,
    pub scanned_code: String,
    pub reason: ReturnReason,
    /// KST; the window counts from here (shipping, not delivery).
    pub shipped_at: String,
    pub window_days: i64,
    pub window_ends_at: String,
    pub within_window: bool,
    pub payer: Payer,
    pub received_at: String,
    pub lines: Vec<ReturnLine>,
    pub restocked_units: i64,
    pub written_off_units: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ReturnError {
    #[error("no parcel, waybill or order {code}")]
    UnknownParcel { code: String },
    #[error("parcel {parcel_id} ({code}) was never shipped: nothing to take back")]
    NotShipped { code: String, parcel_id: i64 },
    #[error("the return of parcel {parcel_id} ({code}) was already received")]
    AlreadyReceived { code: String, parcel_id: i64 },
    #[error("line {item_id} is not in parcel {parcel_id}")]
    UnknownLine { item_id: i64, parcel_id: i64 },
}

impl ReturnError {
    pub fn code(&self) -> &'static str {
        match self {
            ReturnError::UnknownParcel { .. } => "RETURN_UNKNOWN_PARCEL",
            ReturnError::NotShipped { .. } => "RETURN_NOT_SHIPPED",
            ReturnError::AlreadyReceived { .. } => "RETURN_ALREADY_RECEIVED",
            ReturnError::UnknownLine { .. } => "RETURN_UNKNOWN_LINE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            ReturnError::UnknownParcel { code } => {
                format!("{code}에 해당하는 택배(송장번호, 택배코드, 주문번호)가 없습니다")
            }
            ReturnError::NotShipped { code, .. } => {
                format!("{code} 택배는 배송처리되지 않았습니다. 반품 입고할 수 없습니다")
            }
            ReturnError::AlreadyReceived { code, .. } => {
                format!("{code} 택배는 이미 반품 입고되었습니다")
            }
            ReturnError::UnknownLine { item_id, .. } => {
                format!("{item_id}번 상품 줄은 이 택배에 없습니다")
            }
        }
    }
}

impl From<ReturnError> for DeskError {
    fn from(e: ReturnError) -> Self {
        DeskError::from(OrderEntryError::Return(e))
    }
}

/// The parcel a returned box names: its waybill, its parcel code, or an order id in it.
fn find_parcel(conn: &Connection, code: &str) -> Result<parcels::ParcelCore> {
    let cleaned = crate::invoice::clean(code);
    if let Some(p) = parcels::by_tracking(conn, &cleaned)? {
        return Ok(p);
    }
    if let Some(id) = crate::print::documents::parse_parcel_code(code.trim())
        && let Some(p) = parcels::get(conn, id)?
    {
        return Ok(p);
    }
    let by_order: Option<i64> = conn
        .query_row(
            "SELECT po.parcel_id FROM orders o JOIN parcel_orders po ON po.order_id = o.id
             WHERE o.order_id = ?1 ORDER BY o.id DESC LIMIT 1",
            [code.trim()],
            |r| r.get(0),
        )
        .ok();
    if let Some(id) = by_order
        && let Some(p) = parcels::get(conn, id)?
    {
        return Ok(p);
    }
    Err(ReturnError::UnknownParcel {
        code: code.trim().to_string(),
    }
    .into())
}

fn shipped(p: &parcels::ParcelCore, code: &str) -> Result<DateTime<Utc>> {
    match (Stage::parse(&p.stage), p.shipped_at) {
        (Some(Stage::Shipped), Some(at)) => Ok(at),
        _ => Err(ReturnError::NotShipped {
            code: code.trim().to_string(),
            parcel_id: p.id,
        }
        .into()),
    }
}

fn lines_of(conn: &Connection, parcel_id: i64) -> Result<Vec<ReturnLine>> {
    let mut out = Vec::new();
    for l in parcels::lines(conn, parcel_id)? {
        let sku = match l.variant_id {
            Some(v) => packdesk_store::catalogue::variant_by_id(conn, v)?.map(|r| r.sku),
            None => None,
        };
        out.push(ReturnLine {
            item_id: l.item_id,
            order_id: l.order_id,
            product_name: l.product_name,
            option_text: l.option_text,
            sku,
            quantity: l.quantity,
            disposition: None,
        });
    }
    Ok(out)
}

fn receive_in(tx: &Transaction, req: &ReturnRequest, now: DateTime<Utc>) -> Result<ReturnRecord> {
    let parcel = find_parcel(tx, &req.code)?;
    let shipped_at = shipped(&parcel, &req.code)?;
    if returns::by_parcel(tx, parcel.id)?.is_some() {
        return Err(ReturnError::AlreadyReceived {
            code: req.code.trim().to_string(),
            parcel_id: parcel.id,
        }
        .into());
    }
    let lines = parcels::lines(tx, parcel.id)?;
    for (item_id, _) in &req.per_line {
        if !lines.iter().any(|l| l.item_id == *item_id) {
            return Err(ReturnError::UnknownLine {
                item_id: *item_id,
                parcel_id: parcel.id,
            }
            .into());
        }
    }
    let (window_end, window_days) = req.reason.window_end(shipped_at);
    let payer = req.reason.payer();
    let record = returns::ReturnIn {
        parcel_id: parcel.id,
        scanned_code: req.code.trim().to_string(),
        reason: req.reason.as_str().to_string(),
        shipped_at,
        window_days,
        window_ends_at: window_end,
        within_window: now <= window_end,
        payer: payer.as_str().to_string(),
        received_at: now,
    };
    let mut stored = Vec::with_capacity(lines.len());
    for l in &lines {
        let wanted = req
            .per_line
            .iter()
            .find(|(id, _)| *id == l.item_id)
            .map(|(_, d)| *d)
            .unwrap_or(req.disposition);
        // A line never matched to a SKU has no stock to go back to: it is recorded as written off.
        let disposition = if l.variant_id.is_some() {
            wanted
        } else {
            Disposition::WriteOff
        };
        stored.push(returns::ReturnLineIn {
            item_id: l.item_id,
            order_id: l.order_id.clone(),
            product_name: l.product_name.clone(),
            option_text: l.option_text.clone(),
            variant_id: l.variant_id,
            quantity: l.quantity,
            disposition: disposition.as_str().to_string(),
        });
    }
    let id = returns::insert(tx, &record, &stored)?;
    let reference = format!(
        "return:{id}:{}",
        parcel.tracking_no.clone().unwrap_or_default()
    );
    for l in &stored {
        let Some(v) = l.variant_id else { continue };
        // A bundle comes back as its components.
        for (stock_variant, qty) in crate::matching::stock_needs(tx, v, l.quantity)? {
            if l.disposition == Disposition::Restock.as_str() {
                returns::restock(tx, stock_variant, qty, &reference, now)?;
            } else {
                returns::write_off(tx, stock_variant, qty, &reference, now)?;
            }
        }
    }
    // Restocked units may let waiting parcels go.
    for waiting in parcels::awaiting_allocation(tx, now + Duration::seconds(1))? {
        crate::allocate::plan(tx, waiting, now)?;
    }
    let row = returns::get(tx, id)?
        .ok_or_else(|| DeskError::Internal(format!("return {id} vanished")))?;
    to_record(row, tx)
}

fn to_record(r: returns::ReturnRow, conn: &Connection) -> Result<ReturnRecord> {
    let mut lines = Vec::with_capacity(r.lines.len());
    let (mut restocked, mut written_off) = (0, 0);
    for l in r.lines {
        let d = Disposition::parse(&l.disposition);
        match d {
            Disposition::Restock => restocked += l.quantity,
            Disposition::WriteOff => written_off += l.quantity,
        }
        let sku = match l.variant_id {
            Some(v) => packdesk_store::catalogue::variant_by_id(conn, v)?.map(|x| x.sku),
            None => None,
        };
        lines.push(ReturnLine {
            item_id: l.item_id,
            order_id: l.order_id,
            product_name: l.product_name,
            option_text: l.option_text,
            sku,
            quantity: l.quantity,
            disposition: Some(d),
        });
    }
    let rec = r.record;
    Ok(ReturnRecord {
        id: r.id,
        parcel_id: rec.parcel_id,
        tracking_no: r.tracking_no,
        scanned_code: rec.scanned_code,
        reason: ReturnReason::parse(&rec.reason).unwrap_or(ReturnReason::Defect),
        shipped_at: crate::clock::kst_display(rec.shipped_at),
        window_days: rec.window_days,
        window_ends_at: crate::clock::kst_display(rec.window_ends_at),
        within_window: rec.within_window,
        payer: Payer::parse(&rec.payer),
        received_at: crate::clock::kst_display(rec.received_at),
        lines,
        restocked_units: restocked,
        written_off_units: written_off,
    })
}

impl Desk {
    /// The shipped parcel a returned box names, with its lines (nothing is changed).
    pub fn return_candidate(&self, code: &str) -> Result<ReturnCandidate> {
        let now = self.inner.clock.now();
        self.inner.store.read_as(|c| {
            let parcel = find_parcel(c, code)?;
            let shipped_at = shipped(&parcel, code)?;
            if returns::by_parcel(c, parcel.id)?.is_some() {
                return Err(ReturnError::AlreadyReceived {
                    code: code.trim().to_string(),
                    parcel_id: parcel.id,
                }
                .into());
            }
            let lines = lines_of(c, parcel.id)?;
            let mut order_ids: Vec<String> = Vec::new();
            for l in &lines {
                if !order_ids.contains(&l.order_id) {
                    order_ids.push(l.order_id.clone());
                }
            }
            Ok(ReturnCandidate {
                parcel_id: parcel.id,
                tracking_no: parcel.tracking_no,
                order_ids,
                shipped_at: crate::clock::kst_display(shipped_at),
                days_since_shipped: (now - shipped_at).num_days(),
                lines,
            })
        })
    }

    /// Takes a returned parcel in: window, payer, and every line restocked or written off, in
    /// one transaction. A parcel is received once (RETURN_ALREADY_RECEIVED).
    pub fn receive_return(&self, req: &ReturnRequest) -> Result<ReturnRecord> {
        let now = self.inner.clock.now();
        let record = self.inner.store.write(|tx| receive_in(tx, req, now))?;
        tracing::info!(
            return_id = record.id,
            parcel = record.parcel_id,
            reason = record.reason.as_str(),
            within_window = record.within_window,
            "return received"
        );
        Ok(record)
    }

    /// Received returns, newest first.
    pub fn returns(&self) -> Result<Vec<ReturnRecord>> {
        self.inner.store.read_as(|c| {
            returns::list(c, 1000)?
                .into_iter()
                .map(|r| to_record(r, c))
                .collect()
        })
    }
}
