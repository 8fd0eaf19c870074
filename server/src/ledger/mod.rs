//! 第五章 the money of each studio: finance records disbursements, returns and reversals; the
//! studio's unit reports usage by purpose. Each entry is checked by `shared::ledger` against the
//! ledger as it stands inside the same audited write (which serialises writers), and the
//! per-studio balance of the year is updated in that write too. Nothing is ever edited or deleted.

pub mod http;
pub mod service;
pub mod store;
