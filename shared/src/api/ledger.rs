//! 第五章 the money of one studio: the ledger of disbursements, usage and returns.

use super::{NoQuery, endpoints};
use crate::ledger::{LedgerView, NewEntry};

endpoints! {
    /// A studio's ledger with its balance by year.
    GetLedger: Get "/api/studios/{id}/ledger" [NoQuery] (()) => 200 LedgerView;
    /// Finance records a disbursement, a return or a reversal; the unit records usage (第十三条).
    RecordEntry: Post "/api/studios/{id}/ledger" [NoQuery] (NewEntry) => 201 LedgerView;
}
