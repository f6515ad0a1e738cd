//! A door for `benches/pipeline.rs`: apply already-fetched orders exactly as a collection applies
//! a page (match, merge, plan — `collect::apply::page`), without the HTTP and the shop's rate
//! limit, which would measure the simulator's pacing instead of the desk's own work.

use packdesk_cafe24::Order;

use crate::collect::apply::{PageRules, Tally, page};
use crate::desk::Desk;
use crate::error::Result;

impl Desk {
    /// Applies `orders` for shop `shop_id` in pages of `page_size` (one transaction each, as a
    /// collection writes them). Returns how many orders were new. Not for the app: benches only.
    #[doc(hidden)]
    pub fn bench_apply_orders(
        &self,
        shop_id: i64,
        orders: &[Order],
        page_size: usize,
    ) -> Result<u32> {
        let now = self.inner.clock.now();
        let carrier = self.default_carrier()?;
        let rules = PageRules {
            shop_id,
            carrier: &carrier,
            min_paid_before: now,
            lower_bound: None,
            run_started: now,
            now,
        };
        let mut tally = Tally::default();
        for chunk in orders.chunks(page_size.max(1)) {
            self.inner
                .store
                .write(|tx| page(tx, &rules, chunk, &mut tally))?;
        }
        Ok(tally.new)
    }
}
