//! `GET /products` (limit ≤ 100, offset ≤ 5000, then `since_product_no`;
//! `embed=variants`), `GET /products/{no}/variants`, `GET /carriers`. Products
//! are mall-wide; a `shop_no` sees those its shop sells.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::query::{Params, invalid};
use super::shops::shop_param;
use super::{Cafe24Sim, wire};

pub async fn products(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw);
    let parsed = (|| {
        let shop_no = shop_param(&sim, &p)?;
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
            .filter(|x| x.in_shop(shop_no))
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

pub async fn variants(
    State(sim): State<Cafe24Sim>,
    Path(product_no): Path<u32>,
    RawQuery(raw): RawQuery,
) -> Response {
    let shop_no = match shop_param(&sim, &Params::parse(raw)) {
        Ok(n) => n,
        Err(r) => return r.into_response(),
    };
    let found = sim.read(|s| {
        s.products
            .iter()
            .find(|x| x.product_no == product_no && x.in_shop(shop_no))
            .map(|x| {
                x.variants
                    .iter()
                    .map(|v| v.to_wire(shop_no))
                    .collect::<Vec<_>>()
            })
    });
    match found {
        Some(variants) => axum::Json(json!({"variants": variants})).into_response(),
        None => wire::error(StatusCode::NOT_FOUND, "No product found. (product_no)"),
    }
}

pub async fn carriers(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let shop_no = match shop_param(&sim, &Params::parse(raw)) {
        Ok(n) => n,
        Err(r) => return r.into_response(),
    };
    let carriers: Vec<Value> =
        sim.read(|s| s.carriers.iter().map(|c| c.to_wire(shop_no)).collect());
    axum::Json(json!({"carriers": carriers})).into_response()
}
