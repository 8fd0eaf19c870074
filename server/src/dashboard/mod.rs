//! Journey 3: subsidy money by city, then county and studio — entitled, disbursed, used, returned,
//! outstanding — filtered by approval year, level, national category and recommending channel;
//! the year-over-year movement; the current round's funnel. One query per view feeds both the
//! chart and the table, so they agree to the fen.

pub mod http;
pub mod service;
pub mod store;
