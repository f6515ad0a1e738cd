//! What the app and the CLI send and get back for the carrier-file route.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The file type of an export. Serialised "xlsx" | "csv".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CarrierFileFormat {
    Xlsx,
    /// UTF-8 with a byte-order mark, so Excel opens the Korean correctly.
    Csv,
}

impl CarrierFileFormat {
    pub fn id(self) -> &'static str {
        match self {
            CarrierFileFormat::Xlsx => "xlsx",
            CarrierFileFormat::Csv => "csv",
        }
    }

    pub fn parse(s: &str) -> Option<CarrierFileFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" | "excel" => Some(CarrierFileFormat::Xlsx),
            "csv" => Some(CarrierFileFormat::Csv),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierExportRequest {
    /// cj | hanjin | lotte | epost | logen | ems
    pub carrier: String,
    pub format: CarrierFileFormat,
    pub out: PathBuf,
    /// Rows by 연번 (`1-3, 5, 7`); empty = every row waiting for a number of this carrier.
    #[serde(default)]
    pub range: String,
    /// A layout id; None = the carrier's own layout, else the generic one.
    #[serde(default)]
    pub layout: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierExportReport {
    pub export_id: i64,
    pub carrier: String,
    pub carrier_name: String,
    pub layout: String,
    /// Says the layout is a typical one, not the carrier's official form.
    pub layout_note: String,
    pub format: CarrierFileFormat,
    pub path: String,
    pub rows: u32,
    /// 연번 of the first and last row written.
    pub first_no: u32,
    pub last_no: u32,
}

/// A carrier layout as data (built in, or the shop's copy in the data directory).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierLayoutInfo {
    pub id: String,
    pub carrier: Option<String>,
    pub name: String,
    pub note: String,
    pub sheet: String,
    pub headers: Vec<String>,
    /// "builtin" | the path of the shop's copy.
    pub source: String,
}

/// What reading a row did or will do. Serialised "assign" | "unchanged" | "failed" | "assigned".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportOutcome {
    /// Preview: the number will be given to the parcel (예상처리결과: 송장등록).
    Assign,
    /// The parcel already has exactly this number (변경없음).
    Unchanged,
    /// Not applied; `code` says why (실패사유).
    Failed,
    /// Applied: the parcel has the number now.
    Assigned,
}

impl ImportOutcome {
    pub fn id(self) -> &'static str {
        match self {
            ImportOutcome::Assign => "assign",
            ImportOutcome::Unchanged => "unchanged",
            ImportOutcome::Failed => "failed",
            ImportOutcome::Assigned => "assigned",
        }
    }

    pub fn parse(s: &str) -> Option<ImportOutcome> {
        Some(match s {
            "assign" => ImportOutcome::Assign,
            "unchanged" => ImportOutcome::Unchanged,
            "failed" => ImportOutcome::Failed,
            "assigned" => ImportOutcome::Assigned,
            _ => return None,
        })
    }

    pub fn label_ko(self) -> &'static str {
        match self {
            ImportOutcome::Assign => "송장등록 예정",
            ImportOutcome::Unchanged => "변경없음",
            ImportOutcome::Failed => "실패",
            ImportOutcome::Assigned => "송장등록 완료",
        }
    }
}

/// One row of a carrier's file with its 예상처리결과 / 실패사유.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierImportRow {
    /// The row as the spreadsheet numbers it (the header row included), to find it in Excel.
    pub row: u32,
    /// The parcel code or order id as the file has it.
    pub key: String,
    /// The parcel's code (`P0000123`) when the row was matched to one.
    pub parcel_code: Option<String>,
    /// The parcel's 연번 in today's list, when it is in it.
    pub no: Option<u32>,
    /// The number as read (cleaned of hyphens and spaces when it could be).
    pub tracking_no: String,
    pub carrier: Option<String>,
    pub outcome: ImportOutcome,
    pub outcome_ko: String,
    /// UNKNOWN_ORDER | BAD_NUMBER | DUPLICATE_IN_FILE | NUMBER_IN_USE | ALREADY_SHIPPED | CLAIMED |
    /// ALREADY_HAS_NUMBER | NOT_READY | CARRIER_MISMATCH, on failed rows.
    pub code: Option<String>,
    pub reason_ko: Option<String>,
    pub reason_en: Option<String>,
}

/// How many rows failed for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReasonCount {
    pub code: String,
    pub rows: u32,
}

/// The row-by-row preview of a carrier's file: nothing is applied until
/// [`crate::Desk::apply_carrier_import`] is called with its `import_id`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierImportPreview {
    pub import_id: i64,
    pub file_name: String,
    /// xlsx | xls | ods | csv
    pub format: String,
    /// The carrier the user named; None = each parcel's exported (else own) carrier.
    pub carrier: Option<String>,
    /// preview | applied
    pub status: String,
    pub total: u32,
    pub assign: u32,
    pub unchanged: u32,
    pub failed: u32,
    pub reasons: Vec<ImportReasonCount>,
    /// The first rows in file order (all of them up to [`PREVIEW_ROWS`]); the rest through
    /// [`crate::Desk::carrier_import_rows`].
    pub rows: Vec<CarrierImportRow>,
}

/// How many rows a preview carries itself.
pub const PREVIEW_ROWS: u32 = 500;

/// What applying a preview did, in one transaction.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierImportReport {
    pub import_id: i64,
    pub assigned: u32,
    pub unchanged: u32,
    pub failed: u32,
    /// Rows the preview would have assigned that failed now (claimed or shipped meanwhile, …).
    pub failed_since_preview: u32,
    pub reasons: Vec<ImportReasonCount>,
    /// The failed rows in file order (up to [`PREVIEW_ROWS`]).
    pub failed_rows: Vec<CarrierImportRow>,
}
