//! The skill master studio system's server: JSON API under `/api`, the built client elsewhere.
//! Handlers are thin; every rule is a call into `shared`.

pub mod accounts;
pub mod actor;
pub mod admin;
pub mod applications;
pub mod audit;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod digest;
pub mod entity;
pub mod error;
pub mod export;
pub mod imports;
pub mod ledger;
pub mod life;
pub mod net;
pub mod panels;
pub mod procedure;
pub mod public;
pub mod scoring;
pub mod seed;
pub mod startup;
pub mod state;
pub mod studios;
pub mod telemetry;
pub mod web;
pub mod work;
