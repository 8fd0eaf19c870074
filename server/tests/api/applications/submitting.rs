//! Submitting: a failing verdict or an unjustified warning stops a submission, a closed round
//! refuses it, and the submission day (not a typed date) decides the leader's age.

use super::{APPLICANT, answer, edit, move_, over_age_facts, set_yinchuan_time, state_of, status};
use crate::helpers::{facts, id, json, new_application, spawn_app_in_round, version};
use serde_json::{Value, json};

/// A justification of the leader's age that passes (at most 2000 characters).
const AGE_JUSTIFICATION: &str =
    "带头人身体健康，仍在生产一线带徒传技，所在单位同意延续其带头人职责。";

#[tokio::test]
async fn an_application_with_a_failing_verdict_cannot_be_submitted() {
    // Arrange: a leader without any qualification route of 第十条（一）.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut no_route = facts("enterprise");
    no_route["leader"]["titles"] = json!([]);
    let draft = app
        .create_application(&applicant, &new_application(round, no_route))
        .await;
    assert_eq!(draft["eligibility"]["verdict"], "fail", "{draft}");

    // Act
    let (status, body) = answer(
        app.transition(&applicant, id(&draft), &move_("submit", 1))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    assert_eq!(state_of(&app, &applicant, id(&draft)).await, "draft");
}

#[tokio::test]
async fn an_over_age_leader_needs_a_written_justification_before_submitting() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let draft = app
        .create_application(&applicant, &new_application(round, over_age_facts()))
        .await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut blank = edit(1, over_age_facts());
    blank["justifications"] = json!({ "leader.age": "   " });
    let blank = json(app.put_as(&applicant, &path, &blank).await).await;
    let mut justified = edit(2, over_age_facts());
    justified["justifications"] = json!({ "leader.age": AGE_JUSTIFICATION });

    // Act
    let without = app
        .transition(&applicant, id(&draft), &move_("submit", 2))
        .await;
    let justified = json(app.put_as(&applicant, &path, &justified).await).await;
    let with = app
        .transition(&applicant, id(&draft), &move_("submit", 3))
        .await;

    // Assert
    assert_eq!(draft["eligibility"]["verdict"], "warning", "{draft}");
    assert_eq!(draft["unjustified"], json!(["leader.age"]), "{draft}");
    assert_eq!(blank["unjustified"], json!(["leader.age"]), "{blank}");
    assert_eq!(status(&without), 409);
    assert_eq!(justified["unjustified"], json!([]), "{justified}");
    let (status, submitted) = answer(with).await;
    assert_eq!(status, 200, "{submitted}");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    assert_eq!(submitted["version"], 4, "{submitted}");
    assert_eq!(
        submitted["justifications"]["leader.age"], AGE_JUSTIFICATION,
        "{submitted}"
    );
}

#[tokio::test]
async fn a_draft_cannot_be_submitted_after_its_round_has_closed() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    set_yinchuan_time(&clock, (2027, 1, 1), 9, 0);
    let applicant = app.login(APPLICANT).await;

    // Act
    let (status, body) = answer(
        app.transition(&applicant, id(&draft), &move_("submit", 1))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    assert_eq!(state_of(&app, &applicant, id(&draft)).await, "draft");
}

/// The `leader.age` finding of an application view.
fn age_finding(view: &Value) -> Value {
    view["eligibility"]["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "leader.age"))
        .cloned()
        .unwrap_or_else(|| panic!("no leader.age finding in {view}"))
}

#[tokio::test]
async fn a_typed_application_date_is_ignored_and_the_submission_day_decides_the_age() {
    // Arrange (the example): the clock's day is 2026-10-15. The leader turned 56 eleven
    // days earlier (born 1970-10-03: 56 周岁 from the day after the 56th birthday, 2026-10-04);
    // the applicant types a date fifteen days earlier, when he was still 55.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round_id = app.round_id(&applicant, 2026).await;
    let mut typed = facts("enterprise");
    typed["leader"]["birth_date"] = json!("1970-10-03");
    typed["application_date"] = json!("2026-09-30");

    // Act
    let draft = app
        .create_application(&applicant, &new_application(round_id, typed))
        .await;
    let refused = app
        .transition(&applicant, id(&draft), &move_("submit", version(&draft)))
        .await;
    let justified = app
        .put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &json!({
                "version": version(&draft), "facts": draft["facts"], "profile": draft["profile"],
                "justifications": { "leader.age": AGE_JUSTIFICATION }
            }),
        )
        .await;
    let justified = json(justified).await;
    let submitted = app.submit(&applicant, &justified).await;

    // Assert: the draft is evaluated on today, and says that the submission day will decide.
    assert_eq!(draft["evaluated_on"], "2026-10-15", "{draft}");
    assert_eq!(draft["date_final"], false, "{draft}");
    assert_eq!(draft["facts"]["application_date"], "2026-10-15", "{draft}");
    assert_eq!(age_finding(&draft)["severity"], "warning", "{draft}");
    assert_eq!(status(&refused), 409, "an unjustified age warning");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    assert_eq!(submitted["evaluated_on"], "2026-10-15", "{submitted}");
    assert_eq!(submitted["date_final"], true, "{submitted}");
    assert_eq!(submitted["facts"]["application_date"], "2026-10-15");
}

#[tokio::test]
async fn a_draft_is_judged_on_the_day_it_is_submitted_not_the_day_it_was_written() {
    // Arrange: written on 2026-10-15 when the leader (born 1970-10-20) is 55; his 56th birthday is
    // 2026-10-20, so from 2026-10-21 he is 56.
    let (app, clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round_id = app.round_id(&applicant, 2026).await;
    let mut f = facts("enterprise");
    f["leader"]["birth_date"] = json!("1970-10-20");
    let draft = app
        .create_application(&applicant, &new_application(round_id, f))
        .await;
    assert_eq!(age_finding(&draft)["severity"], "pass", "{draft}");

    // Act: submitted on 2026-10-21.
    clock.advance(chrono::Duration::days(6));
    let applicant = app.login(APPLICANT).await;
    let refused = app
        .transition(&applicant, id(&draft), &move_("submit", version(&draft)))
        .await;
    let later = json(app.application(&applicant, id(&draft)).await).await;

    // Assert
    assert_eq!(
        status(&refused),
        409,
        "56 on the submission day: a justification is needed"
    );
    assert_eq!(later["evaluated_on"], "2026-10-21", "{later}");
    assert_eq!(age_finding(&later)["severity"], "warning", "{later}");
    assert_eq!(later["state"], "draft", "{later}");
}
