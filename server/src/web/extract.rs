//! Input extractors whose errors name the field (`leader.skill_level`), not a byte offset:
//! `JsonBody<T>` for bodies and `QueryParams<T>` for query strings. Both answer with the shared
//! `ErrorBody`: 400 when the body is not JSON at all, 422 naming the field otherwise.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::{DeserializeOwned, IgnoredAny};
use shared::wire::FieldError;

pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let BodyBytes(bytes) = BodyBytes::from_request(req, state).await?;
        parse(&bytes).map(JsonBody)
    }
}

/// Parses JSON: not JSON at all → 400; JSON of the wrong shape → 422 naming the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // A wrong type (e.g. `null` for an enum) is reported by serde as a "syntax" error too, so the
    // question "is this JSON at all?" is asked separately first.
    if let Err(e) = serde_json::from_slice::<IgnoredAny>(bytes) {
        return Err(ApiError::BadRequest(e.to_string()));
    }
    // No text may hold the NUL character: PostgreSQL cannot store it, and no field needs it.
    // Cheap test first (JSON can only carry it escaped), then find the field to name.
    if bytes.windows(6).any(|w| w == b"\\u0000")
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
        && let Some(field) = nul_field(&value, String::new())
    {
        return Err(nul_error(field));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        invalid(path, &e.into_inner().to_string())
    })
}

/// The dotted path of the first string (or key) in `v` that holds a NUL character.
fn nul_field(v: &serde_json::Value, path: String) -> Option<String> {
    let join = |p: &str, k: &str| {
        if p.is_empty() {
            k.to_owned()
        } else {
            format!("{p}.{k}")
        }
    };
    match v {
        serde_json::Value::String(s) if s.contains('\0') => {
            Some(if path.is_empty() { "body".into() } else { path })
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| nul_field(x, format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, x)| {
            if k.contains('\0') {
                Some(join(&path, "key"))
            } else {
                nul_field(x, join(&path, k))
            }
        }),
        _ => None,
    }
}

fn nul_error(field: String) -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        field,
        "不能包含空字符（NUL）",
        "must not contain the NUL character",
    )])
}

/// A 422 naming the field; serde reports a missing field at its parent, so it is named here.
fn invalid(path: String, message: &str) -> ApiError {
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned();
    let parent = if path == "." || path.is_empty() {
        None
    } else {
        Some(path)
    };
    let field = match message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        Some(name) => parent.map_or_else(|| name.to_owned(), |p| format!("{p}.{name}")),
        None => parent.unwrap_or_else(|| "body".to_owned()),
    };
    ApiError::Validation(vec![FieldError::new(
        field,
        format!("格式或取值无效：{message}"),
        message,
    )])
}

/// Query-string parameters with the same error model as [`JsonBody`].
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        if let Some((name, _)) = form_urlencoded::parse(query.as_bytes())
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(nul_error(name.replace('\0', "")));
        }
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(QueryParams)
            .map_err(|e| invalid(e.path().to_string(), &e.into_inner().to_string()))
    }
}

/// A numeric id from the path (`/api/studios/{id}`); anything else is a 404 with the error body,
/// like an id that does not exist.
pub struct IdPath(pub i32);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        raw.parse().map(IdPath).map_err(|_| ApiError::NotFound)
    }
}

/// Refuses a body not declared as JSON. Used where no CSRF token can exist yet (sign-in): an HTML
/// form on another site cannot send `application/json`.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if json {
        Ok(())
    } else {
        Err(ApiError::BadRequest(
            "Content-Type 须为 application/json".into(),
        ))
    }
}

/// The raw request body (uploads, and what [`JsonBody`] parses): too large → 413, unreadable →
/// 400, both with the error body.
pub struct BodyBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for BodyBytes {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state)
            .await
            .map(BodyBytes)
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::BadRequest(e.body_text())
                }
            })
    }
}

/// The client's address ([`crate::net::client_address`]): the connection's, or behind a trusted
/// proxy the nearest untrusted hop of `X-Forwarded-For`.
pub struct ClientIp(pub std::net::IpAddr);

impl FromRequestParts<crate::state::AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| ApiError::Internal("the connection's address is unknown".into()))?;
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        Ok(ClientIp(crate::net::client_address(
            peer,
            forwarded,
            &state.trusted_proxies,
        )))
    }
}
