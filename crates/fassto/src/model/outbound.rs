//! 택배 출고요청: our request, its JSON body (reference §1.4) and the per-item result.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::de;
use crate::error::FmsError;
use crate::kst;

/// 출고방법 (`outWay`). The register docs allow 1 and 3; list answers also show 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutWay {
    /// `1` 선입선출.
    #[default]
    FirstInFirstOut,
    /// `2` 후입선출 (seen in list answers only).
    LastInFirstOut,
    /// `3` 유통기한지정 — pick the lot given in each item's `distTermDt`.
    ExpiryDate,
}

impl OutWay {
    pub fn wire(self) -> &'static str {
        match self {
            OutWay::FirstInFirstOut => "1",
            OutWay::LastInFirstOut => "2",
            OutWay::ExpiryDate => "3",
        }
    }
}

/// One line of an outbound request: a FASSTO good by the shop's own code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboundItem {
    /// 고객사상품코드 — the shop's SKU as registered in FMS.
    pub cst_god_cd: String,
    /// 주문수량.
    pub ord_qty: u32,
    /// 유통기한 (`distTermDt`), only with [`OutWay::ExpiryDate`].
    pub dist_term_dt: Option<String>,
}

impl OutboundItem {
    pub fn new(cst_god_cd: impl Into<String>, ord_qty: u32) -> OutboundItem {
        OutboundItem {
            cst_god_cd: cst_god_cd.into(),
            ord_qty,
            dist_term_dt: None,
        }
    }
}

/// A parcel outbound request (택배 출고등록) for one of our orders. Field names
/// follow FASSTO's (`ordNo` → `ord_no`, `custAddr` → `cust_addr` …).
#[derive(Clone)]
pub struct OutboundRequest {
    /// 고객사 주문번호 — our order reference; FASSTO echoes it as `orderNo`.
    pub ord_no: String,
    /// 주문 요청순번 (`ordSeq`).
    pub ord_seq: Option<i64>,
    /// 요청일자 (`ordDt`); `None` sends today's date in Asia/Seoul.
    pub ord_dt: Option<NaiveDate>,
    /// 수령인.
    pub cust_nm: String,
    /// 수령인 전화; sent digits only, as in FASSTO's examples (`01012345678`).
    pub cust_tel_no: String,
    /// 배송주소 as one string (FMS has no separate detail-address field).
    pub cust_addr: String,
    /// Recipient postcode. FMS's outbound body has no postcode field (reference
    /// §1.4; §5.1 "FASSTO takes one `custAddr` string"), so it is **not sent**;
    /// it stays here so callers keep one record of the parcel's address.
    pub zip: Option<String>,
    pub out_way: OutWay,
    /// 보내는분 이름/전화 — only when the shop prints its own sender.
    pub send_nm: Option<String>,
    pub send_tel_no: Option<String>,
    /// 판매채널 (FASSTO spells the field `salChanel`).
    pub sal_chanel: Option<String>,
    /// 배송요청사항 (the buyer's delivery memo).
    pub ship_req_term: Option<String>,
    pub items: Vec<OutboundItem>,
    /// 비고 — a note to FASSTO.
    pub remark: Option<String>,
}

impl std::fmt::Debug for OutboundRequest {
    // Recipient and sender details are personal data: never in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboundRequest")
            .field("ord_no", &self.ord_no)
            .field("ord_seq", &self.ord_seq)
            .field("ord_dt", &self.ord_dt)
            .field("recipient", &"<redacted>")
            .field("out_way", &self.out_way)
            .field("sal_chanel", &self.sal_chanel)
            .field("items", &self.items)
            .finish_non_exhaustive()
    }
}

impl OutboundRequest {
    /// A request with the required fields; everything else empty or default.
    pub fn new(
        ord_no: impl Into<String>,
        cust_nm: impl Into<String>,
        cust_tel_no: impl Into<String>,
        cust_addr: impl Into<String>,
        items: Vec<OutboundItem>,
    ) -> OutboundRequest {
        OutboundRequest {
            ord_no: ord_no.into(),
            ord_seq: None,
            ord_dt: None,
            cust_nm: cust_nm.into(),
            cust_tel_no: cust_tel_no.into(),
            cust_addr: cust_addr.into(),
            zip: None,
            out_way: OutWay::default(),
            send_nm: None,
            send_tel_no: None,
            sal_chanel: None,
            ship_req_term: None,
            items,
            remark: None,
        }
    }

    /// The required fields of reference §1.4, checked before anything is sent.
    /// Errors name the FASSTO field, never its value.
    pub fn validate(&self) -> Result<(), FmsError> {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&self.ord_no) {
            return Err(FmsError::invalid("ordNo", "is empty"));
        }
        if blank(&self.cust_nm) {
            return Err(FmsError::invalid("custNm", "is empty"));
        }
        // The shortest Korean number is an 8-digit 15XX-XXXX (reference §5.2).
        if digits(&self.cust_tel_no).len() < 8 {
            return Err(FmsError::invalid("custTelNo", "has fewer than 8 digits"));
        }
        if blank(&self.cust_addr) {
            return Err(FmsError::invalid("custAddr", "is empty"));
        }
        if self.items.is_empty() {
            return Err(FmsError::invalid("godCds", "is empty"));
        }
        for (i, item) in self.items.iter().enumerate() {
            if blank(&item.cst_god_cd) {
                return Err(FmsError::invalid(
                    format!("godCds[{i}].cstGodCd"),
                    "is empty",
                ));
            }
            if item.ord_qty == 0 {
                return Err(FmsError::invalid(format!("godCds[{i}].ordQty"), "is zero"));
            }
        }
        Ok(())
    }

    pub(crate) fn to_wire(&self, today: NaiveDate) -> WireOutbound<'_> {
        let opt = |s: &'_ Option<String>| -> Option<String> {
            s.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        WireOutbound {
            ord_dt: kst::compact_date(self.ord_dt.unwrap_or(today)),
            ord_no: self.ord_no.trim(),
            ord_seq: self.ord_seq,
            cust_nm: self.cust_nm.trim(),
            cust_tel_no: digits(&self.cust_tel_no),
            cust_addr: self.cust_addr.trim(),
            out_way: self.out_way.wire(),
            send_nm: opt(&self.send_nm),
            send_tel_no: self
                .send_tel_no
                .as_deref()
                .map(digits)
                .filter(|d| !d.is_empty()),
            sal_chanel: opt(&self.sal_chanel),
            ship_req_term: opt(&self.ship_req_term),
            god_cds: self
                .items
                .iter()
                .map(|i| WireGood {
                    cst_god_cd: i.cst_god_cd.trim(),
                    dist_term_dt: i.dist_term_dt.as_deref(),
                    ord_qty: i.ord_qty,
                })
                .collect(),
            remark: opt(&self.remark),
        }
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// One element of the POST body array (reference §1.4).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireOutbound<'a> {
    pub ord_dt: String,
    pub ord_no: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ord_seq: Option<i64>,
    pub cust_nm: &'a str,
    pub cust_tel_no: String,
    pub cust_addr: &'a str,
    pub out_way: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_nm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_tel_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sal_chanel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ship_req_term: Option<String>,
    pub god_cds: Vec<WireGood<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireGood<'a> {
    pub cst_god_cd: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist_term_dt: Option<&'a str>,
    pub ord_qty: u32,
}

/// One item of a register/cancel answer:
/// `{"fmsSlipNo","orderNo","msg","code","outOfStockGoodsDetail"}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireItemResult {
    #[serde(default, deserialize_with = "de::opt_string")]
    pub fms_slip_no: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub order_no: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub msg: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub code: Option<String>,
    #[serde(default)]
    pub out_of_stock_goods_detail: Option<Value>,
}

impl WireItemResult {
    pub fn is_success(&self) -> bool {
        self.code.as_deref() == Some("200")
    }
}

/// FASSTO accepted the request.
#[derive(Clone, Debug, PartialEq)]
pub struct Registered {
    /// FASSTO's slip number (`fmsSlipNo`), needed to cancel or update.
    pub fms_slip_no: String,
    /// FASSTO's message (`"출고요청 등록 성공"`).
    pub message: Option<String>,
    /// `outOfStockGoodsDetail` when FASSTO reports missing stock; its shape is
    /// not documented, so it is kept as sent.
    pub out_of_stock_detail: Option<Value>,
}

impl Registered {
    pub fn out_of_stock(&self) -> bool {
        self.out_of_stock_detail
            .as_ref()
            .is_some_and(|v| !v.is_null() && v != &Value::Array(Vec::new()))
    }
}

/// The outcome for one order of a [`register_outbound`](crate::FmsClient::register_outbound) call.
#[derive(Clone, Debug)]
pub struct OutboundResult {
    pub ord_no: String,
    /// `Err` says why: `FMS_REJECTED` (FASSTO refused this order, with its
    /// reason), `FMS_INVALID_REQUEST` (not sent), `FMS_OUTCOME_UNKNOWN` (check
    /// with [`outbound_by_ord_no`](crate::FmsClient::outbound_by_ord_no) before
    /// sending again), or whatever stopped the whole call.
    pub outcome: Result<Registered, FmsError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> OutboundRequest {
        let mut r = OutboundRequest::new(
            "20260120-0000001",
            "홍길동",
            "010-1234-5678",
            "서울 마포구 와우산로29바길 12",
            vec![OutboundItem::new("SKU-1", 2)],
        );
        r.zip = Some("04066".into());
        r.ship_req_term = Some("문 앞".into());
        r
    }

    #[test]
    fn body_uses_fasstos_field_names() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        let body = serde_json::to_value([request().to_wire(day)]).unwrap();
        let item = &body[0];
        assert_eq!(item["ordDt"], "20260120");
        assert_eq!(item["ordNo"], "20260120-0000001");
        assert_eq!(item["custNm"], "홍길동");
        assert_eq!(item["custTelNo"], "01012345678");
        assert_eq!(item["custAddr"], "서울 마포구 와우산로29바길 12");
        assert_eq!(item["outWay"], "1");
        assert_eq!(item["shipReqTerm"], "문 앞");
        assert_eq!(item["godCds"][0]["cstGodCd"], "SKU-1");
        assert_eq!(item["godCds"][0]["ordQty"], 2);
        // No documented postcode field, and empty optionals are left out.
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(
            !keys.iter().any(|k| k.to_lowercase().contains("zip")),
            "{keys:?}"
        );
        assert!(!keys.contains(&"remark") && !keys.contains(&"sendNm"));
    }

    #[test]
    fn validation_names_the_field_not_the_value() {
        let mut r = request();
        r.cust_addr = "  ".into();
        let e = r.validate().unwrap_err();
        assert_eq!(e.code(), "FMS_INVALID_REQUEST");
        assert!(e.to_string().contains("custAddr"));
        let mut r = request();
        r.cust_tel_no = "010-12".into();
        assert!(r.validate().unwrap_err().to_string().contains("custTelNo"));
        let mut r = request();
        r.items[0].ord_qty = 0;
        assert!(
            r.validate()
                .unwrap_err()
                .to_string()
                .contains("godCds[0].ordQty")
        );
        assert!(request().validate().is_ok());
    }

    #[test]
    fn debug_hides_the_recipient() {
        let text = format!("{:?}", request());
        assert!(!text.contains("홍길동") && !text.contains("5678") && !text.contains("마포"));
        assert!(text.contains("20260120-0000001"));
    }
}
