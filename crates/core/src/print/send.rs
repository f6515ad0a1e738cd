//! Sends the pending labels of a job in order, marking each printed once it reached the printer
//! (see [`super::transport`] for what "reached" means), and stops at the first failure.

use packdesk_devices::printer::PrinterUri;
use packdesk_store::print_queue;

use super::documents::{self, Target};
use super::{render, transport};
use crate::desk::Inner;
use crate::dto::PrintFormat;
use crate::error::{DeskError, Result};

/// Pages per PDF job on a printer (not a file): 1,000 labels drawn before the first byte left
/// took 0.65 s; 50 pages take ~35 ms.
const PDF_PAGES_PER_JOB: usize = 50;

/// A label still to send.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub seq: i64,
    pub parcel_id: i64,
    /// 연번 printed on the label.
    pub no: u32,
    pub reprint: bool,
    pub carrier: String,
}

/// What the printer got.
pub(crate) struct Outcome {
    /// (연번, reprint) of every label that reached the printer, in order.
    pub sent: Vec<(u32, bool)>,
    /// Why sending stopped early, if it did; the labels after `sent` stay pending.
    pub stopped: Option<DeskError>,
}

pub(crate) fn send(
    inner: &Inner,
    job_id: i64,
    items: &[Pending],
    uri: &PrinterUri,
    format: PrintFormat,
    document: &str,
) -> Outcome {
    let mut sent = Vec::with_capacity(items.len());
    let per_label =
        transport::job_per_label(uri) && !render::whole_job(format) && !render::per_batch(document);
    let result = if per_label {
        items.iter().try_for_each(|it| {
            let this = doc(document, it);
            let chunks = render::render(format, &this, &data(inner, &this, &[it])?)?;
            transport::send_job(uri, &chunks)?;
            mark_printed(inner, job_id, document, std::slice::from_ref(it))?;
            sent.push((it.no, it.reprint));
            Ok(())
        })
    } else if transport::job_per_label(uri) && !render::per_batch(document) {
        // A PDF to a printer goes in jobs of PDF_PAGES_PER_JOB pages: the printer starts on the
        // first pages while the rest are drawn, and a pause loses at most one such job.
        items.chunks(PDF_PAGES_PER_JOB).try_for_each(|chunk| {
            send_as_one(inner, job_id, chunk, uri, format, document)?;
            sent.extend(chunk.iter().map(|it| (it.no, it.reprint)));
            Ok(())
        })
    } else {
        send_as_one(inner, job_id, items, uri, format, document).map(|()| {
            sent.extend(items.iter().map(|it| (it.no, it.reprint)));
        })
    };
    Outcome {
        sent,
        stopped: result.err(),
    }
}

/// One job for every label (a PDF, or a file): all of it reached the printer, or none.
fn send_as_one(
    inner: &Inner,
    job_id: i64,
    items: &[Pending],
    uri: &PrinterUri,
    format: PrintFormat,
    document: &str,
) -> Result<()> {
    let mut chunks = Vec::new();
    // One render per document kind, in order (a PDF holds a single template's pages).
    let mut i = 0;
    while i < items.len() {
        let this = doc(document, &items[i]);
        let run = items[i..]
            .iter()
            .take_while(|it| doc(document, it) == this)
            .count();
        let these: Vec<&Pending> = items[i..i + run].iter().collect();
        chunks.extend(render::render(format, &this, &data(inner, &this, &these)?)?);
        i += run;
    }
    transport::send_job(uri, &chunks)?;
    mark_printed(inner, job_id, document, items)
}

fn doc(document: &str, it: &Pending) -> String {
    render::document_for(document, &it.carrier)
}

/// The documents of `template` for these parcels, from the store as it is now.
fn data(
    inner: &Inner,
    template: &str,
    items: &[&Pending],
) -> Result<Vec<packdesk_labels::DocData>> {
    let id = render::template_id(template)?;
    let targets: Vec<Target> = items
        .iter()
        .map(|it| Target {
            parcel_id: it.parcel_id,
            no: it.no,
            reprint: it.reprint,
        })
        .collect();
    let now = inner.clock.now();
    inner
        .store
        .read_as(|c| documents::build(c, id, &targets, now))
}

/// A shipping label counts as the parcel's 출력; paperwork marks only its own item.
fn mark_printed(inner: &Inner, job_id: i64, document: &str, items: &[Pending]) -> Result<()> {
    let now = inner.clock.now();
    let label = render::is_shipping_label(document);
    inner.store.write(|tx| {
        for it in items {
            if label {
                print_queue::mark_printed(tx, job_id, it.seq, it.parcel_id, now)?;
            } else {
                print_queue::mark_item_printed(tx, job_id, it.seq, now)?;
            }
        }
        Ok::<_, DeskError>(())
    })
}
