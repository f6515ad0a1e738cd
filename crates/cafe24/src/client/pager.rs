//! Streaming order collection: one page at a time, so collecting 100,000 orders
//! never holds more than a page (plus the ids of one date window) in memory.
//!
//! Cafe24's rules are kept: the range is cut into ≤ 3-month windows; each window
//! is counted first (`/orders/count`) and halved until it can be paged within
//! `offset ≤ 15000`; pages follow `limit`/`offset` until a short page or an
//! answer without a `next` link. A window that grows past the offset cap while
//! being paged (orders arriving) is halved then and there.
//!
//! Offsets shift when orders enter or leave the filter during paging, so a page
//! can repeat an order an earlier page had: ids handed out are remembered for
//! the current window (and its halves) and repeats are dropped. Windows never
//! overlap, so that memory is bounded by one window, not by the whole run.

use std::collections::{HashSet, VecDeque};

use chrono::NaiveDate;

use super::Cafe24Client;
use super::orders::OrderQuery;
use crate::error::Cafe24Error;
use crate::model::Order;
use crate::window::{halve, three_month_windows};

/// Counters of one pager run, for progress displays and benches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageStats {
    /// Pages handed out.
    pub pages: u64,
    /// Orders handed out, each once.
    pub orders: u64,
    /// What `/orders/count` reported for the windows reached so far: progress is
    /// `orders` of `expected`, and `expected` grows when a later window is reached.
    pub expected: u64,
    /// `GET /orders/count` calls.
    pub counts: u64,
    /// Windows halved to stay within the offset cap.
    pub splits: u64,
    /// Orders dropped because an earlier page had already handed them out.
    pub duplicates: u64,
}

/// Pages through every order matching a query; see [`Cafe24Client::order_pager`].
///
/// After an error the pager is where it was: calling [`OrderPager::next_page`]
/// again repeats the failed step.
pub struct OrderPager {
    client: Cafe24Client,
    query: OrderQuery,
    limit: u32,
    /// Windows still to count and page, oldest first.
    windows: VecDeque<(NaiveDate, NaiveDate)>,
    /// The window being paged and the offset of its next page.
    current: Option<Paging>,
    /// Ids handed out from the date region ending at `seen_until`.
    seen: HashSet<String>,
    seen_until: Option<NaiveDate>,
    stats: PageStats,
    /// A query Cafe24 would refuse, reported by the first `next_page`.
    invalid: Option<String>,
}

#[derive(Clone, Copy, Debug)]
struct Paging {
    window: (NaiveDate, NaiveDate),
    offset: u32,
    /// The window's count when paging began (for the error if it outgrows the cap).
    count: u64,
}

impl Cafe24Client {
    /// A pager over every order matching `q`, oldest first per window, each
    /// order once. Nothing is sent until the first [`OrderPager::next_page`].
    pub fn order_pager(&self, q: &OrderQuery) -> OrderPager {
        let invalid =
            (q.start > q.end).then(|| format!("start {} is after end {}", q.start, q.end));
        OrderPager {
            client: self.clone(),
            query: q.clone(),
            limit: q.limit.clamp(1, 1000),
            windows: three_month_windows(q.start, q.end).into(),
            current: None,
            seen: HashSet::new(),
            seen_until: None,
            stats: PageStats::default(),
            invalid,
        }
    }
}

impl OrderPager {
    /// The next page (never empty), or `None` when every window has been read.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Order>>, Cafe24Error> {
        if let Some(message) = &self.invalid {
            return Err(Cafe24Error::BadQuery {
                message: message.clone(),
            });
        }
        loop {
            if let Some(paging) = self.current {
                if let Some(page) = self.read_page(paging).await? {
                    return Ok(Some(page));
                }
                continue;
            }
            let Some(&window) = self.windows.front() else {
                return Ok(None);
            };
            let count = self
                .client
                .count_orders(&self.query, window.0, window.1)
                .await?;
            self.stats.counts += 1;
            if count > self.reachable() {
                self.split(window, count)?;
                continue;
            }
            self.windows.pop_front();
            if count == 0 {
                continue;
            }
            // A window after the remembered region: its orders cannot repeat those ids.
            if self.seen_until.is_some_and(|until| window.0 > until) {
                self.seen.clear();
            }
            self.seen_until = Some(self.seen_until.map_or(window.1, |u| u.max(window.1)));
            self.stats.expected += count;
            self.current = Some(Paging {
                window,
                offset: 0,
                count,
            });
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> PageStats {
        self.stats
    }

    /// Deepest row a window can be paged to: the last page starts at the offset cap.
    fn reachable(&self) -> u64 {
        u64::from(self.client.inner.opts.max_order_offset) + u64::from(self.limit)
    }

    /// Replaces the window at the front of the queue by its halves; a single day
    /// cannot be halved and is an error.
    fn split(&mut self, window: (NaiveDate, NaiveDate), count: u64) -> Result<(), Cafe24Error> {
        let Some((first, second)) = halve(window.0, window.1) else {
            return Err(Cafe24Error::WindowTooLarge {
                day: window.0,
                count,
                max: self.reachable(),
            });
        };
        tracing::debug!(
            target: "packdesk_cafe24::orders",
            start = %window.0, end = %window.1, count,
            "window deeper than the offset cap; halving"
        );
        self.windows.pop_front();
        self.windows.push_front(second);
        self.windows.push_front(first);
        self.stats.splits += 1;
        Ok(())
    }

    /// Reads the page at `paging`; `None` when it held nothing new.
    async fn read_page(&mut self, paging: Paging) -> Result<Option<Vec<Order>>, Cafe24Error> {
        if paging.offset > self.client.inner.opts.max_order_offset {
            // The window grew past the cap while being paged: its halves are
            // counted and paged again, and ids already handed out are skipped.
            self.windows.push_front(paging.window);
            if let Err(e) = self.split(paging.window, paging.count.max(self.reachable() + 1)) {
                self.windows.pop_front();
                return Err(e);
            }
            self.current = None;
            return Ok(None);
        }
        let (orders, last) = self
            .client
            .orders_page(&self.query, paging.window, self.limit, paging.offset)
            .await?;
        self.current = (!last).then_some(Paging {
            offset: paging.offset + self.limit,
            ..paging
        });
        let before = orders.len();
        let fresh: Vec<Order> = orders
            .into_iter()
            .filter(|o| self.seen.insert(o.order_id.clone()))
            .collect();
        self.stats.duplicates += (before - fresh.len()) as u64;
        if fresh.is_empty() {
            return Ok(None);
        }
        self.stats.pages += 1;
        self.stats.orders += fresh.len() as u64;
        Ok(Some(fresh))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pager_can_be_driven_from_a_spawned_task() {
        fn is_send<T: Send>(_: &T) {}
        let _compiles = |p: &mut OrderPager| is_send(&p.next_page());
    }
}
