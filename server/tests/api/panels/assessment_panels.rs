//! Assessment panels (第十五条, 附件): items computed from the reported figures, and the 考核组评语
//! comment kept at its latest version, private until closing and locked with the signature.

use super::{
    AT, HRSS, LI, WANG, ZHANG, accepted, answer, change, create_panel, fresh_id, panel_as,
    panel_id, sign, sync, user_ids,
};
use crate::helpers::{Session, TestApp, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

/// An end-of-term panel on the first demo studio with its reported figures; returns (panel, studio).
async fn assessment_panel(app: &TestApp, hrss: &Session) -> (Value, i64) {
    let studio = app
        .all_studios(hrss)
        .await
        .iter()
        .find(|s| s["status"] == "building")
        .and_then(|s| s["id"].as_i64())
        .expect("a building studio");
    let experts = user_ids(app, hrss, &[ZHANG, LI, WANG]).await;
    let body = json!({
        "purpose": "end_of_term",
        "title": "期满考核组",
        "chair": experts[0],
        "experts": experts,
        "candidates": [studio],
        "aggregation": { "method": "mean" },
        "reported": [{ "studio_id": studio, "input": {
            "level": "regional", "training_person_times": 20, "senior_trained": 6,
            "partner_count": 3, "exchange_staff": 3, "team_training": true,
            "media_level": "city", "report": "late"
        }}],
    });
    (create_panel(app, hrss, &body).await, studio)
}

#[tokio::test]
async fn an_assessment_panel_shows_the_items_computed_from_the_report_for_the_experts_to_verify() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    // Act
    let (panel, _) = assessment_panel(&app, &hrss).await;

    // Assert: the 附件 rubric, items computed by the shared engine (30 − 10 × 0.1 for training).
    assert_eq!(
        panel["rubric"]["name"], "技能大师工作室考核细则（附件）",
        "{panel}"
    );
    assert_eq!(panel["rubric"]["from_text"], true);
    let computed = &panel["candidates"][0]["computed"];
    let score = |item: &str| {
        computed
            .as_array()
            .and_then(|l| l.iter().find(|c| c["item"] == item))
            .map(|c| c["score"].clone())
            .unwrap_or_else(|| panic!("no {item} in {computed}"))
    };
    assert_eq!(score("training"), json!(29.0));
    assert_eq!(score("senior"), json!(20.0));
    assert_eq!(score("media"), json!(6.0));
    assert_eq!(score("report"), json!(5.0));
    assert_eq!(computed.as_array().map(Vec::len), Some(7));
}

#[tokio::test]
async fn reported_figures_must_belong_to_a_studio_of_the_assessment_panel() {
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studios: Vec<Value> = app
        .all_studios(&hrss)
        .await
        .into_iter()
        .filter(|s| s["status"] == "building")
        .collect();
    let (a, b) = (studios[0]["id"].clone(), studios[1]["id"].clone());
    let experts = user_ids(&app, &hrss, &[ZHANG, LI, WANG]).await;
    let body = json!({
        "purpose": "annual", "year": 2026, "title": "年度考核组", "chair": experts[0], "experts": experts,
        "candidates": [a], "reported": [{ "studio_id": b, "input": {
            "level": "regional", "training_person_times": -1, "senior_trained": 6,
            "partner_count": 3, "exchange_staff": 3, "team_training": true,
            "media_level": "city", "report": "late"
        }}],
    });
    let response = app.post_as(&hrss, "/api/panels", &body).await;
    assert_eq!(
        validation_fields(response).await,
        [
            "reported[0].studio_id",
            "reported[0].input.training_person_times"
        ]
    );
}

#[tokio::test]
async fn a_comment_keeps_its_latest_version_stays_private_until_closing_and_locks_with_the_signature()
 {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let (panel, _) = assessment_panel(&app, &hrss).await;
    let id = panel_id(&panel);
    let li = app.login(LI).await;
    let mine = panel_as(&app, &li, id).await;
    let sheet = mine["sheets"][0]["id"].as_i64().expect("sheet id");
    let comment = |cid: &str, text: &str, at: &str| json!({ "id": cid, "sheet_id": sheet, "text": text, "client_at": at });

    // Act: the later comment arrives first; the earlier one must not overwrite it.
    let newer = comment(
        &fresh_id("c"),
        "培训台账完整，媒体报道属实。",
        "2026-10-15T02:00:00Z",
    );
    let older = comment(&fresh_id("c"), "初稿", "2026-10-15T01:00:00Z");
    for c in [&newer, &older, &newer] {
        let (status, result) = answer(
            app.post_as(&li, "/api/scoring/sync", &json!({ "comments": [c] }))
                .await,
        )
        .await;
        assert_eq!(status, 200, "{result}");
        assert_eq!(
            accepted(&result),
            [c["id"].as_str().expect("id")],
            "{result}"
        );
    }

    // Assert
    let own = panel_as(&app, &li, id).await;
    assert_eq!(
        own["sheets"][0]["comment"], "培训台账完整，媒体报道属实。",
        "{own}"
    );
    let chair = panel_as(&app, &app.login(ZHANG).await, id).await;
    let seen = chair["sheets"]
        .as_array()
        .and_then(|l| l.iter().find(|s| s["id"] == sheet))
        .expect("the chair sees the sheet");
    assert_eq!(seen["comment"], Value::Null, "{seen}");
    // Once signed, the comment is locked with the scores (each one of 附件's choices for a
    // regional studio).
    let changes: Vec<Value> = [
        ("training", 28.0),
        ("senior", 19.0),
        ("partners", 8.0),
        ("exchange", 6.0),
        ("team_training", 10.0),
        ("media", 6.0),
        ("report", 5.0),
    ]
    .iter()
    .map(|(item, v)| change(&fresh_id("v"), sheet, item, *v, AT))
    .collect();
    let (_, result) = sync(&app, &li, changes, vec![sign(&fresh_id("s"), sheet)]).await;
    assert_eq!(result["rejected"], json!([]), "{result}");
    let late = comment(&fresh_id("c"), "补充", "2026-10-15T03:00:00Z");
    let (_, result) = answer(
        app.post_as(&li, "/api/scoring/sync", &json!({ "comments": [late] }))
            .await,
    )
    .await;
    assert!(
        result["rejected"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("锁定")),
        "{result}"
    );
}
