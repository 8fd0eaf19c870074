//! The tablet's sync: queued score changes, comments and signatures, each stored exactly once.

use super::{NoQuery, endpoints};
use crate::panel::{SyncRequest, SyncResult};

endpoints! {
    /// A tablet's queue: each change stored once (its client id), refusals answered with the reason.
    Sync: Post "/api/scoring/sync" [NoQuery] (SyncRequest) => 200 SyncResult;
}
