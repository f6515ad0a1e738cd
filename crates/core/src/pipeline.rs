//! The 주문처리 page's facts: how many things wait for a person at each stage (처리필요), the
//! invoice-number pools per carrier with their low warnings, and the two file hand-overs the
//! webview needs — a carrier file it uploads as bytes, and an export written to the user's
//! Downloads folder. The page polls the counts every few seconds, so each count is one query.

mod counts;
mod error;
pub(crate) mod files;
mod pools;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use error::PipelineError;
pub use files::default_export_dir;
pub use pools::{InvoicePool, POOL_LOW_AT};

use crate::carrier_file::{
    CarrierExportReport, CarrierExportRequest, CarrierFileFormat, CarrierImportPreview,
};
use crate::desk::Desk;
use crate::error::Result;

/// 처리필요 per stage of the 주문처리 page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCounts {
    /// 매칭: order lines without a SKU in parcels waiting to be matched.
    pub matching: u32,
    /// 합포: open 확인필요 pairs (same name and address, different phones).
    pub merge: u32,
    /// 할당: parcels whose stock does not cover every line (재고부족).
    pub allocate: u32,
    /// 송장: parcels waiting for an invoice number (송장대기).
    pub invoice: u32,
    /// 배송: parcels with a number, printed or not, not shipped yet.
    pub ship: u32,
    /// 판매처와 배송상태 불일치 (shown on the 배송 tab).
    pub mismatch: u32,
    /// 클레임: parcels blocked by a cancel/return/exchange request.
    pub claims: u32,
    /// 반품: returned parcels waiting to be taken in.
    pub returns: u32,
    /// Carriers whose pool of pre-issued numbers runs low (see [`InvoicePool::low`]).
    pub pools_low: Vec<String>,
    /// Everything above that waits for a person (the header's badge).
    pub total: u32,
}

/// A carrier file the webview read from the user's disk: its name and its bytes as base64.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierUpload {
    pub file_name: String,
    pub data_base64: String,
    /// The carrier the user named; None = each parcel's exported (else own) carrier.
    #[serde(default)]
    pub carrier: Option<String>,
}

/// An export asked for from the app: where it goes is decided here (the Downloads folder).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CarrierExportChoice {
    pub carrier: String,
    pub format: CarrierFileFormat,
    /// Rows by 연번 (`1-3, 5`); empty = every row waiting for a number of this carrier.
    #[serde(default)]
    pub range: String,
    #[serde(default)]
    pub layout: Option<String>,
}

impl Desk {
    /// 처리필요 per stage, read in one go (the page polls it).
    pub fn pipeline_counts(&self) -> Result<PipelineCounts> {
        let mut counts = self.inner.store.read(counts::read)?;
        // The mismatch rule lives with the mismatch view, so the badge and the list agree.
        counts.mismatch = u32::try_from(self.mismatch_count()?).unwrap_or(u32::MAX);
        counts.total = counts::total(&counts);
        counts.pools_low = self
            .inner
            .store
            .read(pools::all)?
            .into_iter()
            .filter(|p| p.low)
            .map(|p| p.carrier)
            .collect();
        Ok(counts)
    }

    /// Every carrier with its pool: numbers left, used, parcels waiting, and whether it runs low.
    pub fn invoice_pools(&self) -> Result<Vec<InvoicePool>> {
        Ok(self.inner.store.read(pools::all)?)
    }

    /// Reads an uploaded carrier file (bytes from the webview) with the row-by-row preview, like
    /// [`Desk::preview_carrier_file`]; the bytes live in a temporary file only while being read.
    pub fn preview_carrier_upload(&self, upload: &CarrierUpload) -> Result<CarrierImportPreview> {
        let bytes = files::decode(&upload.file_name, &upload.data_base64)?;
        let temp = files::TempUpload::write(&upload.file_name, &bytes)?;
        self.preview_carrier_file(temp.path(), upload.carrier.as_deref())
    }

    /// Writes a carrier file into `dir` (None = [`default_export_dir`]) as
    /// `<carrier>-YYYYMMDD-HHMM.<xlsx|csv>` (KST), never over an existing file.
    pub fn export_carrier_file_into(
        &self,
        choice: &CarrierExportChoice,
        dir: Option<&Path>,
    ) -> Result<CarrierExportReport> {
        let dir = dir.map_or_else(default_export_dir, Path::to_path_buf);
        let out = files::export_path(&dir, &choice.carrier, choice.format, self.inner.clock.now())?;
        self.export_carrier_file(&CarrierExportRequest {
            carrier: choice.carrier.clone(),
            format: choice.format,
            out,
            range: choice.range.clone(),
            layout: choice.layout.clone(),
        })
    }
}
