//! 송장 파일 내보내기: the parcels waiting for a number, in a carrier's layout, as XLSX or CSV.
//!
//! Streamed: the list is read a page at a time and each row goes straight to the file (XLSX in
//! rust_xlsxwriter's constant-memory mode, CSV through a buffered writer), so 100,000 rows take
//! as little memory as 100. The file is written beside its target and renamed into place only when
//! complete, so a failure never leaves half a file under the name the user chose.
//!
//! The file is FOR the carrier: names, phones and addresses go in unmasked. They are never logged.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use packdesk_labels::range;
use packdesk_store::carrier_files::{self, ExportParcel, NewExport};
use packdesk_store::{parcels, pool, settings};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::dto::{CarrierExportReport, CarrierExportRequest, CarrierFileFormat};
use super::error::CarrierFileError;
use super::layout::{self, Field, Layout};
use crate::clock::{kst_date, kst_day_start};
use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};
use crate::invoice::EMS;

/// Parcels read from the store at a time.
const PAGE: u32 = 1_000;

pub(super) fn run(desk: &Desk, req: &CarrierExportRequest) -> Result<CarrierExportReport> {
    let inner = &desk.inner;
    let carrier_code = req.carrier.trim().to_ascii_lowercase();
    let carrier = inner
        .store
        .read(|c| pool::carrier(c, &carrier_code))?
        .ok_or_else(|| DeskError::UnknownCarrier(req.carrier.clone()))?;
    let dir = layout::custom_dir();
    let layout = match req.layout.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(id) => layout::load(&dir, id)?,
        None => layout::for_carrier(&dir, &carrier.code)?,
    };
    let now = inner.clock.now();
    // The list the desk shows: parcels shipped before today have left it, so 연번 agree.
    let (len, sender) = inner.store.write(|tx| {
        parcels::archive_shipped_before(tx, kst_day_start(now))?;
        let sender = Sender {
            name: settings::get(tx, settings::SENDER_NAME)?.unwrap_or_default(),
            phone: settings::get(tx, settings::SENDER_PHONE)?.unwrap_or_default(),
            address: settings::get(tx, settings::SENDER_ADDRESS)?.unwrap_or_default(),
        };
        Ok::<_, DeskError>((carrier_files::working_count(tx)?, sender))
    })?;
    let nothing = || CarrierFileError::NothingToExport {
        carrier: carrier.name.clone(),
    };
    if len == 0 {
        return Err(nothing().into());
    }
    // Rows named by 연번; None = every row waiting for a number of this kind of carrier.
    let named: Option<Vec<bool>> = if req.range.trim().is_empty() {
        None
    } else {
        let mut chosen = vec![false; len as usize + 1];
        for no in range::parse(&req.range, len as usize)? {
            chosen[no] = true;
        }
        Some(chosen)
    };
    let international = carrier.code == EMS;
    let context = RowContext {
        carrier_name: &carrier.name,
        sender: &sender,
    };

    let partial = partial_path(&req.out);
    let mut sink = Sink::create(req.format, &partial, &layout)?;
    let mut exported: Vec<i64> = Vec::new();
    let (mut first_no, mut last_no) = (0, 0);
    let written = (|| {
        let (mut no, mut after) = (0u32, 0i64);
        loop {
            let page = inner
                .store
                .read(|c| carrier_files::working_page(c, after, PAGE))?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for p in &page {
                no += 1;
                let refusal = refusal(p, international);
                let wanted = match &named {
                    Some(chosen) => chosen.get(no as usize).copied().unwrap_or(false),
                    None => refusal.is_none(),
                };
                if !wanted {
                    continue;
                }
                // A named row that cannot go refuses the whole file, as a print range does.
                if let Some((reason_en, reason_ko)) = refusal {
                    return Err(DeskError::from(CarrierFileError::NotExportable {
                        no,
                        reason_en,
                        reason_ko,
                    }));
                }
                sink.row(&layout, |field, value| context.cell(p, no, field, value))?;
                exported.push(p.id);
                if first_no == 0 {
                    first_no = no;
                }
                last_no = no;
            }
        }
        if exported.is_empty() {
            return Err(nothing().into());
        }
        sink.finish()?;
        std::fs::rename(&partial, &req.out).map_err(|e| write_error(&req.out, e))?;
        Ok(())
    })();
    if let Err(e) = written {
        // Only the partial file is ours to remove; the user's target was never touched.
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }

    let file_name = req
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let export_id = inner.store.write(|tx| {
        carrier_files::record_export(
            tx,
            &NewExport {
                carrier: &carrier.code,
                layout: &layout.id,
                format: req.format.id(),
                file_name: &file_name,
            },
            &exported,
            now,
        )
    })?;
    tracing::info!(
        export_id,
        rows = exported.len(),
        carrier = %carrier.code,
        layout = %layout.id,
        format = req.format.id(),
        "carrier file exported"
    );
    Ok(CarrierExportReport {
        export_id,
        carrier: carrier.code.clone(),
        carrier_name: carrier.name.clone(),
        layout: layout.id.clone(),
        layout_note: layout.note.clone(),
        format: req.format,
        path: req.out.display().to_string(),
        rows: exported.len() as u32,
        first_no,
        last_no,
    })
}

/// Why a parcel cannot be sent to a carrier for a number (None: it is waiting for one).
fn refusal(p: &ExportParcel, international: bool) -> Option<(String, String)> {
    let stage = Stage::parse(&p.stage).unwrap_or(Stage::Ready);
    let (en, ko) = match stage {
        Stage::Ready if p.tracking_no.is_none() => {
            if (p.carrier == EMS) == international {
                return None;
            }
            if international {
                ("it ships within Korea", "국내 배송 주문입니다")
            } else {
                (
                    "it goes abroad (export it for ems)",
                    "해외 배송 주문입니다 (EMS로 내보내세요)",
                )
            }
        }
        Stage::Ready | Stage::Invoiced | Stage::Printed => {
            let t = p.tracking_no.clone().unwrap_or_default();
            return Some((
                format!("it already has invoice number {t}"),
                format!("이미 송장번호 {t}이(가) 있습니다"),
            ));
        }
        Stage::Shipped => ("already shipped", "이미 배송처리되었습니다"),
        Stage::Claimed => (
            "a cancel/return request arrived",
            "취소/반품 요청이 들어왔습니다",
        ),
        Stage::Unmatched => (
            "no SKU is matched to a line",
            "매칭되지 않은 상품이 있습니다",
        ),
        Stage::Backorder => ("short of stock", "재고가 부족합니다"),
        Stage::Outsourced => ("FASSTO ships this parcel", "파스토에 출고요청된 주문입니다"),
    };
    Some((en.into(), ko.into()))
}

struct Sender {
    name: String,
    phone: String,
    address: String,
}

struct RowContext<'a> {
    carrier_name: &'a str,
    sender: &'a Sender,
}

/// A cell's content: text keeps zipcodes, phones and long numbers exactly as they are.
enum Cell<'a> {
    Text(std::borrow::Cow<'a, str>),
    Number(f64),
}

impl RowContext<'_> {
    fn cell<'a>(&'a self, p: &'a ExportParcel, no: u32, field: Field, value: &'a str) -> Cell<'a> {
        use std::borrow::Cow::{Borrowed, Owned};
        let r = p.receiver.as_ref();
        let text = |s: Option<&'a String>| Cell::Text(Borrowed(s.map_or("", String::as_str)));
        match field {
            Field::No => Cell::Number(f64::from(no)),
            Field::ParcelCode => Cell::Text(Owned(crate::print::documents::parcel_code(p.id))),
            Field::OrderIds => Cell::Text(Owned(order_ids(p))),
            Field::TrackingNo => Cell::Text(Borrowed(p.tracking_no.as_deref().unwrap_or(""))),
            Field::CarrierName => Cell::Text(Borrowed(self.carrier_name)),
            Field::RecipientName => text(r.map(|r| &r.name)),
            Field::RecipientPhone => text(r.map(|r| &r.phone)),
            Field::RecipientMobile => text(r.map(|r| &r.mobile)),
            Field::Zipcode => text(r.map(|r| &r.zipcode)),
            Field::Address => Cell::Text(Owned(
                r.map(|r| format!("{} {}", r.address1, r.address2).trim().to_string())
                    .unwrap_or_default(),
            )),
            Field::Address1 => text(r.map(|r| &r.address1)),
            Field::Address2 => text(r.map(|r| &r.address2)),
            Field::Items => Cell::Text(Owned(items(p))),
            Field::Quantity => {
                Cell::Number(p.lines.iter().map(|l| l.quantity.max(0)).sum::<i64>() as f64)
            }
            Field::Message => text(r.map(|r| &r.message)),
            Field::OrderDate => Cell::Text(Owned(
                p.lines
                    .iter()
                    .filter_map(|l| l.ordered)
                    .min()
                    .map(|t| kst_date(t).to_string())
                    .unwrap_or_default(),
            )),
            Field::SenderName => Cell::Text(Borrowed(&self.sender.name)),
            Field::SenderPhone => Cell::Text(Borrowed(&self.sender.phone)),
            Field::SenderAddress => Cell::Text(Borrowed(&self.sender.address)),
            Field::Constant => Cell::Text(Borrowed(value)),
            Field::Blank => Cell::Text(Borrowed("")),
        }
    }
}

fn order_ids(p: &ExportParcel) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for l in &p.lines {
        if !ids.contains(&l.order_id.as_str()) {
            ids.push(&l.order_id);
        }
    }
    ids.join(", ")
}

/// "오버핏 코튼 티셔츠 (색상=화이트) ×2 외 1건", as the working list says it.
fn items(p: &ExportParcel) -> String {
    let Some(first) = p.lines.first() else {
        return String::new();
    };
    let mut s = first.product_name.clone();
    if !first.option_text.is_empty() {
        s.push_str(&format!(" ({})", first.option_text));
    }
    s.push_str(&format!(" ×{}", first.quantity));
    if p.lines.len() > 1 {
        s.push_str(&format!(" 외 {}건", p.lines.len() - 1));
    }
    s
}

/// `out.xlsx` → `out.xlsx.partial`, in the same directory so the rename stays on one disk.
fn partial_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> DeskError {
    CarrierFileError::Write {
        path: path.display().to_string(),
        why: e.to_string(),
    }
    .into()
}

/// Where rows go: an XLSX workbook in constant-memory mode, or a CSV stream.
struct Sink {
    path: PathBuf,
    to: To,
}

enum To {
    Xlsx { book: Box<Workbook>, row: u32 },
    Csv(Box<csv::Writer<BufWriter<File>>>),
}

impl Sink {
    fn create(format: CarrierFileFormat, path: &Path, layout: &Layout) -> Result<Sink> {
        let headers: Vec<&str> = layout.columns.iter().map(|c| c.header.as_str()).collect();
        match format {
            CarrierFileFormat::Xlsx => {
                let xlsx = |e: XlsxError| write_error(path, e);
                let mut book = Box::new(Workbook::new());
                let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
                sheet.set_name(&layout.sheet).map_err(xlsx)?;
                let bold = Format::new().set_bold();
                for (col, h) in headers.iter().enumerate() {
                    sheet
                        .write_string_with_format(0, col as u16, *h, &bold)
                        .map_err(xlsx)?;
                    let width = (h.chars().count() as f64 * 2.0).max(10.0);
                    sheet.set_column_width(col as u16, width).map_err(xlsx)?;
                }
                Ok(Sink {
                    path: path.to_path_buf(),
                    to: To::Xlsx { book, row: 1 },
                })
            }
            CarrierFileFormat::Csv => {
                let file = File::create(path).map_err(|e| write_error(path, e))?;
                let mut out = BufWriter::new(file);
                // The BOM tells Excel the file is UTF-8; without it Korean opens as mojibake.
                out.write_all("\u{feff}".as_bytes())
                    .map_err(|e| write_error(path, e))?;
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&headers).map_err(|e| write_error(path, e))?;
                Ok(Sink {
                    path: path.to_path_buf(),
                    to: To::Csv(Box::new(w)),
                })
            }
        }
    }

    fn row<'a>(
        &mut self,
        layout: &'a Layout,
        mut cell: impl FnMut(Field, &'a str) -> Cell<'a>,
    ) -> Result<()> {
        let path = &self.path;
        match &mut self.to {
            To::Xlsx { book, row } => {
                let sheet = book
                    .worksheet_from_index(0)
                    .map_err(|e| write_error(path, e))?;
                for (col, c) in layout.columns.iter().enumerate() {
                    let written = match cell(c.field, &c.value) {
                        Cell::Text(t) if t.is_empty() => continue,
                        Cell::Text(t) => sheet.write_string(*row, col as u16, t.as_ref()),
                        Cell::Number(n) => sheet.write_number(*row, col as u16, n),
                    };
                    written.map_err(|e| write_error(path, e))?;
                }
                *row += 1;
                Ok(())
            }
            To::Csv(w) => {
                for c in &layout.columns {
                    let field = match cell(c.field, &c.value) {
                        Cell::Text(t) => t.into_owned(),
                        Cell::Number(n) => format!("{n}"),
                    };
                    w.write_field(field).map_err(|e| write_error(path, e))?;
                }
                // An empty record ends the one the fields above started.
                w.write_record(None::<&[u8]>)
                    .map_err(|e| write_error(path, e))
            }
        }
    }

    fn finish(self) -> Result<()> {
        let path = &self.path;
        match self.to {
            To::Xlsx { mut book, .. } => book.save(path).map_err(|e| write_error(path, e)),
            To::Csv(w) => {
                let mut out = (*w)
                    .into_inner()
                    .map_err(|e| write_error(path, e.error()))?;
                out.flush().map_err(|e| write_error(path, e))?;
                out.get_ref().sync_all().map_err(|e| write_error(path, e))
            }
        }
    }
}
