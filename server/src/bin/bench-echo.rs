//! `bench-echo`: a bare axum JSON echo server, the yardstick of `bench/load.py` (the eligibility
//! endpoint's throughput is reported as a ratio of this one's, measured in the same run). It has no
//! middleware, no database and no session: only what any axum JSON endpoint costs.

use axum::Json;
use axum::routing::post;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3901".to_owned());
    let app = axum::Router::new().route(
        "/echo",
        post(|Json(v): Json<serde_json::Value>| async move { Json(v) }),
    );
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("bench-echo listening on http://{addr}");
    axum::serve(listener, app).await?;
    Ok(())
}
