//! One module per page.

pub mod not_found;
pub mod notice;
pub mod self_check;

#[cfg(feature = "office")]
pub mod account;
#[cfg(feature = "office")]
pub mod admin_audit;
#[cfg(feature = "office")]
pub mod admin_holidays;
#[cfg(feature = "office")]
pub mod admin_policies;
#[cfg(feature = "office")]
pub mod admin_units;
#[cfg(feature = "office")]
pub mod admin_users;
#[cfg(feature = "office")]
pub mod applications;
#[cfg(feature = "office")]
pub mod board;
/// Public too (the summary needs no sign-in), but served with the office bundle: its charts and
/// map would weigh on every visitor's first load of the self-check.
#[cfg(feature = "office")]
pub mod dashboard;
#[cfg(feature = "office")]
pub mod home;
#[cfg(feature = "office")]
pub mod login;
#[cfg(feature = "office")]
pub mod notifications;
#[cfg(feature = "office")]
pub mod panels;
#[cfg(feature = "office")]
pub mod scoring;
#[cfg(feature = "office")]
pub mod studio;
#[cfg(feature = "office")]
pub mod studio_life;
