//! Queries shared by several handlers.

pub mod application;
pub mod studio;
