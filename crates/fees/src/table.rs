//! Rate tables: the CSV files in `assets/rates/`. Two shapes, both from the shared reference:
//!
//! - one destination: `max_kg,price_krw` rows, the destination in the comment line (`dest=JP`);
//! - zone matrix: `zone,countries,<break kg>…[,per_kg_over_<last break>]`, countries `;`-separated,
//!   `REST` for every country not listed.
//!
//! The first comment line carries `key=value` metadata (carrier, currency, status, source); the
//! service definition checks it so a synthetic table cannot be shipped under a historical label.

use crate::error::FeeError;
use crate::units::parse_fixed;

/// A price for every weight break of one group of countries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub name: String,
    /// ISO 3166 alpha-2 codes, or `REST`.
    pub countries: Vec<String>,
    /// One price per break, same order as [`RateTable::breaks_g`].
    pub prices_krw: Vec<u64>,
    /// Added per started kilogram beyond the last break; None = the last break is the limit.
    pub per_kg_over_krw: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    pub file: String,
    pub meta: Vec<(String, String)>,
    /// Strictly increasing weight breaks in grams.
    pub breaks_g: Vec<u32>,
    pub zones: Vec<Zone>,
}

/// What the table charges for a chargeable weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TablePrice {
    pub krw: u64,
    /// The break the price was read at (the last break when beyond it).
    pub break_g: u32,
    /// Started per-kg units beyond the last break (0 within the table).
    pub extra_units: u32,
}

const REST: &str = "REST";

impl RateTable {
    /// Parses a table; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<RateTable, FeeError> {
        let mut meta = Vec::new();
        let mut header: Option<(usize, Vec<String>)> = None;
        let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                if header.is_none() {
                    meta.extend(parse_meta(comment));
                }
                continue;
            }
            let fields: Vec<String> = line.split(',').map(|f| f.trim().to_string()).collect();
            if header.is_none() {
                header = Some((line_no, fields));
            } else {
                rows.push((line_no, fields));
            }
        }
        let Some((header_line, header)) = header else {
            return Err(FeeError::bad_data(file, 1, "no header row"));
        };
        if rows.is_empty() {
            return Err(FeeError::bad_data(file, header_line, "no rate rows"));
        }
        let table = if header == ["max_kg", "price_krw"] {
            parse_single(file, meta, &rows)?
        } else if header.len() >= 3 && header[0] == "zone" && header[1] == "countries" {
            parse_matrix(file, meta, header_line, &header, &rows)?
        } else {
            return Err(FeeError::bad_data(
                file,
                header_line,
                format!(
                    "unknown header {:?}: expected max_kg,price_krw or zone,countries,<breaks>",
                    header.join(",")
                ),
            ));
        };
        Ok(table)
    }

    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The zone of a destination country: its own row, else the `REST` row.
    pub fn zone_for(&self, country: &str) -> Option<&Zone> {
        let country = country.trim().to_ascii_uppercase();
        self.zones
            .iter()
            .find(|z| z.countries.contains(&country))
            .or_else(|| {
                self.zones
                    .iter()
                    .find(|z| z.countries.iter().any(|c| c == REST))
            })
    }

    /// The price at the first break ≥ `chargeable_g`; beyond the last break, the last price plus
    /// `per_kg_over_krw` for every started `per_kg_step_g`. None when the weight is beyond a
    /// table that has no per-kg rate.
    pub fn price(&self, zone: &Zone, chargeable_g: u32, per_kg_step_g: u32) -> Option<TablePrice> {
        if let Some(i) = self.breaks_g.iter().position(|b| *b >= chargeable_g) {
            return Some(TablePrice {
                krw: zone.prices_krw[i],
                break_g: self.breaks_g[i],
                extra_units: 0,
            });
        }
        let per_kg = zone.per_kg_over_krw?;
        let last = *self.breaks_g.last()?;
        let last_price = *zone.prices_krw.last()?;
        let step = per_kg_step_g.max(1);
        let units = (chargeable_g - last).div_ceil(step);
        Some(TablePrice {
            krw: last_price + per_kg * u64::from(units),
            break_g: last,
            extra_units: units,
        })
    }

    pub fn last_break_g(&self) -> u32 {
        self.breaks_g.last().copied().unwrap_or(0)
    }
}

fn check_country(file: &str, line: usize, c: &str) -> Result<(), FeeError> {
    if c == REST || (c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase())) {
        Ok(())
    } else {
        Err(FeeError::bad_data(
            file,
            line,
            format!("{c:?} is not a two-letter country code or REST"),
        ))
    }
}

/// `carrier=X,dest=JP,status=historical` → pairs; a free-text comment gives none.
fn parse_meta(comment: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = comment.split(',').collect();
    if !parts.iter().all(|p| p.contains('=')) {
        return Vec::new();
    }
    parts
        .iter()
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn parse_break(file: &str, line: usize, s: &str) -> Result<u32, FeeError> {
    parse_fixed(s, 3)
        .and_then(|g| u32::try_from(g).ok())
        .filter(|g| *g > 0)
        .ok_or_else(|| {
            FeeError::bad_data(
                file,
                line,
                format!("weight break {s:?} is not a positive kg figure"),
            )
        })
}

fn parse_price(file: &str, line: usize, s: &str) -> Result<u64, FeeError> {
    s.parse::<u64>().map_err(|_| {
        FeeError::bad_data(file, line, format!("price {s:?} is not a whole KRW amount"))
    })
}

fn check_increasing(file: &str, line: usize, breaks: &[u32]) -> Result<(), FeeError> {
    if breaks.windows(2).any(|w| w[0] >= w[1]) {
        return Err(FeeError::bad_data(
            file,
            line,
            "weight breaks must increase",
        ));
    }
    Ok(())
}

fn parse_single(
    file: &str,
    meta: Vec<(String, String)>,
    rows: &[(usize, Vec<String>)],
) -> Result<RateTable, FeeError> {
    let dest = meta
        .iter()
        .find(|(k, _)| k == "dest")
        .map(|(_, v)| v.to_ascii_uppercase())
        .ok_or_else(|| {
            FeeError::bad_data(
                file,
                1,
                "a max_kg,price_krw table needs dest=CC in its comment line",
            )
        })?;
    check_country(file, 1, &dest)?;
    let mut breaks = Vec::with_capacity(rows.len());
    let mut prices = Vec::with_capacity(rows.len());
    for (line, fields) in rows {
        if fields.len() != 2 {
            return Err(FeeError::bad_data(
                file,
                *line,
                format!(
                    "expected 2 fields (max_kg,price_krw), found {}",
                    fields.len()
                ),
            ));
        }
        breaks.push(parse_break(file, *line, &fields[0])?);
        prices.push(parse_price(file, *line, &fields[1])?);
        check_increasing(file, *line, &breaks)?;
    }
    Ok(RateTable {
        file: file.to_string(),
        meta,
        breaks_g: breaks,
        zones: vec![Zone {
            name: dest.clone(),
            countries: vec![dest],
            prices_krw: prices,
            per_kg_over_krw: None,
        }],
    })
}

fn parse_matrix(
    file: &str,
    meta: Vec<(String, String)>,
    header_line: usize,
    header: &[String],
    rows: &[(usize, Vec<String>)],
) -> Result<RateTable, FeeError> {
    let mut break_cols = &header[2..];
    let mut per_kg_col = false;
    if let Some(last) = break_cols.last()
        && let Some(over) = last.strip_prefix("per_kg_over_")
    {
        per_kg_col = true;
        break_cols = &break_cols[..break_cols.len() - 1];
        let over_g = parse_break(file, header_line, over)?;
        let last_break = match break_cols.last() {
            Some(b) => parse_break(file, header_line, b)?,
            None => 0,
        };
        if over_g != last_break {
            return Err(FeeError::bad_data(
                file,
                header_line,
                format!("{last} must name the last weight break"),
            ));
        }
    }
    if break_cols.is_empty() {
        return Err(FeeError::bad_data(
            file,
            header_line,
            "no weight-break columns",
        ));
    }
    let breaks = break_cols
        .iter()
        .map(|b| parse_break(file, header_line, b))
        .collect::<Result<Vec<_>, _>>()?;
    check_increasing(file, header_line, &breaks)?;
    let mut zones = Vec::with_capacity(rows.len());
    for (line, fields) in rows {
        if fields.len() != header.len() {
            return Err(FeeError::bad_data(
                file,
                *line,
                format!(
                    "expected {} fields like the header, found {}",
                    header.len(),
                    fields.len()
                ),
            ));
        }
        let prices = fields[2..2 + breaks.len()]
            .iter()
            .map(|p| parse_price(file, *line, p))
            .collect::<Result<Vec<_>, _>>()?;
        let per_kg_over_krw = if per_kg_col {
            Some(parse_price(file, *line, &fields[header.len() - 1])?)
        } else {
            None
        };
        let countries: Vec<String> = fields[1]
            .split(';')
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        if countries.is_empty() {
            return Err(FeeError::bad_data(file, *line, "a zone lists no countries"));
        }
        for c in &countries {
            check_country(file, *line, c)?;
            if zones.iter().any(|z: &Zone| z.countries.contains(c)) {
                return Err(FeeError::bad_data(
                    file,
                    *line,
                    format!("country {c} is already in another zone"),
                ));
            }
        }
        zones.push(Zone {
            name: fields[0].clone(),
            countries,
            prices_krw: prices,
            per_kg_over_krw,
        });
    }
    Ok(RateTable {
        file: file.to_string(),
        meta,
        breaks_g: breaks,
        zones,
    })
}
