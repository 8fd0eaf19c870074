//! The approved studios (第十二条): the list and page each role may see, the public list, and the
//! scope every other domain asks before it shows or changes a studio.

pub mod http;
pub mod service;
pub mod store;
