//! 선택 배송처리: ship the printed parcels a range of the list names ("1-3, 5"), each exactly as
//! its scan would (the same refusals), each in its own transaction so one refusal stops no other.

use packdesk_labels::range;
use packdesk_store::{fmt_utc, params};
use serde::{Deserialize, Serialize};

use super::{ShipOptions, ship_checked};
use crate::desk::Desk;
use crate::dto::{ShipOutcome, Stage};
use crate::error::{DeskError, ErrorPayload, Result};

/// What happened to one row of the range.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShipRowResult {
    /// 연번 in today's list.
    pub no: u32,
    pub tracking_no: Option<String>,
    /// Set when the row shipped.
    pub shipped: Option<ShipOutcome>,
    /// Set when it was refused (not printed, claimed, needs weighing …).
    pub error: Option<ErrorPayload>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShipSelectedReport {
    pub shipped: u32,
    pub refused: u32,
    pub rows: Vec<ShipRowResult>,
}

fn not_printed(no: usize, stage: &str) -> ErrorPayload {
    let label = Stage::parse(stage).map_or(stage.to_string(), |s| s.label_ko().to_string());
    ErrorPayload {
        code: "NOT_PRINTED".into(),
        message_ko: format!("{no}번은 송장이 출력되지 않았습니다 ({label})"),
        message_en: format!("row {no} has no printed label ({stage})"),
    }
}

impl Desk {
    /// Ships every printed parcel the range names; rows not printed are reported, not shipped.
    /// `removed_claimed` confirms for every partly claimed parcel in the range that its claimed
    /// lines were taken out (the UI asks per row; the CLI says it once for the range).
    pub fn ship_selected(
        &self,
        range_text: &str,
        removed_claimed: bool,
    ) -> Result<ShipSelectedReport> {
        let list = crate::worklist::current(&self.inner)?;
        if range_text.trim().is_empty() {
            return Err(DeskError::invalid(
                "give the rows to ship, e.g. 1-3, 5",
                "배송처리할 연번을 입력하세요 (예: 1-3, 5)",
            ));
        }
        let nos = range::parse(range_text, list.len())?;
        let opts = ShipOptions { removed_claimed };
        let mut rows = Vec::with_capacity(nos.len());
        for no in nos {
            let parcel = &list[no - 1];
            let no32 = u32::try_from(no).map_err(|e| DeskError::Internal(e.to_string()))?;
            let stage = Stage::parse(&parcel.stage);
            // Shipped and claimed rows go through the scan's own refusals (already shipped, STOP).
            if !matches!(
                stage,
                Some(Stage::Printed | Stage::Shipped | Stage::Claimed)
            ) || parcel.tracking_no.is_none()
            {
                rows.push(ShipRowResult {
                    no: no32,
                    tracking_no: parcel.tracking_no.clone(),
                    shipped: None,
                    error: Some(not_printed(no, &parcel.stage)),
                });
                continue;
            }
            let now = self.inner.clock.now();
            let code = parcel.tracking_no.clone().unwrap_or_default();
            let result = self.inner.store.write(|tx| {
                // Re-read inside the transaction: the list was read before it.
                let fresh = packdesk_store::parcels::get(tx, parcel.id)?
                    .ok_or_else(|| DeskError::UnknownParcel(format!("no:{no}")))?;
                let result = ship_checked(tx, &fresh, None, now, opts);
                let label = match &result {
                    Ok(_) => "ok",
                    Err(e) => e.code(),
                };
                tx.execute(
                    "INSERT INTO scan_log (code, parcel_id, result, at) VALUES (?1, ?2, ?3, ?4)",
                    params![code, parcel.id, label, fmt_utc(now)],
                )?;
                Ok::<_, DeskError>(result)
            })?;
            rows.push(match result {
                Ok(o) => ShipRowResult {
                    no: no32,
                    tracking_no: Some(o.tracking_no.clone()),
                    shipped: Some(o),
                    error: None,
                },
                Err(e) => ShipRowResult {
                    no: no32,
                    tracking_no: parcel.tracking_no.clone(),
                    shipped: None,
                    error: Some(e.payload()),
                },
            });
        }
        let shipped = rows.iter().filter(|r| r.shipped.is_some()).count() as u32;
        let refused = rows.len() as u32 - shipped;
        tracing::info!(shipped, refused, "ship selected");
        Ok(ShipSelectedReport {
            shipped,
            refused,
            rows,
        })
    }
}
