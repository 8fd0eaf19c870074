//! Withdrawing: the applicant withdraws a draft or a submitted application, which can then no
//! longer be moved or edited; a draft withdrawn before it was submitted stays private.

use super::{APPLICANT, HRSS, RECOMMENDER, edit, move_, status, submitted_with_recommender};
use crate::helpers::{facts, id, json, spawn_app_in_round, version};
use serde_json::json;

#[tokio::test]
async fn a_withdrawn_application_can_no_longer_be_moved_or_edited() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;

    // Act
    let withdrawn = app.act(&applicant, &draft, "withdraw", json!({})).await;
    let v = version(&withdrawn);
    let after = [
        app.transition(&applicant, id(&draft), &move_("submit", v))
            .await,
        app.transition(&applicant, id(&draft), &move_("withdraw", v))
            .await,
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &edit(v, facts("enterprise")),
        )
        .await,
    ];

    // Assert
    assert_eq!(withdrawn["state"], "withdrawn", "{withdrawn}");
    assert_eq!(withdrawn["version"], 2, "{withdrawn}");
    let statuses: Vec<u16> = after.iter().map(status).collect();
    assert_eq!(statuses, [409, 409, 409]);
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, withdrawn);
}

#[tokio::test]
async fn the_applicant_may_withdraw_a_submitted_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;

    // Act
    let withdrawn = app.act(&applicant, &view, "withdraw", json!({})).await;

    // Assert
    assert_eq!(withdrawn["state"], "withdrawn", "{withdrawn}");
    let recommend = json!({
        "action": "recommend", "version": version(&withdrawn), "rank": 1,
        "party_meeting_date": "2026-10-12"
    });
    let response = app.transition(&recommender, id(&view), &recommend).await;
    assert_eq!(status(&response), 409);
}

#[tokio::test]
async fn a_draft_withdrawn_before_it_was_submitted_stays_private() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let hrss = app.login(HRSS).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let withdrawn = app.act(&applicant, &draft, "withdraw", json!({})).await;
    assert_eq!(withdrawn["state"], "withdrawn");

    // Act
    let by_recommender = status(&app.application(&recommender, id(&draft)).await);
    let by_hrss = status(&app.application(&hrss, id(&draft)).await);

    // Assert
    assert_eq!((by_recommender, by_hrss), (404, 404));
    assert_eq!(status(&app.application(&applicant, id(&draft)).await), 200);
}
