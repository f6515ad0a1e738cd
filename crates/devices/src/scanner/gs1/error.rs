/// Why a GS1 element string was rejected. Every variant names the AI involved (when there was
/// one) so the scanner test screen can point at the faulty field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Gs1Error {
    #[error("empty GS1 element string")]
    Empty,
    /// Digits where an AI was expected match no known AI (or were not digits at all).
    #[error("unknown application identifier '{ai}' at position {at}")]
    BadAi { ai: String, at: usize },
    /// The data ended (or hit a separator) before a fixed-length field was complete.
    #[error("AI ({ai}) needs {expected} characters, got {got}")]
    Truncated {
        ai: String,
        expected: usize,
        got: usize,
    },
    #[error("AI ({ai}) value {value} has a wrong check digit (expected {expected})")]
    BadCheckDigit {
        ai: String,
        value: String,
        expected: u8,
    },
    #[error("AI ({ai}) value '{value}' is not a valid YYMMDD date")]
    BadDate { ai: String, value: String },
    #[error("AI ({ai}) has a character not allowed there: {ch:?}")]
    BadCharacter { ai: String, ch: char },
    #[error("AI ({ai}) value is longer than {max} characters")]
    TooLong { ai: String, max: usize },
    #[error("AI ({ai}) has an empty value")]
    EmptyValue { ai: String },
    #[error("AI ({ai}) appears twice with different values")]
    DuplicateAi { ai: String },
    /// Parenthesised input `(01)…` that is not well formed.
    #[error("malformed bracketed GS1 text at position {at}")]
    BadHri { at: usize },
}

impl Gs1Error {
    pub fn code(&self) -> &'static str {
        match self {
            Gs1Error::Empty => "GS1_EMPTY",
            Gs1Error::BadAi { .. } => "GS1_BAD_AI",
            Gs1Error::Truncated { .. } => "GS1_TRUNCATED",
            Gs1Error::BadCheckDigit { .. } => "GS1_BAD_CHECK_DIGIT",
            Gs1Error::BadDate { .. } => "GS1_BAD_DATE",
            Gs1Error::BadCharacter { .. } => "GS1_BAD_CHARACTER",
            Gs1Error::TooLong { .. } => "GS1_VALUE_TOO_LONG",
            Gs1Error::EmptyValue { .. } => "GS1_EMPTY_VALUE",
            Gs1Error::DuplicateAi { .. } => "GS1_DUPLICATE_AI",
            Gs1Error::BadHri { .. } => "GS1_BAD_HRI",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Gs1Error::Empty => "GS1 바코드에 데이터가 없습니다.".into(),
            Gs1Error::BadAi { ai, at } => format!(
                "GS1 바코드의 {at}번째 위치에서 알 수 없는 AI '{ai}'를 만났습니다. 바코드가 잘못 인쇄되었거나 구분자(FNC1)가 빠졌을 수 있습니다."
            ),
            Gs1Error::Truncated { ai, expected, got } => format!(
                "GS1 바코드의 ({ai}) 값이 잘렸습니다: {expected}자리여야 하는데 {got}자리입니다. 다시 스캔해 주세요."
            ),
            Gs1Error::BadCheckDigit {
                ai,
                value,
                expected,
            } => format!(
                "GS1 바코드의 ({ai}) 값 {value}의 검증 숫자가 틀립니다(올바른 값: {expected}). 바코드를 다시 스캔하거나 확인해 주세요."
            ),
            Gs1Error::BadDate { ai, value } => {
                format!("GS1 바코드의 ({ai}) 날짜 '{value}'가 올바른 YYMMDD 형식이 아닙니다.")
            }
            Gs1Error::BadCharacter { ai, ch } => {
                format!("GS1 바코드의 ({ai}) 값에 허용되지 않는 문자 {ch:?}가 있습니다.")
            }
            Gs1Error::TooLong { ai, max } => format!(
                "GS1 바코드의 ({ai}) 값이 최대 {max}자를 넘습니다. 구분자(FNC1)가 빠졌을 수 있습니다."
            ),
            Gs1Error::EmptyValue { ai } => format!("GS1 바코드의 ({ai}) 값이 비어 있습니다."),
            Gs1Error::DuplicateAi { ai } => {
                format!("GS1 바코드에 ({ai})가 서로 다른 값으로 두 번 들어 있습니다.")
            }
            Gs1Error::BadHri { at } => {
                format!("괄호로 쓴 GS1 텍스트의 {at}번째 위치가 올바르지 않습니다.")
            }
        }
    }
}
