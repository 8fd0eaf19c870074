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

#[tokio::test]
async fn the_server_answers_every_endpoint_shared_describes() {
    // Arrange: every (method, path) of `shared::api`, path parameters set to 1.
    struct Described(Vec<(reqwest::Method, String)>);
    impl shared::api::Visitor for Described {
        fn visit<E: shared::api::Endpoint>(&mut self) {
            let args = vec![1; shared::api::path_params(E::PATH).len()];
            let method = reqwest::Method::from_bytes(E::METHOD.as_http().as_bytes())
                .expect("an HTTP method");
            self.0.push((method, shared::api::path::<E>(&args)));
        }
    }
    let mut described = Described(Vec::new());
    shared::api::visit_all(&mut described);
    let app = spawn_app().await;

    // Act: each, as an anonymous visitor.
    let mut unrouted = Vec::new();
    for (method, path) in &described.0 {
        let status = app
            .send(method.clone(), path, crate::helpers::Auth::Anonymous, None)
            .await
            .status()
            .as_u16();
        // Assert: routed (anything but the router's 404 and 405).
        if status == 404 || status == 405 {
            unrouted.push(format!("{method} {path} → {status}"));
        }
    }
    assert!(described.0.len() >= 76, "{}", described.0.len());
    assert!(
        unrouted.is_empty(),
        "described but not answered: {unrouted:#?}"
    );
}
