//! A whole round: submissions from two cities, a return for correction, the ranked lists, the
//! defense, the 差额 inspection, the notice and an objection, approval, and closing the round; and a
//! round whose notice still runs cannot be closed.

use super::{
    GY, GY_BUREAU, HRSS, MEETING, NX, Scene, TODAY, YC, YC_BUREAU, YC2, advance_to_october, answer,
    approve, code, defended, inspect, inspection_result, noticed_scene, object, publish, resolve,
    small_round, state_of, submitted_in, view_of,
};
use crate::helpers::{Session, TestApp, facts, id, profile, spawn_app_in_round, version};
use serde_json::{Value, json};

const YC_UNIT: &str = "银川塞上机床制造有限公司";
/// A notice starting on [`TODAY`] runs 5 working days: Thu 15, Fri 16, Mon 19, Tue 20, Wed 21 Oct.
const NOTICE_END: &str = "2026-10-21";

/// Plaque numbers of `year` among all studios.
async fn plaques_of(app: &TestApp, hrss: &Session, year: i32) -> usize {
    let prefix = format!("宁人社工作室〔{year}〕");
    app.all_studios(hrss)
        .await
        .iter()
        .filter(|s| {
            s["plaque_no"]
                .as_str()
                .is_some_and(|p| p.starts_with(&prefix))
        })
        .count()
}

#[tokio::test]
async fn a_round_runs_from_two_cities_submissions_to_an_approved_studio_and_is_closed() {
    // Arrange
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 0).await;
    let (yc, gy, nx) = (
        app.login(YC).await,
        app.login(GY).await,
        app.login(NX).await,
    );
    let (yc_bureau, gy_bureau) = (app.login(YC_BUREAU).await, app.login(GY_BUREAU).await);
    let plaques_2026 = plaques_of(&app, &hrss, 2026).await;

    // Act & Assert: units in 银川 and 固原 submit; a regional SOE submits to its channel.
    let a = submitted_in(&app, &yc, round, facts("enterprise")).await;
    let a2 = submitted_in(&app, &app.login(YC2).await, round, facts("enterprise")).await;
    let b = submitted_in(&app, &gy, round, facts("school")).await;
    let c = submitted_in(&app, &nx, round, facts("enterprise")).await;

    // 固原's bureau returns the school's application; the school fixes its employees and resubmits.
    let reason = "请核对职工总数并补充证明材料。";
    let returned = app
        .act(
            &gy_bureau,
            &b,
            "return_for_correction",
            json!({ "reason": reason }),
        )
        .await;
    assert_eq!(returned["state"], "returned", "{returned}");
    let mut fixed_facts = facts("school");
    fixed_facts["unit"]["employees"] = json!(1200);
    let edit = json!({
        "version": version(&returned), "facts": fixed_facts, "justifications": {}, "profile": profile()
    });
    let (status, fixed) = answer(
        app.put_as(&gy, &format!("/api/applications/{}", id(&b)), &edit)
            .await,
    )
    .await;
    assert_eq!(status, 200, "{fixed}");
    let b = app.submit(&gy, &fixed).await;
    assert_eq!(b["state"], "submitted", "{b}");

    // The timeline shows the return's reason and the changed fact.
    let history_path = format!("/api/applications/{}/history", id(&b));
    let (status, history) = answer(app.get_as(&gy, &history_path).await).await;
    assert_eq!(status, 200, "{history}");
    let steps = history.as_array().expect("history is not an array");
    let states: Vec<&str> = steps.iter().filter_map(|s| s["state"].as_str()).collect();
    assert_eq!(
        states,
        ["draft", "submitted", "returned", "returned", "submitted"],
        "{history}"
    );
    let versions: Vec<i64> = steps.iter().filter_map(|s| s["version"].as_i64()).collect();
    assert_eq!(versions, [1, 2, 3, 4, 5], "{history}");
    assert_eq!(steps[2]["actor"], GY_BUREAU, "{history}");
    assert_eq!(steps[2]["note"], reason, "{history}");
    assert_eq!(steps[2]["state_changed"], true, "{history}");
    assert_eq!(steps[2]["changes"], json!([]), "{history}");
    assert_eq!(steps[3]["actor"], GY, "{history}");
    assert_eq!(steps[3]["state_changed"], false, "{history}");
    assert_eq!(
        steps[3]["changes"],
        json!([{ "path": "facts.unit.employees", "before": 1000, "after": 1200 }]),
        "{history}"
    );
    assert_eq!(steps[4]["changes"], json!([]), "{history}");
    let (status, seen_by_channel) = answer(app.get_as(&gy_bureau, &history_path).await).await;
    assert_eq!(status, 200, "{seen_by_channel}");
    assert_eq!(seen_by_channel, history);
    assert_eq!(code(&app.get_as(&yc, &history_path).await), 404);

    // Each channel submits its ranked list.
    let yc_list = app.recommended(&yc_bureau, round, &[id(&a), id(&a2)]).await;
    let listed: Vec<(i64, i64, &str)> = yc_list
        .iter()
        .map(|v| {
            (
                id(v),
                v["rank"].as_i64().unwrap_or(0),
                v["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [(id(&a), 1, "recommended"), (id(&a2), 2, "recommended")]
    );
    assert!(
        yc_list.iter().all(|v| v["party_meeting_date"] == MEETING),
        "{yc_list:?}"
    );
    let gy_list = app.recommended(&gy_bureau, round, &[id(&b)]).await;
    assert_eq!(gy_list[0]["rank"], 1, "{gy_list:?}");

    // HRSS holds the defense of the first of each list and records the panels' scores.
    let a = defended(&app, &hrss, &yc_list[0], 88.5).await;
    let b = defended(&app, &hrss, &gy_list[0], 79.0).await;

    // Field inspection: 2 candidates for 1 slot.
    let (status, inspected) =
        answer(inspect(&app, &hrss, round, "regional", &[id(&a), id(&b)]).await).await;
    assert_eq!(status, 200, "{inspected}");
    let moved: Vec<(i64, &str)> = inspected
        .as_array()
        .expect("not an array")
        .iter()
        .map(|v| (id(v), v["state"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        moved,
        [(id(&a), "field_inspection"), (id(&b), "field_inspection")]
    );
    let (status, a) = answer(inspection_result(&app, &hrss, id(&a), true, "").await).await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["inspection_passed"], true, "{a}");
    let failure = "工作室场地尚未落实";
    let (status, b) = answer(inspection_result(&app, &hrss, id(&b), false, failure).await).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(b["inspection_passed"], false, "{b}");
    assert_eq!(b["inspection_notes"], failure, "{b}");

    // The proposed list goes on public notice for 5 working days.
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[id(&a)]).await).await;
    assert_eq!(status, 201, "{notice}");
    let notice_id = notice["id"].as_i64().expect("notice id");
    assert_eq!(notice["round_id"], round, "{notice}");
    assert_eq!(notice["year"], 2027, "{notice}");
    assert_eq!(notice["starts_on"], TODAY, "{notice}");
    assert_eq!(notice["ends_on"], NOTICE_END, "{notice}");
    assert_eq!(notice["open"], true, "{notice}");
    assert_eq!(
        notice["entries"],
        json!([{
            "application_id": id(&a), "studio_name": "李明技能大师工作室", "leader_name": "李明",
            "occupation": "焊工", "unit_name": YC_UNIT, "city": "yinchuan", "level": "regional",
            "national_category": null
        }]),
        "{notice}"
    );
    let a = view_of(&app, &hrss, id(&a)).await;
    assert_eq!(a["state"], "proposed", "{a}");
    assert_eq!(a["notice_id"], notice_id, "{a}");
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public, json!([notice]));

    // Someone objects publicly; approval waits for the notice and for the objection.
    let (status, receipt) = answer(object(&app, notice_id, Some(id(&a)), "张三").await).await;
    assert_eq!(status, 201, "{receipt}");
    let (status, refused) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 409, "approved during the notice: {refused}");
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;
    let (status, refused) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 409, "approved with an open objection: {refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("异议")),
        "{refused}"
    );
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "proposed");

    let (status, objections) = answer(
        app.get_as(&hrss, &format!("/api/objections?round_id={round}"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{objections}");
    assert_eq!(objections.as_array().map(Vec::len), Some(1), "{objections}");
    assert_eq!(objections[0]["id"], receipt["id"], "{objections}");
    assert_eq!(objections[0]["notice_id"], notice_id, "{objections}");
    assert_eq!(objections[0]["application_id"], id(&a), "{objections}");
    assert_eq!(objections[0]["name"], "张三", "{objections}");
    assert_eq!(objections[0]["outcome"], Value::Null, "{objections}");
    let outcome = "经核实，领办人在岗在位，异议不成立。";
    let objection_id = receipt["id"].as_i64().expect("objection id");
    let (status, resolved) = answer(resolve(&app, &hrss, objection_id, outcome).await).await;
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["outcome"], outcome, "{resolved}");
    assert_eq!(resolved["resolved_by"], HRSS, "{resolved}");

    let (status, approved) = answer(approve(&app, &hrss, &hrss, id(&a)).await).await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["state"], "approved", "{approved}");
    let studio_id = approved["studio_id"].as_i64().expect("no studio_id");
    let (status, studio) = answer(
        app.get_as(&hrss, &format!("/api/studios/{studio_id}"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{studio}");
    assert_eq!(
        studio["plaque_no"],
        format!("宁人社工作室〔2026〕{:03}号", plaques_2026 + 1),
        "{studio}"
    );
    assert_eq!(studio["status"], "building", "{studio}");
    assert_eq!(studio["entitlement_fen"], 10_000_000, "{studio}");
    assert_eq!(studio["approved_on"], "2026-10-22", "{studio}");
    assert_eq!(studio["term_end"], "2028-10-21", "{studio}");
    assert_eq!(studio["name"], "李明技能大师工作室", "{studio}");
    assert_eq!(studio["unit_name"], YC_UNIT, "{studio}");
    assert_eq!(studio["level"], "regional", "{studio}");

    // Closing the round: the recommended-but-not-defended and the failed one are not selected; the
    // SOE's application never left its channel.
    let close_reason = "本轮评审结束，未列入建议名单。";
    let (status, summary) = answer(
        app.post_as(
            &hrss,
            &format!("/api/rounds/{round}/close"),
            &json!({ "reason": close_reason }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        summary,
        json!({ "not_selected": 2, "left_with_channel": 1 })
    );
    assert_eq!(state_of(&app, &hrss, id(&a)).await, "approved");
    let a2 = view_of(&app, &hrss, id(&a2)).await;
    assert_eq!(a2["state"], "not_selected", "{a2}");
    assert_eq!(a2["last_reason"], close_reason, "{a2}");
    assert_eq!(state_of(&app, &hrss, id(&b)).await, "not_selected");
    assert_eq!(state_of(&app, &hrss, id(&c)).await, "submitted");

    // The ended notice is still public, closed.
    let (status, public) = answer(app.get("/api/public/notices").await).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public.as_array().map(Vec::len), Some(1), "{public}");
    assert_eq!(public[0]["open"], false, "{public}");
    assert_eq!(
        public[0]["entries"][0]["application_id"],
        id(&a),
        "{public}"
    );
}

#[tokio::test]
async fn a_round_with_a_running_notice_cannot_be_closed_and_nothing_changes() {
    // Arrange: the failed school (lower id) would be rejected before the proposed enterprise.
    let (scene, _notice) = noticed_scene().await;
    let Scene {
        app,
        hrss,
        round,
        failed,
        passed,
        ..
    } = scene;
    assert!(failed < passed);

    // Act
    let (status, body) = answer(
        app.post_as(
            &hrss,
            &format!("/api/rounds/{round}/close"),
            &json!({ "reason": "本轮结束。" }),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(state_of(&app, &hrss, failed).await, "field_inspection");
    assert_eq!(state_of(&app, &hrss, passed).await, "proposed");
}
