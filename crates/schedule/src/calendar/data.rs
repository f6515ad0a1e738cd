//! The holiday data file (`assets/holidays-kr.json`): its format and checks.
//! Holidays are data, not code, so a new 임시공휴일 or a law change is an edit
//! to the file, never to the rules here.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// The only format version this code reads.
const FORMAT: u32 = 1;

/// Why a date is a public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A fixed solar date (신정, 3·1절, 어린이날, …).
    Fixed,
    /// A lunar-calendar holiday, stored as its solar date (설날, 부처님오신날, 추석).
    Lunar,
    /// 대체공휴일.
    Substitute,
    /// An election day.
    Election,
    /// A one-off 임시공휴일 declared by the government.
    Temporary,
}

/// One public holiday from the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Korean name as shown to the user, e.g. `추석` or `광복절 대체공휴일`.
    pub name: String,
    pub kind: HolidayKind,
}

#[derive(Deserialize)]
struct FileRepr {
    format: u32,
    first_year: i32,
    last_year: i32,
    source: String,
    holidays: Vec<EntryRepr>,
}

#[derive(Deserialize)]
struct EntryRepr {
    date: NaiveDate,
    name: String,
    kind: HolidayKind,
}

/// A checked holiday table.
pub(super) struct HolidayTable {
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    pub(super) source: String,
    pub(super) days: BTreeMap<NaiveDate, Holiday>,
}

pub(super) fn parse(json: &str) -> Result<HolidayTable, CalendarError> {
    let file: FileRepr = serde_json::from_str(json).map_err(|e| CalendarError::InvalidData {
        reason: e.to_string(),
    })?;
    if file.format != FORMAT {
        return Err(CalendarError::InvalidData {
            reason: format!(
                "format {} (this version reads format {FORMAT})",
                file.format
            ),
        });
    }
    if file.first_year > file.last_year {
        return Err(CalendarError::InvalidData {
            reason: format!(
                "first_year {} is after last_year {}",
                file.first_year, file.last_year
            ),
        });
    }
    let mut days = BTreeMap::new();
    for entry in file.holidays {
        let year = entry.date.year();
        if year < file.first_year || year > file.last_year {
            return Err(CalendarError::DateOutOfRange {
                date: entry.date,
                first_year: file.first_year,
                last_year: file.last_year,
            });
        }
        if entry.name.trim().is_empty() {
            return Err(CalendarError::InvalidData {
                reason: format!("{} has no name", entry.date),
            });
        }
        let holiday = Holiday {
            name: entry.name,
            kind: entry.kind,
        };
        if days.insert(entry.date, holiday).is_some() {
            return Err(CalendarError::DuplicateDate { date: entry.date });
        }
    }
    Ok(HolidayTable {
        first_year: file.first_year,
        last_year: file.last_year,
        source: file.source,
        days,
    })
}
