//! One use case's write: a transaction whose changes and whose audit entry (第十九条) commit
//! together or not at all. Every service that changes something begins one, works through it, and
//! ends with [`Write::done`] naming what happened.

use crate::actor::Actor;
use crate::audit::Event;
use crate::state::{AppState, AuditedTxn};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DatabaseTransaction, DbErr};

pub struct Write<'a> {
    txn: AuditedTxn,
    actor: &'a Actor,
    now: DateTime<Utc>,
}

impl<'a> Write<'a> {
    pub async fn begin(state: &AppState, actor: &'a Actor) -> Result<Write<'a>, DbErr> {
        Ok(Write {
            txn: state.begin_audited().await?,
            actor,
            now: state.now(),
        })
    }

    /// A write whose audit entry is enqueued rather than linked at once
    /// ([`AppState::begin_unchained`]): the tablets' sync.
    pub async fn begin_unchained(state: &AppState, actor: &'a Actor) -> Result<Write<'a>, DbErr> {
        Ok(Write {
            txn: state.begin_unchained().await?,
            actor,
            now: state.now(),
        })
    }

    /// The moment of the write: every timestamp it stores.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Its day in Ningxia.
    pub fn today(&self) -> NaiveDate {
        (self.now + chrono::Duration::hours(8)).date_naive()
    }

    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// Records one more event in the same transaction (a write that does several things).
    pub async fn record(&self, event: Event) -> Result<(), DbErr> {
        if self.txn.chained {
            crate::audit::append(&*self.txn, self.now, self.actor, event).await
        } else {
            crate::audit::enqueue(&*self.txn, self.now, self.actor, event).await
        }
    }

    /// Records `event` and commits.
    pub async fn done(self, event: Event) -> Result<(), DbErr> {
        self.record(event).await?;
        self.txn.commit().await
    }

    /// Commits what was recorded with [`Write::record`] (or nothing: a write that found nothing
    /// to do).
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}
