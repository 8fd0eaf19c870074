//! The HTTP side every domain's `http.rs` stands on: routing by the endpoint descriptions of
//! `shared::api`, typed bodies, queries and replies that cannot disagree with those descriptions,
//! the signed-in user, error responses, and the OpenAPI document.

pub mod extract;
pub mod openapi;

use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use shared::api::{Endpoint, Method, NoContent};
use std::marker::PhantomData;

pub use extract::{BodyBytes, ClientIp, IdPath, QueryParams, require_json};

/// The routes of the API (under `/api`), each added by its description.
pub struct Routes(Router<AppState>);

impl Routes {
    pub fn new() -> Routes {
        Routes(Router::new())
    }

    /// `handler` answers `E`: at `E::PATH` (less the `/api` prefix) for `E::METHOD`.
    pub fn route<E: Endpoint, H, T>(self, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match E::METHOD {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Put => MethodFilter::PUT,
            Method::Patch => MethodFilter::PATCH,
            Method::Delete => MethodFilter::DELETE,
        };
        let path = E::PATH.strip_prefix("/api").unwrap_or(E::PATH);
        Routes(self.0.route(path, on(filter, handler)))
    }

    pub fn merge(self, other: Routes) -> Routes {
        Routes(self.0.merge(other.0))
    }

    pub fn into_router(self) -> Router<AppState> {
        self.0
    }
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}

/// The JSON body of `E`, read with [`extract::parse`]'s field-naming errors.
pub struct Body<E: Endpoint>(pub E::Body);

impl<S: Send + Sync, E: Endpoint> FromRequest<S> for Body<E> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let BodyBytes(bytes) = BodyBytes::from_request(req, state).await?;
        extract::parse(&bytes).map(Body)
    }
}

/// The query of `E`.
pub struct Query<E: Endpoint>(pub E::Query);

impl<S: Send + Sync, E: Endpoint> FromRequestParts<S> for Query<E> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        QueryParams::<E::Query>::from_request_parts(parts, state)
            .await
            .map(|QueryParams(q)| Query(q))
    }
}

/// The reply of `E`, with `E`'s status.
pub struct Reply<E: Endpoint>(pub E::Reply);

impl<E: Endpoint> IntoResponse for Reply<E> {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(E::STATUS).unwrap_or(StatusCode::OK);
        (status, axum::Json(self.0)).into_response()
    }
}

/// A reply with no content (204), for endpoints whose reply is [`NoContent`].
pub struct Done<E: Endpoint<Reply = NoContent>>(PhantomData<E>);

impl<E: Endpoint<Reply = NoContent>> Done<E> {
    pub fn new() -> Done<E> {
        Done(PhantomData)
    }
}

impl<E: Endpoint<Reply = NoContent>> Default for Done<E> {
    fn default() -> Self {
        Done::new()
    }
}

impl<E: Endpoint<Reply = NoContent>> IntoResponse for Done<E> {
    fn into_response(self) -> Response {
        StatusCode::from_u16(E::STATUS)
            .unwrap_or(StatusCode::NO_CONTENT)
            .into_response()
    }
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let mut response = (
            [
                (header::CONTENT_TYPE, self.mime.clone()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; {}", self.filename_param()),
                ),
            ],
            self.bytes,
        )
            .into_response();
        if let Some(cache) = self.cache_control {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        }
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            // The cause goes to the log, never to the client.
            tracing::error!(error = %self, "request failed");
        }
        let mut response = (status, axum::Json(body)).into_response();
        if let ApiError::RateLimited { retry_after_secs } = &self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}
