//! `GET /orders`, `/orders/count`, `/orders/{order_id}`: filters by shop, date
//! window (≤ 3 months), date type, order ids and item status; limit 1–1000
//! (default 10), offset ≤ 15000, `links` to the next page. Date windows are read
//! from the sorted [`DateIndex`](super::index::DateIndex), so a page costs the
//! window's size, not the mall's.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Months, NaiveDate};
use serde_json::{Value, json};

use super::index::DateKey;
use super::model::SimOrder;
use super::query::{Params, invalid};
use super::shops::shop_param;
use super::state::SimState;
use super::wire::ApiError;
use super::{Cafe24Sim, wire};

struct OrderFilter {
    shop_no: u32,
    range: Option<(NaiveDate, NaiveDate)>,
    date_type: DateKey,
    order_ids: Option<Vec<String>>,
    statuses: Option<Vec<String>>,
}

const DOCUMENTED_DATE_TYPES: &[&str] = &[
    "shipbegin_date",
    "shipend_date",
    "cancel_date",
    "place_date",
    "cancel_request_date",
    "cancel_accept_date",
    "cancel_complete_date",
    "exchange_request_date",
    "exchange_accept_date",
    "exchange_complete_date",
    "return_request_date",
    "return_accept_date",
    "return_complete_date",
    "purchaseconfirmation_date",
];

/// `YYYY-MM-DD`, or an ISO date-time with offset (taken as its KST day).
fn parse_day(key: &str, raw: &str) -> Result<NaiveDate, ApiError> {
    if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(d);
    }
    DateTime::parse_from_rfc3339(raw)
        .map(|t| wire::kst_date(&t))
        .map_err(|_| invalid(key, "must be a date (YYYY-MM-DD)"))
}

impl OrderFilter {
    fn parse(sim: &Cafe24Sim, p: &Params) -> Result<OrderFilter, ApiError> {
        let shop_no = shop_param(sim, p)?;
        let order_ids = p.list("order_id")?;
        let statuses = p.list("order_status")?;
        let date_type = match p.get("date_type").unwrap_or("order_date") {
            "order_date" => DateKey::Order,
            "pay_date" => DateKey::Pay,
            other if DOCUMENTED_DATE_TYPES.contains(&other) => {
                return Err(invalid("date_type", "this date_type is not simulated"));
            }
            _ => return Err(invalid("date_type", "unknown date_type")),
        };
        let start = p
            .get("start_date")
            .map(|s| parse_day("start_date", s))
            .transpose()?;
        let end = p
            .get("end_date")
            .map(|s| parse_day("end_date", s))
            .transpose()?;
        let range = match (start, end) {
            (Some(s), Some(e)) => {
                if e < s {
                    return Err(invalid("end_date", "must not be before start_date"));
                }
                let limit = s
                    .checked_add_months(Months::new(3))
                    .unwrap_or(NaiveDate::MAX);
                if e > limit {
                    return Err(invalid(
                        "end_date",
                        "the search period cannot exceed 3 months per call",
                    ));
                }
                Some((s, e))
            }
            (None, Some(_)) => return Err(invalid("start_date", "end_date requires start_date")),
            (Some(_), None) => return Err(invalid("end_date", "start_date requires end_date")),
            (None, None) if order_ids.is_none() => {
                return Err(invalid(
                    "start_date",
                    "start_date and end_date are required",
                ));
            }
            (None, None) => None,
        };
        Ok(OrderFilter {
            shop_no,
            range,
            date_type,
            order_ids,
            statuses,
        })
    }

    fn key_date(&self, o: &SimOrder) -> Option<DateTime<FixedOffset>> {
        self.date_type.of(o)
    }

    fn matches(&self, o: &SimOrder) -> bool {
        if o.shop_no != self.shop_no {
            return false;
        }
        if let Some(ids) = &self.order_ids
            && !ids.contains(&o.order_id)
        {
            return false;
        }
        if let Some((start, end)) = self.range {
            match self.key_date(o) {
                Some(t) => {
                    let day = wire::kst_date(&t);
                    if day < start || day > end {
                        return false;
                    }
                }
                None => return false,
            }
        }
        if let Some(statuses) = &self.statuses
            && !o.items.iter().any(|i| statuses.contains(&i.order_status))
        {
            return false;
        }
        true
    }

    /// Matching orders, oldest first by the filter's date (ties by order id).
    /// By order id when ids are given (≤ 100 lookups), else a scan of the
    /// date window in the sorted index.
    fn select<'a>(&'a self, s: &'a SimState) -> Box<dyn Iterator<Item = &'a SimOrder> + 'a> {
        if let Some(ids) = &self.order_ids {
            let mut hits: Vec<&SimOrder> = ids
                .iter()
                .filter_map(|id| s.order(id))
                .filter(|o| self.matches(o))
                .collect();
            hits.sort_by(|a, b| {
                (self.key_date(a), &a.order_id).cmp(&(self.key_date(b), &b.order_id))
            });
            hits.dedup_by(|a, b| a.order_id == b.order_id);
            return Box::new(hits.into_iter());
        }
        let Some((start, end)) = self.range else {
            return Box::new(std::iter::empty());
        };
        let (Some(from), Some(until)) =
            (kst_midnight(start), end.succ_opt().and_then(kst_midnight))
        else {
            return Box::new(std::iter::empty());
        };
        Box::new(
            s.dates()
                .range(&s.orders, self.date_type, self.shop_no, from, until)
                .filter(move |o| self.matches(o)),
        )
    }
}

/// 00:00 KST of `day`.
fn kst_midnight(day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    day.and_hms_opt(0, 0, 0)?
        .and_local_timezone(wire::kst())
        .single()
}

struct Embeds {
    items: bool,
    receivers: bool,
}

fn embeds(p: &Params) -> Embeds {
    let raw = p.get("embed").unwrap_or("");
    let has = |name: &str| raw.split(',').any(|e| e.trim() == name);
    Embeds {
        items: has("items"),
        receivers: has("receivers"),
    }
}

pub async fn list(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw);
    let filter = match OrderFilter::parse(&sim, &p) {
        Ok(f) => f,
        Err(r) => return r.into_response(),
    };
    let limit = match p.number("limit", 10, 1, 1000) {
        Ok(n) => n as usize,
        Err(r) => return r.into_response(),
    };
    let offset = match p.number("offset", 0, 0, sim.inner.cfg.max_offset) {
        Ok(n) => n as usize,
        Err(r) => return r.into_response(),
    };
    let embed = embeds(&p);
    let (page, total) = sim.read(|s| {
        let mut total = 0usize;
        let mut page: Vec<(String, Value)> = Vec::new();
        for o in filter.select(s) {
            if total >= offset && page.len() < limit {
                page.push((o.order_id.clone(), o.to_wire(embed.items, embed.receivers)));
            }
            total += 1;
        }
        (page, total)
    });
    cancel_after_list(&sim, &page);

    let mut links = Vec::new();
    let base = sim.base_url();
    let href = |offset: usize| {
        format!(
            "{base}api/v2/admin/orders?{}",
            p.with("offset", &offset.to_string())
        )
    };
    if offset > 0 {
        links.push(json!({"rel": "previous", "href": href(offset.saturating_sub(limit))}));
    }
    if offset + limit < total {
        links.push(json!({"rel": "next", "href": href(offset + limit)}));
    }
    let orders: Vec<Value> = page.into_iter().map(|(_, v)| v).collect();
    // Built by hand: `json!` would re-serialise the whole page into a fresh tree.
    let mut body = serde_json::Map::new();
    body.insert("orders".to_owned(), Value::Array(orders));
    body.insert("links".to_owned(), Value::Array(links));
    axum::Json(Value::Object(body)).into_response()
}

/// The demo's late cancellations: orders marked for it turn into C00 right after
/// a list call has returned them once.
fn cancel_after_list(sim: &Cafe24Sim, page: &[(String, Value)]) {
    let due: Vec<String> = sim.read(|s| {
        page.iter()
            .filter(|(id, _)| s.cancel_after_list.contains(id))
            .map(|(id, _)| id.clone())
            .collect()
    });
    if due.is_empty() {
        return;
    }
    sim.mutate(|s| {
        for id in &due {
            s.cancel_after_list.remove(id);
            s.cancel_order(id);
        }
    });
}

pub async fn count(State(sim): State<Cafe24Sim>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw).without("limit").without("offset");
    let filter = match OrderFilter::parse(&sim, &p) {
        Ok(f) => f,
        Err(r) => return r.into_response(),
    };
    let count = sim.read(|s| filter.select(s).count());
    axum::Json(json!({"count": count})).into_response()
}

pub async fn get_one(
    State(sim): State<Cafe24Sim>,
    Path(order_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = Params::parse(raw);
    let shop_no = match shop_param(&sim, &p) {
        Ok(n) => n,
        Err(r) => return r.into_response(),
    };
    let embed = embeds(&p);
    match sim.read(|s| {
        s.order(&order_id)
            .filter(|o| o.shop_no == shop_no)
            .map(|o| o.to_wire(embed.items, embed.receivers))
    }) {
        Some(order) => axum::Json(json!({"order": order})).into_response(),
        None => wire::error(StatusCode::NOT_FOUND, "No order found. (order_id)"),
    }
}
