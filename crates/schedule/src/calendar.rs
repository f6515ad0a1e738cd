//! Which days are business days: weekends, Korean public holidays from the
//! data file, and the days the user adds (temporary holidays, carrier rest
//! days such as 택배없는날, which are not government holidays).

mod data;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

pub use data::{Holiday, HolidayKind};

/// The holiday table shipped with the app, 2024–2030.
const KOREAN_HOLIDAYS_JSON: &str = include_str!("../../../assets/holidays-kr.json");

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("holiday data is invalid: {reason}")]
    InvalidData { reason: String },
    #[error("holiday data lists {date} twice")]
    DuplicateDate { date: NaiveDate },
    #[error("holiday data lists {date}, outside its own years {first_year}-{last_year}")]
    DateOutOfRange {
        date: NaiveDate,
        first_year: i32,
        last_year: i32,
    },
}

impl CalendarError {
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::InvalidData { .. } => "HOLIDAY_DATA_INVALID",
            CalendarError::DuplicateDate { .. } => "HOLIDAY_DATA_DUPLICATE_DATE",
            CalendarError::DateOutOfRange { .. } => "HOLIDAY_DATA_DATE_OUT_OF_RANGE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            CalendarError::InvalidData { reason } => {
                format!("공휴일 데이터가 올바르지 않습니다: {reason}")
            }
            CalendarError::DuplicateDate { date } => {
                format!("공휴일 데이터에 {date}이(가) 두 번 들어 있습니다.")
            }
            CalendarError::DateOutOfRange {
                date,
                first_year,
                last_year,
            } => format!(
                "공휴일 데이터의 {date}이(가) 데이터 범위({first_year}–{last_year}년)를 벗어났습니다."
            ),
        }
    }
}

/// What kind of day a date is, for choosing which timetable row applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday to Friday and no holiday of any kind.
    BusinessDay,
    /// A Saturday that is not also a holiday or rest day.
    Saturday,
    /// Sunday, a public holiday, a user's temporary holiday or a carrier rest day.
    Holiday,
}

/// Business-day calendar in Asia/Seoul dates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, Holiday>,
    extra_holidays: BTreeMap<NaiveDate, String>,
    carrier_rest_days: BTreeMap<NaiveDate, String>,
    data_years: Option<(i32, i32)>,
    source: String,
}

impl Calendar {
    /// Korean public holidays 2024–2030 from the embedded
    /// `assets/holidays-kr.json`, with no user days. Parsed once per process (every schedule
    /// query starts from it); the embedded file is checked by this crate's tests.
    pub fn korean_default() -> Result<Calendar, CalendarError> {
        static KOREAN: OnceLock<Result<Calendar, CalendarError>> = OnceLock::new();
        KOREAN
            .get_or_init(|| Calendar::from_holiday_json(KOREAN_HOLIDAYS_JSON))
            .clone()
    }

    /// A calendar from holiday data in the `assets/holidays-kr.json` format.
    pub fn from_holiday_json(json: &str) -> Result<Calendar, CalendarError> {
        let table = data::parse(json)?;
        Ok(Calendar {
            holidays: table.days,
            extra_holidays: BTreeMap::new(),
            carrier_rest_days: BTreeMap::new(),
            data_years: Some((table.first_year, table.last_year)),
            source: table.source,
        })
    }

    /// Weekends only: no public holidays at all. For tests and custom setups.
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    /// The years the holiday data covers (inclusive), if any was loaded.
    pub fn data_years(&self) -> Option<(i32, i32)> {
        self.data_years
    }

    /// Whether the holiday data covers `date`'s year. Outside it, only
    /// weekends and user days are known, so the UI should warn.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.data_years
            .is_some_and(|(first, last)| (first..=last).contains(&date.year()))
    }

    /// Where the holiday data comes from (the file's `source`).
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn public_holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    pub fn public_holidays(&self) -> impl Iterator<Item = (NaiveDate, &Holiday)> {
        self.holidays.iter().map(|(d, h)| (*d, h))
    }

    /// Adds (or renames) a user temporary holiday, e.g. a 임시공휴일 announced
    /// after the data file was made, or the shop's own day off.
    pub fn add_extra_holiday(&mut self, date: NaiveDate, name: impl Into<String>) {
        self.extra_holidays.insert(date, name.into());
    }

    /// Removes a user temporary holiday; false if there was none that day.
    pub fn remove_extra_holiday(&mut self, date: NaiveDate) -> bool {
        self.extra_holidays.remove(&date).is_some()
    }

    pub fn extra_holidays(&self) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.extra_holidays.iter().map(|(d, n)| (*d, n.as_str()))
    }

    /// Adds (or renames) a day the carrier does not pick up (e.g. 택배없는날).
    pub fn add_carrier_rest_day(&mut self, date: NaiveDate, name: impl Into<String>) {
        self.carrier_rest_days.insert(date, name.into());
    }

    /// Removes a carrier rest day; false if there was none that day.
    pub fn remove_carrier_rest_day(&mut self, date: NaiveDate) -> bool {
        self.carrier_rest_days.remove(&date).is_some()
    }

    pub fn carrier_rest_days(&self) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.carrier_rest_days.iter().map(|(d, n)| (*d, n.as_str()))
    }

    /// The name of whatever makes `date` a day off: the public holiday first,
    /// then the user's temporary holiday, then the carrier rest day. `None`
    /// for ordinary days, including plain Saturdays and Sundays.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.holidays
            .get(&date)
            .map(|h| h.name.as_str())
            .or_else(|| self.extra_holidays.get(&date).map(String::as_str))
            .or_else(|| self.carrier_rest_days.get(&date).map(String::as_str))
    }

    /// Monday to Friday and not a holiday of any kind.
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date) == DayKind::BusinessDay
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if self.holiday_name(date).is_some() {
            return DayKind::Holiday;
        }
        match date.weekday() {
            Weekday::Sun => DayKind::Holiday,
            Weekday::Sat => DayKind::Saturday,
            _ => DayKind::BusinessDay,
        }
    }

    /// The first business day strictly after `date` (within two years; the
    /// search gives up rather than loop forever on a calendar of all holidays).
    pub fn next_business_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.iter_days()
            .skip(1)
            .take(731)
            .find(|d| self.is_business_day(*d))
    }
}
