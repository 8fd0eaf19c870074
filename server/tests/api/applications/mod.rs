//! Rounds and applications (第四章): HRSS opens yearly rounds; an applicant drafts, edits and submits
//! under an optimistic version; the channel (or HRSS for 中央驻宁事业单位) returns or recommends; every
//! move is checked by the shared state machine and recorded in the audit trail. One file per journey:
//! opening a round, drafting and editing, submitting, withdrawing, the channel's return or
//! recommendation, the HRSS-direct channel, versions and conflicts, who sees and moves what, and the
//! audit history.

mod audit_history;
mod drafting_and_editing;
mod hrss_direct_channel;
mod returning_and_recommending;
mod rounds;
mod submitting;
mod versions_and_conflicts;
mod visibility_and_roles;
mod withdrawing;

use crate::helpers::{Session, TestApp, TestClock, facts, id, json, profile_born};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

/// yc.saishang's unit: 银川塞上机床制造有限公司, a local enterprise in 银川.
pub(super) const APPLICANT: &str = "yc.saishang";
/// The channel of yc.saishang's unit: 银川市人社局.
pub(super) const RECOMMENDER: &str = "yc.bureau";
/// Another 银川 enterprise's contact (one application per unit and round).
pub(super) const NEIGHBOUR: &str = "yc.ningdong";
pub(super) const HRSS: &str = "hrss";

pub(super) fn status(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

/// The status and JSON body of a response.
pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = status(&response);
    (status, json(response).await)
}

/// The body of `POST /api/rounds`.
pub(super) fn round(year: i32, opens_on: &str, closes_on: &str) -> Value {
    json!({
        "year": year, "title": format!("{year}年度技能大师工作室申报"),
        "opens_on": opens_on, "closes_on": closes_on,
        "regional_slots": 20, "national_slots": 4
    })
}

/// HRSS opens a round, asserting 201; returns its id.
pub(super) async fn open_round(app: &TestApp, admin: &Session, body: &Value) -> i64 {
    let (status, created) = answer(app.post_as(admin, "/api/rounds", body).await).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().expect("round id")
}

/// Facts of yc.saishang's enterprise with a leader of 58 on the application date (born
/// 1968-01-01): a warning under 第十条（一） that needs a justification.
pub(super) fn over_age_facts() -> Value {
    let mut f = facts("enterprise");
    f["leader"]["birth_date"] = json!("1968-01-01");
    f
}

/// The body of `PUT /api/applications/{id}`.
pub(super) fn edit(version: i64, facts: Value) -> Value {
    let born = facts["leader"]["birth_date"]
        .as_str()
        .unwrap_or("1975-03-10")
        .to_owned();
    json!({ "version": version, "facts": facts, "justifications": {}, "profile": profile_born(&born) })
}

/// The body of a transition.
pub(super) fn move_(action: &str, version: i64) -> Value {
    json!({ "action": action, "version": version })
}

/// The state of application `id` as `session` sees it now.
pub(super) async fn state_of(app: &TestApp, session: &Session, id: i64) -> Value {
    let (status, view) = answer(app.application(session, id).await).await;
    assert_eq!(status, 200, "{view}");
    view["state"].clone()
}

/// The ids of `GET /api/applications{query}` as `session`.
pub(super) async fn listed(app: &TestApp, session: &Session, query: &str) -> Vec<i64> {
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
pub(super) async fn submitted_with_recommender(app: &TestApp) -> (Session, Session, Value) {
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let view = app.submitted(&applicant, "enterprise").await;
    (applicant, recommender, view)
}

/// Moves the clock to `hour:minute` on `date` (`y`, `m`, `d`) in Yinchuan (UTC+8).
pub(super) fn set_yinchuan_time(
    clock: &TestClock,
    (y, m, d): (i32, u32, u32),
    hour: u32,
    minute: u32,
) {
    let at = Utc
        .with_ymd_and_hms(y, m, d, hour, minute, 0)
        .single()
        .expect("a valid instant")
        - chrono::Duration::hours(8);
    clock.advance(at - clock.now());
}
