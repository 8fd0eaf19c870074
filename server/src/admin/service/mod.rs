//! HRSS's administration use cases, by subject.

pub mod affiliations;
pub mod calendar;
pub mod policies;
pub mod registry;
pub mod users;
