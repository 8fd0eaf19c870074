//! Refused entries and the invariants: invalid entries are refused naming every bad field and
//! nothing is written, and concurrent entries cannot together break the invariants.

use super::{
    FINANCE, HRSS, REGIONAL_FEN, TODAY, YC, YC_STUDIO, assert_status, balance, dashboard,
    disbursement, entries, ledger, money_by_key, newest, post_entry, record, return_of,
    reversal_of, studio_id, usage,
};
use crate::helpers::{Session, TestClock, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

const TOMORROW: &str = "2026-10-16";

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
