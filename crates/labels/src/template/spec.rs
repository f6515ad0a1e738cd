//! The JSON shape of a template file. Positions and sizes are millimetres from the top-left
//! corner; text `size` is the line height. Fields are bound by name (`"field": "recipient.name"`
//! or `{recipient.name}` inside a `value`); which names exist depends on the template's `data`.

use crate::barcode::Symbology;
use crate::docdata::DataKind;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateFile {
    pub id: String,
    pub name_ko: String,
    pub name_en: String,
    pub kind: super::TemplateKind,
    pub data: DataKind,
    /// Carrier id whose masking rule applies (`cj`, `hanjin`, `lotte`, `epost` …).
    #[serde(default)]
    pub carrier: Option<String>,
    pub width_mm: f32,
    pub height_mm: f32,
    pub elements: Vec<ElementSpec>,
}

/// An x position: millimetres, or relative to an element placed earlier (by its `id`): just
/// right of it (`after`) or just left of it (`before`), `gap` mm apart. `or` is used when that
/// element was not drawn (its `when` field was empty, or its barcode data could not be encoded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Pos {
    Mm(f32),
    After {
        after: String,
        #[serde(default)]
        gap: f32,
        #[serde(default)]
        or: Option<f32>,
    },
    Before {
        before: String,
        #[serde(default)]
        gap: f32,
        #[serde(default)]
        or: Option<f32>,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FontSpec {
    /// NanumGothic (rasterised for thermal printers).
    #[default]
    Nanum,
    /// The printer's own font for short ASCII (numbers, codes); non-ASCII falls back to Nanum.
    Device,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub(crate) enum ElementSpec {
    Frame(FrameSpec),
    Fill(FillSpec),
    Hline(HlineSpec),
    Vline(VlineSpec),
    Text(TextSpec),
    Stacked(StackedSpec),
    Barcode(BarcodeSpec),
    Qr(QrSpec),
    Image(ImageSpec),
    Table(TableSpec),
    Joined(JoinedSpec),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameSpec {
    #[serde(default)]
    pub when: Option<String>,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub t: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FillSpec {
    #[serde(default)]
    pub when: Option<String>,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HlineSpec {
    pub x: f32,
    pub x2: f32,
    pub y: f32,
    pub t: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VlineSpec {
    pub x: f32,
    pub y: f32,
    pub y2: f32,
    pub t: f32,
}

/// A rectangle drawn around a text (the 재출력 mark), `pad` mm clear of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoxSpec {
    pub pad_x: f32,
    pub pad_y: f32,
    pub t: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TextSpec {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    pub x: Pos,
    pub y: f32,
    /// Width available; or give `x2`, the right limit. Neither: up to the page margin.
    #[serde(default)]
    pub w: Option<f32>,
    #[serde(default)]
    pub x2: Option<Pos>,
    /// When set, the text is centred vertically in `y .. y + h` at whatever size it fits.
    #[serde(default)]
    pub h: Option<f32>,
    pub size: f32,
    /// Shrink down to this size before cutting with `…` (default: `size`).
    #[serde(default)]
    pub min_size: Option<f32>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub font: FontSpec,
    #[serde(default)]
    pub align: Align,
    /// Word-wrapped into at most this many lines (Nanum only).
    #[serde(default = "one")]
    pub lines: usize,
    /// Literal text with `{field}` placeholders.
    #[serde(default)]
    pub value: Option<String>,
    /// Shorthand for `value: "{field}"`.
    #[serde(default)]
    pub field: Option<String>,
    /// Printed when the bound text is empty.
    #[serde(default)]
    pub empty: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: Option<BoxSpec>,
}

fn one() -> usize {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StackedSpec {
    pub x: f32,
    pub w: f32,
    pub y: f32,
    pub y2: f32,
    pub size: f32,
    pub value: String,
}

/// Human-readable text centred under a barcode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HriSpec {
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    pub size: f32,
    pub gap: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BarcodeSpec {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    /// Left edge of the first bar; with `align: right` the right edge of the last one.
    pub x: Pos,
    pub y: f32,
    /// Narrow module width (rounded to whole 203-dpi dots, at least 2 for a reliable scan).
    pub module: f32,
    pub height: f32,
    #[serde(default)]
    pub symbology: Symbology,
    pub field: String,
    #[serde(default)]
    pub align: Align,
    #[serde(default)]
    pub hri: Option<HriSpec>,
    /// ITF-14 style bearer bars of this thickness above and below the bars.
    #[serde(default)]
    pub bearer: Option<f32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QrSpec {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    pub x: Pos,
    pub y: f32,
    /// Side of the square the symbol must fit (quiet zone excluded); the module is the largest
    /// whole number of dots that fits.
    pub size: f32,
    pub field: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImageSpec {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    pub x: f32,
    pub y: f32,
    /// The picture is scaled to fit `w × h` keeping its aspect ratio, and centred.
    pub w: f32,
    pub h: f32,
    pub field: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ColumnSpec {
    #[serde(default)]
    pub title: Option<String>,
    /// Relative to the table's `x`.
    pub x: f32,
    pub w: f32,
    /// Literal text with `{row field}` placeholders (document fields work too).
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub align: Align,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub font: FontSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableSpec {
    #[serde(default)]
    pub id: Option<String>,
    /// The list field whose rows are drawn (`items`, `lines`, `rows` …).
    pub list: String,
    pub x: f32,
    pub y: f32,
    pub row_h: f32,
    pub max_rows: usize,
    pub size: f32,
    #[serde(default)]
    pub min_size: Option<f32>,
    pub columns: Vec<ColumnSpec>,
    /// Column titles in a first row of this size, with a rule under it.
    #[serde(default)]
    pub header_size: Option<f32>,
    /// A thin rule under every row, this thick.
    #[serde(default)]
    pub rules: Option<f32>,
    /// When the rows do not all fit: the last row says this (`외 {n}건`).
    #[serde(default)]
    pub more: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JoinedSpec {
    #[serde(default)]
    pub id: Option<String>,
    pub list: String,
    /// The row field joined.
    pub item: String,
    pub x: Pos,
    pub y: f32,
    #[serde(default)]
    pub w: Option<f32>,
    #[serde(default)]
    pub x2: Option<Pos>,
    pub size: f32,
    #[serde(default)]
    pub font: FontSpec,
    #[serde(default = "comma")]
    pub sep: String,
    /// Appended when not all fit, `{n}` = how many were left out (`외 {n}건`).
    pub more: String,
}

fn comma() -> String {
    ", ".to_string()
}
