//! FASSTO's envelope and date spellings.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Seoul;
use serde_json::{Value, json};

/// `{"header":{"code":"200","msg":…,"dataCount":n},"data":…,"errorInfo":null}`.
pub fn ok(data: Value) -> Response {
    let count = match &data {
        Value::Array(items) => items.len(),
        Value::Null => 0,
        _ => 1,
    };
    let body = json!({
        "header": {"code": "200", "msg": "success", "dataCount": count},
        "data": data,
        "errorInfo": null,
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// The error envelope with HTTP `status`, `header.code` = the status, FASSTO's
/// `"null:"`-prefixed `header.msg`, and the plain message in `errorInfo`.
pub fn error(status: StatusCode, error_code: &str, message: &str) -> Response {
    let body = json!({
        "header": {"code": status.as_u16().to_string(), "msg": format!("null:{message}"), "dataCount": 0},
        "data": null,
        "errorInfo": {"errorCode": error_code, "errorMessage": message, "errorData": null},
    });
    (status, axum::Json(body)).into_response()
}

pub fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

pub fn kst_today() -> NaiveDate {
    Utc::now().with_timezone(&Seoul).date_naive()
}

/// `20260121`.
pub fn compact_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `yyyyMMddHHmmss` in Korea time (`expreDatetime`).
pub fn kst_seconds(t: DateTime<Utc>) -> String {
    t.with_timezone(&Seoul).format("%Y%m%d%H%M%S").to_string()
}

/// `yyyyMMddHHmm` in Korea time (`updTime`).
pub fn kst_minutes(t: DateTime<Utc>) -> String {
    t.with_timezone(&Seoul).format("%Y%m%d%H%M").to_string()
}

/// A refusal in the error envelope, small enough to pass around in `Result`s.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub error_code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn bad_request(message: impl Into<String>) -> Refusal {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            error_code: "BAD_REQUEST",
            message: message.into(),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        error(self.status, self.error_code, &self.message)
    }
}
