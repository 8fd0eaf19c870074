//! The skill master studio system's server: JSON API under `/api`, the built client elsewhere.
//! Handlers are thin; every rule is a call into `shared`.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod entity;
pub mod error;
pub mod export;
pub mod extract;
pub mod openapi;
pub mod repo;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
