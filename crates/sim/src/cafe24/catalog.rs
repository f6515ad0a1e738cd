//! `GET /products` (limit ≤ 100, offset ≤ 5000, then `since_product_no`;
//! `embed=variants`), `GET /products/{no}/variants`, `GET /carriers`, `GET /shops`.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::query::{Params, invalid};
use super::{Cafe24Sim, wire};

pub async fn products(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw);
    let parsed = (|| {
        let shop_no = p.number("shop_no", 1, 1, u32::MAX)?;
        let limit = p.number("limit", 10, 1, 100)? as usize;
        let offset = p.number("offset", 0, 0, sim.inner.cfg.max_product_offset)? as usize;
        let since = match p.get("since_product_no") {
            None => None,
            Some(_) if p.get("offset").is_some() => {
                return Err(invalid(
                    "since_product_no",
                    "cannot be combined with offset",
                ));
            }
            Some(_) => Some(p.number("since_product_no", 0, 0, u32::MAX)?),
        };
        let numbers = p.list("product_no")?;
        Ok((shop_no, limit, offset, since, numbers))
    })();
    let (shop_no, limit, offset, since, numbers) = match parsed {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let embed_variants = p
        .get("embed")
        .unwrap_or("")
        .split(',')
        .any(|e| e.trim() == "variants");
    let (page, more) = sim.read(|s| {
        let mut hits: Vec<_> = s
            .products
            .iter()
            .filter(|x| since.is_none_or(|n| x.product_no > n))
            .filter(|x| {
                numbers
                    .as_ref()
                    .is_none_or(|ns| ns.iter().any(|n| *n == x.product_no.to_string()))
            })
            .collect();
        hits.sort_by_key(|x| x.product_no);
        let skip = if since.is_some() { 0 } else { offset };
        let total = hits.len();
        let page: Vec<(u32, Value)> = hits
            .into_iter()
            .skip(skip)
            .take(limit)
            .map(|x| (x.product_no, x.to_wire(shop_no, embed_variants)))
            .collect();
        (page, skip + limit < total)
    });
    let mut links = Vec::new();
    if more {
        let base = sim.base_url();
        let query = match (since, page.last()) {
            (Some(_), Some((last, _))) => p.with("since_product_no", &last.to_string()),
            _ => p.with("offset", &(offset + limit).to_string()),
        };
        links.push(json!({"rel": "next", "href": format!("{base}api/v2/admin/products?{query}")}));
    }
    let products: Vec<Value> = page.into_iter().map(|(_, v)| v).collect();
    axum::Json(json!({"products": products, "links": links})).into_response()
}

pub async fn variants(State(sim): State<Cafe24Sim>, Path(product_no): Path<u32>) -> Response {
    let found = sim.read(|s| {
        s.products
            .iter()
            .find(|x| x.product_no == product_no)
            .map(|x| x.variants.iter().map(|v| v.to_wire(1)).collect::<Vec<_>>())
    });
    match found {
        Some(variants) => axum::Json(json!({"variants": variants})).into_response(),
        None => wire::error(StatusCode::NOT_FOUND, "No product found. (product_no)"),
    }
}

pub async fn carriers(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let shop_no = Params::parse(raw)
        .number("shop_no", 1, 1, u32::MAX)
        .unwrap_or(1);
    let carriers: Vec<Value> =
        sim.read(|s| s.carriers.iter().map(|c| c.to_wire(shop_no)).collect());
    axum::Json(json!({"carriers": carriers})).into_response()
}

pub async fn shops(State(sim): State<Cafe24Sim>) -> Response {
    let name = format!("{} 데모샵", sim.inner.cfg.mall_id);
    axum::Json(json!({"shops": [{
        "shop_no": 1,
        "default": "T",
        "shop_name": name,
        "business_country_code": "KR",
        "language_code": "ko_KR",
        "language_name": "한국어",
        "currency_code": "KRW",
        "currency_name": "South Korean Won (KRW)",
        "reference_currency_code": "USD",
        "reference_currency_name": "U.S. Dollar (USD)",
        "pc_skin_no": 1,
        "mobile_skin_no": 2,
        "base_domain": format!("{}.cafe24.com", sim.inner.cfg.mall_id),
        "primary_domain": format!("{}.cafe24.com", sim.inner.cfg.mall_id),
        "slave_domain": [],
        "active": "T",
        "timezone": "Asia/Seoul",
        "timezone_name": "(GMT+09:00) Seoul",
        "date_format": "YYYY-MM-DD",
        "time_format": "hh:mm:ss",
        "use_reference_currency": "F",
    }]}))
    .into_response()
}
