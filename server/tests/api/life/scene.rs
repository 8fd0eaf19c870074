//! The scene every test of a studio's life plays on: a server whose clock the test sets, sessions
//! signed in on that day, the demo studios by name, and the bodies and readings the tests share.

use crate::helpers::{
    Session, TestApp, TestClock, facts, id, json, new_application, spawn_app_with_clock, version,
};
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) const HRSS: &str = "hrss";
pub(super) const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0, 银川).
pub(super) const YC: &str = "yc.saishang";
/// 银川市人社局: the channel of local units in 银川.
pub(super) const YC_BUREAU: &str = "yc.bureau";
/// The applicant of 固原市高级技工学校 (unit row 20).
pub(super) const GY: &str = "gy.jigong";
/// The applicant of 宁夏长城焊接装备有限公司 (unit row 1).
pub(super) const NX: &str = "nx.hanjie";
pub(super) const EXPERTS: [&str; 3] = ["expert.zhang", "expert.li", "expert.wang"];

// The demo's studios are approved in yearly cohorts counted back from the server's first day,
// 2026-03-02 (see `seed::cohort_approvals`): 2026-01-31, 2025-01-31, 2024-01-31 and 2023-01-31.

/// Regional, approved 2026-01-31 (term to 2028-01-30), building; unit row 0 (`yc.saishang`).
pub(super) const YC_BUILDING: &str = "马建华加工中心操作工技能大师工作室";
/// Regional, approved 2023-01-31, completed; unit row 0 (`yc.saishang`).
pub(super) const YC_COMPLETED: &str = "马建国数控车工技能大师工作室";
/// Regional, approved 2024-01-31 (term to 2026-01-30), building; unit row 20 (`gy.jigong`), 固原.
pub(super) const GY_BUILDING: &str = "田文斌汽车维修工技能大师工作室";
/// Regional, approved 2024-01-31, building; unit row 8 (灵武, in 银川市人社局's channel).
pub(super) const LINGWU_BUILDING: &str = "冯德胜化工总控工技能大师工作室";
/// Regional, approved 2025-01-31, building; unit row 9 (永宁, in 银川市人社局's channel).
pub(super) const YONGNING_BUILDING: &str = "何宁生食品加工工技能大师工作室";
/// National (manufacturing), completed; unit row 1 (`nx.hanjie`).
pub(super) const NX_NATIONAL: &str = "王立军焊工技能大师工作室";
/// Seeded `rectifying` (until 2026-03-31); unit row 11 (石嘴山).
pub(super) const RECTIFYING: &str = "张铁成铸造工技能大师工作室";
pub(super) const YC_UNIT: &str = "银川塞上机床制造有限公司";
pub(super) const NX_UNIT: &str = "宁夏长城焊接装备有限公司";

/// When the tablets say the experts scored (the latest change of an item wins).
pub(super) const CLIENT_AT: &str = "2027-01-01T01:30:00Z";
/// A 1×1 PNG as a data URL (over 100 characters, as the server wants of a drawn signature).
pub(super) const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// The scene: a server on a clock the test sets to a day in Yinchuan.

/// A fresh server whose clock the test sets, and sessions signed in on the current day (a session
/// idles out after 2 hours, so moving the clock signs everyone in again).
pub(super) struct Scene {
    pub(super) app: TestApp,
    pub(super) clock: TestClock,
    pub(super) sessions: Mutex<HashMap<&'static str, Session>>,
    pub(super) studios: HashMap<String, i64>,
}

impl Scene {
    /// The server on 09:00 of `day` in Yinchuan (the server's today is the clock + 8 h).
    pub(super) async fn on(day: &str) -> Scene {
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
    /// The scene's day in Yinchuan.
    pub(super) fn day(&self) -> NaiveDate {
        (self.clock.now() + chrono::Duration::hours(8)).date_naive()
    }

    pub(super) fn today_is(&self, day: &str) {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a YYYY-MM-DD day");
        let nine_in_yinchuan = Utc.from_utc_datetime(&date.and_hms_opt(1, 0, 0).expect("a time"));
        self.clock.advance(nine_in_yinchuan - self.clock.now());
        self.sessions.lock().expect("sessions").clear();
    }

    /// Moves the clock to `instant` (RFC 3339).
    pub(super) fn at(&self, instant: &str) {
        let to = chrono::DateTime::parse_from_rfc3339(instant).expect("an RFC 3339 instant");
        self.clock
            .advance(to.with_timezone(&Utc) - self.clock.now());
        self.sessions.lock().expect("sessions").clear();
    }

    /// A session of `username`, signed in today.
    pub(super) async fn user(&self, username: &'static str) -> Session {
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

    pub(super) fn studio(&self, name: &str) -> i64 {
        *self
            .studios
            .get(name)
            .unwrap_or_else(|| panic!("no studio named {name}"))
    }

    /// `GET /api/studios/{id}/life` as `username`, asserting 200.
    pub(super) async fn life(&self, username: &'static str, studio: i64) -> Value {
        let session = self.user(username).await;
        let (status, life) = answer(self.app.get_as(&session, &life_path(studio)).await).await;
        assert_eq!(status, 200, "life of studio {studio} as {username}: {life}");
        self.app.assert_reminders_kept(self.day()).await;
        life
    }

    /// `GET /api/notifications` as `username`, asserting 200.
    pub(super) async fn digest(&self, username: &'static str) -> Value {
        let session = self.user(username).await;
        let (status, digest) = answer(self.app.get_as(&session, "/api/notifications").await).await;
        assert_eq!(status, 200, "digest of {username}: {digest}");
        self.app.assert_reminders_kept(self.day()).await;
        digest
    }

    pub(super) async fn post(
        &self,
        username: &'static str,
        path: &str,
        body: &Value,
    ) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.post_as(&session, path, body).await).await
    }

    pub(super) async fn put(
        &self,
        username: &'static str,
        path: &str,
        body: &Value,
    ) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.put_as(&session, path, body).await).await
    }

    pub(super) async fn get(&self, username: &'static str, path: &str) -> (u16, Value) {
        let session = self.user(username).await;
        answer(self.app.get_as(&session, path).await).await
    }

    /// `PUT /api/studios/{id}/reports` as `username`.
    pub(super) async fn report(
        &self,
        username: &'static str,
        studio: i64,
        body: &Value,
    ) -> (u16, Value) {
        self.put(username, &format!("/api/studios/{studio}/reports"), body)
            .await
    }

    /// Files the report of `year` of `studio` as `username`, asserting 200; returns the report.
    pub(super) async fn file_report(
        &self,
        username: &'static str,
        studio: i64,
        year: i32,
    ) -> Value {
        let (status, report) = self.report(username, studio, &report(year, true)).await;
        assert_eq!(status, 200, "filing {year} of studio {studio}: {report}");
        report
    }

    /// `POST /api/studios/{id}/changes` as `username`.
    pub(super) async fn request_change(
        &self,
        username: &'static str,
        studio: i64,
        body: &Value,
    ) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/changes"), body)
            .await
    }

    /// Files `body` as a change of `studio` as `username`, asserting 201; returns the change.
    pub(super) async fn change(&self, username: &'static str, studio: i64, body: &Value) -> Value {
        let (status, change) = self.request_change(username, studio, body).await;
        assert_eq!(status, 201, "change of studio {studio}: {change}");
        change
    }

    /// `POST /api/changes/{id}/{step}` (`join` or `decide`) as `username`.
    pub(super) async fn decide(
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
    pub(super) async fn exit(
        &self,
        username: &'static str,
        studio: i64,
        body: &Value,
    ) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/exit"), body)
            .await
    }

    /// `POST /api/studios/{id}/ledger` as `username`.
    pub(super) async fn ledger(
        &self,
        username: &'static str,
        studio: i64,
        body: &Value,
    ) -> (u16, Value) {
        self.post(username, &format!("/api/studios/{studio}/ledger"), body)
            .await
    }

    /// Records `body` on the ledger of `studio`, asserting 201.
    pub(super) async fn record(&self, username: &'static str, studio: i64, body: &Value) {
        let (status, view) = self.ledger(username, studio, body).await;
        assert_eq!(status, 201, "entry {body} on studio {studio}: {view}");
    }

    pub(super) async fn user_id(&self, username: &str) -> i64 {
        let hrss = self.user(HRSS).await;
        self.app.user_id(&hrss, username).await
    }

    pub(super) async fn unit_id(&self, name: &str) -> i64 {
        let hrss = self.user(HRSS).await;
        self.app.scope_id(&hrss, "units", name).await
    }

    pub(super) async fn expert_ids(&self) -> Vec<i64> {
        let mut ids = Vec::new();
        for name in EXPERTS {
            ids.push(self.user_id(name).await);
        }
        ids
    }

    /// `POST /api/panels` as `username`.
    pub(super) async fn form_panel(&self, username: &'static str, body: &Value) -> (u16, Value) {
        self.post(username, "/api/panels", body).await
    }

    /// An assessment panel of zhang (chair), li and wang on `candidates`, formed by `username`,
    /// asserting 201.
    pub(super) async fn assessment_panel(
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

    /// Every expert gives each studio of `panel` its total of `totals` (made of 附件's choices)
    /// and signs, asserting every change and signature was accepted.
    pub(super) async fn score_all(&self, panel: &Value, totals: &[(i64, f64)]) {
        let each: Vec<(i64, [f64; 3])> = totals.iter().map(|(s, t)| (*s, [*t; 3])).collect();
        self.score_each(panel, &each).await;
    }

    /// As [`Scene::score_all`], each expert (zhang, li, wang) giving their own total.
    pub(super) async fn score_each(&self, panel: &Value, totals: &[(i64, [f64; 3])]) {
        let panel_id = panel["id"].as_i64().expect("panel id");
        let (status, view) = self.get(HRSS, &format!("/api/panels/{panel_id}")).await;
        assert_eq!(status, 200, "{view}");
        for (n, name) in EXPERTS.into_iter().enumerate() {
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
                    .map(|(_, t)| t[n])
                    .unwrap_or_else(|| panic!("no total for studio {studio}"));
                for (item, value) in split(level_of(&view, &sheet["candidate_id"]), total) {
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
    pub(super) async fn close(&self, panel: &Value) -> (u16, Value) {
        let panel_id = panel["id"].as_i64().expect("panel id");
        self.post(
            EXPERTS[0],
            &format!("/api/panels/{panel_id}/close"),
            &json!({}),
        )
        .await
    }

    /// [`Scene::score_all`], then the chair closes scoring, asserting 200; the closed panel.
    pub(super) async fn score_and_close(&self, panel: &Value, totals: &[(i64, f64)]) -> Value {
        self.score_all(panel, totals).await;
        let (status, closed) = self.close(panel).await;
        assert_eq!(status, 200, "closing panel {panel}: {closed}");
        closed
    }

    /// An end-of-term panel (HRSS) on `studios`, each scored its total, closed today.
    pub(super) async fn end_of_term(&self, totals: &[(i64, f64)]) -> Value {
        let studios: Vec<i64> = totals.iter().map(|(s, _)| *s).collect();
        let panel = self
            .assessment_panel(HRSS, "end_of_term", None, &studios)
            .await;
        self.score_and_close(&panel, totals).await
    }

    /// A new application of `yc.saishang`'s unit in the 2026 round, dated `day` and typed with no
    /// exit on record; returns its view.
    pub(super) async fn application_dated(&self, day: &str) -> Value {
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
    pub(super) async fn school_application(&self, day: &str, leader_name: &str) -> Value {
        let gy = self.user(GY).await;
        let round = self.app.round_id(&gy, 2026).await;
        let mut typed = facts("school");
        typed["application_date"] = json!(day);
        let mut body = new_application(round, typed);
        body["profile"]["leader_name"] = json!(leader_name);
        // Another person than 马小龙 (who has the identity number of [`qualified_leader`]).
        if leader_name != "马小龙" {
            body["profile"]["leader_id_number"] = json!(
                shared::identity::IdNumber::compose(
                    640402,
                    NaiveDate::from_ymd_opt(1975, 3, 10).expect("a date"),
                    233
                )
                .expect("an id")
                .to_string()
            );
        }
        self.app.create_application(&gy, &body).await
    }

    /// `POST /api/applications/{id}/transition` submitting `view` as `yc.saishang`.
    pub(super) async fn submit(&self, view: &Value) -> (u16, Value) {
        let yc = self.user(YC).await;
        let body = json!({ "action": "submit", "version": version(view) });
        answer(self.app.transition(&yc, id(view), &body).await).await
    }
}

// Bodies and readings.

pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, json(response).await)
}

pub(super) fn life_path(studio: i64) -> String {
    format!("/api/studios/{studio}/life")
}

pub(super) fn list(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
}

/// The kinds of a `reminders` list.
pub(super) fn kinds(reminders: &Value) -> Vec<String> {
    list(reminders)
        .iter()
        .map(|r| r["kind"].as_str().expect("kind").to_owned())
        .collect()
}

/// The reminder of `kind` in a `reminders` list, if any.
pub(super) fn reminder<'a>(reminders: &'a Value, kind: &str) -> Option<&'a Value> {
    list(reminders).iter().find(|r| r["kind"] == kind)
}

/// The items of the reminder of `kind` that link to `studio` (none when there is no such kind).
pub(super) fn items_about(reminders: &Value, kind: &str, studio: i64) -> Vec<Value> {
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
pub(super) fn the_item(reminders: &Value, kind: &str, studio: i64) -> Value {
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
pub(super) fn report(year: i32, submit: bool) -> Value {
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
pub(super) fn qualified_leader() -> Value {
    facts("enterprise")["leader"].clone()
}

/// A 塞上技能大师 and 高级技师: above [`qualified_leader`] in title and skill level.
pub(super) fn stronger_leader() -> Value {
    let mut leader = qualified_leader();
    leader["titles"] = json!(["saishang_skill_master"]);
    leader["skill_level"] = json!("senior_technician");
    leader
}

pub(super) fn leader_change(event_on: &str, name: &str, leader: Value) -> Value {
    let born = leader["birth_date"]
        .as_str()
        .unwrap_or("1975-03-10")
        .to_owned();
    json!({
        "kind": "leader", "event_on": event_on, "cause": "原带头人退休",
        "new_leader_name": name, "new_leader": leader,
        "new_leader_id_number": crate::helpers::id_number(&born), "new_leader_same_unit": true
    })
}

pub(super) fn host_change(event_on: &str, new_unit: i64, mode: &str) -> Value {
    json!({
        "kind": "host", "event_on": event_on, "cause": "带头人调入区内同系统另一单位",
        "new_unit_id": new_unit, "mode": mode
    })
}

pub(super) fn approve() -> Value {
    json!({ "approve": true })
}

pub(super) fn decline(reason: &str) -> Value {
    json!({ "approve": false, "reason": reason })
}

pub(super) fn exit_body(case: &str, decided_on: &str) -> Value {
    json!({
        "case": case, "evidence": "市人社局核查报告（2026）第 7 号",
        "investigation": "经调查核实，情况属实。", "decided_on": decided_on
    })
}

pub(super) fn disbursement(amount: i64, on: &str) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": amount, "occurred_on": on,
        "description": "技能大师工作室建设补助资金", "voucher_no": "宁财社〔2026〕88号",
        "paying_office": "自治区财政厅"
    })
}

pub(super) fn usage(amount: i64, on: &str) -> Value {
    json!({
        "kind": "usage", "amount_fen": amount, "occurred_on": on,
        "purpose": "equipment_and_materials", "description": "购置实训设备"
    })
}

pub(super) fn return_of(amount: i64, on: &str) -> Value {
    json!({
        "kind": "return", "amount_fen": amount, "occurred_on": on,
        "description": "结余资金缴回", "voucher_no": "缴款书 2026-0417"
    })
}

pub(super) fn panel_body(
    purpose: &str,
    year: Option<i32>,
    experts: &[i64],
    candidates: &[i64],
) -> Value {
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

/// 附件's choices for a studio of `level` that add up to `total` points exactly (an assessment sheet
/// takes only those): the first combination found, trying the higher choices first.
pub(super) fn split(level: shared::Level, total: f64) -> Vec<(&'static str, f64)> {
    fn search(
        items: &[(&'static str, Vec<i32>)],
        left: i32,
        out: &mut Vec<(&'static str, i32)>,
    ) -> bool {
        let Some(((key, options), rest)) = items.split_first() else {
            return left == 0;
        };
        let most_after: i32 = rest
            .iter()
            .map(|(_, o)| o.iter().max().copied().unwrap_or(0))
            .sum();
        for v in options {
            if *v > left || left - v > most_after {
                continue;
            }
            out.push((key, *v));
            if search(rest, left - v, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let choices = shared::assessment::choices(level);
    let items: Vec<(&'static str, Vec<i32>)> = shared::scoring::ASSESSMENT_KEYS
        .iter()
        .map(|k| {
            let mut v: Vec<i32> = choices[*k].iter().map(|c| c.value.tenths()).collect();
            v.sort_unstable_by(|a, b| b.cmp(a));
            (*k, v)
        })
        .collect();
    let target = (total * 10.0).round() as i32;
    let mut out = Vec::new();
    assert!(
        search(&items, target, &mut out),
        "no combination of 附件's choices gives {total}"
    );
    out.into_iter()
        .map(|(k, v)| (k, f64::from(v) / 10.0))
        .collect()
}

/// A client change id never used before in this test binary.
pub(super) fn fresh_id(tag: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "life-{tag}-{:08}-tablet",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The level of panel candidate `candidate` (附件's thresholds and so its choices depend on it).
pub(super) fn level_of(panel: &Value, candidate: &Value) -> shared::Level {
    list(&panel["candidates"])
        .iter()
        .find(|c| c["id"] == *candidate)
        .and_then(|c| serde_json::from_value(c["level"].clone()).ok())
        .unwrap_or_else(|| panic!("no level for candidate {candidate} in {panel}"))
}

/// The studio of panel candidate `candidate`.
pub(super) fn studio_of(panel: &Value, candidate: &Value) -> i64 {
    list(&panel["candidates"])
        .iter()
        .find(|c| c["id"] == *candidate)
        .and_then(|c| c["studio_id"].as_i64())
        .unwrap_or_else(|| panic!("no studio for candidate {candidate} in {panel}"))
}

/// The score `shared` computed for `item` of `studio`'s candidacy on `panel`.
pub(super) fn computed(panel: &Value, studio: i64, item: &str) -> Value {
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
pub(super) fn finding(view: &Value, rule: &str) -> Value {
    list(&view["eligibility"]["findings"])
        .iter()
        .find(|f| f["rule"] == rule)
        .cloned()
        .unwrap_or_else(|| panic!("no finding {rule} in {view}"))
}
