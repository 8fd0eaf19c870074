//! The audit trail of the money: every entry appends to it, a refused one does not, and the chain
//! still verifies.

use super::{
    FINANCE, HRSS, YC, YC_STUDIO, answer, assert_conflict, disbursement, newest, post_entry,
    record, return_of, reversal_of, studio_id, text, usage,
};
use crate::helpers::{json, spawn_app_in_round};
use serde_json::Value;

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
