//! The selection procedure of 第四章 after submission: the channel's ranked list (第十一条（二）),
//! 答辩评审 (（三）), the 差额 field inspection (（四）), the public notice with its objections (（五）),
//! approval with a plaque and an entitlement (第十二条), and closing a round. Every batch is atomic.

use crate::helpers::{
    Session, TestApp, TestClock, facts, id, json, profile, spawn_app_in_round, validation_fields,
    version,
};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

/// Another 银川 enterprise and another SASAC enterprise: one application per unit and round.
const YC2: &str = "yc.ningdong";
const NX2: &str = "qtx.lvye";
const HRSS: &str = "hrss";
/// 银川塞上机床制造有限公司 (银川, 金凤区), recommended by 银川市人社局 (`yc.bureau`).
const YC: &str = "yc.saishang";
const YC_BUREAU: &str = "yc.bureau";
const YC_UNIT: &str = "银川塞上机床制造有限公司";
/// 固原市高级技工学校 (固原), recommended by 固原市人社局 (`gy.bureau`).
const GY: &str = "gy.jigong";
const GY_BUREAU: &str = "gy.bureau";
/// 宁夏长城焊接装备有限公司, a regional SOE recommended by 自治区国资委 (`sasac`).
const NX: &str = "nx.hanjie";
const SASAC: &str = "sasac";
/// The clock's day in Yinchuan, a Thursday.
const TODAY: &str = "2026-10-15";
/// A notice starting on [`TODAY`] runs 5 working days: Thu 15, Fri 16, Mon 19, Tue 20, Wed 21 Oct.
const NOTICE_END: &str = "2026-10-21";
/// The meeting date every list of these tests was decided at.
const MEETING: &str = "2026-10-14";

fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

/// The status and JSON body of a response.
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = code(&response);
    (status, json(response).await)
}

/// HRSS opens a round with few slots, so that the 差额 inspection needs only a couple of candidates
/// (the 2026 demo round has 20 regional and 4 national slots). The year 2026 is taken by the demo
/// round, so it is the 2027 round, already open: 2026-10-01..2027-12-31 contains the clock's day and
/// the application date of `facts()`.
async fn small_round(app: &TestApp, hrss: &Session, regional: i64, national: i64) -> i64 {
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
async fn submitted_in(app: &TestApp, applicant: &Session, round: i64, facts: Value) -> Value {
    let body =
        json!({ "round_id": round, "facts": facts, "justifications": {}, "profile": profile() });
    let draft = app.create_application(applicant, &body).await;
    let submitted = app.submit(applicant, &draft).await;
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    submitted
}

/// Facts of a national application in the manufacturing category from a unit that already has an
/// approved regional studio (第九条): no warning to justify.
fn national_facts() -> Value {
    let mut f = facts("enterprise");
    f["level"] = json!("national");
    f["national_category"] = json!("manufacturing");
    f["unit"]["has_approved_regional_studio"] = json!(true);
    f
}

/// Application `id` as `session` sees it now, asserting 200.
async fn view_of(app: &TestApp, session: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(session, id).await).await;
    assert_eq!(status, 200, "application {id}: {view}");
    view
}

async fn state_of(app: &TestApp, session: &Session, id: i64) -> Value {
    view_of(app, session, id).await["state"].clone()
}

/// `POST /api/applications/{id}/defense-score`.
async fn score(
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
async fn defended(app: &TestApp, hrss: &Session, recommended: &Value, points: f64) -> Value {
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
async fn inspect(
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
async fn inspection_result(
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
async fn publish(
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
async fn object(
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
async fn resolve(
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
async fn approve(app: &TestApp, session: &Session, hrss: &Session, id: i64) -> reqwest::Response {
    let current = version(&view_of(app, hrss, id).await);
    app.transition(
        session,
        id,
        &json!({ "action": "approve", "version": current }),
    )
    .await
}

/// Moves the clock to 09:00 in Yinchuan on 2026-10-`day` (sessions expire: sign in again).
fn advance_to_october(clock: &TestClock, day: u32) {
    let at = Utc
        .with_ymd_and_hms(2026, 10, day, 1, 0, 0)
        .single()
        .expect("a valid instant");
    clock.advance(at - clock.now());
}

/// A round (1 regional slot) in which gy.jigong's school (`failed`, 79.0 points) and then
/// yc.saishang's enterprise (`passed`, 88.5 points) went to field inspection; the school failed it
/// and the enterprise passed it.
struct Scene {
    app: TestApp,
    clock: TestClock,
    hrss: Session,
    round: i64,
    failed: i64,
    passed: i64,
}

async fn inspected_scene() -> Scene {
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

/// As [`inspected_scene`], with the enterprise on a notice from [`TODAY`] to [`NOTICE_END`];
/// returns the notice's id too.
async fn noticed_scene() -> (Scene, i64) {
    let scene = inspected_scene().await;
    let (status, notice) =
        answer(publish(&scene.app, &scene.hrss, scene.round, TODAY, &[scene.passed]).await).await;
    assert_eq!(status, 201, "{notice}");
    let notice = notice["id"].as_i64().expect("notice id");
    (scene, notice)
}

/// Plaque numbers of `year` among all studios.
async fn plaques_of(app: &TestApp, hrss: &Session, year: i32) -> usize {
    let prefix = format!("宁人社工作室〔{year}〕");
    app.all_studios(hrss)
        .await
        .iter()
        .filter(|s| {
            s["plaque_no"]
                .as_str()
                .is_some_and(|p| p.starts_with(&prefix))
        })
        .count()
}

// The whole round

#[tokio::test]
async fn a_round_runs_from_two_cities_submissions_to_an_approved_studio_and_is_closed() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let (yc, gy, nx) = (
        app.login(YC).await,
        app.login(GY).await,
        app.login(NX).await,
    );
    let (yc_bureau, gy_bureau) = (app.login(YC_BUREAU).await, app.login(GY_BUREAU).await);
    let plaques_2026 = plaques_of(&app, &hrss, 2026).await;

    // Act & Assert: units in 银川 and 固原 submit; a regional SOE submits to its channel.
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let a2 = submitted_in(&app, &app.login(YC2).await, round, facts("enterprise")).await;
    let b = submitted_in(&app, &gy, round, facts("school")).await;
    let c = submitted_in(&app, &nx, round, facts("enterprise")).await;

    // 固原's bureau returns the school's application; the school fixes its employees and resubmits.
    let reason = "请核对职工总数并补充证明材料。";
    let returned = app
        .act(
            &gy_bureau,
            &b,
            "return_for_correction",
            json!({ "reason": reason }),
        )
        .await;
    assert_eq!(returned["state"], "returned", "{returned}");
    let mut fixed_facts = facts("school");
    fixed_facts["unit"]["employees"] = json!(1200);
    let edit = json!({
        "version": version(&returned), "facts": fixed_facts, "justifications": {}, "profile": profile()
    });
    let (status, fixed) = answer(
        app.put_as(&gy, &format!("/api/applications/{}", id(&b)), &edit)
            .await,
    )
    .await;
    assert_eq!(status, 200, "{fixed}");
    let b = app.submit(&gy, &fixed).await;
    assert_eq!(b["state"], "submitted", "{b}");

    // The timeline shows the return's reason and the changed fact.
    let history_path = format!("/api/applications/{}/history", id(&b));
    let (status, history) = answer(app.get_as(&gy, &history_path).await).await;
    assert_eq!(status, 200, "{history}");
    let steps = history.as_array().expect("history is not an array");
    let states: Vec<&str> = steps.iter().filter_map(|s| s["state"].as_str()).collect();
    assert_eq!(
        states,
        ["draft", "submitted", "returned", "returned", "submitted"],
        "{history}"
    );
    let versions: Vec<i64> = steps.iter().filter_map(|s| s["version"].as_i64()).collect();
    assert_eq!(versions, [1, 2, 3, 4, 5], "{history}");
    assert_eq!(steps[2]["actor"], GY_BUREAU, "{history}");
    assert_eq!(steps[2]["note"], reason, "{history}");
    assert_eq!(steps[2]["state_changed"], true, "{history}");
    assert_eq!(steps[2]["changes"], json!([]), "{history}");
    assert_eq!(steps[3]["actor"], GY, "{history}");
    assert_eq!(steps[3]["state_changed"], false, "{history}");
    assert_eq!(
        steps[3]["changes"],
        json!([{ "path": "facts.unit.employees", "before": 1000, "after": 1200 }]),
        "{history}"
    );
    assert_eq!(steps[4]["changes"], json!([]), "{history}");
    let (status, seen_by_channel) = answer(app.get_as(&gy_bureau, &history_path).await).await;
    assert_eq!(status, 200, "{seen_by_channel}");
    assert_eq!(seen_by_channel, history);
    assert_eq!(code(&app.get_as(&yc, &history_path).await), 404);

    // Each channel submits its ranked list.
    let yc_list = app.recommended(&yc_bureau, round, &[id(&a), id(&a2)]).await;
    let listed: Vec<(i64, i64, &str)> = yc_list
        .iter()
        .map(|v| {
            (
                id(v),
                v["rank"].as_i64().unwrap_or(0),
                v["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [(id(&a), 1, "recommended"), (id(&a2), 2, "recommended")]
    );
    assert!(
        yc_list.iter().all(|v| v["party_meeting_date"] == MEETING),
        "{yc_list:?}"
    );
    let gy_list = app.recommended(&gy_bureau, round, &[id(&b)]).await;
    assert_eq!(gy_list[0]["rank"], 1, "{gy_list:?}");

    // HRSS holds the defense of the first of each list and records the panels' scores.
    let a = defended(&app, &hrss, &yc_list[0], 88.5).await;
    let b = defended(&app, &hrss, &gy_list[0], 79.0).await;

    // Field inspection: 2 candidates for 1 slot.
    let (status, inspected) =
        answer(inspect(&app, &hrss, round, "regional", &[id(&a), id(&b)]).await).await;
    assert_eq!(status, 200, "{inspected}");
    let moved: Vec<(i64, &str)> = inspected
        .as_array()
        .expect("not an array")
        .iter()
        .map(|v| (id(v), v["state"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        moved,
        [(id(&a), "field_inspection"), (id(&b), "field_inspection")]
    );
    let (status, a) = answer(inspection_result(&app, &hrss, id(&a), true, "").await).await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["inspection_passed"], true, "{a}");
    let failure = "工作室场地尚未落实";
    let (status, b) = answer(inspection_result(&app, &hrss, id(&b), false, failure).await).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(b["inspection_passed"], false, "{b}");
    assert_eq!(b["inspection_notes"], failure, "{b}");

    // The proposed list goes on public notice for 5 working days.
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[id(&a)]).await).await;
    assert_eq!(status, 201, "{notice}");
    let notice_id = notice["id"].as_i64().expect("notice id");
    assert_eq!(notice["round_id"], round, "{notice}");
    assert_eq!(notice["year"], 2027, "{notice}");
    assert_eq!(notice["starts_on"], TODAY, "{notice}");
    assert_eq!(notice["ends_on"], NOTICE_END, "{notice}");
    assert_eq!(notice["open"], true, "{notice}");
    assert_eq!(
        notice["entries"],
        json!([{
            "application_id": id(&a), "studio_name": "李明技能大师工作室", "leader_name": "李明",
            "occupation": "焊工", "unit_name": YC_UNIT, "city": "yinchuan", "level": "regional",
            "national_category": null
        }]),
        "{notice}"
    );
    let a = view_of(&app, &hrss, id(&a)).await;
    assert_eq!(a["state"], "proposed", "{a}");
    assert_eq!(a["notice_id"], notice_id, "{a}");
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public, json!([notice]));

    // Someone objects publicly; approval waits for the notice and for the objection.
    let (status, receipt) = answer(object(&app, notice_id, Some(id(&a)), "张三").await).await;
    assert_eq!(status, 201, "{receipt}");
    let (status, refused) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 409, "approved during the notice: {refused}");
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;
    let (status, refused) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 409, "approved with an open objection: {refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("异议")),
        "{refused}"
    );
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "proposed");

    let (status, objections) = answer(
        app.get_as(&hrss, &format!("/api/objections?round_id={round}"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{objections}");
    assert_eq!(objections.as_array().map(Vec::len), Some(1), "{objections}");
    assert_eq!(objections[0]["id"], receipt["id"], "{objections}");
    assert_eq!(objections[0]["notice_id"], notice_id, "{objections}");
    assert_eq!(objections[0]["application_id"], id(&a), "{objections}");
    assert_eq!(objections[0]["name"], "张三", "{objections}");
    assert_eq!(objections[0]["outcome"], Value::Null, "{objections}");
    let outcome = "经核实，领办人在岗在位，异议不成立。";
    let objection_id = receipt["id"].as_i64().expect("objection id");
    let (status, resolved) = answer(resolve(&app, &hrss, objection_id, outcome).await).await;
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["outcome"], outcome, "{resolved}");
    assert_eq!(resolved["resolved_by"], HRSS, "{resolved}");

    let (status, approved) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    let studio_id = approved["studio_id"].as_i64().expect("no studio_id");
    let (status, studio) = answer(
        app.get_as(&hrss, &format!("/api/studios/{studio_id}"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{studio}");
    assert_eq!(
        studio["plaque_no"],
        format!("宁人社工作室〔2026〕{:03}号", plaques_2026 + 1),
        "{studio}"
    );
    assert_eq!(studio["status"], "building", "{studio}");
    assert_eq!(studio["entitlement_fen"], 10_000_000, "{studio}");
    assert_eq!(studio["approved_on"], "2026-10-22", "{studio}");
    assert_eq!(studio["term_end"], "2028-10-21", "{studio}");
    assert_eq!(studio["name"], "李明技能大师工作室", "{studio}");
    assert_eq!(studio["unit_name"], YC_UNIT, "{studio}");
    assert_eq!(studio["level"], "regional", "{studio}");

    // Closing the round: the recommended-but-not-defended and the failed one are not selected; the
    // SOE's application never left its channel.
    let close_reason = "本轮评审结束，未列入建议名单。";
    let (status, summary) = answer(
        app.post_as(
            &hrss,
            &format!("/api/rounds/{round}/close"),
            &json!({ "reason": close_reason }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        summary,
        json!({ "not_selected": 2, "left_with_channel": 1 })
    );
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "approved");
    let a2 = view_of(&app, &hrss, id(&a2)).await;
    assert_eq!(a2["state"], "not_selected", "{a2}");
    assert_eq!(a2["last_reason"], close_reason, "{a2}");
    assert_eq!(state_of(&app, &hrss, id(&b)).await, "not_selected");
    assert_eq!(state_of(&app, &hrss, id(&c)).await, "submitted");

    // The ended notice is still public, closed.
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public.as_array().map(Vec::len), Some(1), "{public}");
    assert_eq!(public[0]["open"], false, "{public}");
    assert_eq!(
        public[0]["entries"][0]["application_id"],
        id(&a),
        "{public}"
    );
}

// Who may move what

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

// Guards of the batches

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
async fn four_national_slots_and_three_national_candidates_let_two_be_proposed_and_approved() {
    // Arrange: the example. 差额 means more inspected than selected: with 4 national slots
    // and 3 defended national candidates, all 3 are inspected and at most min(4, 3 − 1) = 2 proposed.
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 0, 4).await;
    let c1 = submitted_in(&app, &app.login(NX).await, round, national_facts()).await;
    let c2 = submitted_in(&app, &app.login(NX2).await, round, national_facts()).await;
    let c3 = submitted_in(&app, &app.login("yc.jiuye").await, round, national_facts()).await;
    let sasac = app
        .recommended(&app.login(SASAC).await, round, &[id(&c1), id(&c2)])
        .await;
    let yc = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&c3)])
        .await;
    defended(&app, &hrss, &sasac[0], 91.0).await;
    defended(&app, &hrss, &sasac[1], 84.5).await;
    defended(&app, &hrss, &yc[0], 80.0).await;
    let (c1, c2, c3) = (id(&c1), id(&c2), id(&c3));

    // Act
    let (status, listed) =
        answer(inspect(&app, &hrss, round, "national", &[c1, c2, c3]).await).await;
    for c in [c1, c2, c3] {
        let (s, v) = answer(inspection_result(&app, &hrss, c, true, "").await).await;
        assert_eq!(s, 200, "{v}");
    }
    let three = publish(&app, &hrss, round, TODAY, &[c1, c2, c3]).await;
    let (two_status, notice) = answer(publish(&app, &hrss, round, TODAY, &[c1, c2]).await).await;
    let third = publish(&app, &hrss, round, TODAY, &[c3]).await;
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;
    let (first_status, first) = answer(approve(&app, &hrss, &hrss, c1).await).await;
    let (second_status, second) = answer(approve(&app, &hrss, &hrss, c2).await).await;

    // Assert
    assert_eq!(status, 200, "{listed}");
    let refused = json(three).await;
    assert_eq!(refused["fields"][0]["field"], "applications", "{refused}");
    assert!(
        refused["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("最多可拟入选 2 名")),
        "{refused}"
    );
    assert_eq!(two_status, 201, "{notice}");
    assert_eq!(validation_fields(third).await, ["applications"]);
    assert_eq!(first_status, 200, "{first}");
    assert_eq!(second_status, 200, "{second}");
    assert_eq!(state_of(&app, &hrss, c3).await, "field_inspection");
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

// Notices and objections

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

// Atomic batches

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
async fn a_round_with_a_running_notice_cannot_be_closed_and_nothing_changes() {
    // Arrange: the failed school (lower id) would be rejected before the proposed enterprise.
    let (scene, _notice) = noticed_scene().await;
    let Scene {
        app,
        hrss,
        round,
        failed,
        passed,
        ..
    } = scene;
    assert!(failed < passed);

    // Act
    let (status, body) = answer(
        app.post_as(
            &hrss,
            &format!("/api/rounds/{round}/close"),
            &json!({ "reason": "本轮结束。" }),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(state_of(&app, &hrss, failed).await, "field_inspection");
    assert_eq!(state_of(&app, &hrss, passed).await, "proposed");
}

// National studios

#[tokio::test]
async fn an_approved_national_manufacturing_studio_is_entitled_to_300000_yuan() {
    // Arrange: one national slot and two national candidates (差额).
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 1).await;
    let nx = app.login(NX).await;
    let c = submitted_in(&app, &nx, round, national_facts()).await;
    let other = submitted_in(&app, &app.login(NX2).await, round, national_facts()).await;
    assert_eq!(c["level"], "national", "{c}");
    let both = app
        .recommended(&app.login(SASAC).await, round, &[id(&c), id(&other)])
        .await;
    let c = defended(&app, &hrss, &both[0], 92.5).await;
    defended(&app, &hrss, &both[1], 80.0).await;
    let regional = inspect(&app, &hrss, round, "regional", &[id(&c), 999_999]).await;
    assert_eq!(validation_fields(regional).await, ["candidates[1]"]);
    let (status, listed) =
        answer(inspect(&app, &hrss, round, "national", &[id(&c), id(&other)]).await).await;
    assert_eq!(status, 200, "{listed}");
    let (status, passed) = answer(inspection_result(&app, &hrss, id(&c), true, "").await).await;
    assert_eq!(status, 200, "{passed}");
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[id(&c)]).await).await;
    assert_eq!(status, 201, "{notice}");
    assert_eq!(
        notice["entries"][0]["national_category"], "manufacturing",
        "{notice}"
    );
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;

    // Act
    let (status, approved) = answer(approve(&app, &hrss, &hrss, id(&c)).await).await;

    // Assert
    assert_eq!(status, 200, "{approved}");
    let studio_id = approved["studio_id"].as_i64().expect("no studio_id");
    let studio = json(
        app.get_as(&hrss, &format!("/api/studios/{studio_id}"))
            .await,
    )
    .await;
    assert_eq!(studio["level"], "national", "{studio}");
    assert_eq!(studio["national_category"], "manufacturing", "{studio}");
    assert_eq!(studio["entitlement_fen"], 30_000_000, "{studio}");
    assert_eq!(studio["unit_name"], "宁夏长城焊接装备有限公司", "{studio}");
    assert_eq!(studio["term_end"], "2028-10-21", "{studio}");
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
