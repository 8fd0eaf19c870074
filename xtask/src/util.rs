//! Running commands and timing steps.

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Runs `cargo ARGS` in the workspace, failing on a non-zero exit.
pub fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).args(args).current_dir(root))
}

pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Whether a program is on PATH.
pub fn has(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

/// Prints a step header and returns a timer for its duration.
pub fn step(name: &str) -> Instant {
    println!("\n==> {name}");
    Instant::now()
}

pub fn done(name: &str, started: Instant) {
    println!("<== {name}: {:.1} s", started.elapsed().as_secs_f64());
}
