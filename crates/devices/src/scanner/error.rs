#[derive(Debug, thiserror::Error)]
pub enum ScannerError {
    #[error("cannot open scanner port {path}: {reason}")]
    Open { path: String, reason: String },
}

impl ScannerError {
    pub fn code(&self) -> &'static str {
        match self {
            ScannerError::Open { .. } => "SCANNER_OPEN_FAILED",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            ScannerError::Open { path, reason } => format!(
                "스캐너 포트({path})를 열 수 없습니다: {reason}. 스캐너가 USB 가상 COM(CDC-ACM) 모드인지, 다른 프로그램이 포트를 쓰고 있지 않은지 확인해 주세요."
            ),
        }
    }
}
