//! Command line and environment: `--bind`/`BIND_ADDR`, `--database-url`/`DATABASE_URL`, `--dist`/`DIST_DIR`.

use clap::Parser;
use std::path::PathBuf;

/// The embedded default: an SQLite file beside the working directory, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/studio.sqlite?mode=rwc";

#[derive(Debug, Clone, Parser)]
#[command(name = "server", about = "技能大师工作室管理系统 server")]
pub struct Config {
    /// Address to listen on.
    #[arg(long = "bind", env = "BIND_ADDR", default_value = "127.0.0.1:3000")]
    pub bind: String,
    /// sqlite://… or postgres://…
    #[arg(long = "database-url", env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Directory of the built client (index.html, wasm, js, css).
    #[arg(long = "dist", env = "DIST_DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// Mark session cookies `Secure` (serve behind TLS).
    #[arg(long = "secure-cookies", env = "SECURE_COOKIES", default_value_t = false, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,
    /// Let `POST /api/test/clock` move the server's clock forward (browser tests and demos of
    /// deadlines). Never in production.
    #[arg(long = "test-clock", env = "TEST_CLOCK", default_value_t = false, action = clap::ArgAction::Set)]
    pub test_clock: bool,
    /// With `--test-clock`: start the clock at 09:00 of this day (YYYY-MM-DD) in Yinchuan, so the
    /// demo and the browser suite can run on any day. Demo data is seeded on that clock.
    #[arg(long = "test-clock-start", env = "TEST_CLOCK_START")]
    pub test_clock_start: Option<chrono::NaiveDate>,
    /// With `--seed-demo`: also a plausible money history for the demo studios (for trying the
    /// dashboard; the tests seed without it).
    #[arg(long = "demo-money", env = "DEMO_MONEY", default_value_t = false, action = clap::ArgAction::Set)]
    pub demo_money: bool,
    /// Where uploaded evidence files are stored (outside the web root).
    #[arg(
        long = "upload-dir",
        env = "UPLOAD_DIR",
        default_value = "data/uploads"
    )]
    pub upload_dir: PathBuf,
    /// Seed deterministic demo data (and demo accounts with a published password) into an empty
    /// database. Off by default; `cargo xtask run` turns it on.
    #[arg(long = "seed-demo", env = "SEED_DEMO", default_value_t = false, action = clap::ArgAction::Set)]
    pub seed_demo: bool,
    /// With `--seed-demo`: also a selection round in flight (applications at every stage, a
    /// defense panel partly scored, a notice with an objection). On by default; the API tests
    /// seed without it.
    #[arg(long = "demo-round", env = "DEMO_ROUND", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_round: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (comma-separated addresses or CIDR
    /// blocks, e.g. `127.0.0.1,10.0.0.0/8`). Without it the header is ignored and the connection's
    /// address is the client's (what the login throttle and objections count).
    #[arg(long = "trusted-proxy", env = "TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<crate::net::Cidr>,
}
