//! The mall's registered carriers. Codes are the ones live tools agree on
//! (reference §4.5): CJ대한통운 0006 (default), 한진 0018, 롯데 0079, 로젠 0004, 우체국 0012.

use super::model::SimCarrier;

const CARRIERS: &[(&str, &str, &str)] = &[
    (
        "0006",
        "CJ대한통운",
        "https://trace.cjlogistics.com/next/tracking.html?wblNo=",
    ),
    (
        "0018",
        "한진택배",
        "https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?wblnum=",
    ),
    (
        "0079",
        "롯데택배",
        "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo=",
    ),
    (
        "0004",
        "로젠택배",
        "https://www.ilogen.com/web/personal/trace/",
    ),
    (
        "0012",
        "우체국택배",
        "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1=",
    ),
    // Korea Post's international service. Its real shipping_company_code is unconfirmed
    // (reference: cafe24-api.md, carrier codes); this one is invented for the demo mall.
    (
        "9001",
        "우체국EMS",
        "https://service.epost.go.kr/trace.RetrieveEmsRigiTraceList.comm?POST_CODE=",
    ),
];

/// The demo mall's carrier list, CJ대한통운 as the default.
pub fn demo_carriers() -> Vec<SimCarrier> {
    CARRIERS
        .iter()
        .enumerate()
        .map(|(i, (code, name, _))| SimCarrier {
            carrier_id: u32::try_from(i + 1).unwrap_or(u32::MAX),
            shipping_carrier_code: (*code).to_owned(),
            shipping_carrier: (*name).to_owned(),
            is_default: i == 0,
        })
        .collect()
}

/// Display name for a shipping company code ("" when unknown).
pub fn carrier_name(code: &str) -> &'static str {
    CARRIERS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, n, _)| *n)
        .unwrap_or("")
}

pub fn tracking_url(code: &str) -> &'static str {
    CARRIERS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, _, u)| *u)
        .unwrap_or("")
}
