//! The one-line text form used by the CLI (`packdesk schedule set`):
//!
//! ```text
//! off
//! fassto
//! every 10m
//! every 30m 08:00-21:00
//! every 1h 09:00-18:00 business-days
//! times 09:00,13:30,16:00
//! times 09:00,13:30 sat 10:00 other none
//! ```
//!
//! `Display` writes the canonical form, which parses back to the same value.

use std::fmt;
use std::str::FromStr;

use super::{MAX_INTERVAL_MINUTES, Timetable};
use crate::{Expected, TimetableError, WallTime};

const BUSINESS_DAYS_FLAG: &str = "business-days";
const NONE_WORD: &str = "none";

impl FromStr for Timetable {
    type Err = TimetableError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = join_ranges(s);
        let mut tokens = text.split_whitespace();
        let Some(kind) = tokens.next() else {
            return Err(TimetableError::Empty);
        };
        let rest: Vec<&str> = tokens.collect();
        match kind.to_lowercase().as_str() {
            "off" => no_more(&rest).map(|()| Timetable::Off),
            "fassto" | "파스토" => no_more(&rest).map(|()| Timetable::Fassto),
            "every" => parse_every(kind, &rest),
            "times" => parse_times(kind, &rest),
            _ => Err(TimetableError::UnknownKind {
                word: kind.to_owned(),
            }),
        }
    }
}

/// `08:00 - 21:00` and `08:00–21:00` become `08:00-21:00`, one token.
fn join_ranges(s: &str) -> String {
    let s = s.replace(['–', '~'], "-");
    let mut out = String::with_capacity(s.len());
    for part in s.split('-') {
        if !out.is_empty() {
            out.truncate(out.trim_end().len());
            out.push('-');
            out.push_str(part.trim_start());
        } else {
            out.push_str(part);
        }
    }
    out
}

fn no_more(rest: &[&str]) -> Result<(), TimetableError> {
    match rest.first() {
        Some(token) => Err(TimetableError::UnexpectedToken {
            token: (*token).to_owned(),
        }),
        None => Ok(()),
    }
}

fn parse_every(kind: &str, rest: &[&str]) -> Result<Timetable, TimetableError> {
    let Some((interval, options)) = rest.split_first() else {
        return Err(TimetableError::Missing {
            after: kind.to_owned(),
            expected: Expected::Interval,
        });
    };
    let minutes = parse_interval(interval)?;
    let mut range = None;
    let mut business_days_only = false;
    for token in options {
        let lower = token.to_lowercase();
        if !business_days_only
            && matches!(lower.as_str(), "business-days" | "business_days" | "영업일")
        {
            business_days_only = true;
        } else if range.is_none() && token.contains('-') && !lower.starts_with("business") {
            range = Some(parse_range(token)?);
        } else {
            return Err(TimetableError::UnexpectedToken {
                token: (*token).to_owned(),
            });
        }
    }
    let (start, end) = range.unwrap_or((WallTime::MIDNIGHT, WallTime::END_OF_DAY));
    Timetable::every_minutes(minutes, start, end, business_days_only)
}

/// `10m`, `10min`, `10분`, `2h`, `1시간` or a bare number of minutes.
fn parse_interval(token: &str) -> Result<u16, TimetableError> {
    let bad = || TimetableError::BadInterval {
        value: token.to_owned(),
    };
    let lower = token.to_lowercase();
    let (number, per_unit) = if let Some(n) = lower
        .strip_suffix("min")
        .or_else(|| lower.strip_suffix('m'))
        .or_else(|| lower.strip_suffix('분'))
    {
        (n, 1)
    } else if let Some(n) = lower
        .strip_suffix('h')
        .or_else(|| lower.strip_suffix("시간"))
    {
        (n, 60)
    } else {
        (lower.as_str(), 1)
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let minutes = number
        .parse::<u16>()
        .ok()
        .and_then(|n| n.checked_mul(per_unit))
        .ok_or_else(bad)?;
    if minutes == 0 || minutes > MAX_INTERVAL_MINUTES {
        return Err(bad());
    }
    Ok(minutes)
}

/// `HH:MM-HH:MM`; the end may be `24:00`. A malformed side is reported as
/// that time, an impossible order as the whole range.
fn parse_range(token: &str) -> Result<(WallTime, WallTime), TimetableError> {
    let bad_range = || TimetableError::BadRange {
        value: token.to_owned(),
    };
    let (start_text, end_text) = token.split_once('-').ok_or_else(bad_range)?;
    if start_text.is_empty() || end_text.is_empty() {
        return Err(bad_range());
    }
    let start: WallTime = start_text.parse()?;
    let end = WallTime::parse(end_text).ok_or_else(|| TimetableError::BadTime {
        value: end_text.to_owned(),
    })?;
    if start > end {
        return Err(bad_range());
    }
    Ok((start, end))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Business,
    Saturday,
    Other,
}

fn section_keyword(token: &str) -> Option<Section> {
    match token.to_lowercase().as_str() {
        "sat" | "saturday" | "saturdays" | "토요일" => Some(Section::Saturday),
        "other" | "others" | "holidays" | "휴일" => Some(Section::Other),
        _ => None,
    }
}

fn parse_times(kind: &str, rest: &[&str]) -> Result<Timetable, TimetableError> {
    let mut business: Option<Vec<WallTime>> = None;
    let mut saturdays: Option<Vec<WallTime>> = None;
    let mut other: Option<Vec<WallTime>> = None;
    let mut section = Section::Business;
    let mut section_word = kind;
    let mut pending: Vec<&str> = Vec::new();

    let mut close =
        |section: Section, word: &str, pending: &mut Vec<&str>| -> Result<(), TimetableError> {
            let list = parse_time_list(word, pending)?;
            pending.clear();
            let slot = match section {
                Section::Business => &mut business,
                Section::Saturday => &mut saturdays,
                Section::Other => &mut other,
            };
            if slot.is_some() {
                return Err(TimetableError::UnexpectedToken {
                    token: word.to_owned(),
                });
            }
            *slot = Some(list);
            Ok(())
        };

    for token in rest {
        if let Some(next) = section_keyword(token) {
            close(section, section_word, &mut pending)?;
            section = next;
            section_word = token;
        } else {
            pending.push(token);
        }
    }
    close(section, section_word, &mut pending)?;

    Timetable::times(
        business.unwrap_or_default(),
        saturdays,
        other.unwrap_or_default(),
    )
}

/// The tokens after a section word: `09:00,13:30` (spaces after commas
/// allowed) or `none`.
fn parse_time_list(after: &str, tokens: &[&str]) -> Result<Vec<WallTime>, TimetableError> {
    if tokens.is_empty() {
        return Err(TimetableError::Missing {
            after: after.to_owned(),
            expected: Expected::TimeList,
        });
    }
    if let [only] = tokens
        && (only.eq_ignore_ascii_case(NONE_WORD) || *only == "없음")
    {
        return Ok(Vec::new());
    }
    let joined = tokens.join("");
    joined
        .split(',')
        .map(|piece| {
            if piece.is_empty() {
                Err(TimetableError::UnexpectedToken {
                    token: ",".to_owned(),
                })
            } else {
                piece.parse::<WallTime>()
            }
        })
        .collect()
}

impl fmt::Display for Timetable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timetable::Off => f.write_str("off"),
            Timetable::Fassto => f.write_str("fassto"),
            Timetable::EveryMinutes {
                minutes,
                start,
                end,
                business_days_only,
            } => {
                write!(f, "every {minutes}m")?;
                if *start != WallTime::MIDNIGHT || *end != WallTime::END_OF_DAY {
                    write!(f, " {start}-{end}")?;
                }
                if *business_days_only {
                    write!(f, " {BUSINESS_DAYS_FLAG}")?;
                }
                Ok(())
            }
            Timetable::Times {
                business_days,
                saturdays,
                other_days,
            } => {
                write!(f, "times {}", TimeList(business_days))?;
                if let Some(saturdays) = saturdays {
                    write!(f, " sat {}", TimeList(saturdays))?;
                }
                if !other_days.is_empty() {
                    write!(f, " other {}", TimeList(other_days))?;
                }
                Ok(())
            }
        }
    }
}

struct TimeList<'a>(&'a [WallTime]);

impl fmt::Display for TimeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(NONE_WORD);
        }
        for (i, t) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}
