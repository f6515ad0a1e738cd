//! Errors of label rendering.

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("no waybills to render")]
    Empty,
    #[error("the embedded font could not be loaded for the PDF: {0}")]
    Font(String),
    #[error("unknown template '{0}'")]
    UnknownTemplate(String),
    #[error("template {origin} is not valid: {detail}")]
    TemplateInvalid { origin: String, detail: String },
    #[error("template {origin} could not be read: {detail}")]
    TemplateIo { origin: String, detail: String },
    #[error("template {template} prints {expected} data, but was given {given}")]
    DataMismatch {
        template: String,
        expected: &'static str,
        given: &'static str,
    },
    #[error("the product image could not be read: {0}")]
    Image(String),
    #[error("'{number}' is not a valid {what} number")]
    InvalidTracking { what: &'static str, number: String },
}

impl LabelError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "LABEL_EMPTY",
            Self::Font(_) => "LABEL_FONT_INVALID",
            Self::UnknownTemplate(_) => "LABEL_TEMPLATE_UNKNOWN",
            Self::TemplateInvalid { .. } => "LABEL_TEMPLATE_INVALID",
            Self::TemplateIo { .. } => "LABEL_TEMPLATE_UNREADABLE",
            Self::DataMismatch { .. } => "LABEL_TEMPLATE_DATA_MISMATCH",
            Self::Image(_) => "LABEL_IMAGE_INVALID",
            Self::InvalidTracking { .. } => "LABEL_TRACKING_INVALID",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::Empty => "출력할 운송장이 없습니다.".to_string(),
            Self::Font(detail) => format!("라벨 글꼴을 불러오지 못했습니다: {detail}"),
            Self::UnknownTemplate(id) => format!("알 수 없는 양식입니다: '{id}'"),
            Self::TemplateInvalid { origin, detail } => {
                format!("양식 파일 {origin}이(가) 올바르지 않습니다: {detail}")
            }
            Self::TemplateIo { origin, detail } => {
                format!("양식 파일 {origin}을(를) 읽지 못했습니다: {detail}")
            }
            Self::DataMismatch {
                template,
                expected,
                given,
            } => format!("양식 {template}은(는) {expected} 자료로 출력합니다. 받은 자료: {given}"),
            Self::Image(detail) => format!("상품 이미지를 읽지 못했습니다: {detail}"),
            Self::InvalidTracking { what, number } => {
                format!("'{number}'은(는) 올바른 {what} 번호가 아닙니다.")
            }
        }
    }
}
