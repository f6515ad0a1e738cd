//! Timetables as data and their fire times. All wall times are Asia/Seoul.

mod describe;
pub(crate) mod fassto;
mod text;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, DayKind};
use crate::kst::{kst_to_utc, utc_to_kst};
use crate::{TimetableError, WallTime};

/// How far ahead [`Timetable::next_after`] looks before deciding a timetable
/// never fires (e.g. `times none other none`). Two years covers any real
/// stretch of holidays and rest days.
const SEARCH_DAYS: usize = 731;

/// The most minutes an interval can have: one run a day.
pub(crate) const MAX_INTERVAL_MINUTES: u16 = 24 * 60;

/// When a shop's collection runs. Stored as JSON (`{"kind": "...", ...}`),
/// edited through [`std::str::FromStr`]/[`std::fmt::Display`] text such as
/// `every 30m 08:00-21:00`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Timetable {
    /// At `start`, then every `minutes`, up to and including `end` (`24:00`
    /// = until midnight), every day or business days only. The grid restarts
    /// at `start` each day.
    EveryMinutes {
        minutes: u16,
        start: WallTime,
        end: WallTime,
        business_days_only: bool,
    },
    /// FASSTO FMS's default timetable (see [`crate::FASSTO_BUSINESS_DAY_TIMES`]).
    Fassto,
    /// Custom times. `saturdays` (when set) applies to Saturdays that are not
    /// holidays; `other_days` to Sundays and holidays, and to Saturdays when
    /// `saturdays` is not set.
    Times {
        business_days: Vec<WallTime>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        saturdays: Option<Vec<WallTime>>,
        #[serde(default)]
        other_days: Vec<WallTime>,
    },
    /// No automatic collection.
    Off,
}

impl Timetable {
    /// Every `minutes` from `start` to `end` (inclusive), checked.
    pub fn every_minutes(
        minutes: u16,
        start: WallTime,
        end: WallTime,
        business_days_only: bool,
    ) -> Result<Timetable, TimetableError> {
        let timetable = Timetable::EveryMinutes {
            minutes,
            start,
            end,
            business_days_only,
        };
        timetable.validate()?;
        Ok(timetable)
    }

    /// Custom times, sorted and without duplicates; `24:00` is refused.
    pub fn times(
        business_days: Vec<WallTime>,
        saturdays: Option<Vec<WallTime>>,
        other_days: Vec<WallTime>,
    ) -> Result<Timetable, TimetableError> {
        let timetable = Timetable::Times {
            business_days,
            saturdays,
            other_days,
        }
        .normalized();
        timetable.validate()?;
        Ok(timetable)
    }

    /// Cafe24 MarketPlus's behaviour: every 10 minutes, all day, every day.
    pub fn marketplus_default() -> Timetable {
        Timetable::EveryMinutes {
            minutes: 10,
            start: WallTime::MIDNIGHT,
            end: WallTime::END_OF_DAY,
            business_days_only: false,
        }
    }

    /// The FASSTO default written out as [`Timetable::Times`], as a starting
    /// point for a shop that wants to edit it.
    pub fn fassto_as_times() -> Timetable {
        Timetable::Times {
            business_days: fassto::FASSTO_BUSINESS_DAY_TIMES.to_vec(),
            saturdays: Some(fassto::FASSTO_SATURDAY_TIMES.to_vec()),
            other_days: Vec::new(),
        }
    }

    /// Checks what serde cannot: interval bounds, range order, no `24:00`
    /// fire times.
    pub fn validate(&self) -> Result<(), TimetableError> {
        match self {
            Timetable::EveryMinutes {
                minutes,
                start,
                end,
                ..
            } => {
                if *minutes == 0 || *minutes > MAX_INTERVAL_MINUTES {
                    return Err(TimetableError::BadInterval {
                        value: format!("{minutes}m"),
                    });
                }
                if start.is_end_of_day() || start > end {
                    return Err(TimetableError::BadRange {
                        value: format!("{start}-{end}"),
                    });
                }
                Ok(())
            }
            Timetable::Times {
                business_days,
                saturdays,
                other_days,
            } => {
                let all = business_days
                    .iter()
                    .chain(saturdays.iter().flatten())
                    .chain(other_days);
                match all.into_iter().find(|t| t.is_end_of_day()) {
                    Some(t) => Err(TimetableError::BadTime {
                        value: t.to_string(),
                    }),
                    None => Ok(()),
                }
            }
            Timetable::Fassto | Timetable::Off => Ok(()),
        }
    }

    /// Sorts and de-duplicates custom times so equal timetables compare
    /// equal and print the same.
    pub fn normalized(self) -> Timetable {
        fn tidy(mut times: Vec<WallTime>) -> Vec<WallTime> {
            times.sort_unstable();
            times.dedup();
            times
        }
        match self {
            Timetable::Times {
                business_days,
                saturdays,
                other_days,
            } => Timetable::Times {
                business_days: tidy(business_days),
                saturdays: saturdays.map(tidy),
                other_days: tidy(other_days),
            },
            other => other,
        }
    }

    /// Reads a stored timetable (the JSON this type serialises to), checked
    /// and normalised.
    pub fn from_json(json: &str) -> Result<Timetable, TimetableError> {
        let timetable: Timetable =
            serde_json::from_str(json).map_err(|e| TimetableError::InvalidJson {
                message: e.to_string(),
            })?;
        let timetable = timetable.normalized();
        timetable.validate()?;
        Ok(timetable)
    }

    /// The JSON stored for this timetable; stable field names and tags.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a timetable always serialises to JSON")
    }

    /// The wall times this timetable fires on `date` (a Seoul date), sorted.
    pub fn fires_on(&self, date: NaiveDate, cal: &Calendar) -> Vec<WallTime> {
        let kind = cal.day_kind(date);
        let mut times = match self {
            Timetable::Off => Vec::new(),
            Timetable::Fassto => match kind {
                DayKind::BusinessDay => fassto::FASSTO_BUSINESS_DAY_TIMES.to_vec(),
                DayKind::Saturday => fassto::FASSTO_SATURDAY_TIMES.to_vec(),
                DayKind::Holiday => Vec::new(),
            },
            Timetable::Times {
                business_days,
                saturdays,
                other_days,
            } => match (kind, saturdays) {
                (DayKind::BusinessDay, _) => business_days.clone(),
                (DayKind::Saturday, Some(saturdays)) => saturdays.clone(),
                (DayKind::Saturday, None) | (DayKind::Holiday, _) => other_days.clone(),
            },
            Timetable::EveryMinutes {
                minutes,
                start,
                end,
                business_days_only,
            } => {
                if *business_days_only && kind != DayKind::BusinessDay {
                    Vec::new()
                } else {
                    interval_grid(*minutes, *start, *end)
                }
            }
        };
        // Stored data may be hand-edited; never fire at 24:00 or twice.
        times.retain(|t| !t.is_end_of_day());
        times.sort_unstable();
        times.dedup();
        times
    }

    /// The first fire time strictly after `after`, or `None` if the
    /// timetable never fires (within two years).
    pub fn next_after(&self, after: DateTime<Utc>, cal: &Calendar) -> Option<DateTime<Utc>> {
        if *self == Timetable::Off {
            return None;
        }
        let first_day = utc_to_kst(after).date_naive();
        first_day.iter_days().take(SEARCH_DAYS).find_map(|day| {
            self.fires_on(day, cal)
                .into_iter()
                .map(|t| kst_to_utc(day, t))
                .find(|at| *at > after)
        })
    }

    /// Every fire time in `(from, to]`: strictly after `from`, up to and
    /// including `to` — so consecutive windows neither miss nor repeat a
    /// fire, and `from` itself matches [`Timetable::next_after`].
    pub fn fires_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        cal: &Calendar,
    ) -> Vec<DateTime<Utc>> {
        if to <= from {
            return Vec::new();
        }
        let first_day = utc_to_kst(from).date_naive();
        let last_day = utc_to_kst(to).date_naive();
        first_day
            .iter_days()
            .take_while(|day| *day <= last_day)
            .flat_map(|day| {
                self.fires_on(day, cal)
                    .into_iter()
                    .map(move |t| kst_to_utc(day, t))
            })
            .filter(|at| *at > from && *at <= to)
            .collect()
    }
}

/// `start`, `start + minutes`, … up to `end` inclusive; empty for an invalid
/// interval rather than looping forever on hand-edited data.
fn interval_grid(minutes: u16, start: WallTime, end: WallTime) -> Vec<WallTime> {
    if minutes == 0 || start > end {
        return Vec::new();
    }
    (start.minutes_since_midnight()..=end.minutes_since_midnight())
        .step_by(usize::from(minutes))
        .filter_map(WallTime::from_minutes)
        .collect()
}
