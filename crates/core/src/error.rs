//! The one error type the app and the CLI see. Each variant has a stable `code()` the UI branches on
//! (never string matching) and a message in Korean and English.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("no parcel has the scanned waybill number {code}")]
    ScanUnknown { code: String },
    #[error("parcel {no} ({tracking_no}) was already shipped at {at}")]
    ScanAlreadyShipped {
        no: u32,
        tracking_no: String,
        at: String,
    },
    #[error(
        "STOP: parcel {no} ({tracking_no}) has a cancel/return request — do not ship ({reason})"
    )]
    ScanClaimed {
        no: u32,
        tracking_no: String,
        reason: String,
    },
    #[error("the scan is empty")]
    ScanEmpty,
    #[error(
        "STOP: parcel {no} ({tracking_no}) is refused by the service — {reason_en}; repack it or choose another service"
    )]
    ScanOverLimit {
        no: u32,
        tracking_no: String,
        reason_en: String,
        reason_ko: String,
    },
    #[error(
        "parcel {no} ({tracking_no}) goes abroad ({country}): put it on the scale before shipping"
    )]
    ScanNeedsWeight {
        no: u32,
        tracking_no: String,
        country: String,
    },
    #[error("no parcel {0} (use no:N, a tracking number or scan the waybill)")]
    UnknownParcel(String),
    #[error(transparent)]
    Fee(#[from] packdesk_fees::FeeError),
    #[error("{0}")]
    Range(#[from] packdesk_labels::range::RangeError),
    #[error("row {no} cannot be printed: {reason}")]
    NotPrintable {
        no: u32,
        reason: String,
        reason_ko: String,
    },
    #[error("the list is empty: collect orders first")]
    NothingToPrint,
    #[error(
        "the {carrier} invoice-number pool is empty: add a block with `packdesk invoice pool add`"
    )]
    PoolEmpty { carrier: String },
    #[error("invalid {carrier} invoice number {number}: {reason}")]
    InvoiceFormat {
        carrier: String,
        number: String,
        reason: String,
        reason_ko: String,
    },
    #[error("unknown carrier {0}")]
    UnknownCarrier(String),
    #[error("no printer is set: pass --printer tcp://HOST:PORT or file:///PATH.pdf")]
    NoPrinter,
    #[error("rows {} were printed before: give a reason to print them again", join_nos(.nos))]
    PrintReasonRequired { nos: Vec<u32> },
    #[error(
        "printing paused after {printed} of {total} label(s) (job {job_id}): [{cause_code}] {cause_en}; fix the printer and resume the job"
    )]
    PrintPaused {
        job_id: i64,
        printed: u32,
        total: u32,
        cause_code: String,
        cause_en: String,
        cause_ko: String,
    },
    #[error("print job {0} does not exist")]
    UnknownPrintJob(i64),
    #[error("print job {job_id} is {status}, not paused: only a paused job resumes")]
    PrintJobNotPaused { job_id: i64, status: String },
    #[error("unknown document '{0}' (e.g. waybill-cj, packing-slip, pick-list)")]
    UnknownDocument(String),
    #[error("unknown SKU '{0}': not in the catalogue (collect or sync the shop's products first)")]
    UnknownSku(String),
    #[error("unknown order '{0}'")]
    UnknownOrder(String),
    #[error("unknown merge review {0} (see `packdesk merge review`)")]
    UnknownMergeReview(i64),
    #[error("merge review {id} is already {status}")]
    MergeReviewClosed { id: i64, status: String },
    #[error(
        "order {order_id} is in a parcel whose waybill is printed: it can no longer be split off"
    )]
    MergeLockPrinted { order_id: String },
    #[error("bad {field} '{value}': {why_en}")]
    BadProductFact {
        field: &'static str,
        value: String,
        why_en: &'static str,
        why_ko: &'static str,
    },
    #[error("{what_en} is not available in this build yet")]
    NotYetAvailable { what_en: String, what_ko: String },
    #[error(transparent)]
    Printer(#[from] packdesk_devices::printer::PrinterError),
    #[error(transparent)]
    Label(#[from] packdesk_labels::LabelError),
    #[error("no shop is connected: run `packdesk connect cafe24 …` or `packdesk demo`")]
    NotConnected,
    #[error(transparent)]
    Cafe24(#[from] packdesk_cafe24::Cafe24Error),
    #[error("OAuth: {0}")]
    OAuth(String),
    #[error(
        "the app was granted without {scopes}: add them to the app in the Cafe24 developer center and connect again"
    )]
    MissingScopes { scopes: String },
    #[error("no shop {0} is connected (see `packdesk shop list`)")]
    UnknownShop(i64),
    #[error("collection failed for {failed} of {total} shop(s); first: {first}")]
    CollectFailed {
        failed: usize,
        total: usize,
        first: String,
        first_ko: String,
        code: &'static str,
    },
    #[error(transparent)]
    Fassto(#[from] packdesk_fassto::FmsError),
    #[error("FASSTO FMS is not connected: run `packdesk connect fassto …`")]
    FasstoNotConnected,
    #[error(transparent)]
    Timetable(#[from] packdesk_schedule::TimetableError),
    #[error(transparent)]
    Calendar(#[from] packdesk_schedule::CalendarError),
    #[error("keychain: {0}")]
    Secrets(String),
    #[error("invalid input: {en}")]
    InvalidInput { en: String, ko: String },
    #[error(transparent)]
    CarrierFile(#[from] crate::carrier_file::CarrierFileError),
    #[error(transparent)]
    Allocation(#[from] crate::allocate::AllocationError),
    #[error(transparent)]
    Pipeline(#[from] crate::pipeline::PipelineError),
    #[error(transparent)]
    Match(#[from] crate::matching::MatchError),
    #[error(transparent)]
    Ship(#[from] crate::ship::ShipError),
    #[error(transparent)]
    OrderEntry(#[from] crate::order_entry::OrderEntryError),
    #[error(transparent)]
    Store(#[from] packdesk_store::StoreError),
    #[error("demo: {0}")]
    Demo(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl DeskError {
    pub fn code(&self) -> &'static str {
        match self {
            DeskError::ScanUnknown { .. } => "SCAN_UNKNOWN",
            DeskError::ScanAlreadyShipped { .. } => "SCAN_ALREADY_SHIPPED",
            DeskError::ScanClaimed { .. } => "SCAN_CLAIMED",
            DeskError::ScanEmpty => "SCAN_EMPTY",
            DeskError::ScanOverLimit { .. } => "SCAN_OVER_LIMIT",
            DeskError::ScanNeedsWeight { .. } => "SCAN_NEEDS_WEIGHT",
            DeskError::UnknownParcel(_) => "UNKNOWN_PARCEL",
            DeskError::Fee(e) => e.code(),
            DeskError::Range(e) => e.code(),
            DeskError::NotPrintable { .. } => "NOT_PRINTABLE",
            DeskError::NothingToPrint => "NOTHING_TO_PRINT",
            DeskError::PoolEmpty { .. } => "POOL_EMPTY",
            DeskError::InvoiceFormat { .. } => "INVOICE_FORMAT",
            DeskError::UnknownCarrier(_) => "UNKNOWN_CARRIER",
            DeskError::NoPrinter => "NO_PRINTER",
            DeskError::PrintReasonRequired { .. } => "PRINT_REASON_REQUIRED",
            DeskError::PrintPaused { .. } => "PRINT_PAUSED",
            DeskError::UnknownPrintJob(_) => "UNKNOWN_PRINT_JOB",
            DeskError::PrintJobNotPaused { .. } => "PRINT_JOB_NOT_PAUSED",
            DeskError::UnknownDocument(_) => "UNKNOWN_DOCUMENT",
            DeskError::UnknownSku(_) => "UNKNOWN_SKU",
            DeskError::UnknownOrder(_) => "UNKNOWN_ORDER",
            DeskError::UnknownMergeReview(_) => "UNKNOWN_MERGE_REVIEW",
            DeskError::MergeReviewClosed { .. } => "MERGE_REVIEW_CLOSED",
            DeskError::MergeLockPrinted { .. } => "MERGE_LOCK_PRINTED",
            DeskError::BadProductFact { .. } => "BAD_PRODUCT_FACT",
            DeskError::NotYetAvailable { .. } => "NOT_YET_AVAILABLE",
            DeskError::Printer(e) => e.code(),
            DeskError::Label(e) => e.code(),
            DeskError::NotConnected => "NOT_CONNECTED",
            DeskError::Cafe24(e) => e.code(),
            DeskError::OAuth(_) => "OAUTH_FAILED",
            DeskError::MissingScopes { .. } => "CAFE24_MISSING_SCOPES",
            DeskError::UnknownShop(_) => "UNKNOWN_SHOP",
            DeskError::CollectFailed { code, .. } => code,
            DeskError::Fassto(e) => e.code(),
            DeskError::FasstoNotConnected => "FMS_NOT_CONNECTED",
            DeskError::Timetable(e) => e.code(),
            DeskError::Calendar(e) => e.code(),
            DeskError::Secrets(_) => "SECRETS",
            DeskError::InvalidInput { .. } => "INVALID_INPUT",
            DeskError::CarrierFile(e) => e.code(),
            DeskError::Allocation(e) => e.code(),
            DeskError::Pipeline(e) => e.code(),
            DeskError::Match(e) => e.code(),
            DeskError::Ship(e) => e.code(),
            DeskError::OrderEntry(e) => e.code(),
            DeskError::Store(e) => e.code(),
            DeskError::Demo(_) => "DEMO",
            DeskError::Internal(_) => "INTERNAL",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            DeskError::ScanUnknown { code } => format!("스캔한 송장번호 {code}에 해당하는 택배가 없습니다"),
            DeskError::ScanAlreadyShipped { no, tracking_no, at } => {
                format!("{no}번 택배({tracking_no})는 이미 {at}에 배송처리되었습니다")
            }
            DeskError::ScanClaimed { no, tracking_no, reason } => {
                format!("출고 중지! {no}번 택배({tracking_no})에 취소/반품 요청이 있습니다 ({reason})")
            }
            DeskError::ScanEmpty => "스캔 값이 비어 있습니다".into(),
            DeskError::ScanOverLimit { no, tracking_no, reason_ko, .. } => format!(
                "출고 중지! {no}번 택배({tracking_no})는 배송 서비스 한도를 넘습니다 — {reason_ko}. 다시 포장하거나 다른 서비스를 고르세요"
            ),
            DeskError::ScanNeedsWeight { no, tracking_no, country } => {
                format!("{no}번 택배({tracking_no})는 해외({country}) 배송입니다: 저울에 올려 주세요")
            }
            DeskError::UnknownParcel(p) => {
                format!("{p}에 해당하는 택배가 없습니다 (no:연번, 송장번호 또는 송장 스캔)")
            }
            DeskError::Fee(e) => e.message_ko(),
            DeskError::Range(e) => e.message_ko(),
            DeskError::NotPrintable { no, reason_ko, .. } => format!("{no}번은 출력할 수 없습니다: {reason_ko}"),
            DeskError::NothingToPrint => "출력할 주문이 없습니다. 먼저 주문을 수집하세요".into(),
            DeskError::PoolEmpty { carrier } => {
                format!("{carrier} 송장번호 대역이 비었습니다. `packdesk invoice pool add`로 추가하세요")
            }
            DeskError::InvoiceFormat { carrier, number, reason_ko, .. } => {
                format!("{carrier} 송장번호 {number} 형식 오류: {reason_ko}")
            }
            DeskError::UnknownCarrier(c) => format!("알 수 없는 택배사: {c}"),
            DeskError::NoPrinter => "프린터가 설정되지 않았습니다: --printer tcp://HOST:PORT 또는 file:///경로.pdf".into(),
            DeskError::PrintReasonRequired { nos } => format!(
                "{}번은 이미 출력된 송장입니다. 재출력 사유를 입력하세요",
                join_nos(nos)
            ),
            DeskError::PrintPaused { job_id, printed, total, cause_ko, .. } => format!(
                "출력이 일시정지되었습니다 (작업 {job_id}): {total}장 중 {printed}장 출력, {}장 미출력. {cause_ko} 프린터를 확인한 뒤 이어서 출력하세요",
                total.saturating_sub(*printed)
            ),
            DeskError::UnknownPrintJob(id) => format!("출력 작업 {id}이(가) 없습니다"),
            DeskError::PrintJobNotPaused { job_id, status } => format!(
                "출력 작업 {job_id}은(는) 일시정지 상태가 아닙니다 ({status}): 일시정지된 작업만 이어서 출력할 수 있습니다"
            ),
            DeskError::UnknownDocument(d) => {
                format!("알 수 없는 문서 '{d}' (예: waybill-cj, packing-slip, pick-list)")
            }
            DeskError::UnknownOrder(o) => format!("알 수 없는 주문번호 '{o}' 입니다"),
            DeskError::UnknownMergeReview(id) => {
                format!("합포 확인 {id}번이 없습니다 (packdesk merge review 로 목록 확인)")
            }
            DeskError::MergeReviewClosed { id, status } => {
                let what = match status.as_str() {
                    "merged" => "이미 합포되었습니다",
                    "kept_apart" => "이미 따로 보내기로 했습니다",
                    _ => "택배가 출력/배송되어 더 이상 합칠 수 없습니다",
                };
                format!("합포 확인 {id}번: {what}")
            }
            DeskError::MergeLockPrinted { order_id } => format!(
                "주문 {order_id}은(는) 송장이 출력된 택배에 있어 분리할 수 없습니다"
            ),
            DeskError::UnknownSku(s) => {
                format!("상품 목록에 없는 SKU '{s}' 입니다 (먼저 주문/상품을 수집하세요)")
            }
            DeskError::BadProductFact {
                field,
                value,
                why_ko,
                ..
            } => format!("{field} 값 '{value}'이(가) 올바르지 않습니다: {why_ko}"),
            DeskError::NotYetAvailable { what_ko, .. } => {
                format!("{what_ko}은(는) 아직 이 버전에서 지원되지 않습니다")
            }
            DeskError::Printer(e) => e.message_ko(),
            DeskError::Label(e) => e.message_ko(),
            DeskError::NotConnected => {
                "연결된 쇼핑몰이 없습니다: `packdesk connect cafe24 …` 또는 `packdesk demo`를 실행하세요".into()
            }
            DeskError::Cafe24(e) => e.message_ko(),
            DeskError::OAuth(m) => format!("카페24 인증 실패: {m}"),
            DeskError::MissingScopes { scopes } => format!(
                "앱 권한이 부족합니다: {scopes} 권한이 없습니다. 카페24 개발자센터에서 권한을 추가한 뒤 다시 연결하세요"
            ),
            DeskError::UnknownShop(id) => {
                format!("{id}번 쇼핑몰이 연결되어 있지 않습니다 (`packdesk shop list` 참고)")
            }
            DeskError::CollectFailed { failed, total, first_ko, .. } => {
                format!("쇼핑몰 {total}곳 중 {failed}곳 수집 실패: {first_ko}")
            }
            DeskError::Fassto(e) => e.message_ko(),
            DeskError::FasstoNotConnected => {
                "파스토 FMS가 연결되지 않았습니다: `packdesk connect fassto …`를 실행하세요".into()
            }
            DeskError::Timetable(e) => e.message_ko(),
            DeskError::Calendar(e) => e.message_ko(),
            DeskError::Secrets(m) => format!("키체인 오류: {m}"),
            DeskError::InvalidInput { ko, .. } => format!("입력 오류: {ko}"),
            DeskError::CarrierFile(e) => e.message_ko(),
            DeskError::Allocation(e) => e.message_ko(),
            DeskError::Pipeline(e) => e.message_ko(),
            DeskError::Match(e) => e.message_ko(),
            DeskError::Ship(e) => e.message_ko(),
            DeskError::OrderEntry(e) => e.message_ko(),
            DeskError::Store(e) => e.message_ko(),
            DeskError::Demo(m) => format!("데모 모드 오류: {m}"),
            DeskError::Internal(m) => format!("내부 오류: {m}"),
        }
    }

    /// The JSON the UI receives for a failed command.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message_ko: self.message_ko(),
            message_en: self.to_string(),
        }
    }
}

#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct ErrorPayload {
    pub code: String,
    pub message_ko: String,
    pub message_en: String,
}

impl DeskError {
    /// Bad input from a person, said in both languages.
    pub fn invalid(en: impl Into<String>, ko: impl Into<String>) -> DeskError {
        DeskError::InvalidInput {
            en: en.into(),
            ko: ko.into(),
        }
    }
}

impl From<packdesk_store::rusqlite::Error> for DeskError {
    fn from(e: packdesk_store::rusqlite::Error) -> Self {
        DeskError::Store(packdesk_store::StoreError::from(e))
    }
}

/// `1, 3, 5` for the messages that name rows.
fn join_nos(nos: &[u32]) -> String {
    nos.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub type Result<T, E = DeskError> = std::result::Result<T, E>;
