//! FASSTO's response envelope (reference §1.2):
//! `{"header":{"code":"200","msg":…,"dataCount":…},"data":…,"errorInfo":{errorCode,errorMessage,errorData}}`.
//! Success is `header.code == "200"`; each item of a batch result carries its own
//! `code`/`msg` too.

use serde::Deserialize;
use serde_json::Value;

use crate::de;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Envelope {
    #[serde(default)]
    pub header: Option<Header>,
    #[serde(default)]
    pub data: Value,
    #[serde(default, rename = "errorInfo")]
    pub error_info: Option<ErrorInfo>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Header {
    #[serde(default, deserialize_with = "de::opt_string")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub msg: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorInfo {
    #[serde(default, deserialize_with = "de::opt_string")]
    pub error_code: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub error_message: Option<String>,
}

impl Envelope {
    /// `None` when the body is not a JSON object (an HTML error page, a proxy's text).
    pub fn parse(body: &[u8]) -> Option<Envelope> {
        match serde_json::from_slice::<Value>(body) {
            Ok(v @ Value::Object(_)) => serde_json::from_value(v).ok(),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        self.header.as_ref().and_then(|h| h.code.as_deref())
    }

    pub fn is_success(&self) -> bool {
        self.code() == Some("200")
    }

    /// `header.code` as an HTTP-like number ("401" → 401), for envelopes that
    /// report failure inside an HTTP 200.
    pub fn code_number(&self) -> Option<u16> {
        self.code().and_then(|c| c.parse().ok())
    }

    /// The most specific message FASSTO gave: `errorInfo.errorMessage`, else a
    /// failing header's `msg`.
    pub fn message(&self) -> Option<String> {
        let from_error = self
            .error_info
            .as_ref()
            .and_then(|e| e.error_message.as_deref())
            .and_then(normalize_message);
        from_error.or_else(|| {
            if self.is_success() {
                None
            } else {
                self.header
                    .as_ref()
                    .and_then(|h| h.msg.as_deref())
                    .and_then(normalize_message)
            }
        })
    }

    /// FASSTO's own error code (`errorInfo.errorCode`, else `header.code`).
    pub fn error_code(&self) -> Option<String> {
        self.error_info
            .as_ref()
            .and_then(|e| e.error_code.clone())
            .or_else(|| self.code().map(str::to_owned))
    }
}

/// FASSTO prefixes some messages with `"null:"` and sends the literal `"null"`
/// for none (reference §1.2); both are noise.
pub(crate) fn normalize_message(message: &str) -> Option<String> {
    let trimmed = message.trim();
    // `get` rather than slicing: a Korean message has no char boundary at byte 5.
    let stripped = match (trimmed.get(..5), trimmed.get(5..)) {
        (Some(prefix), Some(rest)) if prefix.eq_ignore_ascii_case("null:") => rest.trim(),
        _ => trimmed,
    };
    if stripped.is_empty() || stripped.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(stripped.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_success_and_error_envelopes() {
        let ok = Envelope::parse(
            br#"{"header":{"code":"200","msg":"success","dataCount":1},"data":[{"a":1}],"errorInfo":null}"#,
        )
        .unwrap();
        assert!(ok.is_success());
        assert_eq!(ok.message(), None);
        assert!(ok.data.is_array());

        let bad = Envelope::parse(
            br#"{"header":{"code":401,"msg":"null:Invalid token"},"data":null,"errorInfo":{"errorCode":"UNAUTHORIZED","errorMessage":null}}"#,
        )
        .unwrap();
        assert!(!bad.is_success());
        assert_eq!(bad.code_number(), Some(401));
        assert_eq!(bad.message().as_deref(), Some("Invalid token"));
        assert_eq!(bad.error_code().as_deref(), Some("UNAUTHORIZED"));
    }

    #[test]
    fn non_json_bodies_are_not_envelopes() {
        assert!(Envelope::parse(b"<html>502 Bad Gateway</html>").is_none());
        assert!(Envelope::parse(b"[1,2]").is_none());
    }

    #[test]
    fn null_prefixes_are_stripped() {
        assert_eq!(
            normalize_message("null: 재고 부족").as_deref(),
            Some("재고 부족")
        );
        assert_eq!(normalize_message("NULL"), None);
        assert_eq!(normalize_message("  "), None);
        assert_eq!(
            normalize_message("출고요청 등록 성공").as_deref(),
            Some("출고요청 등록 성공")
        );
    }
}
