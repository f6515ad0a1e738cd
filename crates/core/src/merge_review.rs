//! 합포 확인필요: receivers with the same name and address but different phone numbers are not
//! merged automatically — it may be one person with two phones, or two people at one address (a
//! family, an office). Collection opens a review for such a pair; a person merges the parcels or
//! keeps them apart, and is never asked about the same pair again. An order can also be locked so
//! it never merges: if it already shares an unprinted parcel it is split off into its own.

use chrono::{DateTime, Utc};
use packdesk_labels::{MaskRule, mask_name, mask_phone};
use packdesk_store::{Transaction, merge_reviews, parcels};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};

/// One side of a review, as the packer sees it (masked like the list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewParcel {
    pub parcel_id: i64,
    /// 연번 in today's list.
    pub no: u32,
    pub order_ids: Vec<String>,
    pub recipient: String,
    pub phone: String,
    pub mobile: String,
    pub address: String,
}

/// Two parcels that might be one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReview {
    pub id: i64,
    pub parcels: Vec<ReviewParcel>,
}

/// What a decision did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeDecision {
    pub id: i64,
    /// "merged" | "kept_apart".
    pub decision: String,
    /// The parcel both are in now (merged), or None.
    pub parcel_id: Option<i64>,
}

/// Called when collection created a parcel: opens a review with every unprinted parcel that
/// shares its receiver's name and address but not its numbers.
pub(crate) fn note_new_parcel(
    tx: &Transaction,
    parcel_id: i64,
    key: &str,
    carrier: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if key.contains("|lock:") {
        return Ok(()); // a locked order's parcel is nobody's merge candidate
    }
    for other in merge_reviews::near_parcels(tx, key, carrier, parcel_id)? {
        merge_reviews::open(tx, other, parcel_id, now)?;
    }
    Ok(())
}

fn still_mergeable(tx: &Transaction, parcel_id: i64) -> Result<bool> {
    Ok(parcels::get(tx, parcel_id)?.is_some_and(|p| {
        Stage::parse(&p.stage).is_some_and(Stage::before_waybill) && p.tracking_no.is_none()
    }) && parcels::order_count(tx, parcel_id)? > 0)
}

fn side(tx: &Transaction, parcel_id: i64, mask: MaskRule) -> Result<ReviewParcel> {
    let r = parcels::receiver(tx, parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {parcel_id} has no receiver")))?;
    let lines = parcels::lines(tx, parcel_id)?;
    Ok(ReviewParcel {
        parcel_id,
        no: parcels::position(tx, parcel_id)?,
        order_ids: crate::worklist::order_ids(&lines),
        recipient: mask_name(&r.name, mask.name),
        phone: mask_phone(&r.phone, mask.phone),
        mobile: mask_phone(&r.mobile, mask.phone),
        address: format!("{} {}", r.address1, r.address2).trim().to_string(),
    })
}

impl Desk {
    /// The open 확인필요 pairs; a pair one of whose parcels was printed, emptied or locked in the
    /// meantime is closed as "gone" instead of listed.
    pub fn merge_reviews(&self) -> Result<Vec<MergeReview>> {
        let now = self.inner.clock.now();
        let mask = MaskRule::default();
        self.inner.store.write(|tx| {
            let mut out = Vec::new();
            for r in merge_reviews::open_reviews(tx)? {
                if !(still_mergeable(tx, r.parcel_a)? && still_mergeable(tx, r.parcel_b)?) {
                    merge_reviews::decide(tx, r.id, merge_reviews::GONE, now)?;
                    continue;
                }
                out.push(MergeReview {
                    id: r.id,
                    parcels: vec![side(tx, r.parcel_a, mask)?, side(tx, r.parcel_b, mask)?],
                });
            }
            Ok(out)
        })
    }

    /// Merges the pair into the older parcel (`merge`) or keeps them apart for good.
    pub fn decide_merge(&self, id: i64, merge: bool) -> Result<MergeDecision> {
        let now = self.inner.clock.now();
        let decision = self.inner.store.write(|tx| {
            let r = merge_reviews::get(tx, id)?.ok_or(DeskError::UnknownMergeReview(id))?;
            if r.status != merge_reviews::OPEN {
                return Err(DeskError::MergeReviewClosed {
                    id,
                    status: r.status,
                });
            }
            if !merge {
                merge_reviews::decide(tx, id, merge_reviews::KEPT_APART, now)?;
                return Ok(MergeDecision {
                    id,
                    decision: merge_reviews::KEPT_APART.into(),
                    parcel_id: None,
                });
            }
            if !(still_mergeable(tx, r.parcel_a)? && still_mergeable(tx, r.parcel_b)?) {
                merge_reviews::decide(tx, id, merge_reviews::GONE, now)?;
                return Err(DeskError::MergeReviewClosed {
                    id,
                    status: merge_reviews::GONE.into(),
                });
            }
            merge_reviews::move_orders(tx, r.parcel_b, r.parcel_a)?;
            parcels::delete_unprinted(tx, r.parcel_b)?;
            merge_reviews::decide(tx, id, merge_reviews::MERGED, now)?;
            crate::allocate::plan(tx, r.parcel_a, now)?;
            Ok(MergeDecision {
                id,
                decision: merge_reviews::MERGED.into(),
                parcel_id: Some(r.parcel_a),
            })
        })?;
        tracing::info!(review = id, decision = %decision.decision, "merge review decided");
        Ok(decision)
    }

    /// Locks an order against merging: it will never be merged with another (collection and
    /// receiver changes included); if it shares an unprinted parcel now, it moves to its own.
    /// Returns the order's parcel.
    pub fn lock_merge(&self, order_id: &str) -> Result<i64> {
        let now = self.inner.clock.now();
        self.inner.store.write(|tx| {
            let pk = merge_reviews::order_pk(tx, order_id)?
                .ok_or_else(|| DeskError::UnknownOrder(order_id.trim().to_string()))?;
            merge_reviews::set_never_merge(tx, pk)?;
            let parcel = parcels::of_order(tx, pk)?
                .ok_or_else(|| DeskError::UnknownOrder(order_id.trim().to_string()))?;
            let core = parcels::get(tx, parcel)?
                .ok_or_else(|| DeskError::Internal(format!("parcel {parcel} vanished")))?;
            let key = parcel_key(tx, parcel)?;
            if parcels::order_count(tx, parcel)? == 1 {
                parcels::set_merge_key(tx, parcel, &merge_reviews::locked_key(&key, pk))?;
                return Ok(parcel);
            }
            if !still_mergeable(tx, parcel)? {
                return Err(DeskError::MergeLockPrinted {
                    order_id: order_id.trim().to_string(),
                });
            }
            let own = parcels::create(
                tx,
                &merge_reviews::locked_key(&key, pk),
                &core.carrier,
                Stage::Ready.as_str(),
                now,
            )?;
            parcels::detach_order(tx, pk)?;
            parcels::attach_order(tx, own, pk)?;
            crate::allocate::plan(tx, parcel, now)?;
            crate::allocate::plan(tx, own, now)?;
            Ok(own)
        })
    }
}

fn parcel_key(tx: &Transaction, parcel_id: i64) -> Result<String> {
    Ok(tx.query_row(
        "SELECT merge_key FROM parcels WHERE id = ?1",
        [parcel_id],
        |r| r.get(0),
    )?)
}
