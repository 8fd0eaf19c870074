//! Journey 2's server side: the tablet's sync of queued score changes, comments and signatures,
//! each stored exactly once and each decided by `shared`'s one ladder.

pub mod http;
pub mod service;
pub mod store;
