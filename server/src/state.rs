//! What every use case runs against: the database, the clock, the locks that keep the audit chain
//! and the login throttle in order, and where evidence files live. No HTTP here.

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: crate::clock::Clock,
    /// Serialises audited transactions so the audit chain links in commit order.
    pub audit_lock: Arc<Mutex<()>>,
    /// Serialises the login throttle's read-count-write, so racing attempts are all counted.
    pub throttle_lock: Arc<Mutex<()>>,
    pub secure_cookies: bool,
    /// Evidence files, by SHA-256 (see `applications::files`).
    pub uploads: std::path::PathBuf,
}

/// A transaction that may append to the audit trail; the audit lock is held until commit.
pub struct AuditedTxn {
    pub txn: DatabaseTransaction,
    _lock: OwnedMutexGuard<()>,
}

impl AuditedTxn {
    pub async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.txn.commit().await
    }
}

impl std::ops::Deref for AuditedTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl AppState {
    pub async fn begin_audited(&self) -> Result<AuditedTxn, sea_orm::DbErr> {
        let lock = self.audit_lock.clone().lock_owned().await;
        let txn = self.db.begin().await?;
        Ok(AuditedTxn { txn, _lock: lock })
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        crate::clock::now(&self.clock)
    }

    /// Today's date in Ningxia (UTC+8): the date every deadline of the measures is counted in.
    pub fn today(&self) -> chrono::NaiveDate {
        (self.now() + chrono::Duration::hours(8)).date_naive()
    }

    /// The working-day calendar in force (the built-in years and those HRSS entered).
    pub async fn calendar(&self) -> Result<shared::calendar::HolidayCalendar, sea_orm::DbErr> {
        crate::db::calendar(&self.db).await
    }
}
