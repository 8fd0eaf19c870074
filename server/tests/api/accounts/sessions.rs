//! Cookie sessions: what a login sets, logout, 2 h idle and 12 h absolute expiry, and many users
//! signing in at once.

use crate::helpers::{
    Auth, DEMO_PASSWORD, json, set_cookie, spawn_app, spawn_app_with_clock, validation_fields,
};
use chrono::Duration;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_login_sets_an_http_only_same_site_strict_cookie_and_returns_a_csrf_token() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.try_login("yc.saishang", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let cookie = set_cookie(&response).expect("no Set-Cookie");
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert!(attributes[0].len() > "sid=".len() + 20, "{cookie}");
    assert!(attributes[0].starts_with("sid="), "{cookie}");
    for expected in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(
            attributes.contains(&expected),
            "{expected} missing: {cookie}"
        );
    }
    let body = json(response).await;
    assert!(
        body["csrf_token"].as_str().is_some_and(|t| t.len() >= 20),
        "{body}"
    );
    assert_eq!(body["user"]["username"], "yc.saishang", "{body}");
    assert_eq!(body["user"]["role"], "applicant", "{body}");
    assert_eq!(
        body["user"]["scope_name"], "银川塞上机床制造有限公司",
        "{body}"
    );
    assert!(!body.to_string().contains("password"), "{body}");
}

#[tokio::test]
async fn me_returns_the_signed_in_user_and_the_sessions_csrf_token() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("gy.bureau").await;

    // Act
    let response = app.get_as(&session, "/api/auth/me").await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["user"], session.user, "{body}");
    assert_eq!(body["user"]["role"], "recommender", "{body}");
    assert_eq!(
        body["user"]["scope_name"], "固原市人力资源和社会保障局",
        "{body}"
    );
    assert_eq!(body["csrf_token"], session.csrf.as_str(), "{body}");
}

#[tokio::test]
async fn usernames_are_matched_without_regard_to_case_or_surrounding_spaces() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.try_login(" HRSS ", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["user"]["username"], "hrss", "{body}");
}

#[tokio::test]
async fn an_unknown_account_and_a_wrong_password_get_the_same_answer() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let unknown = app.try_login("no.such.user", DEMO_PASSWORD).await;
    let wrong = app.try_login("finance", "Wrong-password-1").await;

    // Assert
    assert_eq!(unknown.status().as_u16(), 401);
    assert_eq!(wrong.status().as_u16(), 401);
    assert!(set_cookie(&wrong).is_none(), "a failed login set a cookie");
    let (unknown, wrong) = (json(unknown).await, json(wrong).await);
    assert_eq!(unknown, wrong);
    assert_eq!(wrong["code"], "unauthorized", "{wrong}");
}

#[tokio::test]
async fn a_login_without_username_and_password_names_both_fields() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.try_login("  ", "").await;

    // Assert
    assert_eq!(validation_fields(response).await, ["username", "password"]);
}

#[tokio::test]
async fn logging_out_ends_the_session_and_clears_the_cookie() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("finance").await;

    // Act
    let response = app
        .send(
            Method::POST,
            "/api/auth/logout",
            Auth::Session(&session),
            None,
        )
        .await;

    // Assert
    assert_eq!(response.status().as_u16(), 204);
    let cookie = set_cookie(&response).expect("logout set no cookie");
    assert!(
        cookie.starts_with("sid=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    let me = app.get_as(&session, "/api/auth/me").await;
    assert_eq!(me.status().as_u16(), 401);
}

#[tokio::test]
async fn logging_out_leaves_the_users_other_sessions_signed_in() {
    // Arrange
    let app = spawn_app().await;
    let laptop = app.login("finance").await;
    let tablet = app.login("finance").await;

    // Act
    let response = app
        .send(
            Method::POST,
            "/api/auth/logout",
            Auth::Session(&laptop),
            None,
        )
        .await;

    // Assert
    assert_eq!(response.status().as_u16(), 204);
    assert_eq!(
        app.get_as(&tablet, "/api/auth/me").await.status().as_u16(),
        200
    );
}

#[tokio::test]
async fn a_session_idle_for_two_hours_ends() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    let session = app.login("finance").await;
    clock.advance(Duration::hours(2) + Duration::seconds(1));

    // Act
    let response = app.get_as(&session, "/api/auth/me").await;

    // Assert
    assert_eq!(response.status().as_u16(), 401);
    let body = json(response).await;
    assert_eq!(body["code"], "unauthorized", "{body}");
}

#[tokio::test]
async fn a_session_used_within_every_two_hours_stays_signed_in() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    let session = app.login("finance").await;

    for hour in 1..=3 {
        clock.advance(Duration::hours(2) - Duration::minutes(1));

        // Act
        let response = app.get_as(&session, "/api/auth/me").await;

        // Assert
        assert_eq!(response.status().as_u16(), 200, "use {hour}");
    }
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_busy() {
    // Arrange: used every 100 minutes up to 11 h 40 min, and once more a second before 12 h.
    let (app, clock) = spawn_app_with_clock().await;
    let session = app.login("finance").await;
    for _ in 0..7 {
        clock.advance(Duration::minutes(100));
        let me = app.get_as(&session, "/api/auth/me").await;
        assert_eq!(me.status().as_u16(), 200, "at {}", clock.now());
    }
    clock.advance(Duration::minutes(20) - Duration::seconds(1));
    let last = app.get_as(&session, "/api/auth/me").await;
    assert_eq!(last.status().as_u16(), 200, "at {}", clock.now());
    clock.advance(Duration::seconds(2));

    // Act
    let response = app.get_as(&session, "/api/auth/me").await;

    // Assert
    assert_eq!(response.status().as_u16(), 401);
}

#[tokio::test]
async fn a_forged_or_ended_session_cookie_is_not_signed_in() {
    // Arrange
    let app = spawn_app().await;
    let mut session = app.login("finance").await;
    session.cookie = "sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into();

    // Act
    let me = app.get_as(&session, "/api/auth/me").await;
    let logout = app
        .send(
            Method::POST,
            "/api/auth/logout",
            Auth::Session(&session),
            None,
        )
        .await;

    // Assert
    assert_eq!(me.status().as_u16(), 401);
    assert_eq!(logout.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_users_signing_in_at_once_all_get_sessions() {
    // Arrange
    let app = spawn_app().await;
    let url = format!("{}/api/auth/login", app.address);
    let users = [
        "hrss",
        "finance",
        "expert.zhang",
        "expert.ma",
        "yc.bureau",
        "gy.bureau",
        "sasac",
        "edu",
        "agri",
        "yc.saishang",
        "gy.jigong",
        "nx.hanjie",
    ];

    for round in 0..3 {
        // Act
        let logins: Vec<_> = users
            .iter()
            .map(|username| {
                let body = json!({ "username": username, "password": DEMO_PASSWORD });
                let request = app.client.post(&url).json(&body);
                tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
            })
            .collect();
        let mut statuses = Vec::new();
        for login in logins {
            statuses.push(login.await.expect("task panicked").expect("request failed"));
        }

        // Assert
        assert!(
            statuses.iter().all(|s| *s == 200),
            "round {round}: {statuses:?}"
        );
    }
}

#[tokio::test]
async fn a_sign_in_not_sent_as_json_is_refused() {
    // Arrange: what an HTML form on another site could send.
    let app = spawn_app().await;

    // Act
    let response = app
        .client
        .post(format!("{}/api/auth/login", app.address))
        .header("content-type", "text/plain")
        .body(r#"{"username":"hrss","password":"Demo-2026-studio"}"#)
        .send()
        .await
        .expect("request");

    // Assert
    assert_eq!(response.status().as_u16(), 400);
    assert!(response.headers().get("set-cookie").is_none());
}
