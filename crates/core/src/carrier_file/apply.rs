//! 송장 파일 가져오기, second half: give the previewed numbers to their parcels when the user
//! confirms — all in ONE transaction, so a failure half-way assigns nothing.
//!
//! Only rows the preview said it would assign are applied, and each is judged again inside the
//! transaction (a parcel claimed or shipped since the preview is not given a number). A number
//! goes on a parcel exactly as the pool path does it (`parcels::set_tracking`, stage `invoiced`);
//! when the user named a carrier other than the parcel's, the parcel moves to that carrier, so
//! its waybill and the shop's shipment name the carrier the number belongs to.

use packdesk_store::carrier_files::{self, IMPORT_APPLIED, IMPORT_PREVIEW};
use packdesk_store::parcels;

use super::dto::{CarrierImportReport, ImportOutcome, PREVIEW_ROWS};
use super::error::CarrierFileError;
use super::import::{tally, view};
use super::judge::{self, Failure, Fits};
use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};

/// Rows read back per step inside the transaction (memory stays flat for any file).
const PAGE: u32 = 1_000;

pub(super) fn apply(desk: &Desk, import_id: i64) -> Result<CarrierImportReport> {
    let inner = &desk.inner;
    let now = inner.clock.now();
    let report = inner.store.write(|tx| {
        let head = carrier_files::import(tx, import_id)?
            .ok_or(CarrierFileError::UnknownImport(import_id))?;
        if !carrier_files::set_import_status(tx, import_id, IMPORT_PREVIEW, IMPORT_APPLIED, now)? {
            return Err(DeskError::from(CarrierFileError::NotPending {
                import_id,
                status: head.status,
            }));
        }
        let mut failed_since_preview = 0;
        let mut after = 0;
        loop {
            let page = carrier_files::rows(tx, import_id, after, PAGE, false)?;
            let Some(last) = page.last() else { break };
            after = last.row_no;
            for mut row in page {
                if ImportOutcome::parse(&row.outcome) != Some(ImportOutcome::Assign) {
                    continue;
                }
                let parcel = match row.parcel_id {
                    Some(id) => parcels::get(tx, id)?,
                    None => None,
                };
                let verdict = match &parcel {
                    Some(p) => {
                        let carrier = judge::carrier_for(tx, p, head.carrier.as_deref())?;
                        row.carrier = Some(carrier.clone());
                        judge::check(tx, p, &carrier, &row.raw_number)?
                    }
                    None => Err(Failure::UnknownOrder {
                        key: row.key_text.clone(),
                    }),
                };
                match (verdict, parcel) {
                    (Ok(Fits::Assign), Some(p)) => {
                        let carrier = row.carrier.clone().unwrap_or_else(|| p.carrier.clone());
                        let number = judge::clean_number(&row.raw_number);
                        if carrier == p.carrier {
                            parcels::set_tracking(tx, p.id, &number, Stage::Invoiced.as_str())?;
                        } else {
                            parcels::set_carrier_tracking(
                                tx,
                                p.id,
                                &carrier,
                                &number,
                                Stage::Invoiced.as_str(),
                            )?;
                        }
                        // A number that was also in the pool must never be handed out again.
                        carrier_files::take_pool_number(tx, &number, p.id, now)?;
                        row.outcome = ImportOutcome::Assigned.id().into();
                    }
                    (Ok(Fits::Unchanged), _) => {
                        row.outcome = ImportOutcome::Unchanged.id().into();
                    }
                    (Err(f), _) => {
                        failed_since_preview += 1;
                        row.outcome = ImportOutcome::Failed.id().into();
                        row.code = Some(f.code().into());
                        row.reason_en = Some(f.en());
                        row.reason_ko = Some(f.ko());
                    }
                    (Ok(Fits::Assign), None) => {
                        return Err(DeskError::Internal(format!(
                            "row {} was judged without its parcel",
                            row.row_no
                        )));
                    }
                }
                carrier_files::set_outcome(tx, import_id, &row)?;
            }
        }
        let (assigned, unchanged, failed, reasons) = tally(tx, import_id)?;
        let failed_rows = carrier_files::rows(tx, import_id, 0, PREVIEW_ROWS, true)?
            .into_iter()
            .map(|r| view(tx, r))
            .collect::<Result<Vec<_>>>()?;
        Ok::<_, DeskError>(CarrierImportReport {
            import_id,
            assigned,
            unchanged,
            failed,
            failed_since_preview,
            reasons,
            failed_rows,
        })
    })?;
    tracing::info!(
        import_id,
        assigned = report.assigned,
        failed = report.failed,
        failed_since_preview = report.failed_since_preview,
        "carrier file applied"
    );
    Ok(report)
}
