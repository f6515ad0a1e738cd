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
    /// The frame's block check character does not match its contents (line noise, or wrong
    /// parity/data bits turning bytes into others).
    #[error("frame checksum mismatch (expected {expected:#04x}, got {got:#04x})")]
    Checksum { expected: u8, got: u8 },
    /// The scale answered, but with an error or a status instead of a weight.
    #[error("the scale reported: {0}")]
    Device(DeviceFault),
}

/// What a scale itself says went wrong (MT-SICS `ES`/`ET`/`EL`/`S I`, Toledo status bits, NAK).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceFault {
    /// MT-SICS `S I`: the balance could not settle within its timeout or is busy.
    Busy,
    /// MT-SICS `ES`: the command was not understood.
    Syntax,
    /// MT-SICS `ET`: parity or framing error on the line as the scale saw it.
    Transmission,
    /// MT-SICS `EL`: the command cannot be executed now.
    Logical,
    /// Toledo 8217 status bit 3: the platform is outside the zero-capture range.
    OutsideZeroRange,
    /// CAS ECR `NAK` / Toledo `?` answer to an unknown command: the request was refused.
    Refused,
    /// USB HID scale status 1: the scale reports a fault of its own.
    Fault,
    /// USB HID scale status 7: the scale must be calibrated before it weighs again.
    NeedsCalibration,
    /// USB HID scale status 8: the scale must be zeroed (empty platform, zero key).
    NeedsRezero,
}

impl std::fmt::Display for DeviceFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DeviceFault::Busy => "busy or not settling",
            DeviceFault::Syntax => "command not understood",
            DeviceFault::Transmission => "transmission error",
            DeviceFault::Logical => "command not executable now",
            DeviceFault::OutsideZeroRange => "outside the zero range",
            DeviceFault::Refused => "request refused",
            DeviceFault::Fault => "scale fault",
            DeviceFault::NeedsCalibration => "the scale requires calibration",
            DeviceFault::NeedsRezero => "the scale requires re-zeroing",
        })
    }
}

impl DeviceFault {
    pub fn code(self) -> &'static str {
        match self {
            DeviceFault::Busy => "SCALE_DEVICE_BUSY",
            DeviceFault::Syntax => "SCALE_DEVICE_SYNTAX_ERROR",
            DeviceFault::Transmission => "SCALE_DEVICE_TRANSMISSION_ERROR",
            DeviceFault::Logical => "SCALE_DEVICE_LOGICAL_ERROR",
            DeviceFault::OutsideZeroRange => "SCALE_DEVICE_ZERO_RANGE",
            DeviceFault::Refused => "SCALE_DEVICE_REFUSED",
            DeviceFault::Fault => "SCALE_DEVICE_FAULT",
            DeviceFault::NeedsCalibration => "SCALE_DEVICE_NEEDS_CALIBRATION",
            DeviceFault::NeedsRezero => "SCALE_DEVICE_NEEDS_REZERO",
        }
    }

    pub fn message_ko(self) -> String {
        match self {
            DeviceFault::Busy => {
                "저울이 안정되지 않았거나 사용 중입니다. 잠시 후 다시 시도해 주세요.".into()
            }
            DeviceFault::Syntax => {
                "저울이 명령을 이해하지 못했습니다. 저울 프로토콜 설정을 확인해 주세요.".into()
            }
            DeviceFault::Transmission => {
                "저울이 통신 오류를 보고했습니다. 통신 속도와 패리티 설정을 확인해 주세요.".into()
            }
            DeviceFault::Logical => "저울이 지금은 명령을 실행할 수 없다고 응답했습니다.".into(),
            DeviceFault::OutsideZeroRange => {
                "저울이 영점 범위를 벗어났습니다. 계량대를 비우고 영점을 다시 잡아 주세요.".into()
            }
            DeviceFault::Refused => {
                "저울이 요청을 거부했습니다. 저울 프로토콜 설정을 확인해 주세요.".into()
            }
            DeviceFault::Fault => "저울이 고장 상태를 보고했습니다. 저울을 껐다 켜 보세요.".into(),
            DeviceFault::NeedsCalibration => {
                "저울 보정(캘리브레이션)이 필요합니다. 저울 설명서를 참고해 보정해 주세요.".into()
            }
            DeviceFault::NeedsRezero => {
                "저울 영점을 다시 잡아야 합니다. 계량대를 비우고 영점(ZERO) 버튼을 눌러 주세요."
                    .into()
            }
        }
    }
}

impl FrameError {
    pub fn code(&self) -> &'static str {
        match self {
            FrameError::Empty => "SCALE_FRAME_EMPTY",
            FrameError::Unrecognized { .. } => "SCALE_FRAME_UNRECOGNIZED",
            FrameError::BadWeight { .. } => "SCALE_FRAME_BAD_WEIGHT",
            FrameError::UnknownUnit { .. } => "SCALE_FRAME_UNKNOWN_UNIT",
            FrameError::NotAWeight { .. } => "SCALE_NOT_WEIGHING",
            FrameError::Checksum { .. } => "SCALE_FRAME_CHECKSUM",
            FrameError::Device(fault) => fault.code(),
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
            FrameError::Checksum { .. } => {
                "저울 데이터의 검사값이 맞지 않습니다. 케이블과 통신 설정(패리티, 데이터 비트)을 확인해 주세요."
                    .into()
            }
            FrameError::Device(fault) => fault.message_ko(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error("cannot open scale port {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("scale port {path} failed: {reason}")]
    Io { path: String, reason: String },
    /// Auto-detection heard nothing it recognised with any protocol's line settings.
    #[error("no known scale protocol answered on {path} (tried {tried})")]
    NotDetected { path: String, tried: String },
}

impl ScaleError {
    pub fn code(&self) -> &'static str {
        match self {
            ScaleError::Open { .. } => "SCALE_OPEN_FAILED",
            ScaleError::Io { .. } => "SCALE_IO_FAILED",
            ScaleError::NotDetected { .. } => "SCALE_NOT_DETECTED",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            ScaleError::Open { path, reason } => format!(
                "저울 포트({path})를 열 수 없습니다: {reason}. 케이블 연결과 다른 프로그램의 사용 여부를 확인해 주세요."
            ),
            ScaleError::Io { path, reason } => {
                format!("저울 포트({path}) 통신 중 오류가 발생했습니다: {reason}")
            }
            ScaleError::NotDetected { path, .. } => format!(
                "저울 포트({path})에서 알려진 저울 프로토콜을 찾지 못했습니다. 저울이 켜져 있는지 확인하고, 프로토콜을 직접 선택해 주세요. (Adam 저울은 자동 감지가 되지 않습니다.)"
            ),
        }
    }
}
