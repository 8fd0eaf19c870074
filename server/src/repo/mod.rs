//! Queries shared by several handlers.

pub mod application;
pub mod life;
pub mod panel;
pub mod procedure;
pub mod studio;
