//! 第六章 a studio's life after approval (`/api/studios/{id}/life` and the endpoints that change it):
//! annual reports due 31 December (第十五条), annual results due 31 January (第十五条（一）),
//! end-of-term assessments, rectification and revocation (第十七条), changes of leader or host
//! within 60 days (第十六条), exits, returns and the 3-year ban (第十八条), and each role's
//! notification digest. Every deadline is tried on both sides of its boundary with the clock.

use crate::helpers::{
    Session, TestApp, TestClock, facts, id, json, new_application, spawn_app_with_clock,
    validation_fields, version,
};
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const HRSS: &str = "hrss";
const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0, 银川).
const YC: &str = "yc.saishang";
/// 银川市人社局: the channel of local units in 银川.
const YC_BUREAU: &str = "yc.bureau";
/// The applicant of 固原市高级技工学校 (unit row 20).
const GY: &str = "gy.jigong";
/// The applicant of 宁夏长城焊接装备有限公司 (unit row 1).
const NX: &str = "nx.hanjie";
const EXPERTS: [&str; 3] = ["expert.zhang", "expert.li", "expert.wang"];

/// Regional, approved 2026-11-16 (term 2026-11-16..2028-11-15), building; unit row 0 (`yc.saishang`).
const YC_BUILDING: &str = "马建华加工中心操作工技能大师工作室";
/// Regional, approved 2023-11-20, completed; unit row 0 (`yc.saishang`).
const YC_COMPLETED: &str = "马建国数控车工技能大师工作室";
/// Regional, approved 2024-11-18 (term to 2026-11-17), building; unit row 20 (`gy.jigong`), 固原.
const GY_BUILDING: &str = "田文斌汽车维修工技能大师工作室";
/// Regional, approved 2024-11-18, building; unit row 8 (灵武, in 银川市人社局's channel).
const LINGWU_BUILDING: &str = "冯德胜化工总控工技能大师工作室";
/// Regional, approved 2025-11-17, building; unit row 9 (永宁, in 银川市人社局's channel).
const YONGNING_BUILDING: &str = "何宁生食品加工工技能大师工作室";
/// National (manufacturing), completed; unit row 1 (`nx.hanjie`).
const NX_NATIONAL: &str = "王立军焊工技能大师工作室";
/// Seeded `rectifying` (until 2027-03-10); unit row 11 (石嘴山).
const RECTIFYING: &str = "张铁成铸造工技能大师工作室";
const YC_UNIT: &str = "银川塞上机床制造有限公司";
const NX_UNIT: &str = "宁夏长城焊接装备有限公司";

/// The items of the 附件 assessment rubric in order, with their maxima.
const ASSESSMENT_ITEMS: [(&str, f64); 7] = [
    ("training", 30.0),
    ("senior", 20.0),
    ("partners", 10.0),
    ("exchange", 10.0),
    ("team_training", 10.0),
    ("media", 10.0),
    ("report", 10.0),
];

/// When the tablets say the experts scored (the latest change of an item wins).
const CLIENT_AT: &str = "2027-01-01T01:30:00Z";
/// A 1×1 PNG as a data URL (over 100 characters, as the server wants of a drawn signature).
const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// The scene: a server on a clock the test sets to a day in Yinchuan.

/// A fresh server whose clock the test sets, and sessions signed in on the current day (a session
/// idles out after 2 hours, so moving the clock signs everyone in again).
struct Scene {
    app: TestApp,
    clock: TestClock,
    sessions: Mutex<HashMap<&'static str, Session>>,
    studios: HashMap<String, i64>,
}

impl Scene {
    /// The server on 09:00 of `day` in Yinchuan (the server's today is the clock + 8 h).
    async fn on(day: &str) -> Scene {
        let (app, clock) = spawn_app_with_clock().await;
        let hrss = app.login(HRSS).await;
        let studios = app
            .all_studios(&hrss)
            .await
            .iter()
            .map(|s| {
                let name = s["name"].as_str().expect("studio name").to_owned();
                (name, s["id"].as_i64().expect("studio id"))
            })
            .collect();
        let scene = Scene {
            app,
            clock,
            sessions: Mutex::new(HashMap::new()),
            studios,
        };
        scene.today_is(day);
        scene
    }

    /// Moves the clock to 09:00 of `day` in Yinchuan.
    fn today_is(&self, day: &str) {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a YYYY-MM-DD day");
        let nine_in_yinchuan = Utc.from_utc_datetime(&date.and_hms_opt(1, 0, 0).expect("a time"));
        self.clock.advance(nine_in_yinchuan - self.clock.now());
        self.sessions.lock().expect("sessions").clear();
    }

    /// Moves the clock to `instant` (RFC 3339).
    fn at(&self, instant: &str) {
        let to = chrono::DateTime::parse_from_rfc3339(instant).expect("an RFC 3339 instant");
        self.clock
            .advance(to.with_timezone(&Utc) - self.clock.now());
        self.sessions.lock().expect("sessions").clear();
    }

    /// A session of `username`, signed in today.
    async fn user(&self, username: &'static str) -> Session {
        let cached = self
            .sessions
            .lock()
            .expect("sessions")
            .get(username)
            .cloned();
        if let Some(session) = cached {
            return session;
        }
        let session = self.app.login(username).await;
        self.sessions
            .lock()
            .expect("sessions")
            .insert(username, session.clone());
        session
    }

    fn studio(&self, name: &str) -> i64 {
        *self
            .studios
            .get(name)
            .unwrap_or_else(|| panic!("no studio named {name}"))
    }

    /// `GET /api/studios/{id}/life` as `username`, asserting 200.
    async fn life(&self, username: &'static str, studio: i64) -> Value {
        let session = self.user(username).await;
        let (status, life) = answer(self.app.get_as(&session, &life_path(studio)).await).await;
        assert_eq!(status, 200, "life of studio {studio} as {username}: {life}");
        life
    }

    /// `GET /api/notifications` as `username`, asserting 200.
    async fn digest(&self, username: &'static str) -> Value {
        let session = self.user(username).await;
        let (status, digest) = answer(self.app.get_as(&session, "/api/notifications").await).await;
        assert_eq!(status, 200, "digest of {username}: {digest}");
        digest
    }

    async fn post(&self, username: &'static str, path: &str, body: &Value) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.post_as(&session, path, body).await).await
    }

    async fn put(&self, username: &'static str, path: &str, body: &Value) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.put_as(&session, path, body).await).await
    }

    async fn get(&self, username: &'static str, path: &str) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.get_as(&session, path).await).await
    }

    /// `PUT /api/studios/{id}/reports` as `username`.
    async fn report(&self, username: &'static str, studio: i64, body: &Value) -> (u16, Value) {
        self.put(username, &format!("/api/studios/{studio}/reports"), body)
            .await
    }

    /// Files the report of `year` of `studio` as `username`, asserting 200; returns the report.
    async fn file_report(&self, username: &'static str, studio: i64, year: i32) -> Value {
        let (status, report) = self.report(username, studio, &report(year, true)).await;
        assert_eq!(status, 200, "filing {year} of studio {studio}: {report}");
        report
    }

    /// `POST /api/studios/{id}/changes` as `username`.
    async fn request_change(
        &self,
        username: &'static str,
        studio: i64,
        body: &Value,
    ) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/changes"), body)
            .await
    }

    /// Files `body` as a change of `studio` as `username`, asserting 201; returns the change.
    async fn change(&self, username: &'static str, studio: i64, body: &Value) -> Value {
        let (status, change) = self.request_change(username, studio, body).await;
        assert_eq!(status, 201, "change of studio {studio}: {change}");
        change
    }

    /// `POST /api/changes/{id}/{step}` (`join` or `decide`) as `username`.
    async fn decide(
        &self,
        username: &'static str,
        change: i64,
        step: &str,
        decision: &Value,
    ) -> (u16, Value) {
        self.post(username, &format!("/api/changes/{change}/{step}"), decision)
            .await
    }

    /// `POST /api/studios/{id}/exit` as `username`.
    async fn exit(&self, username: &'static str, studio: i64, body: &Value) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/exit"), body)
            .await
    }

    /// `POST /api/studios/{id}/ledger` as `username`.
    async fn ledger(&self, username: &'static str, studio: i64, body: &Value) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/ledger"), body)
            .await
    }

    /// Records `body` on the ledger of `studio`, asserting 201.
    async fn record(&self, username: &'static str, studio: i64, body: &Value) {
        let (status, view) = self.ledger(username, studio, body).await;
        assert_eq!(status, 201, "entry {body} on studio {studio}: {view}");
    }

    async fn user_id(&self, username: &str) -> i64 {
        let hrss = self.user(HRSS).await;
        self.app.user_id(&hrss, username).await
    }

    async fn unit_id(&self, name: &str) -> i64 {
        let hrss = self.user(HRSS).await;
        self.app.scope_id(&hrss, "units", name).await
    }

    async fn expert_ids(&self) -> Vec<i64> {
        let mut ids = Vec::new();
        for name in EXPERTS {
            ids.push(self.user_id(name).await);
        }
        ids
    }

    /// `POST /api/panels` as `username`.
    async fn form_panel(&self, username: &'static str, body: &Value) -> (u16, Value) {
        self.post(username, "/api/panels", body).await
    }

    /// An assessment panel of zhang (chair), li and wang on `candidates`, formed by `username`,
    /// asserting 201.
    async fn assessment_panel(
        &self,
        username: &'static str,
        purpose: &str,
        year: Option<i32>,
        candidates: &[i64],
    ) -> Value {
        let body = panel_body(purpose, year, &self.expert_ids().await, candidates);
        let (status, panel) = self.form_panel(username, &body).await;
        assert_eq!(status, 201, "forming the {purpose} panel: {panel}");
        panel
    }

    /// Every expert gives each studio of `panel` its total of `totals` (items filled in 附件 order)
    /// and signs, asserting every change and signature was accepted.
    async fn score_all(&self, panel: &Value, totals: &[(i64, f64)]) {
        let panel_id = panel["id"].as_i64().expect("panel id");
        let (status, view) = self.get(HRSS, &format!("/api/panels/{panel_id}")).await;
        assert_eq!(status, 200, "{view}");
        for name in EXPERTS {
            let expert = self.user(name).await;
            let mut changes = Vec::new();
            let mut signs = Vec::new();
            for sheet in list(&view["sheets"])
                .iter()
                .filter(|s| s["expert_id"] == expert.id())
            {
                let studio = studio_of(&view, &sheet["candidate_id"]);
                let total = totals
                    .iter()
                    .find(|(s, _)| *s == studio)
                    .map(|(_, t)| *t)
                    .unwrap_or_else(|| panic!("no total for studio {studio}"));
                for (item, value) in split(total) {
                    changes.push(json!({
                        "id": fresh_id(item), "sheet_id": sheet["id"], "item": item,
                        "value": value, "client_at": CLIENT_AT
                    }));
                }
                signs.push(json!({
                    "id": fresh_id("sign"), "sheet_id": sheet["id"], "signature": SIGNATURE,
                    "client_at": CLIENT_AT
                }));
            }
            let body = json!({ "changes": changes, "signs": signs });
            let (status, result) = self.post(name, "/api/scoring/sync", &body).await;
            assert_eq!(status, 200, "{result}");
            assert_eq!(result["rejected"], json!([]), "{name}: {result}");
        }
    }

    /// `POST /api/panels/{id}/close` as the chair (zhang).
    async fn close(&self, panel: &Value) -> (u16, Value) {
        let panel_id = panel["id"].as_i64().expect("panel id");
        self.post(
            EXPERTS[0],
            &format!("/api/panels/{panel_id}/close"),
            &json!({}),
        )
        .await
    }

    /// [`Scene::score_all`], then the chair closes scoring, asserting 200; the closed panel.
    async fn score_and_close(&self, panel: &Value, totals: &[(i64, f64)]) -> Value {
        self.score_all(panel, totals).await;
        let (status, closed) = self.close(panel).await;
        assert_eq!(status, 200, "closing panel {panel}: {closed}");
        closed
    }

    /// An end-of-term panel (HRSS) on `studios`, each scored its total, closed today.
    async fn end_of_term(&self, totals: &[(i64, f64)]) -> Value {
        let studios: Vec<i64> = totals.iter().map(|(s, _)| *s).collect();
        let panel = self
            .assessment_panel(HRSS, "end_of_term", None, &studios)
            .await;
        self.score_and_close(&panel, totals).await
    }

    /// A new application of `yc.saishang`'s unit in the 2026 round, dated `day` and typed with no
    /// exit on record; returns its view.
    async fn application_dated(&self, day: &str) -> Value {
        let yc = self.user(YC).await;
        let round = self.app.round_id(&yc, 2026).await;
        let mut typed = facts("enterprise");
        typed["application_date"] = json!(day);
        typed["unit"]["last_exit_date"] = Value::Null;
        self.app
            .create_application(&yc, &new_application(round, typed))
            .await
    }

    /// A new application of `gy.jigong`'s school in the 2026 round, dated `day`, whose leader is
    /// `leader_name` (born 1975-03-10, as in [`facts`]); returns its view.
    async fn school_application(&self, day: &str, leader_name: &str) -> Value {
        let gy = self.user(GY).await;
        let round = self.app.round_id(&gy, 2026).await;
        let mut typed = facts("school");
        typed["application_date"] = json!(day);
        let mut body = new_application(round, typed);
        body["profile"]["leader_name"] = json!(leader_name);
        self.app.create_application(&gy, &body).await
    }

    /// `POST /api/applications/{id}/transition` submitting `view` as `yc.saishang`.
    async fn submit(&self, view: &Value) -> (u16, Value) {
        let yc = self.user(YC).await;
        let body = json!({ "action": "submit", "version": version(view) });
        answer(self.app.transition(&yc, id(view), &body).await).await
    }
}

// Bodies and readings.

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, json(response).await)
}

fn life_path(studio: i64) -> String {
    format!("/api/studios/{studio}/life")
}

fn list(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
}

/// The kinds of a `reminders` list.
fn kinds(reminders: &Value) -> Vec<String> {
    list(reminders)
        .iter()
        .map(|r| r["kind"].as_str().expect("kind").to_owned())
        .collect()
}

/// The reminder of `kind` in a `reminders` list, if any.
fn reminder<'a>(reminders: &'a Value, kind: &str) -> Option<&'a Value> {
    list(reminders).iter().find(|r| r["kind"] == kind)
}

/// The items of the reminder of `kind` that link to `studio` (none when there is no such kind).
fn items_about(reminders: &Value, kind: &str, studio: i64) -> Vec<Value> {
    let link = format!("/studios/{studio}");
    reminder(reminders, kind)
        .map(|r| {
            list(&r["items"])
                .iter()
                .filter(|i| i["link"] == link)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The one item of the reminder of `kind` about `studio`, asserting there is exactly one.
fn the_item(reminders: &Value, kind: &str, studio: i64) -> Value {
    let items = items_about(reminders, kind, studio);
    assert_eq!(
        items.len(),
        1,
        "expected one {kind} item about studio {studio}: {reminders}"
    );
    items[0].clone()
}

/// A report of `year` with figures meeting every regional threshold, city media, one young senior
/// trainee and one lecture; filed when `submit`.
fn report(year: i32, submit: bool) -> Value {
    json!({
        "year": year,
        "figures": {
            "training_person_times": 35, "senior_trained": 6, "partner_count": 3,
            "exchange_staff": 3, "team_training": true, "media_level": "city",
            "media_evidence": "银川日报 第 3 版《大师带徒》",
            "trainees": [{ "name": "王小军", "birth_date": "1998-05-01", "level": "senior" }],
            "lectures": [{ "topic": "五轴数控加工工艺", "held_on": format!("{year}-06-15") }]
        },
        "summary": "全年开展技能培训 35 人次，培养高级工 6 名。",
        "plan": "下一年开展技术攻关 2 项，培训 40 人次。",
        "submit": submit
    })
}

/// The leader of the passing application facts: 自治区技术能手, 技师, every basic condition.
fn qualified_leader() -> Value {
    facts("enterprise")["leader"].clone()
}

/// A 塞上技能大师 and 高级技师: above [`qualified_leader`] in title and skill level.
fn stronger_leader() -> Value {
    let mut leader = qualified_leader();
    leader["titles"] = json!(["saishang_skill_master"]);
    leader["skill_level"] = json!("senior_technician");
    leader
}

fn leader_change(event_on: &str, name: &str, leader: Value) -> Value {
    json!({
        "kind": "leader", "event_on": event_on, "cause": "原带头人退休",
        "new_leader_name": name, "new_leader": leader
    })
}

fn host_change(event_on: &str, new_unit: i64, mode: &str) -> Value {
    json!({
        "kind": "host", "event_on": event_on, "cause": "带头人调入区内同系统另一单位",
        "new_unit_id": new_unit, "mode": mode
    })
}

fn approve() -> Value {
    json!({ "approve": true })
}

fn decline(reason: &str) -> Value {
    json!({ "approve": false, "reason": reason })
}

fn exit_body(case: &str, decided_on: &str) -> Value {
    json!({
        "case": case, "evidence": "市人社局核查报告（2026）第 7 号",
        "investigation": "经调查核实，情况属实。", "decided_on": decided_on
    })
}

fn disbursement(amount: i64, on: &str) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": amount, "occurred_on": on,
        "description": "技能大师工作室建设补助资金", "voucher_no": "宁财社〔2026〕88号",
        "paying_office": "自治区财政厅"
    })
}

fn usage(amount: i64, on: &str) -> Value {
    json!({
        "kind": "usage", "amount_fen": amount, "occurred_on": on,
        "purpose": "equipment_and_materials", "description": "购置实训设备"
    })
}

fn return_of(amount: i64, on: &str) -> Value {
    json!({
        "kind": "return", "amount_fen": amount, "occurred_on": on,
        "description": "结余资金缴回", "voucher_no": "缴款书 2026-0417"
    })
}

fn panel_body(purpose: &str, year: Option<i32>, experts: &[i64], candidates: &[i64]) -> Value {
    let mut body = json!({
        "purpose": purpose,
        "title": if purpose == "annual" { "年度考核组" } else { "期满考核组" },
        "chair": experts[0], "experts": experts, "candidates": candidates,
        "aggregation": { "method": "mean" },
    });
    if let Some(year) = year {
        body["year"] = json!(year);
    }
    body
}

/// Items adding up to `total`, each at most its maximum (greedily, in 附件 order).
fn split(total: f64) -> Vec<(&'static str, f64)> {
    let mut left = total;
    let items = ASSESSMENT_ITEMS
        .iter()
        .map(|(item, max)| {
            let value = left.min(*max);
            left -= value;
            (*item, value)
        })
        .collect();
    assert!(left.abs() < 1e-9, "{total} is above 100");
    items
}

/// A client change id never used before in this test binary.
fn fresh_id(tag: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "life-{tag}-{:08}-tablet",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The studio of panel candidate `candidate`.
fn studio_of(panel: &Value, candidate: &Value) -> i64 {
    list(&panel["candidates"])
        .iter()
        .find(|c| c["id"] == *candidate)
        .and_then(|c| c["studio_id"].as_i64())
        .unwrap_or_else(|| panic!("no studio for candidate {candidate} in {panel}"))
}

/// The score `shared` computed for `item` of `studio`'s candidacy on `panel`.
fn computed(panel: &Value, studio: i64, item: &str) -> Value {
    let candidate = list(&panel["candidates"])
        .iter()
        .find(|c| c["studio_id"] == studio)
        .unwrap_or_else(|| panic!("studio {studio} is not a candidate of {panel}"));
    list(&candidate["computed"])
        .iter()
        .find(|c| c["item"] == item)
        .map(|c| c["score"].clone())
        .unwrap_or_else(|| panic!("no computed {item} in {candidate}"))
}

/// The finding of `rule` in an application view.
fn finding(view: &Value, rule: &str) -> Value {
    list(&view["eligibility"]["findings"])
        .iter()
        .find(|f| f["rule"] == rule)
        .cloned()
        .unwrap_or_else(|| panic!("no finding {rule} in {view}"))
}

// 第十五条: the annual summary and plan, due 31 December.

#[tokio::test]
async fn the_summary_is_due_on_31_december_and_overdue_from_1_january() {
    // Arrange: the studio approved on 2026-11-16 owes a report for 2026.
    let s = Scene::on("2026-12-31").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let last_day = s.life(YC, studio).await;
    let last_day_digest = s.digest(YC).await;
    s.today_is("2027-01-01");
    let next_day = s.life(YC, studio).await;
    let next_day_digest = s.digest(YC).await;

    // Assert: due (not overdue) on 31 December, in the studio's view and the unit's digest.
    assert_eq!(last_day["missing_reports"], json!([]), "{last_day}");
    let due = the_item(&last_day["reminders"], "summary_due", studio);
    assert_eq!(due["due"], "2026-12-31", "{due}");
    assert!(
        due["label"].as_str().is_some_and(|l| l.contains("2026")),
        "{due}"
    );
    assert!(
        reminder(&last_day["reminders"], "summary_overdue").is_none(),
        "{last_day}"
    );
    the_item(&last_day_digest["reminders"], "summary_due", studio);
    assert_eq!(last_day_digest["as_of"], "2026-12-31");
    // Overdue from 1 January.
    assert_eq!(next_day["missing_reports"], json!([2026]), "{next_day}");
    let overdue = reminder(&next_day["reminders"], "summary_overdue").expect("summary_overdue");
    assert_eq!(overdue["overdue"], true, "{overdue}");
    assert_eq!(overdue["article"], "第十五条", "{overdue}");
    assert_eq!(
        the_item(&next_day["reminders"], "summary_overdue", studio)["due"],
        "2026-12-31"
    );
    assert!(
        reminder(&next_day["reminders"], "summary_due").is_none(),
        "{next_day}"
    );
    the_item(&next_day_digest["reminders"], "summary_overdue", studio);
    assert!(
        items_about(&next_day_digest["reminders"], "summary_due", studio).is_empty(),
        "{next_day_digest}"
    );
}

#[tokio::test]
async fn a_report_filed_on_31_december_is_on_time_and_on_1_january_late_as_item_7_reads_it() {
    // Arrange: 田文斌's studio files 2026 on 31 December, 马建华's on 1 January, 何宁生's never.
    let s = Scene::on("2026-12-31").await;
    let (on_time, late, missing) = (
        s.studio(GY_BUILDING),
        s.studio(YC_BUILDING),
        s.studio(YONGNING_BUILDING),
    );

    // Act
    let filed_on_time = s.file_report(GY, on_time, 2026).await;
    s.today_is("2027-01-01");
    let filed_late = s.file_report(YC, late, 2026).await;
    s.today_is("2027-01-05");
    let mut body = panel_body(
        "annual",
        Some(2026),
        &s.expert_ids().await,
        &[late, on_time, missing],
    );
    body["session_on"] = json!("2027-01-20");
    let (status, panel) = s.form_panel(HRSS, &body).await;

    // Assert: the filing date and how it counts.
    assert_eq!(filed_on_time["filed_on"], "2026-12-31", "{filed_on_time}");
    assert_eq!(filed_on_time["filing"], "on_time", "{filed_on_time}");
    assert_eq!(filed_on_time["due"], "2026-12-31", "{filed_on_time}");
    assert_eq!(filed_late["filed_on"], "2027-01-01", "{filed_late}");
    assert_eq!(filed_late["filing"], "late", "{filed_late}");
    let life = s.life(YC, late).await;
    assert_eq!(life["reports"][0]["filing"], "late", "{life}");
    assert_eq!(life["missing_reports"], json!([]), "{life}");
    assert!(
        reminder(&life["reminders"], "summary_overdue").is_none(),
        "{life}"
    );
    // 附件 第7项 as the annual panel reads it from the reports: 10 on time, 5 late, 0 missing.
    assert_eq!(status, 201, "{panel}");
    assert_eq!(computed(&panel, on_time, "report"), json!(10.0), "{panel}");
    assert_eq!(computed(&panel, late, "report"), json!(5.0), "{panel}");
    assert_eq!(computed(&panel, missing, "report"), json!(0.0), "{panel}");
    // The other items come from the same report (35 person-times ≥ 30; city media 6).
    assert_eq!(computed(&panel, late, "training"), json!(30.0), "{panel}");
    assert_eq!(computed(&panel, late, "media"), json!(6.0), "{panel}");
    assert_eq!(computed(&panel, missing, "training"), json!(0.0), "{panel}");
}

#[tokio::test]
async fn the_day_turns_at_midnight_in_yinchuan_not_in_utc() {
    // Arrange
    let s = Scene::on("2026-12-31").await;
    let (early, late) = (s.studio(GY_BUILDING), s.studio(YC_BUILDING));

    // Act: one minute before midnight in Yinchuan (15:59 UTC), then midnight itself.
    s.at("2026-12-31T15:59:00Z");
    let last_minute = s.life(YC, late).await;
    let filed_early = s.file_report(GY, early, 2026).await;
    s.at("2026-12-31T16:00:00Z");
    let first_minute = s.life(YC, late).await;
    let filed_late = s.file_report(YC, late, 2026).await;

    // Assert
    assert_eq!(last_minute["as_of"], "2026-12-31", "{last_minute}");
    assert_eq!(
        kinds(&last_minute["reminders"]),
        ["summary_due"],
        "{last_minute}"
    );
    assert_eq!(filed_early["filed_on"], "2026-12-31", "{filed_early}");
    assert_eq!(filed_early["filing"], "on_time", "{filed_early}");
    assert_eq!(first_minute["as_of"], "2027-01-01", "{first_minute}");
    assert_eq!(
        kinds(&first_minute["reminders"]),
        ["summary_overdue"],
        "{first_minute}"
    );
    assert_eq!(filed_late["filed_on"], "2027-01-01", "{filed_late}");
    assert_eq!(filed_late["filing"], "late", "{filed_late}");
}

#[tokio::test]
async fn a_draft_report_can_be_changed_and_a_filed_one_is_final() {
    // Arrange
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let (draft_status, draft) = s.report(YC, studio, &report(2026, false)).await;
    let mut edit = report(2026, false);
    edit["figures"]["training_person_times"] = json!(40);
    let (changed_status, changed) = s.report(YC, studio, &edit).await;
    let before_filing = s.life(YC, studio).await;
    let (filed_status, filed) = s.report(YC, studio, &report(2026, true)).await;
    let (again, refused) = s.report(YC, studio, &report(2026, false)).await;

    // Assert
    assert_eq!(draft_status, 200, "{draft}");
    assert_eq!(draft["filed_on"], Value::Null, "{draft}");
    assert_eq!(changed_status, 200, "{changed}");
    assert_eq!(changed["figures"]["training_person_times"], 40, "{changed}");
    assert_eq!(
        before_filing["targets"]["years"], 0,
        "a draft counts toward no target"
    );
    assert_eq!(filed_status, 200, "{filed}");
    assert_eq!(filed["filed_on"], "2026-12-20", "{filed}");
    assert_eq!(filed["filing"], "on_time", "{filed}");
    assert_eq!(filed["young_senior"], 1, "{filed}");
    assert_eq!(filed["lectures"], 1, "{filed}");
    assert_eq!(again, 409, "a filed report is final: {refused}");
    assert_eq!(refused["code"], "conflict", "{refused}");
    let life = s.life(YC, studio).await;
    assert_eq!(list(&life["reports"]).len(), 1, "{life}");
    assert_eq!(
        life["reports"][0]["figures"]["training_person_times"], 35,
        "{life}"
    );
    assert_eq!(life["targets"]["years"], 1, "{life}");
    assert_eq!(life["targets"]["young_senior_total"], 1, "{life}");
    assert_eq!(life["targets"]["lectures_total"], 1, "{life}");
    assert_eq!(life["targets"]["young_senior_met"], false, "{life}");
}

#[tokio::test]
async fn a_report_names_every_bad_field_and_saves_nothing() {
    // Arrange: the studio's term touches 2026–2028; today is in 2026.
    let s = Scene::on("2026-12-31").await;
    let studio = s.studio(YC_BUILDING);
    let session = s.user(YC).await;
    let path = format!("/api/studios/{studio}/reports");
    let mut incomplete = report(2026, true);
    incomplete["figures"]["media_evidence"] = json!(" ");
    incomplete["figures"]["lectures"][0]["held_on"] = json!("2025-12-31");
    incomplete["summary"] = json!("");
    incomplete["plan"] = json!("  ");

    // Act
    let before_term = s.app.put_as(&session, &path, &report(2025, false)).await;
    let next_year = s.app.put_as(&session, &path, &report(2027, false)).await;
    let bad = s.app.put_as(&session, &path, &incomplete).await;

    // Assert
    assert_eq!(validation_fields(before_term).await, ["year"]);
    assert_eq!(validation_fields(next_year).await, ["year"]);
    assert_eq!(
        validation_fields(bad).await,
        [
            "figures.media_evidence",
            "figures.lectures[0].held_on",
            "summary",
            "plan"
        ]
    );
    let life = s.life(YC, studio).await;
    assert_eq!(life["reports"], json!([]), "{life}");
}

#[tokio::test]
async fn only_the_studios_own_unit_files_its_report() {
    // Arrange
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    let body = report(2026, true);

    // Act & Assert: those who see the studio but may not file: 403; the others: 404.
    for (username, expected) in [
        (HRSS, 403),
        (YC_BUREAU, 403),
        (FINANCE, 403),
        (GY, 404),
        (EXPERTS[0], 404),
    ] {
        let (status, refused) = s.report(username, studio, &body).await;
        assert_eq!(status, expected, "{username}: {refused}");
    }
    let anonymous = s
        .app
        .client
        .put(format!("{}/api/studios/{studio}/reports", s.app.address))
        .json(&body)
        .send()
        .await
        .expect("PUT failed");
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(s.life(HRSS, studio).await["reports"], json!([]));
}

#[tokio::test]
async fn a_completed_studio_files_no_more_reports() {
    // Arrange: 马建国's studio passed its end of term.
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(YC_COMPLETED);

    // Act
    let (status, refused) = s.report(YC, studio, &report(2025, true)).await;

    // Assert
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["code"], "conflict", "{refused}");
}

#[tokio::test]
async fn a_studios_life_is_seen_by_whoever_sees_the_studio() {
    // Arrange
    let s = Scene::on("2026-12-01").await;
    let studio = s.studio(YC_BUILDING);

    // Act & Assert
    for username in [YC, YC_BUREAU, HRSS, FINANCE] {
        let life = s.life(username, studio).await;
        assert_eq!(life["studio_id"], studio, "{life}");
        assert_eq!(life["status"], "building", "{life}");
        // The newest demo cohort was approved 30 days before the server's first day (2026-03-02).
        assert_eq!(life["term_start"], "2026-01-31", "{life}");
        assert_eq!(life["term_end"], "2028-01-30", "{life}");
        assert_eq!(life["end_of_term_from"], "2028-01-31", "{life}");
        assert_eq!(life["end_of_term_until"], "2029-01-30", "{life}");
        assert_eq!(life["as_of"], "2026-12-01", "{life}");
    }
    for username in [GY, NX, "gy.bureau", EXPERTS[0]] {
        let (status, body) = s.get(username, &life_path(studio)).await;
        assert_eq!(status, 404, "{username}: {body}");
    }
    assert_eq!(s.app.get(&life_path(studio)).await.status().as_u16(), 401);
    let (status, _) = s.get(HRSS, &life_path(987_654)).await;
    assert_eq!(status, 404);
}

// 第十五条（一）: annual results filed by 31 January.

#[tokio::test]
async fn annual_results_are_due_on_31_january_and_overdue_from_1_february() {
    // Arrange: the studio (approved 2026-11-16) filed its 2026 report on time.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    s.file_report(YC, studio, 2026).await;

    // Act
    s.today_is("2027-01-31");
    let last_day = s.life(YC, studio).await;
    let last_day_bureau = s.digest(YC_BUREAU).await;
    s.today_is("2027-02-01");
    let next_day = s.life(YC, studio).await;
    let digests = [
        (YC, s.digest(YC).await),
        (YC_BUREAU, s.digest(YC_BUREAU).await),
        (HRSS, s.digest(HRSS).await),
    ];
    let finance = s.digest(FINANCE).await;

    // Assert
    assert_eq!(last_day["reminders"], json!([]), "{last_day}");
    assert!(
        items_about(&last_day_bureau["reminders"], "results_overdue", studio).is_empty(),
        "{last_day_bureau}"
    );
    let overdue = the_item(&next_day["reminders"], "results_overdue", studio);
    assert_eq!(overdue["due"], "2027-01-31", "{overdue}");
    assert!(
        overdue["label"]
            .as_str()
            .is_some_and(|l| l.contains("2026")),
        "{overdue}"
    );
    assert_eq!(
        kinds(&next_day["reminders"]),
        ["results_overdue"],
        "{next_day}"
    );
    for (username, digest) in &digests {
        let item = the_item(&digest["reminders"], "results_overdue", studio);
        assert_eq!(item["due"], "2027-01-31", "{username}: {item}");
    }
    assert!(
        reminder(&finance["reminders"], "results_overdue").is_none(),
        "{finance}"
    );
}

#[tokio::test]
async fn a_city_bureau_assesses_its_own_channels_studios_and_clears_the_overdue_result() {
    // Arrange: 2026's result of 马建华's studio is overdue on 1 February.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    s.file_report(YC, studio, 2026).await;
    s.today_is("2027-02-01");
    let experts = s.expert_ids().await;

    // Act
    let (outside, refused) = s
        .form_panel(
            YC_BUREAU,
            &panel_body("annual", Some(2026), &experts, &[s.studio(GY_BUILDING)]),
        )
        .await;
    let (end_of_term, forbidden) = s
        .form_panel(
            YC_BUREAU,
            &panel_body("end_of_term", None, &experts, &[studio]),
        )
        .await;
    let (no_year, yearless) = s
        .form_panel(YC_BUREAU, &panel_body("annual", None, &experts, &[studio]))
        .await;
    let panel = s
        .assessment_panel(YC_BUREAU, "annual", Some(2026), &[studio])
        .await;
    let (listed_status, listed) = s.get(YC_BUREAU, "/api/panels").await;
    let closed = s.score_and_close(&panel, &[(studio, 88.0)]).await;

    // Assert
    assert_eq!(outside, 422, "{refused}");
    assert!(
        refused["fields"].to_string().contains("candidates[0]"),
        "{refused}"
    );
    assert_eq!(end_of_term, 403, "{forbidden}");
    assert_eq!(no_year, 422, "{yearless}");
    assert!(
        yearless["fields"].to_string().contains("\"year\""),
        "{yearless}"
    );
    assert_eq!(listed_status, 200, "{listed}");
    assert_eq!(list(&listed).len(), 1, "{listed}");
    assert_eq!(closed["state"], "closed", "{closed}");
    let life = s.life(YC, studio).await;
    let assessments = list(&life["assessments"]);
    assert_eq!(assessments.len(), 1, "{life}");
    let annual = &assessments[0];
    assert_eq!(annual["kind"], "annual", "{annual}");
    assert_eq!(annual["year"], 2026, "{annual}");
    assert_eq!(annual["total"], json!(88.0), "{annual}");
    assert_eq!(annual["grade"]["grade"], "excellent", "{annual}");
    assert_eq!(annual["outcome"]["outcome"], "recorded", "{annual}");
    assert_eq!(annual["decided_on"], "2027-02-01", "{annual}");
    assert_eq!(list(&annual["items"]).len(), 7, "{annual}");
    assert!(
        list(&annual["items"])
            .iter()
            .all(|i| i["explanation"].as_str().is_some_and(|e| !e.is_empty())),
        "every item explains how the figures read: {annual}"
    );
    let report_item = list(&annual["items"])
        .iter()
        .find(|i| i["key"] == "report")
        .expect("item 7");
    assert!(
        report_item["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("按时")),
        "{report_item}"
    );
    assert_eq!(
        life["status"], "building",
        "an annual result changes no status"
    );
    assert!(
        reminder(&life["reminders"], "results_overdue").is_none(),
        "{life}"
    );
}

#[tokio::test]
async fn an_assessment_is_recorded_once_per_kind_and_year() {
    // Arrange: a first annual 2026 panel on the studio has closed.
    let s = Scene::on("2027-01-10").await;
    let studio = s.studio(YC_BUILDING);
    let first = s
        .assessment_panel(HRSS, "annual", Some(2026), &[studio])
        .await;
    s.score_and_close(&first, &[(studio, 75.0)]).await;
    let second = s
        .assessment_panel(HRSS, "annual", Some(2026), &[studio])
        .await;
    let second_id = second["id"].as_i64().expect("panel id");
    s.score_all(&second, &[(studio, 70.0)]).await;

    // Act: closing would record 2026's annual result a second time.
    let (status, refused) = s.close(&second).await;

    // Assert
    assert_eq!(status, 409, "{refused}");
    let life = s.life(HRSS, studio).await;
    assert_eq!(list(&life["assessments"]).len(), 1, "{life}");
    assert_eq!(life["assessments"][0]["total"], json!(75.0), "{life}");
    let (_, still) = s.get(HRSS, &format!("/api/panels/{second_id}")).await;
    assert_eq!(
        still["state"], "open",
        "nothing of the refused close is kept: {still}"
    );
}

#[tokio::test]
async fn assessment_candidates_must_be_in_a_state_the_assessment_applies_to() {
    // Arrange
    let s = Scene::on("2027-01-10").await;
    let experts = s.expert_ids().await;
    let rectifying = s.studio(RECTIFYING);
    let completed = s.studio(YC_COMPLETED);

    // Act
    let annual_on_rectifying = s
        .form_panel(
            HRSS,
            &panel_body("annual", Some(2026), &experts, &[rectifying]),
        )
        .await;
    let end_of_term_on_completed = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &experts, &[completed]),
        )
        .await;
    let end_of_term_on_rectifying = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &experts, &[rectifying]),
        )
        .await;
    let annual_without_year = s
        .form_panel(
            HRSS,
            &panel_body("annual", None, &experts, &[s.studio(YC_BUILDING)]),
        )
        .await;

    // Assert
    for (what, (status, body)) in [
        ("annual on a rectifying studio", &annual_on_rectifying),
        (
            "end of term on a completed studio",
            &end_of_term_on_completed,
        ),
    ] {
        assert_eq!(*status, 422, "{what}: {body}");
        assert_eq!(
            body["fields"][0]["field"], "candidates[0]",
            "{what}: {body}"
        );
    }
    assert_eq!(
        end_of_term_on_rectifying.0, 201,
        "{}",
        end_of_term_on_rectifying.1
    );
    assert_eq!(annual_without_year.0, 422, "{}", annual_without_year.1);
    assert_eq!(annual_without_year.1["fields"][0]["field"], "year");
}

// 第十七条: one year to rectify; a failed re-assessment revokes the title.

#[tokio::test]
async fn rectification_lasts_one_year_from_the_failed_end_of_term() {
    // Arrange: 田文斌's term ended 2026-11-17; its end-of-term panel fails it on 2027-03-15.
    let s = Scene::on("2027-03-15").await;
    let studio = s.studio(GY_BUILDING);

    // Act
    s.end_of_term(&[(studio, 50.0)]).await;
    let failed = s.life(GY, studio).await;
    s.today_is("2028-03-15");
    let last_day = s.life(GY, studio).await;
    s.today_is("2028-03-16");
    let next_day = s.life(GY, studio).await;
    let hrss = s.digest(HRSS).await;

    // Assert
    assert_eq!(failed["status"], "rectifying", "{failed}");
    assert_eq!(failed["rectification_until"], "2028-03-15", "{failed}");
    let assessment = &failed["assessments"][0];
    assert_eq!(assessment["kind"], "end_of_term", "{assessment}");
    assert_eq!(assessment["total"], json!(50.0), "{assessment}");
    assert_eq!(assessment["grade"]["grade"], "unqualified", "{assessment}");
    assert_eq!(
        assessment["outcome"],
        json!({ "outcome": "rectify", "until": "2028-03-15" }),
        "{assessment}"
    );
    assert_eq!(assessment["decided_on"], "2027-03-15", "{assessment}");
    let due = the_item(&last_day["reminders"], "rectification_due", studio);
    assert_eq!(due["due"], "2028-03-15", "{due}");
    assert!(
        reminder(&last_day["reminders"], "rectification_overdue").is_none(),
        "{last_day}"
    );
    let overdue = the_item(&next_day["reminders"], "rectification_overdue", studio);
    assert_eq!(overdue["due"], "2028-03-15", "{overdue}");
    assert!(
        reminder(&next_day["reminders"], "rectification_due").is_none(),
        "{next_day}"
    );
    the_item(&hrss["reminders"], "rectification_overdue", studio);
    // Rectifying: no annual assessment any more, and no end-of-term reminder.
    assert!(
        reminder(&next_day["reminders"], "end_of_term_overdue").is_none(),
        "{next_day}"
    );
}

#[tokio::test]
async fn a_rectification_from_29_february_ends_on_28_february_of_the_next_year() {
    // Arrange: 何宁生's studio (term to 2027-11-16) fails its end of term on a leap day.
    let s = Scene::on("2028-02-29").await;
    let studio = s.studio(YONGNING_BUILDING);

    // Act
    s.end_of_term(&[(studio, 40.0)]).await;
    let failed = s.life(HRSS, studio).await;
    s.today_is("2029-02-28");
    let last_day = s.life(HRSS, studio).await;
    s.today_is("2029-03-01");
    let next_day = s.life(HRSS, studio).await;

    // Assert
    assert_eq!(failed["rectification_until"], "2029-02-28", "{failed}");
    the_item(&last_day["reminders"], "rectification_due", studio);
    the_item(&next_day["reminders"], "rectification_overdue", studio);
}

#[tokio::test]
async fn a_failed_re_assessment_revokes_the_title_and_a_passed_one_completes_the_studio() {
    // Arrange: two studios fail their end of term on 2027-03-15.
    let s = Scene::on("2027-03-15").await;
    let (fails, passes) = (s.studio(GY_BUILDING), s.studio(LINGWU_BUILDING));
    s.end_of_term(&[(fails, 50.0), (passes, 59.0)]).await;
    let rectifying = [s.life(HRSS, fails).await, s.life(HRSS, passes).await];

    // Act: the re-assessment before the rectification year ends.
    s.today_is("2028-03-10");
    s.end_of_term(&[(fails, 55.0), (passes, 75.0)]).await;
    let revoked = s.life(GY, fails).await;
    let completed = s.life(HRSS, passes).await;

    // Assert
    for life in &rectifying {
        assert_eq!(life["status"], "rectifying", "{life}");
        assert_eq!(life["rectification_until"], "2028-03-15", "{life}");
    }
    assert_eq!(revoked["status"], "revoked", "{revoked}");
    let kinds_of = |life: &Value| -> Vec<Value> {
        list(&life["assessments"])
            .iter()
            .map(|a| a["kind"].clone())
            .collect()
    };
    assert_eq!(
        kinds_of(&revoked),
        [json!("end_of_term"), json!("re_assessment")]
    );
    assert_eq!(
        revoked["assessments"][1]["outcome"]["outcome"], "revoke",
        "{revoked}"
    );
    assert_eq!(
        revoked["assessments"][1]["decided_on"], "2028-03-10",
        "{revoked}"
    );
    assert_eq!(
        revoked["reminders"],
        json!([]),
        "a revoked studio owes nothing: {revoked}"
    );
    assert_eq!(completed["status"], "completed", "{completed}");
    assert_eq!(completed["rectification_until"], Value::Null, "{completed}");
    assert_eq!(
        kinds_of(&completed),
        [json!("end_of_term"), json!("re_assessment")]
    );
    assert_eq!(
        completed["assessments"][1]["outcome"]["outcome"],
        "completed"
    );
    // A revoked studio leaves the public list and files nothing more.
    let public = json(s.app.get("/api/public/studios").await).await;
    let listed: Vec<i64> = list(&public["studios"])
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    assert!(!listed.contains(&fails), "{public}");
    assert!(listed.contains(&passes), "{public}");
    let (status, refused) = s.report(GY, fails, &report(2026, true)).await;
    assert_eq!(status, 409, "{refused}");
}

// 第十六条: a change of leader or host, completed within 60 days.

#[tokio::test]
async fn a_change_is_due_60_days_after_the_event_and_overdue_the_day_after() {
    // Arrange: the leader retired on 2027-03-01 and the unit files the change that day.
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let filed = s
        .change(
            YC,
            studio,
            &leader_change("2027-03-01", "马小龙", qualified_leader()),
        )
        .await;
    s.today_is("2027-04-30");
    let last_day = s.life(YC, studio).await;
    let last_day_digest = s.digest(YC).await;
    s.today_is("2027-05-01");
    let next_day = s.life(YC, studio).await;
    let applicant = s.digest(YC).await;
    let hrss = s.digest(HRSS).await;

    // Assert
    assert_eq!(filed["state"], "submitted", "{filed}");
    assert_eq!(filed["due"], "2027-04-30", "{filed}");
    assert_eq!(filed["days_left"], 60, "{filed}");
    assert_eq!(filed["overdue"], false, "{filed}");
    let change = &last_day["changes"][0];
    assert_eq!(change["days_left"], 0, "{change}");
    assert_eq!(change["overdue"], false, "{change}");
    assert_eq!(
        the_item(&last_day["reminders"], "change_due", studio)["due"],
        "2027-04-30"
    );
    assert!(
        reminder(&last_day["reminders"], "change_overdue").is_none(),
        "{last_day}"
    );
    the_item(&last_day_digest["reminders"], "change_due", studio);
    let change = &next_day["changes"][0];
    assert_eq!(change["days_left"], -1, "{change}");
    assert_eq!(change["overdue"], true, "{change}");
    assert_eq!(
        the_item(&next_day["reminders"], "change_overdue", studio)["due"],
        "2027-04-30"
    );
    assert!(
        reminder(&next_day["reminders"], "change_due").is_none(),
        "{next_day}"
    );
    let overdue = reminder(&applicant["reminders"], "change_overdue").expect("change_overdue");
    assert_eq!(overdue["overdue"], true, "{overdue}");
    assert_eq!(overdue["article"], "第十六条", "{overdue}");
    the_item(&hrss["reminders"], "change_overdue", studio);
    the_item(&hrss["reminders"], "change_to_decide", studio);
}

#[tokio::test]
async fn an_approved_leader_change_renames_the_leader_and_sets_the_bar_for_the_next() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", stronger_leader()),
        )
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (second, busy) = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-21", "李四", qualified_leader()),
        )
        .await;
    let (applicant, by_applicant) = s.decide(YC, change_id, "decide", &approve()).await;
    let (joined, not_a_host_change) = s.decide(YC, change_id, "join", &approve()).await;
    let (reasonless, unexplained) = s
        .decide(
            HRSS,
            change_id,
            "decide",
            &json!({ "approve": false, "reason": " " }),
        )
        .await;
    let (approved_status, approved) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (again, decided) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (_, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    let lower = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-28", "李四", qualified_leader()),
        )
        .await;

    // Assert
    assert_eq!(change["kind"], "leader", "{change}");
    assert_eq!(change["old_leader_name"], "马建华", "{change}");
    assert_eq!(change["new_leader_name"], "马小龙", "{change}");
    assert_eq!(second, 409, "one open change per studio: {busy}");
    assert_eq!(applicant, 403, "{by_applicant}");
    assert_eq!(
        joined, 404,
        "only the new unit of a host change joins: {not_a_host_change}"
    );
    assert_eq!(reasonless, 422, "{unexplained}");
    assert_eq!(unexplained["fields"][0]["field"], "reason", "{unexplained}");
    assert_eq!(approved_status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    assert_eq!(approved["decided_on"], "2027-03-01", "{approved}");
    assert_eq!(again, 409, "{decided}");
    assert_eq!(row["leader_name"], "马小龙", "{row}");
    // The next leader is compared with 马小龙 (塞上技能大师, 高级技师), not with the minimum.
    assert_eq!(lower.0, 422, "{}", lower.1);
    let fields: Vec<&str> = list(&lower.1["fields"])
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["new_leader.titles", "new_leader.skill_level"],
        "{}",
        lower.1
    );
}

#[tokio::test]
async fn a_new_leader_must_meet_the_basic_conditions_and_a_route() {
    // Arrange: the demo studio's leader is on record as a 技师 and 自治区技术能手 (route 1).
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let mut weak = qualified_leader();
    weak["titles"] = json!([]);
    weak["top_skill"] = json!(false);
    weak["healthy"] = json!(false);
    let session = s.user(YC).await;
    let path = format!("/api/studios/{studio}/changes");

    // Act
    let refused = s
        .app
        .post_as(&session, &path, &leader_change("2027-02-20", "李四", weak))
        .await;
    let future = s
        .app
        .post_as(
            &session,
            &path,
            &leader_change("2027-03-02", "李四", qualified_leader()),
        )
        .await;
    let own_unit = s
        .app
        .post_as(
            &session,
            &path,
            &host_change("2027-02-20", s.unit_id(YC_UNIT).await, "transfer"),
        )
        .await;
    let incomplete = s
        .app
        .post_as(
            &session,
            &path,
            &json!({ "kind": "leader", "event_on": "2027-02-20", "cause": "退休" }),
        )
        .await;

    // Assert
    assert_eq!(
        validation_fields(refused).await,
        [
            "new_leader.top_skill",
            "new_leader.healthy",
            "new_leader.titles",
            "new_leader.route"
        ]
    );
    assert_eq!(validation_fields(future).await, ["event_on"]);
    assert_eq!(validation_fields(own_unit).await, ["new_unit_id"]);
    assert_eq!(
        validation_fields(incomplete).await,
        ["new_leader_name", "new_leader"]
    );
    assert_eq!(s.life(YC, studio).await["changes"], json!([]));
}

#[tokio::test]
async fn a_host_change_waits_for_the_new_unit_then_hrss_moves_the_studio() {
    // Arrange: 马建华 moved to 长城焊接 (nx.hanjie's unit).
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let new_unit = s.unit_id(NX_UNIT).await;
    let change = s
        .change(YC, studio, &host_change("2027-02-15", new_unit, "transfer"))
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (early, not_yet) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (old_unit, by_old_unit) = s.decide(YC, change_id, "join", &approve()).await;
    let (other_unit, by_other_unit) = s.decide(GY, change_id, "join", &approve()).await;
    let (hrss_join, by_hrss) = s.decide(HRSS, change_id, "join", &approve()).await;
    let waiting = s.digest(NX).await;
    let (joined_status, joined) = s.decide(NX, change_id, "join", &approve()).await;
    let to_decide = s.digest(HRSS).await;
    let (approved_status, approved) = s.decide(HRSS, change_id, "decide", &approve()).await;

    // Assert
    assert_eq!(change["state"], "awaiting_new_unit", "{change}");
    assert_eq!(change["old_unit_name"], YC_UNIT, "{change}");
    assert_eq!(change["new_unit_name"], NX_UNIT, "{change}");
    assert_eq!(change["mode"], "transfer", "{change}");
    assert_eq!(change["due"], "2027-04-16", "{change}");
    assert_eq!(early, 409, "{not_yet}");
    assert_eq!(old_unit, 404, "{by_old_unit}");
    assert_eq!(other_unit, 404, "{by_other_unit}");
    assert_eq!(hrss_join, 404, "{by_hrss}");
    assert!(
        reminder(&waiting["reminders"], "change_to_decide").is_some(),
        "the new unit is asked to join: {waiting}"
    );
    assert_eq!(joined_status, 200, "{joined}");
    assert_eq!(joined["state"], "submitted", "{joined}");
    the_item(&to_decide["reminders"], "change_to_decide", studio);
    assert_eq!(approved_status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    let (status, row) = s.get(NX, &format!("/api/studios/{studio}")).await;
    assert_eq!(status, 200, "the new unit now hosts the studio: {row}");
    assert_eq!(row["unit_name"], NX_UNIT, "{row}");
    let (status, _) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(status, 404, "the old unit no longer sees it");
    let hrss_after = s.digest(HRSS).await;
    assert!(
        items_about(&hrss_after["reminders"], "change_to_decide", studio).is_empty(),
        "{hrss_after}"
    );
}

#[tokio::test]
async fn the_new_unit_may_decline_a_host_change_with_a_reason() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let new_unit = s.unit_id(NX_UNIT).await;
    let change = s
        .change(YC, studio, &host_change("2027-02-15", new_unit, "co_build"))
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (silent, unexplained) = s
        .decide(NX, change_id, "join", &json!({ "approve": false }))
        .await;
    let (declined_status, declined) = s
        .decide(NX, change_id, "join", &decline("本单位不具备共建条件"))
        .await;
    let (hrss, too_late) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (refiled, _) = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", qualified_leader()),
        )
        .await;

    // Assert
    assert_eq!(silent, 422, "{unexplained}");
    assert_eq!(unexplained["fields"][0]["field"], "reason", "{unexplained}");
    assert_eq!(declined_status, 200, "{declined}");
    assert_eq!(declined["state"], "rejected", "{declined}");
    assert_eq!(
        declined["decision_reason"], "本单位不具备共建条件",
        "{declined}"
    );
    assert_eq!(declined["decided_on"], "2027-03-01", "{declined}");
    assert_eq!(hrss, 409, "{too_late}");
    assert_eq!(refiled, 201, "a closed change leaves room for a new one");
    let (_, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(row["unit_name"], YC_UNIT, "{row}");
}

#[tokio::test]
async fn changes_apply_to_the_units_own_regional_studios_in_being() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let body = leader_change("2027-02-20", "李四", qualified_leader());

    // Act & Assert
    let (national, refused) = s.request_change(NX, s.studio(NX_NATIONAL), &body).await;
    assert_eq!(national, 409, "第十六条 is for regional studios: {refused}");
    let (foreign, hidden) = s.request_change(GY, s.studio(YC_BUILDING), &body).await;
    assert_eq!(foreign, 404, "{hidden}");
    for username in [HRSS, YC_BUREAU, FINANCE] {
        let (status, refused) = s
            .request_change(username, s.studio(YC_BUILDING), &body)
            .await;
        assert_eq!(status, 403, "{username}: {refused}");
    }
    let (status, refused) = s
        .request_change(EXPERTS[0], s.studio(YC_BUILDING), &body)
        .await;
    assert_eq!(status, 404, "{refused}");
    let (status, _) = s.decide(HRSS, 987_654, "decide", &approve()).await;
    assert_eq!(status, 404);
    let (status, _) = s.decide(NX, 987_654, "join", &approve()).await;
    assert_eq!(status, 404);
    // Once the studio has exited, nothing more is changed.
    let studio = s.studio(YC_BUILDING);
    let (exited, life) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2027-03-01"))
        .await;
    assert_eq!(exited, 201, "{life}");
    let (after_exit, refused) = s.request_change(YC, studio, &body).await;
    assert_eq!(after_exit, 409, "{refused}");
    let (report_after_exit, refused) = s.report(YC, studio, &report(2026, false)).await;
    assert_eq!(report_after_exit, 409, "{refused}");
}

// 第十八条: exits, the return of unused funds, and the 3-year ban.

#[tokio::test]
async fn an_exit_fixes_the_return_due_refuses_new_money_and_counts_returns_until_settled() {
    // Arrange: ¥60,000 disbursed, ¥10,000 used and ¥5,000 returned before the exit.
    let s = Scene::on("2026-11-02").await;
    let studio = s.studio(YC_COMPLETED);
    s.record(FINANCE, studio, &disbursement(6_000_000, "2026-11-02"))
        .await;
    s.record(YC, studio, &usage(1_000_000, "2026-11-02")).await;
    s.record(FINANCE, studio, &return_of(500_000, "2026-11-02"))
        .await;
    s.today_is("2026-11-20");
    let finance_before = s.digest(FINANCE).await;

    // Act
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("funds_misused", "2026-11-20"))
        .await;
    let (twice, again) = s
        .exit(HRSS, studio, &exit_body("fraud", "2026-11-20"))
        .await;
    let (paid, no_more_money) = s
        .ledger(FINANCE, studio, &disbursement(100, "2026-11-20"))
        .await;
    let (used, no_more_spending) = s.ledger(YC, studio, &usage(100, "2026-11-20")).await;
    s.record(FINANCE, studio, &return_of(1_000_000, "2026-11-20"))
        .await;
    let partly = s.life(YC, studio).await;
    let finance_partly = s.digest(FINANCE).await;
    let applicant_partly = s.digest(YC).await;
    s.record(FINANCE, studio, &return_of(3_500_000, "2026-11-20"))
        .await;
    let settled = s.life(HRSS, studio).await;
    let finance_settled = s.digest(FINANCE).await;

    // Assert
    assert_eq!(status, 201, "{exited}");
    assert_eq!(exited["status"], "exited", "{exited}");
    let exit = &exited["exit"];
    assert_eq!(exit["case"], "funds_misused", "{exit}");
    assert_eq!(exit["article"], "第十八条（三）", "{exit}");
    assert_eq!(exit["decided_on"], "2026-11-20", "{exit}");
    assert_eq!(exit["ban_until"], "2029-11-20", "{exit}");
    assert_eq!(
        exit["return_due"], 4_500_000,
        "disbursed − used − returned: {exit}"
    );
    assert_eq!(exit["returned_since"], 0, "{exit}");
    assert_eq!(exit["outstanding"], 4_500_000, "{exit}");
    assert_eq!(exit["decided_by"], HRSS, "{exit}");
    assert_eq!(twice, 409, "{again}");
    assert_eq!(paid, 409, "{no_more_money}");
    assert_eq!(used, 409, "{no_more_spending}");
    assert_eq!(partly["exit"]["returned_since"], 1_000_000, "{partly}");
    assert_eq!(partly["exit"]["outstanding"], 3_500_000, "{partly}");
    the_item(&partly["reminders"], "return_outstanding", studio);
    assert_eq!(finance_before["reminders"], json!([]), "{finance_before}");
    assert_eq!(
        kinds(&finance_partly["reminders"]),
        ["return_outstanding"],
        "{finance_partly}"
    );
    the_item(&finance_partly["reminders"], "return_outstanding", studio);
    the_item(&applicant_partly["reminders"], "return_outstanding", studio);
    assert_eq!(settled["exit"]["outstanding"], 0, "{settled}");
    assert_eq!(settled["exit"]["return_due"], 4_500_000, "{settled}");
    assert!(
        reminder(&settled["reminders"], "return_outstanding").is_none(),
        "{settled}"
    );
    assert_eq!(finance_settled["reminders"], json!([]), "{finance_settled}");
    // Exited: off the public list, still on record for HRSS and the unit.
    let public = json(s.app.get("/api/public/studios").await).await;
    assert!(
        list(&public["studios"]).iter().all(|r| r["id"] != studio),
        "{public}"
    );
    let (status, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(
        (status, row["status"].clone()),
        (200, json!("exited")),
        "{row}"
    );
}

#[tokio::test]
async fn the_outstanding_return_is_what_the_unit_still_holds_when_the_exit_follows_a_return_the_same_day()
 {
    // Arrange: ¥60,000 disbursed, ¥10,000 returned, all today; the unit holds ¥50,000.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_COMPLETED);
    s.record(FINANCE, studio, &disbursement(6_000_000, "2026-11-20"))
        .await;
    s.record(FINANCE, studio, &return_of(1_000_000, "2026-11-20"))
        .await;

    // Act: the exit is decided today, after the return was booked.
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;

    // Assert: nothing came back since the exit; the whole ¥50,000 is still to return.
    assert_eq!(status, 201, "{exited}");
    let (_, ledger) = s.get(HRSS, &format!("/api/studios/{studio}/ledger")).await;
    let held = ledger["balance"]["disbursed"].as_i64().unwrap_or_default()
        - ledger["balance"]["used"].as_i64().unwrap_or_default()
        - ledger["balance"]["returned"].as_i64().unwrap_or_default();
    assert_eq!(held, 5_000_000, "{ledger}");
    assert_eq!(exited["exit"]["return_due"], 5_000_000, "{exited}");
    assert_eq!(exited["exit"]["outstanding"], held, "{exited}");
}

#[tokio::test]
async fn an_exit_is_decided_by_hrss_on_a_checked_date_with_the_facts_its_case_needs() {
    // Arrange
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let session = s.user(HRSS).await;
    let path = format!("/api/studios/{studio}/exit");
    let mut fraud = exit_body("fraud", "2026-11-20");
    fraud["investigation"] = json!("");

    // Act
    let future = s
        .app
        .post_as(&session, &path, &exit_body("leader_unable", "2026-11-21"))
        .await;
    let before_approval = s
        .app
        .post_as(&session, &path, &exit_body("leader_unable", "2026-01-30"))
        .await;
    let uninvestigated = s.app.post_as(&session, &path, &fraud).await;
    let mut others = Vec::new();
    for username in [YC, YC_BUREAU, FINANCE, EXPERTS[0]] {
        let (status, _) = s
            .exit(username, studio, &exit_body("leader_unable", "2026-11-20"))
            .await;
        others.push((username, status));
    }
    let (missing, _) = s
        .exit(HRSS, 987_654, &exit_body("leader_unable", "2026-11-20"))
        .await;

    // Assert
    assert_eq!(validation_fields(future).await, ["decided_on"]);
    assert_eq!(validation_fields(before_approval).await, ["decided_on"]);
    assert_eq!(validation_fields(uninvestigated).await, ["investigation"]);
    assert_eq!(
        others,
        [
            (YC, 403),
            (YC_BUREAU, 403),
            (FINANCE, 403),
            (EXPERTS[0], 403)
        ]
    );
    assert_eq!(missing, 404);
    let life = s.life(HRSS, studio).await;
    assert_eq!(
        (life["status"].clone(), life["exit"].clone()),
        (json!("building"), Value::Null)
    );
}

#[tokio::test]
async fn the_ban_lasts_until_the_third_anniversary_of_the_exit_inclusive() {
    // Arrange: 马建国's studio (approved 2023-01-31) was made to exit on 2023-11-20.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_COMPLETED);
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2023-11-20"))
        .await;
    assert_eq!(status, 201, "{exited}");

    // Act: the unit writes an application on the 3rd anniversary, typing no exit, and submits it
    // that day and again on the next (the submission day decides, 第十八条).
    let anniversary = s.application_dated("2026-11-20").await;
    let refused = s.submit(&anniversary).await;
    let (_, still_draft) =
        answer(s.app.application(&s.user(YC).await, id(&anniversary)).await).await;
    s.today_is("2026-11-21");
    let (_, next_day) = answer(s.app.application(&s.user(YC).await, id(&anniversary)).await).await;
    let accepted = s.submit(&next_day).await;

    // Assert
    assert_eq!(exited["exit"]["ban_until"], "2026-11-20", "{exited}");
    let banned = finding(&anniversary, "ban.reapplication");
    assert_eq!(banned["severity"], "fail", "{banned}");
    assert_eq!(
        anniversary["eligibility"]["verdict"], "fail",
        "{anniversary}"
    );
    assert_eq!(
        anniversary["facts"]["unit"]["last_exit_date"],
        Value::Null,
        "as typed"
    );
    assert_eq!(refused.0, 409, "{}", refused.1);
    assert_eq!(still_draft["state"], "draft", "{still_draft}");
    assert_eq!(
        finding(&next_day, "ban.reapplication")["severity"],
        "pass",
        "{next_day}"
    );
    assert_eq!(accepted.0, 200, "{}", accepted.1);
    assert_eq!(accepted.1["state"], "submitted", "{}", accepted.1);
}

#[tokio::test]
async fn the_ban_follows_the_leader_to_another_unit() {
    // Arrange: 马小龙 (born 1975-03-10) took over 马建华's studio, which was then made to exit.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2026-11-18", "马小龙", qualified_leader()),
        )
        .await;
    let change_id = change["id"].as_i64().expect("change id");
    let (approved, decided) = s.decide(HRSS, change_id, "decide", &approve()).await;
    assert_eq!(approved, 200, "{decided}");
    let (exited, life) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;
    assert_eq!(exited, 201, "{life}");

    // Act: another unit applies with 马小龙 as its leader, typing no exit; it withdraws that and
    // applies with someone else (one application per unit and round).
    let same_leader = s.school_application("2026-11-20", "马小龙").await;
    let gy = s.user(GY).await;
    s.app.act(&gy, &same_leader, "withdraw", json!({})).await;
    let other_leader = s.school_application("2026-11-20", "李明").await;

    // Assert
    assert_eq!(
        same_leader["facts"]["leader"]["last_exit_date"],
        Value::Null,
        "as typed"
    );
    let banned = finding(&same_leader, "ban.reapplication");
    assert_eq!(banned["severity"], "fail", "{banned}");
    assert!(
        banned["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains("带头人")),
        "the leader is what is barred: {banned}"
    );
    assert_eq!(
        finding(&other_leader, "ban.reapplication")["severity"],
        "pass",
        "{other_leader}"
    );
}

#[tokio::test]
async fn hrss_may_lift_the_ban_for_a_unit_with_a_recorded_reason() {
    // Arrange: 马建国's studio exits today; its unit's new application is barred.
    let s = Scene::on("2026-10-15").await;
    let studio = s.studio(YC_COMPLETED);
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("unit_dissolved", "2026-10-15"))
        .await;
    assert_eq!(status, 201, "{exited}");
    let draft = s.application_dated("2026-10-15").await;
    let unit = s.unit_id(YC_UNIT).await;
    let reason = "原单位重组后新设，经厅务会研究准予例外";

    // Act
    let short = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &json!({ "unit_id": unit, "reason": "准予例" }),
        )
        .await;
    let long = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &json!({ "unit_id": unit, "reason": "理".repeat(2001) }),
        )
        .await;
    let nowhere = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &json!({ "unit_id": 987_654, "reason": reason }),
        )
        .await;
    let by_applicant = s
        .post(
            YC,
            "/api/admin/ban-overrides",
            &json!({ "unit_id": unit, "reason": reason }),
        )
        .await;
    let before = answer(s.app.application(&s.user(YC).await, id(&draft)).await).await;
    let (granted_status, granted) = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &json!({ "unit_id": unit, "reason": reason }),
        )
        .await;
    let (_, overrides) = s.get(HRSS, "/api/admin/ban-overrides").await;
    let (_, audit) = s
        .get(
            HRSS,
            &format!("/api/admin/audit?object_type=unit&object_id={unit}"),
        )
        .await;
    let (_, after) = answer(s.app.application(&s.user(YC).await, id(&draft)).await).await;
    let unjustified = s.submit(&after).await;
    let mut edit = json!({
        "version": version(&after), "facts": after["facts"], "profile": after["profile"],
        "justifications": { "ban.reapplication": "单位重组新设，已获人社厅准予例外。" }
    });
    edit["facts"]["unit"]["last_exit_date"] = Value::Null;
    let (edited_status, edited) = s
        .put(YC, &format!("/api/applications/{}", id(&draft)), &edit)
        .await;
    let submitted = s.submit(&edited).await;

    // Assert
    assert_eq!(short.0, 422, "{}", short.1);
    assert_eq!(short.1["fields"][0]["field"], "reason", "{}", short.1);
    assert_eq!(long.0, 422, "{}", long.1);
    assert_eq!(nowhere.0, 422, "{}", nowhere.1);
    assert_eq!(nowhere.1["fields"][0]["field"], "unit_id", "{}", nowhere.1);
    assert_eq!(by_applicant.0, 403, "{}", by_applicant.1);
    assert_eq!(finding(&before.1, "ban.reapplication")["severity"], "fail");
    assert_eq!(granted_status, 201, "{granted}");
    assert_eq!(granted["unit_name"], YC_UNIT, "{granted}");
    assert_eq!(granted["granted_by"], HRSS, "{granted}");
    assert_eq!(list(&overrides).len(), 1, "{overrides}");
    assert_eq!(overrides[0]["reason"], reason, "{overrides}");
    assert!(
        list(&audit).iter().any(|e| e["action"] == "ban.override"),
        "{audit}"
    );
    let lifted = finding(&after, "ban.reapplication");
    assert_eq!(lifted["severity"], "warning", "{lifted}");
    assert!(
        lifted["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains(reason)),
        "{lifted}"
    );
    assert!(
        list(&after["unjustified"]).contains(&json!("ban.reapplication")),
        "{after}"
    );
    assert_eq!(
        unjustified.0, 409,
        "a warning still needs its justification: {}",
        unjustified.1
    );
    assert_eq!(edited_status, 200, "{edited}");
    assert_eq!(submitted.0, 200, "{}", submitted.1);
}

// The notification centre: each role its own digest.

#[tokio::test]
async fn each_role_reads_its_own_digest() {
    // Arrange: a leader change waits for HRSS, and an end-of-term panel waits for its experts.
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", qualified_leader()),
        )
        .await;
    let panel = s
        .assessment_panel(HRSS, "end_of_term", None, &[s.studio(GY_BUILDING)])
        .await;
    let panel_id = panel["id"].as_i64().expect("panel id");

    // Act
    let hrss = s.digest(HRSS).await;
    let applicant = s.digest(YC).await;
    let expert = s.digest(EXPERTS[1]).await;
    let unrelated_expert = s.digest("expert.zhao").await;
    let finance = s.digest(FINANCE).await;
    let other_unit = s.digest(GY).await;

    // Assert
    let item = the_item(&hrss["reminders"], "change_to_decide", studio);
    let change_id = change["id"].as_i64().expect("change id");
    assert!(
        item["label"]
            .as_str()
            .is_some_and(|l| l.contains(&format!("#{change_id}"))),
        "{item}"
    );
    assert!(
        reminder(&applicant["reminders"], "change_to_decide").is_none(),
        "{applicant}"
    );
    the_item(&applicant["reminders"], "change_due", studio);
    let links: Vec<&Value> = list(&applicant["reminders"])
        .iter()
        .flat_map(|r| list(&r["items"]).iter().map(|i| &i["link"]))
        .collect();
    assert!(
        links.iter().all(|l| **l == format!("/studios/{studio}")),
        "an applicant reads its own studios only: {applicant}"
    );
    assert_eq!(kinds(&expert["reminders"]), ["sheets_to_sign"], "{expert}");
    let sheets = &expert["reminders"][0]["items"][0];
    assert_eq!(sheets["link"], format!("/scoring/{panel_id}"), "{sheets}");
    assert_eq!(
        unrelated_expert["reminders"],
        json!([]),
        "{unrelated_expert}"
    );
    assert_eq!(
        finance["reminders"],
        json!([]),
        "finance acts on returns only: {finance}"
    );
    assert!(items_about(&other_unit["reminders"], "change_due", studio).is_empty());
}
