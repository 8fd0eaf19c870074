//! 第六章 a studio's life after approval: its page and annual reports (第十五条),
//! assessments' results and what their grades decide (第十五条, 第十七条), changes of leader or
//! host (第十六条), exits and the 3-year ban (第十八条), and the reminders that keep it all on time.

pub mod assessments;
pub mod ban;
pub mod changes;
pub mod digest;
pub mod exits;
pub mod http;
pub mod service;
pub mod store;
pub mod view;
