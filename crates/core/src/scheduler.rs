//! The collection schedule: one timetable per Cafe24 shop and one for FASSTO FMS, as data, in
//! Asia/Seoul, with Korean public holidays and the owner's days off.
//!
//! The loop is thin on purpose: it sleeps until the earliest next fire (or until a timetable
//! changes) and then calls [`tick`], which runs every target whose fire time has come. A laptop that
//! slept through several fires collects once on waking, not once per missed fire.

use chrono::{DateTime, Utc};
use packdesk_schedule::{Calendar, Timetable};
use packdesk_store::{schedules, shops};

use crate::clock::kst_display;
use crate::desk::Desk;
use crate::dto::{CollectRequest, CollectTrigger, DayOffInfo, ScheduleEntry, TickOutcome};
use crate::error::{DeskError, Result};

/// How many upcoming fire times `schedule show` lists per target.
const SHOWN_FIRES: usize = 5;
/// The loop re-checks at least this often, so a changed system clock is noticed.
const MAX_SLEEP: std::time::Duration = std::time::Duration::from_secs(300);

/// What runs on a timetable.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    Shop {
        id: i64,
        label: String,
        paused: Option<String>,
    },
    Fassto,
}

impl Target {
    pub(crate) fn of_shop(shop: &shops::ShopRow) -> Target {
        Target::Shop {
            id: shop.id,
            label: crate::collect::display_name(shop),
            paused: shop.paused.as_ref().map(|(_, message)| message.clone()),
        }
    }

    fn key(&self) -> String {
        match self {
            Target::Shop { id, .. } => schedules::shop_target(*id),
            Target::Fassto => schedules::FASSTO_TARGET.to_string(),
        }
    }

    fn label(&self) -> String {
        match self {
            Target::Shop { label, .. } => label.clone(),
            Target::Fassto => "파스토 FMS (FASSTO)".into(),
        }
    }

    /// A shop collects like Cafe24 MarketPlus until the owner sets a timetable; FASSTO follows
    /// FASSTO's own timetable (seed 001).
    fn default_timetable(&self) -> Timetable {
        match self {
            Target::Shop { .. } => Timetable::marketplus_default(),
            Target::Fassto => Timetable::Fassto,
        }
    }
}

/// Every target on this desk: chosen shops and, when connected, FASSTO.
pub(crate) fn targets(desk: &Desk) -> Result<Vec<Target>> {
    let store = &desk.inner.store;
    let mut out: Vec<Target> = store
        .read(shops::all)?
        .into_iter()
        .filter(|s| s.collect_enabled)
        .map(|s| Target::of_shop(&s))
        .collect();
    if crate::fassto::is_connected(desk)? {
        out.push(Target::Fassto);
    }
    Ok(out)
}

/// Public holidays from the data file plus the owner's temporary holidays and carrier rest days.
pub(crate) fn calendar(desk: &Desk) -> Result<Calendar> {
    let mut cal = Calendar::korean_default()?;
    for d in desk.inner.store.read(schedules::days_off)? {
        if d.kind == "carrier_rest" {
            cal.add_carrier_rest_day(d.day, d.name);
        } else {
            cal.add_extra_holiday(d.day, d.name);
        }
    }
    Ok(cal)
}

pub(crate) fn timetable(desk: &Desk, target: &Target) -> Result<Timetable> {
    match desk
        .inner
        .store
        .read(|c| schedules::get(c, &target.key()))?
    {
        Some(json) => Ok(Timetable::from_json(&json)?),
        None => Ok(target.default_timetable()),
    }
}

/// Resolves what a person typed: `shop:3`, `3` (a shop id) or `fassto`.
fn parse_target(desk: &Desk, text: &str) -> Result<Target> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("fassto") {
        return Ok(Target::Fassto);
    }
    let id: i64 = text
        .strip_prefix("shop:")
        .unwrap_or(text)
        .parse()
        .map_err(|_| {
            DeskError::invalid(
                format!("unknown schedule target {text:?}: use a shop id (packdesk shop list) or fassto"),
                format!("알 수 없는 수집 대상 {text:?}: 쇼핑몰 번호(packdesk shop list) 또는 fassto를 쓰세요"),
            )
        })?;
    let shop = desk
        .inner
        .store
        .read(|c| shops::get(c, id))?
        .ok_or(DeskError::UnknownShop(id))?;
    Ok(Target::of_shop(&shop))
}

pub(crate) fn show(desk: &Desk) -> Result<Vec<ScheduleEntry>> {
    let now = desk.inner.clock.now();
    let cal = calendar(desk)?;
    targets(desk)?
        .into_iter()
        .map(|t| entry(desk, &t, &cal, now))
        .collect()
}

fn entry(desk: &Desk, t: &Target, cal: &Calendar, now: DateTime<Utc>) -> Result<ScheduleEntry> {
    let tt = timetable(desk, t)?;
    let mut next = Vec::with_capacity(SHOWN_FIRES);
    let mut after = now;
    while next.len() < SHOWN_FIRES {
        let Some(at) = tt.next_after(after, cal) else {
            break;
        };
        next.push(kst_display(at));
        after = at;
    }
    let last = desk
        .inner
        .store
        .read(|c| packdesk_store::runs::last(c, &t.key()))?;
    Ok(ScheduleEntry {
        last_status: last.as_ref().map(|r| r.status.clone()),
        last_kst: last
            .as_ref()
            .map(|r| kst_display(r.finished_at.unwrap_or(r.started_at))),
        last_error: last.as_ref().and_then(crate::run_log::error_of),
        target: t.key(),
        label: t.label(),
        timetable: tt.to_string(),
        description_ko: tt.describe_ko(),
        next_kst: next,
        paused: match t {
            Target::Shop { paused, .. } => paused.clone(),
            Target::Fassto => None,
        },
    })
}

pub(crate) fn set(desk: &Desk, target: &str, spec: &str) -> Result<ScheduleEntry> {
    let t = parse_target(desk, target)?;
    let tt: Timetable = spec.parse()?;
    tt.validate()?;
    let now = desk.inner.clock.now();
    desk.inner
        .store
        .read(|c| schedules::set(c, &t.key(), &tt.to_json(), now))?;
    desk.inner.schedule_changed.notify_one();
    entry(desk, &t, &calendar(desk)?, now)
}

pub(crate) fn days_off(desk: &Desk) -> Result<Vec<DayOffInfo>> {
    let now = desk.inner.clock.now();
    let cal = calendar(desk)?;
    let mut out: Vec<DayOffInfo> = desk
        .inner
        .store
        .read(schedules::days_off)?
        .into_iter()
        .map(|d| DayOffInfo {
            day: d.day,
            kind: d.kind,
            name: d.name,
        })
        .collect();
    // The coming public holidays too, so the owner sees what the schedule already skips.
    let today = crate::clock::kst_date(now);
    out.extend(
        cal.public_holidays()
            .filter(|(day, _)| *day >= today && *day <= today + chrono::Duration::days(120))
            .map(|(day, h)| DayOffInfo {
                day,
                kind: "public".into(),
                name: h.name.clone(),
            }),
    );
    out.sort_by_key(|d| d.day);
    Ok(out)
}

pub(crate) fn add_day_off(desk: &Desk, d: DayOffInfo) -> Result<()> {
    if d.kind != "holiday" && d.kind != "carrier_rest" {
        return Err(DeskError::invalid(
            format!("day-off kind {:?}: use holiday or carrier_rest", d.kind),
            format!(
                "휴무 종류 {:?}: holiday(임시휴일) 또는 carrier_rest(택배 휴무)를 쓰세요",
                d.kind
            ),
        ));
    }
    desk.inner.store.read(|c| {
        schedules::add_day_off(
            c,
            &schedules::DayOff {
                day: d.day,
                kind: d.kind,
                name: d.name,
            },
        )
    })?;
    desk.inner.schedule_changed.notify_one();
    Ok(())
}

pub(crate) fn remove_day_off(desk: &Desk, day: chrono::NaiveDate, kind: &str) -> Result<bool> {
    let removed = desk
        .inner
        .store
        .read(|c| schedules::remove_day_off(c, day, kind))?;
    desk.inner.schedule_changed.notify_one();
    Ok(removed)
}

/// Runs every target with a fire time in `(since, now]`. Paused shops are skipped (the owner must
/// reconnect first); one target's failure does not stop the others.
pub(crate) async fn tick(
    desk: &Desk,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<TickOutcome>> {
    let cal = calendar(desk)?;
    let mut out = Vec::new();
    for t in targets(desk)? {
        let tt = timetable(desk, &t)?;
        let Some(fire) = tt.next_after(since, &cal).filter(|at| *at <= now) else {
            continue;
        };
        let result = match &t {
            Target::Shop {
                paused: Some(_), ..
            } => continue,
            Target::Shop { id, .. } => desk
                .collect_with(CollectRequest {
                    shop_id: Some(*id),
                    trigger: CollectTrigger::Schedule,
                    ..CollectRequest::default()
                })
                .await
                .map(|_| ()),
            Target::Fassto => crate::fassto::run(desk, CollectTrigger::Schedule)
                .await
                .map(|_| ()),
        };
        out.push(TickOutcome {
            target: t.key(),
            fired_kst: kst_display(fire),
            error: result.err().map(|e| e.payload()),
        });
    }
    Ok(out)
}

/// The earliest next fire of any target after `after`.
pub(crate) fn next_fire(desk: &Desk, after: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let cal = calendar(desk)?;
    let mut best: Option<DateTime<Utc>> = None;
    for t in targets(desk)? {
        if matches!(
            t,
            Target::Shop {
                paused: Some(_),
                ..
            }
        ) {
            continue;
        }
        if let Some(at) = timetable(desk, &t)?.next_after(after, &cal) {
            best = Some(best.map_or(at, |b| b.min(at)));
        }
    }
    Ok(best)
}

/// Runs the schedule until `stop` resolves. Errors are logged and shown through the run history;
/// the loop itself never gives up.
pub(crate) async fn run_loop(desk: Desk, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    let mut since = desk.inner.clock.now();
    loop {
        let wait = match next_fire(&desk, since) {
            Ok(Some(at)) => (at - desk.inner.clock.now())
                .to_std()
                .unwrap_or_default()
                .min(MAX_SLEEP),
            Ok(None) => MAX_SLEEP,
            Err(e) => {
                tracing::warn!(code = e.code(), "schedule unreadable: {e}");
                MAX_SLEEP
            }
        };
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(wait) => {}
            _ = desk.inner.schedule_changed.notified() => continue,
        }
        let now = desk.inner.clock.now();
        match tick(&desk, since, now).await {
            Ok(done) => {
                for o in done.iter().filter(|o| o.error.is_some()) {
                    tracing::warn!(target = %o.target, "scheduled collection failed");
                }
            }
            Err(e) => tracing::warn!(code = e.code(), "schedule tick failed: {e}"),
        }
        since = now;
    }
}
