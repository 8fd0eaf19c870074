//! Expert panels (答辩评审 第十一条（三）): HRSS forms a panel; experts score on tablets through
//! `POST /api/scoring/sync`, which stores each change once and keeps the latest by client time;
//! conflicts of interest and recusals; signing locks a sheet until the chair reopens it; closing
//! ranks the candidates by the declared aggregation and tie-breakers and records the defense scores.

use crate::helpers::{
    Session, TestApp, TestClock, facts, id, json, profile, spawn_app_in_round, validation_fields,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use server::entity::score_change;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Three 固原 units and their kinds: 固原市高级技工学校, 隆德县砖雕文化传承, 彭阳县建筑安装.
const GY_UNITS: [(&str, &str); 3] = [
    ("gy.jigong", "school"),
    ("gy.zhuandiao", "enterprise"),
    ("gy.jianzhu", "enterprise"),
];
const HRSS: &str = "hrss";
/// 银川塞上机床制造有限公司 (unit row 0), recommended by 银川市人社局.
const YC: &str = "yc.saishang";
const YC_BUREAU: &str = "yc.bureau";
/// 固原市人社局 recommends the 固原 units ([`GY_UNITS`]): no demo expert has a conflict with them.
const GY_BUREAU: &str = "gy.bureau";
/// 吴忠精密仪表有限公司, recommended by 吴忠市人社局 (expert.sun's organisation).
const WZ: &str = "wz.yibiao";
const WZ_BUREAU: &str = "wz.bureau";
/// 宁夏长城焊接装备有限公司, recommended by 自治区国资委.
const NX: &str = "nx.hanjie";
const SASAC: &str = "sasac";

const ZHANG: &str = "expert.zhang";
/// Worked at yc.saishang's unit until 2024-06-30.
const MA: &str = "expert.ma";
const LI: &str = "expert.li";
const WANG: &str = "expert.wang";
const ZHAO: &str = "expert.zhao";
/// Belongs to 吴忠市人社局.
const SUN: &str = "expert.sun";

const ZHANG_NAME: &str = "张立新（评审专家）";
const MA_NAME: &str = "马文华（评审专家）";
const LI_NAME: &str = "李国华（评审专家）";
const WANG_NAME: &str = "王淑芬（评审专家）";
const ZHAO_NAME: &str = "赵振宇（评审专家）";
const SUN_NAME: &str = "孙立伟（评审专家）";

/// The default defense rubric's items in order, and their maxima.
const ITEMS: [&str; 5] = ["skill", "innovation", "mentoring", "unit", "plan"];
const MAXIMA: [f64; 5] = [25.0, 20.0, 20.0, 15.0, 20.0];

/// A 1×1 PNG as a data URL (over 100 characters, as the server wants of a drawn signature).
const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// A client time on the clock's day.
const AT: &str = "2026-10-15T01:30:00Z";

fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = code(&response);
    (status, json(response).await)
}

/// A client change id never used before in this test binary.
fn fresh_id(tag: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{tag}-{:08}-4e1c-9a0b-tablet",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The 2027 round (already open, 10 regional slots), so that the demo round's data stays apart.
async fn round(app: &TestApp, hrss: &Session) -> i64 {
    let body = json!({
        "year": 2027, "title": "2027年度技能大师工作室申报（提前受理）",
        "opens_on": "2026-10-01", "closes_on": "2027-12-31",
        "regional_slots": 10, "national_slots": 2
    });
    let (status, round) = answer(app.post_as(hrss, "/api/rounds", &body).await).await;
    assert_eq!(status, 201, "{round}");
    round["id"].as_i64().expect("round id")
}

/// One application of each `(contact, kind of unit)` in `round` (one per unit and round),
/// recommended by `channel` in that order, then moved into the defense review by HRSS (no manual
/// score); their ids.
async fn in_defense(
    app: &TestApp,
    hrss: &Session,
    round: i64,
    channel: &str,
    applicants: &[(&str, &str)],
) -> Vec<i64> {
    let mut ids = Vec::new();
    for (applicant, kind) in applicants {
        let applicant = app.login(applicant).await;
        let body = json!({
            "round_id": round, "facts": facts(kind), "justifications": {}, "profile": profile()
        });
        let draft = app.create_application(&applicant, &body).await;
        let submitted = app.submit(&applicant, &draft).await;
        assert_eq!(submitted["state"], "submitted", "{submitted}");
        ids.push(id(&submitted));
    }
    let listed = app
        .recommended(&app.login(channel).await, round, &ids)
        .await;
    let mut out = Vec::new();
    for view in &listed {
        let started = app.act(hrss, view, "start_defense", json!({})).await;
        assert_eq!(started["state"], "defense_review", "{started}");
        assert_eq!(started["defense_score"], Value::Null, "{started}");
        out.push(id(&started));
    }
    out
}

/// The user ids of `names`, in that order.
async fn user_ids(app: &TestApp, hrss: &Session, names: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for name in names {
        ids.push(app.user_id(hrss, name).await);
    }
    ids
}

/// The body of `POST /api/panels` for a defense panel with the default rubric, the default trimmed
/// mean (5 experts or more) and the tie-breakers skill, then channel rank.
fn panel_body(chair: i64, experts: &[i64], candidates: &[i64]) -> Value {
    json!({
        "purpose": "defense",
        "title": "2027年装备制造类答辩评审组",
        "occupation_group": "装备制造类",
        "session_on": "2026-10-20",
        "location": "自治区人社厅第三会议室",
        "rubric": null,
        "aggregation": { "method": "trimmed_mean", "min_experts": 5 },
        "tie_breakers": [{ "by": "item", "item": "skill" }, { "by": "channel_rank" }],
        "chair": chair,
        "experts": experts,
        "candidates": candidates,
    })
}

/// `POST /api/panels` as HRSS, asserting 201; the view HRSS gets (with every sheet).
async fn create_panel(app: &TestApp, hrss: &Session, body: &Value) -> Value {
    let (status, panel) = answer(app.post_as(hrss, "/api/panels", body).await).await;
    assert_eq!(status, 201, "{panel}");
    assert_eq!(panel["state"], "open", "{panel}");
    panel
}

fn panel_id(panel: &Value) -> i64 {
    panel["id"].as_i64().expect("panel id")
}

/// `GET /api/panels/{id}` as `session`, asserting 200.
async fn panel_as(app: &TestApp, session: &Session, panel: i64) -> Value {
    let (status, view) = answer(app.get_as(session, &format!("/api/panels/{panel}")).await).await;
    assert_eq!(status, 200, "{view}");
    view
}

/// The panel's candidate id of `application`.
fn candidate(panel: &Value, application: i64) -> i64 {
    panel["candidates"]
        .as_array()
        .expect("candidates is not an array")
        .iter()
        .find(|c| c["application_id"] == application)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("application {application} is not a candidate of {panel}"))
}

/// The sheet of `expert` for `application`, in a view that has it.
fn sheet_of(panel: &Value, expert: i64, application: i64) -> Value {
    let c = candidate(panel, application);
    panel["sheets"]
        .as_array()
        .expect("sheets is not an array")
        .iter()
        .find(|s| s["expert_id"] == expert && s["candidate_id"] == c)
        .cloned()
        .unwrap_or_else(|| panic!("no sheet of expert {expert} for {application} in {panel}"))
}

fn sheet_id(panel: &Value, expert: i64, application: i64) -> i64 {
    sheet_of(panel, expert, application)["id"]
        .as_i64()
        .expect("sheet id")
}

/// The sheet `sheet` in a view or a sync result.
fn sheet_in(list: &Value, sheet: i64) -> Value {
    list.as_array()
        .expect("not an array of sheets")
        .iter()
        .find(|s| s["id"] == sheet)
        .cloned()
        .unwrap_or_else(|| panic!("no sheet {sheet} in {list}"))
}

fn change(id: &str, sheet: i64, item: &str, value: f64, at: &str) -> Value {
    json!({ "id": id, "sheet_id": sheet, "item": item, "value": value, "client_at": at })
}

fn sign(id: &str, sheet: i64) -> Value {
    json!({ "id": id, "sheet_id": sheet, "signature": SIGNATURE, "client_at": AT })
}

/// `POST /api/scoring/sync` as `expert`.
async fn sync(
    app: &TestApp,
    expert: &Session,
    changes: Vec<Value>,
    signs: Vec<Value>,
) -> (u16, Value) {
    answer(
        app.post_as(
            expert,
            "/api/scoring/sync",
            &json!({ "changes": changes, "signs": signs }),
        )
        .await,
    )
    .await
}

/// The ids a sync result accepted.
fn accepted(result: &Value) -> Vec<String> {
    result["accepted"]
        .as_array()
        .unwrap_or_else(|| panic!("accepted is not an array: {result}"))
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect()
}

/// The reason a sync result gave for rejecting `id`.
fn rejection(result: &Value, id: &str) -> String {
    result["rejected"]
        .as_array()
        .unwrap_or_else(|| panic!("rejected is not an array: {result}"))
        .iter()
        .find(|r| r["id"] == id)
        .and_then(|r| r["reason"].as_str())
        .unwrap_or_else(|| panic!("{id} was not rejected: {result}"))
        .to_owned()
}

/// Items adding up to `total`, each at most its maximum (greedily, from the first).
fn split(total: f64) -> [f64; 5] {
    let mut left = total;
    let mut out = [0.0; 5];
    for (slot, max) in out.iter_mut().zip(MAXIMA) {
        *slot = left.min(max);
        left -= *slot;
    }
    assert!(left.abs() < 1e-9, "{total} is above 100");
    out
}

/// `expert` gives every item of `sheet` (`values` in rubric order) and, when `signed`, signs it,
/// in one sync; asserts everything was accepted.
async fn score(app: &TestApp, expert: &Session, sheet: i64, values: [f64; 5], signed: bool) {
    let changes: Vec<Value> = ITEMS
        .iter()
        .zip(values)
        .map(|(item, v)| change(&fresh_id(item), sheet, item, v, AT))
        .collect();
    let signs = if signed {
        vec![sign(&fresh_id("sign"), sheet)]
    } else {
        vec![]
    };
    let (status, result) = sync(app, expert, changes, signs).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["rejected"], json!([]), "{result}");
    let view = sheet_in(&result["sheets"], sheet);
    assert_eq!(
        view["status"],
        if signed { "signed" } else { "draft" },
        "{view}"
    );
}

/// `POST /api/panels/{id}/close` as `session`.
async fn close(app: &TestApp, session: &Session, panel: i64) -> (u16, Value) {
    answer(
        app.post_as(session, &format!("/api/panels/{panel}/close"), &json!({}))
            .await,
    )
    .await
}

/// The ranking row of `application` in a closed panel's view.
fn row_of(panel: &Value, application: i64) -> Value {
    let c = candidate(panel, application);
    panel["ranking"]
        .as_array()
        .unwrap_or_else(|| panic!("no ranking in {panel}"))
        .iter()
        .find(|r| r["candidate_id"] == c)
        .cloned()
        .unwrap_or_else(|| panic!("application {application} is not ranked in {panel}"))
}

/// The defense score HRSS sees on application `id`.
async fn defense_score(app: &TestApp, hrss: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(hrss, id).await).await;
    assert_eq!(status, 200, "{view}");
    view["defense_score"].clone()
}

/// A panel of the given experts (the first is the chair) on `n` 固原 applications in the defense
/// review, with `aggregation`.
struct Scene {
    app: TestApp,
    _clock: TestClock,
    hrss: Session,
    /// In the order given, the first the chair.
    experts: Vec<(i64, Session)>,
    apps: Vec<i64>,
    panel: Value,
}

impl Scene {
    fn expert(&self, i: usize) -> &Session {
        &self.experts[i].1
    }

    fn expert_id(&self, i: usize) -> i64 {
        self.experts[i].0
    }

    fn sheet(&self, expert: usize, app: usize) -> i64 {
        sheet_id(&self.panel, self.expert_id(expert), self.apps[app])
    }

    fn id(&self) -> i64 {
        panel_id(&self.panel)
    }
}

async fn scene(names: &[&str], n: usize, aggregation: Value) -> Scene {
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let apps = in_defense(&app, &hrss, round, GY_BUREAU, &GY_UNITS[..n]).await;
    let ids = user_ids(&app, &hrss, names).await;
    let mut body = panel_body(ids[0], &ids, &apps);
    body["aggregation"] = aggregation;
    body["round_id"] = json!(round);
    let panel = create_panel(&app, &hrss, &body).await;
    let mut experts = Vec::new();
    for (name, id) in names.iter().zip(ids) {
        experts.push((id, app.login(name).await));
    }
    Scene {
        app,
        _clock: clock,
        hrss,
        experts,
        apps,
        panel,
    }
}

fn trimmed() -> Value {
    json!({ "method": "trimmed_mean", "min_experts": 5 })
}

// Sync: exactly once, latest wins

#[tokio::test]
async fn a_change_resent_with_the_same_id_is_stored_once_and_acknowledged_each_time() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let once = change(
        "3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b",
        sheet,
        "skill",
        22.5,
        AT,
    );

    // Act: twice in one request, then two more requests.
    let (s1, first) = sync(
        &s.app,
        s.expert(1),
        vec![once.clone(), once.clone()],
        vec![],
    )
    .await;
    let (s2, second) = sync(&s.app, s.expert(1), vec![once.clone()], vec![]).await;
    let (s3, third) = sync(&s.app, s.expert(1), vec![once.clone()], vec![]).await;

    // Assert
    for (status, result) in [(s1, &first), (s2, &second), (s3, &third)] {
        assert_eq!(status, 200, "{result}");
        assert!(
            accepted(result).contains(&"3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b".to_owned()),
            "{result}"
        );
        assert_eq!(result["rejected"], json!([]), "{result}");
        let view = sheet_in(&result["sheets"], sheet);
        assert_eq!(view["changes"], 1, "{view}");
        assert_eq!(view["values"], json!({ "skill": 22.5 }), "{view}");
    }
    let db = s.app.db().await;
    let rows = score_change::Entity::find()
        .filter(score_change::Column::ClientChangeId.eq("3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b"))
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(rows, 1);
    let all = score_change::Entity::find()
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(all, 1);
    let view = panel_as(&s.app, s.expert(1), s.id()).await;
    let mine = sheet_of(&view, s.expert_id(1), s.apps[0]);
    assert_eq!(mine["values"], json!({ "skill": 22.5 }), "{mine}");
    assert_eq!(mine["status"], "draft", "{mine}");
}

#[tokio::test]
async fn the_same_new_change_sent_twice_at_once_is_stored_once() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(2, 0);
    let once = change(
        "c0ffee00-1111-4222-8333-444455556666",
        sheet,
        "plan",
        17.5,
        AT,
    );

    // Act
    let (a, b) = tokio::join!(
        sync(&s.app, s.expert(2), vec![once.clone()], vec![]),
        sync(&s.app, s.expert(2), vec![once.clone()], vec![]),
    );

    // Assert
    for (status, result) in [a, b] {
        assert_eq!(status, 200, "{result}");
        assert_eq!(
            accepted(&result),
            ["c0ffee00-1111-4222-8333-444455556666"],
            "{result}"
        );
    }
    let db = s.app.db().await;
    let rows = score_change::Entity::find()
        .filter(score_change::Column::SheetId.eq(i32::try_from(sheet).expect("an i32 id")))
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn two_experts_score_the_same_candidate_at_once_and_each_sees_only_their_own_sheet() {
    // Arrange: zhang chairs; li and wang score candidate 0.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let (li_sheet, wang_sheet) = (s.sheet(1, 0), s.sheet(2, 0));
    let li_changes = vec![
        change(&fresh_id("li"), li_sheet, "skill", 24.0, AT),
        change(&fresh_id("li"), li_sheet, "plan", 18.5, AT),
    ];
    let wang_changes = vec![
        change(&fresh_id("wang"), wang_sheet, "skill", 20.5, AT),
        change(&fresh_id("wang"), wang_sheet, "unit", 12.0, AT),
    ];

    // Act
    let ((li_status, li_result), (wang_status, wang_result)) = tokio::join!(
        sync(&s.app, s.expert(1), li_changes, vec![]),
        sync(&s.app, s.expert(2), wang_changes, vec![]),
    );

    // Assert
    assert_eq!(li_status, 200, "{li_result}");
    assert_eq!(wang_status, 200, "{wang_result}");
    assert_eq!(accepted(&li_result).len(), 2, "{li_result}");
    assert_eq!(accepted(&wang_result).len(), 2, "{wang_result}");
    let li_view = panel_as(&s.app, s.expert(1), s.id()).await;
    let li_sheets = li_view["sheets"].as_array().expect("sheets");
    assert_eq!(
        li_sheets.len(),
        1,
        "an expert sees only their own sheets: {li_view}"
    );
    assert_eq!(li_sheets[0]["id"], li_sheet, "{li_view}");
    assert_eq!(
        li_sheets[0]["values"],
        json!({ "skill": 24.0, "plan": 18.5 }),
        "{li_view}"
    );
    let wang_view = panel_as(&s.app, s.expert(2), s.id()).await;
    let wang_sheets = wang_view["sheets"].as_array().expect("sheets");
    assert_eq!(wang_sheets.len(), 1, "{wang_view}");
    assert_eq!(wang_sheets[0]["id"], wang_sheet, "{wang_view}");
    assert_eq!(
        wang_sheets[0]["values"],
        json!({ "skill": 20.5, "unit": 12.0 }),
        "{wang_view}"
    );
    // The chair sees everyone's progress, not their values, before closing.
    let chair_view = panel_as(&s.app, s.expert(0), s.id()).await;
    assert_eq!(
        chair_view["sheets"].as_array().map(Vec::len),
        Some(3),
        "{chair_view}"
    );
    for sheet in [li_sheet, wang_sheet] {
        let seen = sheet_in(&chair_view["sheets"], sheet);
        assert_eq!(seen["status"], "draft", "{seen}");
        assert_eq!(seen["changes"], 2, "{seen}");
        assert_eq!(seen["values"], json!({}), "{seen}");
        assert_eq!(seen["total"], Value::Null, "{seen}");
    }

    // li cannot write into wang's sheet.
    let intrusion = fresh_id("li-into-wang");
    let (status, result) = sync(
        &s.app,
        s.expert(1),
        vec![change(
            &intrusion,
            wang_sheet,
            "skill",
            5.0,
            "2026-10-15T02:00:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result), Vec::<String>::new(), "{result}");
    assert!(!rejection(&result, &intrusion).is_empty(), "{result}");
    let wang_view = panel_as(&s.app, s.expert(2), s.id()).await;
    assert_eq!(
        sheet_in(&wang_view["sheets"], wang_sheet)["values"],
        json!({ "skill": 20.5, "unit": 12.0 }),
        "{wang_view}"
    );
}

#[tokio::test]
async fn the_later_edit_by_client_time_wins_whatever_the_order_it_arrives_in() {
    // Arrange: t1 < t2 < t3 < t4; t4 is given in Beijing time (01:00:05Z).
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let t1 = "2026-10-15T01:00:00Z";
    let t2 = "2026-10-15T01:00:00.250Z";
    let t3 = "2026-10-15T01:00:03Z";
    let t4 = "2026-10-15T09:00:05+08:00";

    // Act: skill: t2 (20.0) arrives before t1 (15.0); innovation: t4 (18.0), then t3 (11.0) and
    // t1 (9.5) in one request.
    let (status, first) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&fresh_id("t2"), sheet, "skill", 20.0, t2),
            change(&fresh_id("t4"), sheet, "innovation", 18.0, t4),
        ],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&fresh_id("t1"), sheet, "skill", 15.0, t1),
            change(&fresh_id("t3"), sheet, "innovation", 11.0, t3),
            change(&fresh_id("t1"), sheet, "innovation", 9.5, t1),
        ],
        vec![],
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{second}");
    assert_eq!(accepted(&second).len(), 3, "{second}");
    let synced = sheet_in(&second["sheets"], sheet);
    assert_eq!(
        synced["values"],
        json!({ "skill": 20.0, "innovation": 18.0 }),
        "{synced}"
    );
    assert_eq!(synced["changes"], 5, "{synced}");
    let view = panel_as(&s.app, s.expert(1), s.id()).await;
    assert_eq!(
        sheet_in(&view["sheets"], sheet)["values"],
        json!({ "skill": 20.0, "innovation": 18.0 }),
        "{view}"
    );
}

// Conflicts of interest and recusals

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

// Aggregation and ranking

#[tokio::test]
async fn with_five_experts_the_highest_and_lowest_totals_are_dropped() {
    // Arrange: totals 80.0, 85.5, 90.0, 70.0 (wang, lowest) and 95.0 (zhao, highest).
    let s = scene(&[ZHANG, MA, LI, WANG, ZHAO], 1, trimmed()).await;
    for (i, total) in [80.0, 85.5, 90.0, 70.0, 95.0].into_iter().enumerate() {
        score(&s.app, s.expert(i), s.sheet(i, 0), split(total), true).await;
    }
    // Before closing, the chair sees outliers only: 70.0 is 17.75 from the others' median 87.75.
    let progress = panel_as(&s.app, s.expert(0), s.id()).await;
    let flags: Vec<Value> = (0..5)
        .map(|i| sheet_of(&progress, s.expert_id(i), s.apps[0])["outlier"].clone())
        .collect();
    assert_eq!(
        flags,
        [
            json!(false),
            json!(false),
            json!(false),
            json!(true),
            json!(false)
        ],
        "{progress}"
    );

    // Act
    let (status, closed) = close(&s.app, s.expert(0), s.id()).await;

    // Assert: (80.0 + 85.5 + 90.0) / 3 = 85.17 → 85.2.
    assert_eq!(status, 200, "{closed}");
    let row = row_of(&closed, s.apps[0]);
    assert_eq!(row["place"], 1, "{row}");
    assert_eq!(row["score"], json!(85.2), "{row}");
    assert_eq!(row["dropped"], json!([WANG_NAME, ZHAO_NAME]), "{row}");
    assert_eq!(
        row["totals"],
        json!([
            [ZHANG_NAME, 80.0],
            [MA_NAME, 85.5],
            [LI_NAME, 90.0],
            [WANG_NAME, 70.0],
            [ZHAO_NAME, 95.0]
        ]),
        "{row}"
    );
    // Item means of the kept sheets only: plan 0.0, 5.5 and 10.0 → 5.2 (with all five: 3.4).
    assert_eq!(row["item_means"]["plan"], json!(5.2), "{row}");
    assert_eq!(row["item_means"]["skill"], json!(25.0), "{row}");
    assert_eq!(defense_score(&s.app, &s.hrss, s.apps[0]).await, json!(85.2));
}

#[tokio::test]
async fn with_four_experts_the_trimmed_mean_is_the_plain_mean_rounded_half_up() {
    // Arrange: totals 80.0, 85.5, 90.0, 69.5: 325.0 / 4 = 81.25.
    let s = scene(&[ZHANG, MA, LI, WANG], 1, trimmed()).await;
    for (i, total) in [80.0, 85.5, 90.0, 69.5].into_iter().enumerate() {
        score(&s.app, s.expert(i), s.sheet(i, 0), split(total), true).await;
    }

    // Act
    let (status, closed) = close(&s.app, s.expert(0), s.id()).await;

    // Assert: half up to 81.3 (not 81.2).
    assert_eq!(status, 200, "{closed}");
    let row = row_of(&closed, s.apps[0]);
    assert_eq!(row["score"], json!(81.3), "{row}");
    assert_eq!(row["dropped"], json!([]), "{row}");
    assert_eq!(defense_score(&s.app, &s.hrss, s.apps[0]).await, json!(81.3));
}

#[tokio::test]
async fn equal_aggregates_follow_the_declared_tie_breakers_and_share_a_place_when_equal_on_all() {
    // Arrange: 固原's list ranks a (1), b (2), d (3); 国资委's lists c (1). Every total is 85.0;
    // b scores 25 on skill, the others 22.5.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let gy = in_defense(&app, &hrss, round, GY_BUREAU, &GY_UNITS).await;
    let (a, b, d) = (gy[0], gy[1], gy[2]);
    let c = in_defense(&app, &hrss, round, SASAC, &[(NX, "enterprise")]).await[0];
    let ids = user_ids(&app, &hrss, &[ZHANG, LI, WANG]).await;
    let mut body = panel_body(ids[0], &ids, &[a, b, c, d]);
    body["aggregation"] = json!({ "method": "mean" });
    let panel = create_panel(&app, &hrss, &body).await;
    let experts = [
        app.login(ZHANG).await,
        app.login(LI).await,
        app.login(WANG).await,
    ];
    for (expert, session) in ids.iter().zip(&experts) {
        for application in [a, b, c, d] {
            let values = if application == b {
                [25.0, 20.0, 20.0, 15.0, 5.0]
            } else {
                [22.5, 20.0, 20.0, 15.0, 7.5]
            };
            let sheet = sheet_id(&panel, *expert, application);
            score(&app, session, sheet, values, true).await;
        }
    }

    // Act
    let (status, closed) = close(&app, &experts[0], panel_id(&panel)).await;

    // Assert
    assert_eq!(status, 200, "{closed}");
    let places: Vec<(i64, Value, Value)> = [a, b, c, d]
        .into_iter()
        .map(|x| {
            let row = row_of(&closed, x);
            (x, row["place"].clone(), row["score"].clone())
        })
        .collect();
    assert_eq!(
        places,
        [
            (a, json!(2), json!(85.0)),
            (b, json!(1), json!(85.0)),
            (c, json!(2), json!(85.0)),
            (d, json!(4), json!(85.0)),
        ]
    );
    let order: Vec<i64> = closed["ranking"]
        .as_array()
        .expect("ranking")
        .iter()
        .filter_map(|r| r["place"].as_i64())
        .collect();
    assert_eq!(order, [1, 2, 2, 4], "{closed}");
    assert_eq!(row_of(&closed, b)["item_means"]["skill"], json!(25.0));
    assert_eq!(row_of(&closed, a)["item_means"]["skill"], json!(22.5));
}

// Signing, reopening, closing

#[tokio::test]
async fn a_signed_sheet_is_locked_until_the_chair_reopens_it_and_closing_ranks_and_records_the_score()
 {
    // Arrange: zhang chairs; li and wang score the one candidate.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let (zhang, li, wang) = (s.expert(0), s.expert(1), s.expert(2));
    let li_sheet = s.sheet(1, 0);
    let application = s.apps[0];
    let export = format!("/api/panels/{}/export", s.id());
    assert_eq!(code(&s.app.get_as(&s.hrss, &export).await), 409);

    // Signing with an item missing is refused; the four changes are kept.
    let missing_sign = fresh_id("sign");
    let four: Vec<Value> = ITEMS[..4]
        .iter()
        .zip([22.0, 18.0, 17.5, 13.0])
        .map(|(item, v)| change(&fresh_id(item), li_sheet, item, v, AT))
        .collect();
    let (status, result) = sync(&s.app, li, four, vec![sign(&missing_sign, li_sheet)]).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result).len(), 4, "{result}");
    assert!(!rejection(&result, &missing_sign).is_empty(), "{result}");
    let draft = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(draft["status"], "draft", "{draft}");
    assert_eq!(draft["signed_at"], Value::Null, "{draft}");

    // The last item and the signature: signed, 88.5 points.
    let (status, result) = sync(
        &s.app,
        li,
        vec![change(&fresh_id("plan"), li_sheet, "plan", 18.0, AT)],
        vec![sign(&fresh_id("sign"), li_sheet)],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["rejected"], json!([]), "{result}");
    let signed = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(signed["status"], "signed", "{signed}");
    assert_eq!(signed["total"], json!(88.5), "{signed}");

    // A change to a signed sheet is refused as locked.
    let locked = fresh_id("locked");
    let (_, result) = sync(
        &s.app,
        li,
        vec![change(
            &locked,
            li_sheet,
            "plan",
            20.0,
            "2026-10-15T02:00:00Z",
        )],
        vec![],
    )
    .await;
    assert!(rejection(&result, &locked).contains("锁定"), "{result}");

    // Only the chair reopens.
    let reopen = format!("/api/sheets/{li_sheet}/reopen");
    let because = json!({ "reason": "专家申请更正建设方案得分" });
    assert_eq!(code(&s.app.post_as(wang, &reopen, &because).await), 403);
    assert_eq!(code(&s.app.post_as(li, &reopen, &because).await), 403);
    assert_eq!(code(&s.app.post_as(&s.hrss, &reopen, &because).await), 403);
    let (status, reopened) = answer(s.app.post_as(zhang, &reopen, &because).await).await;
    assert_eq!(status, 200, "{reopened}");
    let seen = sheet_in(&reopened["sheets"], li_sheet);
    assert_eq!(seen["status"], "draft", "{seen}");
    assert_eq!(
        seen["reopened_reason"], "专家申请更正建设方案得分",
        "{seen}"
    );

    // li changes the plan to 20.0 (now 90.5 points).
    let (_, result) = sync(
        &s.app,
        li,
        vec![change(
            &fresh_id("plan"),
            li_sheet,
            "plan",
            20.0,
            "2026-10-15T02:05:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(result["rejected"], json!([]), "{result}");
    let changed = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(changed["values"]["plan"], json!(20.0), "{changed}");
    assert_eq!(changed["total"], json!(90.5), "{changed}");

    // Closing with unsigned sheets is refused.
    score(&s.app, wang, s.sheet(2, 0), split(90.0), true).await;
    score(&s.app, zhang, s.sheet(0, 0), split(84.0), true).await;
    let (status, refused) = close(&s.app, zhang, s.id()).await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        Value::Null
    );
    let (_, result) = sync(&s.app, li, vec![], vec![sign(&fresh_id("sign"), li_sheet)]).await;
    assert_eq!(result["rejected"], json!([]), "{result}");

    // Act
    let (status, closed) = close(&s.app, zhang, s.id()).await;

    // Assert: (90.5 + 90.0 + 84.0) / 3 = 88.17 → 88.2.
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["state"], "closed", "{closed}");
    let row = row_of(&closed, application);
    assert_eq!(row["place"], 1, "{row}");
    assert_eq!(row["score"], json!(88.2), "{row}");
    assert_eq!(row["dropped"], json!([]), "{row}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        row["score"]
    );
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["ranking"], closed["ranking"], "{view}");
    let totals: Vec<(i64, Value)> = (0..3)
        .map(|i| {
            let sheet = sheet_of(&view, s.expert_id(i), application);
            assert_eq!(
                sheet["values"].as_object().map(|v| v.len()),
                Some(5),
                "{sheet}"
            );
            (s.expert_id(i), sheet["total"].clone())
        })
        .collect();
    assert_eq!(
        totals,
        [
            (s.expert_id(0), json!(84.0)),
            (s.expert_id(1), json!(90.5)),
            (s.expert_id(2), json!(90.0)),
        ]
    );
    let late = fresh_id("late");
    let (status, result) = sync(
        &s.app,
        li,
        vec![change(
            &late,
            li_sheet,
            "skill",
            10.0,
            "2026-10-15T03:00:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &late).is_empty(), "{result}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        json!(88.2)
    );
    let (status, again) = close(&s.app, zhang, s.id()).await;
    assert_eq!(status, 409, "{again}");
    let xlsx = s.app.get_as(&s.hrss, &export).await;
    assert_eq!(code(&xlsx), 200);
    let bytes = xlsx.bytes().await.expect("export body");
    assert!(bytes.starts_with(b"PK"), "not an xlsx");
    assert_eq!(code(&s.app.get_as(zhang, &export).await), 200);
}

// Rubric

#[tokio::test]
async fn the_rubric_can_be_changed_until_the_first_score_and_is_locked_after() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    assert_eq!(s.panel["rubric_editable"], true, "{}", s.panel);
    let path = format!("/api/panels/{}/rubric", s.id());
    let rubric = json!({
        "name": "答辩评审评分表（本组）", "from_text": false, "note": "评审组调整",
        "items": [
            { "key": "skill", "label": "技能水平", "max": 60, "step": 0.5, "guidance": "" },
            { "key": "plan", "label": "建设方案", "max": 40, "step": 0.5, "guidance": "" }
        ]
    });

    // Act
    let (status, changed) = answer(
        s.app
            .put_as(&s.hrss, &path, &json!({ "rubric": rubric }))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{changed}");
    let keys: Vec<&str> = changed["rubric"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["key"].as_str())
        .collect();
    assert_eq!(keys, ["skill", "plan"], "{changed}");
    assert_eq!(
        changed["rubric"]["items"][0]["max"],
        json!(60.0),
        "{changed}"
    );
    // The new rubric applies: 45.5 on skill (above the default 25) is taken, innovation is gone.
    let sheet = s.sheet(1, 0);
    let (big, gone) = (fresh_id("skill"), fresh_id("innovation"));
    let (_, result) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&big, sheet, "skill", 45.5, AT),
            change(&gone, sheet, "innovation", 10.0, AT),
        ],
        vec![],
    )
    .await;
    assert_eq!(accepted(&result), std::slice::from_ref(&big), "{result}");
    assert!(!rejection(&result, &gone).is_empty(), "{result}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric_editable"], false, "{view}");
    let (status, refused) = answer(
        s.app
            .put_as(&s.hrss, &path, &json!({ "rubric": s.panel["rubric"] }))
            .await,
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric"]["name"], "答辩评审评分表（本组）", "{view}");
    assert_eq!(
        view["rubric"]["items"].as_array().map(Vec::len),
        Some(2),
        "{view}"
    );
}

// Who sees what

#[tokio::test]
async fn panels_are_seen_by_hrss_and_their_own_experts_only() {
    // Arrange: panel p (zhang chairs li, wang) and panel q (ma chairs zhao, sun).
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let app = &s.app;
    let ids = user_ids(app, &s.hrss, &[MA, ZHAO, SUN]).await;
    let q = panel_id(&create_panel(app, &s.hrss, &panel_body(ids[0], &ids, &s.apps)).await);
    let p = s.id();
    let zhao = app.login(ZHAO).await;

    // Act & Assert
    for name in [YC, YC_BUREAU, "finance"] {
        let other = app.login(name).await;
        let list = app.get_as(&other, "/api/panels").await;
        if name == YC_BUREAU {
            // A bureau lists only the annual panels it organised: none here.
            assert_eq!(json(list).await, serde_json::json!([]), "{name}");
        } else {
            assert_eq!(code(&list), 403, "{name}");
        }
        assert_eq!(
            code(&app.get_as(&other, &format!("/api/panels/{p}")).await),
            404,
            "{name}"
        );
    }
    let listed = |list: &Value| -> Vec<i64> {
        list.as_array()
            .expect("panel list")
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect()
    };
    let all = json(app.get_as(&s.hrss, "/api/panels").await).await;
    assert_eq!(listed(&all), [q, p], "{all}");
    let mine = json(app.get_as(s.expert(1), "/api/panels").await).await;
    assert_eq!(listed(&mine), [p], "{mine}");
    assert_eq!(mine[0]["i_score"], true, "{mine}");
    assert_eq!(mine[0]["i_chair"], false, "{mine}");
    let chair = json(app.get_as(s.expert(0), "/api/panels").await).await;
    assert_eq!(chair[0]["i_chair"], true, "{chair}");
    assert_eq!(chair[0]["experts"], 3, "{chair}");
    let zhaos = json(app.get_as(&zhao, "/api/panels").await).await;
    assert_eq!(listed(&zhaos), [q], "{zhaos}");
    assert_eq!(
        code(&app.get_as(&zhao, &format!("/api/panels/{p}")).await),
        404
    );
    let foreign = fresh_id("zhao");
    let (status, result) = sync(
        app,
        &zhao,
        vec![change(&foreign, s.sheet(1, 0), "skill", 20.0, AT)],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &foreign).is_empty(), "{result}");
    let recusal = json!({ "candidate_id": candidate(&s.panel, s.apps[0]), "reason": "回避" });
    assert_eq!(
        code(
            &app.post_as(&zhao, &format!("/api/panels/{p}/recusals"), &recusal)
                .await
        ),
        404
    );
    let (status, body) = close(app, s.expert(1), p).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = close(app, &s.hrss, p).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        code(
            &app.get_as(s.expert(1), &format!("/api/panels/{p}/export"))
                .await
        ),
        403
    );
    let (status, body) = sync(app, &s.hrss, vec![], vec![]).await;
    assert_eq!(status, 403, "{body}");
    let ids = user_ids(app, &s.hrss, &[ZHANG, LI, WANG]).await;
    let by_expert = app
        .post_as(
            s.expert(0),
            "/api/panels",
            &panel_body(ids[0], &ids, &s.apps),
        )
        .await;
    assert_eq!(code(&by_expert), 403);
}

// Validation

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

#[tokio::test]
async fn a_value_above_the_maximum_or_off_the_step_is_rejected_with_the_reason() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let (above, off_step, negative, unknown, fine) = (
        fresh_id("above"),
        fresh_id("step"),
        fresh_id("negative"),
        fresh_id("unknown"),
        fresh_id("fine"),
    );

    // Act
    let (status, result) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&above, sheet, "skill", 25.5, AT),
            change(&off_step, sheet, "innovation", 12.3, AT),
            change(&negative, sheet, "unit", -0.5, AT),
            change(&unknown, sheet, "charisma", 5.0, AT),
            change(&fine, sheet, "skill", 25.0, AT),
        ],
        vec![],
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result), std::slice::from_ref(&fine), "{result}");
    let why = rejection(&result, &above);
    assert!(why.contains("25.0"), "{why}");
    let why = rejection(&result, &off_step);
    assert!(why.contains("0.5") && why.contains("整数倍"), "{why}");
    assert!(!rejection(&result, &negative).is_empty(), "{result}");
    assert!(
        rejection(&result, &unknown).contains("charisma"),
        "{result}"
    );
    let view = sheet_in(&result["sheets"], sheet);
    assert_eq!(view["values"], json!({ "skill": 25.0 }), "{view}");
    assert_eq!(view["changes"], 1, "{view}");
    let db = s.app.db().await;
    let stored = score_change::Entity::find()
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn a_new_rubric_without_the_tie_breaker_item_is_refused() {
    // Arrange: the panel breaks ties on skill.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let rubric = json!({
        "name": "答辩评审评分表（无技能项）", "from_text": false, "note": "",
        "items": [
            { "key": "innovation", "label": "创新创造", "max": 50, "step": 0.5, "guidance": "" },
            { "key": "plan", "label": "建设方案", "max": 50, "step": 0.5, "guidance": "" }
        ]
    });

    // Act
    let response = s
        .app
        .put_as(
            &s.hrss,
            &format!("/api/panels/{}/rubric", s.id()),
            &json!({ "rubric": rubric }),
        )
        .await;

    // Assert
    let (status, body) = answer(response).await;
    assert_eq!(status, 422, "{body}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric"], s.panel["rubric"], "{view}");
}

#[tokio::test]
async fn a_refused_change_sent_twice_in_one_request_is_not_acknowledged_as_stored() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let above = change(&fresh_id("above"), sheet, "skill", 30.0, AT);
    let above_id = above["id"].as_str().expect("id").to_owned();

    // Act
    let (status, result) = sync(&s.app, s.expert(1), vec![above.clone(), above], vec![]).await;

    // Assert
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &above_id).is_empty(), "{result}");
    assert_eq!(accepted(&result), Vec::<String>::new(), "{result}");
    assert_eq!(sheet_in(&result["sheets"], sheet)["changes"], 0, "{result}");
}

// Assessment panels (第十五条, 附件): computed items and 考核组评语.

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
