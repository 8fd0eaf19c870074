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
    /// An offset that puts the clock at `start` now (earlier or later than the real time).
    pub fn starting_at(start: DateTime<Utc>) -> Offset {
        let secs = (start - Utc::now()).num_seconds();
        Offset(Arc::new(std::sync::atomic::AtomicI64::new(secs)))
    }

    /// 09:00 of `day` in Yinchuan (UTC+8), the start of a working day.
    pub fn day_start(day: chrono::NaiveDate) -> DateTime<Utc> {
        let nine = day.and_hms_opt(1, 0, 0).unwrap_or_default();
        DateTime::from_naive_utc_and_offset(nine, Utc)
    }

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
