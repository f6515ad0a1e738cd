//! The URL map: OAuth under `/api/v2/oauth`, the Admin API under `/api/v2/admin`
//! behind the gate (bucket, token, scope, faults).

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};

use super::{Cafe24Sim, catalog, gate, oauth, orders, product_update, shipments, shops, wire};

pub fn router(sim: Cafe24Sim) -> Router {
    let admin = Router::new()
        .route("/orders", get(orders::list))
        .route("/orders/count", get(orders::count))
        .route("/orders/{order_id}", get(orders::get_one))
        .route(
            "/orders/{order_id}/shipments",
            get(shipments::list_for_order).post(shipments::create_for_order),
        )
        .route("/shipments", post(shipments::create_bulk))
        .route("/products", get(catalog::products))
        .route("/products/{product_no}", put(product_update::update))
        .route("/products/{product_no}/variants", get(catalog::variants))
        .route("/carriers", get(catalog::carriers))
        .route("/shops", get(shops::list))
        .fallback(not_found);
    Router::new()
        .route(
            "/api/v2/oauth/authorize",
            get(oauth::authorize).post(oauth::consent),
        )
        .route("/api/v2/oauth/token", post(oauth::token))
        .route("/api/v2/oauth/revoke", post(oauth::revoke))
        .nest("/api/v2/admin", admin)
        .fallback(not_found)
        // Layered on the outer router so the gate sees full paths (a nested
        // router only sees the part below its prefix).
        .layer(middleware::from_fn_with_state(
            sim.clone(),
            gate::admin_gate,
        ))
        .layer(middleware::from_fn_with_state(sim.clone(), count_request))
        .with_state(sim)
}

async fn count_request(State(sim): State<Cafe24Sim>, req: Request, next: Next) -> Response {
    sim.inner.stats.lock().any_request();
    next.run(req).await
}

async fn not_found() -> Response {
    wire::error(StatusCode::NOT_FOUND, "No API found. (not_found)")
}
