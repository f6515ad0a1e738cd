//! What the simulated account holds: goods with stock, outbound requests, and
//! the log of requests served.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

/// A good registered in FMS, with its stock in the one simulated warehouse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimGoods {
    /// FASSTO's code; empty → filled from the customer code by `set_goods`.
    pub god_cd: String,
    /// The shop's SKU (고객사상품코드).
    pub cst_god_cd: String,
    pub god_nm: String,
    pub god_barcd: Option<String>,
    /// 재고수량.
    pub stock_qty: i64,
    /// 불용재고, never orderable.
    pub bad_stock_qty: i64,
}

impl SimGoods {
    pub fn new(
        cst_god_cd: impl Into<String>,
        god_nm: impl Into<String>,
        stock_qty: i64,
    ) -> SimGoods {
        let cst_god_cd = cst_god_cd.into();
        SimGoods {
            god_cd: String::new(),
            god_barcd: Some(cst_god_cd.clone()),
            cst_god_cd,
            god_nm: god_nm.into(),
            stock_qty,
            bad_stock_qty: 0,
        }
    }
}

/// 작업진행상태 of an outbound request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SimOutboundStatus {
    Ordered,
    Working,
    Done,
    PartDone,
    Cancelled,
    Shortage,
}

impl SimOutboundStatus {
    pub const ALL: [SimOutboundStatus; 6] = [
        SimOutboundStatus::Ordered,
        SimOutboundStatus::Working,
        SimOutboundStatus::Done,
        SimOutboundStatus::PartDone,
        SimOutboundStatus::Cancelled,
        SimOutboundStatus::Shortage,
    ];

    /// `wrkStat`: "1" is documented for 출고요청; the rest are the simulator's.
    pub fn wrk_stat(self) -> &'static str {
        match self {
            SimOutboundStatus::Ordered => "1",
            SimOutboundStatus::Working => "2",
            SimOutboundStatus::Done => "3",
            SimOutboundStatus::PartDone => "4",
            SimOutboundStatus::Cancelled => "5",
            SimOutboundStatus::Shortage => "6",
        }
    }

    /// `wrkStatNm`, the names of the list filter (reference §1.5).
    pub fn wrk_stat_nm(self) -> &'static str {
        match self {
            SimOutboundStatus::Ordered => "출고요청",
            SimOutboundStatus::Working => "출고작업중",
            SimOutboundStatus::Done => "출고완료",
            SimOutboundStatus::PartDone => "부분출고",
            SimOutboundStatus::Cancelled => "출고요청취소",
            SimOutboundStatus::Shortage => "재고부족결품",
        }
    }

    /// The list endpoint's `{status}` filter value.
    pub fn filter_code(self) -> &'static str {
        match self {
            SimOutboundStatus::Ordered => "ORDER",
            SimOutboundStatus::Working => "WORKING",
            SimOutboundStatus::Done => "DONE",
            SimOutboundStatus::PartDone => "PARTDONE",
            SimOutboundStatus::Cancelled => "CANCEL",
            SimOutboundStatus::Shortage => "SHORTAGE",
        }
    }

    /// Holds stock for its goods until shipped or cancelled.
    pub fn reserves_stock(self) -> bool {
        matches!(
            self,
            SimOutboundStatus::Ordered | SimOutboundStatus::Working
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimOutboundItem {
    pub cst_god_cd: String,
    pub god_cd: String,
    pub ord_qty: i64,
}

/// One parcel outbound request as FASSTO stored it.
#[derive(Clone, Debug, PartialEq)]
pub struct SimOutbound {
    pub slip_no: String,
    pub ord_no: String,
    pub ord_seq: Option<i64>,
    pub ord_dt: NaiveDate,
    pub cust_nm: String,
    pub cust_tel_no: String,
    pub cust_addr: String,
    pub out_way: String,
    pub send_nm: String,
    pub send_tel_no: String,
    pub sal_chanel: String,
    pub ship_req_term: String,
    pub remark: String,
    pub items: Vec<SimOutboundItem>,
    pub status: SimOutboundStatus,
    pub invoice_no: Option<String>,
    pub parcel_cd: Option<String>,
    pub out_dt: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    /// The body item exactly as received, for tests that check the wire form.
    pub received: Value,
}

/// One request the simulator served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The answer's status; 0 while the request is still being handled.
    pub status: u16,
}

/// Carrier names for the Sweet Tracker codes FASSTO appears to use (reference §2.2).
pub fn parcel_nm(parcel_cd: &str) -> Option<&'static str> {
    Some(match parcel_cd {
        "01" => "우체국택배",
        "04" => "CJ대한통운",
        "05" => "한진택배",
        "06" => "로젠택배",
        "08" => "롯데택배",
        "11" => "일양로지스",
        "23" => "경동택배",
        "24" => "대신택배",
        "46" => "CU편의점택배",
        _ => return None,
    })
}
