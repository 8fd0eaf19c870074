//! Onboarding real data (issue #19): imports of units, experts and approved studios from the
//! offices' spreadsheets (a dry run, then one transaction), their templates and the registries'
//! exports; the expert roster and the unit picker.

pub mod http;
pub mod plan;
pub mod read;
pub mod roster;
pub mod service;
pub mod store;
