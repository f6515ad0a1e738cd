/// Why one frame from a scale could not be turned into a [`super::Reading`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("empty frame")]
    Empty,
    #[error("frame does not match the {protocol} format")]
    Unrecognized { protocol: &'static str },
    #[error("invalid weight field '{field}'")]
    BadWeight { field: String },
    #[error("unknown weight unit '{unit}'")]
    UnknownUnit { unit: String },
    /// The scale is in a mode that reports something other than weight (e.g. piece counting).
    #[error("the scale is not reporting a weight (mode {mode})")]
    NotAWeight { mode: String },
}

impl FrameError {
    pub fn code(&self) -> &'static str {
        match self {
            FrameError::Empty => "SCALE_FRAME_EMPTY",
            FrameError::Unrecognized { .. } => "SCALE_FRAME_UNRECOGNIZED",
            FrameError::BadWeight { .. } => "SCALE_FRAME_BAD_WEIGHT",
            FrameError::UnknownUnit { .. } => "SCALE_FRAME_UNKNOWN_UNIT",
            FrameError::NotAWeight { .. } => "SCALE_NOT_WEIGHING",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            FrameError::Empty => "저울에서 빈 데이터를 받았습니다.".into(),
            FrameError::Unrecognized { protocol } => {
                format!(
                    "저울 데이터가 {protocol} 형식과 맞지 않습니다. 저울 프로토콜 설정을 확인해 주세요."
                )
            }
            FrameError::BadWeight { field } => {
                format!("저울 무게 값 '{field}'를 읽을 수 없습니다.")
            }
            FrameError::UnknownUnit { unit } => {
                format!(
                    "저울 단위 '{unit}'를 알 수 없습니다. 저울을 kg 또는 g 단위로 설정해 주세요."
                )
            }
            FrameError::NotAWeight { mode } => {
                format!(
                    "저울이 무게가 아닌 값({mode})을 보내고 있습니다. 저울을 계량 모드로 바꿔 주세요."
                )
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error("cannot open scale port {path}: {reason}")]
    Open { path: String, reason: String },
}

impl ScaleError {
    pub fn code(&self) -> &'static str {
        match self {
            ScaleError::Open { .. } => "SCALE_OPEN_FAILED",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            ScaleError::Open { path, reason } => format!(
                "저울 포트({path})를 열 수 없습니다: {reason}. 케이블 연결과 다른 프로그램의 사용 여부를 확인해 주세요."
            ),
        }
    }
}
