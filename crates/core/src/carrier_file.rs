//! The carrier-file route (송장 엑셀): export the parcels waiting for a number in a carrier's Excel
//! layout, upload it to the carrier, read the carrier's file of tracking numbers back with a
//! row-by-row preview (예상처리결과 / 실패사유), and apply it atomically when the user confirms.
//!
//! Layouts are data (`assets/carrier_layouts/*.json`, replaceable per shop); files have no row
//! cap (the seed's MarketPlus stops at 10,000 XLSX / 80,000 CSV rows) and are streamed both ways.
//! Password-protected XLSX cannot be written: rust_xlsxwriter has no encryption, and a file that
//! only *looks* protected would be worse than none. Protected files are recognised on import and
//! refused with a clear message.

mod apply;
mod dto;
mod error;
mod export;
mod import;
mod judge;
mod layout;
pub(crate) mod sheet;

use std::path::Path;

pub use dto::{
    CarrierExportReport, CarrierExportRequest, CarrierFileFormat, CarrierImportPreview,
    CarrierImportReport, CarrierImportRow, CarrierLayoutInfo, ImportOutcome, ImportReasonCount,
};
pub use error::CarrierFileError;

use crate::desk::Desk;
use crate::error::Result;

impl Desk {
    /// Writes the parcels waiting for a `carrier` number (or the rows `req.range` names) to
    /// `req.out` in the carrier's layout. Refuses a named row that cannot go (claimed, shipped,
    /// numbered already …) before anything is written.
    pub fn export_carrier_file(&self, req: &CarrierExportRequest) -> Result<CarrierExportReport> {
        export::run(self, req)
    }

    /// Reads a carrier's file of tracking numbers and keeps its row-by-row preview. Nothing is
    /// applied; a file that cannot be read as a whole (not a spreadsheet, no number column …)
    /// fails and keeps nothing. `carrier` None: each parcel's exported (else own) carrier.
    pub fn preview_carrier_file(
        &self,
        path: &Path,
        carrier: Option<&str>,
    ) -> Result<CarrierImportPreview> {
        import::preview(self, path, carrier)
    }

    /// A kept preview (or an applied import) again.
    pub fn carrier_import(&self, import_id: i64) -> Result<CarrierImportPreview> {
        import::load(&self.inner, import_id)
    }

    /// Rows of an import after file row `after_row`, in file order (the preview carries only the
    /// first [`dto::PREVIEW_ROWS`]).
    pub fn carrier_import_rows(
        &self,
        import_id: i64,
        after_row: u32,
        limit: u32,
        failed_only: bool,
    ) -> Result<Vec<CarrierImportRow>> {
        import::rows(&self.inner, import_id, after_row, limit, failed_only)
    }

    /// Gives every row the preview would assign its number, in one transaction; rows that no
    /// longer fit (claimed or shipped since) are reported, not applied. A preview applies once.
    pub fn apply_carrier_import(&self, import_id: i64) -> Result<CarrierImportReport> {
        apply::apply(self, import_id)
    }

    /// The carrier layouts an export can use.
    pub fn carrier_layouts(&self) -> Result<Vec<CarrierLayoutInfo>> {
        Ok(layout::all(&layout::custom_dir())?
            .iter()
            .map(layout::Layout::info)
            .collect())
    }
}
