//! 판매처와 배송상태 불일치: orders whose stage here and status at the shop disagree, and the fix
//! for each kind —
//! - we shipped and the push was confirmed, yet a later read shows the shop still 배송준비중
//!   (N20/N21/N22): send the push again;
//! - the shop shows 배송중/배송완료 (N30/N40) but the parcel has not left here: mark it shipped
//!   here, without a push (it was shipped elsewhere, e.g. by hand in the admin);
//! - the shop refused our push for good (outbox `failed`): retry it.
//!
//! Collection re-reads only unshipped orders, so the first kind is seen only through
//! [`Desk::recheck_shipped`], which re-reads recently shipped orders from the shop.

use chrono::Duration;
use packdesk_store::{Connection, mismatches, parcels, shops};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};
use crate::ship::ShipError;

/// Orders shipped this long ago or less are re-read by [`Desk::recheck_shipped`].
const RECHECK_DAYS: i64 = 14;
/// Order ids per by-id call (Cafe24 takes up to 100 in one `order_id` list).
const RECHECK_CHUNK: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MismatchKind {
    /// 송장전송 완료, 판매처는 배송준비중.
    PushNotApplied,
    /// 판매처는 배송중/배송완료, 여기서는 미배송.
    ShippedElsewhere,
    /// 송장전송 실패.
    PushFailed,
}

impl MismatchKind {
    fn parse(s: &str) -> Option<MismatchKind> {
        Some(match s {
            mismatches::PUSH_NOT_APPLIED => MismatchKind::PushNotApplied,
            mismatches::SHIPPED_ELSEWHERE => MismatchKind::ShippedElsewhere,
            mismatches::PUSH_FAILED => MismatchKind::PushFailed,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MismatchKind::PushNotApplied => mismatches::PUSH_NOT_APPLIED,
            MismatchKind::ShippedElsewhere => mismatches::SHIPPED_ELSEWHERE,
            MismatchKind::PushFailed => mismatches::PUSH_FAILED,
        }
    }

    /// The one fix that applies.
    pub fn fix(self) -> FixAction {
        match self {
            MismatchKind::PushNotApplied => FixAction::RequeuePush,
            MismatchKind::ShippedElsewhere => FixAction::MarkShipped,
            MismatchKind::PushFailed => FixAction::RetryPush,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixAction {
    /// 송장 재전송: queue the confirmed push again.
    RequeuePush,
    /// 배송완료 처리: mark the parcel shipped here, no push.
    MarkShipped,
    /// 재시도: send the refused push again.
    RetryPush,
}

impl FixAction {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAction::RequeuePush => "requeue_push",
            FixAction::MarkShipped => "mark_shipped",
            FixAction::RetryPush => "retry_push",
        }
    }
}

/// One order whose status disagrees. `id` is the order's row id (stable while it disagrees).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    pub id: i64,
    pub order_id: String,
    pub kind: MismatchKind,
    /// 연번 of the parcel in today's list, when it is still listed.
    pub no: Option<u32>,
    pub parcel_id: Option<i64>,
    pub tracking_no: Option<String>,
    /// Our stage of the parcel.
    pub stage: Option<Stage>,
    /// The shop's item statuses, e.g. `N20`.
    pub shop_status: String,
    pub fix: FixAction,
    pub detail_ko: String,
    pub detail_en: String,
}

/// What a fix did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixOutcome {
    pub id: i64,
    pub order_id: String,
    pub action: FixAction,
    /// Pushes now waiting in the outbox because of it (0 for mark_shipped).
    pub queued: u32,
}

/// What a status re-check read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecheckReport {
    pub orders_checked: u32,
    /// Shops skipped because they could not be reached (listed by name, with the error).
    pub skipped_shops: Vec<String>,
}

fn detail(kind: MismatchKind, row: &mismatches::MismatchRow) -> (String, String) {
    match kind {
        MismatchKind::PushNotApplied => (
            format!(
                "송장을 전송했지만 판매처 상태가 아직 {}입니다",
                row.shop_status
            ),
            format!(
                "our tracking push was confirmed but the shop still shows {}",
                row.shop_status
            ),
        ),
        MismatchKind::ShippedElsewhere => (
            format!(
                "판매처에서는 {}(배송중/배송완료)인데 여기서는 아직 배송처리 전입니다",
                row.shop_status
            ),
            format!(
                "the shop shows {} (shipping/delivered) but the parcel has not shipped here",
                row.shop_status
            ),
        ),
        MismatchKind::PushFailed => {
            let why = row.last_error.clone().unwrap_or_default();
            (
                format!("송장 전송이 거절되었습니다: {why}"),
                format!("the shop refused the tracking push: {why}"),
            )
        }
    }
}

fn to_mismatch(conn: &Connection, row: &mismatches::MismatchRow) -> Result<Option<Mismatch>> {
    let Some(kind) = MismatchKind::parse(row.kind) else {
        return Ok(None);
    };
    let core = match row.parcel_id {
        Some(p) => parcels::get(conn, p)?,
        None => None,
    };
    let no = match &core {
        Some(c) => Some(parcels::position(conn, c.id)?).filter(|n| *n > 0),
        None => None,
    };
    let (detail_ko, detail_en) = detail(kind, row);
    Ok(Some(Mismatch {
        id: row.order_pk,
        order_id: row.order_id.clone(),
        kind,
        no,
        parcel_id: row.parcel_id,
        tracking_no: core.as_ref().and_then(|c| c.tracking_no.clone()),
        stage: core.as_ref().and_then(|c| Stage::parse(&c.stage)),
        shop_status: row.shop_status.clone(),
        fix: kind.fix(),
        detail_ko,
        detail_en,
    }))
}

/// How many orders disagree (the 배송 tab's 처리필요 count).
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(mismatches::list(conn)?.len() as i64)
}

impl Desk {
    /// How many orders disagree, as last read.
    pub fn mismatch_count(&self) -> Result<i64> {
        self.inner.store.read_as(count)
    }

    /// Every order whose status here and at the shop disagree, as last read.
    pub fn mismatches(&self) -> Result<Vec<Mismatch>> {
        self.inner.store.read_as(|c| {
            let mut out = Vec::new();
            for row in mismatches::list(c)? {
                out.extend(to_mismatch(c, &row)?);
            }
            Ok::<_, DeskError>(out)
        })
    }

    /// Applies the fix of mismatch `id` (its order's row id). `action` None takes the one that
    /// applies; another action than that is refused.
    pub fn fix_mismatch(&self, id: i64, action: Option<FixAction>) -> Result<FixOutcome> {
        let now = self.inner.clock.now();
        let outcome = self.inner.store.write(|tx| {
            let row = mismatches::list(tx)?
                .into_iter()
                .find(|r| r.order_pk == id)
                .ok_or(ShipError::UnknownMismatch(id))?;
            let kind = MismatchKind::parse(row.kind).ok_or(ShipError::UnknownMismatch(id))?;
            let action = action.unwrap_or(kind.fix());
            if action != kind.fix() {
                return Err(ShipError::FixNotApplicable {
                    id,
                    kind: kind.as_str().into(),
                    action: action.as_str().into(),
                }
                .into());
            }
            let queued = match action {
                FixAction::RequeuePush | FixAction::RetryPush => {
                    let outbox_id = row.outbox_id.ok_or(ShipError::UnknownMismatch(id))?;
                    u32::from(mismatches::requeue(tx, outbox_id, now)?)
                }
                FixAction::MarkShipped => {
                    let parcel_id = row.parcel_id.ok_or(ShipError::UnknownMismatch(id))?;
                    let parcel = parcels::get(tx, parcel_id)?
                        .ok_or_else(|| DeskError::UnknownParcel(parcel_id.to_string()))?;
                    // The parcel leaves as a shipment: stock out of the ledger, and any other
                    // order in it that the shop still waits for is pushed (when it has a number).
                    crate::ship::ship_parcel(tx, &parcel, now)?.queued
                }
            };
            mismatches::record_fix(tx, id, kind.as_str(), action.as_str(), now)?;
            Ok::<_, DeskError>(FixOutcome {
                id,
                order_id: row.order_id,
                action,
                queued,
            })
        })?;
        tracing::info!(
            id,
            action = outcome.action.as_str(),
            queued = outcome.queued,
            "mismatch fixed"
        );
        Ok(outcome)
    }

    /// Re-reads from each shop the orders shipped in the last two weeks whose push was confirmed,
    /// and writes the shop's item statuses back: what [`Desk::mismatches`] compares against.
    /// A shop that cannot be reached is skipped and named; the others are still read.
    pub async fn recheck_shipped(&self) -> Result<RecheckReport> {
        let now = self.inner.clock.now();
        let since = now - Duration::days(RECHECK_DAYS);
        let mut report = RecheckReport::default();
        let all = self.inner.store.read(shops::all)?;
        for shop in all {
            let ids = self
                .inner
                .store
                .read(|c| mismatches::recheck_candidates(c, shop.id, since))?;
            if ids.is_empty() {
                continue;
            }
            let client = match self.client(&shop) {
                Ok(c) => c,
                Err(e) => {
                    report.skipped_shops.push(format!(
                        "{}: {}",
                        crate::collect::display_name(&shop),
                        e
                    ));
                    continue;
                }
            };
            for chunk in ids.chunks(RECHECK_CHUNK) {
                let orders = match client.orders_by_id(shop.shop_no, chunk).await {
                    Ok(o) => o,
                    Err(e) => {
                        report
                            .skipped_shops
                            .push(format!("{}: {e}", crate::collect::display_name(&shop)));
                        break;
                    }
                };
                let checked_at = self.inner.clock.now();
                self.inner.store.write(|tx| {
                    for o in &orders {
                        for item in &o.items {
                            mismatches::set_item_status(
                                tx,
                                shop.id,
                                &o.order_id,
                                &item.order_item_code,
                                &item.order_status,
                            )?;
                        }
                        mismatches::stamp_checked(tx, shop.id, &o.order_id, checked_at)?;
                    }
                    Ok::<_, DeskError>(())
                })?;
                report.orders_checked += orders.len() as u32;
            }
        }
        tracing::info!(
            checked = report.orders_checked,
            skipped = report.skipped_shops.len(),
            "shipped orders re-checked"
        );
        Ok(report)
    }
}
