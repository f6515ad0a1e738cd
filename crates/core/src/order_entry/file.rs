//! 주문엑셀등록: a spreadsheet of orders (the carrier-file reader does XLSX/XLS/ODS/CSV in UTF-8
//! or CP949), rows grouped into orders by 주문번호, every row validated with its reasons, then —
//! only when asked and only when no row is bad — every order stored as one batch in one
//! transaction.

use std::collections::HashMap;
use std::path::Path;

use packdesk_labels::{MaskRule, mask_name};
use packdesk_store::order_batches;
use serde::{Deserialize, Serialize};

use super::validate::col;
use super::{EntryIssue, EntryLine, IdSource, OrderBatchInfo, OrderEntry, OrderEntryError};
use crate::carrier_file::sheet::{self, Flow, Kind, Rows};
use crate::desk::Desk;
use crate::error::{DeskError, Result};

/// One row of the file as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFileRow {
    pub row: u32,
    /// As given; empty when it will be generated.
    pub order_id: String,
    pub channel: String,
    /// Masked (홍*동): the preview is a screen, not a copy of the customer list.
    pub receiver: String,
    pub product_name: String,
    pub option_text: String,
    pub quantity: String,
    pub sku: String,
    pub ok: bool,
    pub issues: Vec<EntryIssue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilePreview {
    pub file_name: String,
    /// xlsx | xls | ods | csv
    pub kind: String,
    pub channels: Vec<String>,
    pub orders: u32,
    pub lines: u32,
    pub bad_rows: u32,
    /// Every issue of every row, in row order.
    pub issues: Vec<EntryIssue>,
    pub rows: Vec<OrderFileRow>,
    /// No bad row: 등록 may be pressed.
    pub can_apply: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderImport {
    pub preview: OrderFilePreview,
    /// The stored batch (apply only).
    pub batch: Option<OrderBatchInfo>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Channel,
    OrderId,
    Name,
    Phone,
    Mobile,
    Zipcode,
    Address1,
    Address2,
    Message,
    Country,
    Product,
    Option,
    Sku,
    Qty,
    Price,
    ShippingFee,
}

/// The template's header names first, then names other channels' exports use.
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Channel, &["판매처", "채널", "쇼핑몰", "channel"]),
    (
        Field::OrderId,
        &["주문번호", "주문id", "orderid", "orderno"],
    ),
    (
        Field::Name,
        &[
            "수령인",
            "수취인",
            "수취인명",
            "수령인명",
            "받는분",
            "받는사람",
            "name",
            "receiver",
        ],
    ),
    (
        Field::Phone,
        &["전화번호", "연락처", "수령인연락처", "전화", "phone"],
    ),
    (
        Field::Mobile,
        &["휴대전화", "휴대폰", "핸드폰", "수령인휴대폰", "mobile"],
    ),
    (Field::Zipcode, &["우편번호", "zipcode", "postcode"]),
    (
        Field::Address1,
        &["주소", "기본주소", "주소1", "배송지", "address", "address1"],
    ),
    (Field::Address2, &["상세주소", "주소2", "address2"]),
    (
        Field::Message,
        &[
            "배송메시지",
            "배송메세지",
            "배송요청사항",
            "메모",
            "message",
        ],
    ),
    (Field::Country, &["국가", "국가코드", "country"]),
    (Field::Product, &["상품명", "품명", "product"]),
    (Field::Option, &["옵션", "옵션정보", "옵션명", "option"]),
    (Field::Sku, &["sku", "품목코드", "상품코드", "바코드"]),
    (Field::Qty, &["수량", "주문수량", "qty", "quantity"]),
    (
        Field::Price,
        &["단가", "판매가", "상품가격", "가격", "price"],
    ),
    (Field::ShippingFee, &["배송비", "shippingfee"]),
];

/// Required columns (a phone or a mobile column is also required).
const REQUIRED: &[(Field, &str)] = &[
    (Field::Name, col::NAME),
    (Field::Address1, col::ADDRESS1),
    (Field::Product, col::PRODUCT),
    (Field::Qty, col::QTY),
];

/// Rows whose 주문번호 starts so are the template's example and are skipped.
pub(crate) const EXAMPLE_MARK: &str = "예시";

fn header_key(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '(' | ')' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_of(cell: &str) -> Option<Field> {
    let key = header_key(cell);
    HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
        .map(|(f, _)| *f)
}

/// One data row, by field.
#[derive(Debug, Default)]
struct RawRow {
    row: u32,
    cells: HashMap<usize, String>,
}

#[derive(Default)]
struct Collector {
    kind: Option<Kind>,
    columns: Option<Vec<Option<Field>>>,
    rows: Vec<RawRow>,
}

impl Collector {
    fn get<'a>(&'a self, r: &'a RawRow, f: Field) -> &'a str {
        self.columns
            .as_ref()
            .and_then(|cols| cols.iter().position(|c| *c == Some(f)))
            .and_then(|i| r.cells.get(&i))
            .map(|s| s.trim())
            .unwrap_or_default()
    }

    fn has(&self, f: Field) -> bool {
        self.columns
            .as_ref()
            .is_some_and(|cols| cols.contains(&Some(f)))
    }
}

impl Rows for Collector {
    fn begin(&mut self, kind: Kind) {
        self.kind = Some(kind);
    }

    fn sheet(&mut self, _name: &str) {}

    fn row(&mut self, row_no: u32, cells: &[String]) -> Result<Flow, DeskError> {
        if self.columns.is_none() {
            let cols: Vec<Option<Field>> = cells.iter().map(|c| field_of(c)).collect();
            // The header is the first row naming the receiver and the product; a sheet whose
            // first row does not is an instructions sheet or another table.
            if cols.contains(&Some(Field::Name)) && cols.contains(&Some(Field::Product)) {
                self.columns = Some(cols);
                return Ok(Flow::Continue);
            }
            return Ok(Flow::NextSheet);
        }
        self.rows.push(RawRow {
            row: row_no,
            cells: cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| (i, c.clone()))
                .collect(),
        });
        Ok(Flow::Continue)
    }

    fn wants_next_sheet(&self) -> bool {
        self.columns.is_none()
    }
}

/// The rows of one order, with the row numbers of each line.
struct Group {
    entry: OrderEntry,
    /// The file row of each line.
    line_rows: Vec<u32>,
    /// Issues found while reading (bad numbers, rows that disagree), by row.
    read_issues: Vec<EntryIssue>,
}

fn number(text: &str) -> Option<i64> {
    let t: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '원'))
        .collect();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<i64>().ok().or_else(|| {
        t.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0)
            .map(|f| f as i64)
    })
}

fn with_row(mut i: EntryIssue, row: u32, order_id: &str) -> EntryIssue {
    i.row = Some(row);
    i.order_id = Some(order_id.to_string()).filter(|s| !s.is_empty());
    i
}

fn group_rows(c: &Collector, default_channel: Option<&str>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for r in &c.rows {
        let order_id = c.get(r, Field::OrderId).to_string();
        if order_id.starts_with(EXAMPLE_MARK) {
            continue;
        }
        let channel = Some(c.get(r, Field::Channel))
            .filter(|s| !s.is_empty())
            .or(default_channel)
            .unwrap_or_default()
            .trim()
            .to_string();
        let mut read_issues = Vec::new();
        let qty_text = c.get(r, Field::Qty);
        let quantity = match number(qty_text) {
            Some(q) => q,
            None => {
                read_issues.push(super::validate::issue(
                    col::QTY,
                    "QTY_BAD",
                    format!("수량 '{qty_text}'은(는) 숫자가 아닙니다"),
                    format!("quantity '{qty_text}' is not a number"),
                ));
                1
            }
        };
        let mut money = |f: Field, column: &str| match number(c.get(r, f)) {
            Some(v) => v,
            None => {
                let text = c.get(r, f);
                read_issues.push(super::validate::issue(
                    column,
                    if f == Field::Price {
                        "PRICE_BAD"
                    } else {
                        "SHIPPING_FEE_BAD"
                    },
                    format!("{column} '{text}'은(는) 숫자가 아닙니다"),
                    format!("{column} '{text}' is not a number"),
                ));
                0
            }
        };
        let unit_price = money(Field::Price, col::PRICE);
        let shipping_fee = money(Field::ShippingFee, col::SHIPPING_FEE);
        let line = EntryLine {
            product_name: c.get(r, Field::Product).to_string(),
            option_text: c.get(r, Field::Option).to_string(),
            sku: Some(c.get(r, Field::Sku).to_string()).filter(|s| !s.is_empty()),
            quantity,
            unit_price,
        };
        let entry = OrderEntry {
            channel: channel.clone(),
            order_id: Some(order_id.clone()).filter(|s| !s.is_empty()),
            name: c.get(r, Field::Name).to_string(),
            phone: c.get(r, Field::Phone).to_string(),
            mobile: c.get(r, Field::Mobile).to_string(),
            zipcode: c.get(r, Field::Zipcode).to_string(),
            address1: c.get(r, Field::Address1).to_string(),
            address2: c.get(r, Field::Address2).to_string(),
            message: c.get(r, Field::Message).to_string(),
            country: c.get(r, Field::Country).to_string(),
            lines: Vec::new(),
            shipping_fee,
        };
        let read_issues: Vec<EntryIssue> = read_issues
            .into_iter()
            .map(|i| with_row(i, r.row, &order_id))
            .collect();
        let existing = (!order_id.is_empty())
            .then(|| index.get(&(channel.clone(), order_id.clone())).copied())
            .flatten();
        match existing {
            Some(at) => {
                let g = &mut groups[at];
                // Later rows of an order may leave the receiver empty; if they fill it in, it
                // must be the same receiver.
                let differs = [
                    (&entry.name, &g.entry.name, col::NAME),
                    (&entry.address1, &g.entry.address1, col::ADDRESS1),
                    (&entry.address2, &g.entry.address2, col::ADDRESS2),
                    (&entry.zipcode, &g.entry.zipcode, col::ZIPCODE),
                ]
                .into_iter()
                .find(|(new, old, _)| !new.is_empty() && new != old);
                if let Some((_, _, column)) = differs {
                    g.read_issues.push(with_row(
                        super::validate::issue(
                            column,
                            "ROWS_DISAGREE",
                            format!("같은 주문번호 {order_id}의 앞 행과 {column}이(가) 다릅니다"),
                            format!("{column} differs from an earlier row of order {order_id}"),
                        ),
                        r.row,
                        &order_id,
                    ));
                }
                g.entry.shipping_fee = g.entry.shipping_fee.max(entry.shipping_fee);
                g.entry.lines.push(line);
                g.line_rows.push(r.row);
                g.read_issues.extend(read_issues);
            }
            None => {
                if !order_id.is_empty() {
                    index.insert((channel, order_id), groups.len());
                }
                let mut entry = entry;
                entry.lines.push(line);
                groups.push(Group {
                    entry,
                    line_rows: vec![r.row],
                    read_issues,
                });
            }
        }
    }
    groups
}

/// Validates a group against the store; issues carry the row they belong to.
fn group_issues(
    conn: &packdesk_store::Connection,
    g: &Group,
) -> Result<(Vec<EntryIssue>, Vec<Option<i64>>)> {
    let order_id = g.entry.order_id.clone().unwrap_or_default();
    let first_row = g.line_rows.first().copied().unwrap_or(0);
    let mut issues: Vec<EntryIssue> = super::validate::receiver_issues(&g.entry)
        .into_iter()
        .map(|i| with_row(i, first_row, &order_id))
        .collect();
    let mut variants = Vec::new();
    for (line, row) in g.entry.lines.iter().zip(&g.line_rows) {
        let mut line_issues = Vec::new();
        variants.push(super::validate::line_issues(conn, line, &mut line_issues)?);
        issues.extend(
            line_issues
                .into_iter()
                .map(|i| with_row(i, *row, &order_id)),
        );
    }
    if !order_id.is_empty()
        && let Some(dup) = super::validate::duplicate_issue(conn, &g.entry.channel, &order_id)?
    {
        issues.push(with_row(dup, first_row, &order_id));
    }
    issues.extend(g.read_issues.iter().cloned());
    issues.sort_by_key(|i| i.row);
    Ok((issues, variants))
}

fn read(path: &Path) -> Result<Collector> {
    let mut c = Collector::default();
    sheet::read(path, &mut c)?;
    Ok(c)
}

pub(crate) fn run(
    desk: &Desk,
    path: &Path,
    channel: Option<&str>,
    apply: bool,
) -> Result<OrderImport> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    run_named(desk, path, &name, channel, apply)
}

pub(crate) fn run_named(
    desk: &Desk,
    path: &Path,
    file_name: &str,
    channel: Option<&str>,
    apply: bool,
) -> Result<OrderImport> {
    let c = read(path)?;
    if c.columns.is_none() {
        return Err(OrderEntryError::MissingColumns {
            file: file_name.to_string(),
            missing: vec![col::NAME.into(), col::PRODUCT.into()],
        }
        .into());
    }
    let mut missing: Vec<String> = REQUIRED
        .iter()
        .filter(|(f, _)| !c.has(*f))
        .map(|(_, n)| n.to_string())
        .collect();
    if !c.has(Field::Phone) && !c.has(Field::Mobile) {
        missing.push(format!("{}/{}", col::PHONE, col::MOBILE));
    }
    if !missing.is_empty() {
        return Err(OrderEntryError::MissingColumns {
            file: file_name.to_string(),
            missing,
        }
        .into());
    }
    let groups = group_rows(&c, channel.map(str::trim).filter(|s| !s.is_empty()));
    if groups.is_empty() {
        return Err(OrderEntryError::FileEmpty {
            file: file_name.to_string(),
        }
        .into());
    }
    let kind = c.kind.map(Kind::id).unwrap_or("csv");
    let now = desk.inner.clock.now();
    if !apply {
        let checked = desk.inner.store.read_as(|conn| {
            groups
                .iter()
                .map(|g| group_issues(conn, g))
                .collect::<Result<Vec<_>>>()
        })?;
        let issues: Vec<Vec<EntryIssue>> = checked.into_iter().map(|(i, _)| i).collect();
        return Ok(OrderImport {
            preview: preview(file_name, kind, &c, &groups, &issues),
            batch: None,
        });
    }
    let carrier = desk.default_carrier()?;
    let (preview_out, batch) = desk.inner.store.write(|tx| {
        let mut checked = Vec::with_capacity(groups.len());
        for g in &groups {
            checked.push(group_issues(tx, g)?);
        }
        let issues: Vec<Vec<EntryIssue>> = checked.iter().map(|(i, _)| i.clone()).collect();
        let p = preview(file_name, kind, &c, &groups, &issues);
        if let Some(first) = p.issues.first() {
            // Returning the error rolls the transaction back: nothing of the file is kept.
            return Err(DeskError::from(OrderEntryError::FileInvalid {
                file: file_name.to_string(),
                errors: p.bad_rows,
                first_en: format!("row {}: {}", first.row.unwrap_or(0), first.message_en),
                first_ko: format!("{}행: {}", first.row.unwrap_or(0), first.message_ko),
            }));
        }
        let batch_id = order_batches::create(
            tx,
            file_name,
            &p.channels.join(", "),
            i64::from(p.orders),
            i64::from(p.lines),
            now,
        )?;
        let mut ids = IdSource::new(tx, now)?;
        let mut touched = Vec::with_capacity(groups.len());
        for (g, (_, variants)) in groups.iter().zip(&checked) {
            let (_, pk, parcel, _) =
                super::store_order(tx, &g.entry, variants, &mut ids, &carrier, now)?;
            order_batches::set_batch(tx, pk, batch_id)?;
            touched.push(parcel);
        }
        touched.sort_unstable();
        touched.dedup();
        for parcel in touched {
            crate::allocate::plan(tx, parcel, now)?;
        }
        let batch = order_batches::get(tx, batch_id)?.map(super::batch_info);
        Ok((p, batch))
    })?;
    if let Some(b) = &batch {
        tracing::info!(
            batch = b.id,
            orders = b.orders,
            lines = b.lines,
            "order file registered"
        );
    }
    Ok(OrderImport {
        preview: preview_out,
        batch,
    })
}

fn preview(
    file_name: &str,
    kind: &str,
    c: &Collector,
    groups: &[Group],
    issues: &[Vec<EntryIssue>],
) -> OrderFilePreview {
    let mask = MaskRule::default();
    let mut rows = Vec::new();
    let mut all = Vec::new();
    let mut channels: Vec<String> = Vec::new();
    let by_row: HashMap<u32, &RawRow> = c.rows.iter().map(|r| (r.row, r)).collect();
    for (g, g_issues) in groups.iter().zip(issues) {
        if !g.entry.channel.is_empty() && !channels.contains(&g.entry.channel) {
            channels.push(g.entry.channel.clone());
        }
        for (line, row) in g.entry.lines.iter().zip(&g.line_rows) {
            let mine: Vec<EntryIssue> = g_issues
                .iter()
                .filter(|i| i.row == Some(*row))
                .cloned()
                .collect();
            let raw = by_row.get(row);
            rows.push(OrderFileRow {
                row: *row,
                order_id: g.entry.order_id.clone().unwrap_or_default(),
                channel: g.entry.channel.clone(),
                receiver: mask_name(&g.entry.name, mask.name),
                product_name: line.product_name.clone(),
                option_text: line.option_text.clone(),
                quantity: raw
                    .map(|r| c.get(r, Field::Qty).to_string())
                    .unwrap_or_default(),
                sku: line.sku.clone().unwrap_or_default(),
                ok: mine.is_empty(),
                issues: mine,
            });
        }
        all.extend(g_issues.iter().cloned());
    }
    rows.sort_by_key(|r| r.row);
    all.sort_by_key(|i| i.row);
    let bad_rows = rows.iter().filter(|r| !r.ok).count() as u32;
    OrderFilePreview {
        file_name: file_name.to_string(),
        kind: kind.to_string(),
        channels,
        orders: groups.len() as u32,
        lines: rows.len() as u32,
        bad_rows,
        can_apply: all.is_empty(),
        issues: all,
        rows,
    }
}
