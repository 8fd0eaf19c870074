//! HRSS's administration: accounts and their scopes, the audit trail, the working-day calendar,
//! the unit registry with its channels (第十一条（一）), the policies the measures leave open, and
//! the experts' affiliations panels read for conflicts of interest.

pub mod http;
pub mod service;
pub mod store;
