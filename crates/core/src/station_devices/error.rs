//! Why the station's scale or scanner could not be set up, in both languages.
use packdesk_devices::scale::ScaleError;
use packdesk_devices::scanner::ScannerError;

use crate::error::{DeskError, ErrorPayload};

/// Which device a port was meant for (messages name it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceRole {
    Scale,
    Scanner,
}

impl DeviceRole {
    pub fn en(self) -> &'static str {
        match self {
            DeviceRole::Scale => "scale",
            DeviceRole::Scanner => "scanner",
        }
    }

    pub fn ko(self) -> &'static str {
        match self {
            DeviceRole::Scale => "저울",
            DeviceRole::Scanner => "스캐너",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    #[error("no port {port} is connected for the {}", role.en())]
    PortNotFound { port: String, role: DeviceRole },
    #[error("port {port} is already used by the station's {}", by.en())]
    PortInUse { port: String, by: DeviceRole },
    #[error("unknown scale protocol '{given}': use auto or one of {known}")]
    UnknownProtocol { given: String, known: String },
    #[error("baud {0} is not a serial speed")]
    BadBaud(u32),
    #[error(
        "auto-detection tries each protocol at its own line settings: choose a protocol to set the baud"
    )]
    AutoWithBaud,
    #[error("no known scale protocol answered on {port} (tried {tried})")]
    NotDetected { port: String, tried: String },
    #[error(transparent)]
    Scale(ScaleError),
    #[error(transparent)]
    Scanner(#[from] ScannerError),
    #[error(transparent)]
    Desk(#[from] DeskError),
}

impl From<ScaleError> for DeviceError {
    fn from(e: ScaleError) -> Self {
        match e {
            ScaleError::NotDetected { path, tried } => {
                DeviceError::NotDetected { port: path, tried }
            }
            other => DeviceError::Scale(other),
        }
    }
}

impl From<packdesk_store::StoreError> for DeviceError {
    fn from(e: packdesk_store::StoreError) -> Self {
        DeviceError::Desk(DeskError::Store(e))
    }
}

impl DeviceError {
    pub fn code(&self) -> &'static str {
        match self {
            DeviceError::PortNotFound { .. } => "DEVICE_PORT_NOT_FOUND",
            DeviceError::PortInUse { .. } => "DEVICE_PORT_IN_USE",
            DeviceError::UnknownProtocol { .. } => "SCALE_UNKNOWN_PROTOCOL",
            DeviceError::BadBaud(_) => "DEVICE_BAD_BAUD",
            DeviceError::AutoWithBaud => "SCALE_AUTO_WITH_BAUD",
            DeviceError::NotDetected { .. } => "SCALE_NOT_DETECTED",
            DeviceError::Scale(e) => e.code(),
            DeviceError::Scanner(e) => e.code(),
            DeviceError::Desk(e) => e.code(),
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            DeviceError::PortNotFound { port, role } => format!(
                "{} 포트 {port}를 찾을 수 없습니다. 장치가 연결되어 있는지 확인하고 포트 목록에서 다시 골라 주세요.",
                role.ko()
            ),
            DeviceError::PortInUse { port, by } => {
                format!("포트 {port}는 이미 {}에 쓰이고 있습니다.", by.ko())
            }
            DeviceError::UnknownProtocol { given, known } => format!(
                "알 수 없는 저울 프로토콜 '{given}'입니다. auto 또는 {known} 중 하나를 고르세요."
            ),
            DeviceError::BadBaud(baud) => format!("통신 속도 {baud}는 올바른 값이 아닙니다."),
            DeviceError::AutoWithBaud => "자동 감지는 프로토콜마다 정해진 통신 설정으로 시도합니다. 통신 속도를 바꾸려면 프로토콜을 직접 고르세요.".into(),
            DeviceError::NotDetected { port, tried } => format!(
                "저울 포트({port})에서 알려진 저울 프로토콜을 찾지 못했습니다 (시도한 프로토콜: {tried}). 저울이 켜져 있는지 확인하고, 프로토콜을 직접 골라 주세요. (Adam 저울은 자동 감지가 되지 않습니다.)"
            ),
            DeviceError::Scale(e) => e.message_ko(),
            DeviceError::Scanner(e) => e.message_ko(),
            DeviceError::Desk(e) => e.message_ko(),
        }
    }

    /// The JSON the UI receives for a failed command.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message_ko: self.message_ko(),
            message_en: self.to_string(),
        }
    }
}
