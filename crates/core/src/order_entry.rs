//! 주문등록: orders from channels other than Cafe24 (스마트스토어, 쿠팡, 전화주문 …), typed by hand
//! or uploaded as an Excel/CSV batch. Every order and every file row is validated before anything
//! is stored; valid orders then take exactly the path collected orders take (stored, merged into
//! a parcel by the merge key, planned by allocation). Lines without a SKU wait in 매칭.
//!
//! A file is all or nothing: one bad row stores nothing, so a person never has to work out which
//! half of a file went in. The preview lists every bad row with its reasons.

mod file;
mod template;
mod validate;

use std::path::Path;

use chrono::{DateTime, Utc};
use packdesk_store::orders::{self, ItemIn, OrderIn, ReceiverIn};
use packdesk_store::{Transaction, catalogue, order_batches, parcels, stock_moves};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::Result;
use crate::normalize::digits;

pub use file::{OrderFilePreview, OrderFileRow, OrderImport};

/// One order as a person types it (or a file's rows of one 주문번호 give it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEntry {
    /// 판매처: 스마트스토어, 쿠팡, 전화주문, 직접입력 …
    pub channel: String,
    /// None or empty: generated as `M` + KST date + sequence (M202611230001).
    #[serde(default)]
    pub order_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub zipcode: String,
    pub address1: String,
    #[serde(default)]
    pub address2: String,
    #[serde(default)]
    pub message: String,
    /// ISO 3166 alpha-2; empty = KR.
    #[serde(default)]
    pub country: String,
    pub lines: Vec<EntryLine>,
    #[serde(default)]
    pub shipping_fee: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLine {
    pub product_name: String,
    #[serde(default)]
    pub option_text: String,
    /// SKU, 품목코드 or barcode; None = matched later in 매칭.
    #[serde(default)]
    pub sku: Option<String>,
    pub quantity: i64,
    #[serde(default)]
    pub unit_price: i64,
}

/// Why an order or a file row cannot be stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryIssue {
    /// The spreadsheet's row number (files only).
    pub row: Option<u32>,
    pub order_id: Option<String>,
    /// The column as the template names it (수령인, 우편번호 …).
    pub column: String,
    /// Stable: NAME_MISSING, PHONE_MISSING, PHONE_BAD, ADDRESS_MISSING, POSTCODE_BAD, COUNTRY_BAD,
    /// CHANNEL_MISSING, NO_LINES, PRODUCT_MISSING, QTY_BAD, PRICE_BAD, SHIPPING_FEE_BAD,
    /// SKU_UNKNOWN, ORDER_ID_DUPLICATE, ROWS_DISAGREE.
    pub code: String,
    pub message_ko: String,
    pub message_en: String,
}

/// An order file the app read and sends as base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderUpload {
    pub file_name: String,
    pub data_base64: String,
    /// For rows without a 판매처 value.
    #[serde(default)]
    pub channel: Option<String>,
}

/// A registered order and where it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredOrder {
    pub order_id: String,
    pub channel: String,
    pub parcel_id: i64,
    /// True when it joined a parcel that already held another order (합포).
    pub merged: bool,
    pub stage: Stage,
    /// Lines without a SKU (they wait in 매칭).
    pub unmatched_lines: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderBatchInfo {
    pub id: i64,
    pub file_name: String,
    pub channel: String,
    pub orders: i64,
    pub lines: i64,
    /// KST, for the screen.
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDeleted {
    pub id: i64,
    pub orders_deleted: u32,
    pub parcels_deleted: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum OrderEntryError {
    #[error("the order cannot be registered: {}", first_en(.issues))]
    Invalid { issues: Vec<EntryIssue> },
    #[error("{file}: {errors} row problem(s), nothing was registered; first: {first_en}")]
    FileInvalid {
        file: String,
        errors: u32,
        first_en: String,
        first_ko: String,
    },
    #[error("{file} has no order rows")]
    FileEmpty { file: String },
    #[error("{file} lacks the column(s) {}: use the template (`packdesk orders template`)", .missing.join(", "))]
    MissingColumns { file: String, missing: Vec<String> },
    #[error("cannot write the template {path}: {why}")]
    TemplateWrite { path: String, why: String },
    #[error("no order batch {0} (see `packdesk orders batches`)")]
    UnknownBatch(i64),
    #[error("batch {id} cannot be deleted, its orders moved on: {}", .blockers.join("; "))]
    BatchLocked { id: i64, blockers: Vec<String> },
    #[error(transparent)]
    Return(#[from] crate::returns::ReturnError),
}

fn first_en(issues: &[EntryIssue]) -> String {
    issues
        .iter()
        .map(|i| i.message_en.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

impl OrderEntryError {
    pub fn code(&self) -> &'static str {
        match self {
            OrderEntryError::Invalid { .. } => "ORDER_INVALID",
            OrderEntryError::FileInvalid { .. } => "ORDER_FILE_INVALID",
            OrderEntryError::FileEmpty { .. } => "ORDER_FILE_EMPTY",
            OrderEntryError::MissingColumns { .. } => "ORDER_FILE_COLUMNS",
            OrderEntryError::TemplateWrite { .. } => "ORDER_TEMPLATE_WRITE",
            OrderEntryError::UnknownBatch(_) => "ORDER_BATCH_UNKNOWN",
            OrderEntryError::BatchLocked { .. } => "ORDER_BATCH_LOCKED",
            OrderEntryError::Return(e) => e.code(),
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            OrderEntryError::Invalid { issues } => format!(
                "주문을 등록할 수 없습니다: {}",
                issues
                    .iter()
                    .map(|i| i.message_ko.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            OrderEntryError::FileInvalid {
                file,
                errors,
                first_ko,
                ..
            } => format!(
                "{file}: 문제가 있는 행이 {errors}개 있어 아무것도 등록하지 않았습니다. 첫 번째: {first_ko}"
            ),
            OrderEntryError::FileEmpty { file } => format!("{file}에 주문 행이 없습니다"),
            OrderEntryError::MissingColumns { file, missing } => format!(
                "{file}에 {} 열이 없습니다. 양식(템플릿)을 내려받아 사용하세요",
                missing.join(", ")
            ),
            OrderEntryError::TemplateWrite { path, why } => {
                format!("양식 파일을 저장할 수 없습니다 ({path}): {why}")
            }
            OrderEntryError::UnknownBatch(id) => format!("등록 묶음 {id}번이 없습니다"),
            OrderEntryError::BatchLocked { id, blockers } => format!(
                "등록 묶음 {id}번은 삭제할 수 없습니다. 이미 진행된 주문이 있습니다: {}",
                blockers.join("; ")
            ),
            OrderEntryError::Return(e) => e.message_ko(),
        }
    }
}

/// The stage of an order's parcel, said for a person (why a batch cannot be deleted).
fn stage_ko(stage: &str) -> &'static str {
    match stage {
        "invoiced" => "송장번호 부여됨",
        "printed" => "송장 출력됨",
        "shipped" => "배송처리됨",
        "claimed" => "클레임",
        "outsourced" => "출고요청됨",
        _ => "진행됨",
    }
}

/// The first part of generated order ids of the day: `M` + KST date.
fn generated_prefix(now: DateTime<Utc>) -> String {
    format!("M{}", crate::clock::kst_date(now).format("%Y%m%d"))
}

/// Hands out generated order ids within one transaction.
pub(crate) struct IdSource {
    prefix: String,
    next: u32,
}

impl IdSource {
    pub(crate) fn new(tx: &Transaction, now: DateTime<Utc>) -> Result<IdSource> {
        let prefix = generated_prefix(now);
        let last = order_batches::last_generated_seq(tx, &prefix)?;
        Ok(IdSource {
            prefix,
            next: last + 1,
        })
    }

    fn take(&mut self) -> String {
        let id = format!("{}{:04}", self.prefix, self.next);
        self.next += 1;
        id
    }
}

/// Validates one order against the store: everything that is wrong, not just the first thing.
fn check(
    tx: &packdesk_store::Connection,
    e: &OrderEntry,
) -> Result<(Vec<EntryIssue>, Vec<Option<i64>>)> {
    let mut issues = validate::receiver_issues(e);
    let mut variants = Vec::with_capacity(e.lines.len());
    for line in &e.lines {
        variants.push(validate::line_issues(tx, line, &mut issues)?);
    }
    if let Some(id) = e
        .order_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        && let Some(dup) = validate::duplicate_issue(tx, &e.channel, id)?
    {
        issues.push(dup);
    }
    Ok((issues, variants))
}

/// Stores one validated order and puts it in a parcel. Returns (order pk, parcel, merged).
fn store_order(
    tx: &Transaction,
    e: &OrderEntry,
    variants: &[Option<i64>],
    ids: &mut IdSource,
    carrier: &str,
    now: DateTime<Utc>,
) -> Result<(String, i64, i64, bool)> {
    let channel = e.channel.trim();
    let shop_id = order_batches::channel_shop(tx, channel, now)?;
    let order_id = match e
        .order_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => id.to_string(),
        None => ids.take(),
    };
    let mut items = Vec::with_capacity(e.lines.len());
    for (n, (line, variant)) in e.lines.iter().zip(variants).enumerate() {
        let variant_code = match variant {
            Some(v) => catalogue::variant_by_id(tx, *v)?.map(|r| r.sku),
            None => None,
        };
        items.push(ItemIn {
            order_item_code: format!("{order_id}-{:02}", n + 1),
            variant_code,
            variant_id: *variant,
            product_name: line.product_name.trim().to_string(),
            option_text: line.option_text.trim().to_string(),
            quantity: line.quantity,
            // 배송준비중: a registered order is paid and waits to be shipped.
            status: "N20".into(),
            unit_price: line.unit_price,
        });
    }
    let goods: i64 = e.lines.iter().map(|l| l.quantity * l.unit_price).sum();
    let receiver = ReceiverIn {
        name: e.name.trim().to_string(),
        phone: digits(&e.phone),
        mobile: digits(&e.mobile),
        zipcode: e.zipcode.trim().to_string(),
        address1: e.address1.trim().to_string(),
        address2: e.address2.trim().to_string(),
        message: e.message.trim().to_string(),
        shipping_code: None,
        country_code: validate::country_of(e),
    };
    let input = OrderIn {
        shop_id,
        order_id: order_id.clone(),
        order_date: Some(now),
        payment_date: Some(now),
        currency: "KRW".into(),
        shipping_fee: e.shipping_fee,
        payment_amount: goods + e.shipping_fee,
        items,
        receiver,
    };
    let pk = match orders::upsert(tx, &input, now)? {
        orders::Upserted::New { id } => id,
        // Checked before: an order id taken in the meantime is a duplicate.
        _ => {
            return Err(OrderEntryError::Invalid {
                issues: vec![validate::issue(
                    validate::col::ORDER_ID,
                    "ORDER_ID_DUPLICATE",
                    format!("주문번호 {order_id}는 {channel}에 이미 등록되어 있습니다"),
                    format!("order {order_id} is already registered for {channel}"),
                )],
            }
            .into());
        }
    };
    let (parcel, created) =
        crate::collect::apply::place_new_order(tx, pk, &input.receiver, carrier, now)?;
    Ok((order_id, pk, parcel, !created))
}

impl Desk {
    /// 주문등록 by hand: validates everything, then stores the order like a collected one
    /// (merged into its receiver's parcel, planned). Refused with every issue listed.
    pub fn register_order(&self, entry: &OrderEntry) -> Result<RegisteredOrder> {
        let now = self.inner.clock.now();
        let carrier = self.default_carrier()?;
        let registered = self.inner.store.write(|tx| {
            let (issues, variants) = check(tx, entry)?;
            if !issues.is_empty() {
                return Err(OrderEntryError::Invalid { issues }.into());
            }
            let mut ids = IdSource::new(tx, now)?;
            let (order_id, _pk, parcel_id, merged) =
                store_order(tx, entry, &variants, &mut ids, &carrier, now)?;
            let stage = crate::allocate::plan(tx, parcel_id, now)?;
            Ok::<_, crate::error::DeskError>(RegisteredOrder {
                order_id,
                channel: entry.channel.trim().to_string(),
                parcel_id,
                merged,
                stage,
                unmatched_lines: variants.iter().filter(|v| v.is_none()).count() as u32,
            })
        })?;
        tracing::info!(order_id = %registered.order_id, channel = %registered.channel,
            merged = registered.merged, "order registered by hand");
        Ok(registered)
    }

    /// Channels orders were registered for so far.
    pub fn order_channels(&self) -> Result<Vec<String>> {
        Ok(self.inner.store.read(order_batches::channels)?)
    }

    /// Writes the Excel template for 주문엑셀등록 (header row + one example row marked 예시).
    pub fn order_template(&self, path: &Path) -> Result<()> {
        template::write(path)
    }

    /// Reads an order file (XLSX, XLS, CSV) and validates every row; nothing is stored.
    /// `channel` is used for rows without a 판매처 column value.
    pub fn preview_order_file(
        &self,
        path: &Path,
        channel: Option<&str>,
    ) -> Result<OrderFilePreview> {
        Ok(file::run(self, path, channel, false)?.preview)
    }

    /// Reads, validates and — with `apply` — stores every order of the file as one batch in one
    /// transaction. A file with any bad row stores nothing (ORDER_FILE_INVALID).
    pub fn import_order_file(
        &self,
        path: &Path,
        channel: Option<&str>,
        apply: bool,
    ) -> Result<OrderImport> {
        file::run(self, path, channel, apply)
    }

    /// [`Desk::import_order_file`] for a file the app read and sent as base64 (the webview
    /// cannot hand over a path); the preview names the file as the user chose it.
    pub fn import_order_upload(&self, upload: &OrderUpload, apply: bool) -> Result<OrderImport> {
        let bytes = crate::pipeline::files::decode(&upload.file_name, &upload.data_base64)?;
        let tmp = crate::pipeline::files::TempUpload::write(&upload.file_name, &bytes)?;
        file::run_named(
            self,
            tmp.path(),
            &upload.file_name,
            upload.channel.as_deref(),
            apply,
        )
    }

    /// Writes the template into `dir` (None: the Downloads folder) as 주문등록양식.xlsx, or
    /// 주문등록양식-2.xlsx … when that name is taken, and answers where it went.
    pub fn order_template_into(&self, dir: Option<&Path>) -> Result<String> {
        let dir = dir.map_or_else(crate::pipeline::default_export_dir, Path::to_path_buf);
        let mut path = dir.join("주문등록양식.xlsx");
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("주문등록양식-{n}.xlsx"));
            n += 1;
        }
        template::write(&path)?;
        Ok(path.display().to_string())
    }

    /// Every batch, newest first.
    pub fn order_batches(&self) -> Result<Vec<OrderBatchInfo>> {
        let rows = self.inner.store.read(order_batches::list)?;
        Ok(rows.into_iter().map(batch_info).collect())
    }

    /// Deletes a batch with its orders, their lines and the parcels left empty, giving back the
    /// stock they held — only while none of its orders got a waybill number, was printed,
    /// shipped or handed to FASSTO; otherwise refuses and lists what blocks it.
    pub fn delete_order_batch(&self, id: i64) -> Result<BatchDeleted> {
        let now = self.inner.clock.now();
        let reference = format!("order-batch:{id}");
        let deleted = self.inner.store.write(|tx| {
            order_batches::get(tx, id)?.ok_or(OrderEntryError::UnknownBatch(id))?;
            let members = order_batches::orders_of(tx, id)?;
            let blockers: Vec<String> = members
                .iter()
                .filter(|o| {
                    o.tracking_no.is_some()
                        || o.print_count > 0
                        || o.stage
                            .as_deref()
                            .and_then(Stage::parse)
                            .is_some_and(|s| !s.before_waybill())
                })
                .map(|o| {
                    let stage = o.stage.as_deref().unwrap_or_default();
                    format!("{} ({} / {stage})", o.order_id, stage_ko(stage))
                })
                .collect();
            if !blockers.is_empty() {
                return Err(OrderEntryError::BatchLocked { id, blockers }.into());
            }
            let mut touched: Vec<i64> = Vec::new();
            for o in &members {
                if let Some(parcel) = o.parcel_id {
                    release_order(tx, parcel, o.order_pk, &reference, now)?;
                    touched.push(parcel);
                }
                order_batches::delete_order(tx, o.order_pk)?;
            }
            touched.sort_unstable();
            touched.dedup();
            let mut parcels_deleted = 0;
            for parcel in touched {
                if order_batches::delete_empty_parcel(tx, parcel)? {
                    parcels_deleted += 1;
                } else {
                    // Merged with orders of another source: those go on, re-planned without ours.
                    crate::allocate::plan(tx, parcel, now)?;
                }
            }
            order_batches::delete_batch(tx, id)?;
            Ok::<_, crate::error::DeskError>(BatchDeleted {
                id,
                orders_deleted: members.len() as u32,
                parcels_deleted,
            })
        })?;
        tracing::info!(
            batch = id,
            orders = deleted.orders_deleted,
            "order batch deleted"
        );
        Ok(deleted)
    }
}

/// Gives back the stock the lines of one order in `parcel` hold (ledger `release`, so the
/// ledger still explains `allocated`).
fn release_order(
    tx: &Transaction,
    parcel: i64,
    order_pk: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for l in parcels::lines(tx, parcel)?
        .into_iter()
        .filter(|l| l.order_pk == order_pk && l.allocated > 0)
    {
        if let Some(v) = l.variant_id {
            for (stock_variant, n) in crate::matching::stock_needs(tx, v, l.allocated)? {
                stock_moves::reserve(tx, stock_variant, -n, reference, now)?;
            }
            parcels::set_item_allocated(tx, l.item_id, 0)?;
        }
    }
    Ok(())
}

fn batch_info(b: order_batches::BatchRow) -> OrderBatchInfo {
    OrderBatchInfo {
        id: b.id,
        file_name: b.file_name,
        channel: b.channel,
        orders: b.order_count,
        lines: b.line_count,
        created_at: crate::clock::kst_display(b.created_at),
    }
}
