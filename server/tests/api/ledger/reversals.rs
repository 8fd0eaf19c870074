//! Reversals: a reversal cancels its entry once, may not break the invariants, names an entry of
//! the same studio and gives a reason.

use super::{
    FINANCE, GY_STUDIO, HRSS, REGIONAL_FEN, TODAY, YC, YC_STUDIO, assert_conflict, assert_status,
    balance, disbursement, entries, fen, ledger, newest, post_entry, record, reversal_of,
    studio_id, usage,
};
use crate::helpers::{spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

fn entry_by_id(view: &Value, id: i64) -> &Value {
    entries(view)
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id} in {view}"))
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
