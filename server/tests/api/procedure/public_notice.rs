//! The public notice (第十一条（五）): it cannot start in the past, runs five working days and is
//! public from its start, publishes nothing if one candidate failed, and never proposes more
//! studios than the slots.

use super::{
    Scene, TODAY, advance_to_october, answer, inspected_scene, inspection_result, object, publish,
    state_of, view_of,
};
use crate::helpers::{json, validation_fields};
use serde_json::{Value, json};

#[tokio::test]
async fn a_notice_cannot_start_in_the_past() {
    // Arrange
    let scene = inspected_scene().await;
    let Scene {
        app,
        hrss,
        round,
        passed,
        ..
    } = scene;

    // Act
    let response = publish(&app, &hrss, round, "2026-10-14", &[passed]).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["starts_on"]);
    let view = view_of(&app, &hrss, passed).await;
    assert_eq!(view["state"], "field_inspection", "{view}");
    assert_eq!(view["notice_id"], Value::Null, "{view}");
    assert_eq!(json(app.get("/api/public/notices").await).await, json!([]));
    let empty = publish(&app, &hrss, round, TODAY, &[]).await;
    assert_eq!(validation_fields(empty).await, ["applications"]);
}

#[tokio::test]
async fn a_notice_starting_on_a_saturday_runs_five_working_days_and_is_public_from_its_start() {
    // Arrange: Sat 17 Oct is off; Mon 19 – Fri 23 are days 1–5.
    let scene = inspected_scene().await;
    let Scene {
        app,
        clock,
        hrss,
        round,
        passed,
        ..
    } = scene;

    // Act
    let (status, notice) = answer(publish(&app, &hrss, round, "2026-10-17", &[passed]).await).await;

    // Assert
    assert_eq!(status, 201, "{notice}");
    assert_eq!(notice["ends_on"], "2026-10-23", "{notice}");
    assert_eq!(notice["open"], false, "not open before it starts: {notice}");
    let notice_id = notice["id"].as_i64().expect("notice id");
    assert_eq!(json(app.get("/api/public/notices").await).await, json!([]));
    let early = object(&app, notice_id, Some(passed), "张三").await;
    assert_eq!(validation_fields(early).await, ["notice_id"]);
    advance_to_october(&clock, 17);
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public.as_array().map(Vec::len), Some(1), "{public}");
    assert_eq!(public[0]["id"], notice_id, "{public}");
    assert_eq!(public[0]["open"], true, "{public}");
}

#[tokio::test]
async fn a_notice_with_one_failed_candidate_publishes_nothing() {
    // Arrange
    let scene = inspected_scene().await;
    let Scene {
        app,
        hrss,
        round,
        failed,
        passed,
        ..
    } = scene;

    // Act
    let (status, body) = answer(publish(&app, &hrss, round, TODAY, &[passed, failed]).await).await;

    // Assert
    assert_eq!(status, 409, "{body}");
    for c in [passed, failed] {
        let view = view_of(&app, &hrss, c).await;
        assert_eq!(view["state"], "field_inspection", "{view}");
        assert_eq!(view["notice_id"], Value::Null, "{view}");
    }
    assert_eq!(json(app.get("/api/public/notices").await).await, json!([]));
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[passed]).await).await;
    assert_eq!(status, 201, "{notice}");
}

#[tokio::test]
async fn a_notice_never_proposes_more_studios_than_the_slots() {
    // Arrange: both candidates of the 1-slot round passed their inspection.
    let scene = inspected_scene().await;
    let Scene {
        app,
        hrss,
        round,
        failed,
        passed,
        ..
    } = scene;
    let (status, view) =
        answer(inspection_result(&app, &hrss, failed, true, "复核后通过").await).await;
    assert_eq!(status, 200, "{view}");

    // Act
    let response = publish(&app, &hrss, round, TODAY, &[passed, failed]).await;

    // Assert: refused naming the list; nobody moved; one of them alone may go on notice.
    assert_eq!(validation_fields(response).await, ["applications"]);
    for c in [passed, failed] {
        assert_eq!(state_of(&app, &hrss, c).await, "field_inspection", "{c}");
    }
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[passed]).await).await;
    assert_eq!(status, 201, "{notice}");
    let second = publish(&app, &hrss, round, TODAY, &[failed]).await;
    assert_eq!(validation_fields(second).await, ["applications"]);
}
