//! HRSS's registries: units with their channel (第十一条（一）) and system (集团), and the policies
//! the measures leave to the programme (exactly 60 points, whom the 第十八条 ban binds).

use crate::helpers::{facts, json, new_application, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

const HRSS: &str = "hrss";

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, json(response).await)
}

fn unit_body(code: &str, affiliation: &str, county: u32, org: Option<i64>) -> Value {
    json!({
        "credit_code": code, "name": "宁夏示例精工有限公司", "kind": "enterprise",
        "affiliation": affiliation, "county_code": county, "group_name": "宁夏示例集团",
        "channel_org_id": org
    })
}

/// A valid credit code (GB 32100) issued in `county`.
fn code(county: u32, body: &str) -> String {
    shared::identity::CreditCode::compose("91", county, body)
        .expect("a valid code")
        .to_string()
}

#[tokio::test]
async fn hrss_registers_a_unit_routed_to_its_channel_and_every_bad_field_is_named() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let orgs = json(app.get_as(&hrss, "/api/admin/orgs").await).await;
    let guyuan = orgs
        .as_array()
        .and_then(|o| {
            o.iter()
                .find(|o| o["kind"] == "city_bureau" && o["city"] == "guyuan")
        })
        .and_then(|o| o["id"].as_i64())
        .expect("固原's bureau");
    let yinchuan = orgs
        .as_array()
        .and_then(|o| {
            o.iter()
                .find(|o| o["kind"] == "city_bureau" && o["city"] == "yinchuan")
        })
        .and_then(|o| o["id"].as_i64())
        .expect("银川's bureau");

    // Act
    let mut bad = unit_body("91640402730000000X", "local", 640499, None);
    bad["name"] = json!(" ");
    let refused = app.post_as(&hrss, "/api/admin/units", &bad).await;
    let wrong_channel = app
        .post_as(
            &hrss,
            "/api/admin/units",
            &unit_body(&code(640402, "88000001"), "local", 640402, Some(yinchuan)),
        )
        .await;
    let (created_status, created) = answer(
        app.post_as(
            &hrss,
            "/api/admin/units",
            &unit_body(&code(640402, "88000001"), "local", 640402, None),
        )
        .await,
    )
    .await;
    let again = app
        .post_as(
            &hrss,
            "/api/admin/units",
            &unit_body(&code(640402, "88000001"), "local", 640402, None),
        )
        .await;
    let id = created["id"].as_i64().expect("unit id");
    let mut moved = unit_body(
        &code(640402, "88000001"),
        "regional_state_owned_enterprise",
        640402,
        None,
    );
    moved["group_name"] = json!("宁夏国有资本运营集团");
    let (edited_status, edited) = answer(
        app.put_as(&hrss, &format!("/api/admin/units/{id}"), &moved)
            .await,
    )
    .await;
    let found = json(app.get_as(&hrss, "/api/admin/units?q=示例精工").await).await;
    let audit = json(
        app.get_as(
            &hrss,
            &format!("/api/admin/audit?object_type=unit&object_id={id}"),
        )
        .await,
    )
    .await;
    let by_applicant = app
        .post_as(
            &app.login("yc.saishang").await,
            "/api/admin/units",
            &unit_body(&code(640402, "88000002"), "local", 640402, None),
        )
        .await;

    // Assert
    assert_eq!(
        validation_fields(refused).await,
        ["credit_code", "name", "county_code"]
    );
    assert_eq!(validation_fields(wrong_channel).await, ["channel_org_id"]);
    assert_eq!(created_status, 201, "{created}");
    assert_eq!(created["channel_org_id"], guyuan, "{created}");
    assert_eq!(created["channel"]["kind"], "city_bureau", "{created}");
    assert_eq!(created["county"], "原州区", "{created}");
    assert_eq!(validation_fields(again).await, ["credit_code"]);
    assert_eq!(edited_status, 200, "{edited}");
    assert_eq!(edited["channel"]["kind"], "sasac", "{edited}");
    assert_eq!(
        edited["channel_name"], "宁夏回族自治区国有资产监督管理委员会",
        "{edited}"
    );
    assert_eq!(edited["group_name"], "宁夏国有资本运营集团", "{edited}");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    let actions: Vec<&str> = audit
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"unit.create") && actions.contains(&"unit.update"),
        "{audit}"
    );
    assert_eq!(by_applicant.status().as_u16(), 403);
}

#[tokio::test]
async fn a_unit_registered_by_hrss_applies_through_its_channel() {
    // Arrange: a new 固原 enterprise and an account for its contact.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let (_, unit) = answer(
        app.post_as(
            &hrss,
            "/api/admin/units",
            &unit_body(&code(640402, "88000003"), "local", 640402, None),
        )
        .await,
    )
    .await;
    let user = json!({
        "username": "gy.shili", "display_name": "示例精工 联络员", "password": "Shili-2026-contact",
        "role": "applicant", "unit_id": unit["id"]
    });
    let (status, made) = answer(app.post_as(&hrss, "/api/admin/users", &user).await).await;
    assert_eq!(status, 201, "{made}");
    let contact = app.login_with("gy.shili", "Shili-2026-contact").await;
    let round = app.round_id(&contact, 2026).await;

    // Act
    let draft = app
        .create_application(&contact, &new_application(round, facts("enterprise")))
        .await;

    // Assert
    assert_eq!(draft["channel"], "固原市人力资源和社会保障局", "{draft}");
}

#[tokio::test]
async fn hrss_sets_the_policies_with_a_reason_and_they_decide_what_they_govern() {
    // Arrange: 马建国's studio exits today; its unit and its leader are barred (the default).
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let defaults = json(app.get_as(&hrss, "/api/admin/policies").await).await;
    let studio = app
        .all_studios(&hrss)
        .await
        .into_iter()
        .find(|s| s["name"] == "马建国数控车工技能大师工作室")
        .and_then(|s| s["id"].as_i64())
        .expect("马建国's studio");
    let exit = json!({
        "case": "unit_dissolved", "evidence": "核查报告", "investigation": "", "decided_on": "2026-10-15"
    });
    let (status, exited) = answer(
        app.post_as(&hrss, &format!("/api/studios/{studio}/exit"), &exit)
            .await,
    )
    .await;
    assert_eq!(status, 201, "{exited}");
    let yc = app.login("yc.saishang").await;
    let round = app.round_id(&yc, 2026).await;
    let barred = app
        .create_application(&yc, &new_application(round, facts("enterprise")))
        .await;

    // Act: the ban binds leaders only (a reading HRSS may choose), with and without a reason.
    let policies = json!({ "sixty": "unqualified", "ban_binds": "leader_only" });
    let no_reason = app
        .put_as(
            &hrss,
            "/api/admin/policies",
            &json!({ "policies": policies, "reason": "" }),
        )
        .await;
    let (set_status, set) = answer(
        app.put_as(
            &hrss,
            "/api/admin/policies",
            &json!({ "policies": policies, "reason": "厅务会研究：退出限制只针对带头人" }),
        )
        .await,
    )
    .await;
    let after = json(
        app.application(&yc, barred["id"].as_i64().expect("id"))
            .await,
    )
    .await;
    let audit = json(
        app.get_as(&hrss, "/api/admin/audit?object_type=policy")
            .await,
    )
    .await;

    // Assert
    assert_eq!(
        defaults["policies"],
        json!({ "sixty": "qualified", "ban_binds": "unit_and_leader" })
    );
    let ban = |v: &Value| {
        v["eligibility"]["findings"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["rule"] == "ban.reapplication"))
            .map(|f| f["severity"].clone())
            .unwrap_or_default()
    };
    assert_eq!(ban(&barred), "fail", "{barred}");
    assert_eq!(validation_fields(no_reason).await, ["reason"]);
    assert_eq!(set_status, 200, "{set}");
    assert_eq!(set["policies"], policies, "{set}");
    assert_eq!(set["updated_by"], HRSS, "{set}");
    assert_eq!(ban(&after), "pass", "the unit is no longer barred: {after}");
    assert!(
        audit
            .as_array()
            .is_some_and(|a| a.iter().any(|e| e["action"] == "policy.update")),
        "{audit}"
    );
}
