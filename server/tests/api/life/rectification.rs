//! 第十五条（二）and 第十七条: the end of term, one year to rectify, a failed re-assessment revokes.

use super::scene::*;
use crate::helpers::json;
use serde_json::{Value, json};

// 第十七条: one year to rectify; a failed re-assessment revokes the title.

#[tokio::test]
async fn rectification_lasts_one_year_from_the_failed_end_of_term() {
    // Arrange: 田文斌's term ended 2026-11-17; its end-of-term panel fails it on 2027-03-15.
    let s = Scene::on("2027-03-15").await;
    let studio = s.studio(GY_BUILDING);

    // Act
    s.end_of_term(&[(studio, 50.0)]).await;
    let failed = s.life(GY, studio).await;
    s.today_is("2028-03-15");
    let last_day = s.life(GY, studio).await;
    s.today_is("2028-03-16");
    let next_day = s.life(GY, studio).await;
    let hrss = s.digest(HRSS).await;

    // Assert
    assert_eq!(failed["status"], "rectifying", "{failed}");
    assert_eq!(failed["rectification_until"], "2028-03-15", "{failed}");
    let assessment = &failed["assessments"][0];
    assert_eq!(assessment["kind"], "end_of_term", "{assessment}");
    assert_eq!(assessment["total"], json!(50.0), "{assessment}");
    assert_eq!(assessment["grade"]["grade"], "unqualified", "{assessment}");
    assert_eq!(
        assessment["outcome"],
        json!({ "outcome": "rectify", "until": "2028-03-15" }),
        "{assessment}"
    );
    assert_eq!(assessment["decided_on"], "2027-03-15", "{assessment}");
    let due = the_item(&last_day["reminders"], "rectification_due", studio);
    assert_eq!(due["due"], "2028-03-15", "{due}");
    assert!(
        reminder(&last_day["reminders"], "rectification_overdue").is_none(),
        "{last_day}"
    );
    let overdue = the_item(&next_day["reminders"], "rectification_overdue", studio);
    assert_eq!(overdue["due"], "2028-03-15", "{overdue}");
    assert!(
        reminder(&next_day["reminders"], "rectification_due").is_none(),
        "{next_day}"
    );
    the_item(&hrss["reminders"], "rectification_overdue", studio);
    // Rectifying: no annual assessment any more, and no end-of-term reminder.
    assert!(
        reminder(&next_day["reminders"], "end_of_term_overdue").is_none(),
        "{next_day}"
    );
}

#[tokio::test]
async fn a_rectification_from_29_february_ends_on_28_february_of_the_next_year() {
    // Arrange: 何宁生's studio (term to 2027-11-16) fails its end of term on a leap day.
    let s = Scene::on("2028-02-29").await;
    let studio = s.studio(YONGNING_BUILDING);

    // Act
    s.end_of_term(&[(studio, 40.0)]).await;
    let failed = s.life(HRSS, studio).await;
    s.today_is("2029-02-28");
    let last_day = s.life(HRSS, studio).await;
    s.today_is("2029-03-01");
    let next_day = s.life(HRSS, studio).await;

    // Assert
    assert_eq!(failed["rectification_until"], "2029-02-28", "{failed}");
    the_item(&last_day["reminders"], "rectification_due", studio);
    the_item(&next_day["reminders"], "rectification_overdue", studio);
}

#[tokio::test]
async fn a_failed_re_assessment_revokes_the_title_and_a_passed_one_completes_the_studio() {
    // Arrange: two studios fail their end of term on 2027-03-15.
    let s = Scene::on("2027-03-15").await;
    let (fails, passes) = (s.studio(GY_BUILDING), s.studio(LINGWU_BUILDING));
    s.end_of_term(&[(fails, 50.0), (passes, 59.0)]).await;
    let rectifying = [s.life(HRSS, fails).await, s.life(HRSS, passes).await];

    // Act: the re-assessment once the rectification year is over (第十七条).
    s.today_is("2028-03-16");
    s.end_of_term(&[(fails, 55.0), (passes, 75.0)]).await;
    let revoked = s.life(GY, fails).await;
    let completed = s.life(HRSS, passes).await;

    // Assert
    for life in &rectifying {
        assert_eq!(life["status"], "rectifying", "{life}");
        assert_eq!(life["rectification_until"], "2028-03-15", "{life}");
    }
    assert_eq!(revoked["status"], "revoked", "{revoked}");
    let kinds_of = |life: &Value| -> Vec<Value> {
        list(&life["assessments"])
            .iter()
            .map(|a| a["kind"].clone())
            .collect()
    };
    assert_eq!(
        kinds_of(&revoked),
        [json!("end_of_term"), json!("re_assessment")]
    );
    assert_eq!(
        revoked["assessments"][1]["outcome"]["outcome"], "revoke",
        "{revoked}"
    );
    assert_eq!(
        revoked["assessments"][1]["decided_on"], "2028-03-16",
        "{revoked}"
    );
    assert_eq!(
        revoked["reminders"],
        json!([]),
        "a revoked studio owes nothing: {revoked}"
    );
    assert_eq!(completed["status"], "completed", "{completed}");
    assert_eq!(completed["rectification_until"], Value::Null, "{completed}");
    assert_eq!(
        kinds_of(&completed),
        [json!("end_of_term"), json!("re_assessment")]
    );
    assert_eq!(
        completed["assessments"][1]["outcome"]["outcome"],
        "completed"
    );
    // A revoked studio leaves the public list and files nothing more.
    let public = json(s.app.get("/api/public/studios").await).await;
    let listed: Vec<i64> = list(&public["studios"])
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    assert!(!listed.contains(&fails), "{public}");
    assert!(listed.contains(&passes), "{public}");
    let (status, refused) = s.report(GY, fails, &report(2026, true)).await;
    assert_eq!(status, 409, "{refused}");
}

// The second reading: when an assessment may be held, what it reads, and the exact mean.

#[tokio::test]
async fn an_end_of_term_before_the_term_ends_and_a_reassessment_within_the_year_are_refused() {
    // Arrange: 马建华's studio was approved 2026-01-31 (term to 2028-01-30).
    let s = Scene::on("2027-01-10").await;
    let studio = s.studio(YC_BUILDING);
    let experts = s.expert_ids().await;

    // Act: an end-of-term panel during the term; then one the day after it ended.
    let early = s
        .form_panel(HRSS, &panel_body("end_of_term", None, &experts, &[studio]))
        .await;
    s.today_is("2028-01-31");
    s.end_of_term(&[(studio, 58.0)]).await;
    let rect = s.life(HRSS, studio).await;
    // The re-assessment the next day, and on the last day of the year of rectification.
    s.today_is("2028-02-01");
    let next_day = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &s.expert_ids().await, &[studio]),
        )
        .await;
    s.today_is("2029-01-31");
    let last_day = s
        .form_panel(
            HRSS,
            &panel_body("end_of_term", None, &s.expert_ids().await, &[studio]),
        )
        .await;
    s.today_is("2029-02-01");
    s.end_of_term(&[(studio, 59.0)]).await;
    let after = s.life(HRSS, studio).await;

    // Assert: each refusal names the candidate and the day from which it is allowed.
    assert_eq!(early.0, 422, "{}", early.1);
    assert_eq!(
        early.1["fields"][0]["field"], "candidates[0]",
        "{}",
        early.1
    );
    assert!(
        early.1["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("自 2028-01-31 起") && m.contains("第十五条（二）")),
        "{}",
        early.1
    );
    assert_eq!(rect["status"], "rectifying", "{rect}");
    assert_eq!(rect["rectification_until"], "2029-01-31", "{rect}");
    for refused in [&next_day, &last_day] {
        assert_eq!(refused.0, 422, "{}", refused.1);
        assert!(
            refused.1["fields"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("自 2029-02-01 起") && m.contains("第十七条")),
            "{}",
            refused.1
        );
    }
    assert_eq!(after["status"], "revoked", "{after}");
}

#[tokio::test]
async fn the_grade_is_taken_on_the_exact_mean_so_59_97_is_unqualified_though_it_shows_60_0() {
    // Arrange: 田文斌's studio ended its term on 2026-01-30; three experts give 59.9, 59.9, 60.1.
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(GY_BUILDING);
    let panel = s
        .assessment_panel(HRSS, "end_of_term", None, &[studio])
        .await;

    // Act
    s.score_each(&panel, &[(studio, [59.9, 59.9, 60.1])]).await;
    let (status, closed) = s.close(&panel).await;
    let life = s.life(HRSS, studio).await;

    // Assert
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["ranking"][0]["score"], 60.0, "{closed}");
    assert_eq!(
        closed["ranking"][0]["mean"],
        json!({ "sum": 1799, "count": 3 }),
        "{closed}"
    );
    let result = &life["assessments"][0];
    assert_eq!(result["total"], 60.0, "{result}");
    assert_eq!(result["exact_mean"], "59.97", "{result}");
    assert_eq!(result["grade"]["grade"], "unqualified", "{result}");
    assert!(
        result["grade"]["policy_note"]
            .as_str()
            .is_some_and(|n| n.contains("59.97")),
        "the result says why a 60.0 is not qualified: {result}"
    );
    assert_eq!(result["outcome"]["outcome"], "rectify", "{result}");
    assert_eq!(life["status"], "rectifying", "{life}");
}

#[tokio::test]
async fn the_end_of_term_reads_the_final_years_report_and_a_missing_one_scores_as_missing() {
    // Arrange: 田文斌's term ran 2024-01-31..2026-01-30; the 2024 and 2025 reports are filed, the
    // final year's (2026) not yet.
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(GY_BUILDING);
    s.file_report(GY, studio, 2024).await;
    s.file_report(GY, studio, 2025).await;

    // Act: a panel now, and one after the final year's report is filed.
    let without = s
        .assessment_panel(HRSS, "end_of_term", None, &[studio])
        .await;
    s.file_report(GY, studio, 2026).await;
    let with = s
        .assessment_panel(HRSS, "end_of_term", None, &[studio])
        .await;

    // Assert: the latest filed (2025) is not read in the final year's place.
    assert_eq!(computed(&without, studio, "report"), 0.0, "{without}");
    assert_eq!(computed(&without, studio, "training"), 0.0, "{without}");
    assert_eq!(computed(&with, studio, "report"), 10.0, "{with}");
    assert_eq!(computed(&with, studio, "training"), 30.0, "{with}");
}

#[tokio::test]
async fn an_assessment_sheet_takes_only_the_scores_the_annex_gives() {
    // Arrange: an annual panel on 马建华's studio (regional).
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(YC_BUILDING);
    let panel = s
        .assessment_panel(HRSS, "annual", Some(2026), &[studio])
        .await;
    let panel_id = panel["id"].as_i64().expect("panel id");
    let (_, view) = s.get(EXPERTS[0], &format!("/api/panels/{panel_id}")).await;
    let me = s.user_id(EXPERTS[0]).await;
    let sheet = list(&view["sheets"])
        .iter()
        .find(|x| x["expert_id"] == me)
        .expect("zhang's sheet")["id"]
        .clone();
    let change = |item: &str, value: f64| json!({ "id": fresh_id(item), "sheet_id": sheet, "item": item, "value": value, "client_at": CLIENT_AT });

    // Act: 5 for a yes/no item, 10 for training (regional: 0 or 27.1–30), then valid ones.
    let body = json!({ "changes": [
        change("team_training", 5.0), change("training", 10.0), change("media", 7.0),
        change("team_training", 10.0), change("training", 28.5), change("media", 8.0),
    ] });
    let (status, result) = s.post(EXPERTS[0], "/api/scoring/sync", &body).await;

    // Assert
    assert_eq!(status, 200, "{result}");
    assert_eq!(list(&result["rejected"]).len(), 3, "{result}");
    assert_eq!(list(&result["accepted"]).len(), 3, "{result}");
    assert!(
        result["rejected"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("不是附件规定的分值") && r.contains("10.0")),
        "{result}"
    );
}
