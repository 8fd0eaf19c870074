//! Hostile input (issue #9): SQL and HTML injection and spreadsheet formulas in every free-text
//! field are stored verbatim and come back inert (as JSON a browser does not sniff, and as CSV cells
//! a spreadsheet does not run); oversized bodies and uploads are refused early; malformed JSON,
//! paths and query strings get a 4xx with the `ErrorBody`, never a 5xx.

use crate::helpers::{
    ENTERPRISE_CONTACTS, Session, TestApp, TestClock, facts, id, json, new_application,
    spawn_app_in_round, spawn_app_with_clock, validation_fields, version,
};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use std::time::Duration;

const HRSS: &str = "hrss";
const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0), recommended by `yc.bureau`.
const YC: &str = "yc.saishang";
const YC_BUREAU: &str = "yc.bureau";
/// Regional, approved 2026-11-16, building; of yc.saishang's unit.
const YC_BUILDING: &str = "马建华加工中心操作工技能大师工作室";
/// The day of the tests on the studio's money and reports: inside the 2026 term of [`YC_BUILDING`].
const DECEMBER_DAY: &str = "2026-12-20";
/// The largest body of a JSON request (`startup::BODY_LIMIT`).
const BODY_LIMIT: usize = 256 * 1024;
/// The largest attachment (`shared::procedure::ATTACHMENT_MAX_BYTES`).
const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;
const MIB: usize = 1024 * 1024;

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
fn payloads() -> Vec<String> {
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
type Field = (&'static str, usize);

/// The fields of `fields` that `text` is too long for, sorted: a 422 must name exactly these.
fn too_long_for(text: &str, fields: &[Field]) -> Vec<String> {
    let n = text.chars().count();
    let mut names: Vec<String> = fields
        .iter()
        .filter(|(_, max)| n > *max)
        .map(|(name, _)| (*name).to_owned())
        .collect();
    names.sort();
    names
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

/// `text` if `field` is not among `refused`, else `plain`.
fn unless_refused(field: &str, refused: &[String], text: &str, plain: &str) -> Value {
    if refused.iter().any(|r| r == field) {
        json!(plain)
    } else {
        json!(text)
    }
}

/// The first 40 characters of a payload, for failure messages.
fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

// Reading answers

/// The status and JSON body of a response, asserting it is served as JSON that no browser sniffs
/// as HTML: a stored `<script>` comes back as data.
async fn answer(response: reqwest::Response) -> (u16, Value) {
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
async fn refused(response: reqwest::Response) -> (u16, Value) {
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
async fn studio_count(app: &TestApp, hrss: &Session) -> usize {
    let (status, list) = answer(app.get_as(hrss, "/api/studios").await).await;
    assert_eq!(status, 200, "the studio list failed: {list}");
    list["studios"]
        .as_array()
        .unwrap_or_else(|| panic!("studios is not an array: {list}"))
        .len()
}

/// The id of the studio named `name`, as HRSS lists them.
async fn studio_id(app: &TestApp, hrss: &Session, name: &str) -> i64 {
    app.all_studios(hrss)
        .await
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_i64())
        .unwrap_or_else(|| panic!("no studio named {name}"))
}

/// Moves the clock to 09:00 of `day` in Yinchuan (sessions idle out: sign in again).
fn today_is(clock: &TestClock, day: &str) {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a YYYY-MM-DD day");
    let nine_in_yinchuan = Utc.from_utc_datetime(&date.and_hms_opt(1, 0, 0).expect("a time"));
    clock.advance(nine_in_yinchuan - clock.now());
}

// 1. Free text is stored verbatim

/// The texts of an application and their limits (`shared::application`).
const APPLICATION_FIELDS: [Field; 6] = [
    ("profile.studio_name", 64),
    ("profile.leader_name", 64),
    ("profile.occupation", 64),
    ("profile.industry", 64),
    ("profile.plan", 5000),
    ("justifications.leader.age", 2000),
];

/// A draft of `round` whose every free text is `text`, except the `refused` fields, which are
/// ordinary. The justification map is keyed by `text` too.
fn hostile_application(round: i64, text: &str, refused: &[String]) -> Value {
    let mut body = new_application(round, facts("enterprise"));
    for (field, plain) in [
        ("studio_name", "李明技能大师工作室"),
        ("leader_name", "李明"),
        ("occupation", "焊工"),
        ("industry", "装备制造"),
        ("plan", "三年内培养高级工以上技能人才 20 名。"),
    ] {
        body["profile"][field] = unless_refused(&format!("profile.{field}"), refused, text, plain);
    }
    let justification = unless_refused("justifications.leader.age", refused, text, "年龄说明");
    body["justifications"] = json!({ "leader.age": justification, text: "另附说明" });
    body
}

#[tokio::test]
async fn an_applications_profile_and_justifications_are_stored_verbatim() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = app.round_id(&hrss, 2026).await;
    let studios = studio_count(&app, &hrss).await;

    // One application per unit and round: each payload from another enterprise.
    for (text, contact) in payloads().into_iter().zip(ENTERPRISE_CONTACTS) {
        let yc = app.login(contact).await;
        let refused_fields = too_long_for(&text, &APPLICATION_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_application(round, &text, &[]);
            let response = app.post_as(&yc, "/api/applications", &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_application(round, &text, &refused_fields);

        // Act
        let created = app.create_application(&yc, &sent).await;
        let (status, read) = answer(app.application(&yc, id(&created)).await).await;

        // Assert: every text as sent; the identity number is shown masked (and stored whole).
        assert_eq!(status, 200, "{read}");
        let mut shown = sent["profile"].clone();
        shown["leader_id_number"] = json!(shared::identity::mask_id(
            sent["profile"]["leader_id_number"]
                .as_str()
                .unwrap_or_default()
        ));
        assert_eq!(created["profile"], shown, "{}", short(&text));
        assert_eq!(read["profile"], shown, "{}", short(&text));
        assert_eq!(
            read["justifications"],
            sent["justifications"],
            "{}",
            short(&text)
        );
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

/// The board's CSV cells of `text`: a cell a spreadsheet would run as a formula gets a leading `'`.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The rows of an RFC 4180 CSV (quoted cells, `""` for a quote, CRLF between records).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[tokio::test]
async fn the_board_and_its_csv_export_keep_hostile_profiles_verbatim_and_inert() {
    // Arrange: one submitted application per payload short enough for a name, whose studio,
    // leader and occupation are all that payload.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = app.round_id(&hrss, 2026).await;
    let mut submitted = Vec::new();
    let short = payloads().into_iter().filter(|t| t.chars().count() <= 64);
    for (text, contact) in short.zip(ENTERPRISE_CONTACTS) {
        let yc = app.login(contact).await;
        let mut body = new_application(round, facts("enterprise"));
        for field in ["studio_name", "leader_name", "occupation"] {
            body["profile"][field] = json!(text);
        }
        let draft = app.create_application(&yc, &body).await;
        let view = app.submit(&yc, &draft).await;
        submitted.push((id(&view), text));
    }

    // Act
    let (status, board) = answer(
        app.get_as(&hrss, &format!("/api/board?round_id={round}&per_page=200"))
            .await,
    )
    .await;
    let export = app
        .get_as(
            &hrss,
            &format!("/api/board/export?format=csv&round_id={round}&sort=id"),
        )
        .await;
    let export_status = export.status().as_u16();
    let raw = export.text().await.expect("no CSV body");

    // Assert: the board's JSON carries the texts as sent.
    assert_eq!(status, 200, "{board}");
    let rows = board["rows"].as_array().expect("rows is not an array");
    for (application, text) in &submitted {
        let row = rows
            .iter()
            .find(|r| r["id"] == *application)
            .unwrap_or_else(|| panic!("application {application} is not on the board"));
        for field in ["studio_name", "leader_name", "occupation"] {
            assert_eq!(row[field], json!(text), "{field} of {row}");
        }
    }
    // The CSV: every formula-led cell starts with `'`; the rest are as sent.
    assert_eq!(export_status, 200, "{raw}");
    let csv = parse_csv(raw.strip_prefix('\u{FEFF}').expect("no byte-order mark"));
    for (application, text) in &submitted {
        let line = csv
            .iter()
            .find(|r| r.first() == Some(&application.to_string()))
            .unwrap_or_else(|| panic!("application {application} is not in the CSV: {raw}"));
        assert_eq!(line.len(), 14, "{line:?}");
        assert_eq!(
            line[6..9],
            [inert(text), inert(text), inert(text)],
            "{line:?}"
        );
    }
    for cell in csv.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "a cell a spreadsheet would run: {cell:?}"
        );
    }
    assert!(
        raw.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","),
        "the formula with quotes and a comma is not one quoted, inert cell: {raw}"
    );
    assert!(
        raw.contains(",'+cmd|'/c calc'!A1,"),
        "the DDE cell is not inert: {raw}"
    );
    assert!(studio_count(&app, &hrss).await > 0);
}

/// Submits `body` as `applicant`, asserting it is accepted; returns the submitted view.
async fn submitted_with(app: &TestApp, applicant: &Session, body: &Value) -> Value {
    let draft = app.create_application(applicant, body).await;
    app.submit(applicant, &draft).await
}

/// A notice from 2026-10-15 to 2026-10-21 (the clock's day is 2026-10-15) proposing one studio
/// whose profile is `profile`: yc.saishang's and yc.ningdong's applications of a 1-slot 2027 round were
/// recommended, defended and inspected, and that one passed. Returns the notice and the
/// application.
async fn running_notice(app: &TestApp, hrss: &Session, profile: Value) -> (i64, i64) {
    let round = json!({
        "year": 2027, "title": "2027年度技能大师工作室申报（提前受理）",
        "opens_on": "2026-10-01", "closes_on": "2027-12-31",
        "regional_slots": 1, "national_slots": 0
    });
    let (status, round) = answer(app.post_as(hrss, "/api/rounds", &round).await).await;
    assert_eq!(status, 201, "{round}");
    let round = round["id"].as_i64().expect("round id");
    let yc = app.login(YC).await;
    let mut proposed = new_application(round, facts("enterprise"));
    proposed["profile"] = profile;
    let proposed = id(&submitted_with(app, &yc, &proposed).await);
    let other = new_application(round, facts("enterprise"));
    let other = id(&submitted_with(app, &app.login("yc.ningdong").await, &other).await);
    let ranked = app
        .recommended(&app.login(YC_BUREAU).await, round, &[proposed, other])
        .await;
    for (view, points) in ranked.iter().zip([88.5, 79.0]) {
        let started = app.act(hrss, view, "start_defense", json!({})).await;
        let score = json!({ "version": version(&started), "score": points });
        let path = format!("/api/applications/{}/defense-score", id(&started));
        let (status, scored) = answer(app.post_as(hrss, &path, &score).await).await;
        assert_eq!(status, 200, "{scored}");
    }
    let inspection = json!({ "level": "regional", "candidates": [proposed, other] });
    let path = format!("/api/rounds/{round}/inspection");
    let (status, list) = answer(app.post_as(hrss, &path, &inspection).await).await;
    assert_eq!(status, 200, "{list}");
    let (_, view) = answer(app.application(hrss, proposed).await).await;
    let result = json!({ "version": version(&view), "passed": true, "notes": "" });
    let path = format!("/api/applications/{proposed}/inspection-result");
    let (status, inspected) = answer(app.post_as(hrss, &path, &result).await).await;
    assert_eq!(status, 200, "{inspected}");
    let notice = json!({ "starts_on": "2026-10-15", "applications": [proposed] });
    let path = format!("/api/rounds/{round}/notices");
    let (status, notice) = answer(app.post_as(hrss, &path, &notice).await).await;
    assert_eq!(status, 201, "{notice}");
    (notice["id"].as_i64().expect("notice id"), proposed)
}

/// A studio profile of HTML, SQL and formulas that still may be submitted.
fn hostile_profile() -> Value {
    json!({
        "studio_name": "<script>alert(1)</script>",
        "leader_name": "<img src=x onerror=alert(1)>",
        "occupation": "=HYPERLINK(\"http://evil\",\"x\")",
        "industry": "${jndi:ldap://x}",
        "plan": "'); DROP TABLE studio; --",
        "leader_id_number": crate::helpers::id_number("1975-03-10")
    })
}

/// The texts of a public objection and their limits (`shared::procedure::NewObjection`).
const OBJECTION_FIELDS: [Field; 3] = [("name", 64), ("contact", 128), ("text", 5000)];

fn hostile_objection(notice: i64, application: i64, text: &str, refused: &[String]) -> Value {
    json!({
        "notice_id": notice, "application_id": application,
        "name": unless_refused("name", refused, text, "张三"),
        "contact": unless_refused("contact", refused, text, "13909510000"),
        "text": unless_refused("text", refused, text, "该工作室领办人长期不在生产一线。"),
    })
}

#[tokio::test]
async fn the_public_notice_and_its_objections_keep_hostile_text_verbatim() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studios = studio_count(&app, &hrss).await;
    let (notice, proposed) = running_notice(&app, &hrss, hostile_profile()).await;
    let mut filed = Vec::new();

    for text in payloads() {
        let refused_fields = too_long_for(&text, &OBJECTION_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_objection(notice, proposed, &text, &[]);
            let response = app.post_json("/api/public/objections", &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_objection(notice, proposed, &text, &refused_fields);

        // Act
        let (status, receipt) = answer(app.post_json("/api/public/objections", &sent).await).await;

        // Assert
        assert_eq!(status, 201, "{}: {receipt}", short(&text));
        filed.push((receipt["id"].as_i64().expect("objection id"), sent));
        // One address files at most 5 objections an hour.
        clock.advance(chrono::Duration::minutes(13));
    }
    let hrss = app.login(HRSS).await;
    let (status, objections) = answer(app.get_as(&hrss, "/api/objections").await).await;
    assert_eq!(status, 200, "{objections}");
    let objections = objections.as_array().expect("not an array");
    for (objection, sent) in &filed {
        let read = objections
            .iter()
            .find(|o| o["id"] == *objection)
            .unwrap_or_else(|| panic!("objection {objection} is not listed"));
        for field in ["name", "contact", "text"] {
            assert_eq!(read[field], sent[field], "{field} of {read}");
        }
    }
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    let entry = &public[0]["entries"][0];
    assert_eq!(entry["application_id"], proposed, "{public}");
    for field in ["studio_name", "leader_name", "occupation"] {
        assert_eq!(entry[field], hostile_profile()[field], "{field} of {entry}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

/// The texts of a disbursement and their limits (`shared::ledger::NewEntry`).
const LEDGER_FIELDS: [Field; 3] = [
    ("description", 1000),
    ("voucher_no", 64),
    ("paying_office", 64),
];

fn hostile_disbursement(text: &str, refused: &[String]) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": 100, "occurred_on": DECEMBER_DAY,
        "purpose": null, "reverses": null,
        "description": unless_refused("description", refused, text, "技能大师工作室建设补助资金"),
        "voucher_no": unless_refused("voucher_no", refused, text, "宁财社〔2026〕88号"),
        "paying_office": unless_refused("paying_office", refused, text, "自治区财政厅"),
    })
}

#[tokio::test]
async fn a_ledger_entrys_texts_are_stored_verbatim() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    today_is(&clock, DECEMBER_DAY);
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_BUILDING).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/studios/{studio}/ledger");

    for text in payloads() {
        let refused_fields = too_long_for(&text, &LEDGER_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_disbursement(&text, &[]);
            let response = app.post_as(&finance, &path, &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_disbursement(&text, &refused_fields);

        // Act
        let (status, after) = answer(app.post_as(&finance, &path, &sent).await).await;
        let (read_status, ledger) = answer(app.get_as(&hrss, &path).await).await;

        // Assert
        assert_eq!(status, 201, "{}: {after}", short(&text));
        assert_eq!(read_status, 200, "{ledger}");
        let newest = ledger["entries"]
            .as_array()
            .expect("entries is not an array")
            .iter()
            .max_by_key(|e| e["id"].as_i64())
            .unwrap_or_else(|| panic!("no entries in {ledger}"))
            .clone();
        for (field, _) in LEDGER_FIELDS {
            assert_eq!(newest[field], sent[field], "{field} of {newest}");
        }
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

/// The texts of an annual report and their limits (`shared::life::report`).
const REPORT_FIELDS: [Field; 5] = [
    ("summary", 20_000),
    ("plan", 20_000),
    ("figures.media_evidence", 2_000),
    ("figures.lectures[0].topic", 200),
    ("figures.trainees[0].name", 64),
];

/// A draft report of 2026 whose texts are `text`, except the `refused` ones.
fn hostile_report(text: &str, refused: &[String]) -> Value {
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

#[tokio::test]
async fn an_annual_reports_texts_are_stored_verbatim() {
    // Arrange: the unit's applicant drafts the 2026 report of its building studio.
    let (app, clock) = spawn_app_with_clock().await;
    today_is(&clock, DECEMBER_DAY);
    let hrss = app.login(HRSS).await;
    let yc = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_BUILDING).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/studios/{studio}/reports");

    for text in payloads() {
        let refused_fields = too_long_for(&text, &REPORT_FIELDS);
        if !refused_fields.is_empty() {
            let response = app.put_as(&yc, &path, &hostile_report(&text, &[])).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_report(&text, &refused_fields);

        // Act
        let (status, saved) = answer(app.put_as(&yc, &path, &sent).await).await;
        let life_path = format!("/api/studios/{studio}/life");
        let (read_status, life) = answer(app.get_as(&hrss, &life_path).await).await;

        // Assert
        assert_eq!(status, 200, "{}: {saved}", short(&text));
        assert_eq!(read_status, 200, "{life}");
        let read = &life["reports"][0];
        for report in [&saved, read] {
            assert_eq!(report["summary"], sent["summary"], "{}", short(&text));
            assert_eq!(report["plan"], sent["plan"], "{}", short(&text));
            assert_eq!(report["figures"], sent["figures"], "{}", short(&text));
        }
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_users_display_name_is_stored_verbatim() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let user = app.user_id(&hrss, YC).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/admin/users/{user}");

    for text in payloads() {
        let body = json!({ "display_name": text });
        if text.chars().count() > 64 {
            // Act & Assert: too long, refused naming the field.
            let response = app.patch_as(&hrss, &path, &body).await;
            assert_eq!(validation_fields(response).await, ["display_name"]);
            continue;
        }

        // Act
        let (status, updated) = answer(app.patch_as(&hrss, &path, &body).await).await;
        let (_, users) = answer(app.get_as(&hrss, "/api/admin/users").await).await;
        let (_, me) = answer(app.get_as(&app.login(YC).await, "/api/auth/me").await).await;

        // Assert
        assert_eq!(status, 200, "{}: {updated}", short(&text));
        assert_eq!(updated["display_name"], json!(text), "{updated}");
        let listed = users
            .as_array()
            .expect("not an array")
            .iter()
            .find(|u| u["id"] == user)
            .unwrap_or_else(|| panic!("user {user} not listed"));
        assert_eq!(listed["display_name"], json!(text), "{listed}");
        assert_eq!(me["user"]["display_name"], json!(text), "{me}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_nul_character_in_free_text_is_refused_naming_the_field() {
    // Arrange: PostgreSQL cannot store NUL in text, so no database ever gets it: 422 on both.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let yc = app.login(YC).await;
    let user = app.user_id(&hrss, YC).await;
    let round = app.round_id(&yc, 2026).await;
    let text = "张\u{0}三";
    let mut application = new_application(round, facts("enterprise"));
    application["profile"]["plan"] = json!(text);

    // Act
    let renamed = app
        .patch_as(
            &hrss,
            &format!("/api/admin/users/{user}"),
            &json!({ "display_name": text }),
        )
        .await;
    let drafted = app.post_as(&yc, "/api/applications", &application).await;

    // Assert
    for (response, field) in [(renamed, "display_name"), (drafted, "profile.plan")] {
        let status = response.status().as_u16();
        let body = json(response).await;
        assert_eq!(status, 422, "{field}: {body}");
        assert_eq!(body["code"], "validation", "{body}");
        assert_eq!(body["fields"][0]["field"], field, "{body}");
    }
    let searched = app
        .get_as(&hrss, "/api/board?round_id=1&q=%E5%BC%A0%00")
        .await;
    assert_eq!(searched.status().as_u16(), 422);
    assert_eq!(json(searched).await["fields"][0]["field"], "q");
}

// 2. Bodies

/// A valid eligibility request padded with a `padding` string to at least `len` bytes.
fn padded_facts(len: usize) -> String {
    let facts = facts("enterprise").to_string();
    format!("{{\"padding\":\"{}\",{}", "x".repeat(len), &facts[1..])
}

#[tokio::test]
async fn a_3_mib_json_body_is_refused_as_too_large() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let body = padded_facts(3 * MIB);

    // Act
    let response = app.post_raw("/api/rules/eligibility", body).await;

    // Assert
    let (status, error) = refused(response).await;
    assert_eq!(status, 413, "{error}");
    assert_eq!(error["code"], "payload_too_large", "{error}");
}

/// The status line, headers and body of a raw HTTP/1.1 answer.
struct RawAnswer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// Sends a POST whose head declares a body of `declared` bytes but only the first `sent` of them
/// (spaces), then waits up to 10 s for the answer: only a server that refuses a body before reading
/// it all can answer, as the rest never comes.
async fn answer_to_a_partial_body(
    app: &TestApp,
    target: &str,
    headers: &[(&str, &str)],
    declared: usize,
    sent: usize,
) -> RawAnswer {
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut head = format!(
        "POST {target} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {declared}\r\nConnection: close\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&address).expect("cannot connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("cannot set a timeout");
        stream
            .write_all(head.as_bytes())
            .expect("cannot send the head");
        // The server may stop reading once it has refused: later writes may fail.
        let _ = stream.write_all(&vec![b' '; sent]);
        let mut received = Vec::new();
        let mut chunk = [0_u8; 16 * 1024];
        loop {
            if let Some(answer) = complete_answer(&received) {
                return answer;
            }
            match stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
                Err(e) => panic!(
                    "no complete answer ({e}) after {} bytes: {}",
                    received.len(),
                    String::from_utf8_lossy(&received)
                ),
            }
        }
        complete_answer(&received).unwrap_or_else(|| {
            panic!(
                "the connection closed without a complete answer: {}",
                String::from_utf8_lossy(&received)
            )
        })
    })
    .await
    .expect("the raw request panicked")
}

/// The answer in `received` once its head and `Content-Length` bytes of body have arrived.
fn complete_answer(received: &[u8]) -> Option<RawAnswer> {
    let end = received.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&received[..end]).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let body = received.get(end + 4..end + 4 + length)?.to_vec();
    Some(RawAnswer { status, head, body })
}

impl RawAnswer {
    /// Asserts a 413.
    fn assert_too_large(&self) {
        let text = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, 413, "{}\r\n\r\n{text}", self.head);
    }

    /// Asserts the `ErrorBody` of code `payload_too_large`.
    fn assert_too_large_error_body(&self) {
        let text = String::from_utf8_lossy(&self.body);
        let body: Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("a 413 without the ErrorBody ({e}): {text}"));
        assert_eq!(body["code"], "payload_too_large", "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn a_json_body_over_the_limit_is_refused_before_it_is_all_sent() {
    // Arrange: 3 MiB announced, a little over 256 KiB sent.
    let (app, _clock) = spawn_app_in_round().await;

    // Act
    let answer = answer_to_a_partial_body(
        &app,
        "/api/rules/eligibility",
        &[("Content-Type", "application/json")],
        3 * MIB,
        BODY_LIMIT + 4096,
    )
    .await;

    // Assert
    answer.assert_too_large();
    answer.assert_too_large_error_body();
}

#[tokio::test]
async fn an_upload_over_10_mb_is_refused_as_too_large() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;
    let draft = id(&app.draft(&yc, "enterprise").await);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(11 * MIB, b' ');

    // Act
    let response = app
        .upload_as(
            crate::helpers::Auth::Session(&yc),
            draft,
            ("other", "big.pdf"),
            Some("application/pdf"),
            pdf,
        )
        .await;

    // Assert
    let (status, error) = refused(response).await;
    assert_eq!(status, 413, "{error}");
    assert_eq!(error["code"], "payload_too_large", "{error}");
    let (_, files) = answer(
        app.get_as(&yc, &format!("/api/applications/{draft}/attachments"))
            .await,
    )
    .await;
    assert_eq!(files, json!([]), "the oversized file was stored");
}

#[tokio::test]
async fn an_upload_over_10_mb_is_refused_before_it_is_all_sent() {
    // Arrange: 50 MiB announced, a little over 10 MiB sent.
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;
    let draft = id(&app.draft(&yc, "enterprise").await);
    let target = format!("/api/applications/{draft}/attachments?kind=other&filename=big.pdf");

    // Act
    let answer = answer_to_a_partial_body(
        &app,
        &target,
        &[
            ("Content-Type", "application/pdf"),
            ("Cookie", &yc.cookie),
            ("X-CSRF-Token", &yc.csrf),
        ],
        50 * MIB,
        ATTACHMENT_MAX + 64 * 1024,
    )
    .await;

    // Assert
    answer.assert_too_large();
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_bad_request() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;

    for body in [
        "level=regional&unit.employees=1000",
        "<xml><level>regional</level></xml>",
        "{\"level\": \"regional\",",
        "{'level': 'regional'}",
        "{\"level\": NaN}",
        "{} trailing",
    ] {
        // Act
        let anonymous = app.post_raw("/api/rules/eligibility", body).await;
        let signed_in = app
            .client
            .post(format!("{}/api/applications", app.address))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::COOKIE, &yc.cookie)
            .header("x-csrf-token", &yc.csrf)
            .body(body)
            .send()
            .await
            .expect("POST /api/applications failed");

        // Assert
        for response in [anonymous, signed_in] {
            let (status, error) = refused(response).await;
            assert_eq!((status, error["code"].clone()), (400, json!("bad_request")));
        }
    }
}

/// `facts("enterprise")` with the value at JSON pointer `pointer` replaced.
fn facts_with(pointer: &str, value: Value) -> Value {
    let mut body = facts("enterprise");
    *body
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the facts")) = value;
    body
}

#[tokio::test]
async fn json_of_the_wrong_types_is_refused_naming_the_field() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let cases = [
        ("/unit/employees", json!("many"), "unit.employees"),
        ("/unit/employees", json!(null), "unit.employees"),
        ("/unit/employees", json!(1.5), "unit.employees"),
        ("/level", json!(7), "level"),
        ("/level", json!("' OR 1=1 --"), "level"),
        ("/leader/titles", json!("all"), "leader.titles"),
        ("/leader/titles", json!(["<script>"]), "leader.titles[0]"),
        (
            "/leader/birth_date",
            json!("'); DROP TABLE studio; --"),
            "leader.birth_date",
        ),
        ("/application_date", json!("2026-02-30"), "application_date"),
        ("/unit/kind", json!({ "$ne": null }), "unit.kind"),
        ("/leader/healthy", json!("true"), "leader.healthy"),
    ];

    for (pointer, value, field) in cases {
        // Act
        let response = app
            .post_json(
                "/api/rules/eligibility",
                &facts_with(pointer, value.clone()),
            )
            .await;

        // Assert
        assert_eq!(
            validation_fields(response).await,
            [field],
            "{pointer} = {value}"
        );
    }
}

#[tokio::test]
async fn wrong_types_in_signed_in_requests_are_refused_naming_the_field() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    today_is(&clock, DECEMBER_DAY);
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let yc = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_BUILDING).await;
    let user = app.user_id(&hrss, YC).await;
    let ledger = format!("/api/studios/{studio}/ledger");
    let entry = json!({
        "kind": "disbursement", "amount_fen": "lots", "occurred_on": DECEMBER_DAY,
        "description": "补助", "voucher_no": "宁财社〔2026〕88号", "paying_office": "自治区财政厅"
    });
    let mut report = hostile_report("总结", &[]);
    report["year"] = json!("2026 OR 1=1");
    let objection = json!({
        "notice_id": "1 OR 1=1", "name": "张三", "contact": "13909510000", "text": "异议"
    });

    // Act
    let entry = app.post_as(&finance, &ledger, &entry).await;
    let report = app
        .put_as(&yc, &format!("/api/studios/{studio}/reports"), &report)
        .await;
    let rename = app
        .patch_as(
            &hrss,
            &format!("/api/admin/users/{user}"),
            &json!({ "display_name": 42 }),
        )
        .await;
    let objection = app.post_json("/api/public/objections", &objection).await;

    // Assert
    assert_eq!(validation_fields(entry).await, ["amount_fen"]);
    assert_eq!(validation_fields(report).await, ["year"]);
    assert_eq!(validation_fields(rename).await, ["display_name"]);
    assert_eq!(validation_fields(objection).await, ["notice_id"]);
}

/// Bodies of JSON (or nearly) meant to break a parser: none may yield a 5xx.
fn hostile_json_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let depth = 10_000;
    vec![
        ("10,000 unclosed [", "[".repeat(depth).into_bytes()),
        (
            "10,000 nested arrays",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes(),
        ),
        (
            "10,000 nested objects",
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)).into_bytes(),
        ),
        (
            "nested facts",
            format!(
                "{{\"level\":{}\"regional\"{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            )
            .into_bytes(),
        ),
        (
            "a duplicate key",
            br#"{"level":"regional","level":"national"}"#.to_vec(),
        ),
        ("a lone surrogate", br#"{"name":"\ud800"}"#.to_vec()),
        ("invalid UTF-8", b"{\"name\":\"\xff\xfe\"}".to_vec()),
        ("a byte-order mark", b"\xEF\xBB\xBF{}".to_vec()),
        (
            "a huge exponent",
            br#"{"unit":{"employees":1e99999}}"#.to_vec(),
        ),
        (
            "a number beyond u64",
            br#"{"unit":{"employees":184467440737095516160}}"#.to_vec(),
        ),
        ("null", b"null".to_vec()),
        ("an array", b"[]".to_vec()),
        ("a string", br#""' OR 1=1 --""#.to_vec()),
        ("an empty object", b"{}".to_vec()),
        ("an empty body", Vec::new()),
    ]
}

#[tokio::test]
async fn hostile_json_is_a_4xx_with_the_error_body_never_a_5xx() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;
    let hrss = app.login(HRSS).await;
    let user = app.user_id(&hrss, YC).await;
    let (_, before) = answer(app.get_as(&yc, "/api/auth/me").await).await;
    let signed_in = |method: reqwest::Method, path: String, session: &Session, body: Vec<u8>| {
        app.client
            .request(method, format!("{}{path}", app.address))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::COOKIE, &session.cookie)
            .header("x-csrf-token", &session.csrf)
            .body(body)
            .send()
    };

    for (what, body) in hostile_json_bodies() {
        // Act
        // A PATCH ignores fields it does not know: a JSON object without any is a change of nothing.
        let responses = [
            (
                "POST /api/rules/eligibility",
                false,
                app.post_raw("/api/rules/eligibility", body.clone()).await,
            ),
            (
                "POST /api/public/objections",
                false,
                app.post_raw("/api/public/objections", body.clone()).await,
            ),
            (
                "POST /api/applications",
                false,
                signed_in(
                    reqwest::Method::POST,
                    "/api/applications".into(),
                    &yc,
                    body.clone(),
                )
                .await
                .expect("POST /api/applications failed"),
            ),
            (
                "PATCH /api/admin/users/{id}",
                true,
                signed_in(
                    reqwest::Method::PATCH,
                    format!("/api/admin/users/{user}"),
                    &hrss,
                    body.clone(),
                )
                .await
                .expect("PATCH /api/admin/users failed"),
            ),
        ];

        // Assert
        for (request, may_change_nothing, response) in responses {
            let status = response.status().as_u16();
            let text = response.text().await.expect("no body");
            if may_change_nothing && status == 200 {
                continue;
            }
            assert!(
                (400..500).contains(&status),
                "{request} with {what}: {status}: {text}"
            );
            let error: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{request} with {what}: no ErrorBody ({e}): {text}"));
            assert!(
                error["code"].as_str().is_some() && error["message"].as_str().is_some(),
                "{request} with {what}: {error}"
            );
        }
    }
    // The user survived the PATCHes unchanged.
    let (_, after) = answer(app.get_as(&app.login(YC).await, "/api/auth/me").await).await;
    assert_eq!(after["user"], before["user"]);
}

// 3. Paths and query strings

#[tokio::test]
async fn hostile_paths_and_queries_are_a_4xx_with_the_error_body() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studios = studio_count(&app, &hrss).await;
    let not_found: [&str; 9] = [
        "/api/studios/1%27%20OR%201=1",
        "/api/studios/99999999999999999999",
        "/api/studios/2147483648",
        "/api/studios/-1",
        "/api/studios/1;DROP%20TABLE%20studio",
        "/api/studios/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/studios/%F0%9F%98%80",
        "/api/applications/1%20OR%201=1/history",
        "/api/studios/1%27%20OR%201=1/ledger",
    ];
    let invalid: [(&str, &str); 8] = [
        (
            "/api/board?sort=id;DROP%20TABLE%20application&round_id=1",
            "sort",
        ),
        ("/api/board?round_id=1%20OR%201=1", "round_id"),
        ("/api/board?dir=asc;--", "dir"),
        ("/api/board?page=99999999999999999999", "page"),
        ("/api/dashboard?year=abc", "year"),
        ("/api/dashboard?year=99999999999", "year"),
        ("/api/studios?city=%27%20OR%201=1", "city"),
        ("/api/board/export?format=csv;rm%20-rf", "format"),
    ];

    for path in not_found {
        // Act
        let (status, error) = refused(app.get_as(&hrss, path).await).await;

        // Assert
        assert_eq!(status, 404, "{path}: {error}");
        assert_eq!(error["code"], "not_found", "{path}: {error}");
    }
    for (path, field) in invalid {
        // Act
        let response = app.get_as(&hrss, path).await;

        // Assert
        assert_eq!(validation_fields(response).await, [field], "{path}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_search_or_filter_of_sql_matches_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    app.submitted(&app.login(YC).await, "enterprise").await;

    for path in [
        "/api/board?q=%27%20OR%201=1%20--",
        "/api/board?q=%25%27%20OR%20%27%25%27=%27",
        "/api/board?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/admin/audit?object_type=%27%20OR%201=1%20--",
        "/api/admin/audit?object_id=1%20OR%201=1",
    ] {
        // Act
        let (status, body) = answer(app.get_as(&hrss, path).await).await;

        // Assert
        assert_eq!(status, 200, "{path}: {body}");
        let rows = body
            .get("rows")
            .unwrap_or(&body)
            .as_array()
            .unwrap_or_else(|| panic!("{path}: no list in {body}"));
        assert!(rows.is_empty(), "{path} matched: {body}");
    }
}

#[tokio::test]
async fn a_page_far_beyond_the_last_is_empty_or_refused_never_a_server_error() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    for query in [
        "page=18446744073709551615",
        "page=18446744073709551615&per_page=200",
        "page=9223372036854775807&per_page=1",
        "page=9223372036854775808&per_page=1",
    ] {
        // Act
        let response = app
            .client
            .get(format!("{}/api/board?{query}", app.address))
            .header(reqwest::header::COOKIE, &hrss.cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("?{query}: the server dropped the connection: {e}"));

        // Assert
        let (status, body) = answer(response).await;
        match status {
            200 => assert_eq!(body["rows"], json!([]), "?{query}: {body}"),
            422 => assert_eq!(body["fields"][0]["field"], "page", "?{query}: {body}"),
            _ => panic!("?{query}: {status}: {body}"),
        }
    }
}

#[tokio::test]
async fn a_year_no_date_can_have_lists_no_studio() {
    // Arrange: chrono's dates end in 262143; no studio was approved after that.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    for path in [
        "/api/studios?year=999999",
        "/api/public/studios?year=999999",
        "/api/studios?year=-2147483648",
        "/api/public/studios?year=2147483647",
    ] {
        // Act
        let (status, body) = answer(app.get_as(&hrss, path).await).await;

        // Assert
        match status {
            200 => assert_eq!(body["studios"], json!([]), "{path}: {body}"),
            422 => assert_eq!(body["fields"][0]["field"], "year", "{path}: {body}"),
            _ => panic!("{path}: {status}: {body}"),
        }
    }
}

/// Every `$ref` in the OpenAPI document resolves, so clients and property testers can read it
/// (schemathesis found two query enums referenced but never defined).
#[tokio::test]
async fn every_reference_in_the_openapi_document_resolves() {
    // Arrange
    let app = crate::helpers::spawn_app().await;

    // Act
    let doc = json(app.get("/api/openapi.json").await).await;

    // Assert
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    match (k.as_str(), x) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(x, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50, "{}", all.len());
    let missing: Vec<&String> = all
        .iter()
        .filter(|r| {
            let name = r.trim_start_matches("#/components/schemas/");
            doc["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(missing.is_empty(), "unresolved: {missing:?}");
}
