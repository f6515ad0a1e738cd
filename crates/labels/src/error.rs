//! Errors of label rendering.

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("no waybills to render")]
    Empty,
    #[error("the embedded font could not be loaded for the PDF: {0}")]
    Font(String),
}

impl LabelError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "LABEL_EMPTY",
            Self::Font(_) => "LABEL_FONT_INVALID",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::Empty => "출력할 운송장이 없습니다.".to_string(),
            Self::Font(detail) => format!("라벨 글꼴을 불러오지 못했습니다: {detail}"),
        }
    }
}
