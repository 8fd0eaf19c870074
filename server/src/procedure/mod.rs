//! 第四章 from the organisers' side: yearly rounds, the channel's ranked list (第十一条（二）), the
//! defense score (（三）), the 差额 inspection and its outcomes (（四）), the public notice and its
//! objections (（五）), closing a round, and the board every reviewer works from. Each batch is one
//! audited write: all of it happens or none.

pub mod board;
pub mod http;
pub mod notices;
pub mod proposal;
pub mod rounds;
pub mod service;
pub mod store;
