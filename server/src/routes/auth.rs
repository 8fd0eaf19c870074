//! Sign in, sign out, who am I, change my password. Logins (and failed ones) are audited.

use crate::audit::{Actor, Event};
use crate::auth::{CurrentUser, password, session, throttle};
use crate::entity::{org, unit, user_account};
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::startup::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use shared::account::{LoginRequest, Me, PasswordChange, SessionInfo, SessionState};
use shared::wire::{ErrorBody, FieldError};
use std::net::SocketAddr;

/// The wire view of an account, with its unit's or organisation's name.
pub async fn me_of(db: &DatabaseConnection, u: &user_account::Model) -> Result<Me, ApiError> {
    let scope_name = match (u.unit_id, u.org_id) {
        (Some(id), _) => unit::Entity::find_by_id(id).one(db).await?.map(|x| x.name),
        (_, Some(id)) => org::Entity::find_by_id(id).one(db).await?.map(|x| x.name),
        _ => None,
    };
    Ok(Me {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role,
        unit_id: u.unit_id,
        org_id: u.org_id,
        scope_name,
    })
}

#[utoipa::path(post, path = "/api/auth/login", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    JsonBody(req): JsonBody<LoginRequest>,
) -> Result<Response, ApiError> {
    crate::extract::require_json(&headers)?;
    let username = req.username.trim().to_lowercase();
    if username.is_empty() || req.password.is_empty() {
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
        return Err(ApiError::Validation(fields));
    }
    let now = state.now();
    let (account_key, address_key) = (
        throttle::Key::account(&username),
        throttle::Key::address(addr.ip()),
    );
    let keys = [account_key.clone(), address_key.clone()];
    throttle::begin_attempt(&state.db, &state.throttle_lock, &keys, now).await?;
    let user = user_account::Entity::find()
        .filter(user_account::Column::Username.eq(&username))
        .one(&state.db)
        .await?;
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
                .reason(Some(format!("{why}; from {}", addr.ip())));
            state
                .audit(&Actor::anonymous(username.clone()), event)
                .await?;
            return Err(ApiError::Unauthorized.with_message("用户名或密码错误，或账号已停用"));
        }
    };
    throttle::succeeded(&state.db, &state.throttle_lock, &account_key, &address_key).await?;
    let (token, csrf_token) = session::create(&state, user.id, now).await?;
    let me = me_of(&state.db, &user).await?;
    let actor = Actor {
        id: Some(user.id),
        name: user.username.clone(),
        role: Some(me.role),
    };
    state
        .audit(
            &actor,
            Event::new("login", "user", user.id).reason(Some(format!("from {}", addr.ip()))),
        )
        .await?;
    let cookie = session::set_cookie(&token, state.secure_cookies);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(SessionInfo {
            user: me,
            csrf_token,
        }),
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/auth/logout", responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    session::delete(&state, &user.token_hash).await?;
    state
        .audit(&user.actor(), Event::new("logout", "user", user.user.id))
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            session::clear_cookie(state.secure_cookies),
        )],
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/auth/me", responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<SessionInfo>, ApiError> {
    Ok(Json(SessionInfo {
        user: me_of(&state.db, &user.user).await?,
        csrf_token: user.csrf_token,
    }))
}

#[utoipa::path(get, path = "/api/auth/session", responses((status = 200, body = SessionState)))]
/// The session of the request's cookie, or none: 200 either way (the public pages ask on every
/// visit, and a visitor without a session is not an error).
pub async fn session_state(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Json<SessionState>, ApiError> {
    let Some(token) = session::cookie_token(&headers) else {
        return Ok(Json(SessionState { session: None }));
    };
    let found = session::find(&state, &token).await?;
    let session = match found {
        Some((s, user)) if !user.disabled => Some(SessionInfo {
            user: me_of(&state.db, &user).await?,
            csrf_token: s.csrf_token,
        }),
        _ => None,
    };
    Ok(Json(SessionState { session }))
}

#[utoipa::path(post, path = "/api/auth/password", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(req): JsonBody<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    // Guessing the current password is throttled like guessing at the login.
    let key = throttle::Key::account(&user.user.username);
    throttle::begin_attempt(
        &state.db,
        &state.throttle_lock,
        std::slice::from_ref(&key),
        state.now(),
    )
    .await?;
    if !password::verify(req.current_password, Some(user.user.password_hash.clone())).await {
        return Err(ApiError::Validation(vec![FieldError::new(
            "current_password",
            "当前密码不正确",
            "the current password is wrong",
        )]));
    }
    throttle::clear(&state.db, &key.name).await?;
    shared::account::check_new_password("new_password", &user.user.username, &req.new_password)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let hash = password::hash(req.new_password).await?;
    let txn = state.begin_audited().await?;
    let mut active = user.user.clone().into_active_model();
    active.password_hash = Set(hash);
    active.update(&*txn).await?;
    // Other browsers signed in as this user must sign in again.
    session::delete_all_of(&*txn, user.user.id, Some(&user.token_hash)).await?;
    crate::audit::append(
        &*txn,
        state.now(),
        &user.actor(),
        Event::new("password.change", "user", user.user.id),
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
