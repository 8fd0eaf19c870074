//! Accounts, sessions and their scopes' names in the database.

use crate::entity::{org, session, unit, user_account};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter,
};

pub async fn by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Username.eq(username))
        .one(db)
        .await
}

pub async fn by_id<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find_by_id(id).one(db).await
}

/// The name of the unit or organisation an account acts for.
pub async fn scope_name<C: ConnectionTrait>(
    db: &C,
    unit_id: Option<i32>,
    org_id: Option<i32>,
) -> Result<Option<String>, DbErr> {
    Ok(match (unit_id, org_id) {
        (Some(id), _) => unit::Entity::find_by_id(id).one(db).await?.map(|x| x.name),
        (_, Some(id)) => org::Entity::find_by_id(id).one(db).await?.map(|x| x.name),
        _ => None,
    })
}

pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    user: user_account::Model,
    hash: String,
) -> Result<(), DbErr> {
    let mut active = user.into_active_model();
    active.password_hash = Set(hash);
    active.update(db).await.map(|_| ())
}

pub async fn insert_session<C: ConnectionTrait>(db: &C, row: session::Model) -> Result<(), DbErr> {
    session::Entity::insert(row.into_active_model())
        .exec(db)
        .await
        .map(|_| ())
}

/// A session and its user, by the token's hash.
pub async fn session_with_user<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<(session::Model, Option<user_account::Model>)>, DbErr> {
    let Some(s) = session::Entity::find_by_id(token_hash.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let user = by_id(db, s.user_id).await?;
    Ok(Some((s, user)))
}

pub async fn touch_session<C: ConnectionTrait>(
    db: &C,
    s: session::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut active = s.into_active_model();
    active.last_seen_at = Set(now);
    active.update(db).await.map(|_| ())
}

pub async fn delete_session<C: ConnectionTrait>(db: &C, token_hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(token_hash.to_owned())
        .exec(db)
        .await
        .map(|_| ())
}

/// Ends every session of a user but `except`.
pub async fn delete_sessions_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    except: Option<&str>,
) -> Result<(), DbErr> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = except {
        q = q.filter(session::Column::TokenHash.ne(keep));
    }
    q.exec(db).await.map(|_| ())
}
