//! 재출력: a row printed before is printed again only with a reason, under the station's policy
//! — the same invoice number, or a new one from the pool with the old one voided — and every
//! reprint is written to the audit log in the transaction that creates its job.

use chrono::{DateTime, Utc};
use packdesk_store::{Connection, Transaction, parcels, pool, print_queue, settings};

use crate::dto::{Renumbered, ReprintAudit, ReprintPolicy};
use crate::error::{DeskError, Result};

pub(crate) fn policy(c: &Connection) -> Result<ReprintPolicy> {
    Ok(settings::get(c, settings::REPRINT_POLICY)?
        .as_deref()
        .and_then(ReprintPolicy::parse)
        .unwrap_or_default())
}

pub(crate) fn set_policy(c: &Connection, policy: ReprintPolicy) -> Result<()> {
    Ok(settings::set(c, settings::REPRINT_POLICY, policy.as_str())?)
}

/// The reason given with a request, or PRINT_REASON_REQUIRED naming the rows printed before.
pub(crate) fn require_reason(reason: Option<&str>, reprints: Vec<u32>) -> Result<Option<String>> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match reason {
        _ if reprints.is_empty() => Ok(reason.map(str::to_string)),
        Some(r) => Ok(Some(r.to_string())),
        None => Err(DeskError::PrintReasonRequired { nos: reprints }),
    }
}

/// Applies the policy to one reprinted parcel inside the job's transaction and audits it;
/// returns the number the label carries. Under "new" the parcel takes the pool's next number
/// and the old one is voided, so the shipment pushed when the parcel is scanned out (which reads
/// the parcel's number) carries the new number and a scan of the old label finds nothing.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply(
    tx: &Transaction,
    job_id: i64,
    parcel: &parcels::ParcelCore,
    no: u32,
    current: &str,
    reason: &str,
    policy: ReprintPolicy,
    now: DateTime<Utc>,
) -> Result<(String, Option<Renumbered>)> {
    let (number, renumbered) = match policy {
        ReprintPolicy::Same => (current.to_string(), None),
        ReprintPolicy::New => {
            let new = pool::take_next(tx, &parcel.carrier, parcel.id, now)?.ok_or_else(|| {
                DeskError::PoolEmpty {
                    carrier: parcel.carrier.clone(),
                }
            })?;
            pool::void(tx, &parcel.carrier, current, now)?;
            parcels::set_tracking(tx, parcel.id, &new, &parcel.stage)?;
            let r = Renumbered {
                no,
                parcel_id: parcel.id,
                old: current.to_string(),
                new: new.clone(),
            };
            (new, Some(r))
        }
    };
    print_queue::add_audit(
        tx,
        &print_queue::NewAudit {
            job_id,
            parcel_id: parcel.id,
            tracking_no_old: current,
            tracking_no_new: &number,
            reason,
            policy: policy.as_str(),
        },
        now,
    )?;
    tracing::info!(
        job = job_id,
        parcel = parcel.id,
        policy = policy.as_str(),
        "reprint"
    );
    Ok((number, renumbered))
}

pub(crate) fn audit(c: &Connection, limit: u32) -> Result<Vec<ReprintAudit>> {
    Ok(print_queue::audit(c, limit)?
        .into_iter()
        .map(|a| ReprintAudit {
            id: a.id,
            job_id: a.job_id,
            parcel_id: a.parcel_id,
            tracking_no_old: a.tracking_no_old,
            tracking_no_new: a.tracking_no_new,
            reason: a.reason,
            policy: ReprintPolicy::parse(&a.policy).unwrap_or_default(),
            at_kst: a.at.map(crate::clock::kst_display).unwrap_or_default(),
        })
        .collect())
}
