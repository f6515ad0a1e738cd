//! What every Admin API call passes before its handler: the leaky bucket and
//! usage quota, the Bearer token, the endpoint's scope, and any queued fault.
//! Every admin response leaves with `X-Api-Call-Limit` (and usage headers).

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::limiter::LimitReport;
use super::wire::ApiError;
use super::{Cafe24Sim, Fault, wire};

pub async fn admin_gate(State(sim): State<Cafe24Sim>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if !path.starts_with("/api/v2/admin/") {
        return next.run(req).await;
    }
    let now = Instant::now();
    let method = req.method().clone();
    let pattern = path_pattern(&path);
    sim.inner
        .stats
        .lock()
        .admin_request(format!("{method} {pattern}"), now);
    let fault = sim.inner.faults.lock().take(&path);

    let report = match fault {
        Some(Fault::RateLimited { remain_secs }) => {
            let mut limiter = sim.inner.limiter.lock();
            LimitReport {
                admitted: false,
                level: limiter.level(now).ceil() as u32,
                capacity: sim.inner.cfg.bucket_capacity,
                usage_percent: Some(120.0),
                remain_secs: Some(remain_secs),
            }
        }
        Some(Fault::BucketFull) => LimitReport {
            admitted: false,
            level: sim.inner.cfg.bucket_capacity,
            capacity: sim.inner.cfg.bucket_capacity,
            usage_percent: sim.inner.cfg.call_quota.map(|_| 1.0),
            remain_secs: None,
        },
        _ => sim.inner.limiter.lock().admit(now),
    };

    let mut response = if !report.admitted {
        wire::error(
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests. (too_many_requests)",
        )
    } else if let Err(denied) = check_token(&sim, req.headers(), required_scope(&method, &pattern))
    {
        denied.into_response()
    } else {
        match fault {
            Some(Fault::Status(code)) => fault_response(code),
            Some(Fault::ApplyThenStatus(code)) => {
                let _applied = next.run(req).await;
                fault_response(code)
            }
            Some(Fault::Delay(d)) => {
                tokio::time::sleep(d).await;
                next.run(req).await
            }
            _ => next.run(req).await,
        }
    };
    decorate(response.headers_mut(), &report);
    sim.inner
        .stats
        .lock()
        .admin_response(response.status().as_u16(), report.level);
    response
}

fn fault_response(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    wire::error(status, format!("{reason}. (simulated)"))
}

fn decorate(headers: &mut HeaderMap, report: &LimitReport) {
    let mut put = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    };
    put(
        "x-api-call-limit",
        format!("{}/{}", report.level, report.capacity),
    );
    if let Some(usage) = report.usage_percent {
        put("x-cafe24-call-usage", format!("{usage:.2}"));
        put("x-cafe24-time-usage", "0.01".to_owned());
    }
    if let Some(remain) = report.remain_secs {
        put("x-cafe24-call-remain", remain.to_string());
    }
}

fn check_token(sim: &Cafe24Sim, headers: &HeaderMap, scope: Option<&str>) -> Result<(), ApiError> {
    let unauthorized = |m: &str| ApiError::new(StatusCode::UNAUTHORIZED, m);
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| unauthorized("Invalid access_token. (invalid_token)"))?;
    let grant = sim
        .read(|s| s.access_tokens.get(token).cloned())
        .ok_or_else(|| unauthorized("Invalid access_token. (invalid_token)"))?;
    if grant.expires_at <= Utc::now() {
        return Err(unauthorized("access_token time expired. (invalid_token)"));
    }
    match scope {
        Some(needed) if !grant.scopes.iter().any(|s| s == needed) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("[{needed}] scope is required. (insufficient_scope)"),
        )),
        _ => Ok(()),
    }
}

/// The scope Cafe24 requires for each endpoint (reference §1.4).
fn required_scope(method: &Method, pattern: &str) -> Option<&'static str> {
    let resource = pattern
        .strip_prefix("/api/v2/admin/")
        .and_then(|p| p.split('/').next())
        .unwrap_or("");
    let write = *method != Method::GET;
    match (resource, write) {
        ("orders" | "shipments", false) => Some("mall.read_order"),
        ("orders" | "shipments", true) => Some("mall.write_order"),
        ("products", false) => Some("mall.read_product"),
        ("products", true) => Some("mall.write_product"),
        ("carriers", false) => Some("mall.read_shipping"),
        ("carriers", true) => Some("mall.write_shipping"),
        ("shops", _) => Some("mall.read_store"),
        _ => None,
    }
}

/// `/api/v2/admin/orders/20250314-0000123/shipments` → `/api/v2/admin/orders/{order_id}/shipments`,
/// so statistics group calls by endpoint.
pub fn path_pattern(path: &str) -> String {
    let mut out = Vec::new();
    let mut previous = "";
    for segment in path.split('/') {
        let replaced = match previous {
            "orders" if segment != "count" => "{order_id}",
            "products" if segment != "count" => "{product_no}",
            "variants" => "{variant_code}",
            "shipments" if previous_is_order(&out) => "{shipping_code}",
            _ => segment,
        };
        out.push(replaced.to_owned());
        previous = segment;
    }
    out.join("/")
}

fn previous_is_order(out: &[String]) -> bool {
    out.len() >= 2 && out[out.len() - 2] == "{order_id}"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_patterns_group_by_endpoint() {
        assert_eq!(path_pattern("/api/v2/admin/orders"), "/api/v2/admin/orders");
        assert_eq!(
            path_pattern("/api/v2/admin/orders/count"),
            "/api/v2/admin/orders/count"
        );
        assert_eq!(
            path_pattern("/api/v2/admin/orders/20250314-0000123/shipments"),
            "/api/v2/admin/orders/{order_id}/shipments"
        );
        assert_eq!(
            path_pattern("/api/v2/admin/shipments"),
            "/api/v2/admin/shipments"
        );
        assert_eq!(
            path_pattern("/api/v2/admin/products/12/variants"),
            "/api/v2/admin/products/{product_no}/variants"
        );
    }

    #[test]
    fn shipments_need_write_order() {
        assert_eq!(
            required_scope(&Method::POST, "/api/v2/admin/shipments"),
            Some("mall.write_order")
        );
        assert_eq!(
            required_scope(&Method::GET, "/api/v2/admin/orders/{order_id}/shipments"),
            Some("mall.read_order")
        );
        assert_eq!(
            required_scope(&Method::GET, "/api/v2/admin/carriers"),
            Some("mall.read_shipping")
        );
    }
}
