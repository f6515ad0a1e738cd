//! Mapping upload (매칭 엑셀): a file of 상품명 / 옵션 / SKU rows, judged row by row (OK,
//! UNKNOWN_SKU, EMPTY_NAME, DUPLICATE_IN_FILE, CONFLICT …) and written — every valid row in one
//! transaction — only when the person confirms. The file is read with the carrier-file reader
//! (XLSX, XLS, ODS, CSV/TSV in UTF-8 or CP949); apply reads and judges it again, so what is
//! written is what the store holds at that moment, not what it held at the preview.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use packdesk_store::{Connection, catalogue, mappings};

use super::dto::{MappingImport, MappingImportRow, MappingRowOutcome};
use super::error::MatchError;
use super::{Waiting, group_key, match_waiting, waiting_lines};
use crate::carrier_file::CarrierFileError;
use crate::carrier_file::sheet::{self, Flow, Kind, Rows};
use crate::desk::Desk;
use crate::error::{DeskError, Result};

/// How far down a sheet the header row is looked for (titles and notes may sit above it).
const HEADER_SEARCH_ROWS: u32 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    Option,
    Sku,
}

/// What a header cell names, compared without spaces and case (`SKU(품목코드 또는 바코드)`,
/// `상품명`, `옵션정보` …).
fn column_of(header: &str) -> Option<Column> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if h.starts_with("sku") || h.contains("품목코드") || h.contains("바코드") || h == "barcode"
    {
        Some(Column::Sku)
    } else if h.contains("상품명")
        || matches!(
            h.as_str(),
            "품명" | "상품이름" | "product" | "productname" | "product_name"
        )
    {
        Some(Column::Name)
    } else if h.starts_with("옵션") || h.starts_with("option") {
        Some(Column::Option)
    } else {
        None
    }
}

struct RawRow {
    row_no: u32,
    name: String,
    option: String,
    sku: String,
}

#[derive(Default)]
struct Reader {
    first_row: Option<String>,
    /// (name, option, sku) column indexes once the header row is found.
    columns: Option<(usize, Option<usize>, usize)>,
    rows_seen_on_sheet: u32,
    rows: Vec<RawRow>,
}

impl Rows for Reader {
    fn begin(&mut self, _kind: Kind) {}

    fn sheet(&mut self, _name: &str) {
        self.rows_seen_on_sheet = 0;
    }

    fn row(&mut self, row_no: u32, cells: &[String]) -> std::result::Result<Flow, DeskError> {
        if self.first_row.is_none() {
            self.first_row = Some(cells.join(" | "));
        }
        let Some((name, option, sku)) = self.columns else {
            self.rows_seen_on_sheet += 1;
            let mut found = (None, None, None);
            for (i, cell) in cells.iter().enumerate() {
                match column_of(cell) {
                    Some(Column::Name) if found.0.is_none() => found.0 = Some(i),
                    Some(Column::Option) if found.1.is_none() => found.1 = Some(i),
                    Some(Column::Sku) if found.2.is_none() => found.2 = Some(i),
                    _ => {}
                }
            }
            if let (Some(n), o, Some(s)) = found {
                self.columns = Some((n, o, s));
            } else if self.rows_seen_on_sheet >= HEADER_SEARCH_ROWS {
                return Ok(Flow::NextSheet);
            }
            return Ok(Flow::Continue);
        };
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        self.rows.push(RawRow {
            row_no,
            name: cell(name),
            option: option.map(cell).unwrap_or_default(),
            sku: cell(sku),
        });
        Ok(Flow::Continue)
    }

    fn wants_next_sheet(&self) -> bool {
        self.columns.is_none()
    }
}

/// The reader's file errors in this file's words (MAPPING_FILE_*, not CARRIER_FILE_*).
fn file_error(e: DeskError) -> DeskError {
    match e {
        DeskError::CarrierFile(c) => match c {
            CarrierFileError::Read { path, why } => MatchError::FileRead { path, why }.into(),
            CarrierFileError::NotASpreadsheet { path } => {
                MatchError::FileNotSpreadsheet { path }.into()
            }
            CarrierFileError::Encrypted { path } => MatchError::FileEncrypted { path }.into(),
            CarrierFileError::Corrupt { path, why } => MatchError::FileCorrupt { path, why }.into(),
            CarrierFileError::Empty { path } => MatchError::FileEmpty { path }.into(),
            other => DeskError::CarrierFile(other),
        },
        other => other,
    }
}

fn read(path: &Path) -> Result<Vec<RawRow>> {
    let mut reader = Reader::default();
    sheet::read(path, &mut reader).map_err(file_error)?;
    if reader.columns.is_none() {
        return Err(MatchError::FileNoHeader {
            headers: reader.first_row.unwrap_or_default(),
        }
        .into());
    }
    if reader.rows.is_empty() {
        return Err(MatchError::FileNoRows.into());
    }
    Ok(reader.rows)
}

/// A judged row: its preview line, the SKU it resolves to, and whether exactly that mapping is
/// remembered already (nothing to write).
struct Judged {
    row: MappingImportRow,
    variant_id: Option<i64>,
    already: bool,
}

fn failed(
    raw: &RawRow,
    outcome: MappingRowOutcome,
    ko: impl Into<String>,
    en: impl Into<String>,
) -> Judged {
    Judged {
        row: MappingImportRow {
            row_no: raw.row_no,
            product_name: raw.name.clone(),
            option_text: raw.option.clone(),
            sku: raw.sku.clone(),
            outcome,
            detail_ko: Some(ko.into()),
            detail_en: Some(en.into()),
        },
        variant_id: None,
        already: false,
    }
}

fn judge(conn: &Connection, raws: &[RawRow]) -> Result<Vec<Judged>> {
    // The SKU of every row first, so duplicates can be told apart from contradictions.
    let mut resolved: Vec<Option<catalogue::VariantRef>> = Vec::with_capacity(raws.len());
    for raw in raws {
        resolved.push(if raw.sku.is_empty() {
            None
        } else {
            catalogue::find_variant(conn, &raw.sku)?
        });
    }
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, raw) in raws.iter().enumerate() {
        if !raw.name.is_empty() {
            by_key
                .entry(group_key(&raw.name, &raw.option))
                .or_default()
                .push(i);
        }
    }
    let target = |i: usize| -> String {
        resolved[i]
            .as_ref()
            .map_or_else(|| raws[i].sku.clone(), |v| v.variant_id.to_string())
    };
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        if raw.name.is_empty() {
            out.push(failed(
                raw,
                MappingRowOutcome::EmptyName,
                "상품명이 비어 있습니다",
                "the product name is empty",
            ));
            continue;
        }
        if raw.sku.is_empty() {
            out.push(failed(
                raw,
                MappingRowOutcome::EmptySku,
                "SKU가 비어 있습니다",
                "the SKU is empty",
            ));
            continue;
        }
        let Some(variant) = &resolved[i] else {
            out.push(failed(
                raw,
                MappingRowOutcome::UnknownSku,
                format!("상품 목록에 없는 SKU '{}' 입니다", raw.sku),
                format!("SKU '{}' is not in the catalogue", raw.sku),
            ));
            continue;
        };
        let same = &by_key[&group_key(&raw.name, &raw.option)];
        let contradicts = same.iter().any(|j| target(*j) != target(i));
        if same.len() > 1 && (contradicts || same[0] != i) {
            let rows: Vec<String> = same.iter().map(|j| raws[*j].row_no.to_string()).collect();
            let (ko, en) = if contradicts {
                (
                    format!(
                        "같은 상품명/옵션이 다른 SKU로 여러 번 있습니다 ({}행)",
                        rows.join(", ")
                    ),
                    format!(
                        "the same name and option map to different SKUs in rows {}",
                        rows.join(", ")
                    ),
                )
            } else {
                (
                    format!("{}행과 같은 내용이 반복됩니다", raws[same[0]].row_no),
                    format!("repeats row {}", raws[same[0]].row_no),
                )
            };
            out.push(failed(raw, MappingRowOutcome::DuplicateInFile, ko, en));
            continue;
        }
        let existing = mappings::by_key(conn, &raw.name, &raw.option)?;
        if let Some(m) = existing
            .as_ref()
            .filter(|m| m.variant_id != variant.variant_id)
        {
            out.push(failed(
                raw,
                MappingRowOutcome::Conflict,
                format!(
                    "이미 SKU {}(으)로 매칭되어 있습니다 (매칭 정보 {}번)",
                    m.sku, m.id
                ),
                format!("already mapped to SKU {} (mapping {})", m.sku, m.id),
            ));
            continue;
        }
        out.push(Judged {
            row: MappingImportRow {
                row_no: raw.row_no,
                product_name: raw.name.clone(),
                option_text: raw.option.clone(),
                sku: variant.sku.clone(),
                outcome: MappingRowOutcome::Ok,
                detail_ko: None,
                detail_en: None,
            },
            variant_id: Some(variant.variant_id),
            already: existing.is_some(),
        });
    }
    Ok(out)
}

fn report(judged: Vec<Judged>, applied: bool, written: u32, matched_lines: u32) -> MappingImport {
    let ok = judged
        .iter()
        .filter(|j| j.row.outcome == MappingRowOutcome::Ok)
        .count() as u32;
    MappingImport {
        applied,
        failed: judged.len() as u32 - ok,
        ok,
        rows: judged.into_iter().map(|j| j.row).collect(),
        written,
        matched_lines,
    }
}

impl Desk {
    /// Reads a mapping file (columns 상품명, 옵션, SKU — 품목코드 or 바코드) and judges every row.
    /// Without `apply` nothing is written; with it, every OK row is remembered in one transaction
    /// and the lines waiting for those names+options are matched and their parcels re-planned.
    pub fn import_mappings(&self, path: &Path, apply: bool) -> Result<MappingImport> {
        let raws = read(path)?;
        if !apply {
            let judged = self.inner.store.read_as(|conn| judge(conn, &raws))?;
            return Ok(report(judged, false, 0, 0));
        }
        let now = self.inner.clock.now();
        let done = self.inner.store.write(|tx| {
            let judged = judge(tx, &raws)?;
            let mut written = 0;
            let mut targets: HashMap<String, i64> = HashMap::new();
            for j in judged
                .iter()
                .filter(|j| j.row.outcome == MappingRowOutcome::Ok)
            {
                let Some(variant) = j.variant_id else {
                    continue;
                };
                if !j.already {
                    mappings::upsert(
                        tx,
                        &j.row.product_name,
                        &j.row.option_text,
                        variant,
                        mappings::SOURCE_EXCEL,
                        now,
                    )?;
                    written += 1;
                }
                targets.insert(group_key(&j.row.product_name, &j.row.option_text), variant);
            }
            let waiting = waiting_lines(tx)?;
            let mut matched = 0;
            let variants: BTreeSet<i64> = targets.values().copied().collect();
            for variant in variants {
                let lines: Vec<&Waiting> = waiting
                    .iter()
                    .filter(|w| targets.get(&w.key()) == Some(&variant))
                    .collect();
                if !lines.is_empty() {
                    match_waiting(tx, &lines, variant, now)?;
                    matched += lines.len() as u32;
                }
            }
            Ok::<_, DeskError>(report(judged, true, written, matched))
        })?;
        tracing::info!(
            written = done.written,
            failed = done.failed,
            matched = done.matched_lines,
            "mapping file applied"
        );
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_are_recognised_with_their_usual_spellings() {
        assert_eq!(column_of("상품명"), Some(Column::Name));
        assert_eq!(column_of(" 옵션 정보"), Some(Column::Option));
        assert_eq!(column_of("SKU(품목코드 또는 바코드)"), Some(Column::Sku));
        assert_eq!(column_of("바코드"), Some(Column::Sku));
        assert_eq!(column_of("수량"), None);
    }
}
