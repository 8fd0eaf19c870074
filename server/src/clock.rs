//! The server's clock, injectable so tests can move time (session expiry, throttling, deadlines).

use chrono::{DateTime, SubsecRound, Utc};
use std::sync::Arc;

pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub fn system() -> Clock {
    Arc::new(Utc::now)
}

/// Now, to the microsecond (what both SQLite and PostgreSQL store exactly).
pub fn now(clock: &Clock) -> DateTime<Utc> {
    clock().trunc_subsecs(6)
}

/// The system clock moved forward by an offset that can be changed while the server runs: only
/// for the browser suite and demonstrations (`--test-clock`), never in production.
#[derive(Clone, Default)]
pub struct Offset(Arc<std::sync::atomic::AtomicI64>);

impl Offset {
    pub fn clock(&self) -> Clock {
        let offset = self.0.clone();
        Arc::new(move || {
            Utc::now() + chrono::Duration::seconds(offset.load(std::sync::atomic::Ordering::SeqCst))
        })
    }
    /// Moves the clock forward (never back: sessions and the audit trail assume time only grows).
    pub fn advance(&self, by: chrono::Duration) -> i64 {
        let secs = by.num_seconds().max(0);
        self.0.fetch_add(secs, std::sync::atomic::Ordering::SeqCst) + secs
    }
}
