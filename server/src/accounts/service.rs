//! Signing in and out, the session behind a cookie token, and changing one's own password.
//! Sessions end after 2 hours idle or 12 hours in all, at logout, or when the account is disabled;
//! only the token's SHA-256 is stored.

use super::{password, store, throttle};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{session, user_account};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use base64::Engine;
use chrono::Duration;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use shared::account::{LoginRequest, Me, PasswordChange, SessionInfo};
use shared::wire::FieldError;
use std::net::IpAddr;

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

/// An account as its holder and others see it, with its unit's or organisation's name.
pub async fn me_of<C: ConnectionTrait>(db: &C, u: &user_account::Model) -> Result<Me, ApiError> {
    Ok(Me {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role,
        unit_id: u.unit_id,
        org_id: u.org_id,
        scope_name: store::scope_name(db, u.unit_id, u.org_id).await?,
    })
}

/// Who an account acts as.
pub fn actor_of(u: &user_account::Model) -> Actor {
    Actor {
        id: Some(u.id),
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: Some(u.role),
        unit_id: u.unit_id,
        org_id: u.org_id,
    }
}

/// A live session: who acts, and the CSRF token the session was given.
pub struct Session {
    pub actor: Actor,
    pub token_hash: String,
    pub csrf_token: String,
    pub user: user_account::Model,
}

/// Starts a session for `user`; returns the cookie token and the CSRF token.
pub async fn start(state: &AppState, user_id: i32) -> Result<(String, String), ApiError> {
    start_in(&state.db, state.now(), user_id).await
}

/// Starts a session in `db` (the login's write, with its audit entry).
async fn start_in<C: ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    user_id: i32,
) -> Result<(String, String), ApiError> {
    let token = random_token()?;
    let csrf = random_token()?;
    let row = session::Model {
        token_hash: token_hash(&token),
        user_id,
        csrf_token: csrf.clone(),
        created_at: now,
        expires_at: now + ABSOLUTE,
        last_seen_at: now,
    };
    store::insert_session(db, row).await?;
    Ok((token, csrf))
}

/// The live session of a cookie token (an expired one is removed; a disabled account has none).
pub async fn session(state: &AppState, token: &str) -> Result<Option<Session>, ApiError> {
    let now = state.now();
    let Some((s, user)) = store::session_with_user(&state.db, &token_hash(token)).await? else {
        return Ok(None);
    };
    if s.expires_at <= now || s.last_seen_at + IDLE <= now {
        store::delete_session(&state.db, &s.token_hash).await?;
        return Ok(None);
    }
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(None);
    };
    // Refresh the idle timer at most once a minute, to keep reads cheap.
    let (token_hash, csrf_token) = (s.token_hash.clone(), s.csrf_token.clone());
    if now - s.last_seen_at > Duration::minutes(1) {
        store::touch_session(&state.db, s, now).await?;
    }
    Ok(Some(Session {
        actor: actor_of(&user),
        token_hash,
        csrf_token,
        user,
    }))
}

/// Ends one session.
pub async fn end(state: &AppState, token_hash: &str) -> Result<(), ApiError> {
    Ok(store::delete_session(&state.db, token_hash).await?)
}

/// Signs in: throttled per account and per address, the attempt audited either way. Returns the
/// cookie token and the session's view.
pub async fn login(
    state: &AppState,
    req: LoginRequest,
    from: IpAddr,
) -> Result<(String, SessionInfo), ApiError> {
    let username = req.username.trim().to_lowercase();
    let mut fields = Vec::new();
    if username.is_empty() {
        fields.push(FieldError::new(
            "username",
            "请输入用户名",
            "enter your username",
        ));
    }
    if req.password.is_empty() {
        fields.push(FieldError::new(
            "password",
            "请输入密码",
            "enter your password",
        ));
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation(fields));
    }
    let keys = throttle::keys(&username, from);
    throttle::begin_attempt(&state.db, &keys, state.now()).await?;
    let user = store::by_username(&state.db, &username).await?;
    let ok = password::verify(req.password, user.as_ref().map(|u| u.password_hash.clone())).await;
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        other => {
            // Filed under the account when it exists, so its log shows the attempts against it.
            let (object_id, why) = match &other {
                Some(u) if u.disabled && ok => (u.id.to_string(), "account disabled"),
                Some(u) => (u.id.to_string(), "wrong password"),
                None => (username.clone(), "no such account"),
            };
            let event = Event::new("login.failed", "user", object_id)
                .reason(Some(format!("{why}; from {from}")));
            let anonymous = Actor::anonymous(username.clone());
            Write::begin(state, &anonymous).await?.done(event).await?;
            return Err(ApiError::Unauthorized.with_message(
                "用户名或密码错误，或账号已停用",
                "Wrong username or password, or the account is disabled",
            ));
        }
    };
    throttle::succeeded(&state.db, &keys, state.now()).await?;
    let me = me_of(&state.db, &user).await?;
    let actor = actor_of(&user);
    // The session and its audit entry commit together.
    let w = Write::begin(state, &actor).await?;
    let (token, csrf_token) = start_in(&*w, w.now(), user.id).await?;
    w.done(Event::new("login", "user", user.id).reason(Some(format!("from {from}"))))
        .await?;
    Ok((
        token,
        SessionInfo {
            user: me,
            csrf_token,
        },
    ))
}

pub async fn logout(state: &AppState, s: &Session) -> Result<(), ApiError> {
    let w = Write::begin(state, &s.actor).await?;
    store::delete_session(&*w, &s.token_hash).await?;
    w.done(Event::new("logout", "user", s.actor.user_id()))
        .await?;
    Ok(())
}

pub async fn session_info(state: &AppState, s: &Session) -> Result<SessionInfo, ApiError> {
    Ok(SessionInfo {
        user: me_of(&state.db, &s.user).await?,
        csrf_token: s.csrf_token.clone(),
    })
}

/// Changes the signed-in user's password; the user's other sessions end.
pub async fn change_password(
    state: &AppState,
    s: &Session,
    req: PasswordChange,
) -> Result<(), ApiError> {
    // Guessing the current password is throttled like guessing at the login.
    let key = throttle::Key::password(&s.user.username);
    throttle::begin_attempt(&state.db, std::slice::from_ref(&key), state.now()).await?;
    if !password::verify(req.current_password, Some(s.user.password_hash.clone())).await {
        return Err(ApiError::Validation(vec![FieldError::new(
            "current_password",
            "当前密码不正确",
            "the current password is wrong",
        )]));
    }
    throttle::clear(&state.db, &key.name).await?;
    shared::account::check_new_password("new_password", &s.user.username, &req.new_password)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let hash = password::hash(req.new_password).await?;
    let w = Write::begin(state, &s.actor).await?;
    store::set_password(&*w, s.user.clone(), hash).await?;
    // Other browsers signed in as this user must sign in again.
    store::delete_sessions_of(&*w, s.user.id, Some(&s.token_hash)).await?;
    w.done(Event::new("password.change", "user", s.user.id))
        .await?;
    Ok(())
}

/// Ends every session of a user (a disabled account is signed out everywhere at once).
pub async fn end_all<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), ApiError> {
    Ok(store::delete_sessions_of(db, user_id, None).await?)
}
