//! `POST /api/auth/password`: the current password must be right, the new one must meet the
//! policy; afterwards only the new one works and the user's other sessions end.

use crate::helpers::{DEMO_PASSWORD, Session, TestApp, spawn_app, validation_fields};
use serde_json::json;

const NEW_PASSWORD: &str = "Saishang-2027-lathe";

async fn change(app: &TestApp, session: &Session, current: &str, new: &str) -> reqwest::Response {
    let body = json!({ "current_password": current, "new_password": new });
    app.post_as(session, "/api/auth/password", &body).await
}

#[tokio::test]
async fn a_wrong_current_password_is_refused_naming_current_password() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("yc.saishang").await;

    // Act
    let response = change(&app, &session, "Not-the-password-1", NEW_PASSWORD).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["current_password"]);
    let old = app.try_login("yc.saishang", DEMO_PASSWORD).await;
    assert_eq!(old.status().as_u16(), 200, "the password changed anyway");
}

#[tokio::test]
async fn a_weak_new_password_is_refused_naming_new_password() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("yc.saishang").await;
    let too_long = format!("Aa1-{}", "x".repeat(125));
    let weak = [
        ("too short", "Short-1"),
        ("letters only", "onlylettershere"),
        ("digits only", "20262026202620"),
        ("contains the username", "YC.Saishang-2026"),
        ("over 128 characters", too_long.as_str()),
    ];

    for (why, password) in weak {
        // Act
        let response = change(&app, &session, DEMO_PASSWORD, password).await;

        // Assert
        assert_eq!(validation_fields(response).await, ["new_password"], "{why}");
    }
    let old = app.try_login("yc.saishang", DEMO_PASSWORD).await;
    assert_eq!(old.status().as_u16(), 200, "a weak password was stored");
}

#[tokio::test]
async fn after_a_change_the_old_password_fails_and_the_new_one_works() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("yc.saishang").await;

    // Act
    let response = change(&app, &session, DEMO_PASSWORD, NEW_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 204);
    let old = app.try_login("yc.saishang", DEMO_PASSWORD).await;
    assert_eq!(old.status().as_u16(), 401);
    let new = app.try_login("yc.saishang", NEW_PASSWORD).await;
    assert_eq!(new.status().as_u16(), 200);
}

#[tokio::test]
async fn a_change_ends_the_users_other_sessions_but_not_this_one() {
    // Arrange
    let app = spawn_app().await;
    let here = app.login("yc.saishang").await;
    let elsewhere = app.login("yc.saishang").await;
    let someone_else = app.login("nx.hanjie").await;

    // Act
    let response = change(&app, &here, DEMO_PASSWORD, NEW_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 204);
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(status(app.get_as(&here, "/api/auth/me").await), 200);
    assert_eq!(status(app.get_as(&elsewhere, "/api/auth/me").await), 401);
    assert_eq!(status(app.get_as(&someone_else, "/api/auth/me").await), 200);
}

#[tokio::test]
async fn a_password_change_body_without_new_password_names_it() {
    // Arrange
    let app = spawn_app().await;
    let session = app.login("yc.saishang").await;
    let body = json!({ "current_password": DEMO_PASSWORD });

    // Act
    let response = app.post_as(&session, "/api/auth/password", &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["new_password"]);
}
