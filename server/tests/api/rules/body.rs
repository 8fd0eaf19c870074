//! `POST /api/rules/eligibility` bodies that are not JSON, or too large to read.

use super::eligibility::{PATH, qualified, with};
use crate::helpers::{json, spawn_app};
use serde_json::json;

#[tokio::test]
async fn a_body_that_is_not_json_is_a_bad_request() {
    // Arrange
    let app = spawn_app().await;

    for body in ["level=regional", "{\"level\": \"regional\",", ""] {
        // Act
        let response = app.post_raw(PATH, body).await;

        // Assert
        assert_eq!(response.status().as_u16(), 400, "body {body:?}");
        let error = json(response).await;
        assert_eq!(error["code"], "bad_request", "body {body:?}: {error}");
    }
}

#[tokio::test]
async fn a_body_over_256_kib_is_refused_as_too_large() {
    // Arrange
    let app = spawn_app().await;
    let padding = "x".repeat(256 * 1024 + 1);
    let body = with(qualified(), "/leader/titles", json!([])).to_string();
    let body = format!("{{\"padding\":\"{padding}\",{}", &body[1..]);
    assert!(body.len() > 256 * 1024);

    // Act
    let response = app.post_raw(PATH, body).await;

    // Assert
    assert_eq!(response.status().as_u16(), 413);
    let error = json(response).await;
    assert_eq!(error["code"], "payload_too_large", "{error}");
}

#[tokio::test]
async fn a_body_just_under_256_kib_is_accepted() {
    // Arrange
    let app = spawn_app().await;
    let body = qualified().to_string();
    let padding = "x".repeat(256 * 1024 - body.len() - 20);
    let body = format!("{{\"padding\":\"{padding}\",{}", &body[1..]);
    assert!(body.len() <= 256 * 1024);

    // Act
    let response = app.post_raw(PATH, body).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}
