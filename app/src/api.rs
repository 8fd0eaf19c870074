//! One generic call for every endpoint described in `shared::api`: the path, method, query, body
//! and reply are the endpoint's, so a page cannot send what the server does not read. Errors
//! decode the shared `ErrorBody`. State-changing requests carry the session's CSRF token; the
//! session cookie travels by itself (same origin).
// The public bundle uses only some of these; the office bundle uses them all.
#![cfg_attr(not(feature = "office"), allow(dead_code))]

use gloo_net::http::{Request, RequestBuilder, Response};
use shared::api::{Endpoint, Method};
use shared::wire::{ErrorBody, ErrorCode};

/// What went wrong talking to the server.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error body.
    Server(ErrorBody),
    /// No answer (offline, server down) or an unreadable one.
    Network(String),
}

impl ApiFailure {
    /// A field refused in the browser before anything is sent, shaped like the server's 422.
    pub fn invalid(field: &str, message: &str, message_en: &str) -> ApiFailure {
        ApiFailure::Server(ErrorBody {
            code: ErrorCode::Validation,
            message: message.into(),
            message_en: message_en.into(),
            fields: vec![shared::wire::FieldError::new(field, message, message_en)],
            current_version: None,
        })
    }
    /// The message in the page's language.
    pub fn message(&self) -> String {
        let en = leptos::prelude::GetUntracked::get_untracked(&crate::i18n::use_lang())
            == crate::i18n::Lang::En;
        match self {
            ApiFailure::Server(b) if en && !b.message_en.is_empty() => b.message_en.clone(),
            ApiFailure::Server(b) => b.message.clone(),
            ApiFailure::Network(_) => {
                let (zh, en_text) = (
                    "无法连接服务器，请检查网络后重试",
                    "Cannot reach the server: check the network and try again",
                );
                String::from(if en { en_text } else { zh })
            }
        }
    }
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Server(b) => Some(b.code),
            ApiFailure::Network(_) => None,
        }
    }
    /// The message for one field, if the server named it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiFailure::Server(b) => b.fields.iter().find(|f| f.field == name).map(|f| {
                if leptos::prelude::GetUntracked::get_untracked(&crate::i18n::use_lang())
                    == crate::i18n::Lang::En
                {
                    f.message_en.clone()
                } else {
                    f.message.clone()
                }
            }),
            ApiFailure::Network(_) => None,
        }
    }
}

fn net(e: impl std::fmt::Display) -> ApiFailure {
    ApiFailure::Network(e.to_string())
}

fn request(method: Method, url: &str, csrf: &str) -> RequestBuilder {
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    };
    if csrf.is_empty() {
        builder
    } else {
        builder.header("x-csrf-token", csrf)
    }
}

async fn reply<E: Endpoint>(response: Response) -> Result<E::Reply, ApiFailure> {
    if !response.ok() {
        let status = response.status();
        return Err(match response.json::<ErrorBody>().await {
            Ok(body) => ApiFailure::Server(body),
            Err(_) => ApiFailure::Network(format!("HTTP {status}")),
        });
    }
    if E::STATUS == 204 {
        // No content: the reply is the unit `NoContent`.
        return serde_json::from_str("null").map_err(net);
    }
    response.json().await.map_err(net)
}

/// Calls `E` with its path parameters (`args`, in order), query and body; `csrf` is the
/// session's token for a call that changes state ("" for public calls).
pub async fn call<E: Endpoint>(
    args: &[i32],
    query: &E::Query,
    body: &E::Body,
    csrf: &str,
) -> Result<E::Reply, ApiFailure> {
    let url = shared::api::url::<E>(args, query);
    let builder = request(E::METHOD, &url, csrf);
    let response = if E::HAS_BODY {
        builder.json(body).map_err(net)?.send().await
    } else {
        builder.send().await
    };
    reply::<E>(response.map_err(net)?).await
}

/// Reads `E`, which takes no query.
pub async fn get<E: Endpoint<Body = ()>>(args: &[i32]) -> Result<E::Reply, ApiFailure>
where
    E::Query: Default,
{
    call::<E>(args, &E::Query::default(), &(), "").await
}

/// Reads `E` with a query.
pub async fn get_with<E: Endpoint<Body = ()>>(
    args: &[i32],
    query: &E::Query,
) -> Result<E::Reply, ApiFailure> {
    call::<E>(args, query, &(), "").await
}

/// Sends `E` its body, which takes no query.
pub async fn send<E: Endpoint>(
    args: &[i32],
    body: &E::Body,
    csrf: &str,
) -> Result<E::Reply, ApiFailure>
where
    E::Query: Default,
{
    call::<E>(args, &E::Query::default(), body, csrf).await
}

/// Uploads a file chosen in the browser to an application; the body is the file itself.
pub async fn upload(
    application: i32,
    kind: shared::procedure::AttachmentKind,
    file: web_sys::File,
    csrf: &str,
) -> Result<shared::procedure::AttachmentView, ApiFailure> {
    use shared::api::applications::UploadAttachment;
    let query = shared::api::query::UploadQuery {
        kind,
        filename: file.name(),
    };
    let url = shared::api::url::<UploadAttachment>(&[application], &query);
    let request = request(Method::Post, &url, csrf)
        .header("content-type", &file.type_())
        .body(wasm_bindgen::JsValue::from(file))
        .map_err(net)?;
    reply::<UploadAttachment>(request.send().await.map_err(net)?).await
}

/// Sends a file chosen in the browser as `E`'s body (an import's dry run or confirm step).
pub async fn send_file<E: Endpoint>(
    query: &E::Query,
    file: web_sys::File,
    csrf: &str,
) -> Result<E::Reply, ApiFailure> {
    let url = shared::api::url::<E>(&[], query);
    let request = request(E::METHOD, &url, csrf)
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(file))
        .map_err(net)?;
    reply::<E>(request.send().await.map_err(net)?).await
}

/// A decision on a change request: the new unit joins a host change (`join`), or HRSS decides.
pub async fn decide_change(
    id: i32,
    join: bool,
    body: &shared::life::Decision,
    csrf: &str,
) -> Result<shared::life::ChangeView, ApiFailure> {
    use shared::api::life::{DecideChange, JoinChange};
    if join {
        send::<JoinChange>(&[id], body, csrf).await
    } else {
        send::<DecideChange>(&[id], body, csrf).await
    }
}
