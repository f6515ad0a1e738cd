//! Everything that can go wrong talking to FASSTO FMS, with a stable code the UI
//! branches on and a Korean message for the operator. `Clone` because one failed
//! batch call is reported on every order it carried.

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FmsError {
    /// `POST /auth/connect` refused the `apiCd`/`apiKey`.
    #[error("FASSTO refused the API credentials (apiCd/apiKey): {message}")]
    AuthFailed { message: String },
    /// A fresh token was refused too: nothing more to try automatically.
    #[error("FASSTO refused the access token even after signing in again: {message}")]
    Unauthorized { message: String },
    #[error("FASSTO kept answering 'too many requests' ({attempts} attempts)")]
    RateLimited { attempts: u32 },
    /// A read kept failing with 5xx.
    #[error("FASSTO server error (HTTP {status}) after {attempts} attempts: {message}")]
    Server {
        status: u16,
        attempts: u32,
        message: String,
    },
    #[error("could not reach FASSTO: {message}")]
    Network { message: String },
    /// A write (outbound request, cancel) got a 5xx or lost its answer: FASSTO
    /// may have applied it, so it is not sent again blindly.
    #[error(
        "FASSTO may or may not have applied the change (check before sending it again): {message}"
    )]
    OutcomeUnknown { message: String },
    /// FASSTO answered and said no: a whole request (4xx / non-200 `header.code`)
    /// or one item of a batch (its own `code`/`msg`).
    #[error("FASSTO refused the request (code {code}): {message}")]
    Rejected { code: String, message: String },
    /// Caught before sending: a required field is missing or malformed.
    #[error("invalid request, not sent to FASSTO: {field} {detail}")]
    InvalidRequest { field: String, detail: String },
    #[error("unexpected answer from FASSTO: {message}")]
    Decode { message: String },
    #[error("invalid FASSTO setting {setting}: {detail}")]
    Config { setting: String, detail: String },
}

impl FmsError {
    pub fn code(&self) -> &'static str {
        match self {
            FmsError::AuthFailed { .. } => "FMS_AUTH_FAILED",
            FmsError::Unauthorized { .. } => "FMS_UNAUTHORIZED",
            FmsError::RateLimited { .. } => "FMS_RATE_LIMITED",
            FmsError::Server { .. } => "FMS_SERVER",
            FmsError::Network { .. } => "FMS_NETWORK",
            FmsError::OutcomeUnknown { .. } => "FMS_OUTCOME_UNKNOWN",
            FmsError::Rejected { .. } => "FMS_REJECTED",
            FmsError::InvalidRequest { .. } => "FMS_INVALID_REQUEST",
            FmsError::Decode { .. } => "FMS_DECODE",
            FmsError::Config { .. } => "FMS_CONFIG",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            FmsError::AuthFailed { .. } => {
                "파스토 API 인증에 실패했습니다. FMS에서 발급받은 API 코드(apiCd)와 API 키(apiKey)를 확인하세요.".into()
            }
            FmsError::Unauthorized { .. } => {
                "파스토가 접근 토큰을 거부했습니다. 잠시 후 다시 시도하고, 계속되면 API 키를 확인하세요.".into()
            }
            FmsError::RateLimited { .. } => {
                "파스토 API 호출이 너무 많습니다. 잠시 후 다시 시도하세요.".into()
            }
            FmsError::Server { status, .. } => {
                format!("파스토 서버 오류입니다 (HTTP {status}). 잠시 후 다시 시도하세요.")
            }
            FmsError::Network { .. } => {
                "파스토 서버에 연결할 수 없습니다. 인터넷 연결을 확인하세요.".into()
            }
            FmsError::OutcomeUnknown { .. } => {
                "파스토의 응답을 받지 못해 반영 여부를 알 수 없습니다. 출고 목록에서 주문번호로 확인한 뒤 다시 보내세요.".into()
            }
            FmsError::Rejected { message, .. } => {
                format!("파스토가 요청을 거부했습니다: {message}")
            }
            FmsError::InvalidRequest { field, .. } => {
                format!("{field} 값이 비어 있거나 올바르지 않아 파스토로 보내지 않았습니다.")
            }
            FmsError::Decode { .. } => "파스토 응답을 해석할 수 없습니다.".into(),
            FmsError::Config { setting, .. } => {
                format!("파스토 연결 설정({setting})이 비어 있거나 올바르지 않습니다.")
            }
        }
    }

    /// Worth trying again later without changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            FmsError::RateLimited { .. } | FmsError::Server { .. } | FmsError::Network { .. }
        )
    }

    pub(crate) fn invalid(field: impl Into<String>, detail: impl Into<String>) -> FmsError {
        FmsError::InvalidRequest {
            field: field.into(),
            detail: detail.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<FmsError> {
        let m = || "x".to_owned();
        vec![
            FmsError::AuthFailed { message: m() },
            FmsError::Unauthorized { message: m() },
            FmsError::RateLimited { attempts: 4 },
            FmsError::Server {
                status: 502,
                attempts: 4,
                message: m(),
            },
            FmsError::Network { message: m() },
            FmsError::OutcomeUnknown { message: m() },
            FmsError::Rejected {
                code: "400".into(),
                message: m(),
            },
            FmsError::invalid("custNm", "is empty"),
            FmsError::Decode { message: m() },
            FmsError::Config {
                setting: "cst_cd".into(),
                detail: m(),
            },
        ]
    }

    #[test]
    fn every_error_has_a_distinct_stable_code_and_korean_text() {
        let errors = all();
        let mut codes: Vec<&str> = errors.iter().map(FmsError::code).collect();
        for (e, code) in errors.iter().zip(&codes) {
            assert!(code.starts_with("FMS_"), "{code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            );
            let ko = e.message_ko();
            assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
            assert!(!e.to_string().is_empty());
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
    }

    #[test]
    fn only_passing_trouble_is_transient() {
        assert!(
            FmsError::Network {
                message: "x".into()
            }
            .is_transient()
        );
        assert!(
            !FmsError::OutcomeUnknown {
                message: "x".into()
            }
            .is_transient()
        );
        assert!(
            !FmsError::AuthFailed {
                message: "x".into()
            }
            .is_transient()
        );
    }
}
