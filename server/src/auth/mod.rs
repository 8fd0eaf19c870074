//! Who is acting: password login, cookie sessions with CSRF tokens, throttling, and the
//! [`CurrentUser`] extractor every protected handler takes.

pub mod password;
pub mod session;
pub mod throttle;

use crate::entity::user_account;
use crate::error::ApiError;
use crate::startup::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use shared::account::Role;

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: user_account::Model,
    pub role: Role,
    pub token_hash: String,
    pub csrf_token: String,
}

impl CurrentUser {
    /// 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            tracing::warn!(user = %self.user.username, role = ?self.role, "role refused");
            Err(ApiError::Forbidden("您的角色无权执行此操作".into()))
        }
    }

    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor {
            id: Some(self.user.id),
            name: self.user.username.clone(),
            role: Some(self.role),
        }
    }
}

/// Requests that change state must carry the session's CSRF token.
fn is_unsafe(method: &axum::http::Method) -> bool {
    !matches!(
        *method,
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    )
}

pub const CSRF_HEADER: &str = "x-csrf-token";

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session::cookie_token(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let (s, user) = session::find(state, &token)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        if user.disabled {
            return Err(ApiError::Unauthorized);
        }
        if is_unsafe(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same_secret(sent, &s.csrf_token) {
                tracing::warn!(user = %user.username, "missing or wrong CSRF token");
                return Err(ApiError::Forbidden(
                    "缺少或错误的 CSRF 令牌，请刷新页面后重试".into(),
                ));
            }
        }
        let role = user.role;
        Ok(CurrentUser {
            user,
            role,
            token_hash: s.token_hash,
            csrf_token: s.csrf_token,
        })
    }
}

async fn with_role(
    parts: &mut Parts,
    state: &AppState,
    role: Role,
) -> Result<CurrentUser, ApiError> {
    let user = CurrentUser::from_request_parts(parts, state).await?;
    user.require(&[role])?;
    Ok(user)
}

/// A signed-in HRSS administrator. As an extractor it refuses everyone else (403) before the
/// request body is read.
pub struct AdminUser(pub CurrentUser);

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        with_role(parts, state, Role::HrssAdmin)
            .await
            .map(AdminUser)
    }
}

/// A signed-in applicant (a unit's contact), refused like [`AdminUser`] before the body is read.
pub struct ApplicantUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApplicantUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        with_role(parts, state, Role::Applicant)
            .await
            .map(ApplicantUser)
    }
}
