//! The channel's ranked recommendation list (第十一条（二）): one list per channel and round, a bad
//! field named, and a list with one wrong entry recommends nothing.

use super::{
    GY, GY_BUREAU, HRSS, MEETING, YC, YC_BUREAU, YC2, answer, small_round, state_of, submitted_in,
    view_of,
};
use crate::helpers::{facts, id, spawn_app_in_round, validation_fields, version};
use serde_json::{Value, json};

#[tokio::test]
async fn a_channel_submits_one_list_per_round() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let yc = app.login(YC).await;
    let yc_bureau = app.login(YC_BUREAU).await;
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let late = submitted_in(&app, &app.login(YC2).await, round, facts("enterprise")).await;
    app.recommended(&yc_bureau, round, &[id(&a)]).await;

    // Act
    let (status, body) = answer(app.recommend(&yc_bureau, round, &[id(&late)]).await).await;

    // Assert
    assert_eq!(status, 409, "{body}");
    let late = view_of(&app, &hrss, id(&late)).await;
    assert_eq!(late["state"], "submitted", "{late}");
    assert_eq!(late["rank"], Value::Null, "{late}");
    // Another channel's list in the same round is its own.
    let b = submitted_in(&app, &app.login(GY).await, round, facts("school")).await;
    app.recommended(&app.login(GY_BUREAU).await, round, &[id(&b)])
        .await;
}

#[tokio::test]
async fn a_recommendation_list_with_a_bad_field_names_it() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let a = submitted_in(&app, &app.login(YC).await, round, facts("enterprise")).await;
    let yc_bureau = app.login(YC_BUREAU).await;
    let base = json!({
        "round_id": round, "party_meeting_date": MEETING, "party_meeting_ref": "会议纪要〔2026〕1号",
        "ranked": [id(&a)]
    });
    let cases: [(&str, Value, &str); 4] = [
        (
            "party_meeting_date",
            json!("2026-10-16"),
            "party_meeting_date",
        ),
        ("party_meeting_ref", json!("  "), "party_meeting_ref"),
        ("ranked", json!([]), "ranked"),
        ("ranked", json!([id(&a), id(&a)]), "ranked"),
    ];

    for (key, value, field) in cases {
        let mut body = base.clone();
        body[key] = value.clone();

        // Act
        let response = app.post_as(&yc_bureau, "/api/recommendations", &body).await;

        // Assert
        assert_eq!(
            validation_fields(response).await,
            [field],
            "{key} = {value}"
        );
    }
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "submitted");
}

#[tokio::test]
async fn a_recommendation_list_with_one_wrong_entry_recommends_nothing() {
    // Arrange: yc.saishang's application is submitted, its second one returned.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let yc = app.login(YC).await;
    let yc_bureau = app.login(YC_BUREAU).await;
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let other = submitted_in(&app, &app.login(YC2).await, round, facts("enterprise")).await;
    app.act(
        &yc_bureau,
        &other,
        "return_for_correction",
        json!({ "reason": "请补正。" }),
    )
    .await;
    let foreign = submitted_in(&app, &app.login(GY).await, round, facts("school")).await;

    // Act
    let (returned_status, returned_body) = answer(
        app.recommend(&yc_bureau, round, &[id(&a), id(&other)])
            .await,
    )
    .await;
    let unknown = app.recommend(&yc_bureau, round, &[id(&a), 999_999]).await;
    let unknown_fields = validation_fields(unknown).await;
    let outside = app
        .recommend(&yc_bureau, round, &[id(&a), id(&foreign)])
        .await;
    let outside_fields = validation_fields(outside).await;

    // Assert
    assert_eq!(returned_status, 409, "{returned_body}");
    assert_eq!(unknown_fields, ["ranked[1]"]);
    assert_eq!(outside_fields, ["ranked[1]"]);
    let a_now = view_of(&app, &hrss, id(&a)).await;
    assert_eq!(a_now["state"], "submitted", "{a_now}");
    assert_eq!(a_now["rank"], Value::Null, "{a_now}");
    assert_eq!(version(&a_now), version(&a), "{a_now}");
    assert_eq!(state_of(&app, &hrss, id(&other)).await, "returned");
    assert_eq!(state_of(&app, &hrss, id(&foreign)).await, "submitted");
    // No list was stored: the channel may still submit one.
    let list = app.recommended(&yc_bureau, round, &[id(&a)]).await;
    assert_eq!(list[0]["rank"], 1, "{list:?}");
}
