//! 第十六条: a change of leader or host, completed within 60 days.

use super::scene::*;
use crate::helpers::validation_fields;
use serde_json::{Value, json};

// 第十六条: a change of leader or host, completed within 60 days.

#[tokio::test]
async fn a_change_is_due_60_days_after_the_event_and_overdue_the_day_after() {
    // Arrange: the leader retired on 2027-03-01 and the unit files the change that day.
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let filed = s
        .change(
            YC,
            studio,
            &leader_change("2027-03-01", "马小龙", qualified_leader()),
        )
        .await;
    s.today_is("2027-04-30");
    let last_day = s.life(YC, studio).await;
    let last_day_digest = s.digest(YC).await;
    s.today_is("2027-05-01");
    let next_day = s.life(YC, studio).await;
    let applicant = s.digest(YC).await;
    let hrss = s.digest(HRSS).await;

    // Assert
    assert_eq!(filed["state"], "submitted", "{filed}");
    assert_eq!(filed["due"], "2027-04-30", "{filed}");
    assert_eq!(filed["days_left"], 60, "{filed}");
    assert_eq!(filed["overdue"], false, "{filed}");
    let change = &last_day["changes"][0];
    assert_eq!(change["days_left"], 0, "{change}");
    assert_eq!(change["overdue"], false, "{change}");
    assert_eq!(
        the_item(&last_day["reminders"], "change_due", studio)["due"],
        "2027-04-30"
    );
    assert!(
        reminder(&last_day["reminders"], "change_overdue").is_none(),
        "{last_day}"
    );
    the_item(&last_day_digest["reminders"], "change_due", studio);
    let change = &next_day["changes"][0];
    assert_eq!(change["days_left"], -1, "{change}");
    assert_eq!(change["overdue"], true, "{change}");
    assert_eq!(
        the_item(&next_day["reminders"], "change_overdue", studio)["due"],
        "2027-04-30"
    );
    assert!(
        reminder(&next_day["reminders"], "change_due").is_none(),
        "{next_day}"
    );
    let overdue = reminder(&applicant["reminders"], "change_overdue").expect("change_overdue");
    assert_eq!(overdue["overdue"], true, "{overdue}");
    assert_eq!(overdue["article"], "第十六条", "{overdue}");
    the_item(&hrss["reminders"], "change_overdue", studio);
    the_item(&hrss["reminders"], "change_to_decide", studio);
}

#[tokio::test]
async fn an_approved_leader_change_renames_the_leader_and_sets_the_bar_for_the_next() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", stronger_leader()),
        )
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (second, busy) = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-21", "李四", qualified_leader()),
        )
        .await;
    let (applicant, by_applicant) = s.decide(YC, change_id, "decide", &approve()).await;
    let (joined, not_a_host_change) = s.decide(YC, change_id, "join", &approve()).await;
    let (reasonless, unexplained) = s
        .decide(
            HRSS,
            change_id,
            "decide",
            &json!({ "approve": false, "reason": " " }),
        )
        .await;
    let (approved_status, approved) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (again, decided) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (_, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    let lower = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-28", "李四", qualified_leader()),
        )
        .await;

    // Assert
    assert_eq!(change["kind"], "leader", "{change}");
    assert_eq!(change["old_leader_name"], "马建华", "{change}");
    assert_eq!(change["new_leader_name"], "马小龙", "{change}");
    assert_eq!(second, 409, "one open change per studio: {busy}");
    assert_eq!(applicant, 403, "{by_applicant}");
    assert_eq!(
        joined, 404,
        "only the new unit of a host change joins: {not_a_host_change}"
    );
    assert_eq!(reasonless, 422, "{unexplained}");
    assert_eq!(unexplained["fields"][0]["field"], "reason", "{unexplained}");
    assert_eq!(approved_status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    assert_eq!(approved["decided_on"], "2027-03-01", "{approved}");
    assert_eq!(again, 409, "{decided}");
    assert_eq!(row["leader_name"], "马小龙", "{row}");
    // The next leader is compared with 马小龙 (塞上技能大师, 高级技师), not with the minimum.
    assert_eq!(lower.0, 422, "{}", lower.1);
    let fields: Vec<&str> = list(&lower.1["fields"])
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["new_leader.titles", "new_leader.skill_level"],
        "{}",
        lower.1
    );
}

#[tokio::test]
async fn a_new_leader_must_meet_the_basic_conditions_and_a_route() {
    // Arrange: the demo studio's leader is on record as a 技师 and 自治区技术能手 (route 1).
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let mut weak = qualified_leader();
    weak["titles"] = json!([]);
    weak["top_skill"] = json!(false);
    weak["healthy"] = json!(false);
    let session = s.user(YC).await;
    let path = format!("/api/studios/{studio}/changes");

    // Act
    let refused = s
        .app
        .post_as(&session, &path, &leader_change("2027-02-20", "李四", weak))
        .await;
    let future = s
        .app
        .post_as(
            &session,
            &path,
            &leader_change("2027-03-02", "李四", qualified_leader()),
        )
        .await;
    let own_unit = s
        .app
        .post_as(
            &session,
            &path,
            &host_change("2027-02-20", s.unit_id(YC_UNIT).await, "transfer"),
        )
        .await;
    let incomplete = s
        .app
        .post_as(
            &session,
            &path,
            &json!({ "kind": "leader", "event_on": "2027-02-20", "cause": "退休" }),
        )
        .await;

    // Assert
    assert_eq!(
        validation_fields(refused).await,
        [
            "new_leader.top_skill",
            "new_leader.healthy",
            "new_leader.titles",
            "new_leader.route"
        ]
    );
    assert_eq!(validation_fields(future).await, ["event_on"]);
    assert_eq!(validation_fields(own_unit).await, ["new_unit_id"]);
    assert_eq!(
        validation_fields(incomplete).await,
        [
            "new_leader_name",
            "new_leader",
            "new_leader_id_number",
            "new_leader_same_unit"
        ]
    );
    assert_eq!(s.life(YC, studio).await["changes"], json!([]));
}

#[tokio::test]
async fn a_host_change_waits_for_the_new_unit_then_hrss_moves_the_studio() {
    // Arrange: 马建华 moved to 长城焊接 (nx.hanjie's unit).
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let new_unit = s.unit_id(NX_UNIT).await;
    let change = s
        .change(YC, studio, &host_change("2027-02-15", new_unit, "transfer"))
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (early, not_yet) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (old_unit, by_old_unit) = s.decide(YC, change_id, "join", &approve()).await;
    let (other_unit, by_other_unit) = s.decide(GY, change_id, "join", &approve()).await;
    let (hrss_join, by_hrss) = s.decide(HRSS, change_id, "join", &approve()).await;
    let waiting = s.digest(NX).await;
    let (joined_status, joined) = s.decide(NX, change_id, "join", &approve()).await;
    let to_decide = s.digest(HRSS).await;
    let (approved_status, approved) = s.decide(HRSS, change_id, "decide", &approve()).await;

    // Assert
    assert_eq!(change["state"], "awaiting_new_unit", "{change}");
    assert_eq!(change["old_unit_name"], YC_UNIT, "{change}");
    assert_eq!(change["new_unit_name"], NX_UNIT, "{change}");
    assert_eq!(change["mode"], "transfer", "{change}");
    assert_eq!(change["due"], "2027-04-16", "{change}");
    assert_eq!(early, 409, "{not_yet}");
    assert_eq!(old_unit, 404, "{by_old_unit}");
    assert_eq!(other_unit, 404, "{by_other_unit}");
    assert_eq!(hrss_join, 404, "{by_hrss}");
    assert!(
        reminder(&waiting["reminders"], "change_to_decide").is_some(),
        "the new unit is asked to join: {waiting}"
    );
    assert_eq!(joined_status, 200, "{joined}");
    assert_eq!(joined["state"], "submitted", "{joined}");
    the_item(&to_decide["reminders"], "change_to_decide", studio);
    assert_eq!(approved_status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    let (status, row) = s.get(NX, &format!("/api/studios/{studio}")).await;
    assert_eq!(status, 200, "the new unit now hosts the studio: {row}");
    assert_eq!(row["unit_name"], NX_UNIT, "{row}");
    let (status, _) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(status, 404, "the old unit no longer sees it");
    let hrss_after = s.digest(HRSS).await;
    assert!(
        items_about(&hrss_after["reminders"], "change_to_decide", studio).is_empty(),
        "{hrss_after}"
    );
}

#[tokio::test]
async fn the_new_unit_may_decline_a_host_change_with_a_reason() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let new_unit = s.unit_id(NX_UNIT).await;
    let change = s
        .change(YC, studio, &host_change("2027-02-15", new_unit, "co_build"))
        .await;
    let change_id = change["id"].as_i64().expect("change id");

    // Act
    let (silent, unexplained) = s
        .decide(NX, change_id, "join", &json!({ "approve": false }))
        .await;
    let (declined_status, declined) = s
        .decide(NX, change_id, "join", &decline("本单位不具备共建条件"))
        .await;
    let (hrss, too_late) = s.decide(HRSS, change_id, "decide", &approve()).await;
    let (refiled, _) = s
        .request_change(
            YC,
            studio,
            &leader_change("2027-02-20", "马小龙", qualified_leader()),
        )
        .await;

    // Assert
    assert_eq!(silent, 422, "{unexplained}");
    assert_eq!(unexplained["fields"][0]["field"], "reason", "{unexplained}");
    assert_eq!(declined_status, 200, "{declined}");
    assert_eq!(declined["state"], "rejected", "{declined}");
    assert_eq!(
        declined["decision_reason"], "本单位不具备共建条件",
        "{declined}"
    );
    assert_eq!(declined["decided_on"], "2027-03-01", "{declined}");
    assert_eq!(hrss, 409, "{too_late}");
    assert_eq!(refiled, 201, "a closed change leaves room for a new one");
    let (_, row) = s.get(YC, &format!("/api/studios/{studio}")).await;
    assert_eq!(row["unit_name"], YC_UNIT, "{row}");
}

#[tokio::test]
async fn changes_apply_to_the_units_own_regional_studios_in_being() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let body = leader_change("2027-02-20", "李四", qualified_leader());

    // Act & Assert
    let (national, refused) = s.request_change(NX, s.studio(NX_NATIONAL), &body).await;
    assert_eq!(national, 409, "第十六条 is for regional studios: {refused}");
    let (foreign, hidden) = s.request_change(GY, s.studio(YC_BUILDING), &body).await;
    assert_eq!(foreign, 404, "{hidden}");
    for username in [HRSS, YC_BUREAU, FINANCE] {
        let (status, refused) = s
            .request_change(username, s.studio(YC_BUILDING), &body)
            .await;
        assert_eq!(status, 403, "{username}: {refused}");
    }
    let (status, refused) = s
        .request_change(EXPERTS[0], s.studio(YC_BUILDING), &body)
        .await;
    assert_eq!(status, 404, "{refused}");
    let (status, _) = s.decide(HRSS, 987_654, "decide", &approve()).await;
    assert_eq!(status, 404);
    let (status, _) = s.decide(NX, 987_654, "join", &approve()).await;
    assert_eq!(status, 404);
    // Once the studio has exited, nothing more is changed.
    let studio = s.studio(YC_BUILDING);
    let (exited, life) = s
        .exit(HRSS, studio, &exit_body("leader_unable", "2027-03-01"))
        .await;
    assert_eq!(exited, 201, "{life}");
    let (after_exit, refused) = s.request_change(YC, studio, &body).await;
    assert_eq!(after_exit, 409, "{refused}");
    let (report_after_exit, refused) = s.report(YC, studio, &report(2026, false)).await;
    assert_eq!(report_after_exit, 409, "{refused}");
}

// The second reading: the period's last day, the successor's age, the host's system.

#[tokio::test]
async fn a_change_whose_sixtieth_day_is_a_holiday_is_due_on_the_next_working_day() {
    // Arrange: the example. 60 days after 2025-08-02 is 2025-10-01, in the National Day
    // holiday (1–8 October 2025): due on 2025-10-09 (民法典第二百零三条).
    let s = Scene::on("2026-03-02").await;
    let studio = s.studio(YC_BUILDING);

    // Act
    let change = s
        .change(
            YC,
            studio,
            &leader_change("2025-08-02", "马小龙", qualified_leader()),
        )
        .await;
    let digest = s.digest(HRSS).await;

    // Assert
    assert_eq!(change["due"], "2025-10-09", "{change}");
    assert_eq!(change["due_provisional"], false, "{change}");
    assert_eq!(change["overdue"], true, "{change}");
    let item = the_item(&digest["reminders"], "change_overdue", studio);
    assert_eq!(item["due"], "2025-10-09", "{item}");
}

#[tokio::test]
async fn a_successor_over_55_is_flagged_for_hrss_as_第十条_says_of_any_leader() {
    // Arrange
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let mut older = stronger_leader();
    older["birth_date"] = json!("1965-05-01");

    // Act
    let change = s
        .change(YC, studio, &leader_change("2027-02-20", "马老成", older))
        .await;

    // Assert: filed (a warning, not a refusal), with the finding HRSS decides on.
    let age = list(&change["findings"])
        .iter()
        .find(|f| f["rule"] == "change.leader_age")
        .cloned()
        .unwrap_or_default();
    assert_eq!(age["severity"], "warning", "{change}");
    assert_eq!(age["article"], "第十条（一）", "{change}");
    assert!(
        age["message_zh"]
            .as_str()
            .is_some_and(|m| m.contains("61 周岁")),
        "{age}"
    );
}

#[tokio::test]
async fn a_host_change_stays_within_the_old_units_system() {
    // Arrange: HRSS records the systems (集团) of three units: 银川塞上机床 and 灵武宁东 in one,
    // 永宁枸杞 in another; 贺兰山东麓酿酒 has none on record.
    let s = Scene::on("2027-03-01").await;
    let studio = s.studio(YC_BUILDING);
    let (_, units) = s.get(HRSS, "/api/admin/units").await;
    let unit = |name: &str| {
        list(&units)
            .iter()
            .find(|u| u["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no unit {name}"))
    };
    for (name, group) in [
        (YC_UNIT, "宁夏装备制造集团"),
        ("灵武宁东煤化工有限公司", "宁夏装备制造集团"),
        ("永宁枸杞精深加工有限公司", "宁夏农垦集团"),
    ] {
        let mut u = unit(name);
        u["group_name"] = json!(group);
        let id = u["id"].as_i64().expect("id");
        let (status, saved) = s.put(HRSS, &format!("/api/admin/units/{id}"), &u).await;
        assert_eq!(status, 200, "{saved}");
    }
    let id_of = |name: &str| unit(name)["id"].as_i64().expect("id");

    // Act
    let other = s
        .request_change(
            YC,
            studio,
            &host_change("2027-02-20", id_of("永宁枸杞精深加工有限公司"), "transfer"),
        )
        .await;
    let unknown = s
        .change(
            YC,
            studio,
            &host_change("2027-02-20", id_of("贺兰山东麓酿酒有限公司"), "transfer"),
        )
        .await;
    let (declined, _) = s
        .decide(
            HRSS,
            unknown["id"].as_i64().expect("id"),
            "decide",
            &decline("另行申请"),
        )
        .await;
    assert_eq!(
        declined, 409,
        "awaiting the new unit, HRSS cannot decide yet"
    );
    let (_, gone) = s
        .post(
            "yc.jiuye",
            &format!("/api/changes/{}/join", unknown["id"]),
            &decline("本单位不接收"),
        )
        .await;
    let same = s
        .change(
            YC,
            studio,
            &host_change("2027-02-20", id_of("灵武宁东煤化工有限公司"), "co_build"),
        )
        .await;

    // Assert
    assert_eq!(other.0, 422, "{}", other.1);
    assert_eq!(other.1["fields"][0]["field"], "new_unit_id", "{}", other.1);
    assert!(
        other.1["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("宁夏农垦集团") && m.contains("宁夏装备制造集团")),
        "{}",
        other.1
    );
    let severity = |c: &Value| {
        list(&c["findings"])
            .iter()
            .find(|f| f["rule"] == "change.same_system")
            .map(|f| f["severity"].clone())
            .unwrap_or_default()
    };
    assert_eq!(severity(&unknown), "manual_review", "{unknown}");
    assert_eq!(gone["state"], "rejected", "{gone}");
    assert_eq!(severity(&same), "pass", "{same}");
}
