//! The built client (SPA fallback), the API's own 404, and the security headers on every response.

use crate::helpers::{
    APP_JS, INDEX_MARKER, TestApp, json, spawn_app, spawn_app_with_bundles, spawn_app_with_client,
};

/// Asserts the security headers every response carries.
fn assert_security_headers(path: &str, response: &reqwest::Response) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{path}: no {name} header"))
            .to_owned()
    };
    let csp = header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
}

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn get_html(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    assert!(content_type(&response).starts_with("text/html"), "{path}");
    response.text().await.expect("cannot read the body")
}

#[tokio::test]
async fn the_root_serves_the_built_client() {
    // Arrange
    let app = spawn_app_with_client().await;

    // Act
    let html = get_html(&app, "/").await;

    // Assert
    assert!(html.contains(INDEX_MARKER), "{html}");
}

#[tokio::test]
async fn each_page_is_served_with_its_roles_bundle() {
    // Arrange
    let app = spawn_app_with_bundles().await;
    let pages = [
        ("/", "public"),
        ("/self-check", "public"),
        ("/notice", "public"),
        ("/scoring", "tablet"),
        ("/scoring/12", "tablet"),
        ("/applications/new", "applicant"),
        ("/applications/7/edit", "applicant"),
        ("/applications/7", "app"),
        ("/applications", "app"),
        ("/home", "app"),
        ("/login", "app"),
        ("/studios/3", "app"),
        ("/board", "selection"),
        ("/panels", "selection"),
        ("/panels/4", "selection"),
        ("/experts", "selection"),
        ("/admin/imports", "admin"),
        ("/admin/users", "admin"),
        ("/admin/policies", "admin"),
        ("/dashboard", "dashboard"),
    ];

    for (path, bundle) in pages {
        // Act
        let html = get_html(&app, path).await;

        // Assert
        assert!(html.contains(&format!("bundle:{bundle}")), "{path}: {html}");
    }
}

#[tokio::test]
async fn a_client_route_falls_back_to_the_built_client() {
    // Arrange
    let app = spawn_app_with_client().await;

    // Act
    let html = get_html(&app, "/self-check").await;

    // Assert
    assert!(html.contains(INDEX_MARKER), "{html}");
}

#[tokio::test]
async fn a_static_file_of_the_client_is_served_as_is() {
    // Arrange
    let app = spawn_app_with_client().await;

    // Act
    let response = app.get("/app.js").await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        content_type(&response).contains("javascript"),
        "{}",
        content_type(&response)
    );
    assert_eq!(response.text().await.expect("body"), APP_JS);
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_client() {
    // Arrange
    let app = spawn_app_with_client().await;

    // Act
    let response = app.get("/api/nope").await;

    // Assert
    assert_eq!(response.status().as_u16(), 404);
    assert!(content_type(&response).starts_with("application/json"));
    let body = json(response).await;
    assert_eq!(body["code"], "not_found", "{body}");
    assert!(!body.to_string().contains(INDEX_MARKER));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    // Arrange
    let app = spawn_app_with_client().await;
    let paths = [
        "/",
        "/self-check",
        "/app.js",
        "/api/health",
        "/api/nope",
        "/api/openapi.json",
    ];

    for path in paths {
        // Act
        let response = app.get(path).await;

        // Assert
        assert_security_headers(path, &response);
    }
    let response = app
        .post_json(
            "/api/rules/eligibility",
            &serde_json::json!({"level": "city"}),
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert_security_headers("POST /api/rules/eligibility (422)", &response);
}

#[tokio::test]
async fn without_a_built_client_the_root_says_the_client_is_not_built() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.get("/").await;

    // Assert
    assert_security_headers("/", &response);
    assert_eq!(response.status().as_u16(), 200);
    assert!(content_type(&response).starts_with("text/html"));
    let html = response.text().await.expect("body");
    assert!(html.contains("客户端尚未构建"), "{html}");
}

#[tokio::test]
async fn without_a_built_client_the_api_still_answers() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let health = app.get("/api/health").await;
    let missing = app.get("/api/nope").await;

    // Assert
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(json(missing).await["code"], "not_found");
}
