//! The Korean one-line summary shown next to a shop's schedule.

use super::{Timetable, fassto};
use crate::WallTime;

impl Timetable {
    /// e.g. `10분마다 (08:00–21:00)`, `파스토 기본 시간표 (…)`, `자동 수집 안 함`.
    pub fn describe_ko(&self) -> String {
        match self {
            Timetable::Off => "자동 수집 안 함".to_owned(),
            Timetable::Fassto => format!(
                "파스토 기본 시간표 (영업일 하루 {}회 08:10–20:30, 토요일 하루 {}회 00:10·09:10–17:10, 일요일·공휴일 수집 안 함)",
                fassto::FASSTO_BUSINESS_DAY_TIMES.len(),
                fassto::FASSTO_SATURDAY_TIMES.len(),
            ),
            Timetable::EveryMinutes {
                minutes,
                start,
                end,
                business_days_only,
            } => {
                let every = if minutes % 60 == 0 {
                    format!("{}시간마다", minutes / 60)
                } else {
                    format!("{minutes}분마다")
                };
                let mut details = Vec::new();
                if *start != WallTime::MIDNIGHT || *end != WallTime::END_OF_DAY {
                    details.push(format!("{start}–{end}"));
                }
                if *business_days_only {
                    details.push("영업일만".to_owned());
                }
                if details.is_empty() {
                    every
                } else {
                    format!("{every} ({})", details.join(", "))
                }
            }
            Timetable::Times {
                business_days,
                saturdays,
                other_days,
            } => {
                let mut parts = vec![format!("영업일 {}", list_ko(business_days))];
                match saturdays {
                    Some(saturdays) => {
                        parts.push(format!("토요일 {}", list_ko(saturdays)));
                        parts.push(format!("일요일·공휴일 {}", list_ko(other_days)));
                    }
                    None => parts.push(format!("주말·공휴일 {}", list_ko(other_days))),
                }
                format!("지정 시각: {}", parts.join(" / "))
            }
        }
    }
}

fn list_ko(times: &[WallTime]) -> String {
    if times.is_empty() {
        return "수집 안 함".to_owned();
    }
    times
        .iter()
        .map(WallTime::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
