//! Rounds and applications (第四章): HRSS opens yearly rounds; an applicant drafts, edits and submits
//! under an optimistic version; the channel (or HRSS for 中央驻宁事业单位) returns or recommends; every
//! move is checked by the shared state machine and recorded in the audit trail.

use crate::helpers::{
    Auth, Session, TestApp, TestClock, facts, id, json, new_application, profile_born,
    spawn_app_in_round, validation_fields, version,
};
use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::{Value, json};

/// yc.saishang's unit: 银川塞上机床制造有限公司, a local enterprise in 银川.
const APPLICANT: &str = "yc.saishang";
/// The channel of yc.saishang's unit: 银川市人社局.
const RECOMMENDER: &str = "yc.bureau";
/// Another 银川 enterprise's contact (one application per unit and round).
const NEIGHBOUR: &str = "yc.ningdong";
const HRSS: &str = "hrss";
const CHANNEL: &str = "银川市人力资源和社会保障局";
/// A justification of the leader's age that passes (at most 2000 characters).
const AGE_JUSTIFICATION: &str =
    "带头人身体健康，仍在生产一线带徒传技，所在单位同意延续其带头人职责。";

fn status(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

/// The status and JSON body of a response.
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = status(&response);
    (status, json(response).await)
}

/// The body of `POST /api/rounds`.
fn round(year: i32, opens_on: &str, closes_on: &str) -> Value {
    json!({
        "year": year, "title": format!("{year}年度技能大师工作室申报"),
        "opens_on": opens_on, "closes_on": closes_on,
        "regional_slots": 20, "national_slots": 4
    })
}

/// HRSS opens a round, asserting 201; returns its id.
async fn open_round(app: &TestApp, admin: &Session, body: &Value) -> i64 {
    let (status, created) = answer(app.post_as(admin, "/api/rounds", body).await).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().expect("round id")
}

/// Facts of yc.saishang's enterprise with a leader of 58 on the application date (born
/// 1968-01-01): a warning under 第十条（一） that needs a justification.
fn over_age_facts() -> Value {
    let mut f = facts("enterprise");
    f["leader"]["birth_date"] = json!("1968-01-01");
    f
}

/// The body of `PUT /api/applications/{id}`.
fn edit(version: i64, facts: Value) -> Value {
    let born = facts["leader"]["birth_date"]
        .as_str()
        .unwrap_or("1975-03-10")
        .to_owned();
    json!({ "version": version, "facts": facts, "justifications": {}, "profile": profile_born(&born) })
}

/// The body of a transition.
fn move_(action: &str, version: i64) -> Value {
    json!({ "action": action, "version": version })
}

/// The state of application `id` as `session` sees it now.
async fn state_of(app: &TestApp, session: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(session, id).await).await;
    assert_eq!(status, 200, "{view}");
    view["state"].clone()
}

/// The ids of `GET /api/applications{query}` as `session`.
async fn listed(app: &TestApp, session: &Session, query: &str) -> Vec<i64> {
    let (status, list) = answer(
        app.get_as(session, &format!("/api/applications{query}"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .expect("the application list is not an array")
        .iter()
        .map(id)
        .collect()
}

/// The applicant's submitted application and the recommender's session.
async fn submitted_with_recommender(app: &TestApp) -> (Session, Session, Value) {
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let view = app.submitted(&applicant, "enterprise").await;
    (applicant, recommender, view)
}

/// Moves the clock to `hour:minute` on `date` (`y`, `m`, `d`) in Yinchuan (UTC+8).
fn set_yinchuan_time(clock: &TestClock, (y, m, d): (i32, u32, u32), hour: u32, minute: u32) {
    let at = Utc
        .with_ymd_and_hms(y, m, d, hour, minute, 0)
        .single()
        .expect("a valid instant")
        - chrono::Duration::hours(8);
    clock.advance(at - clock.now());
}

// Rounds

#[tokio::test]
async fn an_hrss_admin_opens_a_round_that_every_signed_in_user_sees() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let mut body = round(2027, "2027-09-01", "2027-12-31");
    body["title"] = json!("  2027年度技能大师工作室申报  ");

    // Act
    let (status, created) = answer(app.post_as(&admin, "/api/rounds", &body).await).await;

    // Assert
    assert_eq!(status, 201, "{created}");
    assert!(created["id"].is_i64(), "{created}");
    assert_eq!(created["year"], 2027, "{created}");
    assert_eq!(created["title"], "2027年度技能大师工作室申报", "{created}");
    assert_eq!(created["opens_on"], "2027-09-01", "{created}");
    assert_eq!(created["closes_on"], "2027-12-31", "{created}");
    assert_eq!(created["regional_slots"], 20, "{created}");
    assert_eq!(created["national_slots"], 4, "{created}");
    for user in [APPLICANT, RECOMMENDER, HRSS, "expert.zhang", "finance"] {
        let session = app.login(user).await;
        let (status, rounds) = answer(app.get_as(&session, "/api/rounds").await).await;
        assert_eq!(status, 200, "{user}: {rounds}");
        let years: Vec<i64> = rounds
            .as_array()
            .expect("not an array")
            .iter()
            .filter_map(|r| r["year"].as_i64())
            .collect();
        assert_eq!(years, [2027, 2026], "{user}: newest first: {rounds}");
        assert_eq!(rounds[0], created, "{user}");
    }
    assert_eq!(status_of_anonymous_rounds(&app).await, 401);
}

async fn status_of_anonymous_rounds(app: &TestApp) -> u16 {
    status(&app.get("/api/rounds").await)
}

#[tokio::test]
async fn a_round_with_a_bad_field_is_refused_naming_that_field() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let cases: [(&str, Value, &str); 11] = [
        ("year", json!(2022), "year"),
        ("year", json!(2101), "year"),
        ("year", json!("2027"), "year"),
        ("title", json!("   "), "title"),
        ("title", json!("申".repeat(129)), "title"),
        ("opens_on", json!("2027-02-30"), "opens_on"),
        ("closes_on", json!("2027-08-31"), "closes_on"),
        ("regional_slots", json!(-1), "regional_slots"),
        ("regional_slots", json!(1001), "regional_slots"),
        ("national_slots", json!(-1), "national_slots"),
        ("national_slots", json!(1001), "national_slots"),
    ];

    for (key, value, field) in cases {
        let mut body = round(2027, "2027-09-01", "2027-12-31");
        body[key] = value.clone();

        // Act
        let response = app.post_as(&admin, "/api/rounds", &body).await;

        // Assert
        assert_eq!(
            validation_fields(response).await,
            [field],
            "{key} = {value}"
        );
    }
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(
        rounds.as_array().map(Vec::len),
        Some(1),
        "a bad round was stored: {rounds}"
    );
}

#[tokio::test]
async fn a_round_with_every_field_bad_names_every_field() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let body = json!({
        "year": 1999, "title": "", "opens_on": "2027-09-01", "closes_on": "2027-01-01",
        "regional_slots": -5, "national_slots": -1
    });

    // Act
    let response = app.post_as(&admin, "/api/rounds", &body).await;

    // Assert
    let mut fields = validation_fields(response).await;
    fields.sort();
    assert_eq!(
        fields,
        [
            "closes_on",
            "national_slots",
            "regional_slots",
            "title",
            "year"
        ]
    );
}

#[tokio::test]
async fn a_round_at_every_boundary_is_accepted() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let mut first = round(2023, "2023-09-01", "2023-09-01");
    first["title"] = json!("申".repeat(128));
    first["regional_slots"] = json!(0);
    first["national_slots"] = json!(0);
    let mut last = round(2100, "2100-01-01", "2100-12-31");
    last["regional_slots"] = json!(1000);
    last["national_slots"] = json!(1000);

    for body in [first, last] {
        // Act
        let (status, created) = answer(app.post_as(&admin, "/api/rounds", &body).await).await;

        // Assert
        assert_eq!(status, 201, "{body}: {created}");
        assert_eq!(created["year"], body["year"], "{created}");
    }
}

#[tokio::test]
async fn a_second_round_for_the_same_year_is_refused_naming_year() {
    // Arrange: the demo data has the 2026 round.
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;

    // Act
    let response = app
        .post_as(
            &admin,
            "/api/rounds",
            &round(2026, "2026-03-01", "2026-06-30"),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["year"]);
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(rounds.as_array().map(Vec::len), Some(1), "{rounds}");
}

#[tokio::test]
async fn only_the_hrss_admin_opens_a_round_and_others_are_refused_before_the_body_is_read() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let good = round(2027, "2027-09-01", "2027-12-31");
    let garbage = json!({ "year": "not a year" });

    for user in [APPLICANT, RECOMMENDER, "expert.zhang", "finance"] {
        let session = app.login(user).await;
        for body in [&good, &garbage] {
            // Act
            let response = app.post_as(&session, "/api/rounds", body).await;

            // Assert
            assert_eq!(status(&response), 403, "{user}: {body}");
        }
    }
    assert_eq!(status(&app.post_json("/api/rounds", &good).await), 401);
    let admin = app.login(HRSS).await;
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(rounds.as_array().map(Vec::len), Some(1), "{rounds}");
}

// Creating an application

#[tokio::test]
async fn an_applicant_creates_a_draft_in_the_open_round_with_the_servers_verdict() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let (status, view) = answer(app.post_as(&applicant, "/api/applications", &body).await).await;

    // Assert
    assert_eq!(status, 201, "{view}");
    assert_eq!(view["state"], "draft", "{view}");
    assert_eq!(view["version"], 1, "{view}");
    assert_eq!(view["round_id"], round, "{view}");
    assert_eq!(view["round_year"], 2026, "{view}");
    assert_eq!(view["unit_name"], "银川塞上机床制造有限公司", "{view}");
    assert_eq!(view["channel"], CHANNEL, "{view}");
    assert_eq!(view["hrss_direct"], false, "{view}");
    assert_eq!(view["level"], "regional", "{view}");
    assert_eq!(view["facts"], body["facts"], "{view}");
    assert_eq!(view["justifications"], json!({}), "{view}");
    assert_eq!(view["rank"], Value::Null, "{view}");
    assert_eq!(view["party_meeting_date"], Value::Null, "{view}");
    assert_eq!(view["last_reason"], Value::Null, "{view}");
    assert_eq!(view["eligibility"]["verdict"], "pass", "{view}");
    let findings = view["eligibility"]["findings"]
        .as_array()
        .expect("findings is not an array");
    assert!(
        findings.iter().any(|f| f["rule"] == "leader.route"),
        "{view}"
    );
    assert_eq!(view["unjustified"], json!([]), "{view}");
    let (status, again) = answer(app.application(&applicant, id(&view)).await).await;
    assert_eq!(status, 200);
    assert_eq!(again, view);
}

#[tokio::test]
async fn an_application_for_an_unknown_round_is_refused_naming_round_id() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let body = new_application(987_654, facts("enterprise"));

    // Act
    let response = app.post_as(&applicant, "/api/applications", &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["round_id"]);
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn an_application_for_a_round_that_is_closed_or_not_yet_open_is_a_conflict() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let closed = open_round(&app, &admin, &round(2025, "2025-03-01", "2025-06-30")).await;
    let future = open_round(&app, &admin, &round(2027, "2027-03-01", "2027-06-30")).await;
    let applicant = app.login(APPLICANT).await;

    for round in [closed, future] {
        // Act
        let (status, body) = answer(
            app.post_as(
                &applicant,
                "/api/applications",
                &new_application(round, facts("enterprise")),
            )
            .await,
        )
        .await;

        // Assert
        assert_eq!(status, 409, "round {round}: {body}");
        assert_eq!(body["code"], "conflict", "{body}");
    }
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn the_round_accepts_applications_until_the_end_of_its_last_day_in_ningxia() {
    // Arrange: the demo round closes on 2026-12-31.
    let (app, clock) = spawn_app_in_round().await;
    set_yinchuan_time(&clock, (2026, 12, 31), 23, 59);
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let last_minute = app.post_as(&applicant, "/api/applications", &body).await;
    // 2027-01-01 00:00 in Yinchuan is still 2026-12-31 in UTC.
    clock.advance(chrono::Duration::minutes(1));
    let too_late = app.post_as(&applicant, "/api/applications", &body).await;

    // Assert
    assert_eq!(status(&last_minute), 201);
    assert_eq!(status(&too_late), 409);
    assert_eq!(listed(&app, &applicant, "").await.len(), 1);
}

#[tokio::test]
async fn bad_facts_are_refused_naming_the_field_under_facts() {
    // Arrange: yc.saishang's unit is registered as an enterprise.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut more_skilled_than_employees = facts("enterprise");
    more_skilled_than_employees["unit"]["skilled_employees"] = json!(1001);
    let mut school = facts("school");
    school["unit"]["kind"] = json!("school");
    let mut no_employees = facts("enterprise");
    no_employees["unit"]["employees"] = json!(0);
    no_employees["unit"]["skilled_employees"] = json!(0);
    let mut born_after = facts("enterprise");
    born_after["leader"]["birth_date"] = json!("2026-10-16");
    let mut no_birth_date = facts("enterprise");
    no_birth_date["leader"]
        .as_object_mut()
        .expect("leader")
        .remove("birth_date");
    let mut bad_level = facts("enterprise");
    bad_level["level"] = json!("municipal");
    let cases = [
        (more_skilled_than_employees, "facts.unit.skilled_employees"),
        (school, "facts.unit.kind"),
        (no_employees, "facts.unit.employees"),
        (born_after, "facts.leader.birth_date"),
        (no_birth_date, "facts.leader.birth_date"),
        (bad_level, "facts.level"),
    ];

    for (facts, field) in cases {
        // Act
        let response = app
            .post_as(
                &applicant,
                "/api/applications",
                &new_application(round, facts),
            )
            .await;

        // Assert
        assert_eq!(validation_fields(response).await, [field]);
    }
    assert!(listed(&app, &applicant, "").await.is_empty());
}

#[tokio::test]
async fn a_justification_over_2000_characters_is_refused_naming_its_rule() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut too_long = new_application(round, over_age_facts());
    too_long["justifications"] = json!({ "leader.age": "理".repeat(2001) });
    let mut longest = too_long.clone();
    longest["justifications"] = json!({ "leader.age": "理".repeat(2000) });

    // Act
    let refused = app
        .post_as(&applicant, "/api/applications", &too_long)
        .await;
    let accepted = app.post_as(&applicant, "/api/applications", &longest).await;

    // Assert
    assert_eq!(
        validation_fields(refused).await,
        ["justifications.leader.age"]
    );
    let (status, view) = answer(accepted).await;
    assert_eq!(status, 201, "{view}");
    assert_eq!(view["unjustified"], json!([]), "{view}");
}

// Who sees an application

#[tokio::test]
async fn a_draft_is_seen_by_its_applicant_alone_until_it_is_submitted() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let admin = app.login(HRSS).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let id = id(&draft);

    // Act
    let before: Vec<u16> = vec![
        status(&app.application(&recommender, id).await),
        status(&app.application(&admin, id).await),
    ];
    let listed_before = (
        listed(&app, &recommender, "").await,
        listed(&app, &admin, "").await,
    );
    app.submit(&applicant, &draft).await;
    let after: Vec<u16> = vec![
        status(&app.application(&recommender, id).await),
        status(&app.application(&admin, id).await),
    ];
    let listed_after = (
        listed(&app, &recommender, "").await,
        listed(&app, &admin, "").await,
    );

    // Assert
    assert_eq!(before, [404, 404]);
    assert_eq!(listed_before, (vec![], vec![]));
    assert_eq!(listed(&app, &applicant, "").await, [id]);
    assert_eq!(after, [200, 200]);
    assert_eq!(listed_after, (vec![id], vec![id]));
}

#[tokio::test]
async fn a_submitted_application_is_hidden_from_other_units_channels_experts_and_finance() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (_applicant, _recommender, view) = submitted_with_recommender(&app).await;
    let id = id(&view);

    for user in [
        "wz.yibiao",
        "gy.jigong",
        "wz.bureau",
        "szs.bureau",
        "sasac",
        "edu",
        "agri",
        "expert.zhang",
        "finance",
    ] {
        let session = app.login(user).await;

        // Act
        let response = app.application(&session, id).await;
        let list = listed(&app, &session, "").await;

        // Assert
        let (status, body) = answer(response).await;
        assert_eq!(status, 404, "{user}: {body}");
        assert_eq!(body["code"], "not_found", "{user}: {body}");
        assert!(list.is_empty(), "{user} lists {list:?}");
    }
}

#[tokio::test]
async fn each_city_recommender_lists_only_its_own_channels_applications() {
    // Arrange: one submitted application in 银川 and one in 吴忠.
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app
        .submitted(&app.login(APPLICANT).await, "enterprise")
        .await;
    let wz = app
        .submitted(&app.login("wz.yibiao").await, "enterprise")
        .await;
    let admin = app.login(HRSS).await;

    // Act
    let yc_list = listed(&app, &app.login(RECOMMENDER).await, "").await;
    let wz_list = listed(&app, &app.login("wz.bureau").await, "").await;
    let hrss_list = listed(&app, &admin, "").await;

    // Assert
    assert_eq!(yc_list, [id(&yc)]);
    assert_eq!(wz_list, [id(&wz)]);
    assert_eq!(hrss_list, [id(&yc), id(&wz)]);
    assert_eq!(wz["channel"], "吴忠市人力资源和社会保障局", "{wz}");
}

#[tokio::test]
async fn the_list_is_narrowed_to_a_round_and_a_bad_round_id_is_named() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let other = open_round(&app, &admin, &round(2027, "2027-09-01", "2027-12-31")).await;
    let applicant = app.login(APPLICANT).await;
    let view = app.draft(&applicant, "enterprise").await;
    let round = view["round_id"].as_i64().expect("round_id");

    // Act
    let in_round = listed(&app, &applicant, &format!("?round_id={round}")).await;
    let in_other = listed(&app, &applicant, &format!("?round_id={other}")).await;
    let bad = app
        .get_as(&applicant, "/api/applications?round_id=abc")
        .await;

    // Assert
    assert_eq!(in_round, [id(&view)]);
    assert!(in_other.is_empty(), "{in_other:?}");
    assert_eq!(validation_fields(bad).await, ["round_id"]);
}

// Edits

#[tokio::test]
async fn the_applicant_edits_a_draft_and_its_version_goes_up() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let mut changed = facts("enterprise");
    changed["unit"]["employees"] = json!(2000);
    changed["unit"]["skilled_employees"] = json!(700);

    // Act
    let (status, view) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &edit(1, changed.clone()),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["version"], 2, "{view}");
    assert_eq!(view["state"], "draft", "{view}");
    assert_eq!(view["facts"], changed, "{view}");
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, view);
}

#[tokio::test]
async fn an_edit_from_a_stale_version_is_a_conflict_naming_the_current_version() {
    // Arrange: a first edit from version 1 makes version 2.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut first = facts("enterprise");
    first["unit"]["employees"] = json!(1200);
    let response = app.put_as(&applicant, &path, &edit(1, first.clone())).await;
    assert_eq!(status(&response), 200);
    let mut second = facts("enterprise");
    second["unit"]["employees"] = json!(1300);

    for stale in [1, 3] {
        // Act
        let (status, body) = answer(
            app.put_as(&applicant, &path, &edit(stale, second.clone()))
                .await,
        )
        .await;

        // Assert
        assert_eq!(status, 409, "from version {stale}: {body}");
        assert_eq!(body["code"], "conflict", "{body}");
        assert_eq!(body["current_version"], 2, "{body}");
    }
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored["version"], 2, "{stored}");
    assert_eq!(stored["facts"], first, "{stored}");
}

#[tokio::test]
async fn an_edit_with_bad_facts_is_refused_and_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let mut bad = facts("enterprise");
    bad["unit"]["skilled_employees"] = json!(5000);
    let mut body = edit(1, bad);
    body["justifications"] = json!({ "leader.age": "理".repeat(2001) });

    // Act
    let response = app
        .put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &body,
        )
        .await;

    // Assert
    let mut fields = validation_fields(response).await;
    fields.sort();
    assert_eq!(
        fields,
        ["facts.unit.skilled_employees", "justifications.leader.age"]
    );
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, draft);
}

#[tokio::test]
async fn a_submitted_application_cannot_be_edited() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, _recommender, view) = submitted_with_recommender(&app).await;

    // Act
    let (status, body) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&view)),
            &edit(version(&view), facts("enterprise")),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    let stored = json(app.application(&applicant, id(&view)).await).await;
    assert_eq!(stored["version"], view["version"], "{stored}");
}

#[tokio::test]
async fn only_the_applicant_of_the_unit_edits_an_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    // One application per unit and round: the returned one is another 银川 enterprise's.
    let neighbour = app.login(NEIGHBOUR).await;
    let returned = {
        let submitted = app.submitted(&neighbour, "enterprise").await;
        let recommender = app.login(RECOMMENDER).await;
        app.act(
            &recommender,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请补充材料" }),
        )
        .await
    };
    let cases = [
        ("wz.yibiao", &draft, 404),
        ("wz.yibiao", &returned, 404),
        (RECOMMENDER, &draft, 404),
        (RECOMMENDER, &returned, 403),
        (HRSS, &returned, 403),
        ("expert.zhang", &returned, 404),
        ("finance", &returned, 404),
    ];

    for (user, view, expected) in cases {
        let session = app.login(user).await;

        // Act
        let response = app
            .put_as(
                &session,
                &format!("/api/applications/{}", id(view)),
                &edit(version(view), facts("enterprise")),
            )
            .await;

        // Assert
        assert_eq!(status(&response), expected, "{user} on {}", view["state"]);
    }
    for (owner, view) in [(&applicant, &draft), (&neighbour, &returned)] {
        let stored = json(app.application(owner, id(view)).await).await;
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

// Moves

#[tokio::test]
async fn an_application_with_a_failing_verdict_cannot_be_submitted() {
    // Arrange: a leader without any qualification route of 第十条（一）.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let mut no_route = facts("enterprise");
    no_route["leader"]["titles"] = json!([]);
    let draft = app
        .create_application(&applicant, &new_application(round, no_route))
        .await;
    assert_eq!(draft["eligibility"]["verdict"], "fail", "{draft}");

    // Act
    let (status, body) = answer(
        app.transition(&applicant, id(&draft), &move_("submit", 1))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    assert_eq!(state_of(&app, &applicant, id(&draft)).await, "draft");
}

#[tokio::test]
async fn an_over_age_leader_needs_a_written_justification_before_submitting() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let draft = app
        .create_application(&applicant, &new_application(round, over_age_facts()))
        .await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut blank = edit(1, over_age_facts());
    blank["justifications"] = json!({ "leader.age": "   " });
    let blank = json(app.put_as(&applicant, &path, &blank).await).await;
    let mut justified = edit(2, over_age_facts());
    justified["justifications"] = json!({ "leader.age": AGE_JUSTIFICATION });

    // Act
    let without = app
        .transition(&applicant, id(&draft), &move_("submit", 2))
        .await;
    let justified = json(app.put_as(&applicant, &path, &justified).await).await;
    let with = app
        .transition(&applicant, id(&draft), &move_("submit", 3))
        .await;

    // Assert
    assert_eq!(draft["eligibility"]["verdict"], "warning", "{draft}");
    assert_eq!(draft["unjustified"], json!(["leader.age"]), "{draft}");
    assert_eq!(blank["unjustified"], json!(["leader.age"]), "{blank}");
    assert_eq!(status(&without), 409);
    assert_eq!(justified["unjustified"], json!([]), "{justified}");
    let (status, submitted) = answer(with).await;
    assert_eq!(status, 200, "{submitted}");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    assert_eq!(submitted["version"], 4, "{submitted}");
    assert_eq!(
        submitted["justifications"]["leader.age"], AGE_JUSTIFICATION,
        "{submitted}"
    );
}

#[tokio::test]
async fn a_return_for_correction_needs_a_reason_and_the_applicant_resubmits_after_editing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let mut blank = move_("return_for_correction", version(&view));
    blank["reason"] = json!("  ");

    // Act
    let without = app
        .transition(
            &recommender,
            id(&view),
            &move_("return_for_correction", version(&view)),
        )
        .await;
    let blank = app.transition(&recommender, id(&view), &blank).await;
    let returned = app
        .act(
            &recommender,
            &view,
            "return_for_correction",
            json!({ "reason": "技能人才人数与花名册不符，请核对" }),
        )
        .await;
    let mut corrected = facts("enterprise");
    corrected["unit"]["skilled_employees"] = json!(380);
    let (edit_status, edited) = answer(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&view)),
            &edit(version(&returned), corrected.clone()),
        )
        .await,
    )
    .await;
    let resubmitted = app.submit(&applicant, &edited).await;

    // Assert
    assert_eq!(validation_fields(without).await, ["reason"]);
    assert_eq!(validation_fields(blank).await, ["reason"]);
    assert_eq!(returned["state"], "returned", "{returned}");
    assert_eq!(
        returned["last_reason"], "技能人才人数与花名册不符，请核对",
        "{returned}"
    );
    assert_eq!(returned["version"], version(&view) + 1, "{returned}");
    assert_eq!(edit_status, 200, "{edited}");
    assert_eq!(resubmitted["state"], "submitted", "{resubmitted}");
    assert_eq!(resubmitted["facts"], corrected, "{resubmitted}");
    let seen = json(app.application(&recommender, id(&view)).await).await;
    assert_eq!(seen["state"], "submitted", "{seen}");
}

#[tokio::test]
async fn a_recommendation_needs_a_rank_and_a_party_meeting_date() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let id = id(&view);
    let mut rank_zero = move_("recommend", version(&view));
    rank_zero["rank"] = json!(0);
    rank_zero["party_meeting_date"] = json!("2026-10-12");
    let mut no_date = move_("recommend", version(&view));
    no_date["rank"] = json!(1);

    // Act
    let neither = app
        .transition(&recommender, id, &move_("recommend", version(&view)))
        .await;
    let rank_zero = app.transition(&recommender, id, &rank_zero).await;
    let no_date = app.transition(&recommender, id, &no_date).await;
    let recommended = app
        .act(
            &recommender,
            &view,
            "recommend",
            json!({ "rank": 1, "party_meeting_date": "2026-10-12" }),
        )
        .await;

    // Assert
    let mut fields = validation_fields(neither).await;
    fields.sort();
    assert_eq!(fields, ["party_meeting_date", "rank"]);
    assert_eq!(validation_fields(rank_zero).await, ["rank"]);
    assert_eq!(validation_fields(no_date).await, ["party_meeting_date"]);
    assert_eq!(recommended["state"], "recommended", "{recommended}");
    assert_eq!(recommended["rank"], 1, "{recommended}");
    assert_eq!(
        recommended["party_meeting_date"], "2026-10-12",
        "{recommended}"
    );
    let seen = json(app.application(&applicant, id).await).await;
    assert_eq!(seen, recommended);
}

#[tokio::test]
async fn a_move_by_the_wrong_role_is_forbidden_and_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let admin = app.login(HRSS).await;
    let neighbour = app.login(NEIGHBOUR).await;
    let returned = {
        let other = app.submitted(&neighbour, "enterprise").await;
        app.act(
            &recommender,
            &other,
            "return_for_correction",
            json!({ "reason": "请补充材料" }),
        )
        .await
    };
    let recommend = json!({ "rank": 1, "party_meeting_date": "2026-10-12" });
    let cases = [
        (&applicant, "applicant", &submitted, "recommend", &recommend),
        (&admin, "hrss", &submitted, "recommend", &recommend),
        (&recommender, "recommender", &returned, "submit", &json!({})),
        (
            &recommender,
            "recommender",
            &submitted,
            "withdraw",
            &json!({}),
        ),
        (&admin, "hrss", &returned, "withdraw", &json!({})),
    ];

    for (session, who, view, action, extra) in cases {
        let mut body = move_(action, version(view));
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }

        // Act
        let (status, reply) = answer(app.transition(session, id(view), &body).await).await;

        // Assert
        assert_eq!(status, 403, "{who} {action} on {}: {reply}", view["state"]);
        assert_eq!(reply["code"], "forbidden", "{reply}");
        let stored = json(app.application(&admin, id(view)).await).await;
        assert_eq!(stored["state"], view["state"], "{stored}");
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

#[tokio::test]
async fn an_action_impossible_in_the_current_state_is_a_conflict() {
    // Arrange: `shared::workflow::transition` refuses impossible pairs with forbidden = false.
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let admin = app.login(HRSS).await;
    let neighbour = app.login(NEIGHBOUR).await;
    let recommended = {
        let other = app.submitted(&neighbour, "enterprise").await;
        app.act(
            &recommender,
            &other,
            "recommend",
            json!({ "rank": 2, "party_meeting_date": "2026-10-12" }),
        )
        .await
    };
    let cases = [
        (&admin, "hrss", &submitted, "approve"),
        (&admin, "hrss", &submitted, "propose"),
        (&applicant, "applicant", &submitted, "submit"),
        (
            &recommender,
            "recommender",
            &recommended,
            "return_for_correction",
        ),
        (&neighbour, "applicant", &recommended, "withdraw"),
    ];

    for (session, who, view, action) in cases {
        let mut body = move_(action, version(view));
        body["reason"] = json!("理由");
        body["rank"] = json!(1);
        body["party_meeting_date"] = json!("2026-10-12");

        // Act
        let (status, reply) = answer(app.transition(session, id(view), &body).await).await;

        // Assert
        assert_eq!(status, 409, "{who} {action} on {}: {reply}", view["state"]);
        assert_eq!(reply["code"], "conflict", "{reply}");
        let stored = json(app.application(&admin, id(view)).await).await;
        assert_eq!(stored["state"], view["state"], "{stored}");
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

#[tokio::test]
async fn an_unknown_action_is_refused_naming_action() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;

    // Act
    let response = app
        .transition(&applicant, id(&draft), &move_("publish", 1))
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["action"]);
}

#[tokio::test]
async fn a_withdrawn_application_can_no_longer_be_moved_or_edited() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;

    // Act
    let withdrawn = app.act(&applicant, &draft, "withdraw", json!({})).await;
    let v = version(&withdrawn);
    let after = [
        app.transition(&applicant, id(&draft), &move_("submit", v))
            .await,
        app.transition(&applicant, id(&draft), &move_("withdraw", v))
            .await,
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &edit(v, facts("enterprise")),
        )
        .await,
    ];

    // Assert
    assert_eq!(withdrawn["state"], "withdrawn", "{withdrawn}");
    assert_eq!(withdrawn["version"], 2, "{withdrawn}");
    let statuses: Vec<u16> = after.iter().map(status).collect();
    assert_eq!(statuses, [409, 409, 409]);
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, withdrawn);
}

#[tokio::test]
async fn the_applicant_may_withdraw_a_submitted_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;

    // Act
    let withdrawn = app.act(&applicant, &view, "withdraw", json!({})).await;

    // Assert
    assert_eq!(withdrawn["state"], "withdrawn", "{withdrawn}");
    let recommend = json!({
        "action": "recommend", "version": version(&withdrawn), "rank": 1,
        "party_meeting_date": "2026-10-12"
    });
    let response = app.transition(&recommender, id(&view), &recommend).await;
    assert_eq!(status(&response), 409);
}

#[tokio::test]
async fn a_draft_cannot_be_submitted_after_its_round_has_closed() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    set_yinchuan_time(&clock, (2027, 1, 1), 9, 0);
    let applicant = app.login(APPLICANT).await;

    // Act
    let (status, body) = answer(
        app.transition(&applicant, id(&draft), &move_("submit", 1))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict", "{body}");
    assert_eq!(state_of(&app, &applicant, id(&draft)).await, "draft");
}

#[tokio::test]
async fn a_move_without_the_csrf_token_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));

    // Act
    let submit = app
        .send(
            Method::POST,
            &format!("{path}/transition"),
            Auth::WithoutCsrf(&applicant),
            Some(&move_("submit", 1)),
        )
        .await;
    let edit = app
        .send(
            Method::PUT,
            &path,
            Auth::WithoutCsrf(&applicant),
            Some(&edit(1, over_age_facts())),
        )
        .await;

    // Assert
    assert_eq!(status(&submit), 403);
    assert_eq!(status(&edit), 403);
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, draft);
}

// The HRSS-direct channel (中央驻宁事业单位)

#[tokio::test]
async fn a_central_public_institution_goes_straight_to_hrss_which_recommends_without_rank() {
    // Arrange: an applicant of 国家地质调查宁夏实验中心 (central public institution, training base, 银川).
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let unit = app
        .scope_id(&admin, "units", "国家地质调查宁夏实验中心")
        .await;
    let account = json!({
        "username": "dizhi.liaison", "display_name": "地质调查实验中心 联络员 罗平",
        "password": "Geology-2026-lab", "role": "applicant", "unit_id": unit
    });
    let created = app.post_as(&admin, "/api/admin/users", &account).await;
    assert_eq!(status(&created), 201);
    let applicant = app.login_with("dizhi.liaison", "Geology-2026-lab").await;
    let draft = app.draft(&applicant, "training_base").await;
    let submitted = app.submit(&applicant, &draft).await;
    let id = id(&submitted);
    let recommend = move_("recommend", version(&submitted));

    // Act
    let mut recommenders = Vec::new();
    for user in [
        RECOMMENDER,
        "szs.bureau",
        "wz.bureau",
        "gy.bureau",
        "zw.bureau",
        "edu",
        "sasac",
        "agri",
    ] {
        let session = app.login(user).await;
        recommenders.push((
            user,
            status(&app.application(&session, id).await),
            listed(&app, &session, "").await,
            status(&app.transition(&session, id, &recommend).await),
        ));
    }
    let seen_by_hrss = status(&app.application(&admin, id).await);
    let listed_by_hrss = listed(&app, &admin, "").await;
    let (status, recommended) = answer(app.transition(&admin, id, &recommend).await).await;

    // Assert
    assert_eq!(draft["hrss_direct"], true, "{draft}");
    assert_eq!(
        draft["channel"], "自治区人力资源和社会保障厅（直报）",
        "{draft}"
    );
    assert_eq!(draft["eligibility"]["verdict"], "manual_review", "{draft}");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    for (user, get, list, act) in recommenders {
        assert_eq!(get, 404, "{user} sees it");
        assert!(list.is_empty(), "{user} lists {list:?}");
        assert_eq!(act, 404, "{user} acts on it");
    }
    assert_eq!(seen_by_hrss, 200);
    assert_eq!(listed_by_hrss, [id]);
    assert_eq!(status, 200, "{recommended}");
    assert_eq!(recommended["state"], "recommended", "{recommended}");
    assert_eq!(recommended["rank"], Value::Null, "{recommended}");
    assert_eq!(
        recommended["party_meeting_date"],
        Value::Null,
        "{recommended}"
    );
}

#[tokio::test]
async fn hrss_returns_a_direct_application_for_correction_with_a_reason() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let unit = app
        .scope_id(&admin, "units", "国家地质调查宁夏实验中心")
        .await;
    let account = json!({
        "username": "dizhi.liaison", "display_name": "地质调查实验中心 联络员 罗平",
        "password": "Geology-2026-lab", "role": "applicant", "unit_id": unit
    });
    assert_eq!(
        status(&app.post_as(&admin, "/api/admin/users", &account).await),
        201
    );
    let applicant = app.login_with("dizhi.liaison", "Geology-2026-lab").await;
    let submitted = app.submitted(&applicant, "training_base").await;

    // Act
    let without = app
        .transition(
            &admin,
            id(&submitted),
            &move_("return_for_correction", version(&submitted)),
        )
        .await;
    let returned = app
        .act(
            &admin,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请补充实训场地证明" }),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(without).await, ["reason"]);
    assert_eq!(returned["state"], "returned", "{returned}");
    assert_eq!(returned["last_reason"], "请补充实训场地证明", "{returned}");
}

// Audit

#[tokio::test]
async fn every_change_is_recorded_with_actor_states_and_reason_and_the_chain_stays_intact() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let returned = app
        .act(
            &recommender,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请核对员工人数" }),
        )
        .await;
    let mut corrected = facts("enterprise");
    corrected["unit"]["employees"] = json!(1100);
    let edited = json(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&submitted)),
            &edit(version(&returned), corrected),
        )
        .await,
    )
    .await;
    let resubmitted = app.submit(&applicant, &edited).await;
    app.act(
        &recommender,
        &resubmitted,
        "recommend",
        json!({ "rank": 1, "party_meeting_date": "2026-10-12" }),
    )
    .await;

    // Act
    let (status, entries) = answer(
        app.get_as(
            &admin,
            &format!(
                "/api/admin/audit?object_type=application&object_id={}",
                id(&submitted)
            ),
        )
        .await,
    )
    .await;
    let verified = json(app.get_as(&admin, "/api/admin/audit/verify").await).await;

    // Assert
    assert_eq!(status, 200, "{entries}");
    let entries = entries.as_array().expect("not an array");
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "application.recommend",
            "application.submit",
            "application.update",
            "application.return_for_correction",
            "application.submit",
            "application.create",
        ]
    );
    // Newest first: (actor, role, before, after, reason) of each move.
    let moves = [
        (
            0,
            RECOMMENDER,
            "recommender",
            "submitted",
            "recommended",
            None,
        ),
        (1, APPLICANT, "applicant", "returned", "submitted", None),
        (
            3,
            RECOMMENDER,
            "recommender",
            "submitted",
            "returned",
            Some("请核对员工人数"),
        ),
        (4, APPLICANT, "applicant", "draft", "submitted", None),
    ];
    for (i, actor, role, before, after, reason) in moves {
        let e = &entries[i];
        assert_eq!(e["object_type"], "application", "{e}");
        assert_eq!(e["object_id"], id(&submitted).to_string(), "{e}");
        assert_eq!(e["actor"], actor, "{e}");
        assert_eq!(e["role"], role, "{e}");
        assert_eq!(snapshot(e, "before"), before, "{e}");
        assert_eq!(snapshot(e, "after"), after, "{e}");
        assert_eq!(e["reason"], reason.map_or(Value::Null, Value::from), "{e}");
    }
    assert_eq!(entries[2]["actor"], APPLICANT, "{}", entries[2]);
    assert_eq!(
        snapshot(&entries[2], "after")["unit"]["employees"],
        1100,
        "{}",
        entries[2]
    );
    assert_eq!(verified["ok"], true, "{verified}");
}

/// A JSON snapshot stored as text in `before`/`after`.
fn snapshot(entry: &Value, key: &str) -> Value {
    let text = entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {entry}"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{key} is not JSON ({e}): {text}"))
}

#[tokio::test]
async fn a_refused_move_leaves_no_audit_entry() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let query = format!(
        "/api/admin/audit?object_type=application&object_id={}",
        id(&view)
    );
    let before = json(app.get_as(&admin, &query).await).await;

    let mut stale = move_("recommend", 99);
    stale["rank"] = json!(1);
    stale["party_meeting_date"] = json!("2026-10-12");
    let mut wrong_role = stale.clone();
    wrong_role["version"] = json!(version(&view));

    // Act: a stale version, a missing reason, a wrong role, an impossible action.
    let refusals = [
        app.transition(&recommender, id(&view), &stale).await,
        app.transition(
            &recommender,
            id(&view),
            &move_("return_for_correction", version(&view)),
        )
        .await,
        app.transition(&applicant, id(&view), &wrong_role).await,
        app.transition(&admin, id(&view), &move_("approve", version(&view)))
            .await,
    ];

    // Assert
    let statuses: Vec<u16> = refusals.iter().map(status).collect();
    assert_eq!(statuses, [409, 422, 403, 409]);
    let after = json(app.get_as(&admin, &query).await).await;
    assert_eq!(after, before);
}

// Concurrency

#[tokio::test]
async fn of_two_edits_sent_at_once_from_the_same_version_exactly_one_wins() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut a = facts("enterprise");
    a["unit"]["employees"] = json!(1111);
    let mut b = facts("enterprise");
    b["unit"]["employees"] = json!(2222);
    let (body_a, body_b) = (edit(1, a.clone()), edit(1, b.clone()));

    // Act
    let (ra, rb) = tokio::join!(
        app.put_as(&applicant, &path, &body_a),
        app.put_as(&applicant, &path, &body_b)
    );

    // Assert
    let (sa, va) = answer(ra).await;
    let (sb, vb) = answer(rb).await;
    let mut statuses = [sa, sb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{va} / {vb}");
    let (winner, loser, winning_facts) = if sa == 200 {
        (&va, &vb, a)
    } else {
        (&vb, &va, b)
    };
    assert_eq!(winner["version"], 2, "{winner}");
    assert_eq!(loser["current_version"], 2, "{loser}");
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored["version"], 2, "{stored}");
    assert_eq!(stored["facts"], winning_facts, "{stored}");
}

#[tokio::test]
async fn of_two_moves_sent_at_once_from_the_same_version_exactly_one_wins() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (_applicant, recommender, view) = submitted_with_recommender(&app).await;
    let v = version(&view);
    let mut recommend = move_("recommend", v);
    recommend["rank"] = json!(1);
    recommend["party_meeting_date"] = json!("2026-10-12");
    let mut give_back = move_("return_for_correction", v);
    give_back["reason"] = json!("请补充材料");

    // Act
    let (ra, rb) = tokio::join!(
        app.transition(&recommender, id(&view), &recommend),
        app.transition(&recommender, id(&view), &give_back)
    );

    // Assert
    let (sa, va) = answer(ra).await;
    let (sb, vb) = answer(rb).await;
    let mut statuses = [sa, sb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{va} / {vb}");
    let winner = if sa == 200 { &va } else { &vb };
    let stored = json(app.application(&recommender, id(&view)).await).await;
    assert_eq!(stored["state"], winner["state"], "{stored}");
    assert_eq!(stored["version"], v + 1, "{stored}");
    let entries = json(
        app.get_as(
            &admin,
            &format!(
                "/api/admin/audit?object_type=application&object_id={}",
                id(&view)
            ),
        )
        .await,
    )
    .await;
    let moves = entries
        .as_array()
        .expect("not an array")
        .iter()
        .filter(|e| e["role"] == "recommender")
        .count();
    assert_eq!(moves, 1, "{entries}");
}

// Server bugs found by these tests

#[tokio::test]
async fn a_rank_too_large_to_store_is_refused_naming_rank() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (_applicant, recommender, view) = submitted_with_recommender(&app).await;
    let mut body = move_("recommend", version(&view));
    body["rank"] = json!(2_147_483_648_u64);
    body["party_meeting_date"] = json!("2026-10-12");

    // Act
    let response = app.transition(&recommender, id(&view), &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["rank"]);
    assert_eq!(state_of(&app, &recommender, id(&view)).await, "submitted");
}

#[tokio::test]
async fn a_draft_withdrawn_before_it_was_submitted_stays_private() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let hrss = app.login(HRSS).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let withdrawn = app.act(&applicant, &draft, "withdraw", json!({})).await;
    assert_eq!(withdrawn["state"], "withdrawn");

    // Act
    let by_recommender = status(&app.application(&recommender, id(&draft)).await);
    let by_hrss = status(&app.application(&hrss, id(&draft)).await);

    // Assert
    assert_eq!((by_recommender, by_hrss), (404, 404));
    assert_eq!(status(&app.application(&applicant, id(&draft)).await), 200);
}

/// The `leader.age` finding of an application view.
fn age_finding(view: &Value) -> Value {
    view["eligibility"]["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "leader.age"))
        .cloned()
        .unwrap_or_else(|| panic!("no leader.age finding in {view}"))
}

#[tokio::test]
async fn a_typed_application_date_is_ignored_and_the_submission_day_decides_the_age() {
    // Arrange (the example): the clock's day is 2026-10-15. The leader turned 56 eleven
    // days earlier (born 1970-10-03: 56 周岁 from the day after the 56th birthday, 2026-10-04);
    // the applicant types a date fifteen days earlier, when he was still 55.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round_id = app.round_id(&applicant, 2026).await;
    let mut typed = facts("enterprise");
    typed["leader"]["birth_date"] = json!("1970-10-03");
    typed["application_date"] = json!("2026-09-30");

    // Act
    let draft = app
        .create_application(&applicant, &new_application(round_id, typed))
        .await;
    let refused = app
        .transition(&applicant, id(&draft), &move_("submit", version(&draft)))
        .await;
    let justified = app
        .put_as(
            &applicant,
            &format!("/api/applications/{}", id(&draft)),
            &json!({
                "version": version(&draft), "facts": draft["facts"], "profile": draft["profile"],
                "justifications": { "leader.age": AGE_JUSTIFICATION }
            }),
        )
        .await;
    let justified = json(justified).await;
    let submitted = app.submit(&applicant, &justified).await;

    // Assert: the draft is evaluated on today, and says that the submission day will decide.
    assert_eq!(draft["evaluated_on"], "2026-10-15", "{draft}");
    assert_eq!(draft["date_final"], false, "{draft}");
    assert_eq!(draft["facts"]["application_date"], "2026-10-15", "{draft}");
    assert_eq!(age_finding(&draft)["severity"], "warning", "{draft}");
    assert_eq!(status(&refused), 409, "an unjustified age warning");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    assert_eq!(submitted["evaluated_on"], "2026-10-15", "{submitted}");
    assert_eq!(submitted["date_final"], true, "{submitted}");
    assert_eq!(submitted["facts"]["application_date"], "2026-10-15");
}

#[tokio::test]
async fn a_draft_is_judged_on_the_day_it_is_submitted_not_the_day_it_was_written() {
    // Arrange: written on 2026-10-15 when the leader (born 1970-10-20) is 55; his 56th birthday is
    // 2026-10-20, so from 2026-10-21 he is 56.
    let (app, clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round_id = app.round_id(&applicant, 2026).await;
    let mut f = facts("enterprise");
    f["leader"]["birth_date"] = json!("1970-10-20");
    let draft = app
        .create_application(&applicant, &new_application(round_id, f))
        .await;
    assert_eq!(age_finding(&draft)["severity"], "pass", "{draft}");

    // Act: submitted on 2026-10-21.
    clock.advance(chrono::Duration::days(6));
    let applicant = app.login(APPLICANT).await;
    let refused = app
        .transition(&applicant, id(&draft), &move_("submit", version(&draft)))
        .await;
    let later = json(app.application(&applicant, id(&draft)).await).await;

    // Assert
    assert_eq!(
        status(&refused),
        409,
        "56 on the submission day: a justification is needed"
    );
    assert_eq!(later["evaluated_on"], "2026-10-21", "{later}");
    assert_eq!(age_finding(&later)["severity"], "warning", "{later}");
    assert_eq!(later["state"], "draft", "{later}");
}

#[tokio::test]
async fn a_move_by_a_role_that_may_never_make_it_is_forbidden_before_its_fields_are_checked() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, _recommender, view) = submitted_with_recommender(&app).await;

    for action in ["return_for_correction", "recommend", "reject"] {
        // Act: no reason, rank or meeting date either.
        let response = app
            .transition(&applicant, id(&view), &move_(action, version(&view)))
            .await;

        // Assert
        assert_eq!(status(&response), 403, "{action}");
    }
}

#[tokio::test]
async fn an_application_returned_after_the_round_closed_can_still_be_fixed_and_resubmitted() {
    // Arrange: returned during the preliminary review, after the call closed.
    let (app, clock) = spawn_app_in_round().await;
    let (_, _, view) = submitted_with_recommender(&app).await;
    set_yinchuan_time(&clock, (2027, 1, 10), 10, 0);
    let (applicant, recommender) = (app.login(APPLICANT).await, app.login(RECOMMENDER).await);
    let returned = app
        .act(
            &recommender,
            &view,
            "return_for_correction",
            json!({ "reason": "请补充证明材料" }),
        )
        .await;

    // Act
    let resubmitted = app.submit(&applicant, &returned).await;

    // Assert
    assert_eq!(resubmitted["state"], "submitted");
}

#[tokio::test]
async fn a_non_applicant_is_refused_before_the_body_of_a_new_application_is_read() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;

    for user in [RECOMMENDER, HRSS, "expert.zhang", "finance"] {
        let session = app.login(user).await;

        // Act
        let response = app
            .post_as(&session, "/api/applications", &json!({ "round_id": "x" }))
            .await;

        // Assert
        assert_eq!(status(&response), 403, "{user}");
    }
}

// 第四章: one application per unit and round.

#[tokio::test]
async fn a_unit_applies_once_per_round_and_a_withdrawn_application_frees_the_place() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let first = app.draft(&applicant, "enterprise").await;

    // Act
    let (second_status, second) = answer(
        app.post_as(
            &applicant,
            "/api/applications",
            &new_application(round, facts("enterprise")),
        )
        .await,
    )
    .await;
    app.act(&applicant, &first, "withdraw", json!({})).await;
    let (third_status, third) = answer(
        app.post_as(
            &applicant,
            "/api/applications",
            &new_application(round, facts("enterprise")),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(second_status, 409, "{second}");
    assert_eq!(second["code"], "conflict", "{second}");
    assert!(
        second["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("编号 {}", id(&first)))),
        "the refusal names the unit's application: {second}"
    );
    assert_eq!(third_status, 201, "{third}");
}

#[tokio::test]
async fn of_two_applications_sent_at_once_by_one_unit_exactly_one_is_created() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let (a, b) = tokio::join!(
        app.post_as(&applicant, "/api/applications", &body),
        app.post_as(&applicant, "/api/applications", &body)
    );

    // Assert
    let mut codes = [status(&a), status(&b)];
    codes.sort_unstable();
    assert_eq!(codes, [201, 409]);
    let mine = json(
        app.get_as(&applicant, &format!("/api/applications?round_id={round}"))
            .await,
    )
    .await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
}
