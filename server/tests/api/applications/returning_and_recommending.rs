//! The channel's review: a return for correction with a reason, the applicant's resubmission
//! (even after the round closed), and a recommendation with a rank and a party meeting date.

use super::{
    APPLICANT, RECOMMENDER, answer, edit, move_, set_yinchuan_time, state_of,
    submitted_with_recommender,
};
use crate::helpers::{facts, id, json, spawn_app_in_round, validation_fields, version};
use serde_json::json;

#[tokio::test]
async fn a_return_for_correction_needs_a_reason_and_the_applicant_resubmits_after_editing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let mut blank = move_("return_for_correction", version(&view));
    blank["reason"] = json!("  ");

    // Act
    let without = app
        .transition(
            &recommender,
            id(&view),
            &move_("return_for_correction", version(&view)),
        )
        .await;
    let blank = app.transition(&recommender, id(&view), &blank).await;
    let returned = app
        .act(
            &recommender,
            &view,
            "return_for_correction",
            json!({ "reason": "技能人才人数与花名册不符，请核对" }),
        )
        .await;
    let mut corrected = facts("enterprise");
    corrected["unit"]["skilled_employees"] = json!(380);
    let (edit_status, edited) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&view)),
            &edit(version(&returned), corrected.clone()),
        )
        .await,
    )
    .await;
    let resubmitted = app.submit(&applicant, &edited).await;

    // Assert
    assert_eq!(validation_fields(without).await, ["reason"]);
    assert_eq!(validation_fields(blank).await, ["reason"]);
    assert_eq!(returned["state"], "returned", "{returned}");
    assert_eq!(
        returned["last_reason"], "技能人才人数与花名册不符，请核对",
        "{returned}"
    );
    assert_eq!(returned["version"], version(&view) + 1, "{returned}");
    assert_eq!(edit_status, 200, "{edited}");
    assert_eq!(resubmitted["state"], "submitted", "{resubmitted}");
    assert_eq!(resubmitted["facts"], corrected, "{resubmitted}");
    let seen = json(app.application(&recommender, id(&view)).await).await;
    assert_eq!(seen["state"], "submitted", "{seen}");
}

#[tokio::test]
async fn a_recommendation_needs_a_rank_and_a_party_meeting_date() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let id = id(&view);
    let mut rank_zero = move_("recommend", version(&view));
    rank_zero["rank"] = json!(0);
    rank_zero["party_meeting_date"] = json!("2026-10-12");
    let mut no_date = move_("recommend", version(&view));
    no_date["rank"] = json!(1);

    // Act
    let neither = app
        .transition(&recommender, id, &move_("recommend", version(&view)))
        .await;
    let rank_zero = app.transition(&recommender, id, &rank_zero).await;
    let no_date = app.transition(&recommender, id, &no_date).await;
    let recommended = app
        .act(
            &recommender,
            &view,
            "recommend",
            json!({ "rank": 1, "party_meeting_date": "2026-10-12" }),
        )
        .await;

    // Assert
    let mut fields = validation_fields(neither).await;
    fields.sort();
    assert_eq!(fields, ["party_meeting_date", "rank"]);
    assert_eq!(validation_fields(rank_zero).await, ["rank"]);
    assert_eq!(validation_fields(no_date).await, ["party_meeting_date"]);
    assert_eq!(recommended["state"], "recommended", "{recommended}");
    assert_eq!(recommended["rank"], 1, "{recommended}");
    assert_eq!(
        recommended["party_meeting_date"], "2026-10-12",
        "{recommended}"
    );
    let seen = json(app.application(&applicant, id).await).await;
    assert_eq!(seen, recommended);
}

#[tokio::test]
async fn a_rank_too_large_to_store_is_refused_naming_rank() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (_applicant, recommender, view) = submitted_with_recommender(&app).await;
    let mut body = move_("recommend", version(&view));
    body["rank"] = json!(2_147_483_648_u64);
    body["party_meeting_date"] = json!("2026-10-12");

    // Act
    let response = app.transition(&recommender, id(&view), &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["rank"]);
    assert_eq!(state_of(&app, &recommender, id(&view)).await, "submitted");
}

#[tokio::test]
async fn an_application_returned_after_the_round_closed_can_still_be_fixed_and_resubmitted() {
    // Arrange: returned during the preliminary review, after the call closed.
    let (app, clock) = spawn_app_in_round().await;
    let (_, _, view) = submitted_with_recommender(&app).await;
    set_yinchuan_time(&clock, (2027, 1, 10), 10, 0);
    let (applicant, recommender) = (app.login(APPLICANT).await, app.login(RECOMMENDER).await);
    let returned = app
        .act(
            &recommender,
            &view,
            "return_for_correction",
            json!({ "reason": "请补充证明材料" }),
        )
        .await;

    // Act
    let resubmitted = app.submit(&applicant, &returned).await;

    // Assert
    assert_eq!(resubmitted["state"], "submitted");
}
