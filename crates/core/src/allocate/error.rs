//! What allocation refuses, with stable codes for the UI and the CLI.

#[derive(Debug, thiserror::Error)]
pub enum AllocationError {
    #[error("parcel {no} cannot be split: {reason_en}")]
    NotSplittable {
        no: u32,
        reason_en: &'static str,
        reason_ko: &'static str,
    },
    #[error(
        "unknown allocation setting '{value}' (policy: full-first|partial; priority: date|seller|quantity|amount)"
    )]
    BadPolicy { value: String },
    #[error(
        "{sku}: a count of {requested} is below the {allocated} already allocated to parcels; release them first"
    )]
    CountBelowAllocated {
        sku: String,
        requested: i64,
        allocated: i64,
    },
    #[error("a stock count cannot be negative ({0})")]
    NegativeCount(i64),
}

impl AllocationError {
    pub fn code(&self) -> &'static str {
        match self {
            AllocationError::NotSplittable { .. } => "ALLOCATION_NOT_SPLITTABLE",
            AllocationError::BadPolicy { .. } => "ALLOCATION_BAD_POLICY",
            AllocationError::CountBelowAllocated { .. } => "STOCK_BELOW_ALLOCATED",
            AllocationError::NegativeCount(_) => "STOCK_NEGATIVE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            AllocationError::NotSplittable { no, reason_ko, .. } => {
                format!("{no}번 택배는 나눌 수 없습니다: {reason_ko}")
            }
            AllocationError::BadPolicy { value } => format!(
                "알 수 없는 할당 설정 '{value}' (정책: full-first|partial, 우선순위: date|seller|quantity|amount)"
            ),
            AllocationError::CountBelowAllocated {
                sku,
                requested,
                allocated,
            } => format!(
                "{sku}: 재고 {requested}개는 이미 할당된 {allocated}개보다 적습니다. 먼저 할당을 해제하세요"
            ),
            AllocationError::NegativeCount(n) => format!("재고 수량은 음수일 수 없습니다 ({n})"),
        }
    }
}
