//! Documents as data: every label and page is a JSON template (`assets/templates/<id>.json`,
//! compiled in) that a shop can override with an edited copy `<id>.json` in a directory core
//! chooses. Templates bind fields by name; the binding ([`bind`]) is where masking happens, so a
//! template cannot print another person's unmasked name or number whatever it says.

mod bind;
mod engine;
mod spec;

use crate::docdata::{DataKind, DocData, customs::is_valid_s10};
use crate::document::Document;
use crate::error::LabelError;
use crate::mask::{MaskRule, MaskTable};
use serde::{Deserialize, Serialize};
use spec::{ElementSpec, Pos, TemplateFile};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The documents Packdesk prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateId {
    WaybillCj,
    WaybillHanjin,
    WaybillLotte,
    #[serde(rename = "label-generic-100x150")]
    LabelGeneric100x150,
    #[serde(rename = "label-ems-cn22")]
    LabelEmsCn22,
    PackingSlip,
    PickList,
    WarrantyCard,
}

impl TemplateId {
    pub const ALL: [TemplateId; 8] = [
        Self::WaybillCj,
        Self::WaybillHanjin,
        Self::WaybillLotte,
        Self::LabelGeneric100x150,
        Self::LabelEmsCn22,
        Self::PackingSlip,
        Self::PickList,
        Self::WarrantyCard,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::WaybillCj => "waybill-cj",
            Self::WaybillHanjin => "waybill-hanjin",
            Self::WaybillLotte => "waybill-lotte",
            Self::LabelGeneric100x150 => "label-generic-100x150",
            Self::LabelEmsCn22 => "label-ems-cn22",
            Self::PackingSlip => "packing-slip",
            Self::PickList => "pick-list",
            Self::WarrantyCard => "warranty-card",
        }
    }

    pub fn parse(id: &str) -> Result<Self, LabelError> {
        Self::ALL
            .into_iter()
            .find(|t| t.id() == id.trim())
            .ok_or_else(|| LabelError::UnknownTemplate(id.to_string()))
    }

    /// The waybill template of a carrier id (`cj`, `hanjin`, `lotte`), or the generic label.
    pub fn waybill_for_carrier(carrier: &str) -> Self {
        match carrier.trim().to_ascii_lowercase().as_str() {
            "cj" => Self::WaybillCj,
            "hanjin" => Self::WaybillHanjin,
            "lotte" => Self::WaybillLotte,
            _ => Self::LabelGeneric100x150,
        }
    }

    /// The compiled-in JSON (what a shop copies to start its own version).
    pub fn builtin_json(self) -> &'static str {
        match self {
            Self::WaybillCj => include_str!("../assets/templates/waybill-cj.json"),
            Self::WaybillHanjin => include_str!("../assets/templates/waybill-hanjin.json"),
            Self::WaybillLotte => include_str!("../assets/templates/waybill-lotte.json"),
            Self::LabelGeneric100x150 => {
                include_str!("../assets/templates/label-generic-100x150.json")
            }
            Self::LabelEmsCn22 => include_str!("../assets/templates/label-ems-cn22.json"),
            Self::PackingSlip => include_str!("../assets/templates/packing-slip.json"),
            Self::PickList => include_str!("../assets/templates/pick-list.json"),
            Self::WarrantyCard => include_str!("../assets/templates/warranty-card.json"),
        }
    }
}

/// What a document is, for the app's template list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    Waybill,
    Label,
    Customs,
    PackingSlip,
    PickList,
    WarrantyCard,
}

impl TemplateKind {
    pub fn id(self) -> &'static str {
        match self {
            Self::Waybill => "waybill",
            Self::Label => "label",
            Self::Customs => "customs",
            Self::PackingSlip => "packing-slip",
            Self::PickList => "pick-list",
            Self::WarrantyCard => "warranty-card",
        }
    }
}

/// Where a template came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateSource {
    BuiltIn,
    /// A shop's edited copy.
    User(PathBuf),
}

/// A parsed, checked template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub id: TemplateId,
    pub name_ko: String,
    pub name_en: String,
    pub kind: TemplateKind,
    /// The [`DocData`] variant it prints.
    pub data: DataKind,
    /// Carrier id whose masking rule applies, if any.
    pub carrier: Option<String>,
    pub width_mm: f32,
    pub height_mm: f32,
    pub source: TemplateSource,
    elements: Vec<ElementSpec>,
}

impl Template {
    /// The compiled-in template.
    pub fn builtin(id: TemplateId) -> Result<Self, LabelError> {
        Self::parse(id.builtin_json(), &format!("built-in {}", id.id()))
            .map(|t| t.with_source(TemplateSource::BuiltIn))
    }

    /// The shop's copy `<user_dir>/<id>.json` when there is one, else the built-in template.
    /// A copy that exists but is broken is an error (printing silently from the built-in would
    /// hide the shop's mistake until the labels come out wrong).
    pub fn load(id: TemplateId, user_dir: Option<&Path>) -> Result<Self, LabelError> {
        let Some(path) = user_dir.map(|d| d.join(format!("{}.json", id.id()))) else {
            return Self::builtin(id);
        };
        if !path.exists() {
            return Self::builtin(id);
        }
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| LabelError::TemplateIo {
            origin: origin.clone(),
            detail: e.to_string(),
        })?;
        let t = Self::parse(&text, &origin)?;
        if t.id != id {
            return Err(invalid(
                &origin,
                format!(
                    "its id is '{}', the file name says '{}'",
                    t.id.id(),
                    id.id()
                ),
            ));
        }
        Ok(t.with_source(TemplateSource::User(path)))
    }

    /// Every template, each the shop's copy where there is a valid one. Broken copies are
    /// returned as errors beside the built-in they failed to override.
    pub fn load_all(user_dir: Option<&Path>) -> (Vec<Template>, Vec<LabelError>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for id in TemplateId::ALL {
            match Self::load(id, user_dir) {
                Ok(t) => out.push(t),
                Err(e) => {
                    errors.push(e);
                    if let Ok(t) = Self::builtin(id) {
                        out.push(t);
                    }
                }
            }
        }
        (out, errors)
    }

    /// Parses and checks a template file; `origin` names it in errors (a path, or "built-in …").
    pub fn parse(json: &str, origin: &str) -> Result<Self, LabelError> {
        let file: TemplateFile = serde_json::from_str(json).map_err(|e| {
            invalid(
                origin,
                format!("line {}, column {}: {e}", e.line(), e.column()),
            )
        })?;
        let id = TemplateId::parse(&file.id).map_err(|_| {
            invalid(
                origin,
                format!("unknown id '{}' (one of: {})", file.id, ids()),
            )
        })?;
        check(&file, origin)?;
        Ok(Self {
            id,
            name_ko: file.name_ko,
            name_en: file.name_en,
            kind: file.kind,
            data: file.data,
            carrier: file.carrier,
            width_mm: file.width_mm,
            height_mm: file.height_mm,
            source: TemplateSource::BuiltIn,
            elements: file.elements,
        })
    }

    fn with_source(mut self, source: TemplateSource) -> Self {
        self.source = source;
        self
    }
}

fn ids() -> String {
    TemplateId::ALL.map(TemplateId::id).join(", ")
}

fn invalid(origin: &str, detail: String) -> LabelError {
    LabelError::TemplateInvalid {
        origin: origin.to_string(),
        detail,
    }
}

/// Checks what serde cannot: sizes, that every field exists for the template's data, and that
/// relative positions name an element placed before.
fn check(f: &TemplateFile, origin: &str) -> Result<(), LabelError> {
    if !(10.0..=500.0).contains(&f.width_mm) || !(10.0..=500.0).contains(&f.height_mm) {
        return Err(invalid(
            origin,
            format!(
                "page size {} × {} mm is outside 10–500 mm",
                f.width_mm, f.height_mm
            ),
        ));
    }
    let known = bind::field_names(f.data);
    let mut ids: HashSet<&str> = HashSet::new();
    let field = |name: &str, n: usize| -> Result<(), LabelError> {
        if known.knows(name) {
            Ok(())
        } else {
            Err(invalid(
                origin,
                format!("element {n}: no field '{name}' in {} data", f.data.id()),
            ))
        }
    };
    let placeholders = |s: &str, n: usize, row: Option<&str>| -> Result<(), LabelError> {
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                return Err(invalid(
                    origin,
                    format!("element {n}: unclosed '{{' in \"{s}\""),
                ));
            };
            let key = &rest[open + 1..open + len];
            let in_row = row.is_some_and(|list| row_has(f.data, list, key));
            if !in_row && key != "n" {
                field(key, n)?;
            }
            rest = &rest[open + len + 1..];
        }
        Ok(())
    };
    for (i, el) in f.elements.iter().enumerate() {
        let n = i + 1;
        let pos_ok = |p: &Pos, ids: &HashSet<&str>| -> Result<(), LabelError> {
            match p {
                Pos::After { after: r, .. } | Pos::Before { before: r, .. }
                    if !ids.contains(r.as_str()) =>
                {
                    Err(invalid(
                        origin,
                        format!("element {n}: '{r}' is not the id of an earlier element"),
                    ))
                }
                _ => Ok(()),
            }
        };
        let when_ok = |w: &Option<String>| w.as_deref().map_or(Ok(()), |w| field(w, n));
        let id = match el {
            ElementSpec::Text(t) => {
                pos_ok(&t.x, &ids)?;
                if let Some(p) = &t.x2 {
                    pos_ok(p, &ids)?;
                }
                when_ok(&t.when)?;
                match (&t.value, &t.field) {
                    (Some(v), None) => placeholders(v, n, None)?,
                    (None, Some(fl)) => field(fl, n)?,
                    _ => {
                        return Err(invalid(
                            origin,
                            format!("element {n}: a text needs exactly one of 'value' or 'field'"),
                        ));
                    }
                }
                if t.size <= 0.0 || t.lines == 0 {
                    return Err(invalid(
                        origin,
                        format!("element {n}: size and lines must be positive"),
                    ));
                }
                t.id.as_deref()
            }
            ElementSpec::Barcode(b) => {
                pos_ok(&b.x, &ids)?;
                when_ok(&b.when)?;
                field(&b.field, n)?;
                if let Some(h) = &b.hri {
                    match (&h.value, &h.field) {
                        (Some(v), None) => placeholders(v, n, None)?,
                        (None, Some(fl)) => field(fl, n)?,
                        _ => {
                            return Err(invalid(
                                origin,
                                format!("element {n}: hri needs exactly one of 'value' or 'field'"),
                            ));
                        }
                    }
                }
                if b.module < 0.125 || b.height < 3.0 {
                    return Err(invalid(
                        origin,
                        format!(
                            "element {n}: barcode module must be at least 0.125 mm and height 3 mm"
                        ),
                    ));
                }
                b.id.as_deref()
            }
            ElementSpec::Qr(q) => {
                pos_ok(&q.x, &ids)?;
                when_ok(&q.when)?;
                field(&q.field, n)?;
                q.id.as_deref()
            }
            ElementSpec::Image(im) => {
                when_ok(&im.when)?;
                field(&im.field, n)?;
                im.id.as_deref()
            }
            ElementSpec::Table(t) => {
                if !known.lists.contains_key(&t.list) {
                    return Err(invalid(
                        origin,
                        format!("element {n}: no list '{}' in {} data", t.list, f.data.id()),
                    ));
                }
                for c in &t.columns {
                    match (&c.value, &c.field) {
                        (Some(v), None) => placeholders(v, n, Some(&t.list))?,
                        (None, Some(fl)) if row_has(f.data, &t.list, fl) => {}
                        (None, Some(fl)) => field(fl, n)?,
                        _ => {
                            return Err(invalid(
                                origin,
                                format!(
                                    "element {n}: a column needs exactly one of 'value' or 'field'"
                                ),
                            ));
                        }
                    }
                }
                if t.max_rows == 0 {
                    return Err(invalid(
                        origin,
                        format!("element {n}: max_rows must be at least 1"),
                    ));
                }
                t.id.as_deref()
            }
            ElementSpec::Joined(j) => {
                pos_ok(&j.x, &ids)?;
                if let Some(p) = &j.x2 {
                    pos_ok(p, &ids)?;
                }
                if !known.lists.contains_key(&j.list) || !row_has(f.data, &j.list, &j.item) {
                    return Err(invalid(
                        origin,
                        format!(
                            "element {n}: no list '{}' with '{}' in {} data",
                            j.list,
                            j.item,
                            f.data.id()
                        ),
                    ));
                }
                j.id.as_deref()
            }
            ElementSpec::Frame(fr) => {
                when_ok(&fr.when)?;
                None
            }
            ElementSpec::Fill(fl) => {
                when_ok(&fl.when)?;
                None
            }
            ElementSpec::Stacked(s) => {
                placeholders(&s.value, n, None)?;
                None
            }
            ElementSpec::Hline(_) | ElementSpec::Vline(_) => None,
        };
        if let Some(id) = id {
            ids.insert(id);
        }
    }
    Ok(())
}

/// Row fields of a list, known from the binding code (empty data has no rows to look at).
fn row_has(kind: DataKind, list: &str, key: &str) -> bool {
    bind::row_fields(kind, list).contains(&key)
}

/// The built-in template, parsed once per process (a 1,000-label batch must not re-read JSON).
pub(crate) fn builtin_cached(id: TemplateId) -> Result<&'static Template, LabelError> {
    use std::sync::OnceLock;
    static CACHE: OnceLock<Vec<Result<Template, LabelError>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        TemplateId::ALL
            .iter()
            .map(|&i| Template::builtin(i))
            .collect()
    });
    let i = TemplateId::ALL.iter().position(|&t| t == id).unwrap_or(0);
    match &all[i] {
        Ok(t) => Ok(t),
        Err(e) => Err(LabelError::TemplateInvalid {
            origin: format!("built-in {}", id.id()),
            detail: e.to_string(),
        }),
    }
}

/// The CJ waybill from the built-in template with an explicit masking rule — what the
/// waybill-only entry points (`zpl::render`, `pdf::render`) print.
pub(crate) fn cj_document(wb: &crate::waybill::Waybill, mask: MaskRule) -> Document {
    builtin_cached(TemplateId::WaybillCj)
        .and_then(|t| render_masked(t, &DocData::Waybill(wb.clone()), mask))
        // The built-in template is compiled in and every test renders it; an empty page here
        // would mean a broken build, never bad data.
        .unwrap_or_else(|_| Document::new("waybill-cj", 984, 800, Vec::new()))
}

/// Renders `data` with `template`, masking by the built-in rule of the template's carrier.
pub fn render_document(template: &Template, data: &DocData) -> Result<Document, LabelError> {
    render_document_with(template, data, &MaskTable::default())
}

/// As [`render_document`], with the shop's masking rules.
pub fn render_document_with(
    template: &Template,
    data: &DocData,
    masks: &MaskTable,
) -> Result<Document, LabelError> {
    let rule = template
        .carrier
        .as_deref()
        .map(|c| masks.rule(c))
        .unwrap_or_default();
    render_masked(template, data, rule)
}

/// Renders with an explicit rule (the waybill entry points that take one).
pub(crate) fn render_masked(
    template: &Template,
    data: &DocData,
    mask: MaskRule,
) -> Result<Document, LabelError> {
    if data.kind() != template.data {
        return Err(LabelError::DataMismatch {
            template: template.id.id().to_string(),
            expected: template.data.id(),
            given: data.kind().id(),
        });
    }
    if let DocData::CustomsLabel(c) = data
        && !is_valid_s10(c.tracking_no.trim())
    {
        return Err(LabelError::InvalidTracking {
            what: "UPU S10",
            number: c.tracking_no.clone(),
        });
    }
    let bindings = bind::bind(data, mask);
    let (w, h) = (
        engine::dots(template.width_mm),
        engine::dots(template.height_mm),
    );
    let mut e = engine::Engine::new(&bindings, w);
    for el in &template.elements {
        e.draw(el)?;
    }
    Ok(Document::new(template.id.id(), w, h, e.canvas.elements))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_parses_and_names_itself() {
        for id in TemplateId::ALL {
            let t = Template::builtin(id).unwrap_or_else(|e| panic!("{}: {e}", id.id()));
            assert_eq!(t.id, id);
            assert!(!t.name_ko.is_empty() && !t.name_en.is_empty());
            assert_eq!(TemplateId::parse(id.id()).unwrap(), id);
        }
    }
}
