//! Why a 매칭 request was refused. An unknown SKU is [`crate::DeskError::UnknownSku`].

#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error("order line {0} does not exist")]
    UnknownItem(i64),
    #[error("order line {0} already has a SKU")]
    AlreadyMatched(i64),
    #[error(
        "no line is waiting for a SKU with product '{product_name}' and option '{option_text}'"
    )]
    NothingWaiting {
        product_name: String,
        option_text: String,
    },
    #[error("mapping {0} does not exist (see `packdesk match mappings`)")]
    UnknownMapping(i64),
    #[error("SKU {0} is not a bundle")]
    NotABundle(String),
    #[error("a bundle needs at least one component")]
    BundleEmpty,
    #[error("bundle {sku} cannot contain itself")]
    BundleSelf { sku: String },
    #[error("{sku} is a bundle or part of one: bundles do not nest")]
    BundleNested { sku: String },
    #[error("component {sku}: count {count} must be 1 or more")]
    BundleBadCount { sku: String, count: i64 },
    #[error(
        "bundle {sku} holds stock for {held} unit(s) not yet shipped: ship or re-plan them before changing it"
    )]
    BundleInUse { sku: String, held: i64 },
    #[error("cannot read {path}: {why}")]
    FileRead { path: String, why: String },
    #[error("{path} is not a spreadsheet (XLSX, XLS, ODS or CSV)")]
    FileNotSpreadsheet { path: String },
    #[error(
        "{path} is password-protected: open it in Excel, remove the password, save and try again"
    )]
    FileEncrypted { path: String },
    #[error("{path} is damaged: {why}")]
    FileCorrupt { path: String, why: String },
    #[error("{path} is empty")]
    FileEmpty { path: String },
    #[error(
        "no header row with 상품명 and SKU (품목코드 / 바코드) columns; the first row reads: {headers}"
    )]
    FileNoHeader { headers: String },
    #[error("the file has a header row but no mapping rows")]
    FileNoRows,
}

impl MatchError {
    /// The same error naming `name` where it named the file at `path` (an upload's temporary copy).
    pub(super) fn renamed(self, path: &std::path::Path, name: &str) -> MatchError {
        let fix = |p: String| {
            if p == path.display().to_string() {
                name.to_string()
            } else {
                p
            }
        };
        match self {
            MatchError::FileRead { path: p, why } => MatchError::FileRead { path: fix(p), why },
            MatchError::FileNotSpreadsheet { path: p } => {
                MatchError::FileNotSpreadsheet { path: fix(p) }
            }
            MatchError::FileEncrypted { path: p } => MatchError::FileEncrypted { path: fix(p) },
            MatchError::FileCorrupt { path: p, why } => {
                MatchError::FileCorrupt { path: fix(p), why }
            }
            MatchError::FileEmpty { path: p } => MatchError::FileEmpty { path: fix(p) },
            other => other,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            MatchError::UnknownItem(_) => "MATCH_UNKNOWN_ITEM",
            MatchError::AlreadyMatched(_) => "MATCH_ALREADY_MATCHED",
            MatchError::NothingWaiting { .. } => "MATCH_NOTHING_WAITING",
            MatchError::UnknownMapping(_) => "MAPPING_UNKNOWN",
            MatchError::NotABundle(_) => "BUNDLE_UNKNOWN",
            MatchError::BundleEmpty => "BUNDLE_EMPTY",
            MatchError::BundleSelf { .. } => "BUNDLE_SELF",
            MatchError::BundleNested { .. } => "BUNDLE_NESTED",
            MatchError::BundleBadCount { .. } => "BUNDLE_BAD_COUNT",
            MatchError::BundleInUse { .. } => "BUNDLE_IN_USE",
            MatchError::FileRead { .. } => "MAPPING_FILE_READ",
            MatchError::FileNotSpreadsheet { .. } => "MAPPING_FILE_NOT_SPREADSHEET",
            MatchError::FileEncrypted { .. } => "MAPPING_FILE_ENCRYPTED",
            MatchError::FileCorrupt { .. } => "MAPPING_FILE_CORRUPT",
            MatchError::FileEmpty { .. } => "MAPPING_FILE_EMPTY",
            MatchError::FileNoHeader { .. } => "MAPPING_FILE_NO_HEADER",
            MatchError::FileNoRows => "MAPPING_FILE_NO_ROWS",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            MatchError::UnknownItem(id) => format!("주문 상품 {id}번이 없습니다"),
            MatchError::AlreadyMatched(id) => format!("주문 상품 {id}번은 이미 매칭되었습니다"),
            MatchError::NothingWaiting {
                product_name,
                option_text,
            } => format!("매칭을 기다리는 '{product_name}' ({option_text}) 주문 상품이 없습니다"),
            MatchError::UnknownMapping(id) => {
                format!("매칭 정보 {id}번이 없습니다 (`packdesk match mappings`로 확인)")
            }
            MatchError::NotABundle(sku) => format!("{sku}은(는) 세트상품이 아닙니다"),
            MatchError::BundleEmpty => "세트상품에는 구성품이 하나 이상 있어야 합니다".into(),
            MatchError::BundleSelf { sku } => {
                format!("세트상품 {sku}은(는) 자기 자신을 구성품으로 가질 수 없습니다")
            }
            MatchError::BundleNested { sku } => format!(
                "{sku}은(는) 세트상품이거나 다른 세트의 구성품입니다: 세트 안에 세트를 넣을 수 없습니다"
            ),
            MatchError::BundleBadCount { sku, count } => {
                format!("구성품 {sku}의 수량 {count}이(가) 올바르지 않습니다 (1 이상)")
            }
            MatchError::BundleInUse { sku, held } => format!(
                "세트상품 {sku}은(는) 아직 출고되지 않은 {held}개에 재고가 할당되어 있어 바꿀 수 없습니다. 먼저 출고하거나 재할당하세요"
            ),
            MatchError::FileRead { path, why } => format!("{path} 파일을 읽을 수 없습니다: {why}"),
            MatchError::FileNotSpreadsheet { path } => {
                format!("{path}은(는) 엑셀/CSV 파일이 아닙니다 (XLSX, XLS, ODS, CSV)")
            }
            MatchError::FileEncrypted { path } => format!(
                "{path}에 암호가 걸려 있습니다. 엑셀에서 암호를 해제하고 저장한 뒤 다시 올려 주세요"
            ),
            MatchError::FileCorrupt { path, why } => format!("{path} 파일이 손상되었습니다: {why}"),
            MatchError::FileEmpty { path } => format!("{path} 파일이 비어 있습니다"),
            MatchError::FileNoHeader { headers } => format!(
                "상품명과 SKU(품목코드/바코드) 열이 있는 제목 행을 찾을 수 없습니다. 첫 행: {headers}"
            ),
            MatchError::FileNoRows => "제목 행 아래에 매칭 정보가 없습니다".into(),
        }
    }
}
