//! 第十五条（一）: annual results, filed by 31 January, recorded by the city bureaus and HRSS.

use super::scene::*;
use serde_json::json;

// 第十五条（一）: annual results filed by 31 January.

#[tokio::test]
async fn annual_results_are_due_on_31_january_and_overdue_from_1_february() {
    // Arrange: the studio (approved 2026-11-16) filed its 2026 report on time.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    s.file_report(YC, studio, 2026).await;

    // Act
    s.today_is("2027-01-31");
    let last_day = s.life(YC, studio).await;
    let last_day_bureau = s.digest(YC_BUREAU).await;
    s.today_is("2027-02-01");
    let next_day = s.life(YC, studio).await;
    let digests = [
        (YC, s.digest(YC).await),
        (YC_BUREAU, s.digest(YC_BUREAU).await),
        (HRSS, s.digest(HRSS).await),
    ];
    let finance = s.digest(FINANCE).await;

    // Assert
    assert_eq!(last_day["reminders"], json!([]), "{last_day}");
    assert!(
        items_about(&last_day_bureau["reminders"], "results_overdue", studio).is_empty(),
        "{last_day_bureau}"
    );
    let overdue = the_item(&next_day["reminders"], "results_overdue", studio);
    assert_eq!(overdue["due"], "2027-01-31", "{overdue}");
    assert!(
        overdue["label"]
            .as_str()
            .is_some_and(|l| l.contains("2026")),
        "{overdue}"
    );
    assert_eq!(
        kinds(&next_day["reminders"]),
        ["results_overdue"],
        "{next_day}"
    );
    for (username, digest) in &digests {
        let item = the_item(&digest["reminders"], "results_overdue", studio);
        assert_eq!(item["due"], "2027-01-31", "{username}: {item}");
    }
    assert!(
        reminder(&finance["reminders"], "results_overdue").is_none(),
        "{finance}"
    );
}

#[tokio::test]
async fn a_city_bureau_assesses_its_own_channels_studios_and_clears_the_overdue_result() {
    // Arrange: 2026's result of 马建华's studio is overdue on 1 February.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    s.file_report(YC, studio, 2026).await;
    s.today_is("2027-02-01");
    let experts = s.expert_ids().await;

    // Act
    let (outside, refused) = s
        .form_panel(
            YC_BUREAU,
            &panel_body("annual", Some(2026), &experts, &[s.studio(GY_BUILDING)]),
        )
        .await;
    let (end_of_term, forbidden) = s
        .form_panel(
            YC_BUREAU,
            &panel_body("end_of_term", None, &experts, &[studio]),
        )
        .await;
    let (no_year, yearless) = s
        .form_panel(YC_BUREAU, &panel_body("annual", None, &experts, &[studio]))
        .await;
    let panel = s
        .assessment_panel(YC_BUREAU, "annual", Some(2026), &[studio])
        .await;
    let (listed_status, listed) = s.get(YC_BUREAU, "/api/panels").await;
    let closed = s.score_and_close(&panel, &[(studio, 88.0)]).await;

    // Assert
    assert_eq!(outside, 422, "{refused}");
    assert!(
        refused["fields"].to_string().contains("candidates[0]"),
        "{refused}"
    );
    assert_eq!(end_of_term, 403, "{forbidden}");
    assert_eq!(no_year, 422, "{yearless}");
    assert!(
        yearless["fields"].to_string().contains("\"year\""),
        "{yearless}"
    );
    assert_eq!(listed_status, 200, "{listed}");
    assert_eq!(list(&listed).len(), 1, "{listed}");
    assert_eq!(closed["state"], "closed", "{closed}");
    let life = s.life(YC, studio).await;
    let assessments = list(&life["assessments"]);
    assert_eq!(assessments.len(), 1, "{life}");
    let annual = &assessments[0];
    assert_eq!(annual["kind"], "annual", "{annual}");
    assert_eq!(annual["year"], 2026, "{annual}");
    assert_eq!(annual["total"], json!(88.0), "{annual}");
    assert_eq!(annual["grade"]["grade"], "excellent", "{annual}");
    assert_eq!(annual["outcome"]["outcome"], "recorded", "{annual}");
    assert_eq!(annual["decided_on"], "2027-02-01", "{annual}");
    assert_eq!(list(&annual["items"]).len(), 7, "{annual}");
    assert!(
        list(&annual["items"])
            .iter()
            .all(|i| i["explanation"].as_str().is_some_and(|e| !e.is_empty())),
        "every item explains how the figures read: {annual}"
    );
    let report_item = list(&annual["items"])
        .iter()
        .find(|i| i["key"] == "report")
        .expect("item 7");
    assert!(
        report_item["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("按时")),
        "{report_item}"
    );
    assert_eq!(
        life["status"], "building",
        "an annual result changes no status"
    );
    assert!(
        reminder(&life["reminders"], "results_overdue").is_none(),
        "{life}"
    );
}

#[tokio::test]
async fn an_assessment_is_recorded_once_per_kind_and_year() {
    // Arrange: a first annual 2026 panel on the studio has closed.
    let s = Scene::on("2027-01-10").await;
    let studio = s.studio(YC_BUILDING);
    let first = s
        .assessment_panel(HRSS, "annual", Some(2026), &[studio])
        .await;
    s.score_and_close(&first, &[(studio, 75.0)]).await;
    let second = s
        .assessment_panel(HRSS, "annual", Some(2026), &[studio])
        .await;
    let second_id = second["id"].as_i64().expect("panel id");
    s.score_all(&second, &[(studio, 70.0)]).await;

    // Act: closing would record 2026's annual result a second time.
    let (status, refused) = s.close(&second).await;

    // Assert
    assert_eq!(status, 409, "{refused}");
    let life = s.life(HRSS, studio).await;
    assert_eq!(list(&life["assessments"]).len(), 1, "{life}");
    assert_eq!(life["assessments"][0]["total"], json!(75.0), "{life}");
    let (_, still) = s.get(HRSS, &format!("/api/panels/{second_id}")).await;
    assert_eq!(
        still["state"], "open",
        "nothing of the refused close is kept: {still}"
    );
}

#[tokio::test]
async fn assessment_candidates_must_be_in_a_state_the_assessment_applies_to() {
    // Arrange
    let s = Scene::on("2027-01-10").await;
    let experts = s.expert_ids().await;
    let rectifying = s.studio(RECTIFYING);
    let completed = s.studio(YC_COMPLETED);

    // Act
    let annual_on_rectifying = s
        .form_panel(
            HRSS,
            &panel_body("annual", Some(2026), &experts, &[rectifying]),
        )
        .await;
    let end_of_term_on_completed = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &experts, &[completed]),
        )
        .await;
    let end_of_term_on_rectifying = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &experts, &[rectifying]),
        )
        .await;
    let annual_without_year = s
        .form_panel(
            HRSS,
            &panel_body("annual", None, &experts, &[s.studio(YC_BUILDING)]),
        )
        .await;

    // Assert
    for (what, (status, body)) in [
        ("annual on a rectifying studio", &annual_on_rectifying),
        (
            "end of term on a completed studio",
            &end_of_term_on_completed,
        ),
    ] {
        assert_eq!(*status, 422, "{what}: {body}");
        assert_eq!(
            body["fields"][0]["field"], "candidates[0]",
            "{what}: {body}"
        );
    }
    assert_eq!(
        end_of_term_on_rectifying.0, 201,
        "{}",
        end_of_term_on_rectifying.1
    );
    assert_eq!(annual_without_year.0, 422, "{}", annual_without_year.1);
    assert_eq!(annual_without_year.1["fields"][0]["field"], "year");
}
