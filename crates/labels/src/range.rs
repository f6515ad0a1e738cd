//! The print-range box: `"1-3, 5, 7"` → `[1, 2, 3, 5, 7]` (1-based positions in the print list).
//!
//! Korean IMEs often leave full-width characters behind (`１-３，５`), and people type `~` or an en
//! dash for ranges, so those are accepted. Every error quotes the part the user typed, because a
//! "잘못된 범위" message without it sends them hunting through the box.

/// Why a range string was rejected. Each variant carries the offending part as typed (trimmed).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("'{part}' is not a number or a range like 1-3")]
    NotANumber { part: String },
    #[error("'{part}': numbering starts at 1")]
    Zero { part: String },
    #[error("'{part}' runs backwards ({start} > {end}); write {end}-{start}")]
    Reversed {
        part: String,
        start: usize,
        end: usize,
    },
    #[error("'{part}' is beyond the list, which has {len} entries")]
    BeyondList { part: String, len: usize },
    #[error(
        "item {position} is empty (two commas in a row, or a comma at the start or end) in '{input}'"
    )]
    EmptyPart { position: usize, input: String },
}

impl RangeError {
    /// Stable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        "RANGE_INVALID"
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::NotANumber { part } => {
                format!("'{part}'은(는) 숫자나 범위(예: 1-3)가 아닙니다.")
            }
            Self::Zero { part } => format!("'{part}': 번호는 1부터 시작합니다."),
            Self::Reversed { part, start, end } => format!(
                "'{part}': 시작({start})이 끝({end})보다 큽니다. {end}-{start}(으)로 입력하세요."
            ),
            Self::BeyondList { part, len } => {
                format!("'{part}': 목록에는 {len}건만 있습니다.")
            }
            Self::EmptyPart { position, input } => format!(
                "'{input}'의 {position}번째 항목이 비어 있습니다 (쉼표가 연달아 있거나 앞뒤에 있습니다)."
            ),
        }
    }
}

/// Parses `input` against a list of `len` entries. Blank input selects everything (`1..=len`).
/// The result keeps the typed order and drops repeats, keeping the first occurrence.
pub fn parse(input: &str, len: usize) -> Result<Vec<usize>, RangeError> {
    if input.trim().is_empty() {
        return Ok((1..=len).collect());
    }
    let mut seen = vec![false; len + 1];
    let mut out = Vec::new();
    for (i, raw) in input.split(is_separator).enumerate() {
        let part = raw.trim();
        if part.is_empty() {
            return Err(RangeError::EmptyPart {
                position: i + 1,
                input: input.trim().to_string(),
            });
        }
        let (start, end) = parse_part(part, len)?;
        for (n, seen) in seen.iter_mut().enumerate().take(end + 1).skip(start) {
            if !*seen {
                *seen = true;
                out.push(n);
            }
        }
    }
    Ok(out)
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '，' | '、')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '~' | '～' | '–' | '—' | '−')
}

/// Full-width digits and spaces to ASCII; everything else unchanged.
fn normalise(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// One comma-separated part: `7` or `1-3`. Returns the inclusive 1-based bounds.
fn parse_part(part: &str, len: usize) -> Result<(usize, usize), RangeError> {
    let norm: String = part.chars().map(normalise).collect();
    let pieces: Vec<&str> = norm.split(is_dash).map(str::trim).collect();
    let not_a_number = || RangeError::NotANumber {
        part: part.to_string(),
    };
    let (start, end) = match pieces.as_slice() {
        [one] => {
            let n = number(one, part, len).ok_or_else(not_a_number)??;
            (n, n)
        }
        [a, b] => {
            let a = number(a, part, len).ok_or_else(not_a_number)?;
            let b = number(b, part, len).ok_or_else(not_a_number)?;
            // Zero beats "beyond" so that `0-99` says what is wrong first.
            match (a, b) {
                (Err(e @ RangeError::Zero { .. }), _) | (_, Err(e @ RangeError::Zero { .. })) => {
                    return Err(e);
                }
                (Ok(a), Ok(b)) if a > b => {
                    return Err(RangeError::Reversed {
                        part: part.to_string(),
                        start: a,
                        end: b,
                    });
                }
                (a, b) => (a?, b?),
            }
        }
        _ => return Err(not_a_number()),
    };
    Ok((start, end))
}

/// `None` when `s` is not a plain run of digits; otherwise the value checked against `1..=len`.
/// A run of digits too large for `usize` is "beyond the list", not "not a number".
fn number(s: &str, part: &str, len: usize) -> Option<Result<usize, RangeError>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let beyond = || RangeError::BeyondList {
        part: part.to_string(),
        len,
    };
    Some(match s.parse::<usize>() {
        Ok(0) => Err(RangeError::Zero {
            part: part.to_string(),
        }),
        Ok(n) if n > len => Err(beyond()),
        Ok(n) => Ok(n),
        Err(_) => Err(beyond()),
    })
}
