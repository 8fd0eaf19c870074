//! 第五章 the money of each studio: entitlements (第十二条), disbursements and returns recorded by
//! finance, usage reported by the studio's unit (第十三条), reversals, the invariants
//! (disbursed ≤ entitled; used ≤ disbursed; returned ≤ disbursed − used), the audit trail, and the
//! dashboard by city, county and studio, which must agree with the ledgers to the fen.

use crate::helpers::{Session, TestApp, TestClock, json, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const HRSS: &str = "hrss";
const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0, 银川 金凤区).
const YC: &str = "yc.saishang";
/// The applicant of 固原市高级技工学校 (unit row 20, 固原).
const GY: &str = "gy.jigong";
/// 银川市人社局, the channel of local units in 银川.
const YC_BUREAU: &str = "yc.bureau";
const YC_BUREAU_ORG: &str = "银川市人力资源和社会保障局";
const EXPERT: &str = "expert.zhang";
/// Regional, approved 2023, of unit row 0 (`yc.saishang`), 银川.
const YC_STUDIO: &str = "马建国数控车工技能大师工作室";
/// National manufacturing, approved 2023, of unit row 1 (长城焊接, channel SASAC), 银川.
const NATIONAL_STUDIO: &str = "王立军焊工技能大师工作室";
/// Regional, approved 2024, of unit row 20 (`gy.jigong`), 固原.
const GY_STUDIO: &str = "田文斌汽车维修工技能大师工作室";
/// Regional, approved 2026, of unit row 7 (国家地质调查宁夏实验中心, a central public institution
/// that reports directly to regional HRSS, 第十一条（一）).
const HRSS_DIRECT_STUDIO: &str = "郭振宇地质调查员技能大师工作室";
/// The clock's day in Yinchuan.
const TODAY: &str = "2026-10-15";
const TOMORROW: &str = "2026-10-16";

const REGIONAL_FEN: i64 = 10_000_000;
const NATIONAL_MANUFACTURING_FEN: i64 = 30_000_000;
const NATIONAL_SERVICES_FEN: i64 = 20_000_000;
const NATIONAL_OTHER_FEN: i64 = 10_000_000;

/// The status and JSON body of a response.
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, json(response).await)
}

fn fen(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{v} is not an integer amount of fen"))
}

fn text<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {row}"))
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

fn ledger_path(studio: i64) -> String {
    format!("/api/studios/{studio}/ledger")
}

/// `GET /api/studios/{studio}/ledger` as `session`.
async fn ledger_as(app: &TestApp, session: &Session, studio: i64) -> (u16, Value) {
    answer(app.get_as(session, &ledger_path(studio)).await).await
}

/// The ledger of `studio`, asserting 200.
async fn ledger(app: &TestApp, session: &Session, studio: i64) -> Value {
    let (status, view) = ledger_as(app, session, studio).await;
    assert_eq!(status, 200, "ledger of studio {studio}: {view}");
    view
}

/// `POST /api/studios/{studio}/ledger` as `session`.
async fn post_entry(
    app: &TestApp,
    session: &Session,
    studio: i64,
    body: &Value,
) -> reqwest::Response {
    app.post_as(session, &ledger_path(studio), body).await
}

/// Records `body` on `studio`, asserting 201; returns the ledger after it.
async fn record(app: &TestApp, session: &Session, studio: i64, body: &Value) -> Value {
    let (status, view) = answer(post_entry(app, session, studio, body).await).await;
    assert_eq!(
        status, 201,
        "entry {body} on studio {studio} was refused: {view}"
    );
    view
}

/// The newest entry of a ledger view (the largest id).
fn newest(view: &Value) -> Value {
    entries(view)
        .iter()
        .max_by_key(|e| e["id"].as_i64())
        .cloned()
        .unwrap_or_else(|| panic!("no entries in {view}"))
}

fn entries(view: &Value) -> &Vec<Value> {
    view["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("entries is not an array: {view}"))
}

fn entry_by_id(view: &Value, id: i64) -> &Value {
    entries(view)
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id} in {view}"))
}

/// `[entitled, disbursed, used, returned]` of a ledger view.
fn balance(view: &Value) -> [i64; 4] {
    let b = &view["balance"];
    [
        fen(&b["entitled"]),
        fen(&b["disbursed"]),
        fen(&b["used"]),
        fen(&b["returned"]),
    ]
}

fn disbursement(amount: i64, on: &str) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": amount, "occurred_on": on,
        "description": "技能大师工作室建设补助资金", "voucher_no": "宁财社〔2026〕88号",
        "paying_office": "自治区财政厅"
    })
}

fn usage(amount: i64, purpose: &str) -> Value {
    json!({
        "kind": "usage", "amount_fen": amount, "occurred_on": TODAY, "purpose": purpose,
        "description": "购置五轴数控实训设备"
    })
}

fn return_of(amount: i64) -> Value {
    json!({
        "kind": "return", "amount_fen": amount, "occurred_on": TODAY,
        "description": "结余资金缴回", "voucher_no": "缴款书 2026-0417"
    })
}

fn reversal_of(entry: i64) -> Value {
    json!({
        "kind": "reversal", "occurred_on": TODAY, "reverses": entry,
        "description": "录入错误，冲销"
    })
}

/// Asserts a 409 whose message names every one of `figures` (as shown, e.g. `¥100,000.01`).
async fn assert_conflict(response: reqwest::Response, figures: &[&str]) {
    let (status, body) = answer(response).await;
    assert_eq!(status, 409, "expected 409: {body}");
    assert_eq!(body["code"], "conflict", "{body}");
    let message = text(&body, "message");
    for figure in figures {
        assert!(
            message.contains(figure),
            "the message does not name {figure}: {message}"
        );
    }
}

async fn assert_status(response: reqwest::Response, expected: u16) {
    let (status, body) = answer(response).await;
    assert_eq!(status, expected, "expected {expected}: {body}");
}

/// The dashboard at `query` (`""` or `level=regional&…`) as `session`, asserting 200.
async fn dashboard(app: &TestApp, session: &Session, query: &str) -> Value {
    let (status, view) = answer(app.get_as(session, &dashboard_path(query)).await).await;
    assert_eq!(status, 200, "dashboard ?{query}: {view}");
    view
}

fn dashboard_path(query: &str) -> String {
    if query.is_empty() {
        "/api/dashboard".to_owned()
    } else {
        format!("/api/dashboard?{query}")
    }
}

/// `[studios, entitled, disbursed, used, returned, outstanding]` of a `Money`.
fn money(m: &Value) -> [i64; 6] {
    [
        fen(&m["studios"]),
        fen(&m["entitled_fen"]),
        fen(&m["disbursed_fen"]),
        fen(&m["used_fen"]),
        fen(&m["returned_fen"]),
        fen(&m["outstanding_fen"]),
    ]
}

fn sum(moneys: impl Iterator<Item = [i64; 6]>) -> [i64; 6] {
    moneys.fold([0; 6], |mut a, m| {
        for (a, m) in a.iter_mut().zip(m) {
            *a += m;
        }
        a
    })
}

fn rows<'a>(view: &'a Value, key: &str) -> &'a Vec<Value> {
    view[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is not an array: {view}"))
}

/// The money of each row of `view[key]`, by row key.
fn money_by_key(view: &Value, key: &str) -> BTreeMap<String, [i64; 6]> {
    rows(view, key)
        .iter()
        .map(|r| (text(r, "key").to_owned(), money(&r["money"])))
        .collect()
}

/// `by_year` as `year → [disbursed, used, returned]`.
fn by_year(view: &Value) -> BTreeMap<i64, [i64; 3]> {
    rows(view, "by_year")
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap_or_else(|| panic!("year: {y}")),
                [
                    fen(&y["disbursed_fen"]),
                    fen(&y["used_fen"]),
                    fen(&y["returned_fen"]),
                ],
            )
        })
        .collect()
}

/// The ids of the studios `session` may list.
async fn visible_studio_ids(app: &TestApp, session: &Session) -> BTreeSet<i64> {
    let (status, list) = answer(app.get_as(session, "/api/studios").await).await;
    assert_eq!(status, 200, "{list}");
    rows(&list, "studios")
        .iter()
        .map(|s| s["id"].as_i64().expect("studio id"))
        .collect()
}

#[tokio::test]
async fn each_studio_is_entitled_to_the_subsidy_of_its_level_and_category() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let regional = studio_id(&app, &hrss, YC_STUDIO).await;
    let national = studio_id(&app, &hrss, NATIONAL_STUDIO).await;

    // Act
    let regional_view = ledger(&app, &finance, regional).await;
    let national_view = ledger(&app, &finance, national).await;

    // Assert
    assert_eq!(regional_view["studio_id"], regional, "{regional_view}");
    assert_eq!(regional_view["studio_name"], YC_STUDIO, "{regional_view}");
    assert_eq!(
        balance(&regional_view),
        [REGIONAL_FEN, 0, 0, 0],
        "{regional_view}"
    );
    assert_eq!(fen(&regional_view["outstanding_fen"]), REGIONAL_FEN);
    assert_eq!(fen(&regional_view["held_fen"]), 0);
    assert!(entries(&regional_view).is_empty(), "{regional_view}");
    assert_eq!(
        national_view["studio_name"], NATIONAL_STUDIO,
        "{national_view}"
    );
    assert_eq!(
        balance(&national_view),
        [NATIONAL_MANUFACTURING_FEN, 0, 0, 0],
        "{national_view}"
    );
    assert_eq!(
        fen(&national_view["outstanding_fen"]),
        NATIONAL_MANUFACTURING_FEN
    );
    // Every demo studio: the table of 第十二条.
    for s in app.all_studios(&hrss).await {
        let expected = match (text(&s, "level"), s["national_category"].as_str()) {
            ("regional", None) => REGIONAL_FEN,
            ("national", Some("manufacturing")) => NATIONAL_MANUFACTURING_FEN,
            ("national", Some("services")) => NATIONAL_SERVICES_FEN,
            ("national", Some("other")) => NATIONAL_OTHER_FEN,
            other => panic!("unexpected level and category {other:?} of {s}"),
        };
        let id = s["id"].as_i64().expect("studio id");
        let view = ledger(&app, &finance, id).await;
        assert_eq!(fen(&view["balance"]["entitled"]), expected, "{s}: {view}");
        assert_eq!(fen(&s["entitlement_fen"]), expected, "{s}");
    }
}

#[tokio::test]
async fn finance_disburses_up_to_the_entitlement_and_not_one_fen_more() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;

    // Act
    let first = record(
        &app,
        &finance,
        studio,
        &disbursement(6_000_000, "2024-03-01"),
    )
    .await;
    let second = record(
        &app,
        &finance,
        studio,
        &disbursement(4_000_000, "2025-03-01"),
    )
    .await;
    let before = dashboard(&app, &hrss, "").await;
    let over = post_entry(&app, &finance, studio, &disbursement(1, TODAY)).await;

    // Assert
    assert_eq!(balance(&first), [REGIONAL_FEN, 6_000_000, 0, 0], "{first}");
    assert_eq!(fen(&first["outstanding_fen"]), 4_000_000);
    assert_eq!(
        balance(&second),
        [REGIONAL_FEN, REGIONAL_FEN, 0, 0],
        "{second}"
    );
    assert_eq!(fen(&second["outstanding_fen"]), 0, "{second}");
    assert_eq!(fen(&second["held_fen"]), REGIONAL_FEN, "{second}");
    let entry = newest(&second);
    assert_eq!(entry["kind"], "disbursement", "{entry}");
    assert_eq!(fen(&entry["amount_fen"]), 4_000_000, "{entry}");
    assert_eq!(entry["voucher_no"], "宁财社〔2026〕88号", "{entry}");
    assert_eq!(entry["paying_office"], "自治区财政厅", "{entry}");
    assert_eq!(entry["occurred_on"], "2025-03-01", "{entry}");
    assert_eq!(entry["recorded_by"], FINANCE, "{entry}");
    assert!(
        entry["reverses"].is_null() && entry["reversed_by"].is_null(),
        "{entry}"
    );
    // disbursed ¥100,000.01 > entitled ¥100,000.00.
    assert_conflict(over, &["¥100,000.01", "¥100,000.00"]).await;
    let after = ledger(&app, &finance, studio).await;
    assert_eq!(after, second, "the refused entry changed the ledger");
    assert_eq!(entries(&after).len(), 2, "{after}");
    assert_eq!(
        dashboard(&app, &hrss, "").await,
        before,
        "the refused entry changed the dashboard"
    );
}

#[tokio::test]
async fn the_unit_reports_usage_within_what_was_paid_and_finance_takes_back_what_it_holds() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let other_unit = app.login(GY).await;
    let bureau = app.login(YC_BUREAU).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    record(
        &app,
        &finance,
        studio,
        &disbursement(5_000_000, "2025-03-01"),
    )
    .await;

    // Act
    let used = record(
        &app,
        &unit,
        studio,
        &usage(3_000_000, "equipment_and_materials"),
    )
    .await;
    let overused = post_entry(&app, &unit, studio, &usage(2_000_001, "skill_exchange")).await;
    let by_finance = post_entry(&app, &finance, studio, &usage(1_000, "other")).await;
    let by_bureau = post_entry(&app, &bureau, studio, &usage(1_000, "other")).await;
    let by_other_unit = post_entry(&app, &other_unit, studio, &usage(1_000, "other")).await;
    let seen_by_other_unit = app.get_as(&other_unit, &ledger_path(studio)).await;
    let return_by_unit = post_entry(&app, &unit, studio, &return_of(1_000)).await;
    let disbursement_by_unit = post_entry(&app, &unit, studio, &disbursement(1_000, TODAY)).await;
    let overreturned = post_entry(&app, &finance, studio, &return_of(2_000_001)).await;
    let before_return = ledger(&app, &finance, studio).await;
    let returned = record(&app, &finance, studio, &return_of(2_000_000)).await;

    // Assert
    assert_eq!(
        balance(&used),
        [REGIONAL_FEN, 5_000_000, 3_000_000, 0],
        "{used}"
    );
    assert_eq!(fen(&used["held_fen"]), 2_000_000, "{used}");
    let entry = newest(&used);
    assert_eq!(entry["kind"], "usage", "{entry}");
    assert_eq!(entry["purpose"], "equipment_and_materials", "{entry}");
    assert_eq!(entry["recorded_by"], YC, "{entry}");
    // used ¥50,000.01 > disbursed ¥50,000.00.
    assert_conflict(overused, &["¥50,000.01", "¥50,000.00"]).await;
    assert_status(by_finance, 403).await;
    assert_status(by_bureau, 403).await;
    assert_status(by_other_unit, 404).await;
    assert_status(seen_by_other_unit, 404).await;
    assert_status(return_by_unit, 403).await;
    assert_status(disbursement_by_unit, 403).await;
    // returned ¥20,000.01 > held ¥20,000.00.
    assert_conflict(overreturned, &["¥20,000.01", "¥20,000.00"]).await;
    assert_eq!(entries(&before_return).len(), 2, "{before_return}");
    assert_eq!(
        balance(&before_return),
        [REGIONAL_FEN, 5_000_000, 3_000_000, 0],
        "refused entries changed the ledger: {before_return}"
    );
    assert_eq!(
        balance(&returned),
        [REGIONAL_FEN, 5_000_000, 3_000_000, 2_000_000],
        "{returned}"
    );
    assert_eq!(fen(&returned["held_fen"]), 0, "{returned}");
    assert_eq!(fen(&returned["outstanding_fen"]), 5_000_000, "{returned}");
    let entry = newest(&returned);
    assert_eq!(entry["kind"], "return", "{entry}");
    assert_eq!(entry["voucher_no"], "缴款书 2026-0417", "{entry}");
    // The unit sees its own ledger as finance does.
    assert_eq!(ledger(&app, &unit, studio).await, returned);
}

#[tokio::test]
async fn a_reversal_cancels_its_entry_once_and_may_not_break_the_invariants() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let first = record(
        &app,
        &finance,
        studio,
        &disbursement(5_000_000, "2025-03-01"),
    )
    .await;
    let first_id = newest(&first)["id"].as_i64().expect("id");
    let second = record(
        &app,
        &finance,
        studio,
        &disbursement(3_000_000, "2025-09-01"),
    )
    .await;
    let second_id = newest(&second)["id"].as_i64().expect("id");
    let used = record(
        &app,
        &unit,
        studio,
        &usage(6_000_000, "equipment_and_materials"),
    )
    .await;
    let usage_id = newest(&used)["id"].as_i64().expect("id");

    // Act
    let spent_disbursement = post_entry(&app, &finance, studio, &reversal_of(first_id)).await;
    let usage_by_finance = post_entry(&app, &finance, studio, &reversal_of(usage_id)).await;
    let disbursement_by_unit = post_entry(&app, &unit, studio, &reversal_of(second_id)).await;
    let cancelled = record(&app, &unit, studio, &reversal_of(usage_id)).await;
    let reversal_id = newest(&cancelled)["id"].as_i64().expect("id");
    let again = post_entry(&app, &unit, studio, &reversal_of(usage_id)).await;
    let of_reversal_by_unit = post_entry(&app, &unit, studio, &reversal_of(reversal_id)).await;
    let unspent = record(&app, &finance, studio, &reversal_of(first_id)).await;
    let disbursement_reversal = newest(&unspent)["id"].as_i64().expect("id");
    let of_reversal_by_finance =
        post_entry(&app, &finance, studio, &reversal_of(disbursement_reversal)).await;

    // Assert
    // used ¥60,000.00 > disbursed ¥30,000.00 once the ¥50,000.00 is cancelled.
    assert_conflict(spent_disbursement, &["¥60,000.00", "¥30,000.00"]).await;
    assert_status(usage_by_finance, 403).await;
    assert_status(disbursement_by_unit, 403).await;
    assert_eq!(
        balance(&cancelled),
        [REGIONAL_FEN, 8_000_000, 0, 0],
        "{cancelled}"
    );
    let original = entry_by_id(&cancelled, usage_id);
    assert_eq!(original["reversed_by"], reversal_id, "{original}");
    assert_eq!(
        fen(&original["amount_fen"]),
        6_000_000,
        "the original is kept"
    );
    let reversal = entry_by_id(&cancelled, reversal_id);
    assert_eq!(reversal["kind"], "reversal", "{reversal}");
    assert_eq!(reversal["reverses"], usage_id, "{reversal}");
    assert_eq!(fen(&reversal["amount_fen"]), 6_000_000, "{reversal}");
    assert_eq!(reversal["description"], "录入错误，冲销", "{reversal}");
    assert_eq!(entries(&cancelled).len(), 4, "{cancelled}");
    assert_eq!(validation_fields(again).await, ["reverses"]);
    assert_eq!(
        balance(&unspent),
        [REGIONAL_FEN, 3_000_000, 0, 0],
        "{unspent}"
    );
    assert_eq!(
        entry_by_id(&unspent, first_id)["reversed_by"],
        disbursement_reversal
    );
    assert_eq!(
        validation_fields(of_reversal_by_finance).await,
        ["reverses"]
    );
    let after = ledger(&app, &finance, studio).await;
    assert_eq!(after, unspent, "refused reversals changed the ledger");
    // The unit that reversed its usage is told the reversal cannot be reversed (not that only
    // finance may record it).
    assert_eq!(validation_fields(of_reversal_by_unit).await, ["reverses"]);
}

#[tokio::test]
async fn a_reversal_names_an_entry_of_this_studio_and_gives_a_reason() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let other = studio_id(&app, &hrss, GY_STUDIO).await;
    let paid = record(&app, &finance, studio, &disbursement(1_000_000, TODAY)).await;
    let paid_id = newest(&paid)["id"].as_i64().expect("id");
    let elsewhere = record(&app, &finance, other, &disbursement(1_000_000, TODAY)).await;
    let elsewhere_id = newest(&elsewhere)["id"].as_i64().expect("id");
    let mut without_reason = reversal_of(paid_id);
    without_reason["description"] = json!("  ");
    let mut without_target = reversal_of(paid_id);
    without_target["reverses"] = Value::Null;
    let mut disbursement_pointing = disbursement(1_000, TODAY);
    disbursement_pointing["reverses"] = json!(paid_id);

    // Act
    let no_reason = post_entry(&app, &finance, studio, &without_reason).await;
    let no_target = post_entry(&app, &finance, studio, &without_target).await;
    let unknown = post_entry(&app, &finance, studio, &reversal_of(paid_id + 1000)).await;
    let of_other_studio = post_entry(&app, &finance, studio, &reversal_of(elsewhere_id)).await;
    let pointing = post_entry(&app, &finance, studio, &disbursement_pointing).await;

    // Assert
    assert_eq!(validation_fields(no_reason).await, ["description"]);
    assert_eq!(validation_fields(no_target).await, ["reverses"]);
    assert_eq!(validation_fields(unknown).await, ["reverses"]);
    assert_eq!(validation_fields(of_other_studio).await, ["reverses"]);
    assert_eq!(validation_fields(pointing).await, ["reverses"]);
    assert_eq!(ledger(&app, &finance, studio).await, paid);
    assert_eq!(ledger(&app, &finance, other).await, elsewhere);
}

#[tokio::test]
async fn invalid_entries_are_refused_naming_the_fields_and_nothing_is_written() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let paid = record(
        &app,
        &finance,
        studio,
        &disbursement(5_000_000, "2025-03-01"),
    )
    .await;
    let with = |mut body: Value, key: &str, value: Value| {
        body[key] = value;
        body
    };
    let without = |mut body: Value, key: &str| {
        if let Some(o) = body.as_object_mut() {
            o.remove(key);
        }
        body
    };
    let cases: Vec<(&Session, Value, &[&str])> = vec![
        (&finance, disbursement(0, TODAY), &["amount_fen"]),
        (&finance, disbursement(-100, TODAY), &["amount_fen"]),
        (
            &finance,
            without(disbursement(1_000, TODAY), "amount_fen"),
            &["amount_fen"],
        ),
        // More than the largest entry (¥10,000,000.00).
        (
            &finance,
            disbursement(1_000_000_001, TODAY),
            &["amount_fen"],
        ),
        (
            &finance,
            without(disbursement(1_000, TODAY), "voucher_no"),
            &["voucher_no"],
        ),
        (
            &finance,
            with(disbursement(1_000, TODAY), "voucher_no", json!("   ")),
            &["voucher_no"],
        ),
        (
            &finance,
            with(
                disbursement(1_000, TODAY),
                "voucher_no",
                json!("号".repeat(65)),
            ),
            &["voucher_no"],
        ),
        (
            &finance,
            without(disbursement(1_000, TODAY), "paying_office"),
            &["paying_office"],
        ),
        (&finance, disbursement(1_000, TOMORROW), &["occurred_on"]),
        (
            &finance,
            with(disbursement(1_000, TODAY), "purpose", json!("other")),
            &["purpose"],
        ),
        (
            &finance,
            without(return_of(1_000), "voucher_no"),
            &["voucher_no"],
        ),
        (&finance, return_of(0), &["amount_fen"]),
        (
            &finance,
            with(return_of(1_000), "occurred_on", json!(TOMORROW)),
            &["occurred_on"],
        ),
        (
            &unit,
            without(usage(1_000, "other"), "purpose"),
            &["purpose"],
        ),
        (
            &unit,
            with(usage(1_000, "other"), "purpose", Value::Null),
            &["purpose"],
        ),
        (
            &unit,
            with(usage(1_000, "other"), "description", json!("")),
            &["description"],
        ),
        (&unit, usage(-1, "skill_exchange"), &["amount_fen"]),
        (
            &unit,
            with(usage(1_000, "other"), "occurred_on", json!(TOMORROW)),
            &["occurred_on"],
        ),
        (
            &finance,
            without(
                without(disbursement(1_000, TOMORROW), "voucher_no"),
                "paying_office",
            ),
            &["occurred_on", "paying_office", "voucher_no"],
        ),
    ];

    // Act
    let mut answers = Vec::new();
    for (session, body, _) in &cases {
        answers.push(post_entry(&app, session, studio, body).await);
    }
    let after = ledger(&app, &finance, studio).await;
    // 01:00 on the 16th in Yinchuan, still the 15th in UTC: the 16th is today (and the session
    // has expired).
    advance_to_next_day_in_yinchuan(&clock);
    let finance = app.login(FINANCE).await;
    let next_day = post_entry(&app, &finance, studio, &disbursement(1_000, TOMORROW)).await;

    // Assert
    for ((_, body, expected), response) in cases.iter().zip(answers) {
        let mut fields = validation_fields(response).await;
        fields.sort();
        fields.dedup();
        assert_eq!(fields, *expected, "{body}");
    }
    assert_eq!(after, paid, "a refused entry changed the ledger");
    assert_status(next_day, 201).await;
}

/// From 2026-10-15 09:00 to 2026-10-16 01:00 in Yinchuan (2026-10-15 17:00 UTC).
fn advance_to_next_day_in_yinchuan(clock: &TestClock) {
    clock.advance(chrono::Duration::hours(16));
}

#[tokio::test]
async fn an_entry_with_several_bad_fields_names_them_all() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let mut body = disbursement(0, TODAY);
    body["voucher_no"] = json!("");

    // Act
    let response = post_entry(&app, &finance, studio, &body).await;

    // Assert
    let mut fields = validation_fields(response).await;
    fields.sort();
    assert_eq!(fields, ["amount_fen", "voucher_no"]);
}

/// A dashboard filter and the studios (as HRSS lists them) it selects.
struct Filter {
    query: String,
    year: Option<&'static str>,
    level: Option<&'static str>,
    category: Option<&'static str>,
    /// The ids of the studios of the channel.
    channel: Option<BTreeSet<i64>>,
}

impl Filter {
    fn new(query: &str) -> Filter {
        Filter {
            query: query.to_owned(),
            year: None,
            level: None,
            category: None,
            channel: None,
        }
    }

    fn selects(&self, studio: &Value) -> bool {
        let id = studio["id"].as_i64().expect("studio id");
        self.year
            .is_none_or(|y| text(studio, "approved_on").starts_with(y))
            && self.level.is_none_or(|l| studio["level"] == l)
            && self
                .category
                .is_none_or(|c| studio["national_category"] == c)
            && self.channel.as_ref().is_none_or(|ids| ids.contains(&id))
    }

    fn with_city(&self, city: &str) -> String {
        if self.query.is_empty() {
            format!("city={city}")
        } else {
            format!("{}&city={city}", self.query)
        }
    }
}

/// Checks the dashboard at `filter` against itself (rows sum to totals; each city equals its
/// counties and its studios) and against the studios and what was disbursed to each.
async fn assert_dashboard_agrees(
    app: &TestApp,
    hrss: &Session,
    studios: &[Value],
    disbursed: &BTreeMap<i64, i64>,
    filter: &Filter,
) {
    let q = &filter.query;
    let view = dashboard(app, hrss, q).await;
    let by_city = money_by_key(&view, "rows");
    assert_eq!(
        sum(by_city.values().copied()),
        money(&view["totals"]),
        "?{q}: the rows do not add up to the totals: {view}"
    );
    assert!(
        rows(&view, "studios").is_empty(),
        "?{q}: studios without a city: {view}"
    );
    let selected: Vec<&Value> = studios.iter().filter(|s| filter.selects(s)).collect();
    let expected_cities: BTreeSet<&str> = selected.iter().map(|s| text(s, "city")).collect();
    assert_eq!(
        by_city.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        expected_cities,
        "?{q}: the cities of the rows: {view}"
    );
    for (city, row) in &by_city {
        let city_studios: Vec<&&Value> = selected.iter().filter(|s| s["city"] == **city).collect();
        let entitled: i64 = city_studios
            .iter()
            .map(|s| fen(&s["entitlement_fen"]))
            .sum();
        let paid: i64 = city_studios
            .iter()
            .map(|s| {
                disbursed
                    .get(&s["id"].as_i64().expect("id"))
                    .copied()
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(
            row[0],
            city_studios.len() as i64,
            "?{q}: studios in {city}: {view}"
        );
        assert_eq!(row[1], entitled, "?{q}: entitled in {city}: {view}");
        assert_eq!(row[2], paid, "?{q}: disbursed in {city}: {view}");
        assert_eq!(
            row[5],
            row[1] - row[2],
            "?{q}: outstanding in {city}: {view}"
        );
        let cq = filter.with_city(city);
        let drill = dashboard(app, hrss, &cq).await;
        assert_eq!(
            money(&drill["totals"]),
            *row,
            "?{cq}: totals ≠ the city row: {drill}"
        );
        let counties = money_by_key(&drill, "rows");
        assert_eq!(
            sum(counties.values().copied()),
            *row,
            "?{cq}: counties: {drill}"
        );
        for (code, r) in rows(&drill, "rows").iter().map(|r| (text(r, "key"), r)) {
            assert!(
                code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
                "?{cq}: a county key {code}"
            );
            assert_ne!(
                r["label"], code,
                "?{cq}: county {code} has no name: {drill}"
            );
        }
        let per_studio = money_by_key(&drill, "studios");
        assert_eq!(
            sum(per_studio.values().copied()),
            *row,
            "?{cq}: studios: {drill}"
        );
        let ids: BTreeSet<String> = city_studios
            .iter()
            .map(|s| s["id"].as_i64().expect("id").to_string())
            .collect();
        assert_eq!(
            per_studio.keys().cloned().collect::<BTreeSet<_>>(),
            ids,
            "?{cq}: the studio lines: {drill}"
        );
        for s in &city_studios {
            let id = s["id"].as_i64().expect("id");
            let m = per_studio[&id.to_string()];
            let paid = disbursed.get(&id).copied().unwrap_or(0);
            let entitled = fen(&s["entitlement_fen"]);
            assert_eq!(
                m,
                [1, entitled, paid, 0, 0, entitled - paid],
                "?{cq}: studio {id}: {drill}"
            );
        }
    }
    // The year-over-year movement of the selected studios.
    let mut years: BTreeMap<i64, [i64; 3]> = BTreeMap::new();
    for (y, d) in by_year(&view) {
        assert!(
            d[1] == 0 && d[2] == 0,
            "?{q}: nothing was used or returned: {view}"
        );
        years.insert(y, d);
    }
    let total: i64 = years.values().map(|d| d[0]).sum();
    assert_eq!(
        total,
        money(&view["totals"])[2],
        "?{q}: by_year ≠ disbursed: {view}"
    );
}

#[tokio::test]
async fn the_dashboard_adds_up_by_city_county_and_studio_and_follows_the_ledger() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let bureau = app.login(YC_BUREAU).await;
    let studios = app.all_studios(&hrss).await;
    let yc = studio_id(&app, &hrss, YC_STUDIO).await;
    let national = studio_id(&app, &hrss, NATIONAL_STUDIO).await;
    let gy = studio_id(&app, &hrss, GY_STUDIO).await;
    let bureau_org = app.scope_id(&hrss, "orgs", YC_BUREAU_ORG).await;
    let bureau_studios = visible_studio_ids(&app, &bureau).await;
    assert!(bureau_studios.contains(&yc) && !bureau_studios.contains(&national));
    let payments = [
        (yc, "yinchuan", 2_000_000, "2024-05-10"),
        (national, "yinchuan", 5_000_000, "2025-06-01"),
        (gy, "guyuan", 3_000_000, "2025-07-01"),
    ];
    let mut disbursed = BTreeMap::new();

    // Act and assert: each disbursement moves exactly its city and its year.
    for (studio, city, amount, on) in payments {
        let before = dashboard(&app, &hrss, "").await;
        let paid = record(&app, &finance, studio, &disbursement(amount, on)).await;
        let after = dashboard(&app, &hrss, "").await;
        *disbursed.entry(studio).or_insert(0) += amount;
        assert_eq!(fen(&paid["balance"]["disbursed"]), disbursed[&studio]);
        assert_moved_by(&before, &after, city, on, amount);
    }

    // Assert: every filter adds up.
    let filter = |query: &str| Filter::new(query);
    let filters = [
        filter(""),
        Filter {
            level: Some("regional"),
            ..filter("level=regional")
        },
        Filter {
            level: Some("national"),
            ..filter("level=national")
        },
        Filter {
            category: Some("manufacturing"),
            ..filter("category=manufacturing")
        },
        Filter {
            year: Some("2023"),
            ..filter("year=2023")
        },
        Filter {
            year: Some("2024"),
            ..filter("year=2024")
        },
        Filter {
            year: Some("2023"),
            level: Some("national"),
            ..filter("year=2023&level=national")
        },
        Filter {
            channel: Some(bureau_studios.clone()),
            ..filter(&format!("channel_org_id={bureau_org}"))
        },
        Filter {
            channel: Some(bureau_studios.clone()),
            level: Some("regional"),
            ..filter(&format!("channel_org_id={bureau_org}&level=regional"))
        },
    ];
    for f in &filters {
        assert_dashboard_agrees(&app, &hrss, &studios, &disbursed, f).await;
    }
    // Channel 0 (HRSS direct): at least consistent with itself.
    let direct = dashboard(&app, &hrss, "channel_org_id=0").await;
    assert_eq!(
        sum(money_by_key(&direct, "rows").into_values()),
        money(&direct["totals"]),
        "{direct}"
    );

    // Act and assert: a reversal brings it back.
    let before = dashboard(&app, &hrss, "").await;
    let gy_ledger = ledger(&app, &finance, gy).await;
    let gy_entry = newest(&gy_ledger)["id"].as_i64().expect("id");
    record(&app, &finance, gy, &reversal_of(gy_entry)).await;
    let after = dashboard(&app, &hrss, "").await;
    assert_moved_by(&before, &after, "guyuan", "2025-07-01", -3_000_000);
    disbursed.remove(&gy);
    assert_dashboard_agrees(&app, &hrss, &studios, &disbursed, &filter("")).await;
}

/// Asserts that `after` differs from `before` by `amount` disbursed in `city` and in the year of
/// `on`, and in nothing else (studio counts, entitlements, other cities and years).
fn assert_moved_by(before: &Value, after: &Value, city: &str, on: &str, amount: i64) {
    let moved = |mut m: [i64; 6]| {
        m[2] += amount;
        m[5] -= amount;
        m
    };
    assert_eq!(
        money(&after["totals"]),
        moved(money(&before["totals"])),
        "totals: {before} → {after}"
    );
    let (rows_before, rows_after) = (money_by_key(before, "rows"), money_by_key(after, "rows"));
    assert_eq!(
        rows_before.keys().collect::<Vec<_>>(),
        rows_after.keys().collect::<Vec<_>>()
    );
    for (key, m) in &rows_before {
        let expected = if key == city { moved(*m) } else { *m };
        assert_eq!(rows_after[key], expected, "city {key}: {before} → {after}");
    }
    let year: i64 = on[..4].parse().expect("a year");
    let (years_before, years_after) = (by_year(before), by_year(after));
    let keys: BTreeSet<i64> = years_before
        .keys()
        .chain(years_after.keys())
        .copied()
        .collect();
    for y in keys {
        let b = years_before.get(&y).copied().unwrap_or_default();
        let a = years_after.get(&y).copied().unwrap_or_default();
        let expected = if y == year {
            [b[0] + amount, b[1], b[2]]
        } else {
            b
        };
        assert_eq!(a, expected, "by_year {y}: {before} → {after}");
    }
    assert_eq!(before["funnel"], after["funnel"]);
}

#[tokio::test]
async fn channel_0_selects_the_studios_of_units_that_report_directly_to_hrss() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let direct = studio_id(&app, &hrss, HRSS_DIRECT_STUDIO).await;
    record(&app, &finance, direct, &disbursement(1_500_000, TODAY)).await;

    // Act
    let view = dashboard(&app, &hrss, "channel_org_id=0").await;
    let drill = dashboard(&app, &hrss, "channel_org_id=0&city=yinchuan").await;

    // Assert
    assert_eq!(
        money(&view["totals"]),
        [1, REGIONAL_FEN, 1_500_000, 0, 0, REGIONAL_FEN - 1_500_000],
        "{view}"
    );
    assert_eq!(
        money_by_key(&drill, "studios")
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        [direct.to_string()],
        "{drill}"
    );
}

#[tokio::test]
async fn usage_and_returns_reach_the_dashboard_in_their_year() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let before = dashboard(&app, &hrss, "city=yinchuan").await;

    // Act
    record(
        &app,
        &finance,
        studio,
        &disbursement(4_000_000, "2025-03-01"),
    )
    .await;
    let used = record(&app, &unit, studio, &usage(1_000_000, "skill_exchange")).await;
    record(&app, &finance, studio, &return_of(500_000)).await;
    let usage_id = newest(&used)["id"].as_i64().expect("id");
    let after = dashboard(&app, &hrss, "city=yinchuan").await;
    record(&app, &unit, studio, &reversal_of(usage_id)).await;
    let reversed = dashboard(&app, &hrss, "city=yinchuan").await;

    // Assert
    let line = |v: &Value| money_by_key(v, "studios")[&studio.to_string()];
    assert_eq!(
        line(&before),
        [1, REGIONAL_FEN, 0, 0, 0, REGIONAL_FEN],
        "{before}"
    );
    assert_eq!(
        line(&after),
        [1, REGIONAL_FEN, 4_000_000, 1_000_000, 500_000, 6_000_000],
        "{after}"
    );
    assert_eq!(
        by_year(&after).get(&2025),
        Some(&[4_000_000, 0, 0]),
        "{after}"
    );
    assert_eq!(
        by_year(&after).get(&2026),
        Some(&[0, 1_000_000, 500_000]),
        "{after}"
    );
    assert_eq!(
        line(&reversed),
        [1, REGIONAL_FEN, 4_000_000, 0, 500_000, 6_000_000],
        "{reversed}"
    );
    assert_eq!(
        by_year(&reversed).get(&2026).copied().unwrap_or_default(),
        [0, 0, 500_000],
        "{reversed}"
    );
    for v in [&after, &reversed] {
        assert_eq!(
            sum(money_by_key(v, "rows").into_values()),
            money(&v["totals"])
        );
        assert_eq!(
            sum(money_by_key(v, "studios").into_values()),
            money(&v["totals"])
        );
    }
}

#[tokio::test]
async fn only_hrss_and_finance_see_the_dashboard_and_the_public_sees_no_studio_lines() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    record(&app, &finance, studio, &disbursement(2_000_000, TODAY)).await;

    // Act and assert
    for user in [YC, GY, YC_BUREAU, EXPERT] {
        let session = app.login(user).await;
        for query in ["", "city=yinchuan"] {
            let response = app.get_as(&session, &dashboard_path(query)).await;
            let (status, body) = answer(response).await;
            assert_eq!(status, 403, "{user} ?{query}: {body}");
        }
    }
    let (status, body) = answer(app.get("/api/dashboard").await).await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = answer(app.get("/api/dashboard?city=yinchuan").await).await;
    assert_eq!(status, 401, "{body}");
    for query in ["", "city=yinchuan", "city=yinchuan&level=regional"] {
        let path = if query.is_empty() {
            "/api/public/dashboard".to_owned()
        } else {
            format!("/api/public/dashboard?{query}")
        };
        let (status, public) = answer(app.get(&path).await).await;
        assert_eq!(status, 200, "{path}: {public}");
        assert!(rows(&public, "studios").is_empty(), "{path}: {public}");
        let internal = dashboard(&app, &finance, query).await;
        assert_eq!(public["totals"], internal["totals"], "{path}");
        assert_eq!(public["rows"], internal["rows"], "{path}");
        assert_eq!(public["by_year"], internal["by_year"], "{path}");
    }
    let internal = dashboard(&app, &hrss, "city=yinchuan").await;
    assert!(!rows(&internal, "studios").is_empty(), "{internal}");
}

#[tokio::test]
async fn the_ledger_is_seen_by_whoever_may_see_the_studio() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;

    // Act and assert
    for (user, expected) in [
        (HRSS, 200),
        (FINANCE, 200),
        (YC, 200),
        (YC_BUREAU, 200),
        (GY, 404),
        (EXPERT, 404),
        ("sasac", 404),
    ] {
        let session = app.login(user).await;
        let (status, body) = ledger_as(&app, &session, studio).await;
        assert_eq!(status, expected, "{user}: {body}");
    }
    let (status, body) = answer(app.get(&ledger_path(studio)).await).await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = answer(
        app.post_json(&ledger_path(studio), &disbursement(1_000, TODAY))
            .await,
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = ledger_as(&app, &hrss, 999_999).await;
    assert_eq!(status, 404, "{body}");
    let finance = app.login(FINANCE).await;
    let (status, body) =
        answer(post_entry(&app, &finance, 999_999, &disbursement(1_000, TODAY)).await).await;
    assert_eq!(status, 404, "{body}");
    // HRSS sees the money but does not record it.
    let (status, body) =
        answer(post_entry(&app, &hrss, studio, &disbursement(1_000, TODAY)).await).await;
    assert_eq!(status, 403, "{body}");
}

#[tokio::test]
async fn every_entry_appends_to_the_audit_trail() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let audit = format!("/api/admin/audit?object_type=studio&object_id={studio}");
    let trail = |response: reqwest::Response| async move {
        let (status, list) = answer(response).await;
        assert_eq!(status, 200, "{list}");
        list.as_array()
            .expect("the audit list is not an array")
            .clone()
    };
    let before = trail(app.get_as(&hrss, &audit).await).await;

    // Act
    let paid = record(
        &app,
        &finance,
        studio,
        &disbursement(3_000_000, "2025-03-01"),
    )
    .await;
    let paid_id = newest(&paid)["id"].as_i64().expect("id");
    let after_disbursement = trail(app.get_as(&hrss, &audit).await).await;
    let used = record(&app, &unit, studio, &usage(1_000_000, "other")).await;
    let usage_id = newest(&used)["id"].as_i64().expect("id");
    record(&app, &unit, studio, &reversal_of(usage_id)).await;
    record(&app, &finance, studio, &return_of(2_000_000)).await;
    let refused = post_entry(&app, &finance, studio, &return_of(1_000_001)).await;
    let after = trail(app.get_as(&hrss, &audit).await).await;
    let verification = json(app.get_as(&hrss, "/api/admin/audit/verify").await).await;

    // Assert
    assert_eq!(
        after_disbursement.len(),
        before.len() + 1,
        "{after_disbursement:?}"
    );
    let newest_audit = &after_disbursement[0];
    assert_eq!(
        newest_audit["action"], "ledger.disbursement",
        "{newest_audit}"
    );
    assert_eq!(newest_audit["actor"], FINANCE, "{newest_audit}");
    assert_eq!(newest_audit["object_type"], "studio", "{newest_audit}");
    assert_eq!(
        newest_audit["object_id"],
        studio.to_string(),
        "{newest_audit}"
    );
    let snapshot: Value = serde_json::from_str(text(newest_audit, "after")).expect("after is JSON");
    assert_eq!(snapshot["entry"], paid_id, "{snapshot}");
    assert_eq!(snapshot["amount_fen"], 3_000_000, "{snapshot}");
    // returned ¥30,000.01 > disbursed − used ¥30,000.00.
    assert_conflict(refused, &["¥30,000.01", "¥30,000.00"]).await;
    let actions: Vec<&str> = after[..after.len() - before.len()]
        .iter()
        .map(|e| text(e, "action"))
        .collect();
    assert_eq!(
        actions,
        [
            "ledger.return",
            "ledger.reversal",
            "ledger.usage",
            "ledger.disbursement"
        ],
        "newest first, nothing for the refused entry"
    );
    assert_eq!(after[2]["actor"], YC, "{}", after[2]);
    assert_eq!(verification["ok"], true, "{verification}");
}

#[tokio::test]
async fn concurrent_entries_cannot_together_break_the_invariants() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let unit = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_STUDIO).await;
    let pay = disbursement(3_000_000, TODAY);

    // Act: four payments of ¥30,000.00 against an entitlement of ¥100,000.00.
    let (a, b, c, d) = tokio::join!(
        post_entry(&app, &finance, studio, &pay),
        post_entry(&app, &finance, studio, &pay),
        post_entry(&app, &finance, studio, &pay),
        post_entry(&app, &finance, studio, &pay),
    );
    let paid = [a, b, c, d].map(|r| r.status().as_u16());
    let used = record(&app, &unit, studio, &usage(1_000_000, "other")).await;
    let usage_id = newest(&used)["id"].as_i64().expect("id");
    let reversal = reversal_of(usage_id);
    let (a, b, c) = tokio::join!(
        post_entry(&app, &unit, studio, &reversal),
        post_entry(&app, &unit, studio, &reversal),
        post_entry(&app, &unit, studio, &reversal),
    );
    let reversed = [a, b, c].map(|r| r.status().as_u16());
    let view = ledger(&app, &finance, studio).await;
    let dash = dashboard(&app, &hrss, "city=yinchuan").await;

    // Assert
    let mut paid = paid.to_vec();
    paid.sort_unstable();
    assert_eq!(paid, [201, 201, 201, 409]);
    let mut reversed = reversed.to_vec();
    reversed.sort_unstable();
    assert_eq!(reversed, [201, 422, 422]);
    assert_eq!(balance(&view), [REGIONAL_FEN, 9_000_000, 0, 0], "{view}");
    assert_eq!(entries(&view).len(), 5, "{view}");
    // The dashboard's per-studio sums agree with the ledger.
    assert_eq!(
        money_by_key(&dash, "studios")[&studio.to_string()],
        [1, REGIONAL_FEN, 9_000_000, 0, 0, 1_000_000],
        "{dash}"
    );
}
