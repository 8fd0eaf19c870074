//! HTTP integration tests of the server: every test starts the real application on port 0 with a
//! fresh database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set) and talks to it over HTTP.

mod accounts;
mod applications;
mod attachments;
mod audit_trail;
mod bench;
mod bench_import;
mod board;
mod calendar;
mod demo;
mod health;
mod helpers;
mod holidays;
mod hostile;
mod imports;
mod ledger;
mod life;
mod panels;
mod permissions;
mod procedure;
mod public;
mod registry;
mod rules;
mod scale_out;
mod static_files;
