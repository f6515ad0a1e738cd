//! Refusals of 배송 beyond the plain scan ones: a partly claimed parcel, and the mismatch fixes.

/// Errors of shipping a partly claimed parcel and of the mismatch view.
#[derive(Debug, thiserror::Error)]
pub enum ShipError {
    #[error(
        "STOP: parcel {no} ({tracking_no}) is partly cancelled/returned — take out {}, then confirm they were removed",
        .lines_en.join("; ")
    )]
    PartlyClaimed {
        no: u32,
        tracking_no: String,
        /// The lines to take out, e.g. `20261122-0000123 T-shirt (L) ×1 (취소 C00)`.
        lines_en: Vec<String>,
        lines_ko: Vec<String>,
    },
    #[error("no mismatch {0} (see `packdesk ship mismatches`)")]
    UnknownMismatch(i64),
    #[error("mismatch {id} ({kind}) is not fixed by {action}")]
    FixNotApplicable {
        id: i64,
        kind: String,
        action: String,
    },
}

impl ShipError {
    pub fn code(&self) -> &'static str {
        match self {
            ShipError::PartlyClaimed { .. } => "SCAN_PARTLY_CLAIMED",
            ShipError::UnknownMismatch(_) => "UNKNOWN_MISMATCH",
            ShipError::FixNotApplicable { .. } => "MISMATCH_FIX_NOT_APPLICABLE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            ShipError::PartlyClaimed {
                no,
                tracking_no,
                lines_ko,
                ..
            } => format!(
                "출고 중지! {no}번 택배({tracking_no})에 취소/반품된 상품이 있습니다 — {}을(를) 빼고, 뺐음을 확인한 뒤 배송처리하세요",
                lines_ko.join("; ")
            ),
            ShipError::UnknownMismatch(id) => {
                format!("불일치 항목 {id}이(가) 없습니다 (`packdesk ship mismatches`로 확인하세요)")
            }
            ShipError::FixNotApplicable { id, kind, action } => {
                format!("불일치 {id}({kind})은(는) {action}(으)로 해결할 수 없습니다")
            }
        }
    }
}
