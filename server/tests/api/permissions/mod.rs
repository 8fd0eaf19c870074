//! The permission matrix: every endpoint tried by every caller (anonymous and each role), on own
//! and other objects, with and without the CSRF token; and a check that the OpenAPI document lists
//! no endpoint the matrix leaves out.

mod matrix;
mod runner;

use crate::helpers::{Auth, json, spawn_app, spawn_app_in_round};
use matrix::{EXPERT, HRSS, UNDOCUMENTED, matrix, role_of};
use reqwest::Method;
use runner::{code_of, run};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

#[tokio::test]
async fn every_endpoint_answers_every_caller_as_the_matrix_says() {
    // Arrange: inside the 2026 round, so that its applications may be created and submitted.
    let (app, _clock) = spawn_app_in_round().await;
    let matrix = matrix();

    // Act
    let mismatches = run(&app, &matrix).await;

    // Assert
    assert!(
        mismatches.is_empty(),
        "{} of {} rows differ:\n{}",
        mismatches.len(),
        matrix.len(),
        mismatches.join("\n")
    );
}

#[tokio::test]
async fn every_documented_endpoint_has_a_matrix_row_for_every_caller() {
    // Arrange
    let app = spawn_app().await;
    let doc = json(app.get("/api/openapi.json").await).await;
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths is not an object") {
        for method in item.as_object().expect("path item is not an object").keys() {
            if [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .contains(&method.as_str())
            {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(
        documented.contains(&("PATCH".into(), "/api/admin/users/{id}".into())),
        "the document is not what this test expects: {documented:?}"
    );

    // Act
    let mut covered: BTreeMap<(String, String), BTreeSet<&str>> = BTreeMap::new();
    for row in matrix() {
        let path = row.path.split('?').next().unwrap_or(row.path).to_owned();
        let kind = row.caller.map_or("anonymous", role_of);
        covered
            .entry((row.method.to_string(), path))
            .or_default()
            .insert(kind);
    }

    // Assert
    let kinds = BTreeSet::from([
        "anonymous",
        "applicant",
        "recommender",
        "hrss_admin",
        "expert",
        "finance",
    ]);
    let missing: Vec<String> = documented
        .iter()
        .filter(|endpoint| covered.get(*endpoint) != Some(&kinds))
        .map(|(method, path)| {
            let have = covered.get(&(method.clone(), path.clone()));
            format!("{method} {path}: rows for {have:?}")
        })
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row for every caller:\n{}",
        missing.join("\n")
    );
    let unknown: Vec<&(String, String)> = covered
        .keys()
        .filter(|e| !documented.contains(*e))
        .filter(|(m, p)| !UNDOCUMENTED.contains(&(m.as_str(), p.as_str())))
        .collect();
    assert!(
        unknown.is_empty(),
        "matrix rows for undocumented endpoints: {unknown:?}"
    );
}

#[tokio::test]
async fn a_state_changing_request_without_the_csrf_token_changes_nothing() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login(HRSS).await;
    let body = json!({
        "username": "csrf.victim", "display_name": "跨站测试", "password": "Csrf-2026-pass",
        "role": "finance"
    });

    // Act
    let refused = app
        .send(
            Method::POST,
            "/api/admin/users",
            Auth::WithoutCsrf(&admin),
            Some(&body),
        )
        .await;

    // Assert
    assert_eq!(refused.status().as_u16(), 403);
    let users = json(app.get_as(&admin, "/api/admin/users").await).await;
    assert!(
        !users.to_string().contains("csrf.victim"),
        "the account was created: {users}"
    );
    assert_eq!(
        app.try_login("csrf.victim", "Csrf-2026-pass")
            .await
            .status()
            .as_u16(),
        401
    );
}

#[tokio::test]
async fn a_non_admin_is_refused_before_the_body_of_an_admin_request_is_read() {
    // Arrange
    let app = spawn_app().await;
    let expert = app.login(EXPERT).await;

    // Any id: the role alone must decide.
    for (method, path) in [
        (Method::POST, "/api/admin/users"),
        (Method::PATCH, "/api/admin/users/1"),
    ] {
        // Act
        let response = app
            .send(
                method.clone(),
                path,
                Auth::Session(&expert),
                Some(&json!({ "role": 7 })),
            )
            .await;

        // Assert
        assert_eq!(response.status().as_u16(), 403, "{method} {path}");
    }
}

#[tokio::test]
async fn a_non_numeric_id_is_answered_with_an_error_body() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login(HRSS).await;

    let reason = json!({ "reason": "x" });

    for (method, path, body) in [
        (Method::GET, "/api/studios/abc", None),
        (Method::GET, "/api/studios/99999999999", None),
        (Method::PATCH, "/api/admin/users/abc", Some(&reason)),
        (Method::GET, "/api/applications/abc", None),
        (Method::GET, "/api/applications/99999999999", None),
        (Method::PUT, "/api/applications/abc", Some(&reason)),
        (
            Method::POST,
            "/api/applications/abc/transition",
            Some(&reason),
        ),
    ] {
        // Act
        let response = app
            .send(method.clone(), path, Auth::Session(&admin), body)
            .await;

        // Assert: 400 or 404 are both right; the shape of the body is what matters.
        let status = response.status().as_u16();
        assert!(matches!(status, 400 | 404), "{method} {path}: {status}");
        let text = response.text().await.unwrap_or_default();
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("{method} {path}: not JSON: {text}"));
        assert_eq!(body["code"], code_of(status).unwrap_or_default(), "{body}");
    }
}
