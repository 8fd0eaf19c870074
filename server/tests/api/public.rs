//! `GET /api/public/studios`: the seeded demo studios, their entitlements, and the filters.

use crate::helpers::{json, spawn_app};
use serde_json::Value;
use std::collections::BTreeSet;

async fn studios(query: &str) -> Value {
    let app = spawn_app().await;
    let response = app.get(&format!("/api/public/studios{query}")).await;
    let status = response.status().as_u16();
    let body = json(response).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn rows(list: &Value) -> &Vec<Value> {
    list["studios"].as_array().expect("studios is not an array")
}

fn text<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {row}"))
}

fn fen(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{v} is not an integer amount of fen"))
}

/// Asserts that the total is the sum of the rows' entitlements.
fn assert_total_consistent(list: &Value) {
    let sum: i64 = rows(list).iter().map(|r| fen(&r["entitlement_fen"])).sum();
    assert_eq!(fen(&list["total_entitlement_fen"]), sum, "{list}");
}

fn plaques<'a>(rows: impl Iterator<Item = &'a Value>) -> BTreeSet<String> {
    rows.map(|r| text(r, "plaque_no").to_owned()).collect()
}

#[tokio::test]
async fn the_demo_studios_cover_every_city_level_category_and_year() {
    // Arrange
    let query = "";

    // Act
    let list = studios(query).await;

    // Assert
    let rows = rows(&list);
    let cities: BTreeSet<&str> = rows.iter().map(|r| text(r, "city")).collect();
    assert_eq!(
        cities,
        BTreeSet::from(["guyuan", "shizuishan", "wuzhong", "yinchuan", "zhongwei"])
    );
    let levels: BTreeSet<&str> = rows.iter().map(|r| text(r, "level")).collect();
    assert_eq!(levels, BTreeSet::from(["national", "regional"]));
    let categories: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r["level"] == "national")
        .map(|r| text(r, "national_category"))
        .collect();
    assert_eq!(
        categories,
        BTreeSet::from(["manufacturing", "other", "services"])
    );
    let years: BTreeSet<&str> = rows.iter().map(|r| &text(r, "approved_on")[..4]).collect();
    assert_eq!(years, BTreeSet::from(["2023", "2024", "2025", "2026"]));
    assert!(
        rows.iter()
            .all(|r| r["national_category"].is_null() == (r["level"] == "regional")),
        "only national studios have a category"
    );
}

#[tokio::test]
async fn the_total_entitlement_is_the_sum_of_the_studios_entitlements() {
    // Arrange
    let query = "";

    // Act
    let list = studios(query).await;

    // Assert
    assert!(!rows(&list).is_empty());
    assert_total_consistent(&list);
}

#[tokio::test]
async fn every_entitlement_follows_article_12() {
    // Arrange
    let query = "";

    // Act
    let list = studios(query).await;

    // Assert
    for row in rows(&list) {
        let expected = match (text(row, "level"), row["national_category"].as_str()) {
            ("national", Some("manufacturing")) => 30_000_000,
            ("national", Some("services")) => 20_000_000,
            ("national", Some("other")) => 10_000_000,
            ("regional", None) => 10_000_000,
            other => panic!("unexpected level and category {other:?} in {row}"),
        };
        assert_eq!(fen(&row["entitlement_fen"]), expected, "{row}");
    }
}

#[tokio::test]
async fn each_filter_returns_exactly_the_matching_studios() {
    // Arrange
    let app = spawn_app().await;
    let all = json(app.get("/api/public/studios").await).await;
    type Predicate = fn(&Value) -> bool;
    let filters: [(&str, Predicate); 4] = [
        ("?city=guyuan", |r| r["city"] == "guyuan"),
        ("?level=national", |r| r["level"] == "national"),
        ("?year=2024", |r| {
            text(r, "approved_on").starts_with("2024-")
        }),
        ("?city=yinchuan&level=national&year=2024", |r| {
            r["city"] == "yinchuan"
                && r["level"] == "national"
                && text(r, "approved_on").starts_with("2024-")
        }),
    ];

    for (query, matches) in filters {
        // Act
        let response = app.get(&format!("/api/public/studios{query}")).await;

        // Assert
        assert_eq!(response.status().as_u16(), 200, "{query}");
        let list = json(response).await;
        let expected = plaques(rows(&all).iter().filter(|r| matches(r)));
        assert!(!expected.is_empty(), "{query}: the demo data has no match");
        assert!(rows(&list).iter().all(matches), "{query}: {list}");
        assert_eq!(plaques(rows(&list).iter()), expected, "{query}");
        assert_total_consistent(&list);
    }
}

#[tokio::test]
async fn a_year_without_studios_returns_an_empty_list_and_a_zero_total() {
    // Arrange
    let query = "?year=2019";

    // Act
    let list = studios(query).await;

    // Assert
    assert!(rows(&list).is_empty(), "{list}");
    assert_eq!(fen(&list["total_entitlement_fen"]), 0);
}

#[tokio::test]
async fn a_bad_filter_is_rejected_naming_the_parameter() {
    // Arrange
    let app = spawn_app().await;

    for (query, field) in [
        ("?city=beijing", "city"),
        ("?level=city", "level"),
        ("?year=soon", "year"),
    ] {
        // Act
        let response = app.get(&format!("/api/public/studios{query}")).await;

        // Assert
        assert_eq!(response.status().as_u16(), 422, "{query}");
        let body: serde_json::Value = response.json().await.expect("JSON error body");
        assert_eq!(body["code"], "validation", "{query}");
        assert_eq!(body["fields"][0]["field"], field, "{query}");
    }
}

#[tokio::test]
async fn a_wrong_method_answers_405_with_the_error_body() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app
        .client
        .put(format!("{}/api/rules/eligibility", app.address))
        .send()
        .await
        .expect("request");

    // Assert
    assert_eq!(response.status().as_u16(), 405);
    let body: serde_json::Value = response.json().await.expect("JSON error body");
    assert_eq!(body["code"], "method_not_allowed");
}
