//! 송장출력: print the waybills of the rows a range names (`1-3, 5, 7`; empty = all).
//!
//! Every named row is checked before anything is printed, so a bad range or a blocked row prints
//! nothing. Invoice numbers are taken from the carrier's pool in the same transaction that creates
//! the print job. Each label is marked printed only after its bytes reached the printer, so a
//! printer going offline mid-batch leaves exactly the unprinted rows 미출력.

use std::time::Duration;

use packdesk_devices::printer::{PrinterConnection, PrinterUri};
use packdesk_labels::{MaskRule, pdf, range, zpl};
use packdesk_store::{fmt_utc, params, parcels, pool, settings};

use crate::desk::{Desk, Inner};
use crate::dto::{PrintFormat, PrintReport, PrintRequest, Stage};
use crate::error::{DeskError, Result};

const PRINTER_TIMEOUT: Duration = Duration::from_secs(5);

struct JobItem {
    seq: i64,
    no: u32,
    parcel_id: i64,
    reprint: bool,
}

pub(crate) async fn run(desk: &Desk, req: PrintRequest) -> Result<PrintReport> {
    let inner = &desk.inner;
    let list = crate::worklist::current(inner)?;
    if list.is_empty() {
        return Err(DeskError::NothingToPrint);
    }
    let nos = if req.range.trim().is_empty() {
        // "All" means every row still waiting for its label; printed rows are reprinted only by name.
        let waiting: Vec<usize> = list
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(Stage::parse(&p.stage), Some(Stage::Ready | Stage::Invoiced)))
            .map(|(i, _)| i + 1)
            .collect();
        if waiting.is_empty() {
            return Err(DeskError::NothingToPrint);
        }
        waiting
    } else {
        range::parse(&req.range, list.len())?
    };
    for &no in &nos {
        refuse_unprintable(no, &list[no - 1].stage)?;
    }
    let printer = match req.printer.filter(|p| !p.trim().is_empty()) {
        Some(p) => p,
        None => inner
            .store
            .read(|c| settings::get(c, settings::DEFAULT_PRINTER))?
            .ok_or(DeskError::NoPrinter)?,
    };
    let uri: PrinterUri = printer.parse()?;
    let format = req.format.unwrap_or(match uri {
        PrinterUri::File(_) => PrintFormat::Pdf,
        _ => PrintFormat::Zpl,
    });
    let now = inner.clock.now();
    let range_text = req.range.clone();
    let (job_id, items, assigned) = inner.store.write(|tx| {
        tx.execute(
            "INSERT INTO print_jobs (printer, format, range_text, status, created_at) VALUES (?1, ?2, ?3, 'running', ?4)",
            params![uri.to_string(), format_name(format), range_text, fmt_utc(now)],
        )?;
        let job_id = tx.last_insert_rowid();
        let mut items = Vec::with_capacity(nos.len());
        let mut assigned = 0;
        for (seq, &no) in nos.iter().enumerate() {
            // Re-read inside the transaction: another print or a claim may have changed the row
            // since the list was read (a double click, the CLI beside the app).
            let p = parcels::get(tx, list[no - 1].id)?
                .ok_or_else(|| DeskError::Internal(format!("parcel {} vanished", list[no - 1].id)))?;
            refuse_unprintable(no, &p.stage)?;
            let tracking = match &p.tracking_no {
                Some(t) => t.clone(),
                None => {
                    let t = pool::take_next(tx, &p.carrier, p.id, now)?
                        .ok_or_else(|| DeskError::PoolEmpty { carrier: p.carrier.clone() })?;
                    parcels::set_tracking(tx, p.id, &t, Stage::Invoiced.as_str())?;
                    assigned += 1;
                    t
                }
            };
            let reprint = p.print_count > 0;
            tx.execute(
                "INSERT INTO print_job_items (job_id, seq, parcel_id, tracking_no, reprint) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![job_id, seq as i64, p.id, tracking, reprint],
            )?;
            items.push(JobItem { seq: seq as i64, no: no as u32, parcel_id: p.id, reprint });
        }
        Ok::<_, DeskError>((job_id, items, assigned))
    })?;

    let worker = desk.inner.clone();
    let send_uri = uri.clone();
    let printed =
        tokio::task::spawn_blocking(move || send_job(&worker, job_id, &items, &send_uri, format))
            .await
            .map_err(|e| DeskError::Internal(e.to_string()))?;
    let finished = inner.clock.now();
    let (status, error) = match &printed {
        Ok(_) => ("done", None),
        Err(e) => ("failed", Some(e.to_string())),
    };
    inner.store.read(|c| {
        c.execute(
            "UPDATE print_jobs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1",
            params![job_id, status, error, fmt_utc(finished)],
        )?;
        Ok(())
    })?;
    let printed = printed?;
    let carrier = desk.default_carrier()?;
    Ok(PrintReport {
        job_id,
        reprinted: printed.iter().filter(|(_, reprint)| *reprint).count() as u32,
        printed: printed.into_iter().map(|(no, _)| no).collect(),
        assigned,
        printer: uri.to_string(),
        format,
        pool_remaining: inner.store.read(|c| pool::remaining(c, &carrier))?,
    })
}

fn refuse_unprintable(no: usize, stage: &str) -> Result<()> {
    let refusal = match Stage::parse(stage).unwrap_or(Stage::Ready) {
        Stage::Ready | Stage::Invoiced | Stage::Printed => None,
        Stage::Unmatched => Some((
            "no SKU is matched to a line",
            "매칭되지 않은 상품이 있습니다",
        )),
        Stage::Backorder => Some(("short of stock", "재고가 부족합니다")),
        Stage::Claimed => Some((
            "a cancel/return request arrived",
            "취소/반품 요청이 들어왔습니다",
        )),
        Stage::Shipped => Some(("already shipped", "이미 배송처리되었습니다")),
        Stage::Outsourced => Some((
            "FASSTO packs and labels this parcel",
            "파스토에 출고요청된 택배입니다 (파스토가 송장을 출력합니다)",
        )),
    };
    match refusal {
        Some((en, ko)) => Err(DeskError::NotPrintable {
            no: no as u32,
            reason: en.into(),
            reason_ko: ko.into(),
        }),
        None => Ok(()),
    }
}

fn format_name(f: PrintFormat) -> &'static str {
    match f {
        PrintFormat::Zpl => "zpl",
        PrintFormat::Pdf => "pdf",
    }
}

/// Renders and sends the job; returns (연번, reprint) of every label that reached the printer.
fn send_job(
    inner: &Inner,
    job_id: i64,
    items: &[JobItem],
    uri: &PrinterUri,
    format: PrintFormat,
) -> Result<Vec<(u32, bool)>> {
    let now = inner.clock.now();
    let waybills = inner.store.read_as(|c| {
        items
            .iter()
            .map(|it| crate::waybill::build(c, it.parcel_id, it.no, it.reprint, now))
            .collect::<Result<Vec<_>>>()
    })?;
    let mask = MaskRule::default();
    let mut conn = PrinterConnection::open(uri, PRINTER_TIMEOUT)?;
    let mut done = Vec::with_capacity(items.len());
    match format {
        PrintFormat::Zpl => {
            let opts = zpl::ZplOptions { dpi: 203, mask };
            for (it, wb) in items.iter().zip(&waybills) {
                conn.send(&zpl::render(wb, &opts))?;
                mark_printed(inner, job_id, it)?;
                done.push((it.no, it.reprint));
            }
            conn.finish()?;
        }
        PrintFormat::Pdf => {
            let bytes = pdf::render(&waybills, mask)?;
            conn.send(&bytes)?;
            conn.finish()?;
            for it in items {
                mark_printed(inner, job_id, it)?;
                done.push((it.no, it.reprint));
            }
        }
    }
    Ok(done)
}

fn mark_printed(inner: &Inner, job_id: i64, it: &JobItem) -> Result<()> {
    let now = inner.clock.now();
    inner.store.write(|tx| {
        tx.execute(
            "UPDATE print_job_items SET status = 'printed', printed_at = ?3 WHERE job_id = ?1 AND seq = ?2",
            params![job_id, it.seq, fmt_utc(now)],
        )?;
        parcels::mark_printed(tx, it.parcel_id, now)?;
        Ok::<_, DeskError>(())
    })
}
