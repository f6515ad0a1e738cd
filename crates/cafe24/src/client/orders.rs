//! Order reads: one page of a date window, the window's count, lookups by
//! order id (≤ 100 per call), and [`Cafe24Client::list_orders`] gathering what
//! the [`OrderPager`](super::OrderPager) streams.

use chrono::NaiveDate;
use serde::Deserialize;

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::{Order, WireOrder};

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
    /// Parsed straight into the wire shape: a page of 1,000 orders never exists
    /// as a generic JSON tree as well.
    orders: Vec<WireOrder>,
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

impl OrdersPage {
    /// False only when the answer has `links` and none of them is `next`.
    fn may_have_more(&self) -> bool {
        self.links
            .as_ref()
            .is_none_or(|links| links.iter().any(|l| l.rel == "next"))
    }

    fn into_orders(self) -> Result<Vec<Order>, Cafe24Error> {
        self.orders.into_iter().map(WireOrder::into_order).collect()
    }
}

impl Cafe24Client {
    /// Every order matching `q`, oldest first per window, each order once.
    /// Holds them all in memory: for long ranges use [`Cafe24Client::order_pager`].
    pub async fn list_orders(&self, q: &OrderQuery) -> Result<Vec<Order>, Cafe24Error> {
        let mut pager = self.order_pager(q);
        let mut orders = Vec::new();
        while let Some(page) = pager.next_page().await? {
            orders.extend(page);
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

    pub(super) async fn count_orders(
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

    /// One page of the window at `offset`, and whether it is the window's last
    /// (a short page, or an answer whose `links` name no `next`).
    pub(super) async fn orders_page(
        &self,
        q: &OrderQuery,
        (start, end): (NaiveDate, NaiveDate),
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<Order>, bool), Cafe24Error> {
        let mut query = Self::filters(q, start, end);
        query.push(("embed", EMBED.to_owned()));
        query.push(("limit", limit.to_string()));
        query.push(("offset", offset.to_string()));
        let page: OrdersPage = self
            .call(&ApiCall::get(&["orders"], query))
            .await?
            .json("orders")?;
        let last = page.orders.len() < limit as usize || !page.may_have_more();
        Ok((page.into_orders()?, last))
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
