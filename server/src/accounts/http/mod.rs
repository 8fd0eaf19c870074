//! Sign in, sign out, who am I, change my password; and [`session`], the signed-in user every
//! other domain's handlers take.

pub mod session;

use super::service;
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{Body, ClientIp, Done, Reply, Routes, require_json};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
pub use session::{AdminUser, ApplicantUser, CurrentUser};
use session::{clear_cookie, cookie_token, set_cookie};
use shared::account::SessionState;
use shared::api::accounts::{ChangePassword, Login, Logout, Me, Session};

pub fn routes() -> Routes {
    Routes::new()
        .route::<Login, _, _>(login)
        .route::<Logout, _, _>(logout)
        .route::<Me, _, _>(me)
        .route::<Session, _, _>(session)
        .route::<ChangePassword, _, _>(change_password)
}

async fn login(
    State(state): State<AppState>,
    ClientIp(from): ClientIp,
    headers: HeaderMap,
    Body(req): Body<Login>,
) -> Result<Response, ApiError> {
    // No CSRF token exists yet: a form on another site cannot send JSON.
    require_json(&headers)?;
    let (token, info) = service::login(&state, req, from).await?;
    let cookie = set_cookie(&token, state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Reply::<Login>(info)).into_response())
}

async fn logout(State(state): State<AppState>, user: CurrentUser) -> Result<Response, ApiError> {
    service::logout(&state, &user.session).await?;
    let cookie = clear_cookie(state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Done::<Logout>::new()).into_response())
}

async fn me(State(state): State<AppState>, user: CurrentUser) -> Result<Reply<Me>, ApiError> {
    Ok(Reply(service::session_info(&state, &user.session).await?))
}

/// The session of the request's cookie, or none: 200 either way (the public pages ask on every
/// visit, and a visitor without a session is not an error).
async fn session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Reply<Session>, ApiError> {
    let found = match cookie_token(&headers) {
        Some(token) => service::session(&state, &token).await?,
        None => None,
    };
    let session = match found {
        Some(s) => Some(service::session_info(&state, &s).await?),
        None => None,
    };
    Ok(Reply(SessionState { session }))
}

async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<ChangePassword>,
) -> Result<Done<ChangePassword>, ApiError> {
    service::change_password(&state, &user.session, req).await?;
    Ok(Done::new())
}
