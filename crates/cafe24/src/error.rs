//! Everything that can go wrong talking to Cafe24, with a stable code the UI
//! branches on and a Korean message for the operator.

use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum Cafe24Error {
    #[error("Cafe24 kept answering 429 Too Many Requests ({attempts} attempts)")]
    RateLimited { attempts: u32 },
    #[error("the Cafe24 connection must be authorised again: {reason}")]
    ReconnectRequired { reason: String },
    #[error("Cafe24 rejected the access token: {message}")]
    Unauthorized { message: String },
    #[error("the app lacks a Cafe24 permission: {message}")]
    InsufficientScope { message: String },
    #[error("Cafe24 rejected the app's client id or secret: {message}")]
    ClientRejected { message: String },
    #[error("Cafe24 rejected the authorization code: {message}")]
    AuthCodeRejected { message: String },
    #[error("Cafe24 refused the request (HTTP {status}): {message}")]
    InvalidRequest { status: u16, message: String },
    #[error("invalid request: {message}")]
    BadQuery { message: String },
    #[error("not found on Cafe24: {message}")]
    NotFound { message: String },
    #[error("Cafe24 answered HTTP {status}: {message}")]
    Http {
        status: u16,
        code: Option<String>,
        message: String,
    },
    #[error("could not reach Cafe24: {message}")]
    Network { message: String },
    #[error("Cafe24 may or may not have applied the change (verify before retrying): {message}")]
    OutcomeUnknown { message: String },
    #[error("unexpected answer from Cafe24: {message}")]
    Decode { message: String },
    #[error("{count} orders on {day} are more than Cafe24 lets one query page through ({max})")]
    WindowTooLarge {
        day: NaiveDate,
        count: u64,
        max: u64,
    },
    #[error("invalid Cafe24 settings: {message}")]
    Config { message: String },
}

impl Cafe24Error {
    pub fn code(&self) -> &'static str {
        match self {
            Cafe24Error::RateLimited { .. } => "CAFE24_RATE_LIMITED",
            Cafe24Error::ReconnectRequired { .. } => "CAFE24_RECONNECT_REQUIRED",
            Cafe24Error::Unauthorized { .. } => "CAFE24_UNAUTHORIZED",
            Cafe24Error::InsufficientScope { .. } => "CAFE24_INSUFFICIENT_SCOPE",
            Cafe24Error::ClientRejected { .. } => "CAFE24_CLIENT_REJECTED",
            Cafe24Error::AuthCodeRejected { .. } => "CAFE24_AUTH_CODE_REJECTED",
            Cafe24Error::InvalidRequest { .. } | Cafe24Error::BadQuery { .. } => {
                "CAFE24_INVALID_REQUEST"
            }
            Cafe24Error::NotFound { .. } => "CAFE24_NOT_FOUND",
            Cafe24Error::Http { .. } => "CAFE24_HTTP",
            Cafe24Error::Network { .. } => "CAFE24_NETWORK",
            Cafe24Error::OutcomeUnknown { .. } => "CAFE24_OUTCOME_UNKNOWN",
            Cafe24Error::Decode { .. } => "CAFE24_DECODE",
            Cafe24Error::WindowTooLarge { .. } => "CAFE24_WINDOW_TOO_LARGE",
            Cafe24Error::Config { .. } => "CAFE24_CONFIG",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Cafe24Error::RateLimited { .. } => {
                "카페24 API 호출 한도를 초과했습니다. 잠시 후 다시 시도하세요.".into()
            }
            Cafe24Error::ReconnectRequired { .. } => {
                "카페24 연결이 만료되었습니다. 쇼핑몰을 다시 연결해 주세요.".into()
            }
            Cafe24Error::Unauthorized { message } => {
                format!("카페24 인증에 실패했습니다: {message}")
            }
            Cafe24Error::InsufficientScope { message } => {
                format!("카페24 앱 권한이 부족합니다. 권한을 추가해 다시 연결해 주세요: {message}")
            }
            Cafe24Error::ClientRejected { .. } => {
                "카페24 앱의 Client ID 또는 Client Secret이 올바르지 않습니다.".into()
            }
            Cafe24Error::AuthCodeRejected { .. } => {
                "카페24 인증 코드가 만료되었거나 이미 사용되었습니다. 다시 연결해 주세요.".into()
            }
            Cafe24Error::InvalidRequest { message, .. } | Cafe24Error::BadQuery { message } => {
                format!("카페24가 요청을 거부했습니다: {message}")
            }
            Cafe24Error::NotFound { message } => {
                format!("카페24에서 찾을 수 없습니다: {message}")
            }
            Cafe24Error::Http {
                status, message, ..
            } => {
                format!("카페24 서버 오류입니다 (HTTP {status}): {message}")
            }
            Cafe24Error::Network { .. } => {
                "카페24에 연결할 수 없습니다. 인터넷 연결을 확인하세요.".into()
            }
            Cafe24Error::OutcomeUnknown { .. } => {
                "카페24의 응답을 받지 못해 반영 여부를 알 수 없습니다. 확인 후 다시 시도합니다."
                    .into()
            }
            Cafe24Error::Decode { .. } => "카페24 응답을 해석할 수 없습니다.".into(),
            Cafe24Error::WindowTooLarge { day, count, .. } => format!(
                "{day} 하루 주문이 {count}건으로, 카페24에서 한 번에 조회할 수 있는 범위를 넘습니다. 주문상태 조건을 좁혀 주세요."
            ),
            Cafe24Error::Config { message } => {
                format!("카페24 설정이 올바르지 않습니다: {message}")
            }
        }
    }

    /// Worth trying again later without changing anything.
    pub fn is_transient(&self) -> bool {
        match self {
            Cafe24Error::RateLimited { .. } | Cafe24Error::Network { .. } => true,
            Cafe24Error::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_screaming_snake() {
        let all = [
            Cafe24Error::RateLimited { attempts: 3 },
            Cafe24Error::ReconnectRequired { reason: "x".into() },
            Cafe24Error::InsufficientScope {
                message: "x".into(),
            },
            Cafe24Error::WindowTooLarge {
                day: NaiveDate::MIN,
                count: 1,
                max: 1,
            },
        ];
        for e in &all {
            assert!(e.code().starts_with("CAFE24_"));
            assert!(
                e.code()
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            );
            assert!(!e.message_ko().is_empty());
        }
        assert_eq!(all[1].code(), "CAFE24_RECONNECT_REQUIRED");
    }
}
