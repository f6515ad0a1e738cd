//! FASSTO's dates are Korea time in several spellings (reference §1.2, §1.6):
//! `yyyyMMdd` for `ordDt`, `YYYY-MM-DD` in list paths, `yyyyMMddHHmm` for
//! `updTime`, `yyyyMMddHHmmss` for the token's `expreDatetime`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Seoul;

/// Today's date in Asia/Seoul — the day FASSTO files a request under.
pub fn today_kst() -> NaiveDate {
    Utc::now().with_timezone(&Seoul).date_naive()
}

/// `2026-01-21` for list/status paths.
pub(crate) fn path_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `20260121` for `ordDt` in request bodies.
pub(crate) fn compact_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `20260121` or `2026-01-21` (both appear in FASSTO answers).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .ok()
}

/// Korea-time wall clock in `yyyyMMddHHmmss`, `yyyyMMddHHmm` or
/// `yyyy-MM-dd HH:mm:ss` → UTC instant.
pub(crate) fn parse_kst_datetime(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    let naive = NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S")
        .or_else(|_| {
            // chrono cannot parse a format without seconds directly.
            NaiveDateTime::parse_from_str(&format!("{t}00"), "%Y%m%d%H%M%S")
        })
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S"))
        .ok()?;
    Seoul
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_expiry_is_korea_time() {
        // 09:00 KST is midnight UTC: read as UTC it would expire 9 hours late.
        let t = parse_kst_datetime("20260121090000").unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 1, 21, 0, 0, 0).unwrap());
        let m = parse_kst_datetime("202601211159").unwrap();
        assert_eq!(m, Utc.with_ymd_and_hms(2026, 1, 21, 2, 59, 0).unwrap());
        assert!(parse_kst_datetime("tomorrow").is_none());
        assert!(parse_kst_datetime("2026012").is_none());
    }

    #[test]
    fn dates_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 21).unwrap();
        assert_eq!(parse_date("20260121"), Some(d));
        assert_eq!(parse_date("2026-01-21"), Some(d));
        assert_eq!(path_date(d), "2026-01-21");
        assert_eq!(compact_date(d), "20260121");
    }
}
