//! Applications made easy: facts that pass for each kind of unit, the demo round, and requests that
//! create, edit and move an application, asserting the status where a test only sets the scene.

use super::{Auth, Session, TestApp, json};
use reqwest::Method;
use serde_json::{Value, json};

/// The date every application of the tests is made on: inside the 2026 demo round
/// (2026-01-01..2026-12-31) and the measures' validity.
pub const APPLICATION_DATE: &str = "2026-10-15";

/// The contacts of the demo's enterprises (`demo-users.tsv`), for tests that need many applications
/// in one round (第四章: one per unit and round).
pub const ENTERPRISE_CONTACTS: [&str; 13] = [
    "yc.saishang",
    "nx.hanjie",
    "wz.yibiao",
    "yc.gouqi",
    "wz.fushi",
    "qtx.lvye",
    "wz.tanyang",
    "yc.ningdong",
    "yc.jiuye",
    "szs.cixiu",
    "gy.zhuandiao",
    "gy.jianzhu",
    "zw.lvyou",
];

/// Facts of a regional application at a unit of `kind` (`enterprise`, `school`, `training_base`)
/// that meet every rule: a 51-year-old leader holding a title, and a unit meeting 第十条（二）.
/// A training base still gets "needs manual review" (第三条、第十条（二）).
pub fn facts(kind: &str) -> Value {
    let school = kind == "school";
    json!({
        "level": "regional",
        "national_category": null,
        "application_date": APPLICATION_DATE,
        "leader": {
            "birth_date": "1975-03-10",
            "titles": ["regional_technical_expert"],
            "skill_level": "technician",
            "active_innovation": false, "influential_invention": false,
            "economic_benefit": false, "unique_skills": false, "craft_contribution": false,
            "top_skill": true, "mentoring_experience": true, "healthy": true,
            "can_run_studio": true, "teacher_qualification": school, "integrated_teacher": school,
            "front_line_teaching": school, "enterprise_experience": school, "last_exit_date": null
        },
        "unit": {
            "kind": kind, "employees": 1000, "skilled_employees": 400,
            "talent_policies": true, "funding_and_premises": true, "training_results": true,
            "has_approved_regional_studio": false, "last_exit_date": null
        }
    })
}

/// A valid identity number (GB 11643) of a leader born on `birth` (YYYY-MM-DD), in 金凤区.
pub fn id_number(birth: &str) -> String {
    let day = chrono::NaiveDate::parse_from_str(birth, "%Y-%m-%d").expect("a birth date");
    shared::identity::IdNumber::compose(640106, day, 117)
        .expect("a valid identity number")
        .to_string()
}

/// A complete studio profile (what submitting needs besides the facts), for the leader of
/// [`facts`] (born 1975-03-10).
pub fn profile() -> Value {
    profile_born("1975-03-10")
}

/// As [`profile`], for a leader born on `birth`: the identity number encodes the birth date.
pub fn profile_born(birth: &str) -> Value {
    json!({
        "studio_name": "",
        "leader_name": "李明",
        "leader_id_number": id_number(birth),
        "occupation": "焊工",
        "industry": "装备制造",
        "plan": "三年内培养高级工以上技能人才 20 名，开展技术攻关 3 项。"
    })
}

/// The body of `POST /api/applications`.
pub fn new_application(round_id: i64, facts: Value) -> Value {
    let born = facts["leader"]["birth_date"]
        .as_str()
        .unwrap_or("1975-03-10")
        .to_owned();
    json!({ "round_id": round_id, "facts": facts, "justifications": {}, "profile": profile_born(&born) })
}

/// The `version` of an application view.
pub fn version(view: &Value) -> i64 {
    view["version"]
        .as_i64()
        .unwrap_or_else(|| panic!("no version in {view}"))
}

/// The `id` of an application view.
pub fn id(view: &Value) -> i64 {
    view["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id in {view}"))
}

impl TestApp {
    pub async fn put_as(&self, session: &Session, path: &str, body: &Value) -> reqwest::Response {
        self.send(Method::PUT, path, Auth::Session(session), Some(body))
            .await
    }

    /// The id of the round of `year`, as `session` lists them.
    pub async fn round_id(&self, session: &Session, year: i64) -> i64 {
        let rounds = self
            .read::<shared::api::procedure::ListRounds>(Auth::Session(session), &[])
            .await;
        rounds
            .iter()
            .find(|r| i64::from(r.year) == year)
            .map(|r| i64::from(r.id))
            .unwrap_or_else(|| panic!("no round of {year} among {} rounds", rounds.len()))
    }

    /// The id of the unit or organisation (`kind`: `units` or `orgs`) named `name`.
    pub async fn scope_id(&self, admin: &Session, kind: &str, name: &str) -> i64 {
        let scopes = self
            .read::<shared::api::admin::Scopes>(Auth::Session(admin), &[])
            .await;
        let list = match kind {
            "units" => &scopes.units,
            "orgs" => &scopes.orgs,
            other => panic!("no scope kind {other}"),
        };
        list.iter()
            .find(|s| s.name == name)
            .map(|s| i64::from(s.id))
            .unwrap_or_else(|| panic!("no {kind} named {name}"))
    }

    /// Creates a draft with `body`, asserting 201; returns its view.
    pub async fn create_application(&self, applicant: &Session, body: &Value) -> Value {
        let response = self.post_as(applicant, "/api/applications", body).await;
        let status = response.status().as_u16();
        let view = json(response).await;
        assert_eq!(status, 201, "creating an application failed: {view}");
        view
    }

    /// Creates a draft of the 2026 demo round with passing `facts(kind)`; returns its view.
    pub async fn draft(&self, applicant: &Session, kind: &str) -> Value {
        let round = self.round_id(applicant, 2026).await;
        self.create_application(applicant, &new_application(round, facts(kind)))
            .await
    }

    /// `POST /api/applications/{id}/transition` with `body`.
    pub async fn transition(&self, session: &Session, id: i64, body: &Value) -> reqwest::Response {
        self.post_as(session, &format!("/api/applications/{id}/transition"), body)
            .await
    }

    /// Moves `view` by `action` from its current version with `extra` fields, asserting 200;
    /// returns the new view.
    pub async fn act(&self, session: &Session, view: &Value, action: &str, extra: Value) -> Value {
        let mut body = json!({ "action": action, "version": version(view) });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let response = self.transition(session, id(view), &body).await;
        let status = response.status().as_u16();
        let after = json(response).await;
        assert_eq!(status, 200, "{action} failed: {after}");
        after
    }

    /// Submits `view` as its applicant, asserting 200; returns the new view.
    pub async fn submit(&self, applicant: &Session, view: &Value) -> Value {
        self.act(applicant, view, "submit", json!({})).await
    }

    /// A submitted application of `applicant`'s unit (of `kind`) in the 2026 demo round.
    pub async fn submitted(&self, applicant: &Session, kind: &str) -> Value {
        let draft = self.draft(applicant, kind).await;
        self.submit(applicant, &draft).await
    }

    /// `GET /api/applications/{id}` as `session`.
    pub async fn application(&self, session: &Session, id: i64) -> reqwest::Response {
        self.get_as(session, &format!("/api/applications/{id}"))
            .await
    }
}

/// Attachments: raw uploads (the body is the file itself) and deletes, with the session's cookie and
/// CSRF token as [`Auth`] says.
impl TestApp {
    /// `POST /api/applications/{application}/attachments?kind=…&filename=…` with `bytes` as the
    /// body, declared as `content_type` (no `Content-Type` header when `None`).
    pub async fn upload_as(
        &self,
        auth: Auth<'_>,
        application: i64,
        (kind, filename): (&str, &str),
        content_type: Option<&str>,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!(
                "{}/api/applications/{application}/attachments",
                self.address
            ))
            .query(&[("kind", kind), ("filename", filename)])
            .body(bytes);
        if let Some(content_type) = content_type {
            request = request.header(reqwest::header::CONTENT_TYPE, content_type);
        }
        let (session, csrf) = match auth {
            Auth::Anonymous => (None, None),
            Auth::Session(s) => (Some(s), Some(s.csrf.as_str())),
            Auth::WithoutCsrf(s) => (Some(s), None),
            Auth::WithCsrf(s, token) => (Some(s), Some(token)),
        };
        if let Some(s) = session {
            request = request.header(reqwest::header::COOKIE, &s.cookie);
        }
        if let Some(token) = csrf {
            request = request.header("x-csrf-token", token);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("uploading to application {application} failed: {e}"))
    }

    pub async fn delete_as(&self, session: &Session, path: &str) -> reqwest::Response {
        self.send(Method::DELETE, path, Auth::Session(session), None)
            .await
    }
}

/// The channel's ranked list (第十一条（二）).
impl TestApp {
    /// `POST /api/recommendations` for `round` with `ranked`, decided at a meeting on 2026-10-14.
    pub async fn recommend(
        &self,
        recommender: &Session,
        round: i64,
        ranked: &[i64],
    ) -> reqwest::Response {
        let body = json!({
            "round_id": round,
            "party_meeting_date": "2026-10-14",
            "party_meeting_ref": "推荐单位党组会议纪要〔2026〕12号",
            "ranked": ranked,
        });
        self.post_as(recommender, "/api/recommendations", &body)
            .await
    }

    /// As [`TestApp::recommend`], asserting 201; returns the recommended views in rank order.
    pub async fn recommended(
        &self,
        recommender: &Session,
        round: i64,
        ranked: &[i64],
    ) -> Vec<Value> {
        let response = self.recommend(recommender, round, ranked).await;
        let status = response.status().as_u16();
        let list = json(response).await;
        assert_eq!(status, 201, "the recommendation list was refused: {list}");
        list.as_array()
            .unwrap_or_else(|| panic!("the recommended list is not an array: {list}"))
            .clone()
    }
}
