//! Queries shared by several handlers.

pub mod application;
pub mod ban;
pub mod life;
pub mod panel;
pub mod policy;
pub mod procedure;
pub mod studio;
