//! National studios: 差额 with national slots (at most all candidates but one proposed), and an
//! approved national manufacturing studio entitled to ¥300,000.

use super::{
    HRSS, NX, TODAY, YC_BUREAU, advance_to_october, answer, approve, defended, inspect,
    inspection_result, publish, small_round, state_of, submitted_in,
};
use crate::helpers::{facts, id, json, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

/// Another SASAC enterprise: one application per unit and round.
const NX2: &str = "qtx.lvye";
const SASAC: &str = "sasac";

/// Facts of a national application in the manufacturing category from a unit that already has an
/// approved regional studio (第九条): no warning to justify.
fn national_facts() -> Value {
    let mut f = facts("enterprise");
    f["level"] = json!("national");
    f["national_category"] = json!("manufacturing");
    f["unit"]["has_approved_regional_studio"] = json!(true);
    f
}

#[tokio::test]
async fn four_national_slots_and_three_national_candidates_let_two_be_proposed_and_approved() {
    // Arrange: the example. 差额 means more inspected than selected: with 4 national slots
    // and 3 defended national candidates, all 3 are inspected and at most min(4, 3 − 1) = 2 proposed.
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 0, 4).await;
    let c1 = submitted_in(&app, &app.login(NX).await, round, national_facts()).await;
    let c2 = submitted_in(&app, &app.login(NX2).await, round, national_facts()).await;
    let c3 = submitted_in(&app, &app.login("yc.jiuye").await, round, national_facts()).await;
    let sasac = app
        .recommended(&app.login(SASAC).await, round, &[id(&c1), id(&c2)])
        .await;
    let yc = app
        .recommended(&app.login(YC_BUREAU).await, round, &[id(&c3)])
        .await;
    defended(&app, &hrss, &sasac[0], 91.0).await;
    defended(&app, &hrss, &sasac[1], 84.5).await;
    defended(&app, &hrss, &yc[0], 80.0).await;
    let (c1, c2, c3) = (id(&c1), id(&c2), id(&c3));

    // Act
    let (status, listed) =
        answer(inspect(&app, &hrss, round, "national", &[c1, c2, c3]).await).await;
    for c in [c1, c2, c3] {
        let (s, v) = answer(inspection_result(&app, &hrss, c, true, "").await).await;
        assert_eq!(s, 200, "{v}");
    }
    let three = publish(&app, &hrss, round, TODAY, &[c1, c2, c3]).await;
    let (two_status, notice) = answer(publish(&app, &hrss, round, TODAY, &[c1, c2]).await).await;
    let third = publish(&app, &hrss, round, TODAY, &[c3]).await;
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;
    let (first_status, first) = answer(approve(&app, &hrss, &hrss, c1).await).await;
    let (second_status, second) = answer(approve(&app, &hrss, &hrss, c2).await).await;

    // Assert
    assert_eq!(status, 200, "{listed}");
    let refused = json(three).await;
    assert_eq!(refused["fields"][0]["field"], "applications", "{refused}");
    assert!(
        refused["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("最多可拟入选 2 名")),
        "{refused}"
    );
    assert_eq!(two_status, 201, "{notice}");
    assert_eq!(validation_fields(third).await, ["applications"]);
    assert_eq!(first_status, 200, "{first}");
    assert_eq!(second_status, 200, "{second}");
    assert_eq!(state_of(&app, &hrss, c3).await, "field_inspection");
}

#[tokio::test]
async fn an_approved_national_manufacturing_studio_is_entitled_to_300000_yuan() {
    // Arrange: one national slot and two national candidates (差额).
    let (app, clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = small_round(&app, &hrss, 1, 1).await;
    let nx = app.login(NX).await;
    let c = submitted_in(&app, &nx, round, national_facts()).await;
    let other = submitted_in(&app, &app.login(NX2).await, round, national_facts()).await;
    assert_eq!(c["level"], "national", "{c}");
    let both = app
        .recommended(&app.login(SASAC).await, round, &[id(&c), id(&other)])
        .await;
    let c = defended(&app, &hrss, &both[0], 92.5).await;
    defended(&app, &hrss, &both[1], 80.0).await;
    let regional = inspect(&app, &hrss, round, "regional", &[id(&c), 999_999]).await;
    assert_eq!(validation_fields(regional).await, ["candidates[1]"]);
    let (status, listed) =
        answer(inspect(&app, &hrss, round, "national", &[id(&c), id(&other)]).await).await;
    assert_eq!(status, 200, "{listed}");
    let (status, passed) = answer(inspection_result(&app, &hrss, id(&c), true, "").await).await;
    assert_eq!(status, 200, "{passed}");
    let (status, notice) = answer(publish(&app, &hrss, round, TODAY, &[id(&c)]).await).await;
    assert_eq!(status, 201, "{notice}");
    assert_eq!(
        notice["entries"][0]["national_category"], "manufacturing",
        "{notice}"
    );
    advance_to_october(&clock, 22);
    let hrss = app.login(HRSS).await;

    // Act
    let (status, approved) = answer(approve(&app, &hrss, &hrss, id(&c)).await).await;

    // Assert
    assert_eq!(status, 200, "{approved}");
    let studio_id = approved["studio_id"].as_i64().expect("no studio_id");
    let studio = json(
        app.get_as(&hrss, &format!("/api/studios/{studio_id}"))
            .await,
    )
    .await;
    assert_eq!(studio["level"], "national", "{studio}");
    assert_eq!(studio["national_category"], "manufacturing", "{studio}");
    assert_eq!(studio["entitlement_fen"], 30_000_000, "{studio}");
    assert_eq!(studio["unit_name"], "宁夏长城焊接装备有限公司", "{studio}");
    assert_eq!(studio["term_end"], "2028-10-21", "{studio}");
}
