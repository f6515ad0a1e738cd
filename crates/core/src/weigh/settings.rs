//! The station's fee settings: how much underpayment is tolerated and the export declaration fee.

use packdesk_fees::{DEFAULT_EXPORT_DECLARATION_KRW, Tolerance};
use packdesk_store::{Connection, settings};

use crate::dto::{FeeSettings, FeeSettingsUpdate};
use crate::error::{DeskError, Result};

/// Flag a parcel when the customer paid more than 10 % less than the fee, unless the owner says
/// otherwise: shipping is quoted from catalogue weights, so small differences are expected.
const DEFAULT_TOLERANCE: &str = "10%";
/// The highest declaration fee accepted: anything above is a typo.
const MAX_EXPORT_DECLARATION_KRW: u64 = 100_000;

pub(crate) struct FeeConfig {
    pub tolerance: Tolerance,
    pub export_declaration_krw: u64,
}

/// "10%" → Percent(10), "1000" / "1,000" → Krw(1000).
pub(crate) fn parse_tolerance(s: &str) -> Result<Tolerance> {
    let t = s.trim().replace(',', "");
    let bad = || {
        DeskError::invalid(
            format!("tolerance {s:?}: a percentage 0–100 (10%) or a KRW amount (1000)"),
            format!("허용 오차 {s:?}: 0–100 사이 백분율(10%) 또는 원 단위 금액(1000)으로 쓰세요"),
        )
    };
    if let Some(pct) = t.strip_suffix('%') {
        let pct: u32 = pct.trim().parse().map_err(|_| bad())?;
        if pct > 100 {
            return Err(bad());
        }
        return Ok(Tolerance::Percent(pct));
    }
    let krw = t
        .strip_suffix("원")
        .or_else(|| t.strip_suffix("krw"))
        .or_else(|| t.strip_suffix("KRW"))
        .unwrap_or(&t);
    krw.trim().parse().map(Tolerance::Krw).map_err(|_| bad())
}

fn tolerance_text(t: Tolerance) -> String {
    match t {
        Tolerance::Percent(p) => format!("{p}%"),
        Tolerance::Krw(k) => k.to_string(),
    }
}

pub(crate) fn read(conn: &Connection) -> Result<FeeConfig> {
    let tolerance = match settings::get(conn, settings::FEE_TOLERANCE)? {
        Some(t) => parse_tolerance(&t)?,
        None => parse_tolerance(DEFAULT_TOLERANCE)?,
    };
    let export_declaration_krw = settings::get(conn, settings::FEE_EXPORT_DECLARATION_KRW)?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_EXPORT_DECLARATION_KRW);
    Ok(FeeConfig {
        tolerance,
        export_declaration_krw,
    })
}

pub(crate) fn show(conn: &Connection) -> Result<FeeSettings> {
    let cfg = read(conn)?;
    Ok(FeeSettings {
        tolerance: tolerance_text(cfg.tolerance),
        export_declaration_krw: cfg.export_declaration_krw,
    })
}

pub(crate) fn update(conn: &Connection, u: &FeeSettingsUpdate) -> Result<FeeSettings> {
    if let Some(t) = &u.tolerance {
        let parsed = parse_tolerance(t)?;
        settings::set(conn, settings::FEE_TOLERANCE, &tolerance_text(parsed))?;
    }
    if let Some(krw) = u.export_declaration_krw {
        if krw > MAX_EXPORT_DECLARATION_KRW {
            return Err(DeskError::invalid(
                format!("export declaration fee {krw} KRW: use 0–{MAX_EXPORT_DECLARATION_KRW}"),
                format!("수출신고 수수료 {krw}원: 0–{MAX_EXPORT_DECLARATION_KRW}원으로 설정하세요"),
            ));
        }
        settings::set(conn, settings::FEE_EXPORT_DECLARATION_KRW, &krw.to_string())?;
    }
    show(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerances() {
        assert_eq!(parse_tolerance("10%").ok(), Some(Tolerance::Percent(10)));
        assert_eq!(parse_tolerance(" 0 % ").ok(), Some(Tolerance::Percent(0)));
        assert_eq!(parse_tolerance("1000").ok(), Some(Tolerance::Krw(1000)));
        assert_eq!(parse_tolerance("1,500원").ok(), Some(Tolerance::Krw(1500)));
        assert!(parse_tolerance("101%").is_err());
        assert!(parse_tolerance("-5").is_err());
        assert!(parse_tolerance("lots").is_err());
    }
}
