//! A throwaway PostgreSQL cluster on a local port for the server tests (Debian's `postgresql`).
//!
//! The cluster lives in the system's temporary directory, not in the checkout: run as root, the
//! server runs as the `postgres` account, which cannot enter a checkout under `/root` or any
//! `chmod 700` directory.

use crate::util;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const PORT: u16 = 55432;
/// The bench's cluster, so a bench and the tests can run side by side.
pub const BENCH_PORT: u16 = 55433;

/// Debian's versioned bin directory, e.g. /usr/lib/postgresql/15/bin.
pub fn bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// A running cluster; stopped when dropped.
pub struct Cluster {
    port: u16,
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
}

impl Cluster {
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg(bin: &Path, as_postgres: bool, program: &str) -> Command {
        if as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(bin.join(program));
            c
        } else {
            Command::new(bin.join(program))
        }
    }

    /// initdb (trust auth on loopback only) and start on [`PORT`], without fsync (tests).
    pub fn start() -> Result<Cluster> {
        Self::start_with(false, PORT)
    }

    /// As [`Cluster::start`]; `fsync` on for measurements that should match production.
    pub fn start_with(fsync: bool, port: u16) -> Result<Cluster> {
        let bin = bin_dir().context("PostgreSQL is not installed")?;
        // PostgreSQL refuses to run as root: use the postgres account when we are root.
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")?;
        let dir = std::env::temp_dir().join(format!("studio-xtask-pg-{port}"));
        let dir = dir.as_path();
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        if as_postgres {
            util::run(Command::new("chown").args(["-R", "postgres"]).arg(dir))?;
            let reachable = Command::new("runuser")
                .args(["-u", "postgres", "--", "test", "-w"])
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
            if !reachable {
                anyhow::bail!(
                    "the postgres account cannot write to {} (a parent directory is closed to it): \
                     set TMPDIR to a directory it can reach, e.g. TMPDIR=/tmp",
                    dir.display()
                );
            }
        }
        let data = dir.join("data");
        util::run(
            Self::pg(&bin, as_postgres, "initdb")
                .arg("-D")
                .arg(&data)
                .args(["--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
                .stdout(std::process::Stdio::null()),
        )?;
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync={} -c max_connections=300",
            dir.display(),
            if fsync { "on" } else { "off" }
        );
        util::run(
            Self::pg(&bin, as_postgres, "pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-o", &opts, "-l"])
                .arg(dir.join("log"))
                .args(["-w", "start"]),
        )?;
        Ok(Cluster {
            port,
            bin,
            data,
            as_postgres,
        })
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Self::pg(&self.bin, self.as_postgres, "pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "fast", "-w", "stop"])
            .status();
    }
}
