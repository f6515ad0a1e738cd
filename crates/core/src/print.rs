//! 송장출력 and the print queue: print the labels of the rows a range names (`1-3, 5, 7`;
//! empty = all waiting), pause a job when its printer goes away, resume it, reprint with a reason.
//!
//! Every named row is checked before anything is printed, so a bad range, a blocked row or a
//! reprint without a reason prints nothing. Invoice numbers are taken from the carrier's pool in
//! the same transaction that creates the job and its items (one per label, in print order).
//! Each label is marked printed only after it reached the printer ([`transport`] says what that
//! means for RAW printing). When the printer fails mid-batch the job is *paused* with the reason:
//! the labels already sent stay 출력, the rest 미출력, and [`resume`] sends from the first label
//! not printed. A label whose bytes were only partly sent counts as not printed and is sent whole
//! again. A paused job holds nothing up: its rows can be printed by another job (the paused job's
//! label for that parcel is then dropped, never printed twice), shipped or claimed.

pub(crate) mod documents;
pub(crate) mod facts;
pub(crate) mod preview;
mod printers;
mod render;
mod reprint;
mod send;
mod test_label;
mod transport;

use packdesk_devices::printer::PrinterUri;
use packdesk_labels::range;
use packdesk_store::{parcels, pool, print_queue, settings};

use crate::clock::kst_display;
use crate::desk::{Desk, Inner};
use crate::dto::{
    PrintFormat, PrintJobStatus, PrintJobSummary, PrintReport, PrintRequest, PrintSettings,
    PrinterEntry, Renumbered, ReprintAudit, ReprintPolicy, SkippedLabel, Stage, TestPrintReport,
};
use crate::error::{DeskError, ErrorPayload, Result};

pub(crate) use printers::save as save_printer;

/// How many jobs the queue lists.
const RECENT_JOBS: u32 = 50;

pub(crate) async fn run(desk: &Desk, req: PrintRequest) -> Result<PrintReport> {
    let inner = &desk.inner;
    let document = render::requested(req.document.as_deref())?;
    let label = render::is_shipping_label(&document);
    let list = crate::worklist::current(inner)?;
    if list.is_empty() {
        return Err(DeskError::NothingToPrint);
    }
    let nos = if req.range.trim().is_empty() {
        // "All" means every row still waiting for its label; printed rows are reprinted only by
        // name. Paperwork (slips, cards, a pick list) is for every row not yet shipped.
        let waiting: Vec<usize> = list
            .iter()
            .enumerate()
            .filter(|(_, p)| match Stage::parse(&p.stage) {
                Some(Stage::Ready | Stage::Invoiced) => true,
                Some(Stage::Printed) => !label,
                _ => false,
            })
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
    // Only a shipping label is "reprinted": a second packing slip or pick list needs no reason.
    let reprints: Vec<u32> = nos
        .iter()
        .filter(|&&no| label && list[no - 1].print_count > 0)
        .map(|&no| no as u32)
        .collect();
    let reason = reprint::require_reason(req.reason.as_deref(), reprints)?;
    let (uri, format, policy) = inner.store.read_as(|c| {
        let uri = printers::resolve(c, req.printer.as_deref())?;
        let format = match req.format {
            Some(f) => f,
            None => printers::default_format(c, &uri)?,
        };
        Ok::<_, DeskError>((uri, format, reprint::policy(c)?))
    })?;
    // Refused before the job exists, so a broken template never takes invoice numbers.
    for &no in &nos {
        render::check(&render::document_for(&document, &list[no - 1].carrier))?;
    }

    let now = inner.clock.now();
    let (job_id, items, assigned, renumbered) = inner.store.write(|tx| {
        let job_id = print_queue::create_job(
            tx,
            &print_queue::NewJob {
                printer: &uri.to_string(),
                format: format.id(),
                document: &document,
                range_text: &req.range,
                reason: reason.as_deref(),
            },
            now,
        )?;
        let mut items = Vec::with_capacity(nos.len());
        let mut assigned = 0;
        let mut renumbered = Vec::new();
        for (seq, &no) in nos.iter().enumerate() {
            // Re-read inside the transaction: another print or a claim may have changed the row
            // since the list was read (a double click, the CLI beside the app).
            let p = parcels::get(tx, list[no - 1].id)?.ok_or_else(|| {
                DeskError::Internal(format!("parcel {} vanished", list[no - 1].id))
            })?;
            refuse_unprintable(no, &p.stage)?;
            let is_reprint = label && p.print_count > 0;
            let tracking = match (&p.tracking_no, is_reprint) {
                // Paperwork prints the number the parcel has, if any, and takes none.
                (t, _) if !label => t.clone().unwrap_or_default(),
                (Some(current), true) => {
                    let reason = reason.as_deref().ok_or(DeskError::PrintReasonRequired {
                        nos: vec![no as u32],
                    })?;
                    let (number, renumber) =
                        reprint::apply(tx, job_id, &p, no as u32, current, reason, policy, now)?;
                    renumbered.extend(renumber);
                    number
                }
                (Some(t), false) => t.clone(),
                (None, _) => {
                    let t = pool::take_next(tx, &p.carrier, p.id, now)?.ok_or_else(|| {
                        DeskError::PoolEmpty {
                            carrier: p.carrier.clone(),
                        }
                    })?;
                    parcels::set_tracking(tx, p.id, &t, Stage::Invoiced.as_str())?;
                    assigned += 1;
                    t
                }
            };
            print_queue::add_item(tx, job_id, seq as i64, p.id, &tracking, is_reprint)?;
            items.push(send::Pending {
                seq: seq as i64,
                parcel_id: p.id,
                no: no as u32,
                reprint: is_reprint,
                carrier: p.carrier.clone(),
            });
        }
        Ok::<_, DeskError>((job_id, items, assigned, renumbered))
    })?;

    let outcome = send_in_background(desk, job_id, items, &uri, format, &document).await?;
    let mut report = conclude(desk, job_id, &uri, format, &document, outcome)?;
    report.assigned = assigned;
    report.renumbered = renumbered;
    Ok(report)
}

/// Continues a paused job from its first label not printed.
pub(crate) async fn resume(desk: &Desk, job_id: i64) -> Result<PrintReport> {
    let inner = &desk.inner;
    let job = inner
        .store
        .read(|c| print_queue::job(c, job_id))?
        .ok_or(DeskError::UnknownPrintJob(job_id))?;
    let not_paused = |status: String| DeskError::PrintJobNotPaused { job_id, status };
    if job.status != print_queue::PAUSED {
        return Err(not_paused(job.status));
    }
    let format = PrintFormat::parse(&job.format)
        .ok_or_else(|| DeskError::Internal(format!("job {job_id} has format {}", job.format)))?;
    let uri: PrinterUri = job.printer.parse()?;
    // Claimed atomically: a second resume (a double click, the CLI) finds it running and stops.
    let (items, skipped) = inner.store.write(|tx| {
        if !print_queue::claim_paused(tx, job_id)? {
            return Err(not_paused(print_queue::RUNNING.into()));
        }
        let mut items = Vec::new();
        let mut skipped = Vec::new();
        for it in print_queue::items(tx, job_id)? {
            let no = parcels::position(tx, it.parcel_id)?;
            let Some(p) = parcels::get(tx, it.parcel_id)? else {
                continue;
            };
            match it.status.as_str() {
                print_queue::ITEM_PENDING => {}
                print_queue::ITEM_SUPERSEDED => {
                    skipped.push(superseded(no, it.parcel_id));
                    continue;
                }
                _ => continue,
            }
            // Claimed, shipped or handed to FASSTO while the job waited: not printed now.
            if let Err(e) = refuse_unprintable(no as usize, &p.stage) {
                print_queue::set_item_status(tx, job_id, it.seq, print_queue::ITEM_BLOCKED)?;
                skipped.push(SkippedLabel {
                    no,
                    parcel_id: it.parcel_id,
                    why: "blocked".into(),
                    why_ko: e.message_ko(),
                });
                continue;
            }
            items.push(send::Pending {
                seq: it.seq,
                parcel_id: it.parcel_id,
                no,
                reprint: it.reprint,
                carrier: p.carrier,
            });
        }
        Ok::<_, DeskError>((items, skipped))
    })?;
    tracing::info!(job = job_id, labels = items.len(), "resuming print job");
    let outcome = send_in_background(desk, job_id, items, &uri, format, &job.document).await?;
    let mut report = conclude(desk, job_id, &uri, format, &job.document, outcome)?;
    report.skipped = skipped;
    Ok(report)
}

fn superseded(no: u32, parcel_id: i64) -> SkippedLabel {
    SkippedLabel {
        no,
        parcel_id,
        why: "superseded".into(),
        why_ko: "일시정지 중에 다른 작업에서 출력되었습니다".into(),
    }
}

async fn send_in_background(
    desk: &Desk,
    job_id: i64,
    items: Vec<send::Pending>,
    uri: &PrinterUri,
    format: PrintFormat,
    document: &str,
) -> Result<send::Outcome> {
    let worker = desk.inner.clone();
    let uri = uri.clone();
    let document = document.to_string();
    tokio::task::spawn_blocking(move || {
        send::send(&worker, job_id, &items, &uri, format, &document)
    })
    .await
    .map_err(|e| DeskError::Internal(e.to_string()))
}

/// Records how the run ended: done; paused when the printer failed (PRINT_PAUSED, naming the
/// job so it can be resumed); failed when the labels themselves could not be made.
fn conclude(
    desk: &Desk,
    job_id: i64,
    uri: &PrinterUri,
    format: PrintFormat,
    document: &str,
    outcome: send::Outcome,
) -> Result<PrintReport> {
    let inner = &desk.inner;
    let now = inner.clock.now();
    match outcome.stopped {
        None => {
            inner
                .store
                .read(|c| print_queue::finish(c, job_id, print_queue::DONE, None, now))?;
        }
        Some(e @ DeskError::Printer(_)) => {
            let job = inner.store.write(|tx| {
                print_queue::pause(tx, job_id, e.code(), &e.message_ko(), &e.to_string(), now)?;
                print_queue::job(tx, job_id)
            })?;
            let (printed, total) = job.map(|j| (j.printed, j.total)).unwrap_or_default();
            tracing::warn!(
                job = job_id,
                printed,
                total,
                code = e.code(),
                "print job paused"
            );
            return Err(DeskError::PrintPaused {
                job_id,
                printed,
                total,
                cause_code: e.code().to_string(),
                cause_en: e.to_string(),
                cause_ko: e.message_ko(),
            });
        }
        Some(e) => {
            inner.store.read(|c| {
                print_queue::finish(c, job_id, print_queue::FAILED, Some(&e.to_string()), now)
            })?;
            return Err(e);
        }
    }
    let carrier = desk.default_carrier()?;
    Ok(PrintReport {
        job_id,
        reprinted: outcome.sent.iter().filter(|(_, reprint)| *reprint).count() as u32,
        printed: outcome.sent.into_iter().map(|(no, _)| no).collect(),
        assigned: 0,
        printer: uri.to_string(),
        format,
        pool_remaining: inner.store.read(|c| pool::remaining(c, &carrier))?,
        document: document.to_string(),
        renumbered: Vec::<Renumbered>::new(),
        skipped: Vec::new(),
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

/// The recent jobs, newest first, with their 출력/미출력 counts.
pub(crate) fn jobs(inner: &Inner) -> Result<Vec<PrintJobSummary>> {
    let rows = inner.store.read(|c| print_queue::recent(c, RECENT_JOBS))?;
    Ok(rows
        .into_iter()
        .map(|j| {
            let status = PrintJobStatus::parse(&j.status);
            let paused = match (status, j.paused_code) {
                (PrintJobStatus::Paused, Some(code)) => Some(ErrorPayload {
                    code,
                    message_ko: j.paused_reason_ko.unwrap_or_default(),
                    message_en: j.paused_reason_en.unwrap_or_default(),
                }),
                _ => None,
            };
            PrintJobSummary {
                job_id: j.id,
                status,
                status_ko: status.label_ko().into(),
                printer: j.printer,
                format: j.format,
                document: j.document,
                range: j.range_text,
                created_kst: j.created_at.map(kst_display).unwrap_or_default(),
                finished_kst: j.finished_at.map(kst_display),
                total: j.total,
                printed: j.printed,
                pending: j.pending,
                reprints: j.reprints,
                reason: j.reason,
                paused,
                error: j.error,
            }
        })
        .collect())
}

/// The station's printers; in demo mode the built-in virtual printer is always among them, so
/// choosing another default never loses the way back to it.
pub(crate) fn printers(inner: &Inner) -> Result<Vec<PrinterEntry>> {
    let mut list = inner.store.read_as(printers::list)?;
    let demo_uri = {
        let demo = inner.demo.lock().unwrap_or_else(|p| p.into_inner());
        demo.as_ref().map(|d| d.printer.uri())
    };
    if let Some(uri) = demo_uri {
        match list.iter_mut().find(|p| p.uri == uri) {
            Some(p) if p.name.is_empty() => p.name = printers::DEMO_PRINTER_NAME.into(),
            Some(_) => {}
            None => list.push(PrinterEntry {
                kind: transport::kind(&uri),
                uri,
                name: printers::DEMO_PRINTER_NAME.into(),
                format: Some(PrintFormat::Zpl),
                is_default: false,
                source: "demo".into(),
                detail: String::new(),
            }),
        }
    }
    Ok(list)
}

pub(crate) async fn test_print(desk: &Desk, printer: Option<String>) -> Result<TestPrintReport> {
    test_label::run(desk, printer).await
}

/// The printing page's settings. The format is the one a print to the default printer would use
/// ([`printers::default_format`]), so the page and the print cannot disagree.
pub(crate) fn print_settings(inner: &Inner) -> Result<PrintSettings> {
    inner.store.read_as(|c| {
        let default_printer = settings::get(c, settings::DEFAULT_PRINTER)?;
        let default_format = match default_printer.as_deref().map(str::parse::<PrinterUri>) {
            Some(Ok(uri)) => printers::default_format(c, &uri)?,
            _ => PrintFormat::Zpl,
        };
        Ok(PrintSettings {
            default_printer,
            default_format,
            reprint_policy: reprint::policy(c)?,
        })
    })
}

pub(crate) fn reprint_policy(inner: &Inner) -> Result<ReprintPolicy> {
    inner.store.read_as(reprint::policy)
}

pub(crate) fn set_reprint_policy(inner: &Inner, policy: ReprintPolicy) -> Result<()> {
    inner.store.read_as(|c| reprint::set_policy(c, policy))
}

pub(crate) fn reprint_audit(inner: &Inner, limit: u32) -> Result<Vec<ReprintAudit>> {
    inner.store.read_as(|c| reprint::audit(c, limit))
}
