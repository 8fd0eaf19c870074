//! Signed-in sessions kept by hand (the `sid` cookie and the CSRF token), requests made as them,
//! and look-ups an administrator's session makes easy.

use super::{DEMO_PASSWORD, TestApp, json};
use reqwest::Method;
use sea_orm::{Database, DatabaseConnection};
use serde_json::{Value, json};

/// A signed-in browser: its `sid` cookie and the CSRF token the login returned.
#[derive(Debug, Clone)]
pub struct Session {
    /// `sid=…`, as sent back in the `Cookie` header.
    pub cookie: String,
    pub csrf: String,
    /// The `user` of the login response.
    pub user: Value,
}

impl Session {
    pub fn id(&self) -> i64 {
        self.user["id"].as_i64().expect("user.id is not an integer")
    }
}

/// How a request identifies itself.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    Anonymous,
    /// The session cookie and its CSRF token.
    Session(&'a Session),
    /// The session cookie without any CSRF header.
    WithoutCsrf(&'a Session),
    /// The session cookie with the given CSRF header.
    WithCsrf(&'a Session, &'a str),
}

impl TestApp {
    /// Any request, identified as `auth` says, with an optional JSON body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        auth: Auth<'_>,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.address));
        let (session, csrf) = match auth {
            Auth::Anonymous => (None, None),
            Auth::Session(s) => (Some(s), Some(s.csrf.as_str())),
            Auth::WithoutCsrf(s) => (Some(s), None),
            Auth::WithCsrf(s, token) => (Some(s), Some(token)),
        };
        if let Some(s) = session {
            request = request.header(reqwest::header::COOKIE, &s.cookie);
        }
        if let Some(token) = csrf {
            request = request.header("x-csrf-token", token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path} failed: {e}"))
    }

    pub async fn get_as(&self, session: &Session, path: &str) -> reqwest::Response {
        self.send(Method::GET, path, Auth::Session(session), None)
            .await
    }

    pub async fn post_as(&self, session: &Session, path: &str, body: &Value) -> reqwest::Response {
        self.send(Method::POST, path, Auth::Session(session), Some(body))
            .await
    }

    pub async fn patch_as(&self, session: &Session, path: &str, body: &Value) -> reqwest::Response {
        self.send(Method::PATCH, path, Auth::Session(session), Some(body))
            .await
    }

    /// `POST /api/auth/login` as an anonymous browser.
    pub async fn try_login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/api/auth/login",
            &json!({ "username": username, "password": password }),
        )
        .await
    }

    /// Signs in with the demo password, asserting success.
    pub async fn login(&self, username: &str) -> Session {
        self.login_with(username, DEMO_PASSWORD).await
    }

    /// Signs in, asserting success, and keeps the `sid` cookie by hand.
    pub async fn login_with(&self, username: &str, password: &str) -> Session {
        let response = self.try_login(username, password).await;
        let status = response.status().as_u16();
        let cookie = session_cookie(&response);
        let body = json(response).await;
        assert_eq!(status, 200, "login of {username} failed: {body}");
        let cookie = cookie.unwrap_or_else(|| panic!("login of {username} set no sid cookie"));
        Session {
            cookie,
            csrf: body["csrf_token"]
                .as_str()
                .expect("csrf_token is not a string")
                .to_owned(),
            user: body["user"].clone(),
        }
    }

    /// The id of an account, looked up by an administrator's session.
    pub async fn user_id(&self, admin: &Session, username: &str) -> i64 {
        let users = self
            .read::<shared::api::admin::ListUsers>(Auth::Session(admin), &[])
            .await;
        users
            .iter()
            .find(|u| u.username == username)
            .map(|u| i64::from(u.id))
            .unwrap_or_else(|| panic!("no account {username} among {} accounts", users.len()))
    }

    /// Every studio, as an administrator sees them.
    pub async fn all_studios(&self, admin: &Session) -> Vec<Value> {
        let list = self
            .read::<shared::api::life::ListStudios>(Auth::Session(admin), &[])
            .await;
        list.studios
            .iter()
            .map(|s| serde_json::to_value(s).expect("a studio serialises"))
            .collect()
    }

    /// A second connection to the server's database.
    pub async fn db(&self) -> DatabaseConnection {
        Database::connect(&self.database_url)
            .await
            .expect("cannot connect to the test database")
    }

    /// Asserts that the studios' kept reminder windows showing on `today` or later are what the
    /// rules give from their rows now (kept by every write, never stale).
    pub async fn assert_reminders_kept(&self, today: chrono::NaiveDate) {
        let db = self.db().await;
        let wrong = server::life::service::check_reminders(&db, today)
            .await
            .expect("the reminder windows can be read");
        db.close().await.ok();
        assert!(
            wrong.is_empty(),
            "reminder windows out of date:\n{}",
            wrong.join("\n")
        );
    }
}

/// `sid=…` from a response's `Set-Cookie`, if it sets one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookie(response)?
        .split(';')
        .next()
        .map(|pair| pair.trim().to_owned())
        .filter(|pair| pair.starts_with("sid="))
}

/// The raw `Set-Cookie` header of a response.
pub fn set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
