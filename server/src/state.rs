//! What every use case runs against: the database, the clock, the locks that keep the audit chain
//! and the login throttle in order, and where evidence files live. No HTTP here.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: crate::clock::Clock,
    /// SQLite only: a queue in front of its single writer, so this process's audited writes wait
    /// their turn here instead of polling SQLite's lock. The audit chain's order is the database's
    /// (see [`AppState::begin_audited`]); with PostgreSQL there is no lock in the process at all,
    /// and several processes may share one database.
    pub sqlite_writer: Option<Arc<Mutex<()>>>,
    pub secure_cookies: bool,
    /// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`).
    pub trusted_proxies: Arc<Vec<crate::net::Cidr>>,
    /// Evidence files, by SHA-256 (see `applications::files`).
    pub uploads: std::path::PathBuf,
}

/// A transaction that may append to the audit trail: it holds the audit head's row (PostgreSQL's
/// row lock, SQLite's write lock) from its first statement until it commits, so audited writes of
/// every process link into the chain in commit order.
pub struct AuditedTxn {
    pub txn: DatabaseTransaction,
    _queue: Option<OwnedMutexGuard<()>>,
    /// Whether it holds the head (its entries are linked at once) or enqueues them.
    pub chained: bool,
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
        let queue = match &self.sqlite_writer {
            Some(q) => Some(q.clone().lock_owned().await),
            None => None,
        };
        let txn = self.db.begin().await?;
        // The first statement takes the head: a writer of another process waits here, not halfway.
        txn.execute_unprepared("UPDATE audit_head SET seq = seq WHERE id = 1")
            .await?;
        // Entries the sync left waiting are linked before this write's own.
        crate::audit::chain_pending(&txn).await?;
        Ok(AuditedTxn {
            txn,
            _queue: queue,
            chained: true,
        })
    }

    /// A transaction whose audit entries wait in `audit_pending` instead of taking the head (the
    /// tablets' sync: many experts at once must not queue on one row). SQLite has one writer
    /// anyway: there it is an ordinary audited transaction.
    pub async fn begin_unchained(&self) -> Result<AuditedTxn, sea_orm::DbErr> {
        if self.sqlite_writer.is_some() {
            return self.begin_audited().await;
        }
        Ok(AuditedTxn {
            txn: self.db.begin().await?,
            _queue: None,
            chained: false,
        })
    }

    /// Links every entry waiting in `audit_pending` (before the trail is read or verified).
    pub async fn chain_audit(&self) -> Result<(), sea_orm::DbErr> {
        if crate::audit::any_pending(&self.db).await? {
            self.begin_audited().await?.commit().await?;
        }
        Ok(())
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
