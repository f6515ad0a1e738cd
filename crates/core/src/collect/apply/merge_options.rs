//! 합포 options: whether parcels abroad may merge, and whether orders of different sellers (shop
//! rows: each mall, each other channel) share a parcel. They act on the merge key, so every place
//! that looks for a parcel to merge with (collection, receiver changes, orders registered by hand)
//! follows them through [`scoped_key`].
//!
//! Changing them never touches a printed parcel. Unprinted parcels are not re-planned either: the
//! new rule applies to every order placed from then on (the next collection, a registration, a
//! receiver change). A parcel merged under the old rule can still be split with `merge lock`.

use packdesk_store::{Connection, merge_reviews, settings};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::error::Result;

const DOMESTIC_ONLY: &str = "merge.domestic_only";
const PER_SELLER: &str = "merge.per_seller";

/// The station's 합포 rules. The defaults keep what the desk did before the options existed:
/// parcels abroad merge like domestic ones, and across sellers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOptions {
    /// 국내 배송만 합포: a parcel going abroad never takes a second order.
    pub domestic_only: bool,
    /// 같은 판매처만 합포: orders of different shops never share a parcel.
    pub per_seller: bool,
}

fn flag(conn: &Connection, key: &str) -> Result<bool> {
    Ok(settings::get(conn, key)?.is_some_and(|v| v == "on"))
}

pub(crate) fn load(conn: &Connection) -> Result<MergeOptions> {
    Ok(MergeOptions {
        domestic_only: flag(conn, DOMESTIC_ONLY)?,
        per_seller: flag(conn, PER_SELLER)?,
    })
}

fn on_off(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

/// The key a new or moved order looks for its parcel by. Per seller, the shop leads the key (so
/// the 확인필요 near-match, which compares name and address, stays within one seller too); a
/// parcel abroad under "domestic only" gets a key no other order shares (the lock suffix, which
/// also keeps it out of 확인필요).
pub(crate) fn scoped_key(
    opts: MergeOptions,
    base: &str,
    shop_id: i64,
    abroad: bool,
    order_pk: i64,
) -> String {
    let key = if opts.per_seller {
        format!("s{shop_id}:{base}")
    } else {
        base.to_string()
    };
    if opts.domestic_only && abroad {
        merge_reviews::locked_key(&key, order_pk)
    } else {
        key
    }
}

impl Desk {
    pub fn merge_options(&self) -> Result<MergeOptions> {
        self.inner.store.read_as(load)
    }

    /// Changes the options given (None keeps one as it is); returns them as now set.
    pub fn set_merge_options(
        &self,
        domestic_only: Option<bool>,
        per_seller: Option<bool>,
    ) -> Result<MergeOptions> {
        let now = self.inner.store.write(|tx| {
            if let Some(b) = domestic_only {
                settings::set(tx, DOMESTIC_ONLY, on_off(b))?;
            }
            if let Some(b) = per_seller {
                settings::set(tx, PER_SELLER, on_off(b))?;
            }
            load(tx)
        })?;
        tracing::info!(
            domestic_only = now.domestic_only,
            per_seller = now.per_seller,
            "merge options set"
        );
        Ok(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "홍길동|서울강남구|0212345678|01011112222";

    #[test]
    fn defaults_leave_the_key_alone() {
        let o = MergeOptions::default();
        assert_eq!(scoped_key(o, BASE, 3, true, 9), BASE);
    }

    #[test]
    fn per_seller_keys_differ_by_shop_but_keep_the_near_match_within_it() {
        let o = MergeOptions {
            domestic_only: false,
            per_seller: true,
        };
        let a = scoped_key(o, BASE, 1, false, 9);
        let b = scoped_key(o, BASE, 2, false, 10);
        assert_ne!(a, b);
        assert_eq!(a, scoped_key(o, BASE, 1, false, 11));
        assert_eq!(merge_reviews::near_key(&a), Some("s1:홍길동|서울강남구"));
    }

    #[test]
    fn domestic_only_gives_a_parcel_abroad_its_own_key() {
        let o = MergeOptions {
            domestic_only: true,
            per_seller: false,
        };
        assert_ne!(
            scoped_key(o, BASE, 1, true, 9),
            scoped_key(o, BASE, 1, true, 10)
        );
        assert_eq!(scoped_key(o, BASE, 1, false, 9), BASE);
    }
}
