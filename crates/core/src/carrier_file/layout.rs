//! Carrier Excel layouts as data: which column holds which field, under which header, on which
//! sheet. Built in from `assets/carrier_layouts/*.json`; a shop's own copy in the data directory
//! (`carrier_layouts/<id>.json`) replaces the built-in one of the same id.
//!
//! Reading a carrier's file back does not use a layout's column order: columns are found by header
//! name, from every layout's headers and aliases (see [`HeaderNames`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::dto::CarrierLayoutInfo;
use super::error::CarrierFileError;

const BUILT_IN: &[(&str, &str)] = &[
    ("cj", include_str!("../../assets/carrier_layouts/cj.json")),
    (
        "hanjin",
        include_str!("../../assets/carrier_layouts/hanjin.json"),
    ),
    (
        "lotte",
        include_str!("../../assets/carrier_layouts/lotte.json"),
    ),
    (
        "epost",
        include_str!("../../assets/carrier_layouts/epost.json"),
    ),
    (
        "logen",
        include_str!("../../assets/carrier_layouts/logen.json"),
    ),
    (
        "generic",
        include_str!("../../assets/carrier_layouts/generic.json"),
    ),
];

pub(crate) const GENERIC: &str = "generic";

/// What a column of an exported file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Field {
    /// 연번 in today's list.
    No,
    /// `P0000123`: the key the carrier's file brings back.
    ParcelCode,
    /// Every order id of the parcel, comma separated.
    OrderIds,
    /// Blank on export (the carrier fills it in); the number on the way back.
    TrackingNo,
    CarrierName,
    RecipientName,
    RecipientPhone,
    RecipientMobile,
    Zipcode,
    /// Address line 1 and 2 together.
    Address,
    Address1,
    Address2,
    /// "상품명 (옵션) ×2 외 1건".
    Items,
    /// Units in the parcel.
    Quantity,
    Message,
    OrderDate,
    SenderName,
    SenderPhone,
    SenderAddress,
    /// The column's `value` on every row (운임구분 신용, 박스수량 1 …).
    Constant,
    Blank,
}

#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Column {
    pub header: String,
    pub field: Field,
    #[serde(default)]
    pub value: String,
    /// Other names of this column in carriers' files, for reading them back.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Layout {
    pub id: String,
    #[serde(default)]
    pub carrier: Option<String>,
    pub name: String,
    #[serde(default)]
    pub note: String,
    pub sheet: String,
    pub columns: Vec<Column>,
    #[serde(skip)]
    pub source: String,
}

impl Layout {
    fn parse(id: &str, json: &str, source: String) -> Result<Layout, CarrierFileError> {
        let bad = |why: String| CarrierFileError::BadLayout {
            id: id.to_string(),
            why,
        };
        let mut layout: Layout = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        if layout.columns.is_empty() {
            return Err(bad("it has no columns".into()));
        }
        let keyed = layout
            .columns
            .iter()
            .any(|c| matches!(c.field, Field::ParcelCode | Field::OrderIds));
        if !keyed {
            // Without a key the carrier's file could not be matched back to the parcels.
            return Err(bad(
                "it needs a parcel_code or order_ids column for the carrier to send back".into(),
            ));
        }
        // Excel refuses these in sheet names, and a name over 31 characters.
        if layout.sheet.is_empty()
            || layout.sheet.chars().count() > 31
            || layout.sheet.contains(['[', ']', ':', '*', '?', '/', '\\'])
        {
            return Err(bad(format!(
                "'{}' cannot be an Excel sheet name",
                layout.sheet
            )));
        }
        layout.id = id.to_string();
        layout.source = source;
        Ok(layout)
    }

    pub fn info(&self) -> CarrierLayoutInfo {
        CarrierLayoutInfo {
            id: self.id.clone(),
            carrier: self.carrier.clone(),
            name: self.name.clone(),
            note: self.note.clone(),
            sheet: self.sheet.clone(),
            headers: self.columns.iter().map(|c| c.header.clone()).collect(),
            source: self.source.clone(),
        }
    }
}

/// Where a shop's own layouts live.
pub(crate) fn custom_dir() -> PathBuf {
    crate::paths::data_dir().join("carrier_layouts")
}

fn custom(dir: &Path, id: &str) -> Result<Option<Layout>, CarrierFileError> {
    let path = dir.join(format!("{id}.json"));
    match std::fs::read_to_string(&path) {
        Ok(json) => Layout::parse(id, &json, path.display().to_string()).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CarrierFileError::BadLayout {
            id: id.to_string(),
            why: format!("{}: {e}", path.display()),
        }),
    }
}

/// The layout `id`: the shop's copy if there is one, else the built-in one.
pub(crate) fn load(dir: &Path, id: &str) -> Result<Layout, CarrierFileError> {
    let id = id.trim().to_ascii_lowercase();
    // Ids name files: nothing that walks out of the directory.
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(CarrierFileError::UnknownLayout { id });
    }
    if let Some(layout) = custom(dir, &id)? {
        return Ok(layout);
    }
    match BUILT_IN.iter().find(|(known, _)| *known == id) {
        Some((known, json)) => Layout::parse(known, json, "builtin".into()),
        None => Err(CarrierFileError::UnknownLayout { id }),
    }
}

/// The layout an export for `carrier` uses when none is named: the carrier's, else generic.
pub(crate) fn for_carrier(dir: &Path, carrier: &str) -> Result<Layout, CarrierFileError> {
    match load(dir, carrier) {
        Err(CarrierFileError::UnknownLayout { .. }) => load(dir, GENERIC),
        other => other,
    }
}

/// Every layout: the built-in ones (or the shop's copies of them) and the shop's own others.
pub(crate) fn all(dir: &Path) -> Result<Vec<Layout>, CarrierFileError> {
    let mut layouts = Vec::new();
    for (id, _) in BUILT_IN {
        layouts.push(load(dir, id)?);
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut extra: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".json").map(str::to_string)
            })
            .filter(|id| !BUILT_IN.iter().any(|(known, _)| known == id))
            .collect();
        extra.sort();
        for id in extra {
            // A broken extra file must not hide the others: it is reported when used by name.
            if let Ok(layout) = load(dir, &id) {
                layouts.push(layout);
            }
        }
    }
    Ok(layouts)
}

/// The columns an import looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImportField {
    TrackingNo,
    /// The parcel code or an order id: rows are matched by what the value turns out to be.
    Key,
}

/// Header names as import recognises them: every layout's headers and aliases, normalised.
pub(crate) struct HeaderNames {
    names: HashMap<String, ImportField>,
}

/// `운송장 번호`, `운송장번호`, ` 운송장NO ` → one spelling: no spaces or punctuation, lower case.
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !"()[]{}*_-./·:#'\"".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

impl HeaderNames {
    pub fn from_layouts(layouts: &[Layout]) -> HeaderNames {
        let mut names = HashMap::new();
        for layout in layouts {
            for column in &layout.columns {
                let field = match column.field {
                    Field::TrackingNo => ImportField::TrackingNo,
                    Field::ParcelCode | Field::OrderIds => ImportField::Key,
                    _ => continue,
                };
                for name in std::iter::once(&column.header).chain(&column.aliases) {
                    names.entry(normalise(name)).or_insert(field);
                }
            }
        }
        HeaderNames { names }
    }

    pub fn field(&self, header: &str) -> Option<ImportField> {
        self.names.get(&normalise(header)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_layout_parses_and_says_it_is_typical() {
        let dir = tempfile::tempdir().unwrap();
        let layouts = all(dir.path()).unwrap();
        assert_eq!(layouts.len(), BUILT_IN.len());
        for l in &layouts {
            assert!(!l.note.is_empty(), "{} has a note", l.id);
            assert!(
                l.columns.iter().any(|c| c.field == Field::TrackingNo),
                "{} has a number column",
                l.id
            );
        }
    }

    #[test]
    fn header_aliases_are_recognised_whatever_the_spacing() {
        let dir = tempfile::tempdir().unwrap();
        let names = HeaderNames::from_layouts(&all(dir.path()).unwrap());
        for h in [
            "운송장번호",
            "송장번호",
            "운송장 번호",
            " 송장 번호 ",
            "등기번호",
            "Tracking No",
        ] {
            assert_eq!(names.field(h), Some(ImportField::TrackingNo), "{h}");
        }
        for h in ["고객주문번호", "패킹데스크코드", "주문번호", "주문 번호"] {
            assert_eq!(names.field(h), Some(ImportField::Key), "{h}");
        }
        assert_eq!(names.field("받는분성명"), None);
    }

    #[test]
    fn a_shop_copy_replaces_the_built_in_layout_and_a_broken_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("cj.json"),
            r#"{"id":"cj","name":"CJ (ours)","sheet":"S","columns":[{"header":"코드","field":"parcel_code"},{"header":"번호","field":"tracking_no"}]}"#,
        )
        .unwrap();
        assert_eq!(load(dir.path(), "cj").unwrap().name, "CJ (ours)");
        std::fs::write(dir.path().join("hanjin.json"), "{").unwrap();
        let err = load(dir.path(), "hanjin").unwrap_err();
        assert_eq!(err.code(), "CARRIER_LAYOUT_INVALID");
        assert_eq!(
            load(dir.path(), "../etc").unwrap_err().code(),
            "CARRIER_LAYOUT_UNKNOWN"
        );
        // A carrier without a layout of its own exports in the generic one.
        assert_eq!(for_carrier(dir.path(), "ems").unwrap().id, GENERIC);
    }
}
