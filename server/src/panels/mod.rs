//! Expert panels (答辩评审 第十一条（三）, 考核 第十五条): forming them with conflicts of interest
//! found, what each role sees of them, the chair's work (reopening, closing), the ranking closing
//! records, and the xlsx of a closed panel.

pub mod close;
pub mod forming;
pub mod http;
pub mod service;
pub mod store;
pub mod view;
pub mod xlsx;
