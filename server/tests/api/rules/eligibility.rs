//! `POST /api/rules/eligibility`: verdicts and cited findings for valid input.

use crate::helpers::{json, spawn_app};
use serde_json::{Value, json};

pub(super) const PATH: &str = "/api/rules/eligibility";

/// A regional enterprise application that meets every condition (route 1: a title).
pub(super) fn qualified() -> Value {
    json!({
        "level": "regional",
        "national_category": null,
        "application_date": "2025-06-15",
        "leader": {
            "birth_date": "1975-03-10",
            "titles": ["regional_technical_expert"],
            "skill_level": "technician",
            "active_innovation": false,
            "influential_invention": false,
            "economic_benefit": false,
            "unique_skills": false,
            "craft_contribution": false,
            "top_skill": true,
            "mentoring_experience": true,
            "healthy": true,
            "can_run_studio": true,
            "teacher_qualification": false,
            "integrated_teacher": false,
            "front_line_teaching": false,
            "enterprise_experience": false,
            "last_exit_date": null
        },
        "unit": {
            "kind": "enterprise",
            "employees": 1000,
            "skilled_employees": 400,
            "talent_policies": true,
            "funding_and_premises": true,
            "training_results": true,
            "has_approved_regional_studio": false,
            "last_exit_date": null
        }
    })
}

/// `body` with the value at JSON pointer `pointer` replaced.
pub(super) fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    *body
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the body")) = value;
    body
}

/// Posts `body` and returns the 200 report.
async fn report(body: &Value) -> Value {
    let app = spawn_app().await;
    let response = app.post_json(PATH, body).await;
    let status = response.status().as_u16();
    let report = json(response).await;
    assert_eq!(status, 200, "{report}");
    report
}

/// The finding of rule `rule`, failing the test when there is none.
fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .expect("findings is not an array")
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no finding {rule} in {report}"))
}

#[tokio::test]
async fn a_qualified_applicant_passes_with_cited_bilingual_findings() {
    // Arrange
    let body = qualified();

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(report["verdict"], "pass", "{report}");
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["severity"], "pass", "{f}");
        assert!(
            f["article"].as_str().is_some_and(|a| a.starts_with('第')),
            "{f}"
        );
        assert!(
            f["message_zh"].as_str().is_some_and(|m| !m.is_empty()),
            "{f}"
        );
        assert!(
            f["message_en"].as_str().is_some_and(|m| !m.is_empty()),
            "{f}"
        );
        assert!(f["inputs"].is_array(), "{f}");
    }
    assert!(
        report["notes"].as_array().is_some_and(|n| !n.is_empty()),
        "{report}"
    );
}

#[tokio::test]
async fn a_skilled_share_of_29_9_percent_fails_article_10_2_1_2() {
    // Arrange
    let body = with(qualified(), "/unit/skilled_employees", json!(299));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(report["verdict"], "fail", "{report}");
    let f = finding(&report, "enterprise.skilled_share");
    assert_eq!(f["severity"], "fail", "{f}");
    assert_eq!(f["article"], "第十条（二）1（2）", "{f}");
    assert!(
        f["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .any(|i| i["field"] == "unit.skilled_employees" && i["value"] == "299"),
        "{f}"
    );
}

#[tokio::test]
async fn a_skilled_share_of_exactly_30_percent_passes() {
    // Arrange
    let body = with(qualified(), "/unit/skilled_employees", json!(300));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(
        finding(&report, "enterprise.skilled_share")["severity"],
        "pass"
    );
    assert_eq!(report["verdict"], "pass", "{report}");
}

#[tokio::test]
async fn a_leader_is_warned_about_age_the_day_after_the_56th_birthday() {
    // Arrange
    let body = with(qualified(), "/leader/birth_date", json!("1970-03-01"));
    let body = with(body, "/application_date", json!("2026-03-02"));

    // Act
    let report = report(&body).await;

    // Assert
    let f = finding(&report, "leader.age");
    assert_eq!(f["severity"], "warning", "{f}");
    assert_eq!(f["article"], "第十条（一）", "{f}");
    assert_eq!(report["verdict"], "warning", "{report}");
}

#[tokio::test]
async fn a_leader_on_the_56th_birthday_is_still_55_and_passes_the_age_rule() {
    // Arrange
    let body = with(qualified(), "/leader/birth_date", json!("1970-03-01"));
    let body = with(body, "/application_date", json!("2026-03-01"));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(
        finding(&report, "leader.age")["severity"],
        "pass",
        "{report}"
    );
}

#[tokio::test]
async fn a_training_base_host_needs_manual_review() {
    // Arrange
    let body = with(qualified(), "/unit/kind", json!("training_base"));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(report["verdict"], "manual_review", "{report}");
    assert_eq!(
        finding(&report, "unit.training_base")["severity"],
        "manual_review"
    );
}

#[tokio::test]
async fn a_national_application_without_a_category_fails() {
    // Arrange
    let body = with(qualified(), "/level", json!("national"));
    let body = with(body, "/unit/has_approved_regional_studio", json!(true));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(report["verdict"], "fail", "{report}");
    let f = finding(&report, "national.category");
    assert_eq!(f["severity"], "fail", "{f}");
    assert_eq!(f["article"], "第十二条", "{f}");
}

#[tokio::test]
async fn a_national_application_with_a_category_passes() {
    // Arrange
    let body = with(qualified(), "/level", json!("national"));
    let body = with(body, "/national_category", json!("services"));
    let body = with(body, "/unit/has_approved_regional_studio", json!(true));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(finding(&report, "national.category")["severity"], "pass");
    assert_eq!(report["verdict"], "pass", "{report}");
}

#[tokio::test]
async fn an_exit_on_the_third_anniversary_still_bars_the_application() {
    // Arrange
    let body = with(qualified(), "/unit/last_exit_date", json!("2022-06-15"));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(report["verdict"], "fail", "{report}");
    let f = finding(&report, "ban.reapplication");
    assert_eq!(f["severity"], "fail", "{f}");
    assert_eq!(f["article"], "第十八条", "{f}");
}

#[tokio::test]
async fn an_exit_more_than_three_years_ago_no_longer_bars_the_application() {
    // Arrange
    let body = with(qualified(), "/unit/last_exit_date", json!("2022-06-14"));

    // Act
    let report = report(&body).await;

    // Assert
    assert_eq!(finding(&report, "ban.reapplication")["severity"], "pass");
    assert_eq!(report["verdict"], "pass", "{report}");
}

#[tokio::test]
async fn a_leader_exit_on_the_third_anniversary_also_bars_the_application() {
    // Arrange
    let body = with(qualified(), "/leader/last_exit_date", json!("2022-06-15"));

    // Act
    let report = report(&body).await;

    // Assert
    let f = finding(&report, "ban.reapplication");
    assert_eq!(f["severity"], "fail", "{f}");
    assert_eq!(f["article"], "第十八条", "{f}");
}
