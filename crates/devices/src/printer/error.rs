use std::io;

#[derive(Debug, thiserror::Error)]
pub enum PrinterError {
    /// The printer did not answer, refused the connection or dropped it mid-job.
    #[error("printer {uri} is offline: {reason}")]
    Offline { uri: String, reason: String },
    #[error("invalid printer address '{input}': {reason}")]
    BadUri { input: String, reason: String },
    /// A local I/O failure that is not the printer's fault (e.g. the output folder is missing).
    #[error("printer {uri}: {source}")]
    Io {
        uri: String,
        #[source]
        source: io::Error,
    },
}

impl PrinterError {
    pub fn code(&self) -> &'static str {
        match self {
            PrinterError::Offline { .. } => "PRINTER_OFFLINE",
            PrinterError::BadUri { .. } => "PRINTER_BAD_URI",
            PrinterError::Io { .. } => "PRINTER_IO",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            PrinterError::Offline { uri, .. } => {
                format!(
                    "프린터({uri})에 연결할 수 없습니다. 전원과 네트워크 케이블을 확인해 주세요."
                )
            }
            PrinterError::BadUri { input, .. } => {
                format!("프린터 주소 '{input}'가 올바르지 않습니다. 예: tcp://192.168.0.50:9100")
            }
            PrinterError::Io { uri, source } => {
                format!("프린터({uri})로 출력하는 중 오류가 발생했습니다: {source}")
            }
        }
    }
}
