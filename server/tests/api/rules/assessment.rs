//! `POST /api/rules/assessment-score`: the 附件 rubric in exact tenths and the 第十五条 grade.

use crate::helpers::{json, spawn_app, validation_fields};
use serde_json::{Value, json};

const PATH: &str = "/api/rules/assessment-score";

/// A year's facts; `team_training`, media `none` and report `missing` unless changed.
#[allow(clippy::too_many_arguments)]
fn facts(
    level: &str,
    training: i64,
    senior: i64,
    partners: i64,
    exchange: i64,
    team_training: bool,
    media: &str,
    report: &str,
) -> Value {
    json!({
        "level": level,
        "training_person_times": training,
        "senior_trained": senior,
        "partner_count": partners,
        "exchange_staff": exchange,
        "team_training": team_training,
        "media_level": media,
        "report": report
    })
}

/// Posts `body`, asserts 200, and returns the raw text and the parsed body.
async fn score(body: &Value) -> (String, Value) {
    let app = spawn_app().await;
    let response = app.post_json(PATH, body).await;
    let status = response.status().as_u16();
    let text = response.text().await.expect("cannot read the body");
    assert_eq!(status, 200, "{text}");
    let parsed = serde_json::from_str(&text).expect("body is not JSON");
    (text, parsed)
}

/// Tenths from a JSON number with at most one decimal.
fn tenths(v: &Value) -> i64 {
    let text = v.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, "0"));
    assert_eq!(frac.len(), 1, "{text} does not have exactly one decimal");
    whole.parse::<i64>().expect("whole points") * 10 + frac.parse::<i64>().expect("tenths")
}

#[tokio::test]
async fn one_national_training_person_time_scores_25_1_for_item_1() {
    // Arrange
    let body = facts("national", 1, 10, 5, 5, true, "central", "on_time");

    // Act
    let (text, _) = score(&body).await;

    // Assert
    assert!(
        text.contains(r#""item":1,"score":25.1,"max":30.0"#),
        "{text}"
    );
}

#[tokio::test]
async fn twenty_nine_regional_training_person_times_score_29_9_for_item_1() {
    // Arrange
    let body = facts("regional", 29, 6, 3, 3, true, "central", "on_time");

    // Act
    let (text, _) = score(&body).await;

    // Assert
    assert!(text.contains(r#""item":1,"score":29.9"#), "{text}");
    assert!(text.contains(r#""total":99.9"#), "{text}");
}

#[tokio::test]
async fn the_total_is_the_sum_of_seven_cited_items_in_tenths() {
    // Arrange
    let body = facts("regional", 17, 2, 1, 0, true, "city", "late");

    // Act
    let (_, body) = score(&body).await;

    // Assert
    let items = body["items"].as_array().expect("items");
    assert_eq!(items.len(), 7, "{body}");
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["item"], i + 1, "{item}");
        assert!(tenths(&item["score"]) <= tenths(&item["max"]), "{item}");
        assert!(
            item["article"].as_str().is_some_and(|a| a.contains("附件")),
            "{item}"
        );
        assert!(
            item["explanation"].as_str().is_some_and(|e| !e.is_empty()),
            "{item}"
        );
    }
    let sum: i64 = items.iter().map(|i| tenths(&i["score"])).sum();
    assert_eq!(tenths(&body["total"]), sum, "{body}");
    // 30 - 1.3 | 20 - 0.8 | 10 - 4 | 10 - 6 | 10 | 6 | 5 (regional thresholds 30, 6, 3, 3)
    assert_eq!(sum, 287 + 192 + 60 + 40 + 100 + 60 + 50, "{body}");
}

#[tokio::test]
async fn a_total_of_exactly_60_is_qualified_with_a_policy_note() {
    // Arrange: 30 + 20 + 0 + 0 + 10 + 0 + 0
    let body = facts("national", 50, 10, 0, 0, true, "none", "missing");

    // Act
    let (text, body) = score(&body).await;

    // Assert
    assert!(text.contains(r#""total":60.0"#), "{text}");
    assert_eq!(body["grade"], "qualified", "{body}");
    assert!(
        body["policy_note"].as_str().is_some_and(|n| !n.is_empty()),
        "{body}"
    );
    assert_eq!(body["article"], "第十五条", "{body}");
}

#[tokio::test]
async fn a_total_of_85_is_excellent() {
    // Arrange: 30 + 20 + 10 + 10 + 10 + 0 + 5
    let body = facts("national", 50, 10, 5, 5, true, "none", "late");

    // Act
    let (text, body) = score(&body).await;

    // Assert
    assert!(text.contains(r#""total":85.0"#), "{text}");
    assert_eq!(body["grade"], "excellent", "{body}");
    assert!(body["policy_note"].is_null(), "{body}");
}

#[tokio::test]
async fn a_total_of_59_9_is_unqualified() {
    // Arrange: 29.9 + 20 + 0 + 0 + 10 + 0 + 0
    let body = facts("national", 49, 10, 0, 0, true, "none", "missing");

    // Act
    let (text, body) = score(&body).await;

    // Assert
    assert!(text.contains(r#""total":59.9"#), "{text}");
    assert_eq!(body["grade"], "unqualified", "{body}");
    assert!(body["policy_note"].is_null(), "{body}");
}

#[tokio::test]
async fn bad_assessment_fields_are_rejected_naming_the_field() {
    // Arrange
    let app = spawn_app().await;
    let good = || facts("regional", 30, 6, 3, 3, true, "city", "on_time");
    let set = |key: &str, v: Value| {
        let mut b = good();
        b[key] = v;
        b
    };
    let remove = |key: &str| {
        let mut b = good();
        b.as_object_mut().expect("object").remove(key);
        b
    };
    let cases = [
        ("level", set("level", json!("city"))),
        (
            "training_person_times",
            set("training_person_times", json!(-1)),
        ),
        (
            "training_person_times",
            set("training_person_times", json!(1.5)),
        ),
        ("senior_trained", set("senior_trained", json!(-1))),
        ("partner_count", set("partner_count", json!(-1))),
        ("exchange_staff", set("exchange_staff", json!(-1))),
        ("exchange_staff", set("exchange_staff", json!(10_000_001))),
        ("team_training", set("team_training", json!("yes"))),
        ("media_level", set("media_level", json!("national"))),
        ("report", set("report", json!("never"))),
        ("report", remove("report")),
        ("media_level", remove("media_level")),
        ("exactly_sixty", set("exactly_sixty", json!("maybe"))),
    ];

    let mut failures = Vec::new();
    for (field, body) in cases {
        // Act
        let response = app.post_json(PATH, &body).await;

        // Assert
        if response.status().as_u16() != 422 {
            failures.push(format!("{field} in {body}: status {}", response.status()));
            continue;
        }
        let fields = validation_fields(response).await;
        if !fields.iter().any(|f| f == field) {
            failures.push(format!("{field} in {body}: the error names {fields:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn an_assessment_body_that_is_not_json_is_a_bad_request() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.post_raw(PATH, "report=on_time").await;

    // Assert
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(json(response).await["code"], "bad_request");
}
