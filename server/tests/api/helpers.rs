//! `spawn_app()`: the real server on port 0 with a fresh database per test — an SQLite file in a
//! temporary directory, or a new PostgreSQL database when `TEST_DATABASE_URL` is `postgres://…`.
//! Also signed-in sessions (`app.login`), a clock tests can move, applications, and direct
//! database access.

mod application;
mod clock;
mod session;
mod typed;

pub use application::{
    ENTERPRISE_CONTACTS, facts, id, id_number, new_application, profile, profile_born, version,
};
pub use clock::TestClock;
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use server::config::Config;
use server::startup::Application;
pub use session::{Auth, Session, set_cookie};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Marker written into the test client's `index.html`.
pub const INDEX_MARKER: &str = "test-client-index-7f3a";
/// Contents of the test client's `app.js`.
pub const APP_JS: &str = "console.log(\"test-client-app-js-7f3a\");\n";

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo-2026-studio";

pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    pub client: reqwest::Client,
    /// The database the server uses, for tests that reach behind the API.
    pub database_url: String,
    _guard: Vec<TempDir>,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET request failed")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .json(body)
            .send()
            .await
            .expect("POST request failed")
    }

    /// A POST whose body is sent as given, for malformed and oversized bodies.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .expect("POST request failed")
    }
}

/// The server without a built client (`dist` does not exist), on a clock that stands still at
/// [`TestClock::start`]: no test depends on the real date.
pub async fn spawn_app() -> TestApp {
    let work = TempDir::new();
    let dist = work.path().join("dist-not-built");
    spawn(dist, vec![work], TestClock::new().server_clock()).await
}

/// As [`spawn_app`], on a clock that stands still at [`TestClock::start`] until advanced.
pub async fn spawn_app_with_clock() -> (TestApp, TestClock) {
    let clock = TestClock::new();
    let work = TempDir::new();
    let dist = work.path().join("dist-not-built");
    let app = spawn(dist, vec![work], clock.server_clock()).await;
    (app, clock)
}

/// As [`spawn_app_with_clock`], with the clock at 2026-10-15 09:00 in Yinchuan: inside the 2026
/// demo round (seeded for the clock's year, 2026-01-01..2026-12-31), whatever the real date.
pub async fn spawn_app_in_round() -> (TestApp, TestClock) {
    let (app, clock) = spawn_app_with_clock().await;
    let inside = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 10, 15, 1, 0, 0)
        .single()
        .expect("a valid instant");
    clock.advance(inside - clock.now());
    (app, clock)
}

/// The server with the whole demo (its round in flight too) seeded on a clock that starts at
/// 09:00 of `day` in Yinchuan, as `--test-clock-start` starts it.
pub async fn spawn_demo_on(day: chrono::NaiveDate) -> (TestApp, TestClock) {
    let clock = TestClock::new();
    let start = server::clock::Offset::day_start(day);
    clock.advance(start - clock.now());
    let work = TempDir::new();
    let dist = work.path().join("dist-not-built");
    let app = spawn_with(dist, vec![work], clock.server_clock(), true).await;
    (app, clock)
}

/// The server with a minimal built client in `dist`: `index.html` (with [`INDEX_MARKER`]) and `app.js`.
pub async fn spawn_app_with_client() -> TestApp {
    let work = TempDir::new();
    let dist = work.path().join("dist");
    std::fs::create_dir_all(&dist).expect("cannot create dist");
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!doctype html><meta charset=utf-8><title>{INDEX_MARKER}</title><script src=/app.js></script>"
        ),
    )
    .expect("cannot write index.html");
    std::fs::write(dist.join("app.js"), APP_JS).expect("cannot write app.js");
    spawn(dist, vec![work], TestClock::new().server_clock()).await
}

/// The server with one page per client bundle in `dist`, each page naming its bundle in its title
/// (`index.html` → `app`).
pub async fn spawn_app_with_bundles() -> TestApp {
    let work = TempDir::new();
    let dist = work.path().join("dist");
    std::fs::create_dir_all(&dist).expect("cannot create dist");
    for (page, bundle) in [
        ("index.html", "app"),
        ("public.html", "public"),
        ("tablet.html", "tablet"),
        ("applicant.html", "applicant"),
        ("selection.html", "selection"),
        ("admin.html", "admin"),
        ("dashboard.html", "dashboard"),
    ] {
        std::fs::write(
            dist.join(page),
            format!("<!doctype html><meta charset=utf-8><title>bundle:{bundle}</title>"),
        )
        .expect("cannot write a page");
    }
    spawn(dist, vec![work], TestClock::new().server_clock()).await
}

async fn spawn(dist: PathBuf, guard: Vec<TempDir>, clock: server::clock::Clock) -> TestApp {
    spawn_with(dist, guard, clock, false).await
}

async fn spawn_with(
    dist: PathBuf,
    mut guard: Vec<TempDir>,
    clock: server::clock::Clock,
    demo_round: bool,
) -> TestApp {
    server::telemetry::init();
    let database_url = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres://") => fresh_postgres_database(&url).await,
        _ => {
            let dir = TempDir::new();
            let url = format!("sqlite://{}/test.sqlite?mode=rwc", dir.path().display());
            guard.push(dir);
            url
        }
    };
    let uploads = TempDir::new();
    let config = Config {
        bind: "127.0.0.1:0".into(),
        database_url: database_url.clone(),
        dist,
        secure_cookies: false,
        seed_demo: true,
        upload_dir: uploads.path().join("uploads"),
        test_clock: false,
        test_clock_start: None,
        demo_money: false,
        demo_round,
        trusted_proxy: Vec::new(),
    };
    guard.push(uploads);
    let app = Application::build_with_clock(config, clock)
        .await
        .expect("failed to build the application");
    let port = app.local_addr().expect("no local address").port();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("cannot build the HTTP client");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client,
        database_url,
        _guard: guard,
    }
}

/// Creates `test_<unique>` on the server of `admin_url` and returns its URL.
pub async fn fresh_postgres_database(admin_url: &str) -> String {
    let name = format!("test_{}", unique());
    let admin = Database::connect(admin_url)
        .await
        .expect("cannot connect to TEST_DATABASE_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("cannot create the test database");
    let _ = admin.close().await;
    let (without_query, query) = match admin_url.split_once('?') {
        Some((u, q)) => (u, Some(q)),
        None => (admin_url, None),
    };
    let base = match without_query.strip_prefix("postgres://") {
        // `postgres://host` without a database: append one.
        Some(rest) if !rest.contains('/') => without_query,
        _ => without_query
            .rsplit_once('/')
            .map_or(without_query, |(base, _)| base),
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Unique within this machine: pid, nanoseconds and a counter.
fn unique() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{}_{nanos}_{n}", std::process::id())
}

/// A directory removed when dropped.
pub struct TempDir(PathBuf);

/// A temporary directory, removed when dropped.
pub fn temp_dir() -> TempDir {
    TempDir::new()
}

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("server-api-test-{}", unique()));
        std::fs::create_dir_all(&path).expect("cannot create a temporary directory");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads a JSON body, failing the test with the raw text when it is not JSON. An error body must
/// say itself in English too (issue #20), checked on every error any test reads.
pub async fn json(response: reqwest::Response) -> Value {
    let text = response.text().await.expect("cannot read the body");
    let body: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("body is not JSON ({e}): {text}"));
    if let (Some(_), Some(message)) = (body["code"].as_str(), body["message"].as_str()) {
        let mut en = body["message_en"].as_str().unwrap_or_default().to_owned();
        assert!(!en.is_empty(), "an error without its English: {body}");
        // A field is named as the request (or the imported file's header) names it.
        for field in body["fields"].as_array().into_iter().flatten() {
            en = en.replace(field["field"].as_str().unwrap_or_default(), "");
            let field_en = field["message_en"].as_str().unwrap_or_default();
            assert!(
                !field_en.is_empty() && english_but_names(field_en),
                "a field's error without its English: {field}"
            );
        }
        assert!(
            english_but_names(&en),
            "an error without its English: {body}"
        );
        assert!(!message.is_empty(), "an error without its message: {body}");
    }
    body
}

/// No Chinese outside the quoted names (“…”) and cited articles an English message may carry.
fn english_but_names(en: &str) -> bool {
    let mut quoted = false;
    let mut rest = String::new();
    for c in en.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => rest.push(c),
            _ => {}
        }
    }
    let rest = rest.replace(|c: char| "第一二三四五六七八九十百条（）".contains(c), "");
    !rest.chars().any(|c| {
        ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

/// Asserts a 422 `ErrorBody` of code `validation` and returns the names of its fields.
pub async fn validation_fields(response: reqwest::Response) -> Vec<String> {
    let status = response.status().as_u16();
    let body = json(response).await;
    assert_eq!(status, 422, "expected 422, got {status}: {body}");
    assert_eq!(body["code"], "validation", "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message missing: {body}"
    );
    let fields = body["fields"].as_array().expect("fields is not an array");
    assert!(!fields.is_empty(), "no field named: {body}");
    fields
        .iter()
        .map(|f| {
            assert!(
                f["message"].as_str().is_some_and(|m| !m.is_empty())
                    && f["message_en"].as_str().is_some_and(|m| !m.is_empty()),
                "a field error without messages: {f}"
            );
            f["field"]
                .as_str()
                .expect("field is not a string")
                .to_owned()
        })
        .collect()
}
