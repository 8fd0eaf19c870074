//! Building the application (database, router, static files) and serving it until SIGTERM/Ctrl-C.

use crate::config::Config;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Mutex;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use crate::state::AppState;

pub struct Application {
    listener: TcpListener,
    router: Router,
}

/// Client routes served with the public bundle (no back office in it).
pub const PUBLIC_PAGES: &[&str] = &["/", "/self-check", "/notice"];

/// Client routes served with the other bundles (the client's `routed_here` splits alike): the
/// expert's tablet, the applicant's editor, the selection procedure, administration and the
/// dashboard. Every other page loads the office's core (`index.html`).
pub const BUNDLE_PAGES: &[(&str, &str)] = &[
    ("/scoring", "tablet.html"),
    ("/scoring/{*rest}", "tablet.html"),
    ("/applications/new", "applicant.html"),
    ("/applications/{id}/edit", "applicant.html"),
    ("/board", "selection.html"),
    ("/panels", "selection.html"),
    ("/panels/{*rest}", "selection.html"),
    ("/experts", "selection.html"),
    ("/admin/{*rest}", "admin.html"),
    ("/dashboard", "dashboard.html"),
];

/// Request bodies larger than this are refused with 413 before they are read.
pub const BODY_LIMIT: usize = 256 * 1024;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        if config.test_clock_start.is_some() && !config.test_clock {
            anyhow::bail!("--test-clock-start (TEST_CLOCK_START) needs --test-clock true");
        }
        if config.test_clock {
            tracing::warn!(
                "--test-clock: POST /api/test/clock can move this server's clock forward; never use this in production"
            );
            let offset = match config.test_clock_start {
                Some(day) => {
                    crate::clock::Offset::starting_at(crate::clock::Offset::day_start(day))
                }
                None => crate::clock::Offset::default(),
            };
            let clock = offset.clock();
            let mut app = Self::build_with_clock(config, clock).await?;
            app.router = app.router.route(
                "/api/test/clock",
                axum::routing::post(move |axum::Json(body): axum::Json<serde_json::Value>| {
                    let offset = offset.clone();
                    async move {
                        let days = body["advance_days"].as_i64().unwrap_or(0).clamp(0, 3660);
                        let total = offset.advance(chrono::Duration::days(days));
                        axum::Json(serde_json::json!({ "offset_seconds": total }))
                    }
                }),
            );
            return Ok(app);
        }
        Self::build_with_clock(config, crate::clock::system()).await
    }

    /// As [`Application::build`], with a clock the caller controls (tests).
    pub async fn build_with_clock(
        config: Config,
        clock: crate::clock::Clock,
    ) -> anyhow::Result<Self> {
        let db = crate::db::connect(&config.database_url).await?;
        let sqlite = db.get_database_backend() == sea_orm::DbBackend::Sqlite;
        let state = AppState {
            db,
            clock,
            sqlite_writer: sqlite.then(|| Arc::new(Mutex::new(()))),
            secure_cookies: config.secure_cookies,
            trusted_proxies: Arc::new(config.trusted_proxy.clone()),
            uploads: config.upload_dir.clone(),
        };
        std::fs::create_dir_all(&state.uploads).map_err(|e| {
            anyhow::anyhow!(
                "cannot create the upload directory {}: {e} (set UPLOAD_DIR or --upload-dir)",
                state.uploads.display()
            )
        })?;
        spawn_chainer(state.clone());
        if let Some(n) = crate::life::service::keep_reminders(&state.db).await?
            && n > 0
        {
            tracing::info!("rebuilt {n} reminder windows of the studios");
        }
        // Before the first request: a digest's ordered scan does not step over ended windows.
        crate::life::service::prune_reminders(&state.db, state.today()).await?;
        let seeded = crate::seed::seed(&state, config.seed_demo, config.demo_money).await?;
        spawn_pruner(state.clone());
        let router = router(state.clone(), &config.dist);
        if let Some(seeded) = &seeded
            && config.demo_round
        {
            crate::seed::in_flight_round(&state, router.clone(), seeded).await?;
        }
        if config.seed_demo {
            println!(
                "Demo data as of {} (password {}):",
                state.today(),
                crate::seed::DEMO_PASSWORD
            );
            let (units, offices): (Vec<_>, Vec<_>) = crate::seed::demo_logins()
                .into_iter()
                .partition(|(_, _, role)| *role == shared::account::Role::Applicant);
            for (username, who, _) in offices {
                println!("  {username:<14} {who}");
            }
            let names: Vec<&str> = units.iter().map(|(u, _, _)| *u).collect();
            println!("  applicants (a unit's contact each): {}", names.join(", "));
        }
        let listener = TcpListener::bind(&config.bind).await.map_err(|e| {
            anyhow::anyhow!(
                "cannot listen on {}: {e} (set BIND_ADDR or --bind to another address)",
                config.bind
            )
        })?;
        Ok(Application { listener, router })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        tracing::info!("listening on http://{}", self.listener.local_addr()?);
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The JSON API: every domain's routes, each added by its description in `shared::api`.
pub fn api() -> Router<AppState> {
    use crate::error::ApiError;
    crate::public::http::routes()
        .merge(crate::accounts::http::routes())
        .merge(crate::admin::http::routes())
        .merge(crate::applications::http::routes())
        .merge(crate::procedure::http::routes())
        .merge(crate::panels::http::routes())
        .merge(crate::scoring::http::routes())
        .merge(crate::ledger::http::routes())
        .merge(crate::dashboard::http::routes())
        .merge(crate::life::http::routes())
        .merge(crate::studios::http::routes())
        .merge(crate::digest::http::routes())
        .merge(crate::imports::http::routes())
        .into_router()
        .route(
            "/openapi.json",
            axum::routing::get(|| async { axum::Json(crate::web::openapi::document()) }),
        )
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
}

pub fn router(state: AppState, dist: &Path) -> Router {
    let api = api()
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let app = Router::new().nest("/api", api);
    let app = if dist.join("index.html").is_file() {
        // Public pages load the small public bundle; every other path the full app (SPA fallback).
        let public = match dist.join("public.html") {
            p if p.is_file() => p,
            _ => dist.join("index.html"),
        };
        let app = PUBLIC_PAGES.iter().fold(app, |app, path| {
            app.route_service(path, ServeFile::new(&public))
        });
        let app = BUNDLE_PAGES
            .iter()
            .fold(app, |app, (path, page)| match dist.join(page) {
                p if p.is_file() => app.route_service(path, ServeFile::new(p)),
                _ => app,
            });
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

/// Links the audit entries the tablets' sync leaves waiting, a few times a second (any process
/// may: whoever holds the chain's head links them; readers of the trail link them first too).
/// Hourly (and once at start, before serving): the reminder windows that ended are dropped, so a
/// digest's ordered scan does not step over them.
fn spawn_pruner(state: AppState) {
    tokio::spawn(async move {
        let hour = std::time::Duration::from_secs(3600);
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
        loop {
            tick.tick().await;
            if let Err(e) = crate::life::service::prune_reminders(&state.db, state.today()).await {
                tracing::warn!(error = %e, "pruning ended reminder windows failed; retrying");
            }
        }
    });
}

fn spawn_chainer(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(250));
        loop {
            tick.tick().await;
            if let Err(e) = state.chain_audit().await {
                tracing::warn!(error = %e, "linking pending audit entries failed; retrying");
            }
        }
    });
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
