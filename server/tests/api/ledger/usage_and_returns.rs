//! Usage and returns (第十三条): the unit reports usage within what was paid, finance takes back
//! what the studio holds, and both reach the dashboard in their year.

use super::{
    FINANCE, GY, HRSS, REGIONAL_FEN, TODAY, YC, YC_BUREAU, YC_STUDIO, assert_conflict,
    assert_status, balance, by_year, dashboard, disbursement, entries, fen, ledger, ledger_path,
    money, money_by_key, newest, post_entry, record, return_of, reversal_of, studio_id, sum, usage,
};
use crate::helpers::spawn_app_in_round;
use serde_json::Value;

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
