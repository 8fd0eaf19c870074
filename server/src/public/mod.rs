//! What anyone may read or do without signing in: whether the server answers, the rules engine
//! (the same `shared` functions the browser runs, authoritative here), the articles, the notice
//! calendar, approved studios, public notices and objections, and the public money summary.

pub mod http;
pub mod service;
