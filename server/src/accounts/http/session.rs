//! The signed-in user of a request: the `sid` cookie (HttpOnly, SameSite=Strict) names a session,
//! and every request that changes state must carry that session's CSRF token.

use crate::accounts::service::{self, ABSOLUTE, Session};
use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use shared::account::Role;

pub const COOKIE: &str = "sid";
pub const CSRF_HEADER: &str = "x-csrf-token";

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

/// Requests that change state must carry the session's CSRF token.
fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The signed-in user of a request (401 without a live session; 403 without the CSRF token on a
/// request that changes state).
pub struct CurrentUser {
    pub session: Session,
}

impl std::ops::Deref for CurrentUser {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        &self.session.actor
    }
}

impl CurrentUser {
    pub fn actor(&self) -> &Actor {
        &self.session.actor
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie_token(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let session = service::session(state, &token)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        if is_unsafe(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same_secret(sent, &session.csrf_token) {
                tracing::warn!(user = %session.actor.username, "missing or wrong CSRF token");
                return Err(ApiError::forbidden(
                    "缺少或错误的 CSRF 令牌，请刷新页面后重试",
                    "Missing or wrong CSRF token: reload the page and try again",
                ));
            }
        }
        Ok(CurrentUser { session })
    }
}

/// A signed-in user of one role: as an extractor it refuses everyone else (403) before the request
/// body is read.
macro_rules! role_user {
    ($(#[doc = $doc:literal])* $name:ident, $role:expr) => {
        $(#[doc = $doc])*
        pub struct $name(pub CurrentUser);

        impl FromRequestParts<AppState> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                let user = CurrentUser::from_request_parts(parts, state).await?;
                user.require(&[$role])?;
                Ok($name(user))
            }
        }
    };
}

role_user!(
    /// A signed-in HRSS administrator.
    AdminUser,
    Role::HrssAdmin
);
role_user!(
    /// A signed-in applicant (a unit's contact).
    ApplicantUser,
    Role::Applicant
);
