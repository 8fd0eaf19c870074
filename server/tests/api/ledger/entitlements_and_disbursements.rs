//! Entitlements and disbursements: each studio is entitled to the subsidy of its level and
//! category (第十二条), and finance disburses up to the entitlement and not one fen more.

use super::{
    FINANCE, HRSS, NATIONAL_STUDIO, REGIONAL_FEN, TODAY, YC_STUDIO, assert_conflict, balance,
    dashboard, disbursement, entries, fen, ledger, newest, post_entry, record, studio_id, text,
};
use crate::helpers::spawn_app_in_round;

const NATIONAL_MANUFACTURING_FEN: i64 = 30_000_000;
const NATIONAL_SERVICES_FEN: i64 = 20_000_000;
const NATIONAL_OTHER_FEN: i64 = 10_000_000;

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
