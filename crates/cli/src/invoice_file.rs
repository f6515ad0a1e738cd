//! `packdesk invoice export|import|apply|layouts`: the carrier-file route (송장 엑셀). Export the
//! parcels waiting for a number in a carrier's layout; read the carrier's file of numbers back as
//! a row-by-row preview (예상처리결과 / 실패사유), applied only with `--apply` (or later by id).

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use packdesk_core::{
    CarrierExportReport, CarrierExportRequest, CarrierFileFormat, CarrierImportPreview,
    CarrierImportReport, CarrierImportRow, CarrierLayoutInfo, Desk, DeskError,
};

#[derive(Subcommand)]
pub enum FileCommand {
    /// Write the parcels waiting for a number in a carrier's Excel layout (송장 엑셀 내보내기)
    Export {
        /// cj | hanjin | lotte | epost | logen | ems
        #[arg(long)]
        carrier: String,
        #[arg(long, value_enum)]
        format: FileFormatArg,
        /// The file to write
        #[arg(long)]
        out: PathBuf,
        /// Rows by 연번, e.g. "1-3, 5, 7"; empty = every row waiting for a number
        #[arg(long, default_value = "")]
        range: String,
        /// A layout id (`packdesk invoice layouts`) [default: the carrier's, else generic]
        #[arg(long)]
        layout: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Read a carrier's file of tracking numbers: a preview, applied only with --apply
    Import {
        /// The carrier's XLSX, XLS, ODS or CSV file
        file: PathBuf,
        /// The carrier the numbers are from [default: the carrier each parcel was exported to]
        #[arg(long)]
        carrier: Option<String>,
        /// Give the valid rows their numbers (one transaction); the failed rows are reported
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Apply an earlier preview by its id (`packdesk invoice import FILE` shows it)
    Apply {
        import_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// The carrier layouts an export can use
    Layouts {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FileFormatArg {
    Xlsx,
    Csv,
}

impl From<FileFormatArg> for CarrierFileFormat {
    fn from(f: FileFormatArg) -> Self {
        match f {
            FileFormatArg::Xlsx => CarrierFileFormat::Xlsx,
            FileFormatArg::Csv => CarrierFileFormat::Csv,
        }
    }
}

/// Rows fetched per page when a whole import is listed.
const PAGE: u32 = 1_000;

pub fn run(desk: &Desk, cmd: FileCommand) -> Result<(), DeskError> {
    match cmd {
        FileCommand::Export {
            carrier,
            format,
            out,
            range,
            layout,
            json,
        } => {
            let report = desk.export_carrier_file(&CarrierExportRequest {
                carrier,
                format: format.into(),
                out,
                range,
                layout,
            })?;
            exported(&report, json);
        }
        FileCommand::Import {
            file,
            carrier,
            apply,
            json,
        } => {
            let preview = desk.preview_carrier_file(&file, carrier.as_deref())?;
            if apply {
                let report = desk.apply_carrier_import(preview.import_id)?;
                applied(desk, &report, json)?;
            } else {
                previewed(desk, &preview, json)?;
            }
        }
        FileCommand::Apply { import_id, json } => {
            let report = desk.apply_carrier_import(import_id)?;
            applied(desk, &report, json)?;
        }
        FileCommand::Layouts { json } => layouts(&desk.carrier_layouts()?, json),
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), DeskError> {
    let text = serde_json::to_string_pretty(v).map_err(|e| DeskError::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn exported(r: &CarrierExportReport, as_json: bool) {
    if as_json {
        if let Err(e) = print_json(r) {
            eprintln!("error: {e}");
        }
        return;
    }
    println!(
        "내보냄 / exported: {}건 rows ({}~{}번) → {}",
        r.rows, r.first_no, r.last_no, r.path
    );
    println!(
        "택배사 / carrier: {} · 양식 layout: {} · {}",
        r.carrier_name,
        r.layout,
        r.format.id()
    );
    println!("참고 / note: {}", r.layout_note);
    println!(
        "개인정보가 담긴 파일입니다: 택배사에 올린 뒤 삭제하세요 / the file holds personal data: delete it once uploaded"
    );
}

/// Every row of an import, fetched page by page.
fn all_rows(
    desk: &Desk,
    import_id: i64,
    failed_only: bool,
) -> Result<Vec<CarrierImportRow>, DeskError> {
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = desk.carrier_import_rows(import_id, after, PAGE, failed_only)?;
        let Some(last) = page.last() else { break };
        after = last.row;
        rows.extend(page);
    }
    Ok(rows)
}

fn row_line(r: &CarrierImportRow) {
    let reason = r.reason_ko.as_deref().unwrap_or("");
    let code = r.code.as_deref().unwrap_or("");
    println!(
        "{:>6}  {:<10} {:<14} {:<16} {:<16} {} {}",
        r.row,
        r.outcome_ko,
        r.parcel_code.as_deref().unwrap_or(&r.key),
        r.tracking_no,
        code,
        reason,
        r.reason_en
            .as_deref()
            .map(|e| format!("/ {e}"))
            .unwrap_or_default()
    );
}

fn previewed(desk: &Desk, p: &CarrierImportPreview, as_json: bool) -> Result<(), DeskError> {
    if as_json {
        let mut full = p.clone();
        full.rows = all_rows(desk, p.import_id, false)?;
        return print_json(&full);
    }
    println!(
        "미리보기 / preview #{} ({}, {}): 전체 total {} · 송장등록 예정 assign {} · 변경없음 unchanged {} · 실패 failed {}",
        p.import_id, p.file_name, p.format, p.total, p.assign, p.unchanged, p.failed
    );
    for reason in &p.reasons {
        println!("  실패사유 {}: {}건", reason.code, reason.rows);
    }
    let failed = all_rows(desk, p.import_id, true)?;
    if !failed.is_empty() {
        println!(
            "{:>6}  예상처리결과 주문 / parcel     송장번호 / number  실패사유 / reason",
            "행 row"
        );
        failed.iter().for_each(row_line);
    }
    println!(
        "아직 적용되지 않았습니다. 적용하려면 / nothing applied yet; to apply: packdesk invoice apply {} (또는 import … --apply)",
        p.import_id
    );
    Ok(())
}

fn applied(desk: &Desk, r: &CarrierImportReport, as_json: bool) -> Result<(), DeskError> {
    if as_json {
        let mut full = r.clone();
        full.failed_rows = all_rows(desk, r.import_id, true)?;
        return print_json(&full);
    }
    println!(
        "적용됨 / applied #{}: 송장등록 assigned {} · 변경없음 unchanged {} · 실패 failed {}",
        r.import_id, r.assigned, r.unchanged, r.failed
    );
    if r.failed_since_preview > 0 {
        println!(
            "  미리보기 이후 바뀐 주문 {}건은 적용하지 않았습니다 / {} row(s) changed since the preview and were not applied",
            r.failed_since_preview, r.failed_since_preview
        );
    }
    for reason in &r.reasons {
        println!("  실패사유 {}: {}건", reason.code, reason.rows);
    }
    let failed = all_rows(desk, r.import_id, true)?;
    failed.iter().for_each(row_line);
    Ok(())
}

fn layouts(list: &[CarrierLayoutInfo], as_json: bool) {
    if as_json {
        if let Err(e) = print_json(&list) {
            eprintln!("error: {e}");
        }
        return;
    }
    for l in list {
        println!(
            "{:<8} {} [{}] — {}",
            l.id,
            l.name,
            l.source,
            l.headers.join(", ")
        );
    }
    println!(
        "양식은 예시입니다 (택배사 공식 양식 아님): 데이터 폴더의 carrier_layouts/ID.json 으로 바꿀 수 있습니다"
    );
    println!(
        "layouts are typical ones, not the carriers' official forms: replace one with carrier_layouts/ID.json in the data directory"
    );
}
