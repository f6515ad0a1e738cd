//! Reading a spreadsheet a row at a time, whatever the carrier sent: XLSX (streamed cell by cell),
//! XLS and ODS (read a sheet at a time: those formats cannot be streamed), or CSV/TSV in UTF-8 or
//! CP949 (EUC-KR), which Korean carrier systems still write. The kind is told by the bytes, not
//! the file name: a file saved as `.xls` that is really HTML or CSV is common.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xls, XlsError, Xlsx, XlsxError, open_workbook};

use super::error::CarrierFileError;

/// What a spreadsheet turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
            Kind::Csv => "csv",
        }
    }
}

/// What the reader does after a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Continue,
    /// Nothing useful on this sheet: go on with the next one.
    NextSheet,
}

/// Receives the rows of a file.
pub(crate) trait Rows {
    /// What the file turned out to be, before its first row.
    fn begin(&mut self, kind: Kind);
    /// A sheet begins (CSV: once).
    fn sheet(&mut self, name: &str);
    /// A row that is not entirely empty, numbered as the spreadsheet numbers it (1-based).
    fn row(&mut self, row_no: u32, cells: &[String]) -> Result<Flow, crate::error::DeskError>;
    /// After a whole sheet was read: whether to look at the next one.
    fn wants_next_sheet(&self) -> bool;
}

/// Cells beyond this column are ignored: no carrier form is wider, and a hostile file must not
/// make a row allocate 16,384 cells.
const MAX_COLUMNS: usize = 256;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// OLE compound file: XLS, and also an XLSX that Excel encrypted with a password.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

fn read_error(path: &Path, e: impl std::fmt::Display) -> CarrierFileError {
    CarrierFileError::Read {
        path: path_text(path),
        why: e.to_string(),
    }
}

fn corrupt(path: &Path, e: impl std::fmt::Display) -> CarrierFileError {
    CarrierFileError::Corrupt {
        path: path_text(path),
        why: e.to_string(),
    }
}

fn not_a_spreadsheet(path: &Path) -> CarrierFileError {
    CarrierFileError::NotASpreadsheet {
        path: path_text(path),
    }
}

fn encrypted(path: &Path) -> CarrierFileError {
    CarrierFileError::Encrypted {
        path: path_text(path),
    }
}

/// Reads every row of `path` into `rows`; returns what the file was.
pub(crate) fn read(path: &Path, rows: &mut dyn Rows) -> Result<Kind, crate::error::DeskError> {
    let mut head = Vec::with_capacity(8);
    File::open(path)
        .map_err(|e| read_error(path, e))?
        .take(8)
        .read_to_end(&mut head)
        .map_err(|e| read_error(path, e))?;
    if head.is_empty() {
        return Err(CarrierFileError::Empty {
            path: path_text(path),
        }
        .into());
    }
    if head.starts_with(ZIP_MAGIC) {
        return read_zip(path, rows);
    }
    if head.starts_with(CFB_MAGIC) {
        return read_cfb(path, rows);
    }
    read_csv(path, rows)?;
    Ok(Kind::Csv)
}

fn read_zip(path: &Path, rows: &mut dyn Rows) -> Result<Kind, crate::error::DeskError> {
    match open_workbook::<Xlsx<_>, _>(path) {
        Ok(mut book) => {
            rows.begin(Kind::Xlsx);
            read_xlsx(path, &mut book, rows)?;
            Ok(Kind::Xlsx)
        }
        Err(XlsxError::Password) => Err(encrypted(path).into()),
        Err(XlsxError::Zip(e)) => Err(corrupt(path, e).into()),
        Err(xlsx_error) => match open_workbook::<Ods<_>, _>(path) {
            Ok(mut book) => {
                rows.begin(Kind::Ods);
                read_ranges(path, &mut book, rows)?;
                Ok(Kind::Ods)
            }
            // A zip holding neither workbook (a .docx, a folder zipped by hand).
            Err(_) => match xlsx_error {
                XlsxError::Io(e) => Err(read_error(path, e).into()),
                _ => Err(not_a_spreadsheet(path).into()),
            },
        },
    }
}

fn read_cfb(path: &Path, rows: &mut dyn Rows) -> Result<Kind, crate::error::DeskError> {
    // Excel's password protection wraps an XLSX in a compound file: calamine's XLSX reader
    // recognises it; an XLS reader would only call it unreadable.
    if let Err(XlsxError::Password) = open_workbook::<Xlsx<_>, _>(path) {
        return Err(encrypted(path).into());
    }
    match open_workbook::<Xls<_>, _>(path) {
        Ok(mut book) => {
            rows.begin(Kind::Xls);
            read_ranges(path, &mut book, rows)?;
            Ok(Kind::Xls)
        }
        Err(XlsError::Password) => Err(encrypted(path).into()),
        Err(XlsError::Io(e)) => Err(read_error(path, e).into()),
        // A Word document or another compound file.
        Err(_) => Err(not_a_spreadsheet(path).into()),
    }
}

fn text_of_ref(d: &DataRef) -> String {
    match d {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn text_of(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Excel keeps a 12-digit number typed into a General cell as a float: it is exact up to 15
/// digits, so it is written back as the integer it is (601234567890, not 601234567890.0).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn read_xlsx(
    path: &Path,
    book: &mut Xlsx<BufReader<File>>,
    rows: &mut dyn Rows,
) -> Result<(), crate::error::DeskError> {
    for name in book.sheet_names() {
        rows.sheet(&name);
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|e| corrupt(path, e))?;
        let mut current: Option<u32> = None;
        let mut row: Vec<String> = Vec::new();
        let mut flow = Flow::Continue;
        while let Some(cell) = cells.next_cell().map_err(|e| corrupt(path, e))? {
            let (r, c) = cell.get_position();
            if current != Some(r) {
                if let Some(done) = current {
                    flow = emit(rows, done, &mut row)?;
                    if flow == Flow::NextSheet {
                        break;
                    }
                }
                current = Some(r);
            }
            let c = c as usize;
            if c < MAX_COLUMNS {
                if row.len() <= c {
                    row.resize(c + 1, String::new());
                }
                row[c] = text_of_ref(cell.get_value());
            }
        }
        if let (Some(done), Flow::Continue) = (current, flow) {
            emit(rows, done, &mut row)?;
        }
        if !rows.wants_next_sheet() {
            break;
        }
    }
    Ok(())
}

/// Hands a finished row over (unless it is empty) and clears it for the next.
fn emit(
    rows: &mut dyn Rows,
    row0: u32,
    row: &mut Vec<String>,
) -> Result<Flow, crate::error::DeskError> {
    let flow = if row.iter().any(|c| !c.is_empty()) {
        rows.row(row0 + 1, row)?
    } else {
        Flow::Continue
    };
    row.clear();
    Ok(flow)
}

fn read_ranges<R>(
    path: &Path,
    book: &mut R,
    rows: &mut dyn Rows,
) -> Result<(), crate::error::DeskError>
where
    R: Reader<BufReader<File>>,
    R::Error: std::fmt::Display,
{
    for name in book.sheet_names() {
        rows.sheet(&name);
        let range = book.worksheet_range(&name).map_err(|e| corrupt(path, e))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut row: Vec<String> = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            row.clear();
            row.resize((first_col as usize).min(MAX_COLUMNS), String::new());
            row.extend(
                cells
                    .iter()
                    .take(MAX_COLUMNS.saturating_sub(first_col as usize))
                    .map(text_of),
            );
            if emit(rows, first_row + i as u32, &mut row)? == Flow::NextSheet {
                break;
            }
        }
        if !rows.wants_next_sheet() {
            break;
        }
    }
    Ok(())
}

/// How much of a text file is looked at to tell text from binary and `,` from tab.
const SNIFF: usize = 8 * 1024;

fn read_csv(path: &Path, rows: &mut dyn Rows) -> Result<(), crate::error::DeskError> {
    let mut sniff = Vec::with_capacity(SNIFF);
    File::open(path)
        .map_err(|e| read_error(path, e))?
        .take(SNIFF as u64)
        .read_to_end(&mut sniff)
        .map_err(|e| read_error(path, e))?;
    if !looks_like_text(&sniff) {
        return Err(not_a_spreadsheet(path).into());
    }
    let first_line = sniff.split(|b| *b == b'\n').next().unwrap_or_default();
    let tabs = first_line.iter().filter(|b| **b == b'\t').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    let delimiter = if tabs > commas { b'\t' } else { b',' };

    let file = File::open(path).map_err(|e| read_error(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(BufReader::new(file));
    rows.begin(Kind::Csv);
    rows.sheet("");
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<String> = Vec::new();
    let mut row_no = 0u32;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(corrupt(path, e).into()),
        }
        row_no += 1;
        cells.clear();
        cells.extend(record.iter().take(MAX_COLUMNS).map(decode_field));
        if let Some(first) = cells.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest.to_string();
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if rows.row(row_no, &cells)? == Flow::NextSheet {
            break;
        }
    }
    Ok(())
}

/// UTF-8 when it is, else CP949 (EUC-KR): what Korean Excel saves "CSV" as.
fn decode_field(bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::EUC_KR.decode(bytes).0.into_owned(),
    };
    text.trim().to_string()
}

/// Text in UTF-8 or CP949, not a binary file: no NUL bytes, and the start decodes cleanly (the
/// sniffed block may end inside a character, which is forgiven).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return false;
    }
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if utf8 {
        return true;
    }
    let trimmed = &bytes[..bytes.len().saturating_sub(1)];
    let control = trimmed
        .iter()
        .any(|b| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
    !control
        && encoding_rs::EUC_KR
            .decode_without_bom_handling_and_without_replacement(trimmed)
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_that_are_whole_numbers_read_back_as_integers() {
        assert_eq!(float_text(601234567890.0), "601234567890");
        assert_eq!(float_text(1.5), "1.5");
    }

    #[test]
    fn text_sniffing_tells_csv_from_binary() {
        assert!(looks_like_text(
            "연번,송장번호\n1,601234567890\n".as_bytes()
        ));
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("운송장번호,고객주문번호\n");
        assert!(looks_like_text(&cp949));
        assert!(!looks_like_text(&[0x00, 0x13, 0xff, 0x42]));
        assert!(!looks_like_text(&[0x81, 0x05, 0xfe, 0x07, 0x99, 0x10]));
    }

    #[test]
    fn cp949_fields_are_decoded() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("운송장번호");
        assert_eq!(decode_field(&bytes), "운송장번호");
        assert_eq!(decode_field(" 601234567890 ".as_bytes()), "601234567890");
    }
}
