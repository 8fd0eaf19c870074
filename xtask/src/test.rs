//! `cargo xtask test`: every test of the product, stage by stage, with a summary. A failed stage
//! does not stop the others; any failure makes the command fail. `cargo xtask test STAGE…` runs
//! only the stages named (`native`, `postgres`, `wasm`, `e2e`).

use crate::{client, postgres, setup, util};
use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The stages' short names, in the order they run.
pub const STAGES: [&str; 4] = ["native", "postgres", "wasm", "e2e"];

pub fn all(root: &Path, only: &[String]) -> Result<()> {
    if let Some(bad) = only.iter().find(|s| !STAGES.contains(&s.as_str())) {
        bail!(
            "unknown stage {bad:?}: the stages are {}",
            STAGES.join(", ")
        );
    }
    let runs = |short: &str| only.is_empty() || only.iter().any(|s| s == short);
    let started = Instant::now();
    setup::client_tools(root)?;
    setup::test_tools(root)?;
    let mut stages: Vec<(&str, Result<()>, Duration)> = Vec::new();
    let mut stage = |name: &'static str, f: &dyn Fn() -> Result<()>| {
        let short = STAGES[stages_index(name)];
        if !runs(short) {
            return;
        }
        let t = util::step(name);
        let r = f();
        if let Err(e) = &r {
            eprintln!("!!! {name} failed: {e:#}");
        }
        util::done(name, t);
        stages.push((name, r, t.elapsed()));
    };
    stage(
        "native tests (shared, golden vectors, server on SQLite, app)",
        &|| util::cargo(root, &["test", "--workspace", "--all-targets"]),
    );
    stage("server tests on PostgreSQL", &|| server_on_postgres(root));
    stage("golden vectors in WebAssembly (Node)", &|| {
        wasm_vectors(root)
    });
    stage("end to end (Playwright, Chromium)", &|| end_to_end(root));

    println!(
        "\n==> summary ({:.0} s in all)",
        started.elapsed().as_secs_f64()
    );
    let failed = stages.iter().filter(|(_, r, _)| r.is_err()).count();
    for (name, r, d) in &stages {
        println!(
            "    {:<6} {name} ({:.0} s)",
            if r.is_ok() { "ok" } else { "FAILED" },
            d.as_secs_f64()
        );
    }
    println!("xtask: {} passed, {failed} failed", stages.len() - failed);
    if failed > 0 {
        bail!("{failed} test stage(s) failed");
    }
    Ok(())
}

/// Which of [`STAGES`] a stage's title is.
fn stages_index(title: &str) -> usize {
    if title.starts_with("native") {
        0
    } else if title.contains("PostgreSQL") {
        1
    } else if title.contains("WebAssembly") {
        2
    } else {
        3
    }
}

fn server_on_postgres(root: &Path) -> Result<()> {
    let cluster = postgres::Cluster::start()?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    util::run(
        Command::new(cargo)
            .args(["test", "--workspace", "--test", "api"])
            .env("TEST_DATABASE_URL", cluster.url())
            .current_dir(root),
    )
}

const RUN_VECTORS: &str = r#"
const v = require('./vectors.js');
const out = JSON.parse(v.run_golden_vectors());
const counts = Object.entries(out.cases || {}).map(([k, n]) => `${n} ${k}`).join(', ');
console.log(`wasm golden vectors: ${counts}; ${out.mismatches.length} mismatches`);
if (out.mismatches.length > 0 || Object.keys(out.cases || {}).length < 6) { console.error(out.mismatches.join('\n')); process.exit(1); }
const batch = 10000, samples = [];
v.bench_eligibility(batch);
for (let i = 0; i < 15; i++) { const t0 = performance.now(); v.bench_eligibility(batch); samples.push((performance.now() - t0) * 1000 / batch); }
samples.sort((a, b) => a - b);
console.log(`wasm full eligibility check: p50 ${samples[7].toFixed(2)} µs, min ${samples[0].toFixed(2)} µs per evaluation (Node ${process.version})`);
"#;

/// The same vectors as the native test, run inside WebAssembly by Node.
fn wasm_vectors(root: &Path) -> Result<()> {
    util::cargo(
        root,
        &[
            "build",
            "-p",
            "vectors-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ],
    )?;
    let target = util::target_dir(root)?;
    let out = target.join("vectors-node");
    let _ = std::fs::remove_dir_all(&out);
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(target.join("wasm32-unknown-unknown/wasm-release/vectors_wasm.wasm"))
        .nodejs(true)?
        .out_name("vectors")
        .typescript(false)
        .generate(&out)?;
    std::fs::write(out.join("run.cjs"), RUN_VECTORS)?;
    util::run(Command::new("node").arg("run.cjs").current_dir(&out))
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Waits until `GET /api/health` answers 200.
fn wait_healthy(addr: &str, child: &mut Child) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            bail!("server exited early with {status}");
        }
        if let Ok(mut s) = TcpStream::connect(addr) {
            let _ = write!(
                s,
                "GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            );
            let mut reply = String::new();
            let _ = s.read_to_string(&mut reply);
            if reply.starts_with("HTTP/1.1 200") {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("server at {addr} not healthy after 60 s")
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The fixed days the journeys also run on, besides the real date: one in a year whose holiday
/// schedule is built in, one in a year without (the notice then needs HRSS to enter it).
pub const E2E_DAYS: [&str; 2] = ["2026-05-20", "2028-06-15"];

fn end_to_end(root: &Path) -> Result<()> {
    let dist = client::build(root)?;
    // The same build as the native stage (same features, so nothing recompiles); it includes the
    // server binary that the integration tests run.
    util::cargo(root, &["test", "--workspace", "--all-targets", "--no-run"])?;
    let target = util::target_dir(root)?;
    let mut failed = Vec::new();
    // Every spec on the real date, then the journeys (`@journey`) on each fixed day.
    for day in std::iter::once(None).chain(E2E_DAYS.into_iter().map(Some)) {
        let name = day.unwrap_or("today");
        let t = util::step(&format!("end to end on {name}"));
        if let Err(e) = suite(root, &target, &dist, day) {
            eprintln!("!!! end to end on {name}: {e:#}");
            failed.push(name);
        }
        util::done(&format!("end to end on {name}"), t);
    }
    if !failed.is_empty() {
        bail!("the browser suite failed on {}", failed.join(", "));
    }
    Ok(())
}

/// The browser suite against a fresh server with the demo data, on the real clock or starting on
/// `day` (then only the journeys run).
fn suite(root: &Path, target: &Path, dist: &Path, day: Option<&str>) -> Result<()> {
    let server_bin = target.join("debug/server");
    let work = target.join(format!("e2e-{}", day.unwrap_or("today")));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let addr = format!("127.0.0.1:{}", free_port()?);
    let log = std::fs::File::create(work.join("server.log"))?;
    let mut cmd = Command::new(&server_bin);
    cmd.arg("--bind")
        .arg(&addr)
        .arg("--database-url")
        .arg(format!("sqlite://{}/e2e.sqlite?mode=rwc", work.display()))
        .arg("--dist")
        .arg(dist)
        .args(["--seed-demo", "true"])
        .arg("--upload-dir")
        .arg(work.join("uploads"))
        .stdout(log.try_clone()?)
        .stderr(log);
    if let Some(d) = day {
        cmd.args(["--test-clock", "true", "--test-clock-start", d]);
    }
    let mut server = Server(cmd.spawn().context("starting the server")?);
    wait_healthy(&addr, &mut server.0)?;
    let mut playwright = Command::new("npx");
    playwright
        .args(["playwright", "test"])
        .env("E2E_BASE_URL", format!("http://{addr}"))
        // Specs that move time (the whole round) start their own server with a test clock.
        .env("E2E_SERVER_BIN", &server_bin)
        .env("E2E_DIST", dist)
        .env("E2E_WORK", &work)
        .current_dir(root.join("end2end"));
    if let Some(d) = day {
        playwright.env("E2E_DAY", d).args([
            "--grep",
            "@journey",
            "--output",
            &format!("test-results-{d}"),
        ]);
    }
    util::run(&mut playwright)
}
