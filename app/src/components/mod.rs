//! Reusable view pieces.

pub mod fields;
pub mod layout;
pub mod verdict;
