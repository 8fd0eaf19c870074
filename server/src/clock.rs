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
