//! Cafe24's error bodies: the Admin API's `{"error":{"code":…,"message":…}}`
//! (code a number or a string) and OAuth's `{"error":"…","error_description":"…"}`.

use serde_json::Value;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ErrorEnvelope {
    pub code: Option<String>,
    pub message: Option<String>,
}

impl ErrorEnvelope {
    pub fn parse(body: &[u8]) -> ErrorEnvelope {
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            return ErrorEnvelope::default();
        };
        match value.get("error") {
            Some(Value::Object(e)) => ErrorEnvelope {
                code: e.get("code").and_then(scalar),
                message: e.get("message").and_then(scalar),
            },
            Some(Value::String(code)) => ErrorEnvelope {
                code: Some(code.clone()),
                message: value
                    .get("error_description")
                    .and_then(scalar)
                    .or_else(|| Some(code.clone())),
            },
            _ => ErrorEnvelope::default(),
        }
    }

    /// The message, or a generic one naming the status. The raw body is never
    /// used: it may hold personal data.
    pub fn message_or(&self, status: u16) -> String {
        self.message
            .clone()
            .unwrap_or_else(|| format!("HTTP {status} without an error message"))
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_string_codes() {
        let e = ErrorEnvelope::parse(
            br#"{"error":{"code":401,"message":"access_token time expired. (invalid_token)"}}"#,
        );
        assert_eq!(e.code.as_deref(), Some("401"));
        assert_eq!(
            e.message.as_deref(),
            Some("access_token time expired. (invalid_token)")
        );
        let e = ErrorEnvelope::parse(
            br#"{"error":{"code":"error code","message":"m","more_info":{}}}"#,
        );
        assert_eq!(e.code.as_deref(), Some("error code"));
        let e = ErrorEnvelope::parse(br#"{"error":"invalid_grant","error_description":"expired"}"#);
        assert_eq!(
            (e.code.as_deref(), e.message.as_deref()),
            (Some("invalid_grant"), Some("expired"))
        );
        assert_eq!(
            ErrorEnvelope::parse(b"<html>").message_or(502),
            "HTTP 502 without an error message"
        );
    }
}
