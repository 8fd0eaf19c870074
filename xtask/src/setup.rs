//! Installs what the build and the tests need, from the registries only (no downloaded binaries):
//! the wasm32 target (rustup), npm binaryen, Debian's Chromium, CJK fonts and PostgreSQL, and the
//! Playwright packages from the lockfile.

use crate::util;
use anyhow::{Result, bail};
use std::path::Path;
use std::process::Command;

pub fn client_tools(root: &Path) -> Result<()> {
    if util::has("rustup") {
        let installed = Command::new("rustup")
            .args(["target", "list", "--installed"])
            .output()?;
        if !String::from_utf8_lossy(&installed.stdout).contains("wasm32-unknown-unknown") {
            let t = util::step("setup: rustup target add wasm32-unknown-unknown");
            util::run(
                Command::new("rustup")
                    .args([
                        "--no-self-update",
                        "target",
                        "add",
                        "wasm32-unknown-unknown",
                    ])
                    .env("RUSTUP_AUTO_SELF_UPDATE", "disable"),
            )
            .or_else(|_| {
                util::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
            })?;
            util::done("setup: wasm32 target", t);
        }
    }
    npm_ci(&root.join("xtask/npm"), false)
}

/// `npm ci` in `dir` when its node_modules is missing or older than the lockfile.
pub fn npm_ci(dir: &Path, required: bool) -> Result<()> {
    if !util::has("npm") {
        if required {
            bail!(
                "npm is required for {} (install Node.js and npm)",
                dir.display()
            );
        }
        println!("    npm not found: skipping {}", dir.display());
        return Ok(());
    }
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(l), Ok(m)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let t = util::step(&format!("setup: npm ci in {}", dir.display()));
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    )?;
    util::done("setup: npm ci", t);
    Ok(())
}

/// Debian packages the tests need; installed with apt-get when missing (as root).
pub fn test_tools(root: &Path) -> Result<()> {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() {
        missing.push("chromium");
    }
    if !Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists() {
        missing.push("fonts-noto-cjk");
    }
    if crate::postgres::bin_dir().is_none() {
        missing.push("postgresql");
    }
    apt_install(&missing)?;
    npm_ci(&root.join("end2end"), true)
}

/// What `cargo xtask bench` needs: wrk and PostgreSQL (Debian), schemathesis (PyPI, pinned).
pub fn bench_tools() -> Result<()> {
    let mut missing = Vec::new();
    if !util::has("wrk") {
        missing.push("wrk");
    }
    if crate::postgres::bin_dir().is_none() {
        missing.push("postgresql");
    }
    apt_install(&missing)?;
    if !util::has("schemathesis") {
        let t = util::step("setup: pip install schemathesis");
        util::run(Command::new("python3").args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "schemathesis==4.32.5",
        ]))?;
        util::done("setup: pip install schemathesis", t);
    }
    Ok(())
}

fn apt_install(missing: &[&str]) -> Result<()> {
    if !missing.is_empty() {
        let t = util::step(&format!("setup: apt-get install {}", missing.join(" ")));
        let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
        let apt = |args: &[&str]| {
            let mut all: Vec<&str> = sudo.to_vec();
            all.push("apt-get");
            all.extend_from_slice(args);
            util::run(
                Command::new(all[0])
                    .args(&all[1..])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )
        };
        apt(&["update", "-qq"])?;
        let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
        install.extend(missing.iter().copied());
        apt(&install)?;
        util::done("setup: apt-get", t);
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
