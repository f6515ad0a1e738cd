//! Parcels flagged for the owner: customers who paid less shipping than the parcel cost, and
//! parcels a service refused.

use packdesk_fees::fmt_kg;
use packdesk_store::{Connection, fees, parcels};

use crate::dto::{FeeFlagRow, WeighOutcome};
use crate::error::Result;
use crate::weigh::money::krw;

/// The owner's list is about recent work; older flags stay in the database.
const LIMIT: u32 = 500;

pub(crate) fn rows(conn: &Connection) -> Result<Vec<FeeFlagRow>> {
    let mut out = Vec::new();
    for f in fees::flagged(conn, LIMIT)? {
        let Ok(w) = serde_json::from_str::<WeighOutcome>(&f.fee_json) else {
            tracing::warn!(
                parcel_id = f.parcel_id,
                "unreadable weighing record skipped"
            );
            continue;
        };
        let no = if f.archived {
            None
        } else {
            Some(parcels::position(conn, f.parcel_id)?)
        };
        let fee_krw = w.quote.as_ref().map_or(0, |q| q.total_krw);
        let fee = krw(fee_krw);
        let where_ = format!("{} {}", w.country, fmt_kg(w.grams));
        let (flag, message_ko, message_en) = match (&w.refused, w.undercharged_krw) {
            (Some(r), _) => (
                "over_limit",
                format!("{where_}: {}", r.message_ko),
                format!("{where_}: {}", r.message_en),
            ),
            (None, short) => {
                let short = krw(short.unwrap_or(0)).display;
                let paid_krw = w
                    .paid_krw
                    .map(|p| format!(" = {}", krw(p).display))
                    .unwrap_or_default();
                (
                    "undercharged",
                    format!(
                        "{where_}: 배송비 {} — 고객 결제 배송비 {}{paid_krw}, {short} 부족",
                        fee.display, w.paid.display
                    ),
                    format!(
                        "{where_}: fee {}, the customer paid {}{paid_krw} for shipping: {short} short",
                        fee.display, w.paid.display
                    ),
                )
            }
        };
        out.push(FeeFlagRow {
            parcel_id: f.parcel_id,
            no,
            tracking_no: f.tracking_no,
            country: w.country.clone(),
            grams: w.grams,
            flag: flag.to_string(),
            fee,
            paid: w.paid.clone(),
            message_ko,
            message_en,
        });
    }
    Ok(out)
}
