//! `/api/admin/users`: the HRSS administrator creates accounts bound to a unit or organisation,
//! changes roles and scopes, and disables accounts (which ends their sessions).

use crate::helpers::{DEMO_PASSWORD, Session, TestApp, json, spawn_app, validation_fields};
use serde_json::{Value, json};

const PASSWORD: &str = "Welder-2026-line";

/// The id of the unit or organisation (`kind`: `units` or `orgs`) named `name`.
async fn scope_id(app: &TestApp, admin: &Session, kind: &str, name: &str) -> i64 {
    let scopes = json(app.get_as(admin, "/api/admin/scopes").await).await;
    scopes[kind]
        .as_array()
        .unwrap_or_else(|| panic!("no {kind} in {scopes}"))
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_i64())
        .unwrap_or_else(|| panic!("no {kind} named {name}"))
}

async fn new_applicant(app: &TestApp, admin: &Session) -> Value {
    let unit = scope_id(app, admin, "units", "宁夏长城焊接装备有限公司").await;
    json!({
        "username": "hanjie.second",
        "display_name": "长城焊接装备 联络员 王磊",
        "password": PASSWORD,
        "role": "applicant",
        "unit_id": unit
    })
}

async fn create(app: &TestApp, admin: &Session, body: &Value) -> reqwest::Response {
    app.post_as(admin, "/api/admin/users", body).await
}

async fn login_status(app: &TestApp, username: &str) -> u16 {
    status(&app.try_login(username, DEMO_PASSWORD).await)
}

fn status(r: &reqwest::Response) -> u16 {
    r.status().as_u16()
}

#[tokio::test]
async fn an_admin_creates_an_account_that_signs_in_with_its_role_and_scope() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let body = new_applicant(&app, &admin).await;

    // Act
    let response = create(&app, &admin, &body).await;

    // Assert
    assert_eq!(status(&response), 201);
    let created = json(response).await;
    assert_eq!(created["username"], "hanjie.second", "{created}");
    assert_eq!(created["role"], "applicant", "{created}");
    assert_eq!(created["unit_id"], body["unit_id"], "{created}");
    assert_eq!(created["org_id"], Value::Null, "{created}");
    assert_eq!(
        created["scope_name"], "宁夏长城焊接装备有限公司",
        "{created}"
    );
    assert_eq!(created["disabled"], false, "{created}");
    assert!(!created.to_string().contains("argon2"), "{created}");
    let session = app.login_with("hanjie.second", PASSWORD).await;
    assert_eq!(session.user["id"], created["id"]);
    assert_eq!(session.user["role"], "applicant");
    let list = json(app.get_as(&admin, "/api/admin/users").await).await;
    assert!(
        list.as_array()
            .is_some_and(|users| users.iter().any(|u| u == &created)),
        "{list}"
    );
}

#[tokio::test]
async fn the_user_list_shows_every_demo_account_with_its_scope_and_no_password_hash() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;

    // Act
    let response = app.get_as(&admin, "/api/admin/users").await;

    // Assert
    assert_eq!(status(&response), 200);
    let list = json(response).await;
    let users = list.as_array().expect("not an array");
    assert_eq!(users.len(), 42, "{list}");
    let gy = users
        .iter()
        .find(|u| u["username"] == "gy.jigong")
        .expect("gy.jigong missing");
    assert_eq!(gy["scope_name"], "固原市高级技工学校", "{gy}");
    assert!(!list.to_string().contains("argon2"), "a hash leaked");
}

#[tokio::test]
async fn a_duplicate_username_is_refused_naming_username() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let mut body = new_applicant(&app, &admin).await;
    body["username"] = json!("nx.hanjie");

    // Act
    let response = create(&app, &admin, &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["username"]);
}

#[tokio::test]
async fn an_applicant_without_a_unit_is_refused_naming_unit_id() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let mut body = new_applicant(&app, &admin).await;
    body["unit_id"] = Value::Null;

    // Act
    let response = create(&app, &admin, &body).await;

    // Assert
    assert_eq!(validation_fields(response).await, ["unit_id"]);
}

#[tokio::test]
async fn a_scope_that_does_not_exist_is_refused_naming_it() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let applicant = new_applicant(&app, &admin).await;
    let cases = [
        (json!({ "unit_id": 9999 }), "unit_id"),
        (
            json!({ "role": "recommender", "unit_id": null, "org_id": 9999 }),
            "org_id",
        ),
    ];

    for (change, field) in cases {
        let mut body = applicant.clone();
        for (key, value) in change.as_object().expect("an object") {
            body[key] = value.clone();
        }

        // Act
        let response = create(&app, &admin, &body).await;

        // Assert
        assert_eq!(validation_fields(response).await, [field], "{body}");
    }
}

#[tokio::test]
async fn each_invalid_field_of_a_new_account_is_named() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let applicant = new_applicant(&app, &admin).await;
    let cases = [
        ("username", json!("Hanjie Second"), "username"),
        ("username", json!("hj"), "username"),
        ("display_name", json!("   "), "display_name"),
        ("display_name", json!("名".repeat(65)), "display_name"),
        ("password", json!("short-1"), "password"),
        ("password", json!("hanjie.second-2026"), "password"),
        ("org_id", json!(1), "org_id"),
        ("role", json!("superuser"), "role"),
    ];

    for (key, value, field) in cases {
        let mut body = applicant.clone();
        body[key] = value;

        // Act
        let response = create(&app, &admin, &body).await;

        // Assert
        assert_eq!(validation_fields(response).await, [field], "{body}");
    }
    let list = json(app.get_as(&admin, "/api/admin/users").await).await;
    assert!(!list.to_string().contains("hanjie.second"), "{list}");
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_and_refuses_their_login() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let finance = app.login("finance").await;
    let id = finance.id();

    // Act
    let response = app
        .patch_as(
            &admin,
            &format!("/api/admin/users/{id}"),
            &json!({ "disabled": true, "reason": "离职" }),
        )
        .await;

    // Assert
    assert_eq!(status(&response), 200);
    let updated = json(response).await;
    assert_eq!(updated["disabled"], true, "{updated}");
    assert_eq!(status(&app.get_as(&finance, "/api/auth/me").await), 401);
    assert_eq!(status(&app.get_as(&finance, "/api/studios").await), 401);
    assert_eq!(login_status(&app, "finance").await, 401);
}

#[tokio::test]
async fn re_enabling_a_user_lets_them_sign_in_again() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "finance").await;
    let path = format!("/api/admin/users/{id}");
    let disabled = app
        .patch_as(&admin, &path, &json!({ "disabled": true }))
        .await;
    assert_eq!(status(&disabled), 200);

    // Act
    let response = app
        .patch_as(&admin, &path, &json!({ "disabled": false }))
        .await;

    // Assert
    assert_eq!(status(&response), 200);
    assert_eq!(login_status(&app, "finance").await, 200);
}

#[tokio::test]
async fn an_admin_cannot_disable_themself() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let path = format!("/api/admin/users/{}", admin.id());

    // Act
    let response = app
        .patch_as(&admin, &path, &json!({ "disabled": true }))
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["disabled"]);
    assert_eq!(status(&app.get_as(&admin, "/api/auth/me").await), 200);
}

#[tokio::test]
async fn a_role_change_takes_effect_on_the_users_next_request() {
    // Arrange: an expert sees no studios; as 固原's recommender, 固原's.
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let expert = app.login("expert.ma").await;
    let guyuan = scope_id(&app, &admin, "orgs", "固原市人力资源和社会保障局").await;
    let before = json(app.get_as(&expert, "/api/studios").await).await;
    assert_eq!(before["studios"], json!([]), "{before}");

    // Act
    let response = app
        .patch_as(
            &admin,
            &format!("/api/admin/users/{}", expert.id()),
            &json!({ "role": "recommender", "org_id": guyuan, "reason": "借调" }),
        )
        .await;

    // Assert
    assert_eq!(status(&response), 200);
    let after = json(app.get_as(&expert, "/api/studios").await).await;
    let studios = after["studios"].as_array().expect("studios");
    assert!(!studios.is_empty(), "{after}");
    assert!(studios.iter().all(|s| s["city"] == "guyuan"), "{after}");
    let me = json(app.get_as(&expert, "/api/auth/me").await).await;
    assert_eq!(me["user"]["role"], "recommender", "{me}");
}

#[tokio::test]
async fn a_role_change_without_the_scope_it_needs_names_the_scope_field() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "expert.ma").await;
    let path = format!("/api/admin/users/{id}");

    for (role, field) in [("applicant", "unit_id"), ("recommender", "org_id")] {
        // Act
        let response = app.patch_as(&admin, &path, &json!({ "role": role })).await;

        // Assert
        assert_eq!(validation_fields(response).await, [field], "{role}");
    }
    let me = json(
        app.get_as(&app.login("expert.ma").await, "/api/auth/me")
            .await,
    )
    .await;
    assert_eq!(me["user"]["role"], "expert", "{me}");
}

#[tokio::test]
async fn an_overlong_display_name_in_an_update_is_refused_naming_display_name() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "expert.ma").await;
    let body = json!({ "display_name": "名".repeat(65) });

    // Act
    let response = app
        .patch_as(&admin, &format!("/api/admin/users/{id}"), &body)
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["display_name"]);
}

#[tokio::test]
async fn an_administrator_cannot_remove_their_own_administrator_role() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "hrss").await;

    // Act
    let response = app
        .patch_as(
            &admin,
            &format!("/api/admin/users/{id}"),
            &json!({ "role": "expert" }),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["role"]);
}

#[tokio::test]
async fn the_last_active_administrator_cannot_be_disabled_or_demoted_by_another() {
    // Arrange: a second admin, who then tries to remove the first; the first admin is the only
    // other one, so after disabling the second, the first is the last.
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let created = app
        .post_as(
            &admin,
            "/api/admin/users",
            &json!({ "username": "second.admin", "display_name": "第二管理员", "password": "Second-admin-2026", "role": "hrss_admin" }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let second_id = app.user_id(&admin, "second.admin").await;
    let second = app.login_with("second.admin", "Second-admin-2026").await;
    let first_id = app.user_id(&second, "hrss").await;

    // Act: with two admins, the second may disable the first …
    let disabled = app
        .patch_as(
            &second,
            &format!("/api/admin/users/{first_id}"),
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(disabled.status().as_u16(), 200);
    // … but then nobody may demote the second, the last active one (not even via another role change).
    let demote_last = app
        .patch_as(
            &second,
            &format!("/api/admin/users/{second_id}"),
            &json!({ "disabled": true }),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(demote_last).await, ["disabled"]);
}
