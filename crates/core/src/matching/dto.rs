//! What the 매칭 tab and `packdesk match` show and send.

use serde::{Deserialize, Serialize};

/// Lines waiting for a SKU that share one product name and option text (normalised).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedGroup {
    /// Stable for the same name+option: what `match set` and the UI send back.
    pub key: String,
    /// As on the first waiting line.
    pub product_name: String,
    pub option_text: String,
    /// Waiting lines and the orders they belong to.
    pub lines: u32,
    pub orders: u32,
    /// Units ordered over all waiting lines.
    pub quantity: i64,
    /// One waiting line (for matching just that one).
    pub first_item_id: i64,
    /// Where the orders came from: the Cafe24 shop, or the channel of a registered batch.
    pub channels: Vec<String>,
    /// Cafe24 option type 'E' (상품 연동형): options carry no 품목코드, so nothing can link them
    /// automatically (FASSTO cannot either).
    pub linked_option: bool,
    pub flag_ko: Option<String>,
    pub flag_en: Option<String>,
}

/// Which waiting line(s) a manual match is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatchTarget {
    /// One order line (by its id); with `remember`, every line of its name+option.
    Item { item_id: i64 },
    /// Every waiting line with this product name and option text (normalised).
    Group {
        product_name: String,
        option_text: String,
    },
}

/// What a manual match did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchResult {
    pub product_name: String,
    pub option_text: String,
    pub sku: String,
    /// Lines that got the SKU now.
    pub matched_lines: u32,
    /// Parcels re-planned, and how many of them are ready to ship now.
    pub parcels: u32,
    pub ready: u32,
    /// The remembered mapping (None with remember off).
    pub mapping_id: Option<i64>,
}

/// A SKU found by the search box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuHit {
    pub variant_id: i64,
    pub sku: String,
    pub barcode: Option<String>,
    pub variant_code: Option<String>,
    pub product_name: String,
    pub option_text: String,
    pub on_hand: i64,
    /// On hand minus allocated; for a bundle, how many whole bundles the components make.
    pub available: i64,
    pub bundle: bool,
    /// The product's options are 상품 연동형 (see [`UnmatchedGroup::linked_option`]).
    pub linked_option: bool,
}

/// A remembered name+option → SKU mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuMapping {
    pub id: i64,
    pub product_name: String,
    pub option_text: String,
    pub variant_id: i64,
    pub sku: String,
    /// The SKU's own product name and option.
    pub sku_product_name: String,
    pub sku_option_text: String,
    /// "hand" | "excel".
    pub source: String,
    /// RFC 3339 (UTC).
    pub created_at: String,
    pub updated_at: String,
}

/// One component of a bundle as entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleComponentInput {
    /// SKU, 품목코드 or barcode.
    pub sku: String,
    pub count: i64,
}

/// One component of a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleComponent {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub option_text: String,
    /// Units per sold bundle.
    pub count: i64,
    pub available: i64,
}

/// A bundle: one sold SKU that ships as its components.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleInfo {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub option_text: String,
    pub components: Vec<BundleComponent>,
}

/// What became of one row of a mapping file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MappingRowOutcome {
    /// Valid: written on apply (or already remembered exactly so).
    Ok,
    UnknownSku,
    EmptySku,
    EmptyName,
    DuplicateInFile,
    /// The name+option is already mapped to another SKU.
    Conflict,
}

impl MappingRowOutcome {
    pub fn code(self) -> &'static str {
        match self {
            MappingRowOutcome::Ok => "OK",
            MappingRowOutcome::UnknownSku => "UNKNOWN_SKU",
            MappingRowOutcome::EmptySku => "EMPTY_SKU",
            MappingRowOutcome::EmptyName => "EMPTY_NAME",
            MappingRowOutcome::DuplicateInFile => "DUPLICATE_IN_FILE",
            MappingRowOutcome::Conflict => "CONFLICT",
        }
    }
}

/// One row of a mapping file with its 예상처리결과 / 실패사유.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingImportRow {
    /// As the spreadsheet numbers it (1-based).
    pub row_no: u32,
    pub product_name: String,
    pub option_text: String,
    pub sku: String,
    pub outcome: MappingRowOutcome,
    /// Korean explanation for a failed row (e.g. the SKU it conflicts with).
    pub detail_ko: Option<String>,
    pub detail_en: Option<String>,
}

/// A mapping file judged (preview) or applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingImport {
    pub applied: bool,
    pub rows: Vec<MappingImportRow>,
    pub ok: u32,
    pub failed: u32,
    /// Mappings written (apply only; rows already remembered exactly so are not rewritten).
    pub written: u32,
    /// Waiting lines matched by the new mappings (apply only).
    pub matched_lines: u32,
}
