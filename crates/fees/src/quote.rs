//! Pricing one parcel: limits first (a refused parcel has no price), then table freight, fuel,
//! remote area and the export declaration fee, each its own line so the desk can show them.

use crate::error::{FeeError, SizeRule};
use crate::service::{DataStatus, Service};
use crate::units::fmt_kg;
use crate::weight::{Dims, round_up_to_step, volumetric_grams};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Freight,
    FuelSurcharge,
    RemoteArea,
    ExportDeclaration,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Freight => "freight",
            LineKind::FuelSurcharge => "fuel_surcharge",
            LineKind::RemoteArea => "remote_area",
            LineKind::ExportDeclaration => "export_declaration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLine {
    pub kind: LineKind,
    pub label_ko: String,
    pub label_en: String,
    pub krw: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub service: String,
    pub carrier: String,
    pub name_ko: String,
    pub name_en: String,
    pub status: DataStatus,
    pub country: String,
    pub actual_g: u32,
    /// None when no dimensions were given.
    pub volumetric_g: Option<u32>,
    pub chargeable_g: u32,
    /// False when no dimensions were given, so the size limits could not be checked.
    pub size_checked: bool,
    pub lines: Vec<QuoteLine>,
    pub total_krw: u64,
}

/// A destination; the postcode only matters for remote-area surcharges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Destination<'a> {
    pub country: &'a str,
    pub postcode: Option<&'a str>,
}

/// Prices a parcel to a country (no remote-area lookup: see [`quote_to`]).
pub fn quote(
    service: &Service,
    dest_country: &str,
    actual_g: u32,
    dims: Option<Dims>,
) -> Result<Quote, FeeError> {
    quote_to(
        service,
        Destination {
            country: dest_country,
            postcode: None,
        },
        actual_g,
        dims,
    )
}

/// Prices a parcel to a destination, refusing it when it breaks a limit of the service.
pub fn quote_to(
    service: &Service,
    dest: Destination<'_>,
    actual_g: u32,
    dims: Option<Dims>,
) -> Result<Quote, FeeError> {
    if actual_g == 0 {
        return Err(FeeError::NoWeight);
    }
    let country = dest.country.trim().to_ascii_uppercase();
    let name = service.name_en.clone();
    let zone = service
        .table
        .zone_for(&country)
        .ok_or_else(|| FeeError::NoZone {
            service: name.clone(),
            country: country.clone(),
        })?;
    let limits = &service.limits;
    if let Some(limit_g) = limits.max_weight_g
        && actual_g > limit_g
    {
        return Err(FeeError::OverWeight {
            service: name,
            weight_g: actual_g,
            limit_g,
        });
    }
    let volumetric_g = dims.map(|d| volumetric_grams(d, service.volumetric_divisor));
    if let Some(d) = dims {
        check_size(&name, d, limits)?;
    }
    if let (Some(v), Some(limit_g)) = (
        volumetric_g,
        limits.max_volumetric_g.or(limits.max_weight_g),
    ) && v > limit_g
    {
        return Err(FeeError::OverVolumetric {
            service: name,
            volumetric_g: v,
            limit_g,
        });
    }
    let chargeable_g = round_up_to_step(
        actual_g.max(volumetric_g.unwrap_or(0)),
        service.rounding.step_g(),
    );
    let price = service
        .table
        .price(zone, chargeable_g, service.per_kg_over_step_g)
        .ok_or_else(|| FeeError::OverWeight {
            service: name.clone(),
            weight_g: chargeable_g,
            limit_g: service.table.last_break_g(),
        })?;

    let mut lines = Vec::with_capacity(4);
    let (label_ko, label_en) = if price.extra_units == 0 {
        (
            format!("운송료 ({} 구간)", fmt_kg(price.break_g)),
            format!("freight ({} break)", fmt_kg(price.break_g)),
        )
    } else {
        let unit = fmt_kg(service.per_kg_over_step_g);
        (
            format!(
                "운송료 ({} + {} × {unit})",
                fmt_kg(price.break_g),
                price.extra_units
            ),
            format!(
                "freight ({} + {} × {unit})",
                fmt_kg(price.break_g),
                price.extra_units
            ),
        )
    };
    lines.push(QuoteLine {
        kind: LineKind::Freight,
        label_ko,
        label_en,
        krw: price.krw,
    });
    if service.fuel_surcharge_bp > 0 {
        // Carriers never charge a fraction of a won less than the percentage: round up.
        let fuel = (price.krw * u64::from(service.fuel_surcharge_bp)).div_ceil(10_000);
        let pct = fmt_pct(service.fuel_surcharge_bp);
        lines.push(QuoteLine {
            kind: LineKind::FuelSurcharge,
            label_ko: format!("유류할증료 {pct}"),
            label_en: format!("fuel surcharge {pct}"),
            krw: fuel,
        });
    }
    if let Some(postcode) = dest.postcode
        && let Some(area) = service.remote_area_for(&country, postcode)
    {
        lines.push(QuoteLine {
            kind: LineKind::RemoteArea,
            label_ko: format!("원격지 할증료 ({})", area.name),
            label_en: format!("remote-area surcharge ({})", area.name),
            krw: area.surcharge_krw,
        });
    }
    if service.export_declaration_krw > 0 {
        lines.push(QuoteLine {
            kind: LineKind::ExportDeclaration,
            label_ko: "수출신고 수수료".into(),
            label_en: "export declaration fee".into(),
            krw: service.export_declaration_krw,
        });
    }
    let total_krw = lines.iter().map(|l| l.krw).sum();
    Ok(Quote {
        service: service.id.clone(),
        carrier: service.carrier.clone(),
        name_ko: service.name_ko.clone(),
        name_en: service.name_en.clone(),
        status: service.status,
        country,
        actual_g,
        volumetric_g,
        chargeable_g,
        size_checked: dims.is_some(),
        lines,
        total_krw,
    })
}

fn check_size(service: &str, dims: Dims, limits: &crate::service::Limits) -> Result<(), FeeError> {
    let [l, w, h] = dims.sorted();
    let over = |rule, value_mm: u32, limit: Option<u32>| match limit {
        Some(limit_mm) if value_mm > limit_mm => Err(FeeError::OverSize {
            service: service.to_string(),
            rule,
            value_mm,
            limit_mm,
        }),
        _ => Ok(()),
    };
    over(SizeRule::LongestSide, l, limits.max_longest_side_mm)?;
    over(
        SizeRule::LengthPlusGirth,
        l.saturating_add(w.saturating_mul(2))
            .saturating_add(h.saturating_mul(2)),
        limits.max_length_plus_girth_mm,
    )?;
    over(
        SizeRule::SumOfSides,
        l.saturating_add(w).saturating_add(h),
        limits.max_sum_of_sides_mm,
    )?;
    if let Some((min_l, min_w)) = limits.min_face_mm
        && (l < min_l || w < min_w)
    {
        return Err(FeeError::UnderSize {
            service: service.to_string(),
            face_mm: (l, w),
            min_mm: (min_l, min_w),
        });
    }
    Ok(())
}

/// 2000 bp → `"20%"`, 1725 → `"17.25%"`.
fn fmt_pct(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        format!("{}%", bp / 100)
    } else {
        let frac = format!("{:02}", bp % 100);
        format!("{}.{}%", bp / 100, frac.trim_end_matches('0'))
    }
}
