//! Expert panels (答辩评审 第十一条（三）): HRSS forms a panel; experts score on tablets through
//! `POST /api/scoring/sync`, which stores each change once and keeps the latest by client time;
//! conflicts of interest and recusals; signing locks a sheet until the chair reopens it; closing
//! ranks the candidates by the declared aggregation and tie-breakers and records the defense scores.
//! One file per journey: forming a panel, its rubric, the tablet's sync, signing and reopening,
//! closing and ranking, who sees a panel, and assessment panels. This file holds the scene and
//! helpers they share.

mod assessment_panels;
mod closing_and_ranking;
mod forming_a_panel;
mod rubric;
mod signing_and_reopening;
mod tablet_sync;
mod who_sees_a_panel;

use crate::helpers::{Session, TestApp, TestClock, facts, id, json, profile, spawn_app_in_round};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Three 固原 units and their kinds: 固原市高级技工学校, 隆德县砖雕文化传承, 彭阳县建筑安装.
pub(super) const GY_UNITS: [(&str, &str); 3] = [
    ("gy.jigong", "school"),
    ("gy.zhuandiao", "enterprise"),
    ("gy.jianzhu", "enterprise"),
];
pub(super) const HRSS: &str = "hrss";
/// 银川塞上机床制造有限公司 (unit row 0), recommended by 银川市人社局.
pub(super) const YC: &str = "yc.saishang";
pub(super) const YC_BUREAU: &str = "yc.bureau";
/// 固原市人社局 recommends the 固原 units ([`GY_UNITS`]): no demo expert has a conflict with them.
pub(super) const GY_BUREAU: &str = "gy.bureau";

pub(super) const ZHANG: &str = "expert.zhang";
/// Worked at yc.saishang's unit until 2024-06-30.
pub(super) const MA: &str = "expert.ma";
pub(super) const LI: &str = "expert.li";
pub(super) const WANG: &str = "expert.wang";
pub(super) const ZHAO: &str = "expert.zhao";
/// Belongs to 吴忠市人社局.
pub(super) const SUN: &str = "expert.sun";

pub(super) const ZHANG_NAME: &str = "张立新（评审专家）";
pub(super) const MA_NAME: &str = "马文华（评审专家）";
pub(super) const LI_NAME: &str = "李国华（评审专家）";

/// The default defense rubric's items in order, and their maxima.
pub(super) const ITEMS: [&str; 5] = ["skill", "innovation", "mentoring", "unit", "plan"];
pub(super) const MAXIMA: [f64; 5] = [25.0, 20.0, 20.0, 15.0, 20.0];

/// A 1×1 PNG as a data URL (over 100 characters, as the server wants of a drawn signature).
pub(super) const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// A client time on the clock's day.
pub(super) const AT: &str = "2026-10-15T01:30:00Z";

pub(super) fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = code(&response);
    (status, json(response).await)
}

/// A client change id never used before in this test binary.
pub(super) fn fresh_id(tag: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{tag}-{:08}-4e1c-9a0b-tablet",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The 2027 round (already open, 10 regional slots), so that the demo round's data stays apart.
pub(super) async fn round(app: &TestApp, hrss: &Session) -> i64 {
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
pub(super) async fn in_defense(
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
pub(super) async fn user_ids(app: &TestApp, hrss: &Session, names: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for name in names {
        ids.push(app.user_id(hrss, name).await);
    }
    ids
}

/// The body of `POST /api/panels` for a defense panel with the default rubric, the default trimmed
/// mean (5 experts or more) and the tie-breakers skill, then channel rank.
pub(super) fn panel_body(chair: i64, experts: &[i64], candidates: &[i64]) -> Value {
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
pub(super) async fn create_panel(app: &TestApp, hrss: &Session, body: &Value) -> Value {
    let (status, panel) = answer(app.post_as(hrss, "/api/panels", body).await).await;
    assert_eq!(status, 201, "{panel}");
    assert_eq!(panel["state"], "open", "{panel}");
    panel
}

pub(super) fn panel_id(panel: &Value) -> i64 {
    panel["id"].as_i64().expect("panel id")
}

/// `GET /api/panels/{id}` as `session`, asserting 200.
pub(super) async fn panel_as(app: &TestApp, session: &Session, panel: i64) -> Value {
    let (status, view) = answer(app.get_as(session, &format!("/api/panels/{panel}")).await).await;
    assert_eq!(status, 200, "{view}");
    view
}

/// The panel's candidate id of `application`.
pub(super) fn candidate(panel: &Value, application: i64) -> i64 {
    panel["candidates"]
        .as_array()
        .expect("candidates is not an array")
        .iter()
        .find(|c| c["application_id"] == application)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("application {application} is not a candidate of {panel}"))
}

/// The sheet of `expert` for `application`, in a view that has it.
pub(super) fn sheet_of(panel: &Value, expert: i64, application: i64) -> Value {
    let c = candidate(panel, application);
    panel["sheets"]
        .as_array()
        .expect("sheets is not an array")
        .iter()
        .find(|s| s["expert_id"] == expert && s["candidate_id"] == c)
        .cloned()
        .unwrap_or_else(|| panic!("no sheet of expert {expert} for {application} in {panel}"))
}

pub(super) fn sheet_id(panel: &Value, expert: i64, application: i64) -> i64 {
    sheet_of(panel, expert, application)["id"]
        .as_i64()
        .expect("sheet id")
}

/// The sheet `sheet` in a view or a sync result.
pub(super) fn sheet_in(list: &Value, sheet: i64) -> Value {
    list.as_array()
        .expect("not an array of sheets")
        .iter()
        .find(|s| s["id"] == sheet)
        .cloned()
        .unwrap_or_else(|| panic!("no sheet {sheet} in {list}"))
}

pub(super) fn change(id: &str, sheet: i64, item: &str, value: f64, at: &str) -> Value {
    json!({ "id": id, "sheet_id": sheet, "item": item, "value": value, "client_at": at })
}

pub(super) fn sign(id: &str, sheet: i64) -> Value {
    json!({ "id": id, "sheet_id": sheet, "signature": SIGNATURE, "client_at": AT })
}

/// `POST /api/scoring/sync` as `expert`.
pub(super) async fn sync(
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
pub(super) fn accepted(result: &Value) -> Vec<String> {
    result["accepted"]
        .as_array()
        .unwrap_or_else(|| panic!("accepted is not an array: {result}"))
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect()
}

/// The reason a sync result gave for rejecting `id`.
pub(super) fn rejection(result: &Value, id: &str) -> String {
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
pub(super) fn split(total: f64) -> [f64; 5] {
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
pub(super) async fn score(
    app: &TestApp,
    expert: &Session,
    sheet: i64,
    values: [f64; 5],
    signed: bool,
) {
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
pub(super) async fn close(app: &TestApp, session: &Session, panel: i64) -> (u16, Value) {
    answer(
        app.post_as(session, &format!("/api/panels/{panel}/close"), &json!({}))
            .await,
    )
    .await
}

/// The ranking row of `application` in a closed panel's view.
pub(super) fn row_of(panel: &Value, application: i64) -> Value {
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
pub(super) async fn defense_score(app: &TestApp, hrss: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(hrss, id).await).await;
    assert_eq!(status, 200, "{view}");
    view["defense_score"].clone()
}

/// A panel of the given experts (the first is the chair) on `n` 固原 applications in the defense
/// review, with `aggregation`.
pub(super) struct Scene {
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

pub(super) async fn scene(names: &[&str], n: usize, aggregation: Value) -> Scene {
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

pub(super) fn trimmed() -> Value {
    json!({ "method": "trimmed_mean", "min_experts": 5 })
}
