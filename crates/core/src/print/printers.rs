//! The printers the desk offers: the default one, the ones saved in the settings, and the ones
//! this PC can see ([`super::transport::discover`]), each once.

use packdesk_devices::printer::PrinterUri;
use packdesk_store::{Connection, settings};
use serde::{Deserialize, Serialize};

use super::transport;
use crate::dto::{PrintFormat, PrinterEntry};
use crate::error::{DeskError, Result};

/// How the demo's virtual label printer is listed.
pub(crate) const DEMO_PRINTER_NAME: &str = "데모 가상 프린터 (Demo ZPL)";

/// A printer saved in `printer.known`.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Saved {
    uri: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    format: Option<PrintFormat>,
}

fn saved(c: &Connection) -> Result<Vec<Saved>> {
    match settings::get(c, settings::KNOWN_PRINTERS)? {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| DeskError::Internal(format!("setting {}: {e}", settings::KNOWN_PRINTERS))),
    }
}

pub(crate) fn list(c: &Connection) -> Result<Vec<PrinterEntry>> {
    let default = settings::get(c, settings::DEFAULT_PRINTER)?;
    let saved = saved(c)?;
    let mut out: Vec<PrinterEntry> = Vec::new();
    let mut push = |e: PrinterEntry| {
        if !out.iter().any(|o| o.uri == e.uri) {
            out.push(e);
        }
    };
    if let Some(uri) = &default {
        let s = saved.iter().find(|s| &s.uri == uri);
        push(PrinterEntry {
            uri: uri.clone(),
            name: s.map(|s| s.name.clone()).unwrap_or_default(),
            kind: transport::kind(uri),
            format: s.and_then(|s| s.format),
            is_default: true,
            source: "default".into(),
            detail: String::new(),
        });
    }
    for s in &saved {
        push(PrinterEntry {
            uri: s.uri.clone(),
            name: s.name.clone(),
            kind: transport::kind(&s.uri),
            format: s.format,
            is_default: false,
            source: "saved".into(),
            detail: String::new(),
        });
    }
    for f in transport::discover() {
        push(PrinterEntry {
            uri: f.uri,
            name: f.name,
            kind: f.kind,
            format: None,
            is_default: false,
            source: "found".into(),
            detail: f.detail,
        });
    }
    Ok(out)
}

/// Saves (or renames / re-formats) a printer in the station's list.
pub(crate) fn save(
    c: &Connection,
    uri: &PrinterUri,
    name: &str,
    format: Option<PrintFormat>,
) -> Result<()> {
    let uri = uri.to_string();
    let mut all = saved(c)?;
    all.retain(|s| s.uri != uri);
    all.push(Saved {
        uri,
        name: name.trim().to_string(),
        format,
    });
    let json = serde_json::to_string(&all).map_err(|e| DeskError::Internal(e.to_string()))?;
    Ok(settings::set(c, settings::KNOWN_PRINTERS, &json)?)
}

/// The format a printer is printed in when the request names none: its saved format, else PDF
/// for a file and ZPL (the Korean desk's norm) for everything else.
pub(crate) fn default_format(c: &Connection, uri: &PrinterUri) -> Result<PrintFormat> {
    let text = uri.to_string();
    if let Some(f) = saved(c)?
        .iter()
        .find(|s| s.uri == text)
        .and_then(|s| s.format)
    {
        return Ok(f);
    }
    Ok(match uri {
        PrinterUri::File(_) => PrintFormat::Pdf,
        _ => PrintFormat::Zpl,
    })
}

/// The printer a request names, else the station's default.
pub(crate) fn resolve(c: &Connection, printer: Option<&str>) -> Result<PrinterUri> {
    let text = match printer.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => p.to_string(),
        None => settings::get(c, settings::DEFAULT_PRINTER)?.ok_or(DeskError::NoPrinter)?,
    };
    Ok(text.parse()?)
}
