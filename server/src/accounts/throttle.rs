//! Login throttling, atomic in the database (several server processes may share it): each attempt
//! counts on three keys in one transaction that locks their rows (PostgreSQL `FOR UPDATE`; SQLite's
//! write lock, taken by the transaction's first statement), so racing attempts are all counted.
//!
//! - the account **from this address** (`pair:`): 5 failures in 15 minutes block it for 30 s,
//!   doubling with each further failure up to 15 minutes — what stops guessing;
//! - the account from anywhere (`user:`): a looser 50, so that someone guessing from one address
//!   cannot keep `hrss` locked for the office;
//! - the address (`ip:`): 20 across accounts, as offices share an address.
//!
//! A success clears the pair and gives the account and the address that attempt back.

use crate::entity::login_throttle;
use crate::error::ApiError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, QuerySelect,
    TransactionTrait,
};

/// Failures allowed before blocking: an account from one address, an account, an address.
pub const PAIR_FREE_FAILURES: i32 = 5;
pub const ACCOUNT_FREE_FAILURES: i32 = 50;
pub const ADDRESS_FREE_FAILURES: i32 = 20;
pub const WINDOW: Duration = Duration::minutes(15);
pub const FIRST_BLOCK: Duration = Duration::seconds(30);
pub const MAX_BLOCK: Duration = Duration::minutes(15);

/// A throttled key and how many failures it may have before blocking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub name: String,
    pub free: i32,
}

/// Over-long typed names are cut (no account has one) to fit the column.
fn account_name(username: &str) -> String {
    username.chars().take(64).collect()
}

impl Key {
    pub fn pair(username: &str, ip: std::net::IpAddr) -> Key {
        Key {
            name: format!("pair:{}@{ip}", account_name(username)),
            free: PAIR_FREE_FAILURES,
        }
    }
    pub fn account(username: &str) -> Key {
        Key {
            name: format!("user:{}", account_name(username)),
            free: ACCOUNT_FREE_FAILURES,
        }
    }
    /// Guessing the current password when changing it (a signed-in session).
    pub fn password(username: &str) -> Key {
        Key {
            name: format!("password:{}", account_name(username)),
            free: PAIR_FREE_FAILURES,
        }
    }
    pub fn address(ip: std::net::IpAddr) -> Key {
        Key {
            name: format!("ip:{ip}"),
            free: ADDRESS_FREE_FAILURES,
        }
    }
}

/// The keys of one login attempt, in a fixed order (so concurrent attempts lock rows alike).
pub fn keys(username: &str, ip: std::net::IpAddr) -> Vec<Key> {
    let mut keys = vec![
        Key::pair(username, ip),
        Key::account(username),
        Key::address(ip),
    ];
    keys.sort();
    keys
}

fn block_for(failures: i32, free: i32) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = u32::try_from(failures - free).unwrap_or(0).min(10);
    Some((FIRST_BLOCK * 2i32.pow(doublings)).min(MAX_BLOCK))
}

/// The rows of `keys`, created if missing and locked for the rest of the transaction.
async fn locked<C: ConnectionTrait>(
    txn: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<Vec<login_throttle::Model>, ApiError> {
    let fresh = keys.iter().map(|k| login_throttle::ActiveModel {
        key: Set(k.name.clone()),
        failures: Set(0),
        first_failure_at: Set(now),
        blocked_until: Set(None),
    });
    login_throttle::Entity::insert_many(fresh)
        .on_conflict(
            OnConflict::column(login_throttle::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let mut rows = Vec::with_capacity(keys.len());
    for k in keys {
        let row = login_throttle::Entity::find_by_id(k.name.clone())
            .lock_exclusive()
            .one(txn)
            .await?
            .ok_or_else(|| ApiError::Internal(format!("throttle row {} vanished", k.name)))?;
        rows.push(row);
    }
    Ok(rows)
}

async fn save<C: ConnectionTrait>(txn: &C, row: login_throttle::Model) -> Result<(), ApiError> {
    login_throttle::Entity::update(login_throttle::ActiveModel {
        key: Set(row.key),
        failures: Set(row.failures),
        first_failure_at: Set(row.first_failure_at),
        blocked_until: Set(row.blocked_until),
    })
    .exec(txn)
    .await?;
    Ok(())
}

/// Counts an attempt on every key before the password is checked, in one transaction holding
/// their rows; 429 with the seconds to wait if any key is blocked (then nothing is counted).
pub async fn begin_attempt(
    db: &DatabaseConnection,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let txn = db.begin().await?;
    let rows = locked(&txn, keys, now).await?;
    let wait = rows
        .iter()
        .filter_map(|r| r.blocked_until.filter(|u| *u > now).map(|u| u - now))
        .max();
    if let Some(wait) = wait {
        txn.rollback().await?;
        let secs = u64::try_from(wait.num_seconds().max(1)).unwrap_or(1);
        return Err(ApiError::RateLimited {
            retry_after_secs: secs,
        });
    }
    for (k, mut row) in keys.iter().zip(rows) {
        let live = row.failures > 0 && row.first_failure_at + WINDOW > now;
        (row.failures, row.first_failure_at) = if live {
            (row.failures + 1, row.first_failure_at)
        } else {
            (1, now)
        };
        row.blocked_until = block_for(row.failures, k.free).map(|d| now + d);
        save(&txn, row).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// After a successful login: forget the pair's failures, and give the account and the address
/// their attempt back (colleagues behind one office address must not add up to a block).
pub async fn succeeded(
    db: &DatabaseConnection,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let txn = db.begin().await?;
    let rows = locked(&txn, keys, now).await?;
    for (k, mut row) in keys.iter().zip(rows) {
        row.failures = if k.name.starts_with("pair:") {
            0
        } else {
            (row.failures - 1).max(0)
        };
        if row.failures < k.free {
            row.blocked_until = None;
        }
        save(&txn, row).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Forgets a key's failures (a password changed).
pub async fn clear<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), ApiError> {
    login_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_grows_from_the_fifth_failure_and_is_capped() {
        let f = PAIR_FREE_FAILURES;
        assert_eq!(block_for(4, f), None);
        assert_eq!(block_for(5, f), Some(Duration::seconds(30)));
        assert_eq!(block_for(6, f), Some(Duration::seconds(60)));
        assert_eq!(block_for(9, f), Some(Duration::seconds(480)));
        assert_eq!(block_for(40, f), Some(MAX_BLOCK));
    }

    #[test]
    fn an_attempt_counts_on_the_pair_the_account_and_the_address_in_a_fixed_order() {
        let ip: std::net::IpAddr = "10.0.0.7".parse().expect("an address");
        let k = keys("hrss", ip);
        let names: Vec<&str> = k.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["ip:10.0.0.7", "pair:hrss@10.0.0.7", "user:hrss"]);
        assert!(Key::pair("hrss", ip).free < Key::address(ip).free);
        assert!(Key::address(ip).free < Key::account("hrss").free);
    }
}
