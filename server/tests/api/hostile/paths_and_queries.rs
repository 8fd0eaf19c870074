//! Hostile paths and query strings: a 4xx with the `ErrorBody`, a search or filter of SQL matches
//! nothing, and pages and years beyond any data are empty or refused, never a server error.

use super::{HRSS, YC, answer, refused, studio_count};
use crate::helpers::{spawn_app_in_round, validation_fields};
use serde_json::json;

#[tokio::test]
async fn hostile_paths_and_queries_are_a_4xx_with_the_error_body() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studios = studio_count(&app, &hrss).await;
    let not_found: [&str; 9] = [
        "/api/studios/1%27%20OR%201=1",
        "/api/studios/99999999999999999999",
        "/api/studios/2147483648",
        "/api/studios/-1",
        "/api/studios/1;DROP%20TABLE%20studio",
        "/api/studios/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/studios/%F0%9F%98%80",
        "/api/applications/1%20OR%201=1/history",
        "/api/studios/1%27%20OR%201=1/ledger",
    ];
    let invalid: [(&str, &str); 8] = [
        (
            "/api/board?sort=id;DROP%20TABLE%20application&round_id=1",
            "sort",
        ),
        ("/api/board?round_id=1%20OR%201=1", "round_id"),
        ("/api/board?dir=asc;--", "dir"),
        ("/api/board?page=99999999999999999999", "page"),
        ("/api/dashboard?year=abc", "year"),
        ("/api/dashboard?year=99999999999", "year"),
        ("/api/studios?city=%27%20OR%201=1", "city"),
        ("/api/board/export?format=csv;rm%20-rf", "format"),
    ];

    for path in not_found {
        // Act
        let (status, error) = refused(app.get_as(&hrss, path).await).await;

        // Assert
        assert_eq!(status, 404, "{path}: {error}");
        assert_eq!(error["code"], "not_found", "{path}: {error}");
    }
    for (path, field) in invalid {
        // Act
        let response = app.get_as(&hrss, path).await;

        // Assert
        assert_eq!(validation_fields(response).await, [field], "{path}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_search_or_filter_of_sql_matches_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    app.submitted(&app.login(YC).await, "enterprise").await;

    for path in [
        "/api/board?q=%27%20OR%201=1%20--",
        "/api/board?q=%25%27%20OR%20%27%25%27=%27",
        "/api/board?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/admin/audit?object_type=%27%20OR%201=1%20--",
        "/api/admin/audit?object_id=1%20OR%201=1",
    ] {
        // Act
        let (status, body) = answer(app.get_as(&hrss, path).await).await;

        // Assert
        assert_eq!(status, 200, "{path}: {body}");
        let rows = body
            .get("rows")
            .unwrap_or(&body)
            .as_array()
            .unwrap_or_else(|| panic!("{path}: no list in {body}"));
        assert!(rows.is_empty(), "{path} matched: {body}");
    }
}

#[tokio::test]
async fn a_page_far_beyond_the_last_is_empty_or_refused_never_a_server_error() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    for query in [
        "page=18446744073709551615",
        "page=18446744073709551615&per_page=200",
        "page=9223372036854775807&per_page=1",
        "page=9223372036854775808&per_page=1",
    ] {
        // Act
        let response = app
            .client
            .get(format!("{}/api/board?{query}", app.address))
            .header(reqwest::header::COOKIE, &hrss.cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("?{query}: the server dropped the connection: {e}"));

        // Assert
        let (status, body) = answer(response).await;
        match status {
            200 => assert_eq!(body["rows"], json!([]), "?{query}: {body}"),
            422 => assert_eq!(body["fields"][0]["field"], "page", "?{query}: {body}"),
            _ => panic!("?{query}: {status}: {body}"),
        }
    }
}

#[tokio::test]
async fn a_year_no_date_can_have_lists_no_studio() {
    // Arrange: chrono's dates end in 262143; no studio was approved after that.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    for path in [
        "/api/studios?year=999999",
        "/api/public/studios?year=999999",
        "/api/studios?year=-2147483648",
        "/api/public/studios?year=2147483647",
    ] {
        // Act
        let (status, body) = answer(app.get_as(&hrss, path).await).await;

        // Assert
        match status {
            200 => assert_eq!(body["studios"], json!([]), "{path}: {body}"),
            422 => assert_eq!(body["fields"][0]["field"], "year", "{path}: {body}"),
            _ => panic!("{path}: {status}: {body}"),
        }
    }
}
