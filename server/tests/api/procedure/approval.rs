//! Approval (第十二条): only HRSS approves a proposed application, and only from the day after its
//! notice ends.

use super::{
    GY_BUREAU, HRSS, Scene, YC, YC_BUREAU, advance_to_october, answer, approve, code,
    noticed_scene, state_of, view_of,
};
use serde_json::Value;

#[tokio::test]
async fn only_hrss_approves_a_proposed_application_after_its_notice() {
    // Arrange
    let (scene, _notice) = noticed_scene().await;
    let Scene {
        app, clock, passed, ..
    } = scene;
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;

    for (who, expected) in [
        (YC, 403),
        (YC_BUREAU, 403),
        ("expert.zhang", 404),
        (GY_BUREAU, 404),
    ] {
        let session = app.login(who).await;

        // Act
        let (status, body) = answer(approve(&app, &session, &hrss, passed).await).await;

        // Assert
        assert_eq!(status, expected, "{who}: {body}");
    }
    assert_eq!(state_of(&app, &hrss, passed).await, "proposed");
    assert_eq!(
        code(&approve(&app, &hrss, &hrss, passed).await),
        200,
        "HRSS could not approve"
    );
}

#[tokio::test]
async fn approval_waits_until_the_day_after_the_notice_ends() {
    // Arrange
    let (scene, _notice) = noticed_scene().await;
    let Scene {
        app,
        clock,
        hrss,
        passed,
        ..
    } = scene;

    // Act & Assert: first day, last day (2026-10-21), the day after.
    let (status, body) = answer(approve(&app, &hrss, &hrss, passed).await).await;
    assert_eq!(
        status, 409,
        "approved on the first day of the notice: {body}"
    );
    assert_eq!(body["code"], "conflict", "{body}");
    advance_to_october(&clock, 21);
    let hrss = app.login(HRSS).await;
    let (status, body) = answer(approve(&app, &hrss, &hrss, passed).await).await;
    assert_eq!(status, 409, "approved on the notice's last day: {body}");
    let view = view_of(&app, &hrss, passed).await;
    assert_eq!(view["state"], "proposed", "{view}");
    assert_eq!(view["studio_id"], Value::Null, "{view}");
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;
    let (status, body) = answer(approve(&app, &hrss, &hrss, passed).await).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["studio_id"].is_i64(), "{body}");
}
