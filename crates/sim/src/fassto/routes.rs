//! The URL map (reference §1.3), behind the gate (log, faults, token).

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, patch, post};

use super::{FmsSim, auth, catalog, gate, outbound, wire};

pub fn router(sim: FmsSim) -> Router {
    Router::new()
        .route("/api/v1/auth/connect", post(auth::connect))
        .route("/api/v1/auth/disconnect", get(auth::disconnect))
        .route("/api/v1/delivery/parcel/{cst_cd}", post(outbound::register))
        .route("/api/v1/delivery/cancel/{cst_cd}", patch(outbound::cancel))
        .route(
            "/api/v1/delivery/detail/{cst_cd}/{slip_no}",
            get(outbound::detail),
        )
        .route(
            "/api/v1/delivery/{cst_cd}/{start}/{end}/{status}/{out_div}",
            get(outbound::list),
        )
        .route("/api/v1/goods/{cst_cd}", get(catalog::goods))
        .route("/api/v1/stock/list/{cst_cd}", get(catalog::stock))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(sim.clone(), gate::gate))
        .with_state(sim)
}

async fn not_found() -> Response {
    wire::error(StatusCode::NOT_FOUND, "NOT_FOUND", "No API found")
}
