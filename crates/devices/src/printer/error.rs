use std::io;

#[derive(Debug, thiserror::Error)]
pub enum PrinterError {
    /// The printer (or the spooler in front of it) did not answer, refused the connection,
    /// vanished or dropped it mid-job. `sent` is how many bytes of the current job the transport
    /// had accepted when it failed, when known (see [`PrinterError::bytes_sent`]).
    #[error("printer {uri} is offline{}: {reason}", sent_note(*.sent))]
    Offline {
        uri: String,
        reason: String,
        sent: Option<u64>,
    },
    #[error("invalid printer address '{input}': {reason}")]
    BadUri { input: String, reason: String },
    /// A local I/O failure that is not the printer's fault (e.g. the output folder is missing).
    #[error("printer {uri}: {source}")]
    Io {
        uri: String,
        #[source]
        source: io::Error,
    },
    /// The OS will not let this user open the device or queue (device permissions, usblp
    /// group, a spooler that wants authentication).
    #[error("no permission to use printer {uri}: {reason}")]
    AccessDenied { uri: String, reason: String },
    /// The spooler has no queue by that name.
    #[error("printer {uri}: the print queue does not exist")]
    QueueNotFound { uri: String },
    /// `spooler://` was asked for, but the OS has no spooler client (`lp` from CUPS).
    #[error("printer {uri}: no print spooler is installed ({reason})")]
    SpoolerMissing { uri: String, reason: String },
    /// The spooler refused the job for a reason other than the ones above.
    #[error("printer {uri}: the spooler refused the job: {reason}")]
    SpoolerRejected { uri: String, reason: String },
    /// The device was found but cannot be printed to this way (a USB device with no printer
    /// interface, a transport this OS does not have).
    #[error("printer {uri} cannot be used: {reason}")]
    Unsupported { uri: String, reason: String },
}

/// `Offline` for `uri`; `sent` as in [`PrinterError::bytes_sent`].
pub(super) fn offline(
    uri: &super::PrinterUri,
    reason: impl std::fmt::Display,
    sent: Option<u64>,
) -> PrinterError {
    PrinterError::Offline {
        uri: uri.to_string(),
        reason: reason.to_string(),
        sent,
    }
}

fn sent_note(sent: Option<u64>) -> String {
    match sent {
        // "The data being sent" is one label, or one whole document (a PDF): earlier labels of
        // the same batch did reach the printer, so "this job" would read as if none did.
        Some(0) => " (none of the data being sent reached it)".to_owned(),
        Some(n) => format!(" after {n} bytes of the data being sent"),
        None => String::new(),
    }
}

impl PrinterError {
    pub fn code(&self) -> &'static str {
        match self {
            PrinterError::Offline { .. } => "PRINTER_OFFLINE",
            PrinterError::BadUri { .. } => "PRINTER_BAD_URI",
            PrinterError::Io { .. } => "PRINTER_IO",
            PrinterError::AccessDenied { .. } => "PRINTER_ACCESS_DENIED",
            PrinterError::QueueNotFound { .. } => "PRINTER_QUEUE_NOT_FOUND",
            PrinterError::SpoolerMissing { .. } => "PRINTER_SPOOLER_MISSING",
            PrinterError::SpoolerRejected { .. } => "PRINTER_SPOOLER_REJECTED",
            PrinterError::Unsupported { .. } => "PRINTER_UNSUPPORTED",
        }
    }

    /// For [`PrinterError::Offline`]: bytes of the current job (this connection) the transport
    /// had accepted before it failed. `Some(0)` means none; a spooler job that failed is always
    /// `Some(0)`, since a spooler prints nothing of a job it did not take whole. For TCP, serial
    /// and USB the count is what the OS took, an upper bound on what the printer received.
    pub fn bytes_sent(&self) -> Option<u64> {
        match self {
            PrinterError::Offline { sent, .. } => *sent,
            _ => None,
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            PrinterError::Offline { uri, sent, .. } => {
                let hint = offline_hint_ko(uri);
                let progress = match sent {
                    Some(n) if *n > 0 => " 출력 중이던 작업은 일부만 전송되었습니다.",
                    _ => "",
                };
                format!("프린터({uri})에 연결할 수 없습니다. {hint}{progress}")
            }
            PrinterError::BadUri { input, .. } => format!(
                "프린터 주소 '{input}'가 올바르지 않습니다. 예: tcp://192.168.0.50:9100, \
                 serial:///dev/ttyUSB0?baud=9600, usb://0a5f:0166, spooler://프린터이름"
            ),
            PrinterError::Io { uri, source } => {
                format!("프린터({uri})로 출력하는 중 오류가 발생했습니다: {source}")
            }
            PrinterError::AccessDenied { uri, .. } => format!(
                "프린터({uri})를 사용할 권한이 없습니다. 이 사용자를 lp/dialout 그룹에 추가하거나 \
                 관리자에게 장치 권한을 요청해 주세요."
            ),
            PrinterError::QueueNotFound { uri } => format!(
                "인쇄 대기열({uri})이 없습니다. 프린터 목록을 새로 고쳐 이름을 다시 선택해 주세요."
            ),
            PrinterError::SpoolerMissing { uri, .. } => format!(
                "프린터({uri})로 보낼 인쇄 시스템(CUPS)이 설치되어 있지 않습니다. \
                 cups 패키지를 설치하거나 다른 연결 방식을 선택해 주세요."
            ),
            PrinterError::SpoolerRejected { uri, reason } => {
                format!("인쇄 대기열({uri})이 작업을 거부했습니다: {reason}")
            }
            PrinterError::Unsupported { uri, reason } => {
                format!("프린터({uri})를 이 방식으로 사용할 수 없습니다: {reason}")
            }
        }
    }
}

/// What the operator should check, by transport.
fn offline_hint_ko(uri: &str) -> &'static str {
    if uri.starts_with("tcp://") {
        "전원과 네트워크 케이블을 확인해 주세요."
    } else if uri.starts_with("serial://") {
        "전원과 시리얼(USB 변환) 케이블, 통신 속도를 확인해 주세요."
    } else if uri.starts_with("usb://") {
        "전원과 USB 케이블을 확인해 주세요."
    } else if uri.starts_with("spooler://") {
        "인쇄 대기열(CUPS/Windows 스풀러)이 실행 중이고 작업을 받는지 확인해 주세요."
    } else {
        "전원과 케이블을 확인해 주세요."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_names_the_bytes_sent() {
        let err = PrinterError::Offline {
            uri: "serial:///dev/ttyUSB0?baud=9600".into(),
            reason: "Input/output error".into(),
            sent: Some(1234),
        };
        assert_eq!(err.code(), "PRINTER_OFFLINE");
        assert_eq!(err.bytes_sent(), Some(1234));
        assert!(err.to_string().contains("after 1234 bytes"), "{err}");
        assert!(err.message_ko().contains("시리얼"), "{}", err.message_ko());
        assert!(err.message_ko().contains("일부만"));
        let none = PrinterError::Offline {
            uri: "spooler://Q".into(),
            reason: "scheduler is not running".into(),
            sent: Some(0),
        };
        assert!(
            none.to_string().contains("none of the data being sent"),
            "{none}"
        );
        assert!(none.message_ko().contains("인쇄 대기열"));
        assert!(!none.message_ko().contains("일부만"));
    }

    #[test]
    fn every_variant_has_a_code_and_korean_message() {
        let uri = || "usb://0a5f:0166".to_owned();
        let all = [
            PrinterError::AccessDenied {
                uri: uri(),
                reason: "x".into(),
            },
            PrinterError::QueueNotFound { uri: uri() },
            PrinterError::SpoolerMissing {
                uri: uri(),
                reason: "x".into(),
            },
            PrinterError::SpoolerRejected {
                uri: uri(),
                reason: "x".into(),
            },
            PrinterError::Unsupported {
                uri: uri(),
                reason: "x".into(),
            },
        ];
        for err in all {
            assert!(err.code().starts_with("PRINTER_"));
            assert!(err.message_ko().contains("0a5f:0166"));
            assert_eq!(err.bytes_sent(), None);
        }
    }
}
