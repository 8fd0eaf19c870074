//! 第十五条: the annual summary and plan, due 31 December, as 附件 item 7 reads them.

use super::scene::*;
use crate::helpers::validation_fields;
use serde_json::{Value, json};

// 第十五条: the annual summary and plan, due 31 December.

#[tokio::test]
async fn the_summary_is_due_on_31_december_and_overdue_from_1_january() {
    // Arrange: the studio approved on 2026-11-16 owes a report for 2026.
    let s = Scene::on("2026-12-31").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let last_day = s.life(YC, studio).await;
    let last_day_digest = s.digest(YC).await;
    s.today_is("2027-01-01");
    let next_day = s.life(YC, studio).await;
    let next_day_digest = s.digest(YC).await;

    // Assert: due (not overdue) on 31 December, in the studio's view and the unit's digest.
    assert_eq!(last_day["missing_reports"], json!([]), "{last_day}");
    let due = the_item(&last_day["reminders"], "summary_due", studio);
    assert_eq!(due["due"], "2026-12-31", "{due}");
    assert!(
        due["label"].as_str().is_some_and(|l| l.contains("2026")),
        "{due}"
    );
    assert!(
        reminder(&last_day["reminders"], "summary_overdue").is_none(),
        "{last_day}"
    );
    the_item(&last_day_digest["reminders"], "summary_due", studio);
    assert_eq!(last_day_digest["as_of"], "2026-12-31");
    // Overdue from 1 January.
    assert_eq!(next_day["missing_reports"], json!([2026]), "{next_day}");
    let overdue = reminder(&next_day["reminders"], "summary_overdue").expect("summary_overdue");
    assert_eq!(overdue["overdue"], true, "{overdue}");
    assert_eq!(overdue["article"], "第十五条", "{overdue}");
    assert_eq!(
        the_item(&next_day["reminders"], "summary_overdue", studio)["due"],
        "2026-12-31"
    );
    assert!(
        reminder(&next_day["reminders"], "summary_due").is_none(),
        "{next_day}"
    );
    the_item(&next_day_digest["reminders"], "summary_overdue", studio);
    assert!(
        items_about(&next_day_digest["reminders"], "summary_due", studio).is_empty(),
        "{next_day_digest}"
    );
}

#[tokio::test]
async fn a_report_filed_on_31_december_is_on_time_and_on_1_january_late_as_item_7_reads_it() {
    // Arrange: 田文斌's studio files 2026 on 31 December, 马建华's on 1 January, 何宁生's never.
    let s = Scene::on("2026-12-31").await;
    let (on_time, late, missing) = (
        s.studio(GY_BUILDING),
        s.studio(YC_BUILDING),
        s.studio(YONGNING_BUILDING),
    );

    // Act
    let filed_on_time = s.file_report(GY, on_time, 2026).await;
    s.today_is("2027-01-01");
    let filed_late = s.file_report(YC, late, 2026).await;
    s.today_is("2027-01-05");
    let mut body = panel_body(
        "annual",
        Some(2026),
        &s.expert_ids().await,
        &[late, on_time, missing],
    );
    body["session_on"] = json!("2027-01-20");
    let (status, panel) = s.form_panel(HRSS, &body).await;

    // Assert: the filing date and how it counts.
    assert_eq!(filed_on_time["filed_on"], "2026-12-31", "{filed_on_time}");
    assert_eq!(filed_on_time["filing"], "on_time", "{filed_on_time}");
    assert_eq!(filed_on_time["due"], "2026-12-31", "{filed_on_time}");
    assert_eq!(filed_late["filed_on"], "2027-01-01", "{filed_late}");
    assert_eq!(filed_late["filing"], "late", "{filed_late}");
    let life = s.life(YC, late).await;
    assert_eq!(life["reports"][0]["filing"], "late", "{life}");
    assert_eq!(life["missing_reports"], json!([]), "{life}");
    assert!(
        reminder(&life["reminders"], "summary_overdue").is_none(),
        "{life}"
    );
    // 附件 第7项 as the annual panel reads it from the reports: 10 on time, 5 late, 0 missing.
    assert_eq!(status, 201, "{panel}");
    assert_eq!(computed(&panel, on_time, "report"), json!(10.0), "{panel}");
    assert_eq!(computed(&panel, late, "report"), json!(5.0), "{panel}");
    assert_eq!(computed(&panel, missing, "report"), json!(0.0), "{panel}");
    // The other items come from the same report (35 person-times ≥ 30; city media 6).
    assert_eq!(computed(&panel, late, "training"), json!(30.0), "{panel}");
    assert_eq!(computed(&panel, late, "media"), json!(6.0), "{panel}");
    assert_eq!(computed(&panel, missing, "training"), json!(0.0), "{panel}");
}

#[tokio::test]
async fn the_day_turns_at_midnight_in_yinchuan_not_in_utc() {
    // Arrange
    let s = Scene::on("2026-12-31").await;
    let (early, late) = (s.studio(GY_BUILDING), s.studio(YC_BUILDING));

    // Act: one minute before midnight in Yinchuan (15:59 UTC), then midnight itself.
    s.at("2026-12-31T15:59:00Z");
    let last_minute = s.life(YC, late).await;
    let filed_early = s.file_report(GY, early, 2026).await;
    s.at("2026-12-31T16:00:00Z");
    let first_minute = s.life(YC, late).await;
    let filed_late = s.file_report(YC, late, 2026).await;

    // Assert
    assert_eq!(last_minute["as_of"], "2026-12-31", "{last_minute}");
    assert_eq!(
        kinds(&last_minute["reminders"]),
        ["summary_due"],
        "{last_minute}"
    );
    assert_eq!(filed_early["filed_on"], "2026-12-31", "{filed_early}");
    assert_eq!(filed_early["filing"], "on_time", "{filed_early}");
    assert_eq!(first_minute["as_of"], "2027-01-01", "{first_minute}");
    assert_eq!(
        kinds(&first_minute["reminders"]),
        ["summary_overdue"],
        "{first_minute}"
    );
    assert_eq!(filed_late["filed_on"], "2027-01-01", "{filed_late}");
    assert_eq!(filed_late["filing"], "late", "{filed_late}");
}

#[tokio::test]
async fn a_draft_report_can_be_changed_and_a_filed_one_is_final() {
    // Arrange
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let (draft_status, draft) = s.report(YC, studio, &report(2026, false)).await;
    let mut edit = report(2026, false);
    edit["figures"]["training_person_times"] = json!(40);
    let (changed_status, changed) = s.report(YC, studio, &edit).await;
    let before_filing = s.life(YC, studio).await;
    let (filed_status, filed) = s.report(YC, studio, &report(2026, true)).await;
    let (again, refused) = s.report(YC, studio, &report(2026, false)).await;

    // Assert
    assert_eq!(draft_status, 200, "{draft}");
    assert_eq!(draft["filed_on"], Value::Null, "{draft}");
    assert_eq!(changed_status, 200, "{changed}");
    assert_eq!(changed["figures"]["training_person_times"], 40, "{changed}");
    assert_eq!(
        before_filing["targets"]["years"], 0,
        "a draft counts toward no target"
    );
    assert_eq!(filed_status, 200, "{filed}");
    assert_eq!(filed["filed_on"], "2026-12-20", "{filed}");
    assert_eq!(filed["filing"], "on_time", "{filed}");
    assert_eq!(filed["young_senior"], 1, "{filed}");
    assert_eq!(filed["lectures"], 1, "{filed}");
    assert_eq!(again, 409, "a filed report is final: {refused}");
    assert_eq!(refused["code"], "conflict", "{refused}");
    let life = s.life(YC, studio).await;
    assert_eq!(list(&life["reports"]).len(), 1, "{life}");
    assert_eq!(
        life["reports"][0]["figures"]["training_person_times"], 35,
        "{life}"
    );
    assert_eq!(life["targets"]["years"], 1, "{life}");
    assert_eq!(life["targets"]["young_senior_total"], 1, "{life}");
    assert_eq!(life["targets"]["lectures_total"], 1, "{life}");
    assert_eq!(life["targets"]["young_senior_met"], false, "{life}");
}

#[tokio::test]
async fn a_report_names_every_bad_field_and_saves_nothing() {
    // Arrange: the studio's term touches 2026–2028; today is in 2026.
    let s = Scene::on("2026-12-31").await;
    let studio = s.studio(YC_BUILDING);
    let session = s.user(YC).await;
    let path = format!("/api/studios/{studio}/reports");
    let mut incomplete = report(2026, true);
    incomplete["figures"]["media_evidence"] = json!(" ");
    incomplete["figures"]["lectures"][0]["held_on"] = json!("2025-12-31");
    incomplete["summary"] = json!("");
    incomplete["plan"] = json!("  ");

    // Act
    let before_term = s.app.put_as(&session, &path, &report(2025, false)).await;
    let next_year = s.app.put_as(&session, &path, &report(2027, false)).await;
    let bad = s.app.put_as(&session, &path, &incomplete).await;

    // Assert
    assert_eq!(validation_fields(before_term).await, ["year"]);
    assert_eq!(validation_fields(next_year).await, ["year"]);
    assert_eq!(
        validation_fields(bad).await,
        [
            "figures.media_evidence",
            "figures.lectures[0].held_on",
            "summary",
            "plan"
        ]
    );
    let life = s.life(YC, studio).await;
    assert_eq!(life["reports"], json!([]), "{life}");
}

#[tokio::test]
async fn only_the_studios_own_unit_files_its_report() {
    // Arrange
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);
    let body = report(2026, true);

    // Act & Assert: those who see the studio but may not file: 403; the others: 404.
    for (username, expected) in [
        (HRSS, 403),
        (YC_BUREAU, 403),
        (FINANCE, 403),
        (GY, 404),
        (EXPERTS[0], 404),
    ] {
        let (status, refused) = s.report(username, studio, &body).await;
        assert_eq!(status, expected, "{username}: {refused}");
    }
    let anonymous = s
        .app
        .client
        .put(format!("{}/api/studios/{studio}/reports", s.app.address))
        .json(&body)
        .send()
        .await
        .expect("PUT failed");
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(s.life(HRSS, studio).await["reports"], json!([]));
}

#[tokio::test]
async fn a_completed_studio_files_no_more_reports() {
    // Arrange: 马建国's studio passed its end of term.
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(YC_COMPLETED);

    // Act
    let (status, refused) = s.report(YC, studio, &report(2025, true)).await;

    // Assert
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["code"], "conflict", "{refused}");
}

#[tokio::test]
async fn a_studios_life_is_seen_by_whoever_sees_the_studio() {
    // Arrange
    let s = Scene::on("2026-12-01").await;
    let studio = s.studio(YC_BUILDING);

    // Act & Assert
    for username in [YC, YC_BUREAU, HRSS, FINANCE] {
        let life = s.life(username, studio).await;
        assert_eq!(life["studio_id"], studio, "{life}");
        assert_eq!(life["status"], "building", "{life}");
        // The newest demo cohort was approved 30 days before the server's first day (2026-03-02).
        assert_eq!(life["term_start"], "2026-01-31", "{life}");
        assert_eq!(life["term_end"], "2028-01-30", "{life}");
        assert_eq!(life["end_of_term_from"], "2028-01-31", "{life}");
        assert_eq!(life["end_of_term_until"], "2029-01-30", "{life}");
        assert_eq!(life["as_of"], "2026-12-01", "{life}");
    }
    for username in [GY, NX, "gy.bureau", EXPERTS[0]] {
        let (status, body) = s.get(username, &life_path(studio)).await;
        assert_eq!(status, 404, "{username}: {body}");
    }
    assert_eq!(s.app.get(&life_path(studio)).await.status().as_u16(), 401);
    let (status, _) = s.get(HRSS, &life_path(987_654)).await;
    assert_eq!(status, 404);
}

// The second reading: a year due and not filed counts in 第八条's averages.

#[tokio::test]
async fn a_year_due_and_not_filed_counts_as_zero_in_the_targets_of_article_8() {
    // Arrange: 何宁生's studio (approved 2025-01-31) never filed 2025; it files 2026 with five
    // young senior trainees and four lectures.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YONGNING_BUILDING);
    let (_, unit) = s.get(HRSS, &format!("/api/studios/{studio}")).await;
    assert_eq!(unit["unit_name"], "永宁枸杞精深加工有限公司");
    let mut five = report(2026, true);
    five["figures"]["trainees"] = json!((0..5)
        .map(|i| json!({ "name": format!("学员{i}"), "birth_date": "1998-05-01", "level": "senior" }))
        .collect::<Vec<_>>());
    five["figures"]["lectures"] = json!(
        (1..=4)
            .map(|m| json!({ "topic": format!("讲座{m}"), "held_on": format!("2026-0{m}-15") }))
            .collect::<Vec<_>>()
    );
    let (status, filed) = s.report("yc.gouqi", studio, &five).await;
    assert_eq!(status, 200, "{filed}");

    // Act
    let life = s.life(HRSS, studio).await;

    // Assert: two years, one of them empty: 2.5 and 2.0 a year, the targets not met.
    let t = &life["targets"];
    assert_eq!(t["years"], 2, "{t}");
    assert_eq!(t["missing_years"], json!([2025]), "{t}");
    assert_eq!(t["young_senior_avg"], 2.5, "{t}");
    assert_eq!(t["lectures_avg"], 2.0, "{t}");
    assert_eq!(t["young_senior_met"], false, "{t}");
    assert_eq!(life["missing_reports"], json!([2025]), "{life}");
}

#[tokio::test]
async fn what_runs_past_31_july_2028_is_flagged_under_article_21() {
    // Arrange: 马建华's studio: term to 2028-01-30, end-of-term window to 2029-01-30.
    let s = Scene::on("2026-12-20").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let life = s.life(YC, studio).await;

    // Assert
    let flagged: Vec<Value> = list(&life["validity"]).to_vec();
    assert_eq!(flagged.len(), 1, "{life}");
    assert_eq!(flagged[0]["rule"], "validity.beyond", "{life}");
    assert_eq!(flagged[0]["article"], "第二十一条", "{life}");
    assert!(
        flagged[0]["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains("期满考核期限") && m.contains("2029-01-30")),
        "{life}"
    );
}
