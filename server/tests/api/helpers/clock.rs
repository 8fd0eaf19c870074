//! A clock the test moves by hand, for session expiry and login throttling.

use chrono::{DateTime, TimeZone, Utc};
use std::sync::{Arc, Mutex};

/// A clock the test moves by hand; it does not move by itself.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    /// 2026-03-02 09:00 in Yinchuan (a Monday).
    pub fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0)
            .single()
            .expect("a valid start instant")
    }

    pub(super) fn new() -> TestClock {
        TestClock(Arc::new(Mutex::new(Self::start())))
    }

    pub fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock poisoned")
    }

    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().expect("clock poisoned") += by;
    }

    pub(super) fn server_clock(&self) -> server::clock::Clock {
        let time = self.0.clone();
        Arc::new(move || *time.lock().expect("clock poisoned"))
    }
}
