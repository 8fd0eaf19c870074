//! The notification centre: each role its own digest.

use super::scene::*;
use serde_json::{Value, json};

// The notification centre: each role its own digest.

#[tokio::test]
async fn each_role_reads_its_own_digest() {
    // Arrange: a leader change waits for HRSS, and an end-of-term panel waits for its experts.
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", qualified_leader()),
        )
        .await;
    let panel = s
        .assessment_panel(HRSS, "end_of_term", None, &[s.studio(GY_BUILDING)])
        .await;
    let panel_id = panel["id"].as_i64().expect("panel id");

    // Act
    let hrss = s.digest(HRSS).await;
    let applicant = s.digest(YC).await;
    let expert = s.digest(EXPERTS[1]).await;
    let unrelated_expert = s.digest("expert.zhao").await;
    let finance = s.digest(FINANCE).await;
    let other_unit = s.digest(GY).await;

    // Assert
    let item = the_item(&hrss["reminders"], "change_to_decide", studio);
    let change_id = change["id"].as_i64().expect("change id");
    assert!(
        item["label"]
            .as_str()
            .is_some_and(|l| l.contains(&format!("#{change_id}"))),
        "{item}"
    );
    assert!(
        reminder(&applicant["reminders"], "change_to_decide").is_none(),
        "{applicant}"
    );
    the_item(&applicant["reminders"], "change_due", studio);
    let links: Vec<&Value> = list(&applicant["reminders"])
        .iter()
        .flat_map(|r| list(&r["items"]).iter().map(|i| &i["link"]))
        .collect();
    assert!(
        links.iter().all(|l| **l == format!("/studios/{studio}")),
        "an applicant reads its own studios only: {applicant}"
    );
    assert_eq!(kinds(&expert["reminders"]), ["sheets_to_sign"], "{expert}");
    let sheets = &expert["reminders"][0]["items"][0];
    assert_eq!(sheets["link"], format!("/scoring/{panel_id}"), "{sheets}");
    assert_eq!(
        unrelated_expert["reminders"],
        json!([]),
        "{unrelated_expert}"
    );
    assert_eq!(
        finance["reminders"],
        json!([]),
        "finance acts on returns only: {finance}"
    );
    assert!(items_about(&other_unit["reminders"], "change_due", studio).is_empty());
}

#[tokio::test]
async fn reminder_windows_written_around_the_services_are_rebuilt_once_at_start() {
    use sea_orm::ConnectionTrait;
    // Arrange: the kept windows emptied and marked as built by another version of the rules (a
    // restore, or rows imported by hand).
    let s = Scene::on("2027-03-01").await;
    let before = s.digest(HRSS).await;
    let db = s.app.db().await;
    db.execute_unprepared("DELETE FROM studio_reminder")
        .await
        .expect("emptied");
    db.execute_unprepared("UPDATE derived_state SET version = 0")
        .await
        .expect("marked");

    // Act: what a server does when it starts, twice (a second process starting after it).
    let first = server::life::service::keep_reminders(&db)
        .await
        .expect("rebuilt");
    let second = server::life::service::keep_reminders(&db)
        .await
        .expect("checked");

    // Assert
    assert!(first.is_some_and(|n| n > 0), "{first:?}");
    assert_eq!(second, None, "built once");
    s.app.assert_reminders_kept(s.day()).await;
    assert_eq!(s.digest(HRSS).await, before);
    // The windows that ended before today (last years' December reminders) are dropped, and the
    // digest does not change.
    let pruned = server::life::service::prune_reminders(&db, s.day())
        .await
        .expect("pruned");
    assert!(
        pruned > 0,
        "the demo's studios had Decembers before 2027-03-01"
    );
    assert_eq!(
        server::life::service::prune_reminders(&db, s.day())
            .await
            .ok(),
        Some(0)
    );
    s.app.assert_reminders_kept(s.day()).await;
    assert_eq!(s.digest(HRSS).await, before);
}
