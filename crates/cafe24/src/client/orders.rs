//! Order collection: 3-month windows, a count per window so windows too deep
//! for `offset ≤ 15000` are halved before paging, offset/limit paging until a
//! short page, and lookups by order id (≤ 100 per call).

use std::collections::{HashSet, VecDeque};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::{Order, WireOrder};
use crate::window::{halve, three_month_windows};

/// Which orders to collect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderQuery {
    pub shop_no: u32,
    /// First KST day, inclusive.
    pub start: NaiveDate,
    /// Last KST day, inclusive.
    pub end: NaiveDate,
    /// Cafe24 `date_type`: `pay_date`, `order_date`, …
    pub date_type: String,
    /// An order matches when any of its lines has one of these statuses.
    pub order_status: Vec<String>,
    /// Page size, 1–1000.
    pub limit: u32,
}

impl OrderQuery {
    /// Paid orders waiting for shipment (N20 배송준비중) paid between `start` and `end`.
    pub fn paid_awaiting_shipment(start: NaiveDate, end: NaiveDate) -> OrderQuery {
        OrderQuery {
            shop_no: 1,
            start,
            end,
            date_type: "pay_date".to_owned(),
            order_status: vec!["N20".to_owned()],
            limit: 1000,
        }
    }
}

const EMBED: &str = "items,receivers";
/// Cafe24 takes at most 100 comma-separated values.
const IDS_PER_CALL: usize = 100;

#[derive(Deserialize)]
struct OrdersPage {
    #[serde(default)]
    orders: Vec<Value>,
    #[serde(default)]
    links: Option<Vec<Link>>,
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    rel: String,
}

#[derive(Deserialize)]
struct Count {
    count: u64,
}

enum Paged {
    Done(Vec<Order>),
    /// The window grew past the offset cap while paging (orders arriving).
    TooDeep,
}

impl OrdersPage {
    /// False only when the answer has `links` and none of them is `next`.
    fn may_have_more(&self) -> bool {
        self.links
            .as_ref()
            .is_none_or(|links| links.iter().any(|l| l.rel == "next"))
    }

    fn into_orders(self) -> Result<Vec<Order>, Cafe24Error> {
        self.orders
            .into_iter()
            .map(|v| {
                let wire: WireOrder =
                    serde_json::from_value(v).map_err(|e| Cafe24Error::Decode {
                        message: format!("order: {e}"),
                    })?;
                wire.into_order()
            })
            .collect()
    }
}

impl Cafe24Client {
    /// Every order matching `q`, oldest first per window, each order once.
    pub async fn list_orders(&self, q: &OrderQuery) -> Result<Vec<Order>, Cafe24Error> {
        if q.start > q.end {
            return Err(Cafe24Error::BadQuery {
                message: format!("start {} is after end {}", q.start, q.end),
            });
        }
        let limit = q.limit.clamp(1, 1000);
        let reachable = u64::from(self.inner.opts.max_order_offset) + u64::from(limit);
        let mut windows: VecDeque<(NaiveDate, NaiveDate)> =
            three_month_windows(q.start, q.end).into();
        let mut seen = HashSet::new();
        let mut orders = Vec::new();
        while let Some((start, end)) = windows.pop_front() {
            let count = self.count_orders(q, start, end).await?;
            let paged = if count > reachable {
                Paged::TooDeep
            } else if count == 0 {
                Paged::Done(Vec::new())
            } else {
                self.page_window(q, start, end, limit).await?
            };
            match paged {
                Paged::Done(found) => {
                    for order in found {
                        if seen.insert(order.order_id.clone()) {
                            orders.push(order);
                        }
                    }
                }
                Paged::TooDeep => {
                    let Some((first, second)) = halve(start, end) else {
                        return Err(Cafe24Error::WindowTooLarge {
                            day: start,
                            count,
                            max: reachable,
                        });
                    };
                    tracing::debug!(
                        target: "packdesk_cafe24::orders",
                        %start, %end, count, "window deeper than the offset cap; halving"
                    );
                    windows.push_front(second);
                    windows.push_front(first);
                }
            }
        }
        Ok(orders)
    }

    fn filters(q: &OrderQuery, start: NaiveDate, end: NaiveDate) -> Vec<(&'static str, String)> {
        let mut query = vec![
            ("shop_no", q.shop_no.to_string()),
            ("start_date", start.format("%Y-%m-%d").to_string()),
            ("end_date", end.format("%Y-%m-%d").to_string()),
            ("date_type", q.date_type.clone()),
        ];
        if !q.order_status.is_empty() {
            query.push(("order_status", q.order_status.join(",")));
        }
        query
    }

    async fn count_orders(
        &self,
        q: &OrderQuery,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<u64, Cafe24Error> {
        let reply = self
            .call(&ApiCall::get(
                &["orders", "count"],
                Self::filters(q, start, end),
            ))
            .await?;
        Ok(reply.json::<Count>("orders/count")?.count)
    }

    async fn page_window(
        &self,
        q: &OrderQuery,
        start: NaiveDate,
        end: NaiveDate,
        limit: u32,
    ) -> Result<Paged, Cafe24Error> {
        let mut found = Vec::new();
        let mut offset: u32 = 0;
        loop {
            if offset > self.inner.opts.max_order_offset {
                return Ok(Paged::TooDeep);
            }
            let mut query = Self::filters(q, start, end);
            query.push(("embed", EMBED.to_owned()));
            query.push(("limit", limit.to_string()));
            query.push(("offset", offset.to_string()));
            let page: OrdersPage = self
                .call(&ApiCall::get(&["orders"], query))
                .await?
                .json("orders")?;
            let full = page.orders.len() >= limit as usize;
            let more = page.may_have_more();
            found.extend(page.into_orders()?);
            if !full || !more {
                return Ok(Paged::Done(found));
            }
            offset += limit;
        }
    }

    /// The given orders (with items and receivers), ≤ 100 ids per call. Unknown ids are skipped.
    pub async fn orders_by_id(
        &self,
        shop_no: u32,
        order_ids: &[String],
    ) -> Result<Vec<Order>, Cafe24Error> {
        let mut orders = Vec::with_capacity(order_ids.len());
        for chunk in order_ids.chunks(IDS_PER_CALL) {
            let query = vec![
                ("shop_no", shop_no.to_string()),
                ("order_id", chunk.join(",")),
                ("embed", EMBED.to_owned()),
                ("limit", IDS_PER_CALL.to_string()),
            ];
            let page: OrdersPage = self
                .call(&ApiCall::get(&["orders"], query))
                .await?
                .json("orders")?;
            orders.extend(page.into_orders()?);
        }
        Ok(orders)
    }
}
