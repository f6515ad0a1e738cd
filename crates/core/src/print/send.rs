//! Sends the pending labels of a job in order, marking each printed once it reached the printer
//! (see [`super::transport`] for what "reached" means), and stops at the first failure.

use packdesk_devices::printer::PrinterUri;
use packdesk_store::print_queue;

use super::{render, transport};
use crate::desk::Inner;
use crate::dto::PrintFormat;
use crate::error::{DeskError, Result};

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
    let result = if transport::job_per_label(uri) && !render::whole_job(format) {
        items.iter().try_for_each(|it| {
            let chunks = render::render(format, &doc(document, it), &[label(inner, it)?])?;
            transport::send_job(uri, &chunks)?;
            mark_printed(inner, job_id, std::slice::from_ref(it))?;
            sent.push((it.no, it.reprint));
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
        let labels = items[i..i + run]
            .iter()
            .map(|it| label(inner, it))
            .collect::<Result<Vec<_>>>()?;
        chunks.extend(render::render(format, &this, &labels)?);
        i += run;
    }
    transport::send_job(uri, &chunks)?;
    mark_printed(inner, job_id, items)
}

fn doc(document: &str, it: &Pending) -> String {
    render::document_for(document, &it.carrier)
}

fn label(inner: &Inner, it: &Pending) -> Result<render::LabelData> {
    let now = inner.clock.now();
    inner
        .store
        .read_as(|c| crate::waybill::build(c, it.parcel_id, it.no, it.reprint, now))
}

fn mark_printed(inner: &Inner, job_id: i64, items: &[Pending]) -> Result<()> {
    let now = inner.clock.now();
    inner.store.write(|tx| {
        for it in items {
            print_queue::mark_printed(tx, job_id, it.seq, it.parcel_id, now)?;
        }
        Ok::<_, DeskError>(())
    })
}
