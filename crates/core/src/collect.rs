//! 주문수집: pull paid orders from each chosen shop and bring them into the pipeline.
//!
//! Rules per shop (DOMAIN.md stage 1): the status to collect (N10 상품준비중 or N20 배송준비중);
//! orders paid less than the minimum age ago (default 10 minutes) are left for the next run, so
//! orders cancelled right after purchase are never collected; the first run takes the last 12
//! hours; later runs re-read the shop's daily range (일일수집범위), so an order that failed to link
//! is picked up by itself once its SKU exists; a manual date range reaches further back. Orders
//! still on the desk are re-read every run so a cancellation or address change is seen before the
//! parcel leaves. Pages are written as they arrive: memory does not grow with the order count.

pub(crate) mod apply;
pub(crate) mod catalogue;

use chrono::{DateTime, Duration, Utc};
use packdesk_cafe24::{Cafe24Client, Order, OrderPager, OrderQuery};
use packdesk_store::runs::{self, RunCounts};
use packdesk_store::{catalogue as sku, orders, parcels, schedules, shops};

use crate::clock::{kst_date, kst_display};
use crate::desk::Desk;
use crate::dto::{CollectProgress, CollectReport, CollectRequest, LinkFailure, ShopCollectResult};
use crate::error::{DeskError, Result};

use apply::{PageRules, Tally};

const FIRST_RUN_HOURS: i64 = 12;
/// Cafe24 answers at most 100 order ids per by-id request.
const BY_ID_CHUNK: usize = 100;

pub(crate) async fn run(desk: &Desk, req: CollectRequest) -> Result<CollectReport> {
    let store = &desk.inner.store;
    let all_shops = store.read(shops::all)?;
    if all_shops.is_empty() {
        return Err(DeskError::NotConnected);
    }
    if let (Some(f), Some(t)) = (req.from, req.to)
        && f > t
    {
        return Err(DeskError::invalid(
            format!("--from {f} is after --to {t}"),
            format!("시작일 {f}이(가) 종료일 {t}보다 늦습니다"),
        ));
    }
    let chosen: Vec<shops::ShopRow> = match req.shop_id {
        Some(id) => vec![
            all_shops
                .into_iter()
                .find(|s| s.id == id)
                .ok_or(DeskError::UnknownShop(id))?,
        ],
        None => all_shops
            .into_iter()
            .filter(|s| s.collect_enabled)
            .collect(),
    };
    // One collection at a time per process: the schedule and the 수집 button never overlap.
    let _one_at_a_time = desk.inner.collect_lock.lock().await;
    let mut report = CollectReport::default();
    let mut first_error: Option<DeskError> = None;
    let mut failed_shops = 0;
    for shop in &chosen {
        let result = run_shop(desk, shop, &req, &mut report).await;
        if let Err(e) = result {
            failed_shops += 1;
            first_error.get_or_insert(e);
        }
    }
    desk.inner.progress.send_replace(CollectProgress::default());
    tracing::info!(
        shops = chosen.len(),
        new = report.new,
        updated = report.updated,
        claimed = report.claimed,
        failed = report.failed,
        "collection done"
    );
    match first_error {
        // A single shop: its own error says it best.
        Some(e) if chosen.len() == 1 => Err(e),
        Some(e) => Err(DeskError::CollectFailed {
            failed: failed_shops,
            total: chosen.len(),
            first: e.to_string(),
            first_ko: e.message_ko(),
            code: e.code(),
        }),
        None => Ok(report),
    }
}

/// Collects one shop, recording the run so the desk shows its last result; a dead refresh token or
/// a missing scope pauses the shop's schedule until the owner reconnects.
async fn run_shop(
    desk: &Desk,
    shop: &shops::ShopRow,
    req: &CollectRequest,
    report: &mut CollectReport,
) -> Result<()> {
    let store = &desk.inner.store;
    let started = desk.inner.clock.now();
    let target = schedules::shop_target(shop.id);
    let run_id = store.read(|c| runs::start(c, &target, req.trigger.as_str(), started))?;
    let mut tally = Tally::default();
    let outcome = collect_shop(desk, shop, req, started, &mut tally).await;
    let finished = desk.inner.clock.now();
    let counts = RunCounts {
        new_orders: tally.new.into(),
        updated: tally.updated.into(),
        claimed: tally.claimed.into(),
        failed: tally.failed.into(),
        skipped: tally.skipped.into(),
        api_calls: i64::try_from(tally.api_calls).unwrap_or(i64::MAX),
        throttled: i64::try_from(tally.throttled).unwrap_or(i64::MAX),
    };
    let (status, error) = match &outcome {
        Ok(()) => ("ok", None),
        Err(e) if pauses_collection(e.code()) => ("paused", Some(e)),
        Err(e) => ("failed", Some(e)),
    };
    store.write(|tx| {
        crate::run_log::finish(
            tx,
            run_id,
            status,
            &counts,
            &tally.failures,
            error,
            finished,
        )?;
        if let Some(e) = error
            && status == "paused"
        {
            shops::pause_mall(tx, &shop.mall_id, e.code(), &e.message_ko())?;
        }
        Ok::<_, DeskError>(())
    })?;
    if let Some(e) = error {
        tracing::warn!(
            shop_no = shop.shop_no,
            code = e.code(),
            "collection failed: {e}"
        );
    }
    report.new += tally.new;
    report.updated += tally.updated;
    report.skipped += tally.skipped;
    report.claimed += tally.claimed;
    report.failed += tally.failed;
    report.api_calls += tally.api_calls;
    report.throttled += tally.throttled;
    report.parcels_created += tally.parcels_created;
    report.receivers_changed += tally.receivers_changed;
    report.shops.push(ShopCollectResult {
        shop_id: shop.id,
        mall_id: shop.mall_id.clone(),
        shop_no: shop.shop_no,
        shop_name: shop.shop_name.clone(),
        status: status.into(),
        trigger: req.trigger.as_str().into(),
        new: tally.new,
        updated: tally.updated,
        claimed: tally.claimed,
        failed: tally.failed,
        skipped: tally.skipped,
        started_kst: kst_display(started),
        finished_kst: Some(kst_display(finished)),
        error: error.map(DeskError::payload),
        failures: tally.failures,
    });
    outcome
}

/// Errors no retry can fix: a person must reconnect the shop or grant a scope.
pub(crate) fn pauses_collection(code: &str) -> bool {
    matches!(
        code,
        "CAFE24_RECONNECT_REQUIRED" | "CAFE24_INSUFFICIENT_SCOPE" | "CAFE24_CLIENT_REJECTED"
    )
}

async fn collect_shop(
    desk: &Desk,
    shop: &shops::ShopRow,
    req: &CollectRequest,
    run_started: DateTime<Utc>,
    tally: &mut Tally,
) -> Result<()> {
    let store = &desk.inner.store;
    let client = desk.client(shop)?;
    let before = client.stats();
    let now = run_started;
    let first_sync = store.read(|c| sku::product_count(c, shop.id))? == 0;
    if first_sync {
        catalogue::sync(desk, shop, &client, now).await?;
    }
    let start = req.from.unwrap_or_else(|| match shop.collect_cursor {
        Some(cursor) => kst_date(cursor - Duration::days(shop.range_days.max(1))),
        None => kst_date(now - Duration::hours(FIRST_RUN_HOURS)),
    });
    let end = req.to.unwrap_or_else(|| kst_date(now));
    let query = OrderQuery {
        shop_no: shop.shop_no,
        start,
        end,
        date_type: "pay_date".into(),
        order_status: vec![shop.collect_status.clone()],
        limit: 1000,
    };
    let min_paid_before = now - Duration::minutes(shop.min_age_minutes);
    let floor = shop
        .collect_floor
        .unwrap_or(now - Duration::hours(FIRST_RUN_HOURS));
    let carrier = desk.default_carrier()?;
    let rules = PageRules {
        shop_id: shop.id,
        carrier: &carrier,
        min_paid_before,
        lower_bound: req.from.is_none().then_some(floor),
        run_started,
        now,
    };
    let mut progress = CollectProgress {
        running: true,
        shop_name: display_name(shop),
        pages: 0,
        orders: 0,
    };
    desk.inner.progress.send_replace(progress.clone());
    let mut catalogue_fresh = false;
    // The next page is fetched while this one is written: when the bucket paces the calls, the
    // desk's own work hides inside the wait instead of adding to it.
    let mut next = Some(tokio::spawn(fetch(client.order_pager(&query))));
    while let Some(handle) = next.take() {
        let (pager, page) = handle
            .await
            .map_err(|e| DeskError::Internal(format!("order fetch stopped: {e}")))??;
        let Some(page) = page else { break };
        let fetching = tokio::spawn(fetch(pager));
        let abort = fetching.abort_handle();
        next = Some(fetching);
        if let Err(e) = take_page(
            desk,
            shop,
            &client,
            &rules,
            &page,
            &mut catalogue_fresh,
            tally,
        )
        .await
        {
            abort.abort();
            return Err(e);
        }
        progress.pages += 1;
        progress.orders += page.len() as u64;
        desk.inner.progress.send_replace(progress.clone());
    }
    // Orders on the desk that the listing did not bring (their status moved on, e.g. to a claim).
    let claims_since = run_started - Duration::days(shop.range_days.max(1));
    let unseen = store.read(|c| orders::open_unseen_ids(c, shop.id, run_started, claims_since))?;
    for ids in unseen.chunks(BY_ID_CHUNK) {
        let page = client.orders_by_id(shop.shop_no, ids).await?;
        take_page(
            desk,
            shop,
            &client,
            &rules,
            &page,
            &mut catalogue_fresh,
            tally,
        )
        .await?;
    }
    // Stock or the catalogue moved (a sync, a claim or a lowered quantity gave stock back): parcels
    // short of stock or SKUs get another chance. Otherwise nothing they wait for has changed.
    let stock_moved = first_sync || catalogue_fresh || tally.claimed > 0 || tally.updated > 0;
    store.write(|tx| {
        if stock_moved {
            for parcel in parcels::awaiting_allocation(tx, run_started)? {
                crate::allocate::plan(tx, parcel, now)?;
            }
        }
        shops::record_collect(tx, shop.id, min_paid_before, floor, now)?;
        Ok::<_, DeskError>(())
    })?;
    let unmatched = store.read(|c| {
        Ok((
            orders::unmatched_count(c, shop.id)?,
            orders::unmatched(c, shop.id, apply::MAX_LISTED_FAILURES as u32)?,
        ))
    })?;
    let (count, listed) = unmatched;
    tally.failed += u32::try_from(count).unwrap_or(u32::MAX);
    for (order_id, what) in listed {
        if tally.failures.len() < apply::MAX_LISTED_FAILURES {
            tally
                .failures
                .push(apply::unmatched_failure(&order_id, &what));
        }
    }
    let after = client.stats();
    tally.api_calls = after.requests - before.requests;
    tally.throttled = after.throttled_429 - before.throttled_429;
    Ok(())
}

async fn fetch(
    mut pager: OrderPager,
) -> std::result::Result<(OrderPager, Option<Vec<Order>>), packdesk_cafe24::Cafe24Error> {
    let page = pager.next_page().await?;
    Ok((pager, page))
}

/// Writes one page; a SKU the catalogue does not know yet triggers one catalogue sync per run first.
async fn take_page(
    desk: &Desk,
    shop: &shops::ShopRow,
    client: &Cafe24Client,
    rules: &PageRules<'_>,
    page: &[Order],
    catalogue_fresh: &mut bool,
    tally: &mut Tally,
) -> Result<()> {
    let store = &desk.inner.store;
    if !*catalogue_fresh {
        let unknown_sku = store.read(|c| {
            for item in page.iter().flat_map(|o| &o.items) {
                if !item.variant_code.is_empty()
                    && sku::variant_id_by_code(c, &item.variant_code)?.is_none()
                {
                    return Ok(true);
                }
            }
            Ok(false)
        })?;
        if unknown_sku {
            catalogue::sync(desk, shop, client, rules.now).await?;
            *catalogue_fresh = true;
        }
    }
    store.write(|tx| apply::page(tx, rules, page, tally))
}

pub(crate) fn display_name(shop: &shops::ShopRow) -> String {
    if shop.shop_name.is_empty() {
        format!("{} #{}", shop.mall_id, shop.shop_no)
    } else {
        format!("{} ({} #{})", shop.shop_name, shop.mall_id, shop.shop_no)
    }
}

/// The last result of every shop, for the desk's collection panel.
pub(crate) fn last_results(desk: &Desk) -> Result<Vec<ShopCollectResult>> {
    let store = &desk.inner.store;
    let all = store.read(shops::all)?;
    let mut out = Vec::with_capacity(all.len());
    for shop in all {
        let last = store.read(|c| runs::last(c, &schedules::shop_target(shop.id)))?;
        let mut r = ShopCollectResult {
            shop_id: shop.id,
            mall_id: shop.mall_id.clone(),
            shop_no: shop.shop_no,
            shop_name: shop.shop_name.clone(),
            status: "never".into(),
            ..ShopCollectResult::default()
        };
        if let Some(run) = last {
            r.status = run.status.clone();
            r.trigger = run.trigger.clone();
            r.new = run.counts.new_orders as u32;
            r.updated = run.counts.updated as u32;
            r.claimed = run.counts.claimed as u32;
            r.failed = run.counts.failed as u32;
            r.skipped = run.counts.skipped as u32;
            r.started_kst = kst_display(run.started_at);
            r.finished_kst = run.finished_at.map(kst_display);
            r.error = crate::run_log::error_of(&run);
            r.failures =
                serde_json::from_str::<Vec<LinkFailure>>(&run.failures).unwrap_or_default();
        }
        if let Some(paused) = shop.paused {
            r.status = "paused".into();
            r.error = Some(crate::run_log::pause_payload(paused));
        }
        out.push(r);
    }
    Ok(out)
}
