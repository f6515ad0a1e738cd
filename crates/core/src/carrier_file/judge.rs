//! What one row of a carrier's file would do: which parcel it names, whether its number is a
//! valid number of the parcel's carrier, and whether the parcel may take it (예상처리결과), or why
//! not (실패사유). The same rules decide the preview and, again inside the applying
//! transaction, the apply — so a parcel claimed between the two is not given a number.

use packdesk_store::carrier_files;
use packdesk_store::parcels::{self, ParcelCore};
use packdesk_store::{Connection, pool};

use crate::dto::Stage;
use crate::error::Result;
use crate::invoice::{self, EMS};
use crate::print::documents::parse_parcel_code;

/// Why a row is not applied. `code()` is what the preview and the CLI show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    UnknownOrder {
        key: String,
    },
    BadNumber {
        en: String,
        ko: String,
    },
    DuplicateInFile {
        row: u32,
        same_number: bool,
    },
    NumberInUse {
        no: Option<u32>,
    },
    AlreadyShipped,
    Claimed {
        reason: String,
    },
    AlreadyHasNumber {
        current: String,
    },
    NotReady {
        stage: Stage,
    },
    CarrierMismatch {
        carrier: String,
        parcel_abroad: bool,
    },
}

impl Failure {
    pub fn code(&self) -> &'static str {
        match self {
            Failure::UnknownOrder { .. } => "UNKNOWN_ORDER",
            Failure::BadNumber { .. } => "BAD_NUMBER",
            Failure::DuplicateInFile { .. } => "DUPLICATE_IN_FILE",
            Failure::NumberInUse { .. } => "NUMBER_IN_USE",
            Failure::AlreadyShipped => "ALREADY_SHIPPED",
            Failure::Claimed { .. } => "CLAIMED",
            Failure::AlreadyHasNumber { .. } => "ALREADY_HAS_NUMBER",
            Failure::NotReady { .. } => "NOT_READY",
            Failure::CarrierMismatch { .. } => "CARRIER_MISMATCH",
        }
    }

    pub fn en(&self) -> String {
        match self {
            Failure::UnknownOrder { key } if key.is_empty() => {
                "the row names no parcel or order".into()
            }
            Failure::UnknownOrder { key } => format!("no parcel or order matches '{key}'"),
            Failure::BadNumber { en, .. } => format!("bad number: {en}"),
            Failure::DuplicateInFile {
                row,
                same_number: true,
            } => format!("the same number is in row {row} of the file"),
            Failure::DuplicateInFile { row, .. } => {
                format!("the same parcel is in row {row} of the file with another number")
            }
            Failure::NumberInUse { no: Some(no) } => {
                format!("the number belongs to another parcel (row {no} of the list)")
            }
            Failure::NumberInUse { no: None } => "the number belongs to another parcel".into(),
            Failure::AlreadyShipped => "the parcel was already shipped".into(),
            Failure::Claimed { reason } => {
                format!("a cancel/return request arrived ({reason}): do not ship")
            }
            Failure::AlreadyHasNumber { current } => {
                format!("the parcel already has number {current}; it is not overwritten")
            }
            Failure::NotReady { stage } => format!(
                "the parcel cannot take a number yet ({})",
                match stage {
                    Stage::Unmatched => "a line has no SKU",
                    Stage::Backorder => "short of stock",
                    Stage::Outsourced => "FASSTO ships it",
                    _ => "not ready",
                }
            ),
            Failure::CarrierMismatch {
                carrier,
                parcel_abroad: true,
            } => format!("the parcel goes abroad: a {carrier} number cannot ship it"),
            Failure::CarrierMismatch { carrier, .. } => {
                format!("the parcel ships within Korea: a {carrier} number cannot ship it")
            }
        }
    }

    pub fn ko(&self) -> String {
        match self {
            Failure::UnknownOrder { key } if key.is_empty() => {
                "주문(고객주문번호/주문번호)이 비어 있습니다".into()
            }
            Failure::UnknownOrder { key } => format!("'{key}'에 해당하는 주문이 없습니다"),
            Failure::BadNumber { ko, .. } => format!("송장번호 오류: {ko}"),
            Failure::DuplicateInFile {
                row,
                same_number: true,
            } => format!("같은 송장번호가 파일의 {row}행에도 있습니다"),
            Failure::DuplicateInFile { row, .. } => {
                format!("같은 주문이 파일의 {row}행에 다른 송장번호로 있습니다")
            }
            Failure::NumberInUse { no: Some(no) } => {
                format!("다른 주문(연번 {no})에 이미 등록된 송장번호입니다")
            }
            Failure::NumberInUse { no: None } => "다른 주문에 이미 쓰인 송장번호입니다".into(),
            Failure::AlreadyShipped => "이미 배송처리된 주문입니다".into(),
            Failure::Claimed { reason } => {
                format!("취소/반품 요청이 들어온 주문입니다 ({reason}) — 출고하지 마세요")
            }
            Failure::AlreadyHasNumber { current } => {
                format!("이미 다른 송장번호({current})가 등록되어 있어 덮어쓰지 않습니다")
            }
            Failure::NotReady { stage } => {
                format!("아직 송장을 받을 수 없는 주문입니다 ({})", stage.label_ko())
            }
            Failure::CarrierMismatch {
                carrier,
                parcel_abroad: true,
            } => format!("해외 배송 주문입니다: {carrier} 송장번호로 보낼 수 없습니다"),
            Failure::CarrierMismatch { carrier, .. } => {
                format!("국내 배송 주문입니다: {carrier} 송장번호로 보낼 수 없습니다")
            }
        }
    }
}

/// A row's verdict when its number can go on the parcel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fits {
    Assign,
    /// The parcel already has this very number.
    Unchanged,
}

/// The parcel a row names: by its parcel code first, else by an order id in any key cell (a
/// cell may hold several, as an export writes them: `A, B`).
pub(crate) fn find_parcel(
    c: &Connection,
    keys: &[String],
) -> Result<std::result::Result<ParcelCore, Failure>> {
    for key in keys {
        if let Some(id) = parse_parcel_code(key.trim())
            && let Some(p) = parcels::get(c, id)?
        {
            return Ok(Ok(p));
        }
    }
    for key in keys {
        for order_id in key.split([',', ' ', '\n']).filter(|s| !s.is_empty()) {
            let found = carrier_files::parcels_of_order(c, order_id)?;
            // An order id two parcels share (two shops of one mall) names neither for sure.
            if let [id] = found.as_slice()
                && let Some(p) = parcels::get(c, *id)?
            {
                return Ok(Ok(p));
            }
        }
    }
    let key = keys
        .iter()
        .find(|k| !k.is_empty())
        .cloned()
        .unwrap_or_default();
    Ok(Err(Failure::UnknownOrder { key }))
}

/// The carrier a number for `parcel` belongs to: the one the user named, else the carrier of the
/// file the parcel was last exported in, else the parcel's own.
pub(crate) fn carrier_for(
    c: &Connection,
    parcel: &ParcelCore,
    named: Option<&str>,
) -> Result<String> {
    if let Some(n) = named {
        return Ok(n.to_string());
    }
    Ok(carrier_files::exported_carrier(c, parcel.id)?.unwrap_or_else(|| parcel.carrier.clone()))
}

/// The number as the file has it, cleaned (hyphens, spaces, Excel's text apostrophe).
pub(crate) fn clean_number(raw: &str) -> String {
    invoice::clean(raw.trim().trim_start_matches('\''))
}

/// `6.01235E+11`: what a 12-digit number becomes when a CSV went through Excel — digits lost.
fn scientific(raw: &str) -> bool {
    let upper = raw.trim().to_ascii_uppercase();
    let Some((mantissa, exponent)) = upper.split_once("E+") else {
        return false;
    };
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

/// Whether `parcel` may take `raw` as its `carrier` number.
pub(crate) fn check(
    c: &Connection,
    parcel: &ParcelCore,
    carrier: &str,
    raw: &str,
) -> Result<std::result::Result<Fits, Failure>> {
    let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Ready);
    match stage {
        Stage::Claimed => {
            let reason = parcels::lines(c, parcel.id)?
                .into_iter()
                .find_map(|l| l.claim_reason)
                .unwrap_or_default();
            return Ok(Err(Failure::Claimed { reason }));
        }
        Stage::Shipped => return Ok(Err(Failure::AlreadyShipped)),
        _ => {}
    }
    let parcel_abroad = parcel.carrier == EMS;
    if (carrier == EMS) != parcel_abroad {
        return Ok(Err(Failure::CarrierMismatch {
            carrier: carrier_name(c, carrier)?,
            parcel_abroad,
        }));
    }
    let number = clean_number(raw);
    if number.is_empty() {
        return Ok(Err(Failure::BadNumber {
            en: "the number cell is empty".into(),
            ko: "송장번호가 비어 있습니다".into(),
        }));
    }
    if scientific(raw) {
        return Ok(Err(Failure::BadNumber {
            en: format!(
                "'{raw}' is a number Excel shortened to scientific notation, its last digits are lost: \
                 format the column as text in the carrier's file"
            ),
            ko: format!(
                "'{raw}'은(는) 엑셀이 지수 표기로 바꾼 번호라 뒷자리가 사라졌습니다. 택배사 파일에서 열을 텍스트 형식으로 바꿔 주세요"
            ),
        }));
    }
    if let Err(e) = invoice::validate(carrier, &number) {
        return Ok(Err(Failure::BadNumber { en: e.en, ko: e.ko }));
    }
    match &parcel.tracking_no {
        Some(current) if *current == number => return Ok(Ok(Fits::Unchanged)),
        Some(current) => {
            return Ok(Err(Failure::AlreadyHasNumber {
                current: current.clone(),
            }));
        }
        None => {}
    }
    if stage != Stage::Ready {
        return Ok(Err(Failure::NotReady { stage }));
    }
    if let Some(other) = parcels::by_tracking(c, &number)?
        && other.id != parcel.id
    {
        let no = carrier_files::list_position(c, other.id)?;
        return Ok(Err(Failure::NumberInUse { no }));
    }
    // A pool number already handed to another parcel (or voided by a reprint) stays theirs.
    if let Some(Some(holder)) = carrier_files::pool_holder(c, &number)?
        && holder != parcel.id
    {
        let no = carrier_files::list_position(c, holder)?;
        return Ok(Err(Failure::NumberInUse { no }));
    }
    Ok(Ok(Fits::Assign))
}

fn carrier_name(c: &Connection, code: &str) -> Result<String> {
    Ok(pool::carrier(c, code)?
        .map(|k| k.name)
        .unwrap_or_else(|| code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_scientific_notation_is_recognised() {
        assert!(scientific("6.01235E+11"));
        assert!(scientific("6.01235e+11"));
        assert!(!scientific("601234567890"));
        assert!(!scientific("EE123456785KR"));
    }

    #[test]
    fn numbers_are_cleaned_as_people_and_excel_write_them() {
        assert_eq!(clean_number("6012-3456-7890"), "601234567890");
        assert_eq!(clean_number("'601234567890"), "601234567890");
        assert_eq!(clean_number(" ee123456785kr "), "EE123456785KR");
    }
}
