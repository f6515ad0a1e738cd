//! Date windows for order collection: Cafe24 searches at most 3 months per call,
//! and pages at most `offset ≤ 15000` deep, so long or busy ranges are cut up.

use chrono::{Days, Months, NaiveDate};

/// Consecutive inclusive windows covering `start..=end`, each within 3 months.
pub fn three_month_windows(start: NaiveDate, end: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut windows = Vec::new();
    let mut from = start;
    while from <= end {
        let cap = from
            .checked_add_months(Months::new(3))
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .unwrap_or(end);
        let to = cap.min(end);
        windows.push((from, to));
        match to.succ_opt() {
            Some(next) => from = next,
            None => break,
        }
    }
    windows
}

/// Splits a window of at least two days into two halves.
pub fn halve(
    start: NaiveDate,
    end: NaiveDate,
) -> Option<((NaiveDate, NaiveDate), (NaiveDate, NaiveDate))> {
    let days = u64::try_from((end - start).num_days())
        .ok()
        .filter(|d| *d >= 1)?;
    let mid = start.checked_add_days(Days::new(days / 2))?;
    let after = mid.succ_opt()?;
    Some(((start, mid), (after, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn seven_months_become_three_windows_without_gaps() {
        let w = three_month_windows(d(2024, 1, 15), d(2024, 8, 14));
        assert_eq!(
            w,
            vec![
                (d(2024, 1, 15), d(2024, 4, 14)),
                (d(2024, 4, 15), d(2024, 7, 14)),
                (d(2024, 7, 15), d(2024, 8, 14)),
            ]
        );
        assert_eq!(
            three_month_windows(d(2024, 3, 1), d(2024, 3, 1)),
            vec![(d(2024, 3, 1), d(2024, 3, 1))]
        );
        assert!(three_month_windows(d(2024, 3, 2), d(2024, 3, 1)).is_empty());
    }

    #[test]
    fn halving_covers_the_window() {
        assert_eq!(
            halve(d(2024, 1, 1), d(2024, 1, 10)),
            Some((
                (d(2024, 1, 1), d(2024, 1, 5)),
                (d(2024, 1, 6), d(2024, 1, 10))
            ))
        );
        assert_eq!(
            halve(d(2024, 1, 1), d(2024, 1, 2)),
            Some((
                (d(2024, 1, 1), d(2024, 1, 1)),
                (d(2024, 1, 2), d(2024, 1, 2))
            ))
        );
        assert_eq!(halve(d(2024, 1, 1), d(2024, 1, 1)), None);
    }
}
