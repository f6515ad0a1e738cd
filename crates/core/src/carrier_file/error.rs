//! Why a carrier file could not be written or read. A file that cannot be read as a whole fails
//! before anything is kept; a bad *row* is not an error but a 실패사유 in the preview.

#[derive(Debug, thiserror::Error)]
pub enum CarrierFileError {
    #[error("unknown carrier layout '{id}' (see `packdesk invoice layouts`)")]
    UnknownLayout { id: String },
    #[error("carrier layout '{id}' is not usable: {why}")]
    BadLayout { id: String, why: String },
    #[error("no parcel of the list is waiting for a {carrier} number")]
    NothingToExport { carrier: String },
    #[error("row {no} cannot go in a carrier file: {reason_en}")]
    NotExportable {
        no: u32,
        reason_en: String,
        reason_ko: String,
    },
    #[error("cannot write {path}: {why}")]
    Write { path: String, why: String },
    #[error("cannot read {path}: {why}")]
    Read { path: String, why: String },
    #[error("{path} is not a spreadsheet (XLSX, XLS, ODS or CSV)")]
    NotASpreadsheet { path: String },
    #[error(
        "{path} is password-protected: open it in Excel, remove the password, save and try again"
    )]
    Encrypted { path: String },
    #[error("{path} is damaged: {why}")]
    Corrupt { path: String, why: String },
    #[error("{path} is empty")]
    Empty { path: String },
    #[error(
        "no tracking-number column (운송장번호 / 송장번호 / 등기번호 …) in the file; its first row reads: {headers}"
    )]
    NoNumberColumn { headers: String },
    #[error(
        "no column names the parcel (고객주문번호 / 패킹데스크코드) or the order (주문번호); the header row reads: {headers}"
    )]
    NoKeyColumn { headers: String },
    #[error("the file has a header row but no rows of tracking numbers")]
    NoRows,
    #[error("carrier file import {0} does not exist")]
    UnknownImport(i64),
    #[error("carrier file import {import_id} is {status}: only a preview can be applied")]
    NotPending { import_id: i64, status: String },
}

impl CarrierFileError {
    pub fn code(&self) -> &'static str {
        match self {
            CarrierFileError::UnknownLayout { .. } => "CARRIER_LAYOUT_UNKNOWN",
            CarrierFileError::BadLayout { .. } => "CARRIER_LAYOUT_INVALID",
            CarrierFileError::NothingToExport { .. } => "CARRIER_FILE_NOTHING_TO_EXPORT",
            CarrierFileError::NotExportable { .. } => "CARRIER_FILE_NOT_EXPORTABLE",
            CarrierFileError::Write { .. } => "CARRIER_FILE_WRITE",
            CarrierFileError::Read { .. } => "CARRIER_FILE_READ",
            CarrierFileError::NotASpreadsheet { .. } => "CARRIER_FILE_NOT_SPREADSHEET",
            CarrierFileError::Encrypted { .. } => "CARRIER_FILE_ENCRYPTED",
            CarrierFileError::Corrupt { .. } => "CARRIER_FILE_CORRUPT",
            CarrierFileError::Empty { .. } => "CARRIER_FILE_EMPTY",
            CarrierFileError::NoNumberColumn { .. } => "CARRIER_FILE_NO_NUMBER_COLUMN",
            CarrierFileError::NoKeyColumn { .. } => "CARRIER_FILE_NO_KEY_COLUMN",
            CarrierFileError::NoRows => "CARRIER_FILE_NO_ROWS",
            CarrierFileError::UnknownImport(_) => "CARRIER_IMPORT_UNKNOWN",
            CarrierFileError::NotPending { .. } => "CARRIER_IMPORT_NOT_PENDING",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            CarrierFileError::UnknownLayout { id } => {
                format!("알 수 없는 택배사 양식 '{id}' 입니다 (`packdesk invoice layouts`로 확인)")
            }
            CarrierFileError::BadLayout { id, why } => {
                format!("택배사 양식 '{id}'을(를) 쓸 수 없습니다: {why}")
            }
            CarrierFileError::NothingToExport { carrier } => {
                format!("{carrier} 송장번호를 기다리는 주문이 없습니다")
            }
            CarrierFileError::NotExportable { no, reason_ko, .. } => {
                format!("{no}번은 송장 파일에 넣을 수 없습니다: {reason_ko}")
            }
            CarrierFileError::Write { path, why } => {
                format!("파일을 저장할 수 없습니다 ({path}): {why}")
            }
            CarrierFileError::Read { path, why } => {
                format!("파일을 읽을 수 없습니다 ({path}): {why}")
            }
            CarrierFileError::NotASpreadsheet { path } => format!(
                "{path}은(는) 엑셀 파일이 아닙니다 (XLSX, XLS, ODS, CSV 파일을 올려 주세요)"
            ),
            CarrierFileError::Encrypted { path } => format!(
                "{path}에 암호가 걸려 있습니다. 엑셀에서 암호를 해제하고 저장한 뒤 다시 올려 주세요"
            ),
            CarrierFileError::Corrupt { path, why } => {
                format!("{path} 파일이 손상되었습니다: {why}")
            }
            CarrierFileError::Empty { path } => format!("{path} 파일이 비어 있습니다"),
            CarrierFileError::NoNumberColumn { headers } => {
                format!("송장번호 열(운송장번호/송장번호/등기번호 등)이 없습니다. 첫 행: {headers}")
            }
            CarrierFileError::NoKeyColumn { headers } => format!(
                "주문을 찾을 열(고객주문번호/패킹데스크코드 또는 주문번호)이 없습니다. 제목 행: {headers}"
            ),
            CarrierFileError::NoRows => "제목 행만 있고 송장번호가 적힌 행이 없습니다".into(),
            CarrierFileError::UnknownImport(id) => {
                format!("송장 파일 가져오기 {id}번이 없습니다")
            }
            CarrierFileError::NotPending { import_id, status } => {
                let what = match status.as_str() {
                    "applied" => "이미 적용되었습니다",
                    _ => "미리보기 상태가 아닙니다",
                };
                format!("송장 파일 가져오기 {import_id}번은 {what} (미리보기만 적용할 수 있습니다)")
            }
        }
    }
}
