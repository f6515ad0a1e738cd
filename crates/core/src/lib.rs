//! packdesk-core: the one service API that the desktop app and the `packdesk` CLI call.
//!
//! Nouns live in [`dto`]; each verb is a module (collect, allocate, print, ship, sync, connect,
//! demo); [`Desk`] is the facade that holds the store, the clock and the device/shop handles.
//! Business logic takes time from the [`clock::Clock`] as a value, never from the system directly.

pub mod clock;
pub mod dto;
pub mod error;
pub mod invoice;
pub mod normalize;
pub mod paths;
pub mod secrets;

mod allocate;
mod carrier_file;
mod collect;
mod connect;
mod demo;
mod desk;
mod fassto;
mod matching;
mod merge_review;
mod mismatch;
mod order_entry;
mod pipeline;
mod print;
mod returns;
mod run_log;
mod scheduler;
mod ship;
mod shops;
mod station_devices;
mod sync;
mod waybill;
mod weigh;
mod weights;
mod worklist;

pub use allocate::{
    AllocationError, AllocationPolicy, AllocationReport, BackorderLine, BackorderParcel, Priority,
    ServiceOrder, SplitOutcome, StockLevel, StockMovement, StockNeed,
};
pub use carrier_file::{
    CarrierExportReport, CarrierExportRequest, CarrierFileError, CarrierFileFormat,
    CarrierImportPreview, CarrierImportReport, CarrierImportRow, CarrierLayoutInfo, ImportOutcome,
    ImportReasonCount,
};
pub use desk::{Desk, DeskOptions};
pub use dto::*;
pub use error::{DeskError, ErrorPayload, Result};
pub use matching::{
    BundleComponent, BundleComponentInput, BundleInfo, MappingImport, MappingImportRow,
    MappingRowOutcome, MatchError, MatchResult, MatchTarget, SkuHit, SkuMapping, UnmatchedGroup,
};
pub use merge_review::{MergeDecision, MergeReview, ReviewParcel};
pub use order_entry::{
    BatchDeleted, EntryIssue, EntryLine, OrderBatchInfo, OrderEntry, OrderEntryError,
    OrderFilePreview, OrderFileRow, OrderImport, OrderUpload, RegisteredOrder,
};
pub use pipeline::{
    CarrierExportChoice, CarrierUpload, InvoicePool, POOL_LOW_AT, PipelineCounts, PipelineError,
    default_export_dir,
};
pub use returns::{
    Disposition, Payer, ReturnCandidate, ReturnError, ReturnLine, ReturnReason, ReturnRecord,
    ReturnRequest,
};
pub use station_devices::{DeviceError, DeviceRole, ScannerTest};
pub use {
    collect::apply::merge_options::MergeOptions,
    mismatch::{FixAction, FixOutcome, Mismatch, MismatchKind, RecheckReport},
    ship::{
        ClaimedLine, ClaimedOrder, ClaimedParcel, ShipError, ShipRequest, ShipRowResult,
        ShipSelectedReport,
    },
};
