//! The 差额 field inspection (第十一条（四）): a list needs two candidates of its level in ranking
//! order or a reason, and a list with one undefended candidate moves nobody.

use super::{
    GY, GY_BUREAU, HRSS, YC, YC_BUREAU, YC2, answer, defended, inspect, inspection_result,
    small_round, state_of, submitted_in, view_of,
};
use crate::helpers::{facts, id, json, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

#[tokio::test]
async fn an_inspection_list_needs_two_candidates_of_its_level_in_ranking_order_or_a_reason() {
    // Arrange: 1 regional slot, two defended applications (a 90.0, b 70.0).
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let a = submitted_in(&app, &app.login(YC).await, round, facts("enterprise")).await;
    let b = submitted_in(&app, &app.login(GY).await, round, facts("school")).await;
    let a = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&a)])
        .await;
    let b = app
        .recommended(&app.login(GY_BUREAU).await, round, &[id(&b)])
        .await;
    let a = defended(&app, &hrss, &a[0], 90.0).await;
    let b = defended(&app, &hrss, &b[0], 70.0).await;

    // Act: one candidate (as many as the slots: not 差额).
    let alone = inspect(&app, &hrss, round, "regional", &[id(&a)]).await;

    // Assert
    assert_eq!(validation_fields(alone).await, ["candidates"]);
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "defense_review");
    let duplicated = inspect(&app, &hrss, round, "regional", &[id(&a), id(&a)]).await;
    assert!(
        validation_fields(duplicated)
            .await
            .iter()
            .all(|f| f == "candidates"),
        "a duplicated candidate was not named"
    );
    let wrong_level = inspect(&app, &hrss, round, "national", &[id(&a), id(&b)]).await;
    assert_eq!(
        validation_fields(wrong_level).await,
        ["candidates[0]", "candidates[1]"],
        "regional applications on a national list"
    );
    // b (70.0) before a (90.0) departs from the defense ranking: only with a reason.
    let reordered = inspect(&app, &hrss, round, "regional", &[id(&b), id(&a)]).await;
    assert_eq!(validation_fields(reordered).await, ["reason"]);
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "defense_review");
    let (status, moved) = answer(
        app.post_as(
            &hrss,
            &format!("/api/rounds/{round}/inspection"),
            &json!({ "level": "regional", "candidates": [id(&b), id(&a)], "reason": "a 单位所在地汛期道路中断，先考察 b" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "field_inspection");
    assert_eq!(state_of(&app, &hrss, id(&b)).await, "field_inspection");
    let history = json(
        app.get_as(&hrss, &format!("/api/applications/{}/history", id(&b)))
            .await,
    )
    .await;
    assert!(
        history.to_string().contains("a 单位所在地汛期道路中断"),
        "the reason is in the timeline: {history}"
    );
    let no_notes = inspection_result(&app, &hrss, id(&b), false, "  ").await;
    assert_eq!(validation_fields(no_notes).await, ["notes"]);
    assert_eq!(
        view_of(&app, &hrss, id(&b)).await["inspection_passed"],
        Value::Null
    );
}

#[tokio::test]
async fn an_inspection_list_with_one_undefended_candidate_moves_nobody() {
    // Arrange: two scored applications and a third whose defense has no score yet.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let yc = app.login(YC).await;
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let a2 = submitted_in(&app, &app.login(YC2).await, round, facts("enterprise")).await;
    let b = submitted_in(&app, &app.login(GY).await, round, facts("school")).await;
    let ranked = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&a), id(&a2)])
        .await;
    let b = app
        .recommended(&app.login(GY_BUREAU).await, round, &[id(&b)])
        .await;
    defended(&app, &hrss, &ranked[0], 85.0).await;
    defended(&app, &hrss, &b[0], 80.0).await;
    app.act(&hrss, &ranked[1], "start_defense", json!({})).await;
    let candidates = [id(&a), id(&b[0]), id(&a2)];

    // Act
    let response = inspect(&app, &hrss, round, "regional", &candidates).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["candidates[2]"]);
    for c in candidates {
        assert_eq!(state_of(&app, &hrss, c).await, "defense_review", "{c}");
    }
}
