//! Accounts: login throttling, sessions, password changes, administration of accounts, and the
//! studios each role may list.

mod admin_users;
mod passwords;
mod scoping;
mod sessions;
mod throttling;
