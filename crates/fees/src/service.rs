//! A service definition (`assets/rates/<service>.json`) joined with its rate table: everything
//! needed to price a parcel with one carrier service.

use serde::Deserialize;

use crate::error::FeeError;
use crate::table::RateTable;

/// Where the numbers come from. The desk shows it beside every fee so nobody mistakes a demo
/// card or a 2020 table for today's tariff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataStatus {
    /// A real tariff of the past; not a live price.
    Historical,
    /// Made-up numbers for tests and demo.
    Synthetic,
    /// The shop's own contract rates.
    Contract,
}

impl DataStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DataStatus::Historical => "historical",
            DataStatus::Synthetic => "synthetic",
            DataStatus::Contract => "contract",
        }
    }

    pub fn label_ko(self) -> &'static str {
        match self {
            DataStatus::Historical => "과거 요금표 (현재 요금 아님)",
            DataStatus::Synthetic => "가상 요금표 (테스트·데모용)",
            DataStatus::Contract => "계약 요금표",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DataStatus::Historical => "historical table (not a live tariff)",
            DataStatus::Synthetic => "synthetic table (tests and demo only)",
            DataStatus::Contract => "contract table",
        }
    }
}

/// How the chargeable weight is rounded before the table lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Rounding {
    /// No rounding of its own: the next weight break up is the price (EMS).
    Breaks,
    /// Round up to a multiple of `step_g` (K-Packet 100 g, express 500 g).
    Step { step_g: u32 },
}

impl Rounding {
    pub fn step_g(self) -> u32 {
        match self {
            Rounding::Breaks => 1,
            Rounding::Step { step_g } => step_g,
        }
    }
}

/// Size and weight limits; an absent limit is not checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub max_weight_g: Option<u32>,
    /// Volumetric weight cap (EMS 30 kg); defaults to `max_weight_g`.
    pub max_volumetric_g: Option<u32>,
    pub max_longest_side_mm: Option<u32>,
    /// Longest side + 2 × (the other two).
    pub max_length_plus_girth_mm: Option<u32>,
    /// L + W + H.
    pub max_sum_of_sides_mm: Option<u32>,
    /// The largest face must be at least this big (longest side, second side).
    pub min_face_mm: Option<(u32, u32)>,
}

/// A flat surcharge for postcodes of one country starting with one of the prefixes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteArea {
    pub country: String,
    pub postcode_prefixes: Vec<String>,
    pub surcharge_krw: u64,
    pub name: String,
}

/// The per-parcel export declaration fee unless the definition or the shop says otherwise.
pub const DEFAULT_EXPORT_DECLARATION_KRW: u64 = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Definition {
    #[allow(dead_code)] // documentation inside the data file
    note: Option<String>,
    carrier: String,
    service: String,
    name_ko: String,
    name_en: String,
    currency: String,
    status: DataStatus,
    source: String,
    table: String,
    volumetric_divisor: u32,
    rounding: Rounding,
    #[serde(default = "default_per_kg_step")]
    per_kg_over_step_g: u32,
    #[serde(default)]
    fuel_surcharge_pct: f64,
    #[serde(default)]
    remote_area: Vec<RemoteArea>,
    #[serde(default)]
    limits: Limits,
    export_declaration_krw: Option<u64>,
}

fn default_per_kg_step() -> u32 {
    1000
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub carrier: String,
    /// `ems`, `kpacket`, `express`, …
    pub id: String,
    pub name_ko: String,
    pub name_en: String,
    pub status: DataStatus,
    pub source: String,
    /// cm³ per kg (5000, 6000).
    pub volumetric_divisor: u32,
    pub rounding: Rounding,
    pub per_kg_over_step_g: u32,
    /// Fuel surcharge in basis points of the freight (20 % = 2000): integers keep the won exact.
    pub fuel_surcharge_bp: u32,
    pub remote_area: Vec<RemoteArea>,
    pub limits: Limits,
    pub export_declaration_krw: u64,
    pub table: RateTable,
}

impl Service {
    /// Joins a JSON definition with the CSV table it names. `table_file` is the table's file
    /// name (it must be the one the definition names); both names appear in errors.
    pub fn from_definition(
        def_file: &str,
        def_json: &str,
        table_file: &str,
        table_text: &str,
    ) -> Result<Service, FeeError> {
        let def: Definition = serde_json::from_str(def_json)
            .map_err(|e| FeeError::bad_data(def_file, e.line(), e.to_string()))?;
        let bad = |reason: String| FeeError::bad_data(def_file, 0, reason);
        if def.table != table_file {
            return Err(bad(format!(
                "names table {:?}, but {table_file:?} was given",
                def.table
            )));
        }
        if def.currency != "KRW" {
            return Err(bad(format!(
                "currency {:?}: only KRW tables are supported",
                def.currency
            )));
        }
        if def.volumetric_divisor == 0 {
            return Err(bad("volumetric_divisor must be positive".into()));
        }
        if def.rounding.step_g() == 0 || def.per_kg_over_step_g == 0 {
            return Err(bad("rounding steps must be positive".into()));
        }
        let bp = def.fuel_surcharge_pct * 100.0;
        if !(bp.is_finite() && (0.0..=100_000.0).contains(&bp) && (bp - bp.round()).abs() < 1e-6) {
            return Err(bad(format!(
                "fuel_surcharge_pct {}: a percentage with at most 2 decimals",
                def.fuel_surcharge_pct
            )));
        }
        let table = RateTable::parse(table_file, table_text)?;
        // The table's own comment line must agree with the definition: a table marked
        // SYNTHETIC must never be presented as historical or contract rates.
        if let Some(status) = table.meta("status")
            && !status.eq_ignore_ascii_case(def.status.as_str())
        {
            return Err(FeeError::bad_data(
                table_file,
                1,
                format!(
                    "status={status} but {def_file} says {}",
                    def.status.as_str()
                ),
            ));
        }
        if let Some(currency) = table.meta("currency")
            && currency != def.currency
        {
            return Err(FeeError::bad_data(
                table_file,
                1,
                format!("currency={currency} but {def_file} says {}", def.currency),
            ));
        }
        if let Some(carrier) = table.meta("carrier")
            && carrier != def.carrier
        {
            return Err(FeeError::bad_data(
                table_file,
                1,
                format!("carrier={carrier} but {def_file} says {}", def.carrier),
            ));
        }
        Ok(Service {
            carrier: def.carrier,
            id: def.service,
            name_ko: def.name_ko,
            name_en: def.name_en,
            status: def.status,
            source: def.source,
            volumetric_divisor: def.volumetric_divisor,
            rounding: def.rounding,
            per_kg_over_step_g: def.per_kg_over_step_g,
            fuel_surcharge_bp: bp.round() as u32,
            remote_area: def.remote_area,
            limits: def.limits,
            export_declaration_krw: def
                .export_declaration_krw
                .unwrap_or(DEFAULT_EXPORT_DECLARATION_KRW),
            table,
        })
    }

    /// The shop's own export declaration fee per parcel (0 when it files none).
    pub fn with_export_declaration_krw(mut self, krw: u64) -> Service {
        self.export_declaration_krw = krw;
        self
    }

    /// The remote-area surcharge for a destination, if its postcode is in the table.
    pub fn remote_area_for(&self, country: &str, postcode: &str) -> Option<&RemoteArea> {
        let postcode = postcode.trim();
        if postcode.is_empty() {
            return None;
        }
        self.remote_area.iter().find(|r| {
            r.country.eq_ignore_ascii_case(country.trim())
                && r.postcode_prefixes
                    .iter()
                    .any(|p| postcode.starts_with(p.as_str()))
        })
    }
}
