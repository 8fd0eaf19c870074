//! Drafting and editing: an applicant creates a draft in an open round (one per unit and round,
//! 第四章), the server checks its facts and justifications, and the applicant edits it until it is
//! submitted.

use super::{
    APPLICANT, HRSS, answer, edit, listed, open_round, over_age_facts, round, set_yinchuan_time,
    status, submitted_with_recommender,
};
use crate::helpers::{
    facts, id, json, new_application, spawn_app_in_round, validation_fields, version,
};
use serde_json::{Value, json};

const CHANNEL: &str = "银川市人力资源和社会保障局";

#[tokio::test]
async fn an_applicant_creates_a_draft_in_the_open_round_with_the_servers_verdict() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let (status, view) = answer(app.post_as(&applicant, "/api/applications", &body).await).await;

    // Assert
    assert_eq!(status, 201, "{view}");
    assert_eq!(view["state"], "draft", "{view}");
    assert_eq!(view["version"], 1, "{view}");
    assert_eq!(view["round_id"], round, "{view}");
    assert_eq!(view["round_year"], 2026, "{view}");
    assert_eq!(view["unit_name"], "银川塞上机床制造有限公司", "{view}");
    assert_eq!(view["channel"], CHANNEL, "{view}");
    assert_eq!(view["hrss_direct"], false, "{view}");
    assert_eq!(view["level"], "regional", "{view}");
    assert_eq!(view["facts"], body["facts"], "{view}");
    assert_eq!(view["justifications"], json!({}), "{view}");
    assert_eq!(view["rank"], Value::Null, "{view}");
    assert_eq!(view["party_meeting_date"], Value::Null, "{view}");
    assert_eq!(view["last_reason"], Value::Null, "{view}");
    assert_eq!(view["eligibility"]["verdict"], "pass", "{view}");
    let findings = view["eligibility"]["findings"]
        .as_array()
        .expect("findings is not an array");
    assert!(
        findings.iter().any(|f| f["rule"] == "leader.route"),
        "{view}"
    );
    assert_eq!(view["unjustified"], json!([]), "{view}");
    let (status, again) = answer(app.application(&applicant, id(&view)).await).await;
    assert_eq!(status, 200);
    assert_eq!(again, view);
}

#[tokio::test]
async fn an_application_for_an_unknown_round_is_refused_naming_round_id() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let body = new_application(987_654, facts("enterprise"));

    // Act
    let response = app.post_as(&applicant, "/api/applications", &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["round_id"]);
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn an_application_for_a_round_that_is_closed_or_not_yet_open_is_a_conflict() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let closed = open_round(&app, &admin, &round(2025, "2025-03-01", "2025-06-30")).await;
    let future = open_round(&app, &admin, &round(2027, "2027-03-01", "2027-06-30")).await;
    let applicant = app.login(APPLICANT).await;

    for round in [closed, future] {
        // Act
        let (status, body) = answer(
            app.post_as(
                &applicant,
                "/api/applications",
                &new_application(round, facts("enterprise")),
            )
            .await,
        )
        .await;

        // Assert
        assert_eq!(status, 409, "round {round}: {body}");
        assert_eq!(body["code"], "conflict", "{body}");
    }
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn the_round_accepts_applications_until_the_end_of_its_last_day_in_ningxia() {
    // Arrange: the demo round closes on 2026-12-31.
    let (app, clock) = spawn_app_in_round().await;
    set_yinchuan_time(&clock, (2026, 12, 31), 23, 59);
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let last_minute = app.post_as(&applicant, "/api/applications", &body).await;
    // 2027-01-01 00:00 in Yinchuan is still 2026-12-31 in UTC.
    clock.advance(chrono::Duration::minutes(1));
    let too_late = app.post_as(&applicant, "/api/applications", &body).await;

    // Assert
    assert_eq!(status(&last_minute), 201);
    assert_eq!(status(&too_late), 409);
    assert_eq!(listed(&app, &applicant, "").await.len(), 1);
}

#[tokio::test]
async fn bad_facts_are_refused_naming_the_field_under_facts() {
    // Arrange: yc.saishang's unit is registered as an enterprise.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut more_skilled_than_employees = facts("enterprise");
    more_skilled_than_employees["unit"]["skilled_employees"] = json!(1001);
    let mut school = facts("school");
    school["unit"]["kind"] = json!("school");
    let mut no_employees = facts("enterprise");
    no_employees["unit"]["employees"] = json!(0);
    no_employees["unit"]["skilled_employees"] = json!(0);
    let mut born_after = facts("enterprise");
    born_after["leader"]["birth_date"] = json!("2026-10-16");
    let mut no_birth_date = facts("enterprise");
    no_birth_date["leader"]
        .as_object_mut()
        .expect("leader")
        .remove("birth_date");
    let mut bad_level = facts("enterprise");
    bad_level["level"] = json!("municipal");
    let cases = [
        (more_skilled_than_employees, "facts.unit.skilled_employees"),
        (school, "facts.unit.kind"),
        (no_employees, "facts.unit.employees"),
        (born_after, "facts.leader.birth_date"),
        (no_birth_date, "facts.leader.birth_date"),
        (bad_level, "facts.level"),
    ];

    for (facts, field) in cases {
        // Act
        let response = app
            .post_as(
                &applicant,
                "/api/applications",
                &new_application(round, facts),
            )
            .await;

        // Assert
        assert_eq!(validation_fields(response).await, [field]);
    }
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn a_justification_over_2000_characters_is_refused_naming_its_rule() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut too_long = new_application(round, over_age_facts());
    too_long["justifications"] = json!({ "leader.age": "理".repeat(2001) });
    let mut longest = too_long.clone();
    longest["justifications"] = json!({ "leader.age": "理".repeat(2000) });

    // Act
    let refused = app
        .post_as(&applicant, "/api/applications", &too_long)
        .await;
    let accepted = app.post_as(&applicant, "/api/applications", &longest).await;

    // Assert
    assert_eq!(
        validation_fields(refused).await,
        ["justifications.leader.age"]
    );
    let (status, view) = answer(accepted).await;
    assert_eq!(status, 201, "{view}");
    assert_eq!(view["unjustified"], json!([]), "{view}");
}

#[tokio::test]
async fn the_applicant_edits_a_draft_and_its_version_goes_up() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let mut changed = facts("enterprise");
    changed["unit"]["employees"] = json!(2000);
    changed["unit"]["skilled_employees"] = json!(700);

    // Act
    let (status, view) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &edit(1, changed.clone()),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["version"], 2, "{view}");
    assert_eq!(view["state"], "draft", "{view}");
    assert_eq!(view["facts"], changed, "{view}");
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, view);
}

#[tokio::test]
async fn an_edit_with_bad_facts_is_refused_and_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let mut bad = facts("enterprise");
    bad["unit"]["skilled_employees"] = json!(5000);
    let mut body = edit(1, bad);
    body["justifications"] = json!({ "leader.age": "理".repeat(2001) });

    // Act
    let response = app
        .put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &body,
        )
        .await;

    // Assert
    let mut fields = validation_fields(response).await;
    fields.sort();
    assert_eq!(
        fields,
        ["facts.unit.skilled_employees", "justifications.leader.age"]
    );
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, draft);
}

#[tokio::test]
async fn a_submitted_application_cannot_be_edited() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, _recommender, view) = submitted_with_recommender(&app).await;

    // Act
    let (status, body) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&view)),
            &edit(version(&view), facts("enterprise")),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    let stored = json(app.application(&applicant, id(&view)).await).await;
    assert_eq!(stored["version"], view["version"], "{stored}");
}

#[tokio::test]
async fn a_unit_applies_once_per_round_and_a_withdrawn_application_frees_the_place() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let first = app.draft(&applicant, "enterprise").await;

    // Act
    let (second_status, second) = answer(
        app.post_as(
            &applicant,
            "/api/applications",
            &new_application(round, facts("enterprise")),
        )
        .await,
    )
    .await;
    app.act(&applicant, &first, "withdraw", json!({})).await;
    let (third_status, third) = answer(
        app.post_as(
            &applicant,
            "/api/applications",
            &new_application(round, facts("enterprise")),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(second_status, 409, "{second}");
    assert_eq!(second["code"], "conflict", "{second}");
    assert!(
        second["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("编号 {}", id(&first)))),
        "the refusal names the unit's application: {second}"
    );
    assert_eq!(third_status, 201, "{third}");
}
