//! The selection procedure of 第四章 after submission: the channel's ranked list (第十一条（二）),
//! 答辩评审 (（三）), the 差额 field inspection (（四）), the public notice with its objections (（五）),
//! approval with a plaque and an entitlement (第十二条), and closing a round. Every batch is atomic.
//! One file per journey; the accounts, requests and scenes they share are here.

mod approval;
mod defense_scores;
mod field_inspection;
mod national_studios;
mod objections;
mod public_notice;
mod recommendation_lists;
mod whole_round;

use crate::helpers::{
    Session, TestApp, TestClock, facts, id, json, profile, spawn_app_in_round, version,
};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

/// Another 银川 enterprise: one application per unit and round.
pub(super) const YC2: &str = "yc.ningdong";
pub(super) const HRSS: &str = "hrss";
/// 银川塞上机床制造有限公司 (银川, 金凤区), recommended by 银川市人社局 (`yc.bureau`).
pub(super) const YC: &str = "yc.saishang";
pub(super) const YC_BUREAU: &str = "yc.bureau";
/// 固原市高级技工学校 (固原), recommended by 固原市人社局 (`gy.bureau`).
pub(super) const GY: &str = "gy.jigong";
pub(super) const GY_BUREAU: &str = "gy.bureau";
/// 宁夏长城焊接装备有限公司, a regional SOE recommended by 自治区国资委 (`sasac`).
pub(super) const NX: &str = "nx.hanjie";
/// The clock's day in Yinchuan, a Thursday.
pub(super) const TODAY: &str = "2026-10-15";
/// The meeting date every list of these tests was decided at.
pub(super) const MEETING: &str = "2026-10-14";

pub(super) fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

/// The status and JSON body of a response.
pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = code(&response);
    (status, json(response).await)
}

/// HRSS opens a round with few slots, so that the 差额 inspection needs only a couple of candidates
/// (the 2026 demo round has 20 regional and 4 national slots). The year 2026 is taken by the demo
/// round, so it is the 2027 round, already open: 2026-10-01..2027-12-31 contains the clock's day and
/// the application date of `facts()`.
pub(super) async fn small_round(
    app: &TestApp,
    hrss: &Session,
    regional: i64,
    national: i64,
) -> i64 {
    let body = json!({
        "year": 2027, "title": "2027年度技能大师工作室申报（提前受理）",
        "opens_on": "2026-10-01", "closes_on": "2027-12-31",
        "regional_slots": regional, "national_slots": national
    });
    let (status, round) = answer(app.post_as(hrss, "/api/rounds", &body).await).await;
    assert_eq!(status, 201, "{round}");
    assert_eq!(round["regional_slots"], regional, "{round}");
    round["id"].as_i64().expect("round id")
}

/// A submitted application of `applicant`'s unit in `round` with `facts`.
pub(super) async fn submitted_in(
    app: &TestApp,
    applicant: &Session,
    round: i64,
    facts: Value,
) -> Value {
    let body =
        json!({ "round_id": round, "facts": facts, "justifications": {}, "profile": profile() });
    let draft = app.create_application(applicant, &body).await;
    let submitted = app.submit(applicant, &draft).await;
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    submitted
}

/// Application `id` as `session` sees it now, asserting 200.
pub(super) async fn view_of(app: &TestApp, session: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(session, id).await).await;
    assert_eq!(status, 200, "application {id}: {view}");
    view
}

pub(super) async fn state_of(app: &TestApp, session: &Session, id: i64) -> Value {
    view_of(app, session, id).await["state"].clone()
}

/// `POST /api/applications/{id}/defense-score`.
pub(super) async fn score(
    app: &TestApp,
    hrss: &Session,
    id: i64,
    version: i64,
    score: Value,
) -> reqwest::Response {
    app.post_as(
        hrss,
        &format!("/api/applications/{id}/defense-score"),
        &json!({ "version": version, "score": score }),
    )
    .await
}

/// HRSS starts the defense of a recommended application and records its score; returns the view.
pub(super) async fn defended(
    app: &TestApp,
    hrss: &Session,
    recommended: &Value,
    points: f64,
) -> Value {
    let started = app.act(hrss, recommended, "start_defense", json!({})).await;
    assert_eq!(started["state"], "defense_review", "{started}");
    let (status, scored) =
        answer(score(app, hrss, id(&started), version(&started), json!(points)).await).await;
    assert_eq!(status, 200, "{scored}");
    assert_eq!(scored["defense_score"], json!(points), "{scored}");
    assert_eq!(scored["state"], "defense_review", "{scored}");
    scored
}

/// `POST /api/rounds/{round}/inspection`.
pub(super) async fn inspect(
    app: &TestApp,
    hrss: &Session,
    round: i64,
    level: &str,
    candidates: &[i64],
) -> reqwest::Response {
    app.post_as(
        hrss,
        &format!("/api/rounds/{round}/inspection"),
        &json!({ "level": level, "candidates": candidates }),
    )
    .await
}

/// `POST /api/applications/{id}/inspection-result` from the current version.
pub(super) async fn inspection_result(
    app: &TestApp,
    hrss: &Session,
    id: i64,
    passed: bool,
    notes: &str,
) -> reqwest::Response {
    let current = version(&view_of(app, hrss, id).await);
    app.post_as(
        hrss,
        &format!("/api/applications/{id}/inspection-result"),
        &json!({ "version": current, "passed": passed, "notes": notes }),
    )
    .await
}

/// `POST /api/rounds/{round}/notices`.
pub(super) async fn publish(
    app: &TestApp,
    hrss: &Session,
    round: i64,
    starts_on: &str,
    applications: &[i64],
) -> reqwest::Response {
    app.post_as(
        hrss,
        &format!("/api/rounds/{round}/notices"),
        &json!({ "starts_on": starts_on, "applications": applications }),
    )
    .await
}

/// `POST /api/public/objections` without signing in.
pub(super) async fn object(
    app: &TestApp,
    notice: i64,
    application: Option<i64>,
    name: &str,
) -> reqwest::Response {
    app.post_json(
        "/api/public/objections",
        &json!({
            "notice_id": notice, "application_id": application, "name": name,
            "contact": "13909510000", "text": "该工作室领办人长期不在生产一线，建议核实。"
        }),
    )
    .await
}

/// `POST /api/objections/{id}/resolve`.
pub(super) async fn resolve(
    app: &TestApp,
    hrss: &Session,
    objection: i64,
    outcome: &str,
) -> reqwest::Response {
    app.post_as(
        hrss,
        &format!("/api/objections/{objection}/resolve"),
        &json!({ "outcome": outcome }),
    )
    .await
}

/// `approve` from the application's current version, as `session`.
pub(super) async fn approve(
    app: &TestApp,
    session: &Session,
    hrss: &Session,
    id: i64,
) -> reqwest::Response {
    let current = version(&view_of(app, hrss, id).await);
    app.transition(
        session,
        id,
        &json!({ "action": "approve", "version": current }),
    )
    .await
}

/// Moves the clock to 09:00 in Yinchuan on 2026-10-`day` (sessions expire: sign in again).
pub(super) fn advance_to_october(clock: &TestClock, day: u32) {
    let at = Utc
        .with_ymd_and_hms(2026, 10, day, 1, 0, 0)
        .single()
        .expect("a valid instant");
    clock.advance(at - clock.now());
}

/// A round (1 regional slot) in which gy.jigong's school (`failed`, 79.0 points) and then
/// yc.saishang's enterprise (`passed`, 88.5 points) went to field inspection; the school failed it
/// and the enterprise passed it.
pub(super) struct Scene {
    pub(super) app: TestApp,
    pub(super) clock: TestClock,
    pub(super) hrss: Session,
    pub(super) round: i64,
    pub(super) failed: i64,
    pub(super) passed: i64,
}

pub(super) async fn inspected_scene() -> Scene {
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let gy = app.login(GY).await;
    let yc = app.login(YC).await;
    let school = submitted_in(&app, &gy, round, facts("school")).await;
    let enterprise = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let school = app
        .recommended(&app.login(GY_BUREAU).await, round, &[id(&school)])
        .await;
    let enterprise = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&enterprise)])
        .await;
    let (failed, passed) = (id(&school[0]), id(&enterprise[0]));
    defended(&app, &hrss, &school[0], 79.0).await;
    defended(&app, &hrss, &enterprise[0], 88.5).await;
    let (status, list) =
        answer(inspect(&app, &hrss, round, "regional", &[passed, failed]).await).await;
    assert_eq!(status, 200, "{list}");
    let (status, view) = answer(inspection_result(&app, &hrss, passed, true, "").await).await;
    assert_eq!(status, 200, "{view}");
    let (status, view) =
        answer(inspection_result(&app, &hrss, failed, false, "工作室场地尚未落实").await).await;
    assert_eq!(status, 200, "{view}");
    Scene {
        app,
        clock,
        hrss,
        round,
        failed,
        passed,
    }
}

/// As [`inspected_scene`], with the enterprise on a notice from [`TODAY`] to 2026-10-21;
/// returns the notice's id too.
pub(super) async fn noticed_scene() -> (Scene, i64) {
    let scene = inspected_scene().await;
    let (status, notice) =
        answer(publish(&scene.app, &scene.hrss, scene.round, TODAY, &[scene.passed]).await).await;
    assert_eq!(status, 201, "{notice}");
    let notice = notice["id"].as_i64().expect("notice id");
    (scene, notice)
}
