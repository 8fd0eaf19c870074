//! 第五章 the money of each studio: entitlements (第十二条), disbursements and returns recorded by
//! finance, usage reported by the studio's unit (第十三条), reversals, the invariants
//! (disbursed ≤ entitled; used ≤ disbursed; returned ≤ disbursed − used), the audit trail, and the
//! dashboard by city, county and studio, which must agree with the ledgers to the fen.
//! One file per journey; the accounts, studios, entry bodies and readings they share are here.

mod audit_trail;
mod dashboard_agreement;
mod entitlements_and_disbursements;
mod refusals_and_invariants;
mod reversals;
mod usage_and_returns;
mod visibility;

use crate::helpers::{Session, TestApp, json};
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub(super) const HRSS: &str = "hrss";
pub(super) const FINANCE: &str = "finance";
/// The applicant of 银川塞上机床制造有限公司 (unit row 0, 银川 金凤区).
pub(super) const YC: &str = "yc.saishang";
/// The applicant of 固原市高级技工学校 (unit row 20, 固原).
pub(super) const GY: &str = "gy.jigong";
/// 银川市人社局, the channel of local units in 银川.
pub(super) const YC_BUREAU: &str = "yc.bureau";
/// Regional, approved 2023, of unit row 0 (`yc.saishang`), 银川.
pub(super) const YC_STUDIO: &str = "马建国数控车工技能大师工作室";
/// National manufacturing, approved 2023, of unit row 1 (长城焊接, channel SASAC), 银川.
pub(super) const NATIONAL_STUDIO: &str = "王立军焊工技能大师工作室";
/// Regional, approved 2024, of unit row 20 (`gy.jigong`), 固原.
pub(super) const GY_STUDIO: &str = "田文斌汽车维修工技能大师工作室";
/// The clock's day in Yinchuan.
pub(super) const TODAY: &str = "2026-10-15";

pub(super) const REGIONAL_FEN: i64 = 10_000_000;

/// The status and JSON body of a response.
pub(super) async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, json(response).await)
}

pub(super) fn fen(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{v} is not an integer amount of fen"))
}

pub(super) fn text<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {row}"))
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

pub(super) fn ledger_path(studio: i64) -> String {
    format!("/api/studios/{studio}/ledger")
}

/// `GET /api/studios/{studio}/ledger` as `session`.
pub(super) async fn ledger_as(app: &TestApp, session: &Session, studio: i64) -> (u16, Value) {
    answer(app.get_as(session, &ledger_path(studio)).await).await
}

/// The ledger of `studio`, asserting 200.
pub(super) async fn ledger(app: &TestApp, session: &Session, studio: i64) -> Value {
    let (status, view) = ledger_as(app, session, studio).await;
    assert_eq!(status, 200, "ledger of studio {studio}: {view}");
    view
}

/// `POST /api/studios/{studio}/ledger` as `session`.
pub(super) async fn post_entry(
    app: &TestApp,
    session: &Session,
    studio: i64,
    body: &Value,
) -> reqwest::Response {
    app.post_as(session, &ledger_path(studio), body).await
}

/// Records `body` on `studio`, asserting 201; returns the ledger after it.
pub(super) async fn record(app: &TestApp, session: &Session, studio: i64, body: &Value) -> Value {
    let (status, view) = answer(post_entry(app, session, studio, body).await).await;
    assert_eq!(
        status, 201,
        "entry {body} on studio {studio} was refused: {view}"
    );
    view
}

/// The newest entry of a ledger view (the largest id).
pub(super) fn newest(view: &Value) -> Value {
    entries(view)
        .iter()
        .max_by_key(|e| e["id"].as_i64())
        .cloned()
        .unwrap_or_else(|| panic!("no entries in {view}"))
}

pub(super) fn entries(view: &Value) -> &Vec<Value> {
    view["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("entries is not an array: {view}"))
}

/// `[entitled, disbursed, used, returned]` of a ledger view.
pub(super) fn balance(view: &Value) -> [i64; 4] {
    let b = &view["balance"];
    [
        fen(&b["entitled"]),
        fen(&b["disbursed"]),
        fen(&b["used"]),
        fen(&b["returned"]),
    ]
}

pub(super) fn disbursement(amount: i64, on: &str) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": amount, "occurred_on": on,
        "description": "技能大师工作室建设补助资金", "voucher_no": "宁财社〔2026〕88号",
        "paying_office": "自治区财政厅"
    })
}

pub(super) fn usage(amount: i64, purpose: &str) -> Value {
    json!({
        "kind": "usage", "amount_fen": amount, "occurred_on": TODAY, "purpose": purpose,
        "description": "购置五轴数控实训设备"
    })
}

pub(super) fn return_of(amount: i64) -> Value {
    json!({
        "kind": "return", "amount_fen": amount, "occurred_on": TODAY,
        "description": "结余资金缴回", "voucher_no": "缴款书 2026-0417"
    })
}

pub(super) fn reversal_of(entry: i64) -> Value {
    json!({
        "kind": "reversal", "occurred_on": TODAY, "reverses": entry,
        "description": "录入错误，冲销"
    })
}

/// Asserts a 409 whose message names every one of `figures` (as shown, e.g. `¥100,000.01`).
pub(super) async fn assert_conflict(response: reqwest::Response, figures: &[&str]) {
    let (status, body) = answer(response).await;
    assert_eq!(status, 409, "expected 409: {body}");
    assert_eq!(body["code"], "conflict", "{body}");
    let message = text(&body, "message");
    let english = text(&body, "message_en");
    for figure in figures {
        assert!(
            message.contains(figure) && english.contains(figure),
            "the message does not name {figure}: {message} / {english}"
        );
    }
}

pub(super) async fn assert_status(response: reqwest::Response, expected: u16) {
    let (status, body) = answer(response).await;
    assert_eq!(status, expected, "expected {expected}: {body}");
}

/// The dashboard at `query` (`""` or `level=regional&…`) as `session`, asserting 200.
pub(super) async fn dashboard(app: &TestApp, session: &Session, query: &str) -> Value {
    let (status, view) = answer(app.get_as(session, &dashboard_path(query)).await).await;
    assert_eq!(status, 200, "dashboard ?{query}: {view}");
    view
}

pub(super) fn dashboard_path(query: &str) -> String {
    if query.is_empty() {
        "/api/dashboard".to_owned()
    } else {
        format!("/api/dashboard?{query}")
    }
}

/// `[studios, entitled, disbursed, used, returned, outstanding]` of a `Money`.
pub(super) fn money(m: &Value) -> [i64; 6] {
    [
        fen(&m["studios"]),
        fen(&m["entitled_fen"]),
        fen(&m["disbursed_fen"]),
        fen(&m["used_fen"]),
        fen(&m["returned_fen"]),
        fen(&m["outstanding_fen"]),
    ]
}

pub(super) fn sum(moneys: impl Iterator<Item = [i64; 6]>) -> [i64; 6] {
    moneys.fold([0; 6], |mut a, m| {
        for (a, m) in a.iter_mut().zip(m) {
            *a += m;
        }
        a
    })
}

pub(super) fn rows<'a>(view: &'a Value, key: &str) -> &'a Vec<Value> {
    view[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is not an array: {view}"))
}

/// The money of each row of `view[key]`, by row key.
pub(super) fn money_by_key(view: &Value, key: &str) -> BTreeMap<String, [i64; 6]> {
    rows(view, key)
        .iter()
        .map(|r| (text(r, "key").to_owned(), money(&r["money"])))
        .collect()
}

/// `by_year` as `year → [disbursed, used, returned]`.
pub(super) fn by_year(view: &Value) -> BTreeMap<i64, [i64; 3]> {
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
