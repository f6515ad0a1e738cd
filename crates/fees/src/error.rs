//! Why a parcel could not be priced. Every refusal names the limit it broke, so the packer can
//! repack or pick another service without looking anything up.

use crate::units::{fmt_cm, fmt_kg};

/// Which size rule a parcel broke (or fell short of).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeRule {
    LongestSide,
    LengthPlusGirth,
    SumOfSides,
}

impl SizeRule {
    fn en(self) -> &'static str {
        match self {
            SizeRule::LongestSide => "longest side",
            SizeRule::LengthPlusGirth => "length + girth",
            SizeRule::SumOfSides => "length + width + height",
        }
    }

    fn ko(self) -> &'static str {
        match self {
            SizeRule::LongestSide => "최장변",
            SizeRule::LengthPlusGirth => "길이 + 둘레",
            SizeRule::SumOfSides => "가로 + 세로 + 높이",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeeError {
    #[error("{service}: {} is over the {} weight limit", fmt_kg(*weight_g), fmt_kg(*limit_g))]
    OverWeight {
        service: String,
        weight_g: u32,
        limit_g: u32,
    },
    #[error(
        "{service}: volumetric weight {} is over the {} limit",
        fmt_kg(*volumetric_g),
        fmt_kg(*limit_g)
    )]
    OverVolumetric {
        service: String,
        volumetric_g: u32,
        limit_g: u32,
    },
    #[error("{service}: {} {} is over the {} limit", rule.en(), fmt_cm(*value_mm), fmt_cm(*limit_mm))]
    OverSize {
        service: String,
        rule: SizeRule,
        value_mm: u32,
        limit_mm: u32,
    },
    #[error(
        "{service}: the largest face {} x {} is under the minimum {} x {}",
        fmt_cm(face_mm.0),
        fmt_cm(face_mm.1),
        fmt_cm(min_mm.0),
        fmt_cm(min_mm.1)
    )]
    UnderSize {
        service: String,
        face_mm: (u32, u32),
        min_mm: (u32, u32),
    },
    #[error("{service} has no rate for destination {country}")]
    NoZone { service: String, country: String },
    #[error("the parcel weighs nothing: weigh it first")]
    NoWeight,
    #[error("unknown service {0:?}: ems, kpacket or express")]
    UnknownService(String),
    #[error("rate data {file}, line {line}: {reason}")]
    BadData {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("exchange rate {0:?}: write a positive number of KRW per unit, e.g. 1380.50")]
    BadRate(String),
}

impl FeeError {
    pub fn code(&self) -> &'static str {
        match self {
            FeeError::OverWeight { .. } => "FEE_OVER_WEIGHT",
            FeeError::OverVolumetric { .. } => "FEE_OVER_VOLUMETRIC",
            FeeError::OverSize { .. } => "FEE_OVER_SIZE",
            FeeError::UnderSize { .. } => "FEE_UNDER_SIZE",
            FeeError::NoZone { .. } => "FEE_NO_ZONE",
            FeeError::NoWeight => "FEE_NO_WEIGHT",
            FeeError::UnknownService(_) => "FEE_UNKNOWN_SERVICE",
            FeeError::BadData { .. } => "FEE_BAD_DATA",
            FeeError::BadRate(_) => "FEE_BAD_RATE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            FeeError::OverWeight {
                service,
                weight_g,
                limit_g,
            } => format!(
                "{service}: 무게 {}이(가) 한도 {}을(를) 넘습니다",
                fmt_kg(*weight_g),
                fmt_kg(*limit_g)
            ),
            FeeError::OverVolumetric {
                service,
                volumetric_g,
                limit_g,
            } => format!(
                "{service}: 부피중량 {}이(가) 한도 {}을(를) 넘습니다",
                fmt_kg(*volumetric_g),
                fmt_kg(*limit_g)
            ),
            FeeError::OverSize {
                service,
                rule,
                value_mm,
                limit_mm,
            } => format!(
                "{service}: {} {}이(가) 한도 {}을(를) 넘습니다",
                rule.ko(),
                fmt_cm(*value_mm),
                fmt_cm(*limit_mm)
            ),
            FeeError::UnderSize {
                service,
                face_mm,
                min_mm,
            } => format!(
                "{service}: 가장 큰 면 {} x {}이(가) 최소 크기 {} x {}보다 작습니다",
                fmt_cm(face_mm.0),
                fmt_cm(face_mm.1),
                fmt_cm(min_mm.0),
                fmt_cm(min_mm.1)
            ),
            FeeError::NoZone { service, country } => {
                format!("{service}: 도착국 {country}의 요금이 없습니다")
            }
            FeeError::NoWeight => "무게가 0입니다: 먼저 무게를 재세요".into(),
            FeeError::UnknownService(s) => {
                format!("알 수 없는 서비스 {s:?}: ems, kpacket, express 중 하나를 쓰세요")
            }
            FeeError::BadData { file, line, reason } => {
                format!("요금표 {file} {line}번째 줄 오류: {reason}")
            }
            FeeError::BadRate(s) => {
                format!("환율 {s:?}: 1단위당 원화 금액을 양수로 쓰세요 (예: 1380.50)")
            }
        }
    }

    pub(crate) fn bad_data(file: &str, line: usize, reason: impl Into<String>) -> FeeError {
        FeeError::BadData {
            file: file.to_string(),
            line,
            reason: reason.into(),
        }
    }
}
