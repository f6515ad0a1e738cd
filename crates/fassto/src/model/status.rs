//! An outbound request as FASSTO reports it (outbound list/detail, reference §1.5),
//! with the carrier invoice once it has one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::carrier::{carrier_code_for_parcel_cd, carrier_code_for_parcel_nm};
use crate::de;
use crate::kst;

/// 작업진행상태 of an outbound request — the values of the list filter `status`
/// (reference §1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutboundStatus {
    /// `ORDER` 출고요청 — registered, not yet worked on.
    Ordered,
    /// `WORKING` 출고작업중 — picking/packing has started.
    Working,
    /// `DONE` 출고완료 — left the warehouse.
    Done,
    /// `PARTDONE` 부분출고 — part of it left.
    PartDone,
    /// `CANCEL` 출고요청취소.
    Cancelled,
    /// `SHORTAGE` 재고부족결품 — waiting for stock.
    Shortage,
    /// A status this client does not know; the row keeps FASSTO's raw values.
    Unknown,
}

impl OutboundStatus {
    pub const ALL: [OutboundStatus; 6] = [
        OutboundStatus::Ordered,
        OutboundStatus::Working,
        OutboundStatus::Done,
        OutboundStatus::PartDone,
        OutboundStatus::Cancelled,
        OutboundStatus::Shortage,
    ];

    pub fn label_ko(self) -> &'static str {
        match self {
            OutboundStatus::Ordered => "출고요청",
            OutboundStatus::Working => "출고작업중",
            OutboundStatus::Done => "출고완료",
            OutboundStatus::PartDone => "부분출고",
            OutboundStatus::Cancelled => "출고요청취소",
            OutboundStatus::Shortage => "재고부족결품",
            OutboundStatus::Unknown => "알 수 없는 상태",
        }
    }

    /// The value FASSTO's list endpoint takes in its `{status}` path segment.
    pub fn filter_code(self) -> Option<&'static str> {
        Some(match self {
            OutboundStatus::Ordered => "ORDER",
            OutboundStatus::Working => "WORKING",
            OutboundStatus::Done => "DONE",
            OutboundStatus::PartDone => "PARTDONE",
            OutboundStatus::Cancelled => "CANCEL",
            OutboundStatus::Shortage => "SHORTAGE",
            OutboundStatus::Unknown => return None,
        })
    }

    /// Goods have left the warehouse (wholly or partly).
    pub fn is_shipped(self) -> bool {
        matches!(self, OutboundStatus::Done | OutboundStatus::PartDone)
    }

    /// Reads `wrkStat`/`wrkStatNm`. Only `"1"` = 출고요청 is documented for the
    /// numeric code, so the Korean name decides: first an exact label, then the
    /// words FASSTO's names are built from (취소, 부분, 결품, 완료, 작업, 요청).
    pub fn from_wire(wrk_stat: Option<&str>, wrk_stat_nm: Option<&str>) -> OutboundStatus {
        let name = wrk_stat_nm.map(str::trim).unwrap_or("");
        let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(exact) = Self::ALL.iter().find(|s| s.label_ko() == compact) {
            return *exact;
        }
        if compact.is_empty() && wrk_stat.map(str::trim) == Some("1") {
            return OutboundStatus::Ordered;
        }
        let has = |w: &str| compact.contains(w);
        if has("취소") {
            OutboundStatus::Cancelled
        } else if has("부분") {
            OutboundStatus::PartDone
        } else if has("결품") || has("재고부족") {
            OutboundStatus::Shortage
        } else if has("완료") {
            OutboundStatus::Done
        } else if has("작업") || has("지시") || has("피킹") || has("포장") {
            OutboundStatus::Working
        } else if has("요청") {
            OutboundStatus::Ordered
        } else {
            OutboundStatus::Unknown
        }
    }
}

/// The carrier and invoice FASSTO assigned to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tracking {
    pub invoice_no: String,
    pub parcel_cd: Option<String>,
    pub parcel_nm: Option<String>,
    /// Packdesk carrier code (`"cj"`, `"hanjin"` …), `None` when FASSTO's
    /// carrier is one Packdesk does not know.
    pub carrier: Option<&'static str>,
}

/// One outbound request from the outbound list or detail endpoint. Recipient
/// fields FASSTO echoes back are dropped: Packdesk already has them and keeps
/// personal data out of places it does not need to be.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboundRow {
    /// FASSTO slip number (`slipNo`), the `fmsSlipNo` of the register answer.
    pub slip_no: String,
    /// Our order reference (`ordNo`).
    pub ord_no: String,
    pub ord_seq: Option<i64>,
    /// 요청일자 (`ordDt`).
    pub ord_dt: Option<NaiveDate>,
    /// 출고일자 (`outDt`), once shipped.
    pub out_dt: Option<NaiveDate>,
    pub wh_cd: Option<String>,
    pub status: OutboundStatus,
    /// FASSTO's raw `wrkStat` / `wrkStatNm`.
    pub wrk_stat: Option<String>,
    pub wrk_stat_nm: Option<String>,
    pub ord_qty: Option<i64>,
    pub invoice_no: Option<String>,
    pub parcel_cd: Option<String>,
    pub parcel_nm: Option<String>,
    /// Last change (`updTime`, Korea time).
    pub updated_at: Option<DateTime<Utc>>,
}

impl OutboundRow {
    /// The invoice once FASSTO has one. FASSTO may assign it at packing, before
    /// 출고완료: check [`OutboundStatus::is_shipped`] before treating it as sent.
    pub fn tracking(&self) -> Option<Tracking> {
        let invoice_no = self.invoice_no.clone()?;
        let carrier = self
            .parcel_cd
            .as_deref()
            .and_then(carrier_code_for_parcel_cd)
            .or_else(|| {
                self.parcel_nm
                    .as_deref()
                    .and_then(carrier_code_for_parcel_nm)
            });
        Some(Tracking {
            invoice_no,
            parcel_cd: self.parcel_cd.clone(),
            parcel_nm: self.parcel_nm.clone(),
            carrier,
        })
    }
}

/// A list/detail item; only the fields Packdesk reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireOutboundRow {
    #[serde(default, deserialize_with = "de::string")]
    slip_no: String,
    #[serde(default, deserialize_with = "de::string")]
    ord_no: String,
    #[serde(default, deserialize_with = "de::opt_i64")]
    ord_seq: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    ord_dt: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    out_dt: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    wh_cd: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    wrk_stat: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    wrk_stat_nm: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    ord_qty: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    invoice_no: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    parcel_cd: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    parcel_nm: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    upd_time: Option<String>,
}

impl From<WireOutboundRow> for OutboundRow {
    fn from(w: WireOutboundRow) -> OutboundRow {
        OutboundRow {
            status: OutboundStatus::from_wire(w.wrk_stat.as_deref(), w.wrk_stat_nm.as_deref()),
            slip_no: w.slip_no,
            ord_no: w.ord_no,
            ord_seq: w.ord_seq,
            ord_dt: w.ord_dt.as_deref().and_then(kst::parse_date),
            out_dt: w.out_dt.as_deref().and_then(kst::parse_date),
            wh_cd: w.wh_cd,
            wrk_stat: w.wrk_stat,
            wrk_stat_nm: w.wrk_stat_nm,
            ord_qty: w.ord_qty,
            invoice_no: w.invoice_no,
            parcel_cd: w.parcel_cd,
            parcel_nm: w.parcel_nm,
            updated_at: w.upd_time.as_deref().and_then(kst::parse_kst_datetime),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_from_korean_names() {
        let s = |code: &str, name: &str| OutboundStatus::from_wire(Some(code), Some(name));
        assert_eq!(s("1", "출고요청"), OutboundStatus::Ordered);
        assert_eq!(s("x", "출고 작업중"), OutboundStatus::Working);
        assert_eq!(s("x", "출고완료"), OutboundStatus::Done);
        assert_eq!(s("x", "부분출고"), OutboundStatus::PartDone);
        assert_eq!(s("x", "출고요청취소"), OutboundStatus::Cancelled);
        assert_eq!(s("x", "재고부족결품"), OutboundStatus::Shortage);
        assert_eq!(s("x", "피킹중"), OutboundStatus::Working);
        assert_eq!(
            OutboundStatus::from_wire(Some("1"), None),
            OutboundStatus::Ordered
        );
        assert_eq!(
            OutboundStatus::from_wire(Some("7"), None),
            OutboundStatus::Unknown
        );
        for st in OutboundStatus::ALL {
            assert_eq!(OutboundStatus::from_wire(None, Some(st.label_ko())), st);
            assert!(st.filter_code().is_some());
        }
        assert!(OutboundStatus::PartDone.is_shipped());
        assert!(!OutboundStatus::Working.is_shipped());
    }

    #[test]
    fn the_documented_list_item_parses() {
        // The sample item of the outbound list docs (reference §1.5), trimmed.
        let json = r#"{"outDt":null,"ordDt":"20260121","whCd":"TEST","slipNo":"TESTOO260121000042",
            "ordQty":1,"ordNo":"asdf","ordSeq":1,"wrkStat":"1","wrkStatNm":"출고요청",
            "invoiceNo":null,"parcelNm":null,"parcelCd":null,"custNm":"홍길동",
            "updTime":"202601211159","goodsSerialNo":[]}"#;
        let row: OutboundRow = serde_json::from_str::<WireOutboundRow>(json)
            .unwrap()
            .into();
        assert_eq!(row.slip_no, "TESTOO260121000042");
        assert_eq!(row.status, OutboundStatus::Ordered);
        assert_eq!(row.ord_dt, NaiveDate::from_ymd_opt(2026, 1, 21));
        assert_eq!(row.tracking(), None);
        assert!(row.updated_at.is_some());
    }

    #[test]
    fn tracking_maps_the_carrier() {
        let json = r#"{"slipNo":"S","ordNo":"O","wrkStatNm":"출고완료","invoiceNo":"638991190880",
            "parcelCd":"04","parcelNm":"CJ대한통운"}"#;
        let row: OutboundRow = serde_json::from_str::<WireOutboundRow>(json)
            .unwrap()
            .into();
        let t = row.tracking().unwrap();
        assert_eq!(t.invoice_no, "638991190880");
        assert_eq!(t.carrier, Some("cj"));
        let json =
            r#"{"slipNo":"S","ordNo":"O","invoiceNo":"1","parcelCd":"99","parcelNm":"롯데택배"}"#;
        let row: OutboundRow = serde_json::from_str::<WireOutboundRow>(json)
            .unwrap()
            .into();
        assert_eq!(row.tracking().unwrap().carrier, Some("lotte"));
    }
}
