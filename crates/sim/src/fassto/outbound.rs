//! 택배 출고: register (`POST /delivery/parcel/{cst}`), cancel
//! (`PATCH /delivery/cancel/{cst}`), list (`GET /delivery/{cst}/{start}/{end}/{status}/{outDiv}`)
//! and detail (`GET /delivery/detail/{cst}/{slipNo}`).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde_json::{Map, Value, json};

use super::gate::check_customer;
use super::model::{SimOutbound, SimOutboundItem, SimOutboundStatus, parcel_nm};
use super::state::FmsState;
use super::{FmsSim, FmsSimConfig, wire};

pub async fn register(
    State(sim): State<FmsSim>,
    Path(cst_cd): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let items = match body_items(&body) {
        Ok(items) => items,
        Err(refusal) => return refusal.into_response(),
    };
    // Bean-validation style: one bad item refuses the whole request.
    let mut parsed = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match parse_request(item) {
            Ok(p) => parsed.push(p),
            Err(field) => {
                return wire::bad_request(&format!(
                    "[{i}].{field}: 필수 입력값이 없거나 형식이 올바르지 않습니다."
                ));
            }
        }
    }
    let cfg = &sim.inner.cfg;
    let mut state = sim.inner.state.lock();
    let results: Vec<Value> = parsed
        .into_iter()
        .zip(items)
        .map(|(request, received)| register_one(&mut state, cfg, request, received))
        .collect();
    wire::ok(Value::Array(results))
}

struct ParsedRequest {
    ord_dt: NaiveDate,
    ord_no: String,
    ord_seq: Option<i64>,
    cust_nm: String,
    cust_tel_no: String,
    cust_addr: String,
    out_way: String,
    lines: Vec<(String, i64)>,
}

/// Checks reference §1.4's required fields; `Err` names the first bad one.
fn parse_request(item: &Value) -> Result<ParsedRequest, String> {
    let text = |field: &str| -> Result<String, String> {
        match item.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(field.to_owned()),
        }
    };
    let ord_dt =
        NaiveDate::parse_from_str(&text("ordDt")?, "%Y%m%d").map_err(|_| "ordDt".to_owned())?;
    let ord_no = text("ordNo")?;
    let cust_nm = text("custNm")?;
    let cust_tel_no = text("custTelNo")?;
    let cust_addr = text("custAddr")?;
    let out_way = text("outWay")?;
    if !matches!(out_way.as_str(), "1" | "2" | "3") {
        return Err("outWay".into());
    }
    let Some(Value::Array(god_cds)) = item.get("godCds") else {
        return Err("godCds".into());
    };
    if god_cds.is_empty() {
        return Err("godCds".into());
    }
    let mut lines = Vec::with_capacity(god_cds.len());
    for (j, god) in god_cds.iter().enumerate() {
        let code = match god.get("cstGodCd") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(format!("godCds[{j}].cstGodCd")),
        };
        let qty = god
            .get("ordQty")
            .and_then(Value::as_i64)
            .filter(|q| *q > 0)
            .ok_or_else(|| format!("godCds[{j}].ordQty"))?;
        lines.push((code, qty));
    }
    Ok(ParsedRequest {
        ord_dt,
        ord_no,
        ord_seq: item.get("ordSeq").and_then(Value::as_i64),
        cust_nm,
        cust_tel_no,
        cust_addr,
        out_way,
        lines,
    })
}

fn register_one(
    state: &mut FmsState,
    cfg: &FmsSimConfig,
    req: ParsedRequest,
    received: Value,
) -> Value {
    if let Some((code, _)) = req
        .lines
        .iter()
        .find(|(code, _)| state.good(code).is_none())
    {
        return item_result(
            None,
            &req.ord_no,
            "400",
            &format!("등록되지 않은 상품입니다. (cstGodCd: {code})"),
            Value::Null,
        );
    }
    let short: Vec<Value> = req
        .lines
        .iter()
        .filter_map(|(code, qty)| {
            let can = state.can_stock(code);
            (*qty > can).then(|| json!({"cstGodCd": code, "ordQty": qty, "canStockQty": can}))
        })
        .collect();
    let status = if short.is_empty() {
        SimOutboundStatus::Ordered
    } else {
        SimOutboundStatus::Shortage
    };
    let slip_no = state.next_slip_no(&cfg.wh_cd, wire::kst_today());
    let text = |field: &str| {
        received
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let items = req
        .lines
        .iter()
        .map(|(code, qty)| SimOutboundItem {
            god_cd: state
                .good(code)
                .map(|g| g.god_cd.clone())
                .unwrap_or_default(),
            cst_god_cd: code.clone(),
            ord_qty: *qty,
        })
        .collect();
    state.outbounds.push(SimOutbound {
        slip_no: slip_no.clone(),
        ord_no: req.ord_no.clone(),
        ord_seq: req.ord_seq,
        ord_dt: req.ord_dt,
        cust_nm: req.cust_nm,
        cust_tel_no: req.cust_tel_no,
        cust_addr: req.cust_addr,
        out_way: req.out_way,
        send_nm: text("sendNm"),
        send_tel_no: text("sendTelNo"),
        sal_chanel: text("salChanel"),
        ship_req_term: text("shipReqTerm"),
        remark: text("remark"),
        items,
        status,
        invoice_no: None,
        parcel_cd: None,
        out_dt: None,
        updated_at: Utc::now(),
        received,
    });
    let detail = if short.is_empty() {
        Value::Null
    } else {
        Value::Array(short)
    };
    item_result(
        Some(&slip_no),
        &req.ord_no,
        "200",
        "출고요청 등록 성공",
        detail,
    )
}

fn item_result(
    slip_no: Option<&str>,
    ord_no: &str,
    code: &str,
    msg: &str,
    out_of_stock: Value,
) -> Value {
    json!({
        "fmsSlipNo": slip_no,
        "orderNo": ord_no,
        "msg": msg,
        "code": code,
        "outOfStockGoodsDetail": out_of_stock,
    })
}

/// The body must be a non-empty JSON array of objects.
fn body_items(body: &[u8]) -> Result<Vec<Value>, wire::Refusal> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(items)) if !items.is_empty() && items.iter().all(Value::is_object) => {
            Ok(items)
        }
        _ => Err(wire::Refusal::bad_request(
            "요청 본문은 비어 있지 않은 JSON 배열이어야 합니다.",
        )),
    }
}

pub async fn cancel(
    State(sim): State<FmsSim>,
    Path(cst_cd): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let items = match body_items(&body) {
        Ok(items) => items,
        Err(refusal) => return refusal.into_response(),
    };
    let mut pairs = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = |f: &str| {
            item.get(f)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        match (field("slipNo"), field("ordNo")) {
            (Some(slip), Some(ord)) => pairs.push((slip.to_owned(), ord.to_owned())),
            (None, _) => return wire::bad_request(&format!("[{i}].slipNo: 필수 입력값입니다.")),
            (_, None) => return wire::bad_request(&format!("[{i}].ordNo: 필수 입력값입니다.")),
        }
    }
    let mut state = sim.inner.state.lock();
    let results = pairs
        .into_iter()
        .map(|(slip, ord)| {
            let found = state
                .outbounds
                .iter_mut()
                .find(|o| o.slip_no == slip && o.ord_no == ord);
            let (code, msg) = match found {
                None => ("404", "출고요청 정보를 찾을 수 없습니다."),
                Some(o) => match o.status {
                    SimOutboundStatus::Ordered | SimOutboundStatus::Shortage => {
                        o.status = SimOutboundStatus::Cancelled;
                        o.updated_at = Utc::now();
                        ("200", "출고요청 삭제 성공")
                    }
                    SimOutboundStatus::Cancelled => ("400", "이미 취소된 출고요청입니다."),
                    _ => ("400", "출고 작업이 시작되어 취소할 수 없습니다."),
                },
            };
            let slip_no = (code != "404").then_some(slip.as_str());
            item_result(slip_no, &ord, code, msg, Value::Null)
        })
        .collect();
    wire::ok(Value::Array(results))
}

pub async fn list(
    State(sim): State<FmsSim>,
    Path((cst_cd, start, end, status, out_div)): Path<(String, String, String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (Some(from), Some(to)) = (day(&start), day(&end)) else {
        return wire::bad_request("조회 기간은 YYYY-MM-DD 형식이어야 합니다.");
    };
    let wanted = if status == "ALL" {
        None
    } else {
        match SimOutboundStatus::ALL
            .iter()
            .find(|s| s.filter_code() == status)
        {
            Some(s) => Some(*s),
            None => return wire::bad_request("status 값이 올바르지 않습니다."),
        }
    };
    if !matches!(out_div.as_str(), "1" | "2") {
        return wire::bad_request("outDiv 값이 올바르지 않습니다.");
    }
    let ord_no = query
        .get("ordNo")
        .map(|o| o.trim())
        .filter(|o| !o.is_empty());
    let cfg = &sim.inner.cfg;
    let state = sim.inner.state.lock();
    // Every simulated request is a parcel (outDiv 1).
    let rows: Vec<Value> = state
        .outbounds
        .iter()
        .filter(|_| out_div == "1")
        .filter(|o| o.ord_dt >= from && o.ord_dt <= to)
        .filter(|o| wanted.is_none_or(|w| o.status == w))
        .filter(|o| ord_no.is_none_or(|n| o.ord_no == n))
        .map(|o| Value::Object(row(cfg, o)))
        .collect();
    wire::ok(Value::Array(rows))
}

pub async fn detail(
    State(sim): State<FmsSim>,
    Path((cst_cd, slip_no)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let ord_no = query
        .get("ordNo")
        .map(|o| o.trim())
        .filter(|o| !o.is_empty());
    let cfg = &sim.inner.cfg;
    let state = sim.inner.state.lock();
    let rows: Vec<Value> = state
        .outbound(&slip_no)
        .filter(|o| ord_no.is_none_or(|n| o.ord_no == n))
        .map(|o| {
            let mut r = row(cfg, o);
            let goods: Vec<Value> = o
                .items
                .iter()
                .map(|i| {
                    let good = state.good(&i.cst_god_cd);
                    json!({
                        "ordDt": wire::compact_date(o.ord_dt), "whCd": cfg.wh_cd, "slipNo": o.slip_no,
                        "cstCd": cfg.cst_cd, "godCd": i.god_cd, "cstGodCd": i.cst_god_cd,
                        "godNm": good.map(|g| g.god_nm.clone()), "godType": "1", "godTypeNm": "단품",
                        "stockQty": good.map(|g| g.stock_qty), "ordQty": i.ord_qty, "addGodOrdQty": 0,
                        "ordQtySum": i.ord_qty, "giftDiv": "01", "emgrYn": "N",
                    })
                })
                .collect();
            r.insert("goods".into(), Value::Array(goods));
            Value::Object(r)
        })
        .into_iter()
        .collect();
    wire::ok(Value::Array(rows))
}

/// One outbound list item with the documented fields (reference §1.5).
fn row(cfg: &FmsSimConfig, o: &SimOutbound) -> Map<String, Value> {
    let qty: i64 = o.items.iter().map(|i| i.ord_qty).sum();
    let out_way_nm = match o.out_way.as_str() {
        "2" => "후입선출",
        "3" => "유통기한지정",
        _ => "선입선출",
    };
    let value = json!({
        "outDt": o.out_dt.map(wire::compact_date),
        "ordDt": wire::compact_date(o.ord_dt),
        "whCd": cfg.wh_cd, "whNm": cfg.wh_nm,
        "slipNo": o.slip_no,
        "cstCd": cfg.cst_cd, "cstNm": cfg.cst_nm,
        "shopCd": "99999999", "mapSlipNo": "", "shopNm": "미지정 출고",
        "sku": o.items.len(), "ordQty": qty, "addGodOrdQty": 0,
        "outDiv": "1", "outDivNm": "택배", "cstShopCd": null,
        "ordNo": o.ord_no, "ordSeq": o.ord_seq.unwrap_or(1),
        "shipReqTerm": o.ship_req_term, "salChanel": o.sal_chanel,
        "outWay": o.out_way, "ordDiv": "N", "outWayNm": out_way_nm,
        "wrkStat": o.status.wrk_stat(), "wrkStatNm": o.status.wrk_stat_nm(),
        "invoiceNo": o.invoice_no,
        "parcelNm": o.parcel_cd.as_deref().and_then(parcel_nm),
        "parcelCd": o.parcel_cd,
        "custNm": o.cust_nm, "custAddr": o.cust_addr, "custTelNo": o.cust_tel_no,
        "sendNm": o.send_nm, "sendTelNo": o.send_tel_no,
        "updUserNm": format!("OPEN_API ({})", cfg.cst_cd),
        "updTime": wire::kst_minutes(o.updated_at),
        "goodsSerialNo": [], "supCd": "", "supNm": null,
        "remark": o.remark,
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
