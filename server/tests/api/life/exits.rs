//! 第十八条: exits, the return of unused funds, and the 3-year ban and its exceptions.

use super::scene::*;
use crate::helpers::{facts, id, json, new_application, validation_fields, version};
use serde_json::{Value, json};

// 第十八条: exits, the return of unused funds, and the 3-year ban.

#[tokio::test]
async fn an_exit_fixes_the_return_due_refuses_new_money_and_counts_returns_until_settled() {
    // Arrange: ¥60,000 disbursed, ¥10,000 used and ¥5,000 returned before the exit.
    let s = Scene::on("2026-11-02").await;
    let studio = s.studio(YC_COMPLETED);
    s.record(FINANCE, studio, &disbursement(6_000_000, "2026-11-02"))
        .await;
    s.record(YC, studio, &usage(1_000_000, "2026-11-02")).await;
    s.record(FINANCE, studio, &return_of(500_000, "2026-11-02"))
        .await;
    s.today_is("2026-11-20");
    let finance_before = s.digest(FINANCE).await;

    // Act
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("funds_misused", "2026-11-20"))
        .await;
    let (twice, again) = s
        .exit(HRSS, studio, &exit_body("fraud", "2026-11-20"))
        .await;
    let (paid, no_more_money) = s
        .ledger(FINANCE, studio, &disbursement(100, "2026-11-20"))
        .await;
    let (used, no_more_spending) = s.ledger(YC, studio, &usage(100, "2026-11-20")).await;
    s.record(FINANCE, studio, &return_of(1_000_000, "2026-11-20"))
        .await;
    let partly = s.life(YC, studio).await;
    let finance_partly = s.digest(FINANCE).await;
    let applicant_partly = s.digest(YC).await;
    s.record(FINANCE, studio, &return_of(3_500_000, "2026-11-20"))
        .await;
    let settled = s.life(HRSS, studio).await;
    let finance_settled = s.digest(FINANCE).await;

    // Assert
    assert_eq!(status, 201, "{exited}");
    assert_eq!(exited["status"], "exited", "{exited}");
    let exit = &exited["exit"];
    assert_eq!(exit["case"], "funds_misused", "{exit}");
    assert_eq!(exit["article"], "第十八条（三）", "{exit}");
    assert_eq!(exit["decided_on"], "2026-11-20", "{exit}");
    assert_eq!(exit["ban_until"], "2029-11-20", "{exit}");
    assert_eq!(
        exit["return_due"], 4_500_000,
        "disbursed − used − returned: {exit}"
    );
    assert_eq!(exit["returned_since"], 0, "{exit}");
    assert_eq!(exit["outstanding"], 4_500_000, "{exit}");
    assert_eq!(exit["decided_by"], HRSS, "{exit}");
    assert_eq!(twice, 409, "{again}");
    assert_eq!(paid, 409, "{no_more_money}");
    assert_eq!(used, 409, "{no_more_spending}");
    assert_eq!(partly["exit"]["returned_since"], 1_000_000, "{partly}");
    assert_eq!(partly["exit"]["outstanding"], 3_500_000, "{partly}");
    the_item(&partly["reminders"], "return_outstanding", studio);
    assert_eq!(finance_before["reminders"], json!([]), "{finance_before}");
    assert_eq!(
        kinds(&finance_partly["reminders"]),
        ["return_outstanding"],
        "{finance_partly}"
    );
    the_item(&finance_partly["reminders"], "return_outstanding", studio);
    the_item(&applicant_partly["reminders"], "return_outstanding", studio);
    assert_eq!(settled["exit"]["outstanding"], 0, "{settled}");
    assert_eq!(settled["exit"]["return_due"], 4_500_000, "{settled}");
    assert!(
        reminder(&settled["reminders"], "return_outstanding").is_none(),
        "{settled}"
    );
    assert_eq!(finance_settled["reminders"], json!([]), "{finance_settled}");
    // Exited: off the public list, still on record for HRSS and the unit.
    let public = json(s.app.get("/api/public/studios").await).await;
    assert!(
        list(&public["studios"]).iter().all(|r| r["id"] != studio),
        "{public}"
    );
    let (status, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(
        (status, row["status"].clone()),
        (200, json!("exited")),
        "{row}"
    );
}

#[tokio::test]
async fn the_outstanding_return_is_what_the_unit_still_holds_when_the_exit_follows_a_return_the_same_day()
 {
    // Arrange: ¥60,000 disbursed, ¥10,000 returned, all today; the unit holds ¥50,000.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_COMPLETED);
    s.record(FINANCE, studio, &disbursement(6_000_000, "2026-11-20"))
        .await;
    s.record(FINANCE, studio, &return_of(1_000_000, "2026-11-20"))
        .await;

    // Act: the exit is decided today, after the return was booked.
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;

    // Assert: nothing came back since the exit; the whole ¥50,000 is still to return.
    assert_eq!(status, 201, "{exited}");
    let (_, ledger) = s.get(HRSS, &format!("/api/studios/{studio}/ledger")).await;
    let held = ledger["balance"]["disbursed"].as_i64().unwrap_or_default()
        - ledger["balance"]["used"].as_i64().unwrap_or_default()
        - ledger["balance"]["returned"].as_i64().unwrap_or_default();
    assert_eq!(held, 5_000_000, "{ledger}");
    assert_eq!(exited["exit"]["return_due"], 5_000_000, "{exited}");
    assert_eq!(exited["exit"]["outstanding"], held, "{exited}");
}

#[tokio::test]
async fn an_exit_is_decided_by_hrss_on_a_checked_date_with_the_facts_its_case_needs() {
    // Arrange
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let session = s.user(HRSS).await;
    let path = format!("/api/studios/{studio}/exit");
    let mut fraud = exit_body("fraud", "2026-11-20");
    fraud["investigation"] = json!("");

    // Act
    let future = s
        .app
        .post_as(&session, &path, &exit_body("leader_unable", "2026-11-21"))
        .await;
    let before_approval = s
        .app
        .post_as(&session, &path, &exit_body("leader_unable", "2026-01-30"))
        .await;
    let uninvestigated = s.app.post_as(&session, &path, &fraud).await;
    let mut others = Vec::new();
    for username in [YC, YC_BUREAU, FINANCE, EXPERTS[0]] {
        let (status, _) = s
            .exit(username, studio, &exit_body("leader_unable", "2026-11-20"))
            .await;
        others.push((username, status));
    }
    let (missing, _) = s
        .exit(HRSS, 987_654, &exit_body("leader_unable", "2026-11-20"))
        .await;

    // Assert
    assert_eq!(validation_fields(future).await, ["decided_on"]);
    assert_eq!(validation_fields(before_approval).await, ["decided_on"]);
    assert_eq!(validation_fields(uninvestigated).await, ["investigation"]);
    assert_eq!(
        others,
        [
            (YC, 403),
            (YC_BUREAU, 403),
            (FINANCE, 403),
            (EXPERTS[0], 403)
        ]
    );
    assert_eq!(missing, 404);
    let life = s.life(HRSS, studio).await;
    assert_eq!(
        (life["status"].clone(), life["exit"].clone()),
        (json!("building"), Value::Null)
    );
}

#[tokio::test]
async fn the_ban_lasts_until_the_third_anniversary_of_the_exit_inclusive() {
    // Arrange: 马建国's studio (approved 2023-01-31) was made to exit on 2023-11-20.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_COMPLETED);
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2023-11-20"))
        .await;
    assert_eq!(status, 201, "{exited}");

    // Act: the unit writes an application on the 3rd anniversary, typing no exit, and submits it
    // that day and again on the next (the submission day decides, 第十八条).
    let anniversary = s.application_dated("2026-11-20").await;
    let refused = s.submit(&anniversary).await;
    let (_, still_draft) =
        answer(s.app.application(&s.user(YC).await, id(&anniversary)).await).await;
    s.today_is("2026-11-21");
    let (_, next_day) = answer(s.app.application(&s.user(YC).await, id(&anniversary)).await).await;
    let accepted = s.submit(&next_day).await;

    // Assert
    assert_eq!(exited["exit"]["ban_until"], "2026-11-20", "{exited}");
    let banned = finding(&anniversary, "ban.reapplication");
    assert_eq!(banned["severity"], "fail", "{banned}");
    assert_eq!(
        anniversary["eligibility"]["verdict"], "fail",
        "{anniversary}"
    );
    assert_eq!(
        anniversary["facts"]["unit"]["last_exit_date"],
        Value::Null,
        "as typed"
    );
    assert_eq!(refused.0, 409, "{}", refused.1);
    assert_eq!(still_draft["state"], "draft", "{still_draft}");
    assert_eq!(
        finding(&next_day, "ban.reapplication")["severity"],
        "pass",
        "{next_day}"
    );
    assert_eq!(accepted.0, 200, "{}", accepted.1);
    assert_eq!(accepted.1["state"], "submitted", "{}", accepted.1);
}

#[tokio::test]
async fn the_ban_follows_the_leader_to_another_unit() {
    // Arrange: 马小龙 (born 1975-03-10) took over 马建华's studio, which was then made to exit.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2026-11-18", "马小龙", qualified_leader()),
        )
        .await;
    let change_id = change["id"].as_i64().expect("change id");
    let (approved, decided) = s.decide(HRSS, change_id, "decide", &approve()).await;
    assert_eq!(approved, 200, "{decided}");
    let (exited, life) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;
    assert_eq!(exited, 201, "{life}");

    // Act: another unit applies with 马小龙 as its leader, typing no exit; it withdraws that and
    // applies with someone else (one application per unit and round).
    let same_leader = s.school_application("2026-11-20", "马小龙").await;
    let gy = s.user(GY).await;
    s.app.act(&gy, &same_leader, "withdraw", json!({})).await;
    let other_leader = s.school_application("2026-11-20", "李明").await;

    // Assert
    assert_eq!(
        same_leader["facts"]["leader"]["last_exit_date"],
        Value::Null,
        "as typed"
    );
    let banned = finding(&same_leader, "ban.reapplication");
    assert_eq!(banned["severity"], "fail", "{banned}");
    assert!(
        banned["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains("带头人")),
        "the leader is what is barred: {banned}"
    );
    assert_eq!(
        finding(&other_leader, "ban.reapplication")["severity"],
        "pass",
        "{other_leader}"
    );
}

#[tokio::test]
async fn hrss_may_lift_the_ban_of_one_exit_for_one_round_with_a_recorded_reason() {
    // Arrange: 马建国's studio exits today; its unit's new application is barred.
    let s = Scene::on("2026-10-15").await;
    let studio = s.studio(YC_COMPLETED);
    let (status, exited) = s
        .exit(HRSS, studio, &exit_body("unit_dissolved", "2026-10-15"))
        .await;
    assert_eq!(status, 201, "{exited}");
    let draft = s.application_dated("2026-10-15").await;
    let exit_id = draft["ban_exits"][0]["exit_id"]
        .as_i64()
        .expect("the exit that bars");
    let round = draft["round_id"].as_i64().expect("round");
    let reason = "原单位重组后新设，经厅务会研究准予例外";
    let body = |exit: i64, round: i64, subject: &str, reason: &str| json!({ "exit_id": exit, "round_id": round, "subject": subject, "reason": reason });

    // Act
    let short = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(exit_id, round, "unit", "准予例"),
        )
        .await;
    let long = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(exit_id, round, "unit", &"理".repeat(2001)),
        )
        .await;
    let nowhere = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(987_654, round, "unit", reason),
        )
        .await;
    let no_round = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(exit_id, 987_654, "unit", reason),
        )
        .await;
    let by_applicant = s
        .post(
            YC,
            "/api/admin/ban-overrides",
            &body(exit_id, round, "unit", reason),
        )
        .await;
    let before = answer(s.app.application(&s.user(YC).await, id(&draft)).await).await;
    let (granted_status, granted) = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(exit_id, round, "unit", reason),
        )
        .await;
    let again = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &body(exit_id, round, "unit", reason),
        )
        .await;
    let (_, overrides) = s.get(HRSS, "/api/admin/ban-overrides").await;
    let (_, audit) = s
        .get(
            HRSS,
            &format!("/api/admin/audit?object_type=studio_exit&object_id={exit_id}"),
        )
        .await;
    let (_, after) = answer(s.app.application(&s.user(YC).await, id(&draft)).await).await;
    let unjustified = s.submit(&after).await;
    let mut edit = json!({
        "version": version(&after), "facts": after["facts"], "profile": after["profile"],
        "justifications": { "ban.reapplication": "单位重组新设，已获人社厅准予例外。" }
    });
    edit["facts"]["unit"]["last_exit_date"] = Value::Null;
    let (edited_status, edited) = s
        .put(YC, &format!("/api/applications/{}", id(&draft)), &edit)
        .await;
    let submitted = s.submit(&edited).await;

    // Assert
    assert_eq!(short.0, 422, "{}", short.1);
    assert_eq!(short.1["fields"][0]["field"], "reason", "{}", short.1);
    assert_eq!(long.0, 422, "{}", long.1);
    assert_eq!(nowhere.0, 422, "{}", nowhere.1);
    assert_eq!(nowhere.1["fields"][0]["field"], "exit_id", "{}", nowhere.1);
    assert_eq!(
        no_round.1["fields"][0]["field"], "round_id",
        "{}",
        no_round.1
    );
    assert_eq!(by_applicant.0, 403, "{}", by_applicant.1);
    assert_eq!(finding(&before.1, "ban.reapplication")["severity"], "fail");
    assert_eq!(before.1["ban_exits"][0]["subject"], "unit", "{}", before.1);
    assert_eq!(before.1["ban_exits"][0]["excepted"], false, "{}", before.1);
    assert_eq!(granted_status, 201, "{granted}");
    assert_eq!(granted["unit_name"], YC_UNIT, "{granted}");
    assert_eq!(granted["subject"], "unit", "{granted}");
    assert_eq!(granted["round_year"], 2026, "{granted}");
    assert_eq!(granted["granted_by"], HRSS, "{granted}");
    assert_eq!(
        again.0, 409,
        "one exception per exit, round and subject: {}",
        again.1
    );
    assert_eq!(list(&overrides).len(), 1, "{overrides}");
    assert_eq!(overrides[0]["reason"], reason, "{overrides}");
    assert!(
        list(&audit).iter().any(|e| e["action"] == "ban.override"),
        "{audit}"
    );
    let lifted = finding(&after, "ban.reapplication");
    assert_eq!(lifted["severity"], "warning", "{lifted}");
    assert!(
        lifted["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains(reason)),
        "{lifted}"
    );
    assert_eq!(after["ban_exits"][0]["excepted"], true, "{after}");
    assert!(
        list(&after["unjustified"]).contains(&json!("ban.reapplication")),
        "{after}"
    );
    assert_eq!(
        unjustified.0, 409,
        "a warning still needs its justification: {}",
        unjustified.1
    );
    assert_eq!(edited_status, 200, "{edited}");
    assert_eq!(submitted.0, 200, "{}", submitted.1);
}

#[tokio::test]
async fn an_exception_does_not_reach_another_round_nor_the_leaders_own_ban() {
    // Arrange: 马小龙 took over 马建华's studio, which was then made to exit: both the unit
    // (银川塞上机床) and 马小龙 are barred. HRSS excepts the unit for the 2026 round.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2026-11-18", "马小龙", qualified_leader()),
        )
        .await;
    let change_id = change["id"].as_i64().expect("change id");
    let (approved, decided) = s.decide(HRSS, change_id, "decide", &approve()).await;
    assert_eq!(approved, 200, "{decided}");
    let (exited, life) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;
    assert_eq!(exited, 201, "{life}");
    let yc = s.user(YC).await;
    let round_2026 = s.app.round_id(&yc, 2026).await;
    let mut body = new_application(round_2026, facts("enterprise"));
    body["profile"]["leader_name"] = json!("马小龙");
    let draft = s.app.create_application(&yc, &body).await;
    let exit_id = draft["ban_exits"][0]["exit_id"].as_i64().expect("exit");
    let subjects: Vec<Value> = list(&draft["ban_exits"])
        .iter()
        .map(|e| e["subject"].clone())
        .collect();
    let (granted, _) = s
        .post(
            HRSS,
            "/api/admin/ban-overrides",
            &json!({ "exit_id": exit_id, "round_id": round_2026, "subject": "unit", "reason": "单位整改到位，准予本轮例外申报" }),
        )
        .await;
    let (_, unit_only) = answer(s.app.application(&yc, id(&draft)).await).await;

    // Act: a 2027 round opened early; the unit applies there too, with another leader.
    let (status, round_2027) = s
        .post(
            HRSS,
            "/api/rounds",
            &json!({ "year": 2027, "title": "2027年度申报（提前受理）", "opens_on": "2026-11-01", "closes_on": "2027-12-31", "regional_slots": 5, "national_slots": 1 }),
        )
        .await;
    assert_eq!(status, 201, "{round_2027}");
    let next = s
        .app
        .create_application(
            &yc,
            &new_application(round_2027["id"].as_i64().expect("id"), facts("enterprise")),
        )
        .await;

    // Assert: both the unit and the leader were barred; the unit's exception for 2026 leaves the
    // leader barred in 2026 and the unit barred in 2027.
    assert_eq!(subjects, [json!("unit"), json!("leader")], "{draft}");
    assert_eq!(granted, 201);
    assert_eq!(
        finding(&unit_only, "ban.reapplication")["severity"],
        "fail",
        "{unit_only}"
    );
    let excepted: Vec<(Value, Value)> = list(&unit_only["ban_exits"])
        .iter()
        .map(|e| (e["subject"].clone(), e["excepted"].clone()))
        .collect();
    assert_eq!(
        excepted,
        [
            (json!("unit"), json!(true)),
            (json!("leader"), json!(false))
        ]
    );
    assert_eq!(
        finding(&next, "ban.reapplication")["severity"],
        "fail",
        "{next}"
    );
    assert_eq!(next["ban_exits"][0]["excepted"], false, "{next}");
}

// The second reading: the leader by identity number; a record without one goes to a person.

#[tokio::test]
async fn the_leaders_ban_follows_the_identity_number_not_the_name() {
    // Arrange: 马小龙 (identity number of a leader born 1975-03-10) took over 马建华's studio,
    // which was then made to exit.
    let s = Scene::on("2026-11-20").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2026-11-18", "马小龙", qualified_leader()),
        )
        .await;
    let (approved, _) = s
        .decide(
            HRSS,
            change["id"].as_i64().expect("id"),
            "decide",
            &approve(),
        )
        .await;
    assert_eq!(approved, 200);
    let (exited, _) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2026-11-20"))
        .await;
    assert_eq!(exited, 201);
    let gy = s.user(GY).await;
    let round = s.app.round_id(&gy, 2026).await;

    // Act: the same name with another person's number; another name with 马小龙's number.
    let mut namesake = new_application(round, facts("school"));
    namesake["profile"]["leader_name"] = json!("马小龙");
    namesake["profile"]["leader_id_number"] = json!(
        shared::identity::IdNumber::compose(
            640402,
            chrono::NaiveDate::from_ymd_opt(1975, 3, 10).expect("a date"),
            251
        )
        .expect("an id")
        .to_string()
    );
    let namesake = s.app.create_application(&gy, &namesake).await;
    s.app.act(&gy, &namesake, "withdraw", json!({})).await;
    let mut renamed = new_application(round, facts("school"));
    renamed["profile"]["leader_name"] = json!("马晓龙");
    let renamed = s.app.create_application(&gy, &renamed).await;

    // Assert
    assert_eq!(
        finding(&namesake, "ban.reapplication")["severity"],
        "pass",
        "{namesake}"
    );
    assert_eq!(
        finding(&renamed, "ban.reapplication")["severity"],
        "fail",
        "{renamed}"
    );
    assert_eq!(renamed["ban_exits"][0]["subject"], "leader", "{renamed}");
    // The number is shown masked, also to the applicant who typed it.
    let shown = renamed["profile"]["leader_id_number"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("********") && shown.len() == 18, "{shown}");
}

#[tokio::test]
async fn an_exit_recorded_without_an_identity_number_matches_the_leaders_name_for_manual_review() {
    // Arrange: the demo's exited studio (海天明, born 1969-08-08) as if recorded before the system
    // kept identity numbers.
    let s = Scene::on("2026-03-02").await;
    use sea_orm::ConnectionTrait;
    s.app
        .db()
        .await
        .execute_unprepared("UPDATE studio_exit SET leader_id_number = NULL")
        .await
        .expect("clears the numbers");
    let gy = s.user(GY).await;
    let round = s.app.round_id(&gy, 2026).await;
    let mut f = facts("school");
    f["leader"]["birth_date"] = json!("1969-08-08");
    let mut body = new_application(round, f);
    body["profile"]["leader_name"] = json!("海天明");

    // Act
    let draft = s.app.create_application(&gy, &body).await;

    // Assert: not silently let through, not silently barred: a person confirms.
    let ban = finding(&draft, "ban.reapplication");
    assert_eq!(ban["severity"], "manual_review", "{draft}");
    assert_eq!(draft["ban_exits"][0]["by_name_only"], true, "{draft}");
}
