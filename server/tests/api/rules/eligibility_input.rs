//! `POST /api/rules/eligibility` with bad input: every field tried, each error naming its path.

use super::eligibility::{PATH, qualified, with};
use crate::helpers::{TestApp, spawn_app, validation_fields};
use serde_json::{Value, json};

/// `body` without the key at the end of JSON pointer `pointer`.
fn without(mut body: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|o| o.remove(key))
        .unwrap_or_else(|| panic!("no {pointer} in the body"));
    body
}

/// How a case expects the field to be named.
enum Named {
    Exactly(&'static str),
    StartingWith(&'static str),
}

/// Posts each case and returns a description of every case that did not get a 422 naming its field.
async fn failures(app: &TestApp, cases: Vec<(String, Value, Named)>) -> Vec<String> {
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for (case, body, named) in cases {
        let response = app.post_json(PATH, &body).await;
        if response.status().as_u16() != 422 {
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            failures.push(format!("{case}: expected 422, got {status}: {text}"));
            continue;
        }
        let fields = validation_fields(response).await;
        let ok = match named {
            Named::Exactly(path) => fields.iter().any(|f| f == path),
            Named::StartingWith(prefix) => fields.iter().any(|f| f.starts_with(prefix)),
        };
        if !ok {
            failures.push(format!("{case}: the error names {fields:?}"));
        }
    }
    failures
}

fn case(name: &str, body: Value, named: Named) -> (String, Value, Named) {
    (name.to_owned(), body, named)
}

#[tokio::test]
async fn bad_top_level_fields_are_rejected_naming_the_field() {
    // Arrange
    let app = spawn_app().await;
    let cases = vec![
        case(
            "level city",
            with(qualified(), "/level", json!("city")),
            Named::Exactly("level"),
        ),
        case(
            "level missing",
            without(qualified(), "/level"),
            Named::Exactly("level"),
        ),
        case(
            "national_category x",
            with(qualified(), "/national_category", json!("x")),
            Named::Exactly("national_category"),
        ),
        case(
            "national_category x on a national application",
            with(
                with(qualified(), "/level", json!("national")),
                "/national_category",
                json!("x"),
            ),
            Named::Exactly("national_category"),
        ),
        case(
            "application_date month 13",
            with(qualified(), "/application_date", json!("2026-13-01")),
            Named::Exactly("application_date"),
        ),
        case(
            "leader missing",
            without(qualified(), "/leader"),
            Named::Exactly("leader"),
        ),
        case(
            "unit missing",
            without(qualified(), "/unit"),
            Named::Exactly("unit"),
        ),
    ];

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn bad_leader_fields_are_rejected_naming_the_field() {
    // Arrange
    let app = spawn_app().await;
    let cases = vec![
        case(
            "birth_date missing",
            without(qualified(), "/leader/birth_date"),
            Named::Exactly("leader.birth_date"),
        ),
        case(
            "birth_date after the application date",
            with(qualified(), "/leader/birth_date", json!("2025-06-16")),
            Named::Exactly("leader.birth_date"),
        ),
        case(
            "birth_date on the application date",
            with(qualified(), "/leader/birth_date", json!("2025-06-15")),
            Named::Exactly("leader.birth_date"),
        ),
        case(
            "birth_date 30 February",
            with(qualified(), "/leader/birth_date", json!("1975-02-30")),
            Named::Exactly("leader.birth_date"),
        ),
        case(
            "titles nobel",
            with(qualified(), "/leader/titles", json!(["nobel"])),
            Named::StartingWith("leader.titles"),
        ),
        case(
            "titles not a list",
            with(
                qualified(),
                "/leader/titles",
                json!("regional_technical_expert"),
            ),
            Named::StartingWith("leader.titles"),
        ),
        case(
            "skill_level master",
            with(qualified(), "/leader/skill_level", json!("master")),
            Named::Exactly("leader.skill_level"),
        ),
        case(
            "last_exit_date yesterday",
            with(qualified(), "/leader/last_exit_date", json!("yesterday")),
            Named::Exactly("leader.last_exit_date"),
        ),
    ];

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn every_leader_boolean_given_as_a_string_is_rejected_naming_its_field() {
    // Arrange
    let app = spawn_app().await;
    const BOOLEANS: [(&str, &str); 13] = [
        ("/leader/active_innovation", "leader.active_innovation"),
        (
            "/leader/influential_invention",
            "leader.influential_invention",
        ),
        ("/leader/economic_benefit", "leader.economic_benefit"),
        ("/leader/unique_skills", "leader.unique_skills"),
        ("/leader/craft_contribution", "leader.craft_contribution"),
        ("/leader/top_skill", "leader.top_skill"),
        (
            "/leader/mentoring_experience",
            "leader.mentoring_experience",
        ),
        ("/leader/healthy", "leader.healthy"),
        ("/leader/can_run_studio", "leader.can_run_studio"),
        (
            "/leader/teacher_qualification",
            "leader.teacher_qualification",
        ),
        ("/leader/integrated_teacher", "leader.integrated_teacher"),
        ("/leader/front_line_teaching", "leader.front_line_teaching"),
        (
            "/leader/enterprise_experience",
            "leader.enterprise_experience",
        ),
    ];
    let cases = BOOLEANS
        .iter()
        .map(|&(pointer, path)| {
            case(
                path,
                with(qualified(), pointer, json!("yes")),
                Named::Exactly(path),
            )
        })
        .collect();

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn bad_unit_fields_are_rejected_naming_the_field() {
    // Arrange
    let app = spawn_app().await;
    let employees = |n: Value| with(qualified(), "/unit/employees", n);
    let skilled = |n: Value| with(qualified(), "/unit/skilled_employees", n);
    let cases = vec![
        case(
            "kind farm",
            with(qualified(), "/unit/kind", json!("farm")),
            Named::Exactly("unit.kind"),
        ),
        case(
            "kind missing",
            without(qualified(), "/unit/kind"),
            Named::Exactly("unit.kind"),
        ),
        case(
            "employees -1",
            employees(json!(-1)),
            Named::Exactly("unit.employees"),
        ),
        case(
            "employees 1.5",
            employees(json!(1.5)),
            Named::Exactly("unit.employees"),
        ),
        case(
            "employees as text",
            employees(json!("1000")),
            Named::Exactly("unit.employees"),
        ),
        case(
            "employees too many",
            employees(json!(10_000_001)),
            Named::Exactly("unit.employees"),
        ),
        case(
            "employees 0 for an enterprise",
            with(employees(json!(0)), "/unit/skilled_employees", json!(0)),
            Named::Exactly("unit.employees"),
        ),
        case(
            "skilled_employees 5 of 4",
            with(
                with(qualified(), "/unit/employees", json!(4)),
                "/unit/skilled_employees",
                json!(5),
            ),
            Named::Exactly("unit.skilled_employees"),
        ),
        case(
            "skilled_employees -1",
            skilled(json!(-1)),
            Named::Exactly("unit.skilled_employees"),
        ),
        case(
            "skilled_employees 1.5",
            skilled(json!(1.5)),
            Named::Exactly("unit.skilled_employees"),
        ),
        case(
            "last_exit_date yesterday",
            with(qualified(), "/unit/last_exit_date", json!("yesterday")),
            Named::Exactly("unit.last_exit_date"),
        ),
    ];

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn every_unit_boolean_given_as_a_string_is_rejected_naming_its_field() {
    // Arrange
    let app = spawn_app().await;
    const BOOLEANS: [(&str, &str); 4] = [
        ("/unit/talent_policies", "unit.talent_policies"),
        ("/unit/funding_and_premises", "unit.funding_and_premises"),
        ("/unit/training_results", "unit.training_results"),
        (
            "/unit/has_approved_regional_studio",
            "unit.has_approved_regional_studio",
        ),
    ];
    let cases = BOOLEANS
        .iter()
        .map(|&(pointer, path)| {
            case(
                path,
                with(qualified(), pointer, json!("yes")),
                Named::Exactly(path),
            )
        })
        .collect();

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn an_enum_field_given_null_or_a_number_is_rejected_naming_the_field() {
    // Arrange
    let app = spawn_app().await;
    let cases = vec![
        case(
            "level null",
            with(qualified(), "/level", Value::Null),
            Named::Exactly("level"),
        ),
        case(
            "level 1",
            with(qualified(), "/level", json!(1)),
            Named::Exactly("level"),
        ),
        case(
            "skill_level true",
            with(qualified(), "/leader/skill_level", json!(true)),
            Named::Exactly("leader.skill_level"),
        ),
        case(
            "titles [null]",
            with(qualified(), "/leader/titles", json!([null])),
            Named::StartingWith("leader.titles"),
        ),
        case(
            "unit kind null",
            with(qualified(), "/unit/kind", Value::Null),
            Named::Exactly("unit.kind"),
        ),
        case(
            "national_category 3",
            with(qualified(), "/national_category", json!(3)),
            Named::Exactly("national_category"),
        ),
    ];

    // Act
    let failures = failures(&app, cases).await;

    // Assert
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn a_self_check_without_a_date_is_evaluated_as_of_the_servers_today() {
    // Arrange: the clock stands at 2026-03-02 (Yinchuan); a leader born 1970-03-01 turned 56 on
    // the day after his 56th birthday, 2026-03-02 (法释〔2006〕1号第二条).
    let app = crate::helpers::spawn_app().await;
    let mut input = without(qualified(), "/application_date");
    input["leader"]["birth_date"] = json!("1970-03-01");

    // Act
    let response = app.post_json("/api/rules/eligibility", &input).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let report = crate::helpers::json(response).await;
    let age = report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "leader.age"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(age["severity"], "warning", "{report}");
    assert!(
        age["inputs"].to_string().contains("2026-03-02"),
        "evaluated on the server's today: {age}"
    );
}
