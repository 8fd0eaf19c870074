//! Reusable view pieces.

pub mod fields;
pub mod layout;
pub mod studio_table;
pub mod verdict;
