//! Small pieces of Cafe24's wire format shared by every endpoint: the error
//! envelope, money strings and the offset-less KST timestamps of the token endpoint.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde_json::json;

/// Korea Standard Time (no daylight saving since 1988).
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// Whole won → Cafe24 money string ("3000.00").
pub fn money(won: i64) -> String {
    format!("{won}.00")
}

/// Minor units of `currency` → Cafe24 money string: 3000 KRW → "3000.00", 1250 USD cents → "12.50".
pub fn money_in(minor: i64, currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "KRW" | "JPY" | "VND" | "TWD" => money(minor),
        _ => {
            let sign = if minor < 0 { "-" } else { "" };
            let abs = minor.unsigned_abs();
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

/// The token endpoint's timestamps: KST wall time, milliseconds, no offset.
pub fn kst_naive(t: DateTime<Utc>) -> String {
    t.with_timezone(&kst())
        .format("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string()
}

/// The KST calendar day of an instant.
pub fn kst_date(t: &DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&kst()).date_naive()
}

/// `{"error":{"code":N,"message":…}}` with status N — the documented envelope,
/// with the numeric code the live API sends.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({"error": {"code": status.as_u16(), "message": message.into()}});
    (status, axum::Json(body)).into_response()
}

/// OAuth-style token endpoint error (`{"error":"invalid_grant","error_description":…}`).
pub fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({"error": error, "error_description": description});
    (status, axum::Json(body)).into_response()
}

/// A refusal in the error envelope, small enough to pass around in `Result`s.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.status, self.message)
    }
}
