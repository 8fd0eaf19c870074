//! `GET /api/health` and the OpenAPI document.

use crate::helpers::{json, spawn_app};

#[tokio::test]
async fn health_reports_ok_for_the_server_and_its_database() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.get("/api/health").await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["database"], "ok", "{body}");
    assert!(body["version"].is_string(), "{body}");
}

#[tokio::test]
async fn the_openapi_document_lists_the_rules_endpoints_and_health() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.get("/api/openapi.json").await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    let paths = body["paths"].as_object().expect("`paths` is not an object");
    for path in [
        "/api/rules/eligibility",
        "/api/rules/assessment-score",
        "/api/health",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys()
        );
    }
    assert!(
        paths["/api/rules/eligibility"]["post"].is_object(),
        "eligibility is not documented as POST"
    );
}
