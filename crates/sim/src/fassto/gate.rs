//! What every request passes before its handler: the request log, any queued
//! fault, and — for everything but sign-in — the `accessToken` header.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use chrono::Utc;

use super::model::RecordedRequest;
use super::{Fault, FmsSim, wire};

pub async fn gate(State(sim): State<FmsSim>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    // Logged on arrival, so a request still being handled (a delay fault) is counted.
    let index = {
        let mut log = sim.inner.requests.lock();
        log.push(RecordedRequest {
            method: req.method().to_string(),
            path: path.clone(),
            status: 0,
        });
        log.len() - 1
    };
    let fault = sim.inner.faults.lock().take(&path);
    let response = match fault {
        Some(Fault::Status(code)) => fault_response(code),
        Some(Fault::ApplyThenStatus(code)) => {
            let _applied = admit(&sim, req, next).await;
            fault_response(code)
        }
        Some(Fault::Delay(d)) => {
            tokio::time::sleep(d).await;
            admit(&sim, req, next).await
        }
        None => admit(&sim, req, next).await,
    };
    if let Some(entry) = sim.inner.requests.lock().get_mut(index) {
        entry.status = response.status().as_u16();
    }
    response
}

async fn admit(sim: &FmsSim, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/api/v1/auth/connect" || !path.starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let token = req
        .headers()
        .get("accesstoken")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    let expiry = sim.inner.state.lock().tokens.get(token).copied();
    match expiry {
        None => wire::error(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", "Invalid token"),
        Some(at) if at <= Utc::now() => {
            wire::error(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", "Expired token")
        }
        Some(_) => next.run(req).await,
    }
}

fn fault_response(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let error_code = reason.to_uppercase().replace([' ', '-'], "_");
    wire::error(status, &error_code, &format!("{reason} (simulated)"))
}

/// The customer code in the path must be the account's own.
pub fn check_customer(sim: &FmsSim, cst_cd: &str) -> Result<(), wire::Refusal> {
    if cst_cd == sim.inner.cfg.cst_cd {
        Ok(())
    } else {
        Err(wire::Refusal {
            status: StatusCode::FORBIDDEN,
            error_code: "FORBIDDEN",
            message: "Access Denied".to_owned(),
        })
    }
}
