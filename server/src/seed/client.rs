//! The seed's client: demo actors signed in without a password, calling the API in-process
//! through the router, so the demo round goes through the same handlers as a person's clicks.

use crate::entity::user_account;
use crate::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use tower::ServiceExt;

/// One signed-in demo actor calling the API in-process.
pub(super) struct Actor {
    name: String,
    cookie: String,
    csrf: String,
    hash: String,
}

pub(super) struct Api<'a> {
    pub(super) state: &'a AppState,
    pub(super) router: Router,
    pub(super) actors: Vec<Actor>,
}

impl Api<'_> {
    /// A session for `username` (no password: the seed acts for the demo accounts it created).
    pub(super) async fn actor(&mut self, username: &str) -> anyhow::Result<usize> {
        if let Some(i) = self.actors.iter().position(|a| a.name == username) {
            return Ok(i);
        }
        let user = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(username))
            .one(&self.state.db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo round: no account {username}"))?;
        let (token, csrf) = crate::accounts::service::start(self.state, user.id)
            .await
            .map_err(|e| anyhow::anyhow!("demo round: session for {username}: {e:?}"))?;
        self.actors.push(Actor {
            name: username.into(),
            hash: crate::accounts::service::token_hash(&token),
            cookie: format!("{}={token}", crate::accounts::http::session::COOKIE),
            csrf,
        });
        Ok(self.actors.len() - 1)
    }

    /// `method path` as `username` (or nobody) with a JSON body; the answer's JSON, or an error
    /// naming the call when the server refused it.
    pub(super) async fn call(
        &mut self,
        username: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("/api{path}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(u) = username {
            let i = self.actor(u).await?;
            let a = &self.actors[i];
            req = req
                .header(header::COOKIE, &a.cookie)
                .header(crate::accounts::http::session::CSRF_HEADER, &a.csrf);
        }
        let mut req = req.body(match &body {
            Some(b) => Body::from(serde_json::to_vec(b)?),
            None => Body::empty(),
        })?;
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [127, 0, 0, 1],
                0,
            ))));
        let response = self.router.clone().oneshot(req).await?;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if !status.is_success() {
            anyhow::bail!("demo round: {method} {path} as {username:?}: {status} {value}");
        }
        Ok(value)
    }

    pub(super) async fn post(
        &mut self,
        who: &str,
        path: &str,
        body: Value,
    ) -> anyhow::Result<Value> {
        self.call(Some(who), "POST", path, Some(body)).await
    }

    /// Ends the seed's sessions.
    pub(super) async fn sign_out(&self) -> anyhow::Result<()> {
        for a in &self.actors {
            crate::accounts::service::end(self.state, &a.hash)
                .await
                .map_err(|e| anyhow::anyhow!("demo round: {e:?}"))?;
        }
        Ok(())
    }
}
