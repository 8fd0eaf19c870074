//! One module per page.

pub mod admin_audit;
pub mod admin_users;
pub mod home;
pub mod login;
pub mod not_found;
pub mod self_check;
pub mod studio;
