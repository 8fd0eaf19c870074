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
