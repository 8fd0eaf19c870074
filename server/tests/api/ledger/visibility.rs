//! Who sees the money: only HRSS and finance see the dashboard (the public one has no studio
//! lines), and a studio's ledger is seen by whoever may see the studio.

use super::{
    FINANCE, GY, HRSS, TODAY, YC, YC_BUREAU, YC_STUDIO, answer, dashboard, dashboard_path,
    disbursement, ledger_as, ledger_path, post_entry, record, rows, studio_id,
};
use crate::helpers::spawn_app_in_round;

const EXPERT: &str = "expert.zhang";

#[tokio::test]
async fn only_hrss_and_finance_see_the_dashboard_and_the_public_sees_no_studio_lines() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    record(&app, &finance, studio, &disbursement(2_000_000, TODAY)).await;

    // Act and assert
    for user in [YC, GY, YC_BUREAU, EXPERT] {
        let session = app.login(user).await;
        for query in ["", "city=yinchuan"] {
            let response = app.get_as(&session, &dashboard_path(query)).await;
            let (status, body) = answer(response).await;
            assert_eq!(status, 403, "{user} ?{query}: {body}");
        }
    }
    let (status, body) = answer(app.get("/api/dashboard").await).await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = answer(app.get("/api/dashboard?city=yinchuan").await).await;
    assert_eq!(status, 401, "{body}");
    for query in ["", "city=yinchuan", "city=yinchuan&level=regional"] {
        let path = if query.is_empty() {
            "/api/public/dashboard".to_owned()
        } else {
            format!("/api/public/dashboard?{query}")
        };
        let (status, public) = answer(app.get(&path).await).await;
        assert_eq!(status, 200, "{path}: {public}");
        assert!(rows(&public, "studios").is_empty(), "{path}: {public}");
        let internal = dashboard(&app, &finance, query).await;
        assert_eq!(public["totals"], internal["totals"], "{path}");
        assert_eq!(public["rows"], internal["rows"], "{path}");
        assert_eq!(public["by_year"], internal["by_year"], "{path}");
    }
    let internal = dashboard(&app, &hrss, "city=yinchuan").await;
    assert!(!rows(&internal, "studios").is_empty(), "{internal}");
}

#[tokio::test]
async fn the_ledger_is_seen_by_whoever_may_see_the_studio() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;

    // Act and assert
    for (user, expected) in [
        (HRSS, 200),
        (FINANCE, 200),
        (YC, 200),
        (YC_BUREAU, 200),
        (GY, 404),
        (EXPERT, 404),
        ("sasac", 404),
    ] {
        let session = app.login(user).await;
        let (status, body) = ledger_as(&app, &session, studio).await;
        assert_eq!(status, expected, "{user}: {body}");
    }
    let (status, body) = answer(app.get(&ledger_path(studio)).await).await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = answer(
        app.post_json(&ledger_path(studio), &disbursement(1_000, TODAY))
            .await,
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = ledger_as(&app, &hrss, 999_999).await;
    assert_eq!(status, 404, "{body}");
    let finance = app.login(FINANCE).await;
    let (status, body) =
        answer(post_entry(&app, &finance, 999_999, &disbursement(1_000, TODAY)).await).await;
    assert_eq!(status, 404, "{body}");
    // HRSS sees the money but does not record it.
    let (status, body) =
        answer(post_entry(&app, &hrss, studio, &disbursement(1_000, TODAY)).await).await;
    assert_eq!(status, 403, "{body}");
}
