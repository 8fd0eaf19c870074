//! Building the application (database, router, static files) and serving it until SIGTERM/Ctrl-C.

use crate::config::Config;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::path::Path;
use tokio::net::TcpListener;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Shared by all handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
}

pub struct Application {
    listener: TcpListener,
    router: Router,
}

/// Request bodies larger than this are refused with 413 before they are read.
pub const BODY_LIMIT: usize = 256 * 1024;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = crate::db::connect(&config.database_url).await?;
        crate::seed::seed(&db, config.seed_demo).await?;
        let listener = TcpListener::bind(&config.bind).await?;
        let router = router(AppState { db }, &config.dist);
        Ok(Application { listener, router })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        tracing::info!("listening on http://{}", self.listener.local_addr()?);
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        tracing::info!("stopped");
        Ok(())
    }
}

pub fn router(state: AppState, dist: &Path) -> Router {
    let api = crate::routes::api()
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let app = Router::new().nest("/api", api);
    let app = if dist.join("index.html").is_file() {
        let index = ServeFile::new(dist.join("index.html"));
        app.fallback_service(
            ServeDir::new(dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index),
        )
    } else {
        tracing::warn!(dist = %dist.display(), "client not built: serving the API only (run `cargo xtask run` to build it)");
        app.fallback(|| async {
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<!doctype html><meta charset=utf-8><title>技能大师工作室管理系统</title><p>客户端尚未构建：请运行 <code>cargo xtask run</code>。API 可用：<a href=/api/health>/api/health</a></p>",
            )
        })
    };
    let h = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    app.layer(h("content-security-policy", CSP))
        .layer(h("x-content-type-options", "nosniff"))
        .layer(h("referrer-policy", "same-origin"))
        .layer(h("x-frame-options", "DENY"))
        .layer(TraceLayer::new_for_http())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received, finishing open requests");
}
