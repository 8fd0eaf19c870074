//! One module per page.

pub mod not_found;
#[cfg(feature = "public")]
pub mod notice;
#[cfg(feature = "public")]
pub mod self_check;

#[cfg(feature = "office")]
pub mod account;
#[cfg(feature = "admin")]
pub mod admin_audit;
#[cfg(feature = "admin")]
pub mod admin_holidays;
#[cfg(feature = "admin")]
pub mod admin_imports;
#[cfg(feature = "admin")]
pub mod admin_policies;
#[cfg(feature = "admin")]
pub mod admin_units;
#[cfg(feature = "admin")]
pub mod admin_users;
#[cfg(any(feature = "office", feature = "applicant"))]
pub mod applications;
#[cfg(feature = "selection")]
pub mod board;
pub mod common;
/// Public too (the summary needs no sign-in), in its own bundle: its charts and map would weigh on
/// every visitor's first load of the self-check and on the office's.
#[cfg(feature = "dashboard")]
pub mod dashboard;
#[cfg(feature = "selection")]
pub mod experts;
#[cfg(feature = "office")]
pub mod home;
#[cfg(feature = "signed-in")]
pub mod login;
#[cfg(feature = "office")]
pub mod notifications;
#[cfg(feature = "selection")]
pub mod panels;
#[cfg(feature = "tablet")]
pub mod scoring;
#[cfg(feature = "office")]
pub mod studio;
#[cfg(feature = "office")]
pub mod studio_life;
