//! 答辩评审 (第十一条（三）): only HRSS starts a defense and records its score, a move from a stale
//! version is refused, and a defense score is 0 to 100 with one decimal.

use super::{
    HRSS, TODAY, YC, YC_BUREAU, answer, code, inspect, publish, score, small_round, state_of,
    submitted_in, view_of,
};
use crate::helpers::{facts, id, spawn_app_in_round, validation_fields, version};
use serde_json::{Value, json};

#[tokio::test]
async fn only_hrss_starts_the_defense_of_a_recommended_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let yc = app.login(YC).await;
    let yc_bureau = app.login(YC_BUREAU).await;
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let a = app
        .recommended(&yc_bureau, round, &[id(&a)])
        .await
        .remove(0);
    let start = json!({ "action": "start_defense", "version": version(&a) });

    for (who, expected) in [
        (YC, 403),
        (YC_BUREAU, 403),
        ("expert.zhang", 404),
        ("finance", 404),
    ] {
        let session = app.login(who).await;

        // Act
        let (status, body) = answer(app.transition(&session, id(&a), &start).await).await;

        // Assert
        assert_eq!(status, expected, "{who}: {body}");
    }
    for (who, session) in [(YC, &yc), (YC_BUREAU, &yc_bureau)] {
        let scored = score(&app, session, id(&a), version(&a), json!(80.0)).await;
        assert_eq!(code(&scored), 403, "{who} recorded a defense score");
        let listed = inspect(&app, session, round, "regional", &[id(&a), 999_999]).await;
        assert_eq!(code(&listed), 403, "{who} made an inspection list");
        let noticed = publish(&app, session, round, TODAY, &[id(&a)]).await;
        assert_eq!(code(&noticed), 403, "{who} published a notice");
        let closed = app
            .post_as(
                session,
                &format!("/api/rounds/{round}/close"),
                &json!({ "reason": "x" }),
            )
            .await;
        assert_eq!(code(&closed), 403, "{who} closed the round");
    }
    let (status, body) = answer(app.recommend(&yc, round, &[id(&a)]).await).await;
    assert_eq!(status, 403, "an applicant recommended: {body}");
    let a = view_of(&app, &hrss, id(&a)).await;
    assert_eq!(a["state"], "recommended", "{a}");
    assert_eq!(a["defense_score"], Value::Null, "{a}");
    let started = app.act(&hrss, &a, "start_defense", json!({})).await;
    assert_eq!(started["state"], "defense_review", "{started}");
}

#[tokio::test]
async fn a_move_from_a_stale_version_is_refused_with_the_current_version() {
    // Arrange: a recommended application (version 3: created, submitted, recommended).
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let a = submitted_in(&app, &app.login(YC).await, round, facts("enterprise")).await;
    let a = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&a)])
        .await
        .remove(0);
    assert_eq!(version(&a), 3, "{a}");

    // Act
    let (status, body) = answer(
        app.transition(
            &hrss,
            id(&a),
            &json!({ "action": "start_defense", "version": 2 }),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["current_version"], 3, "{body}");
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "recommended");
    let started = app.act(&hrss, &a, "start_defense", json!({})).await;
    let (status, body) = answer(score(&app, &hrss, id(&a), version(&a), json!(80.0)).await).await;
    assert_eq!(status, 409, "scored from a stale version: {body}");
    assert_eq!(body["current_version"], version(&started), "{body}");
    assert_eq!(
        view_of(&app, &hrss, id(&a)).await["defense_score"],
        Value::Null
    );
}

#[tokio::test]
async fn a_defense_score_is_0_to_100_with_one_decimal() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let a = submitted_in(&app, &app.login(YC).await, round, facts("enterprise")).await;
    let a = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&a)])
        .await
        .remove(0);
    let (status, body) = answer(score(&app, &hrss, id(&a), version(&a), json!(80.0)).await).await;
    assert_eq!(status, 409, "scored before the defense: {body}");
    let a = app.act(&hrss, &a, "start_defense", json!({})).await;

    for bad in [json!(100.1), json!(-0.1), json!(85.55), json!("85.5")] {
        // Act
        let response = score(&app, &hrss, id(&a), version(&a), bad.clone()).await;

        // Assert
        assert_eq!(validation_fields(response).await, ["score"], "score {bad}");
    }
    let unchanged = view_of(&app, &hrss, id(&a)).await;
    assert_eq!(unchanged["defense_score"], Value::Null, "{unchanged}");
    assert_eq!(version(&unchanged), version(&a), "{unchanged}");
    let (status, top) = answer(score(&app, &hrss, id(&a), version(&a), json!(100)).await).await;
    assert_eq!(status, 200, "{top}");
    assert_eq!(top["defense_score"], json!(100.0), "{top}");
    let (status, low) = answer(score(&app, &hrss, id(&a), version(&top), json!(0.0)).await).await;
    assert_eq!(status, 200, "{low}");
    assert_eq!(low["defense_score"], json!(0.0), "{low}");
}
