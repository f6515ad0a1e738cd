//! Order-item statuses (reference §3.4) and the claim fields Cafe24 fills in when a
//! line moves to a cancellation (C), return (R) or exchange (E) status:
//! `claim_code`, `claim_type`, `claim_reason_type`, `claim_reason`,
//! `claim_quantity` and the matching `cancel_/return_/exchange_request_date`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A claim on one order line, as the item's `claim_*` fields report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimClaim {
    /// `C20190107-0000001`: the kind's letter, the KST day, a per-mall sequence.
    pub claim_code: String,
    /// `C` 취소, `R` 반품, `E` 교환.
    pub claim_type: String,
    /// The buyer's reason class; the simulator uses `A` (고객변심) for cancellations
    /// and `O` (고객변심) for returns and exchanges, as the order-items doc lists them.
    pub claim_reason_type: String,
    pub claim_reason: String,
    pub claim_quantity: u32,
    /// When the claim was requested (rendered in the kind's `*_request_date`).
    pub requested_at: DateTime<FixedOffset>,
}

/// Every item status of the reference's table (both doc versions).
const STATUSES: &[(&str, &str)] = &[
    ("N00", "입금전"),
    ("N01", "교환접수 - 교환상품"),
    ("N02", "주문접수중"),
    ("N03", "교환접수 - 카드결제대기"),
    ("N10", "상품준비중"),
    ("N20", "배송준비중"),
    ("N21", "배송대기"),
    ("N22", "배송보류"),
    ("N30", "배송중"),
    ("N40", "배송완료"),
    ("N50", "구매확정"),
    ("C00", "취소신청"),
    ("C10", "취소접수 - 관리자"),
    ("C11", "취소접수거부 - 관리자"),
    ("C34", "취소처리중 - 환불전"),
    ("C35", "취소처리중 - 환불완료"),
    ("C36", "취소처리중 - 환불보류"),
    ("C40", "취소완료"),
    ("C41", "취소 완료 - 환불전"),
    ("C42", "취소 완료 - 환불요청중"),
    ("C43", "취소 완료 - 환불보류"),
    ("C47", "입금전취소 - 구매자"),
    ("C48", "입금전취소 - 자동취소"),
    ("C49", "입금전취소 - 관리자"),
    ("R00", "반품신청"),
    ("R10", "반품접수"),
    ("R11", "반품 접수 거부"),
    ("R12", "반품보류"),
    ("R13", "반품접수 - 수거완료(자동)"),
    ("R20", "반품 수거 완료"),
    ("R30", "반품처리중 - 수거전"),
    ("R31", "반품처리중 - 수거완료"),
    ("R34", "반품처리중 - 환불전"),
    ("R36", "반품처리중 - 환불보류"),
    ("R40", "반품완료 - 환불완료"),
    ("R41", "반품완료 - 환불전"),
    ("R42", "반품완료 - 환불요청중"),
    ("R43", "반품완료 - 환불보류"),
    ("E00", "교환신청"),
    ("E10", "교환접수"),
    ("E11", "교환접수거부"),
    ("E12", "교환보류"),
    ("E13", "교환접수 - 수거완료(자동)"),
    ("E20", "교환준비"),
    ("E30", "교환처리중 - 수거전"),
    ("E31", "교환처리중 - 수거완료"),
    ("E32", "교환처리중 - 입금전"),
    ("E33", "교환처리중 - 입금완료"),
    ("E34", "교환처리중 - 환불전"),
    ("E35", "교환처리중 - 환불완료"),
    ("E36", "교환처리중 - 환불보류"),
    ("E40", "교환완료"),
    ("E41", "교환 완료 - 교환철회"),
    ("E50", "교환철회 - 판매자"),
    ("E51", "교환철회 - 구매자"),
];

/// True for a code in the reference's order-item status table.
pub fn is_known_status(code: &str) -> bool {
    STATUSES.iter().any(|(c, _)| *c == code)
}

/// `status_text` for a code ("" when unknown).
pub fn status_text(code: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Cafe24's coarse `status_code` (NS-items): `N1` 정상, `C1` 입금전취소,
/// `C2` 배송전취소, `C3` 반품, `E1` 교환.
pub fn status_code(code: &str) -> &'static str {
    match code.chars().next() {
        Some('C') if matches!(code, "C47" | "C48" | "C49") => "C1",
        Some('C') => "C2",
        Some('R') => "C3",
        Some('E') => "E1",
        _ => "N1",
    }
}

/// The claim kind letter (`C`, `R`, `E`) of a status, `None` for normal (N) statuses.
pub fn claim_type(code: &str) -> Option<&'static str> {
    match code.chars().next() {
        Some('C') => Some("C"),
        Some('R') => Some("R"),
        Some('E') => Some("E"),
        _ => None,
    }
}

impl SimClaim {
    /// A fresh claim of `kind` (`C`/`R`/`E`) for `quantity` units; `seq` numbers
    /// the mall's claims so codes stay unique.
    pub fn new(kind: &str, quantity: u32, seq: u32, at: DateTime<FixedOffset>) -> SimClaim {
        let (reason_type, reason) = match kind {
            "C" => ("A", "단순 변심"),
            "R" => ("O", "사이즈가 맞지 않음"),
            _ => ("O", "다른 색상으로 교환 희망"),
        };
        SimClaim {
            claim_code: format!("{kind}{}-{seq:07}", at.format("%Y%m%d")),
            claim_type: kind.to_owned(),
            claim_reason_type: reason_type.to_owned(),
            claim_reason: reason.to_owned(),
            claim_quantity: quantity,
            requested_at: at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_every_family_and_codes_map_to_kinds() {
        for code in ["N20", "C00", "C10", "C40", "R00", "E00", "E51"] {
            assert!(is_known_status(code), "{code}");
        }
        assert!(!is_known_status("X99"));
        assert_eq!(status_text("C00"), "취소신청");
        assert_eq!(status_code("C00"), "C2");
        assert_eq!(status_code("C48"), "C1");
        assert_eq!(status_code("R00"), "C3");
        assert_eq!(status_code("E10"), "E1");
        assert_eq!(status_code("N20"), "N1");
        assert_eq!(claim_type("R10"), Some("R"));
        assert_eq!(claim_type("N30"), None);
    }

    #[test]
    fn claim_codes_follow_the_sample_form() {
        let at = chrono::DateTime::parse_from_rfc3339("2019-01-07T10:00:00+09:00").unwrap();
        let c = SimClaim::new("C", 1, 1, at);
        assert_eq!(c.claim_code, "C20190107-0000001");
        assert_eq!(c.claim_reason_type, "A");
    }
}
