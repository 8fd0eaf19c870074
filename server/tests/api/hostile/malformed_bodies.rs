//! Malformed bodies: a body that is not JSON is a bad request, JSON of the wrong types is refused
//! naming the field, and JSON meant to break a parser is a 4xx with the `ErrorBody`, never a 5xx.

use super::{
    DECEMBER_DAY, FINANCE, HRSS, YC, YC_BUILDING, answer, hostile_report, refused, studio_id,
    today_is,
};
use crate::helpers::{Session, facts, spawn_app_in_round, spawn_app_with_clock, validation_fields};
use serde_json::{Value, json};

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
