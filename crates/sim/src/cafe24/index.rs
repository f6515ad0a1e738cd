//! Orders sorted by (shop, date, order id) for each date type `GET /orders`
//! filters on, so answering a page is a binary search plus a scan of the
//! requested window — never a filter-and-sort of the whole mall. Paging through
//! 100,000 orders stays linear in what is read.

use chrono::{DateTime, FixedOffset};

use super::model::SimOrder;

/// Which order date a query ranges over (`date_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKey {
    Order,
    Pay,
}

impl DateKey {
    pub fn of(self, o: &SimOrder) -> Option<DateTime<FixedOffset>> {
        match self {
            DateKey::Order => Some(o.order_date),
            DateKey::Pay => o.payment_date,
        }
    }
}

/// Positions into the order list, one sorted vector per date type. Orders
/// without a payment date are absent from the payment-date vector.
#[derive(Debug, Default)]
pub struct DateIndex {
    by_order: Vec<usize>,
    by_pay: Vec<usize>,
}

impl DateIndex {
    pub fn build(orders: &[SimOrder]) -> DateIndex {
        DateIndex {
            by_order: sorted(orders, DateKey::Order),
            by_pay: sorted(orders, DateKey::Pay),
        }
    }

    /// Orders of `shop_no` whose `key` date lies in `[from, until)`, oldest first
    /// (ties by order id).
    pub fn range<'a>(
        &'a self,
        orders: &'a [SimOrder],
        key: DateKey,
        shop_no: u32,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> impl Iterator<Item = &'a SimOrder> + 'a {
        let positions = match key {
            DateKey::Order => &self.by_order,
            DateKey::Pay => &self.by_pay,
        };
        // Every indexed order has the key date, so `unwrap_or` never decides anything.
        let at = move |i: usize| {
            let o = &orders[i];
            (o.shop_no, key.of(o).unwrap_or(from))
        };
        let lo = positions.partition_point(|&i| at(i) < (shop_no, from));
        let hi = positions.partition_point(|&i| at(i) < (shop_no, until));
        positions[lo..hi.max(lo)].iter().map(move |&i| &orders[i])
    }
}

fn sorted(orders: &[SimOrder], key: DateKey) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..orders.len())
        .filter(|&i| key.of(&orders[i]).is_some())
        .collect();
    positions.sort_by(|&a, &b| {
        let (a, b) = (&orders[a], &orders[b]);
        (a.shop_no, key.of(a), &a.order_id).cmp(&(b.shop_no, key.of(b), &b.order_id))
    });
    positions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cafe24::demo_orders_between;
    use chrono::{TimeZone, Utc};

    #[test]
    fn ranges_select_by_shop_and_half_open_dates_in_order() {
        let from = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2025, 1, 11, 0, 0, 0).unwrap();
        let mut orders = demo_orders_between(3, from, to, 300);
        for o in orders.iter_mut().step_by(3) {
            o.shop_no = 2;
        }
        let index = DateIndex::build(&orders);
        let lo = Utc
            .with_ymd_and_hms(2025, 1, 3, 0, 0, 0)
            .unwrap()
            .fixed_offset();
        let hi = Utc
            .with_ymd_and_hms(2025, 1, 6, 0, 0, 0)
            .unwrap()
            .fixed_offset();
        for shop in [1, 2] {
            let got: Vec<&str> = index
                .range(&orders, DateKey::Pay, shop, lo, hi)
                .map(|o| o.order_id.as_str())
                .collect();
            let mut expected: Vec<&SimOrder> = orders
                .iter()
                .filter(|o| o.shop_no == shop)
                .filter(|o| o.payment_date.is_some_and(|p| p >= lo && p < hi))
                .collect();
            expected
                .sort_by(|a, b| (a.payment_date, &a.order_id).cmp(&(b.payment_date, &b.order_id)));
            let expected: Vec<&str> = expected.iter().map(|o| o.order_id.as_str()).collect();
            assert!(!expected.is_empty());
            assert_eq!(got, expected, "shop {shop}");
        }
        assert_eq!(index.range(&orders, DateKey::Order, 3, lo, hi).count(), 0);
    }
}
