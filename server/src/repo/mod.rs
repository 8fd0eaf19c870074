//! Queries shared by several handlers.

pub mod studio;
