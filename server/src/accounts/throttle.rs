//! Login throttling per account and per address: after 5 failures of an account (20 from one
//! address, as offices share addresses) within 15 minutes the key is blocked for 30 s, doubling with
//! each further failure up to 15 minutes. A success clears the account's count.

use crate::entity::login_throttle;
use crate::error::ApiError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use tokio::sync::Mutex;

/// Failures allowed before blocking an account, and an address.
pub const ACCOUNT_FREE_FAILURES: i32 = 5;
pub const ADDRESS_FREE_FAILURES: i32 = 20;
pub const WINDOW: Duration = Duration::minutes(15);
pub const FIRST_BLOCK: Duration = Duration::seconds(30);
pub const MAX_BLOCK: Duration = Duration::minutes(15);

/// A throttled key (`user:NAME`, `ip:ADDR`) and how many failures it may have before blocking.
#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub free: i32,
}

impl Key {
    /// An account key; over-long typed names are cut (no account has one) to fit the column.
    pub fn account(username: &str) -> Key {
        let name: String = username.chars().take(64).collect();
        Key {
            name: format!("user:{name}"),
            free: ACCOUNT_FREE_FAILURES,
        }
    }
    pub fn address(ip: std::net::IpAddr) -> Key {
        Key {
            name: format!("ip:{ip}"),
            free: ADDRESS_FREE_FAILURES,
        }
    }
}

/// 429 with the seconds to wait if any key is blocked.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut wait = Duration::zero();
    for Key { name: key, .. } in keys {
        if let Some(row) = login_throttle::Entity::find_by_id(key.clone())
            .one(db)
            .await?
            && let Some(until) = row.blocked_until
            && until > now
        {
            wait = wait.max(until - now);
        }
    }
    if wait > Duration::zero() {
        let secs = u64::try_from(wait.num_seconds().max(1)).unwrap_or(1);
        return Err(ApiError::RateLimited {
            retry_after_secs: secs,
        });
    }
    Ok(())
}

fn block_for(failures: i32, free: i32) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = u32::try_from(failures - free).unwrap_or(0).min(10);
    Some((FIRST_BLOCK * 2i32.pow(doublings)).min(MAX_BLOCK))
}

pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for Key { name: key, free } in keys {
        let row = login_throttle::Entity::find_by_id(key.clone())
            .one(db)
            .await?;
        let (failures, first) = match &row {
            Some(r)
                if r.first_failure_at + WINDOW > now
                    || r.blocked_until.is_some_and(|u| u > now) =>
            {
                (r.failures + 1, r.first_failure_at)
            }
            _ => (1, now),
        };
        let active = login_throttle::ActiveModel {
            key: Set(key.clone()),
            failures: Set(failures),
            first_failure_at: Set(first),
            blocked_until: Set(block_for(failures, *free).map(|d| now + d)),
        };
        if row.is_some() {
            login_throttle::Entity::update(active).exec(db).await?;
        } else {
            login_throttle::Entity::insert(active).exec(db).await?;
        }
    }
    Ok(())
}

/// Counts an attempt on every key before the password is checked, under `lock`, so racing attempts
/// cannot get more checks than the limit allows; 429 if any key is already blocked.
pub async fn begin_attempt<C: ConnectionTrait>(
    db: &C,
    lock: &Mutex<()>,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let _serial = lock.lock().await;
    check(db, keys, now).await?;
    record_failure(db, keys, now).await
}

/// After a successful login: forget the account's failures and give the address its attempt back
/// (colleagues behind one office address must not add up to a block).
pub async fn succeeded<C: ConnectionTrait>(
    db: &C,
    lock: &Mutex<()>,
    account: &Key,
    address: &Key,
) -> Result<(), ApiError> {
    let _serial = lock.lock().await;
    clear(db, &account.name).await?;
    if let Some(row) = login_throttle::Entity::find_by_id(address.name.clone())
        .one(db)
        .await?
    {
        let failures = (row.failures - 1).max(0);
        let blocked_until = if failures < address.free {
            None
        } else {
            row.blocked_until
        };
        login_throttle::Entity::update(login_throttle::ActiveModel {
            key: Set(row.key),
            failures: Set(failures),
            first_failure_at: Set(row.first_failure_at),
            blocked_until: Set(blocked_until),
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

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
        let f = ACCOUNT_FREE_FAILURES;
        assert_eq!(block_for(4, f), None);
        assert_eq!(block_for(5, f), Some(Duration::seconds(30)));
        assert_eq!(block_for(6, f), Some(Duration::seconds(60)));
        assert_eq!(block_for(9, f), Some(Duration::seconds(480)));
        assert_eq!(block_for(10, f), Some(Duration::minutes(15)));
        assert_eq!(block_for(50, f), Some(Duration::minutes(15)));
        assert_eq!(block_for(19, ADDRESS_FREE_FAILURES), None);
        assert_eq!(
            block_for(20, ADDRESS_FREE_FAILURES),
            Some(Duration::seconds(30))
        );
    }
}
