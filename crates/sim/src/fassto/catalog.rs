//! `GET /api/v1/goods/{cst}` and `GET /api/v1/stock/list/{cst}`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::gate::check_customer;
use super::{FmsSim, wire};

pub async fn goods(
    State(sim): State<FmsSim>,
    Path(cst_cd): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let cfg = &sim.inner.cfg;
    let name = query.get("godNm").map(|n| n.trim()).unwrap_or("");
    let state = sim.inner.state.lock();
    let rows: Vec<Value> = state
        .goods
        .iter()
        .filter(|g| name.is_empty() || g.god_nm.contains(name))
        .map(|g| {
            // A selection of the documented fields; numbers as strings, as FASSTO sends them.
            json!({
                "godCd": g.god_cd, "godType": "1", "godTypeNm": "단품", "godNm": g.god_nm,
                "invGodNmUseYn": "N", "cstGodCd": g.cst_god_cd, "godOptCd1": "", "godOptCd2": "",
                "cstCd": cfg.cst_cd, "cstNm": cfg.cst_nm, "supCd": "", "supNm": null,
                "godBarcd": g.god_barcd.clone().unwrap_or_default(), "giftDiv": "01",
                "giftDivNm": "본품", "godWeight": "0", "distTermMgtYn": "N", "useYn": "Y",
                "safetyStock": "0", "saleUnitQty": "1",
            })
        })
        .collect();
    wire::ok(Value::Array(rows))
}

pub async fn stock(
    State(sim): State<FmsSim>,
    Path(cst_cd): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = check_customer(&sim, &cst_cd) {
        return denied.into_response();
    }
    let cfg = &sim.inner.cfg;
    let q = |k: &str| query.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    if q("whCd").is_some_and(|wh| wh != cfg.wh_cd) {
        return wire::ok(Value::Array(Vec::new()));
    }
    // outOfStockYn=N leaves sold-out goods out; Y or absent lists them too.
    let skip_sold_out = q("outOfStockYn").is_some_and(|v| v.eq_ignore_ascii_case("N"));
    let state = sim.inner.state.lock();
    let rows: Vec<Value> = state
        .goods
        .iter()
        .filter(|g| q("cstGodCd").is_none_or(|c| c == g.cst_god_cd))
        .map(|g| (g, state.can_stock(&g.cst_god_cd)))
        .filter(|(_, can)| !(skip_sold_out && *can <= 0))
        .map(|(g, can)| {
            json!({
                "whCd": cfg.wh_cd, "godCd": g.god_cd, "cstGodCd": g.cst_god_cd, "godNm": g.god_nm,
                "distTermDt": "", "distTermMgtYn": "N",
                "godBarcd": g.god_barcd.clone().unwrap_or_default(),
                "stockQty": g.stock_qty, "badStockQty": g.bad_stock_qty, "canStockQty": can,
                "cstSupCd": null, "supNm": "미지정 공급사", "giftDiv": "01",
                "goodsSerialNo": [], "slipNo": format!("{}IO000000000001", cfg.wh_cd),
            })
        })
        .collect();
    wire::ok(Value::Array(rows))
}
