//! Cookie sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is
//! stored. Sessions end after 2 hours idle or 12 hours in all, at logout, or when the account is
//! disabled.

use crate::entity::{session, user_account};
use crate::error::ApiError;
use crate::startup::AppState;
use axum::http::HeaderMap;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "sid";
pub const IDLE: Duration = Duration::hours(2);
pub const ABSOLUTE: Duration = Duration::hours(12);

fn random_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// The session token from the `Cookie` header, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// `Set-Cookie` for a new session (`Secure` when served over TLS).
pub fn set_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        ABSOLUTE.num_seconds()
    )
}

pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

/// Starts a session; returns (cookie token, CSRF token).
pub async fn create(
    state: &AppState,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(String, String), ApiError> {
    let token = random_token()?;
    let csrf = random_token()?;
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(csrf.clone()),
        created_at: Set(now),
        expires_at: Set(now + ABSOLUTE),
        last_seen_at: Set(now),
    }
    .insert(&state.db)
    .await?;
    Ok((token, csrf))
}

/// The live session of a token and its user; expired sessions are removed.
pub async fn find(
    state: &AppState,
    token: &str,
) -> Result<Option<(session::Model, user_account::Model)>, ApiError> {
    let now = crate::clock::now(&state.clock);
    let found = session::Entity::find_by_id(token_hash(token))
        .one(&state.db)
        .await?;
    let Some(s) = found else { return Ok(None) };
    if s.expires_at <= now || s.last_seen_at + IDLE <= now {
        session::Entity::delete_by_id(s.token_hash)
            .exec(&state.db)
            .await?;
        return Ok(None);
    }
    let Some(user) = user_account::Entity::find_by_id(s.user_id)
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    // Refresh the idle timer at most once a minute, to keep reads cheap.
    if now - s.last_seen_at > Duration::minutes(1) {
        let mut active = s.clone().into_active_model();
        active.last_seen_at = Set(now);
        active.update(&state.db).await?;
    }
    Ok(Some((s, user)))
}

pub async fn delete(state: &AppState, token_hash: &str) -> Result<(), ApiError> {
    session::Entity::delete_by_id(token_hash.to_owned())
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Ends every session of a user (account disabled or password changed elsewhere).
pub async fn delete_all_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: i32,
    except: Option<&str>,
) -> Result<(), ApiError> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = except {
        q = q.filter(session::Column::TokenHash.ne(keep));
    }
    q.exec(db).await?;
    Ok(())
}
