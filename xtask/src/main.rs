//! `cargo xtask <command>`: the two commands a newcomer needs, and the pieces they are made of.
//!
//! - `run`   — build the client (wasm) and the server (release), start on http://127.0.0.1:3000
//! - `test`  — install what the tests need, then run every test (shared, wasm vectors, server on
//!   SQLite and PostgreSQL, Playwright end to end)
//! - `build` — build the client into `dist/` only
//! - `bench` — the hardening measurements (`bench/load.py`): load with wrk on SQLite and
//!   PostgreSQL, kill -9 crash safety, schemathesis against the OpenAPI document

mod client;
mod postgres;
mod setup;
mod tablet;
mod test;
mod util;

use anyhow::{Result, bail};
use std::path::PathBuf;

fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    match args.first().map(String::as_str) {
        Some("build") => {
            setup::client_tools(&root)?;
            client::build(&root)?;
            Ok(())
        }
        Some("run") => run(&root, &args[1..]),
        Some("test") => test::all(&root, &args[1..]),
        Some("bench") => bench(&root, &args[1..]),
        _ => bail!(
            "usage: cargo xtask <run [--day YYYY-MM-DD]|test [native|postgres|wasm|e2e]…|build|bench>"
        ),
    }
}

/// `cargo xtask bench [load] [crash] [scale] [hostile] [--seconds N] [--examples N] [--sqlite-only]` (all four
/// by default): builds the release server and the bare echo server, starts a PostgreSQL cluster (fsync
/// on) unless `--sqlite-only`, and runs `bench/load.py`, which prints the figures and fails on a miss.
fn bench(root: &std::path::Path, args: &[String]) -> Result<()> {
    setup::bench_tools()?;
    util::cargo(root, &["build", "--release", "-p", "server", "--bins"])?;
    let sqlite_only = args.iter().any(|a| a == "--sqlite-only");
    let mut pass: Vec<String> = args
        .iter()
        .filter(|a| *a != "--sqlite-only")
        .cloned()
        .collect();
    let cluster = if sqlite_only {
        None
    } else {
        Some(postgres::Cluster::start_with(true, postgres::BENCH_PORT)?)
    };
    if let Some(c) = &cluster {
        pass.push("--pg".into());
        pass.push(c.url());
    }
    let status = std::process::Command::new("python3")
        .arg(root.join("bench/load.py"))
        .args(&pass)
        .env("CARGO_TARGET_DIR", util::target_dir(root)?)
        .current_dir(root)
        .status()?;
    drop(cluster);
    if !status.success() {
        bail!("bench failed ({status})");
    }
    Ok(())
}

/// Builds everything and starts the product with the embedded SQLite and demo data. `--day
/// YYYY-MM-DD` starts the server's clock on that day (09:00 in Yinchuan) with its own database,
/// seeded for that day: the demo as it would look then.
fn run(root: &std::path::Path, args: &[String]) -> Result<()> {
    let day = match args {
        [] => None,
        [flag, d] if flag == "--day" => Some(d.clone()),
        _ => bail!("usage: cargo xtask run [--day YYYY-MM-DD]"),
    };
    setup::client_tools(root)?;
    let dist = client::build(root)?;
    util::cargo(root, &["build", "--release", "-p", "server"])?;
    let bind = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    println!();
    println!("  技能大师工作室管理系统 — Skill Master Studio System");
    println!("  URL:       http://{bind}/");
    let database = match (&day, std::env::var("DATABASE_URL")) {
        (_, Ok(url)) => url,
        (Some(d), Err(_)) => format!("sqlite://data/studio-{d}.sqlite?mode=rwc"),
        (None, Err(_)) => "sqlite://data/studio.sqlite?mode=rwc".into(),
    };
    println!("  Database:  {database} (created and seeded on first start)");
    if let Some(d) = &day {
        println!(
            "  Clock:     starts on {d} at 09:00 in Yinchuan (a test clock: never in production)"
        );
    }
    println!("  Demo logins are printed by the server below (password Demo-2026-studio).");
    println!("  Stop with Ctrl-C.");
    println!();
    std::fs::create_dir_all(root.join("data"))?;
    let mut server = std::process::Command::new(util::target_dir(root)?.join("release/server"));
    server
        .current_dir(root)
        .arg("--dist")
        .arg(&dist)
        .args(["--database-url", &database])
        .args(["--seed-demo", "true", "--demo-money", "true"]);
    if let Some(d) = &day {
        server.args(["--test-clock", "true", "--test-clock-start", d]);
    }
    let status = server.status()?;
    if !status.success() {
        bail!("server exited with {status}");
    }
    Ok(())
}
