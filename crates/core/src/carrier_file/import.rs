//! 송장 파일 가져오기, first half: read the carrier's file, find its header row and every row's
//! parcel and number, and keep the row-by-row preview (예상처리결과 / 실패사유) in the store.
//! Nothing is given a number here; [`super::apply`] does that when the user confirms.
//!
//! Rows are read and judged a chunk at a time, each chunk in its own short transaction, so a
//! 100,000-row file neither fills memory nor holds the desk's database away from a scan for long.
//! A file that cannot be read to the end leaves no preview behind.

use std::path::Path;

use packdesk_store::Transaction;
use packdesk_store::carrier_files::{self, IMPORT_PREVIEW, IMPORT_READING, ImportRow};

use super::dto::{
    CarrierImportPreview, CarrierImportRow, ImportOutcome, ImportReasonCount, PREVIEW_ROWS,
};
use super::error::CarrierFileError;
use super::judge::{self, Failure, Fits};
use super::layout::{self, HeaderNames, ImportField};
use super::sheet::{self, Flow, Kind, Rows};
use crate::desk::{Desk, Inner};
use crate::error::{DeskError, Result};

/// Rows judged and stored per transaction.
const CHUNK: usize = 1_000;
/// How far down a sheet the header row is looked for (carriers put titles and dates above it).
const HEADER_SEARCH_ROWS: u32 = 20;

pub(super) fn preview(
    desk: &Desk,
    path: &Path,
    carrier: Option<&str>,
) -> Result<CarrierImportPreview> {
    let inner = &desk.inner;
    let carrier = match carrier.map(|c| c.trim().to_ascii_lowercase()) {
        Some(c) if !c.is_empty() => {
            if inner
                .store
                .read(|conn| packdesk_store::pool::carrier(conn, &c))?
                .is_none()
            {
                return Err(DeskError::UnknownCarrier(c));
            }
            Some(c)
        }
        _ => None,
    };
    let names = HeaderNames::from_layouts(&layout::all(&layout::custom_dir())?);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut reader = FileRows {
        inner,
        names: &names,
        carrier: carrier.as_deref(),
        file_name,
        kind: Kind::Csv,
        header: None,
        first_row: None,
        searched: 0,
        import_id: None,
        chunk: Vec::with_capacity(CHUNK),
        rows: 0,
    };
    let read = sheet::read(path, &mut reader).and_then(|_| reader.flush());
    let finished = read.and_then(|()| reader.finish());
    match finished {
        Ok(import_id) => {
            let preview = load(inner, import_id)?;
            tracing::info!(
                import_id,
                rows = preview.total,
                assign = preview.assign,
                failed = preview.failed,
                format = %preview.format,
                "carrier file read"
            );
            Ok(preview)
        }
        Err(e) => {
            if let Some(id) = reader.import_id {
                inner
                    .store
                    .write(|tx| carrier_files::delete_import(tx, id))?;
            }
            Err(e)
        }
    }
}

/// The row's columns once the header row is found.
struct Header {
    number: usize,
    keys: Vec<usize>,
}

/// A data row waiting to be judged.
struct Pending {
    row_no: u32,
    keys: Vec<String>,
    raw_number: String,
}

struct FileRows<'a> {
    inner: &'a Inner,
    names: &'a HeaderNames,
    carrier: Option<&'a str>,
    file_name: String,
    kind: Kind,
    header: Option<Header>,
    /// The first non-empty row of the file, quoted when no header is found.
    first_row: Option<String>,
    /// Rows looked at on this sheet while searching the header.
    searched: u32,
    import_id: Option<i64>,
    chunk: Vec<Pending>,
    rows: u32,
}

fn quote(cells: &[String]) -> String {
    let shown: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .take(20)
        .collect();
    shown.join(" | ")
}

impl Rows for FileRows<'_> {
    fn begin(&mut self, kind: Kind) {
        self.kind = kind;
    }

    fn sheet(&mut self, _name: &str) {
        self.searched = 0;
    }

    fn row(&mut self, row_no: u32, cells: &[String]) -> Result<Flow> {
        let Some(header) = &self.header else {
            return self.search_header(cells);
        };
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let pending = Pending {
            row_no,
            keys: header.keys.iter().map(|&i| cell(i)).collect(),
            raw_number: cell(header.number),
        };
        // A totals line or a note under the table: no key and no number.
        if pending.raw_number.is_empty() && pending.keys.iter().all(String::is_empty) {
            return Ok(Flow::Continue);
        }
        self.chunk.push(pending);
        if self.chunk.len() >= CHUNK {
            self.flush()?;
        }
        Ok(Flow::Continue)
    }

    fn wants_next_sheet(&self) -> bool {
        self.header.is_none()
    }
}

impl FileRows<'_> {
    fn search_header(&mut self, cells: &[String]) -> Result<Flow> {
        if self.first_row.is_none() {
            self.first_row = Some(quote(cells));
        }
        self.searched += 1;
        let mut number = None;
        let mut keys = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            match self.names.field(c) {
                Some(ImportField::TrackingNo) if number.is_none() => number = Some(i),
                Some(ImportField::Key) => keys.push(i),
                _ => {}
            }
        }
        let Some(number) = number else {
            return Ok(if self.searched >= HEADER_SEARCH_ROWS {
                Flow::NextSheet
            } else {
                Flow::Continue
            });
        };
        if keys.is_empty() {
            return Err(CarrierFileError::NoKeyColumn {
                headers: quote(cells),
            }
            .into());
        }
        let now = self.inner.clock.now();
        let id = self.inner.store.write(|tx| {
            carrier_files::create_import(tx, &self.file_name, self.kind.id(), self.carrier, now)
        })?;
        self.import_id = Some(id);
        self.header = Some(Header { number, keys });
        Ok(Flow::Continue)
    }

    /// Judges and stores the rows read so far.
    fn flush(&mut self) -> Result<()> {
        let Some(import_id) = self.import_id else {
            return Ok(());
        };
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.chunk);
        let carrier = self.carrier;
        self.rows += chunk.len() as u32;
        self.inner.store.write(|tx| {
            for p in &chunk {
                judge_row(tx, import_id, carrier, p)?;
            }
            Ok::<_, DeskError>(())
        })?;
        self.chunk = chunk;
        self.chunk.clear();
        Ok(())
    }

    /// The import id once the whole file was read; the errors of a file with nothing to read.
    fn finish(&mut self) -> Result<i64> {
        let Some(import_id) = self.import_id else {
            return Err(match self.first_row.take() {
                None => CarrierFileError::Empty {
                    path: self.file_name.clone(),
                },
                Some(headers) => CarrierFileError::NoNumberColumn { headers },
            }
            .into());
        };
        if self.rows == 0 {
            return Err(CarrierFileError::NoRows.into());
        }
        let now = self.inner.clock.now();
        self.inner.store.write(|tx| {
            carrier_files::set_import_status(tx, import_id, IMPORT_READING, IMPORT_PREVIEW, now)
        })?;
        Ok(import_id)
    }
}

fn failed(row: &mut ImportRow, f: &Failure) {
    row.outcome = ImportOutcome::Failed.id().into();
    row.code = Some(f.code().into());
    row.reason_en = Some(f.en());
    row.reason_ko = Some(f.ko());
}

fn judge_row(tx: &Transaction, import_id: i64, named: Option<&str>, p: &Pending) -> Result<()> {
    let mut row = ImportRow {
        row_no: p.row_no,
        key_text: p
            .keys
            .iter()
            .find(|k| !k.is_empty())
            .cloned()
            .unwrap_or_default(),
        raw_number: p.raw_number.clone(),
        tracking_no: judge::clean_number(&p.raw_number),
        ..ImportRow::default()
    };
    let parcel = match judge::find_parcel(tx, &p.keys)? {
        Ok(parcel) => parcel,
        Err(f) => {
            failed(&mut row, &f);
            carrier_files::insert_row(tx, import_id, &row)?;
            return Ok(());
        }
    };
    let carrier = judge::carrier_for(tx, &parcel, named)?;
    row.parcel_id = Some(parcel.id);
    row.carrier = Some(carrier.clone());
    let verdict = judge::check(tx, &parcel, &carrier, &p.raw_number)?;
    match &verdict {
        Ok(Fits::Assign) => row.outcome = ImportOutcome::Assign.id().into(),
        Ok(Fits::Unchanged) => row.outcome = ImportOutcome::Unchanged.id().into(),
        Err(f) => failed(&mut row, f),
    }
    // Only rows that would put a number on a parcel can clash; a row refused for its own
    // reason (claimed, numbered already …) keeps that reason.
    if verdict.is_ok() {
        duplicates(tx, import_id, &mut row)?;
    }
    carrier_files::insert_row(tx, import_id, &row).map_err(DeskError::from)
}

/// A number for two parcels, or two numbers for one parcel, is a mistake in the carrier's file:
/// which row is right cannot be told, so every row involved fails. A row repeated exactly fails
/// as the repeat only; the first stays as it was.
fn duplicates(tx: &Transaction, import_id: i64, row: &mut ImportRow) -> Result<()> {
    let earlier = carrier_files::rows_sharing(tx, import_id, &row.tracking_no, row.parcel_id)?;
    // The earlier rows that claimed a number for a parcel too (or did, until a clash).
    let earlier: Vec<ImportRow> = earlier
        .into_iter()
        .filter(|e| e.code.is_none() || e.code.as_deref() == Some("DUPLICATE_IN_FILE"))
        .collect();
    let Some(first) = earlier.first() else {
        return Ok(());
    };
    let (parcel_id, number) = (row.parcel_id, row.tracking_no.clone());
    let repeat = |e: &ImportRow| e.parcel_id == parcel_id && e.tracking_no == number;
    let clash = earlier.iter().find(|e| !repeat(e));
    let shown = clash.unwrap_or(first);
    let this_row = row.row_no;
    failed(
        row,
        &Failure::DuplicateInFile {
            row: shown.row_no,
            same_number: shown.tracking_no == number,
        },
    );
    for e in earlier.iter().filter(|e| !repeat(e)) {
        let open = matches!(
            ImportOutcome::parse(&e.outcome),
            Some(ImportOutcome::Assign | ImportOutcome::Unchanged)
        );
        if open {
            let same_number = e.tracking_no == number;
            let mut e = e.clone();
            failed(
                &mut e,
                &Failure::DuplicateInFile {
                    row: this_row,
                    same_number,
                },
            );
            carrier_files::set_outcome(tx, import_id, &e)?;
        }
    }
    Ok(())
}

/// The rows of an import as the app and the CLI show them.
pub(super) fn rows(
    inner: &Inner,
    import_id: i64,
    after_row: u32,
    limit: u32,
    failed_only: bool,
) -> Result<Vec<CarrierImportRow>> {
    inner.store.read_as(|c| {
        carrier_files::import(c, import_id)?.ok_or(CarrierFileError::UnknownImport(import_id))?;
        let stored = carrier_files::rows(c, import_id, after_row, limit, failed_only)?;
        stored.into_iter().map(|r| view(c, r)).collect()
    })
}

pub(super) fn view(c: &packdesk_store::Connection, r: ImportRow) -> Result<CarrierImportRow> {
    let outcome = ImportOutcome::parse(&r.outcome).unwrap_or(ImportOutcome::Failed);
    let no = match r.parcel_id {
        Some(id) => carrier_files::list_position(c, id)?,
        None => None,
    };
    Ok(CarrierImportRow {
        row: r.row_no,
        key: r.key_text,
        parcel_code: r.parcel_id.map(crate::print::documents::parcel_code),
        no,
        tracking_no: if r.tracking_no.is_empty() {
            r.raw_number
        } else {
            r.tracking_no
        },
        carrier: r.carrier,
        outcome,
        outcome_ko: outcome.label_ko().into(),
        code: r.code,
        reason_ko: r.reason_ko,
        reason_en: r.reason_en,
    })
}

/// (assign or assigned, unchanged, failed, reasons) of an import.
pub(super) fn tally(
    c: &packdesk_store::Connection,
    import_id: i64,
) -> Result<(u32, u32, u32, Vec<ImportReasonCount>)> {
    let (mut assign, mut unchanged, mut failed) = (0, 0, 0);
    let mut reasons = Vec::new();
    for (outcome, code, n) in carrier_files::outcome_counts(c, import_id)? {
        match ImportOutcome::parse(&outcome) {
            Some(ImportOutcome::Assign | ImportOutcome::Assigned) => assign += n,
            Some(ImportOutcome::Unchanged) => unchanged += n,
            _ => {
                failed += n;
                reasons.push(ImportReasonCount { code, rows: n });
            }
        }
    }
    reasons.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.code.cmp(&b.code)));
    Ok((assign, unchanged, failed, reasons))
}

/// A stored import as its preview.
pub(super) fn load(inner: &Inner, import_id: i64) -> Result<CarrierImportPreview> {
    inner.store.read_as(|c| {
        let head = carrier_files::import(c, import_id)?
            .ok_or(CarrierFileError::UnknownImport(import_id))?;
        let (assign, unchanged, failed, reasons) = tally(c, import_id)?;
        let rows = carrier_files::rows(c, import_id, 0, PREVIEW_ROWS, false)?
            .into_iter()
            .map(|r| view(c, r))
            .collect::<Result<Vec<_>>>()?;
        Ok(CarrierImportPreview {
            import_id,
            file_name: head.file_name,
            format: head.format,
            carrier: head.carrier,
            status: head.status,
            total: assign + unchanged + failed,
            assign,
            unchanged,
            failed,
            reasons,
            rows,
        })
    })
}
