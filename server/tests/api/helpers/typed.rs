//! Calls by the endpoint descriptions of `shared::api`: the path, method, query, body and reply
//! are the ones the server routes and the browser sends, so a test cannot call a path the
//! description does not have.

use super::TestApp;
use super::session::Auth;
use reqwest::Method;
use serde_json::Value;
use shared::api::{Endpoint, Method as M};

fn method(m: M) -> Method {
    match m {
        M::Get => Method::GET,
        M::Post => Method::POST,
        M::Put => Method::PUT,
        M::Patch => Method::PATCH,
        M::Delete => Method::DELETE,
    }
}

impl TestApp {
    /// `E` called as `auth` with its path parameters, query and body. On `E`'s status of success,
    /// the reply decoded as `E::Reply`; otherwise the status and the error body.
    pub async fn call<E: Endpoint>(
        &self,
        auth: Auth<'_>,
        args: &[i32],
        query: &E::Query,
        body: &E::Body,
    ) -> Result<E::Reply, (u16, Value)> {
        let url = shared::api::url::<E>(args, query);
        let body = if E::HAS_BODY {
            Some(serde_json::to_value(body).expect("the body serialises"))
        } else {
            None
        };
        let response = self
            .send(method(E::METHOD), &url, auth, body.as_ref())
            .await;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("a readable body");
        if status != E::STATUS {
            return Err((
                status,
                serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            ));
        }
        let text = if bytes.is_empty() {
            &b"null"[..]
        } else {
            &bytes[..]
        };
        Ok(serde_json::from_slice(text).unwrap_or_else(|e| {
            panic!(
                "{} {url}: the reply is not {}: {e}",
                E::METHOD.as_http(),
                std::any::type_name::<E::Reply>()
            )
        }))
    }

    /// `E` without query or body, which must succeed.
    pub async fn read<E: Endpoint<Body = ()>>(&self, auth: Auth<'_>, args: &[i32]) -> E::Reply
    where
        E::Query: Default,
    {
        self.call::<E>(auth, args, &E::Query::default(), &())
            .await
            .unwrap_or_else(|(status, body)| panic!("{} answered {status}: {body}", E::PATH))
    }
}
