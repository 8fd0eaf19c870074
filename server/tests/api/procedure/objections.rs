//! Public objections to a notice: accepted until its last day, at most five an hour from one
//! address, resolved once, and an open one holds the approval.

use super::{
    HRSS, Scene, advance_to_october, answer, approve, code, noticed_scene, object, resolve,
};
use crate::helpers::{Session, TestApp, json, validation_fields};
use serde_json::json;

#[tokio::test]
async fn objections_are_accepted_until_the_last_day_of_the_notice() {
    // Arrange
    let (scene, notice) = noticed_scene().await;
    let Scene {
        app,
        clock,
        failed,
        passed,
        ..
    } = scene;
    let not_listed = object(&app, notice, Some(failed), "张三").await;
    assert_eq!(validation_fields(not_listed).await, ["application_id"]);
    let unnamed = app
        .post_json(
            "/api/public/objections",
            &json!({ "notice_id": notice, "name": " ", "contact": "", "text": "异议" }),
        )
        .await;
    assert_eq!(validation_fields(unnamed).await, ["name", "contact"]);
    advance_to_october(&clock, 21);

    // Act
    let last_day = object(&app, notice, Some(passed), "李四").await;
    advance_to_october(&clock, 22);
    let (status, after) = answer(object(&app, notice, Some(passed), "王五").await).await;

    // Assert
    assert_eq!(code(&last_day), 201, "refused on the notice's last day");
    assert_eq!(status, 409, "accepted after the notice: {after}");
    let hrss = app.login(HRSS).await;
    let objections = json(app.get_as(&hrss, "/api/objections").await).await;
    let names: Vec<&str> = objections
        .as_array()
        .expect("not an array")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert_eq!(names, ["李四"], "{objections}");
    let demo_round = app.round_id(&hrss, 2026).await;
    let (status, none) = answer(
        app.get_as(&hrss, &format!("/api/objections?round_id={demo_round}"))
            .await,
    )
    .await;
    assert_eq!((status, none), (200, json!([])), "a round without notices");
}

#[tokio::test]
async fn an_address_files_at_most_five_objections_an_hour() {
    // Arrange
    let (scene, notice) = noticed_scene().await;
    let Scene {
        app, clock, passed, ..
    } = scene;
    for n in 1..=5 {
        let filed = object(&app, notice, Some(passed), &format!("异议人{n}")).await;
        assert_eq!(code(&filed), 201, "objection {n} refused");
    }

    // Act
    let sixth = object(&app, notice, Some(passed), "异议人6").await;

    // Assert
    assert_eq!(code(&sixth), 429);
    let retry_after = sixth
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(retry_after.as_deref(), Some("3600"));
    let body = json(sixth).await;
    assert_eq!(body["code"], "rate_limited", "{body}");
    clock.advance(chrono::Duration::minutes(59));
    assert_eq!(code(&object(&app, notice, None, "异议人7").await), 429);
    clock.advance(chrono::Duration::minutes(1));
    assert_eq!(code(&object(&app, notice, None, "异议人8").await), 201);
    let hrss = app.login(HRSS).await;
    let objections = json(app.get_as(&hrss, "/api/objections").await).await;
    assert_eq!(objections.as_array().map(Vec::len), Some(6), "{objections}");
}

#[tokio::test]
async fn an_objection_is_resolved_once() {
    // Arrange
    let (scene, notice) = noticed_scene().await;
    let Scene {
        app, hrss, passed, ..
    } = scene;
    let receipt = json(object(&app, notice, Some(passed), "张三").await).await;
    let objection = receipt["id"].as_i64().expect("objection id");
    let (status, first) = answer(resolve(&app, &hrss, objection, "异议不成立。").await).await;
    assert_eq!(status, 200, "{first}");

    // Act
    let (status, second) = answer(resolve(&app, &hrss, objection, "异议成立。").await).await;

    // Assert
    assert_eq!(status, 409, "{second}");
    let objections = json(app.get_as(&hrss, "/api/objections").await).await;
    assert_eq!(objections[0]["outcome"], "异议不成立。", "{objections}");
    let blank = resolve(&app, &hrss, objection, "  ").await;
    assert_eq!(validation_fields(blank).await, ["outcome"]);
    assert_eq!(status_of_missing(&app, &hrss).await, 404);
}

async fn status_of_missing(app: &TestApp, hrss: &Session) -> u16 {
    code(&resolve(app, hrss, 999_999, "异议不成立。").await)
}

#[tokio::test]
async fn an_open_objection_to_the_whole_notice_holds_the_approval() {
    // Arrange
    let (scene, notice) = noticed_scene().await;
    let Scene {
        app, clock, passed, ..
    } = scene;
    let receipt = json(object(&app, notice, None, "张三").await).await;
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;

    // Act
    let (status, refused) = answer(approve(&app, &hrss, &hrss, passed).await).await;

    // Assert
    assert_eq!(status, 409, "{refused}");
    let objection = receipt["id"].as_i64().expect("objection id");
    let (status, resolved) = answer(resolve(&app, &hrss, objection, "异议不成立。").await).await;
    assert_eq!(status, 200, "{resolved}");
    let (status, approved) = answer(approve(&app, &hrss, &hrss, passed).await).await;
    assert_eq!(status, 200, "{approved}");
}
