//! Forming a panel: three experts or more with a chair among them, candidates in the defense
//! review and tie-breakers the rubric has; conflicts of interest found when the panel is formed and
//! recusals declared later, whose sheets never count.

use super::{
    AT, GY_BUREAU, GY_UNITS, HRSS, LI, LI_NAME, MA, MA_NAME, SUN, WANG, YC, YC_BUREAU, ZHANG,
    ZHANG_NAME, answer, candidate, change, close, create_panel, defense_score, fresh_id,
    in_defense, panel_body, panel_id, rejection, round, row_of, score, sheet_id, sheet_of, split,
    sync, user_ids,
};
use crate::helpers::{facts, id, json, profile, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

/// 吴忠精密仪表有限公司, recommended by 吴忠市人社局 (expert.sun's organisation).
const WZ: &str = "wz.yibiao";
const WZ_BUREAU: &str = "wz.bureau";

const SUN_NAME: &str = "孙立伟（评审专家）";

#[tokio::test]
async fn conflicted_and_recused_sheets_refuse_scores_and_never_count() {
    // Arrange: a 银川 (yc.saishang) and a 吴忠 (wz.yibiao) application; zhang chairs.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let yc = in_defense(&app, &hrss, round, YC_BUREAU, &[(YC, "enterprise")]).await[0];
    let wz = in_defense(&app, &hrss, round, WZ_BUREAU, &[(WZ, "enterprise")]).await[0];
    let ids = user_ids(&app, &hrss, &[ZHANG, MA, LI, SUN]).await;
    let (zhang_id, ma_id, li_id, sun_id) = (ids[0], ids[1], ids[2], ids[3]);
    let mut body = panel_body(zhang_id, &ids, &[yc, wz]);
    body["aggregation"] = json!({ "method": "mean" });

    // Act
    let panel = create_panel(&app, &hrss, &body).await;

    // Assert: conflicts found when the panel is formed.
    let ma_yc = sheet_of(&panel, ma_id, yc);
    assert_eq!(ma_yc["status"], "recused", "{ma_yc}");
    let why = ma_yc["recusal"].as_str().unwrap_or_default();
    assert!(why.contains("申报单位"), "{ma_yc}");
    let sun_wz = sheet_of(&panel, sun_id, wz);
    assert_eq!(sun_wz["status"], "recused", "{sun_wz}");
    let why = sun_wz["recusal"].as_str().unwrap_or_default();
    assert!(why.contains("推荐单位"), "{sun_wz}");
    for (expert, application) in [(ma_id, wz), (sun_id, yc), (li_id, wz), (zhang_id, yc)] {
        let sheet = sheet_of(&panel, expert, application);
        assert_eq!(sheet["status"], "empty", "{sheet}");
        assert_eq!(sheet["recusal"], Value::Null, "{sheet}");
    }
    let (zhang, ma, li, sun) = (
        app.login(ZHANG).await,
        app.login(MA).await,
        app.login(LI).await,
        app.login(SUN).await,
    );
    let refused = fresh_id("ma-yc");
    let (status, result) = sync(
        &app,
        &ma,
        vec![change(
            &refused,
            ma_yc["id"].as_i64().expect("id"),
            "skill",
            20.0,
            AT,
        )],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert!(rejection(&result, &refused).contains("回避"), "{result}");
    let refused = fresh_id("sun-wz");
    let (_, result) = sync(
        &app,
        &sun,
        vec![change(
            &refused,
            sun_wz["id"].as_i64().expect("id"),
            "skill",
            20.0,
            AT,
        )],
        vec![],
    )
    .await;
    assert!(rejection(&result, &refused).contains("回避"), "{result}");

    // li scores and signs the 吴忠 application (100 points), then declares a conflict.
    let li_wz = sheet_id(&panel, li_id, wz);
    score(&app, &li, li_wz, split(100.0), true).await;
    let reason = "本人与该申报领办人系近亲属";
    let (status, recused) = answer(
        app.post_as(
            &li,
            &format!("/api/panels/{}/recusals", panel_id(&panel)),
            &json!({ "candidate_id": candidate(&panel, wz), "reason": reason }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{recused}");
    let mine = sheet_of(&recused, li_id, wz);
    assert_eq!(mine["status"], "recused", "{mine}");
    assert_eq!(mine["recusal"], reason, "{mine}");
    let late = fresh_id("li-wz");
    let (_, result) = sync(
        &app,
        &li,
        vec![change(&late, li_wz, "plan", 1.0, AT)],
        vec![],
    )
    .await;
    assert!(rejection(&result, &late).contains("回避"), "{result}");

    // The other sheets are scored and signed; the chair closes.
    score(
        &app,
        &zhang,
        sheet_id(&panel, zhang_id, yc),
        split(90.0),
        true,
    )
    .await;
    score(&app, &li, sheet_id(&panel, li_id, yc), split(80.0), true).await;
    score(&app, &sun, sheet_id(&panel, sun_id, yc), split(85.0), true).await;
    score(
        &app,
        &zhang,
        sheet_id(&panel, zhang_id, wz),
        split(70.0),
        true,
    )
    .await;
    score(&app, &ma, sheet_id(&panel, ma_id, wz), split(75.0), true).await;
    let (status, closed) = close(&app, &zhang, panel_id(&panel)).await;
    assert_eq!(status, 200, "{closed}");
    let yc_row = row_of(&closed, yc);
    assert_eq!(yc_row["place"], 1, "{yc_row}");
    assert_eq!(yc_row["score"], json!(85.0), "{yc_row}");
    assert_eq!(
        yc_row["totals"],
        json!([
            [ZHANG_NAME, 90.0],
            [MA_NAME, null],
            [LI_NAME, 80.0],
            [SUN_NAME, 85.0]
        ]),
        "{yc_row}"
    );
    let wz_row = row_of(&closed, wz);
    assert_eq!(wz_row["place"], 2, "{wz_row}");
    assert_eq!(wz_row["score"], json!(72.5), "{wz_row}");
    assert_eq!(
        wz_row["totals"],
        json!([
            [ZHANG_NAME, 70.0],
            [MA_NAME, 75.0],
            [LI_NAME, null],
            [SUN_NAME, null]
        ]),
        "{wz_row}"
    );
    assert_eq!(defense_score(&app, &hrss, yc).await, json!(85.0));
    assert_eq!(defense_score(&app, &hrss, wz).await, json!(72.5));
}

#[tokio::test]
async fn a_panel_needs_three_experts_a_chair_among_them_and_candidates_in_the_defense_review() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let ready = in_defense(&app, &hrss, round, GY_BUREAU, &GY_UNITS[..1]).await[0];
    let gy = app.login(GY_UNITS[1].0).await;
    let body = json!({
        "round_id": round, "facts": facts(GY_UNITS[1].1), "justifications": {}, "profile": profile()
    });
    let draft = app.create_application(&gy, &body).await;
    let submitted = id(&app.submit(&gy, &draft).await);
    let ids = user_ids(&app, &hrss, &[ZHANG, LI, WANG, MA]).await;

    // Act
    let two = app
        .post_as(
            &hrss,
            "/api/panels",
            &panel_body(ids[0], &ids[..2], &[ready]),
        )
        .await;
    let outside_chair = app
        .post_as(
            &hrss,
            "/api/panels",
            &panel_body(ids[3], &ids[..3], &[ready]),
        )
        .await;
    let not_ready = app
        .post_as(
            &hrss,
            "/api/panels",
            &panel_body(ids[0], &ids[..3], &[submitted, ready]),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(two).await, ["experts"]);
    assert_eq!(validation_fields(outside_chair).await, ["chair"]);
    assert_eq!(validation_fields(not_ready).await, ["candidates[0]"]);
    let panels = json(app.get_as(&hrss, "/api/panels").await).await;
    assert_eq!(panels, json!([]), "nothing was created");
}

#[tokio::test]
async fn a_tie_breaker_on_an_item_the_default_rubric_lacks_is_refused() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let ready = in_defense(&app, &hrss, round, GY_BUREAU, &GY_UNITS[..1]).await[0];
    let ids = user_ids(&app, &hrss, &[ZHANG, LI, WANG]).await;
    let mut body = panel_body(ids[0], &ids, &[ready]);
    body["tie_breakers"] = json!([{ "by": "item", "item": "charisma" }]);

    // Act
    let response = app.post_as(&hrss, "/api/panels", &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["tie_breakers[0]"]);
}
