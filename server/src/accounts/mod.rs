//! Accounts and sessions: signing in (throttled, audited), the session behind a cookie, one's own
//! password, and the view of an account with its unit or organisation.

pub mod http;
pub mod password;
pub mod service;
pub mod store;
pub mod throttle;
