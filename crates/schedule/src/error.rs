//! What can be wrong with a timetable the user typed or a stored one: each
//! variant names the offending part, in English (`Display`) and Korean.

/// What the parser wanted to see next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// An interval such as `10m` after `every`.
    Interval,
    /// A comma-separated list of `HH:MM` (or `none`).
    TimeList,
}

impl Expected {
    fn en(self) -> &'static str {
        match self {
            Expected::Interval => "an interval such as 10m",
            Expected::TimeList => "a list of times such as 09:00,13:30 (or none)",
        }
    }

    fn ko(self) -> &'static str {
        match self {
            Expected::Interval => "간격(예: 10m)",
            Expected::TimeList => "시각 목록(예: 09:00,13:30 또는 none)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimetableError {
    #[error(
        "empty timetable (expected e.g. \"every 10m\", \"every 30m 08:00-21:00\", \"fassto\", \"times 09:00,13:30\" or \"off\")"
    )]
    Empty,
    #[error("unknown timetable kind '{word}' (expected every, fassto, times or off)")]
    UnknownKind { word: String },
    #[error("bad time '{value}' (expected HH:MM from 00:00 to 23:59)")]
    BadTime { value: String },
    #[error(
        "bad interval '{value}' (expected whole minutes from 1m to 1440m, or hours such as 1h)"
    )]
    BadInterval { value: String },
    #[error("bad time range '{value}' (expected HH:MM-HH:MM, start before end, end at most 24:00)")]
    BadRange { value: String },
    #[error("unexpected '{token}' in timetable")]
    UnexpectedToken { token: String },
    #[error("missing {} after '{after}'", expected.en())]
    Missing { after: String, expected: Expected },
    #[error("stored timetable is not valid JSON for a timetable: {message}")]
    InvalidJson { message: String },
}

impl TimetableError {
    pub fn code(&self) -> &'static str {
        match self {
            TimetableError::Empty => "TIMETABLE_EMPTY",
            TimetableError::UnknownKind { .. } => "TIMETABLE_UNKNOWN_KIND",
            TimetableError::BadTime { .. } => "TIMETABLE_BAD_TIME",
            TimetableError::BadInterval { .. } => "TIMETABLE_BAD_INTERVAL",
            TimetableError::BadRange { .. } => "TIMETABLE_BAD_RANGE",
            TimetableError::UnexpectedToken { .. } => "TIMETABLE_UNEXPECTED_TOKEN",
            TimetableError::Missing { .. } => "TIMETABLE_MISSING_VALUE",
            TimetableError::InvalidJson { .. } => "TIMETABLE_INVALID_JSON",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            TimetableError::Empty => {
                "수집 시간표가 비어 있습니다. 예: \"every 10m\", \"every 30m 08:00-21:00\", \"fassto\", \"times 09:00,13:30\", \"off\"".into()
            }
            TimetableError::UnknownKind { word } => format!(
                "알 수 없는 시간표 종류 '{word}'입니다. every, fassto, times, off 중 하나를 쓰세요."
            ),
            TimetableError::BadTime { value } => {
                format!("시각 '{value}'이(가) 올바르지 않습니다. 00:00부터 23:59까지 HH:MM 형식으로 쓰세요.")
            }
            TimetableError::BadInterval { value } => format!(
                "수집 간격 '{value}'이(가) 올바르지 않습니다. 1m부터 1440m까지의 분(예: 10m) 또는 시간(예: 1h)으로 쓰세요."
            ),
            TimetableError::BadRange { value } => format!(
                "시간 범위 '{value}'이(가) 올바르지 않습니다. HH:MM-HH:MM 형식으로, 시작이 끝보다 앞서고 끝은 24:00 이하여야 합니다."
            ),
            TimetableError::UnexpectedToken { token } => {
                format!("시간표에 알 수 없는 부분 '{token}'이(가) 있습니다.")
            }
            TimetableError::Missing { after, expected } => {
                format!("'{after}' 뒤에 {}이(가) 필요합니다.", expected.ko())
            }
            TimetableError::InvalidJson { message } => {
                format!("저장된 수집 시간표를 읽을 수 없습니다: {message}")
            }
        }
    }
}
