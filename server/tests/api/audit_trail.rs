//! The audit trail (第十九条): account events are recorded with actor, role and before/after
//! snapshots, and `/api/admin/audit/verify` detects entries edited or deleted behind the API.

use crate::helpers::{DEMO_PASSWORD, Session, TestApp, json, spawn_app, validation_fields};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const TARGET: &str = "audit.target";
const PASSWORD: &str = "Audit-2026-first";
const NEW_PASSWORD: &str = "Audit-2026-second";

/// Audit entries, newest first, for `query` (e.g. `?object_type=user&object_id=7`).
async fn entries(app: &TestApp, admin: &Session, query: &str) -> Vec<Value> {
    let response = app.get_as(admin, &format!("/api/admin/audit{query}")).await;
    assert_eq!(response.status().as_u16(), 200);
    json(response)
        .await
        .as_array()
        .expect("the audit list is not an array")
        .clone()
}

async fn verify(app: &TestApp, admin: &Session) -> Value {
    let response = app.get_as(admin, "/api/admin/audit/verify").await;
    assert_eq!(response.status().as_u16(), 200);
    json(response).await
}

/// A JSON snapshot stored as text in `before`/`after`.
fn snapshot(entry: &Value, key: &str) -> Value {
    let text = entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {entry}"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{key} is not JSON ({e}): {text}"))
}

/// The admin creates [`TARGET`] (an applicant of the first unit); returns its id.
async fn create_target(app: &TestApp, admin: &Session) -> i64 {
    let scopes = json(app.get_as(admin, "/api/admin/scopes").await).await;
    let unit = scopes["units"][0]["id"].as_i64().expect("no unit");
    let body = json!({
        "username": TARGET, "display_name": "审计 对象", "password": PASSWORD,
        "role": "applicant", "unit_id": unit
    });
    let response = app.post_as(admin, "/api/admin/users", &body).await;
    assert_eq!(response.status().as_u16(), 201);
    json(response).await["id"].as_i64().expect("id")
}

/// Runs an SQL statement on the server's database, behind the API's back.
async fn tamper(app: &TestApp, sql: &str) {
    let db = app.db().await;
    let result = db
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    assert_eq!(result.rows_affected(), 1, "{sql}");
    let _ = db.close().await;
}

fn seq(entry: &Value) -> i64 {
    entry["seq"].as_i64().expect("seq is not an integer")
}

#[tokio::test]
async fn each_account_event_is_recorded_under_the_account_with_actor_role_and_snapshots() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = create_target(&app, &admin).await;
    let update = json!({ "display_name": "审计 对象（调岗）", "reason": "调岗至质检部" });
    let updated = app
        .patch_as(&admin, &format!("/api/admin/users/{id}"), &update)
        .await;
    assert_eq!(updated.status().as_u16(), 200);
    let target = app.login_with(TARGET, PASSWORD).await;
    let change = json!({ "current_password": PASSWORD, "new_password": NEW_PASSWORD });
    let changed = app.post_as(&target, "/api/auth/password", &change).await;
    assert_eq!(changed.status().as_u16(), 204);
    let logout = app.post_as(&target, "/api/auth/logout", &json!({})).await;
    assert_eq!(logout.status().as_u16(), 204);

    // Act
    let trail = entries(&app, &admin, &format!("?object_type=user&object_id={id}")).await;

    // Assert
    let actions: Vec<&str> = trail
        .iter()
        .map(|e| e["action"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        actions,
        [
            "logout",
            "password.change",
            "login",
            "user.update",
            "user.create"
        ],
        "{trail:?}"
    );
    assert!(
        trail.windows(2).all(|w| seq(&w[0]) > seq(&w[1])),
        "not newest first"
    );
    for entry in &trail {
        assert_eq!(entry["object_type"], "user", "{entry}");
        assert_eq!(entry["object_id"], id.to_string(), "{entry}");
        assert!(
            entry["hash"].as_str().is_some_and(|h| h.len() == 64),
            "{entry}"
        );
        assert!(
            entry["at"].as_str().is_some_and(|a| a.ends_with('Z')),
            "{entry}"
        );
        let text = entry.to_string();
        assert!(
            !text.contains("argon2") && !text.contains(PASSWORD),
            "{entry}"
        );
    }
    let [logout, password, login, update, create] = &trail[..] else {
        unreachable!("five entries were asserted above")
    };
    for by_admin in [create, update] {
        assert_eq!(by_admin["actor"], "hrss", "{by_admin}");
        assert_eq!(by_admin["role"], "hrss_admin", "{by_admin}");
    }
    for by_target in [login, password, logout] {
        assert_eq!(by_target["actor"], TARGET, "{by_target}");
        assert_eq!(by_target["role"], "applicant", "{by_target}");
    }
    assert_eq!(create["before"], Value::Null, "{create}");
    let created = snapshot(create, "after");
    assert_eq!(created["username"], TARGET, "{create}");
    assert_eq!(created["role"], "applicant", "{create}");
    assert_eq!(created["disabled"], false, "{create}");
    assert_eq!(
        snapshot(update, "before")["display_name"],
        "审计 对象",
        "{update}"
    );
    assert_eq!(
        snapshot(update, "after")["display_name"],
        "审计 对象（调岗）",
        "{update}"
    );
    assert_eq!(update["reason"], "调岗至质检部", "{update}");
    assert!(
        login["reason"]
            .as_str()
            .is_some_and(|r| r.contains("127.0.0.1")),
        "{login}"
    );
}

#[tokio::test]
async fn a_failed_login_is_recorded_with_the_name_tried_and_no_role() {
    // Arrange
    let app = spawn_app().await;
    let wrong = app.try_login("finance", "Wrong-password-1").await;
    assert_eq!(wrong.status().as_u16(), 401);
    let unknown = app.try_login("no.such.user", DEMO_PASSWORD).await;
    assert_eq!(unknown.status().as_u16(), 401);
    let admin = app.login("hrss").await;

    // Act
    let trail = entries(&app, &admin, "?object_type=user").await;

    // Assert
    let failed: Vec<&Value> = trail
        .iter()
        .filter(|e| e["action"] == "login.failed")
        .collect();
    assert_eq!(failed.len(), 2, "{trail:?}");
    let [unknown, wrong] = failed[..] else {
        unreachable!("two entries were asserted above")
    };
    assert_eq!(wrong["actor"], "finance", "{wrong}");
    assert_eq!(unknown["actor"], "no.such.user", "{unknown}");
    for entry in [wrong, unknown] {
        assert_eq!(entry["role"], Value::Null, "{entry}");
        let reason = entry["reason"].as_str().unwrap_or_default();
        assert!(reason.contains("127.0.0.1"), "{entry}");
    }
    assert!(
        !trail.iter().any(|e| e.to_string().contains(DEMO_PASSWORD)),
        "a password was recorded"
    );
}

#[tokio::test]
async fn a_failed_login_of_an_existing_account_is_filed_under_that_account() {
    // Arrange
    let app = spawn_app().await;
    let wrong = app.try_login("finance", "Wrong-password-1").await;
    assert_eq!(wrong.status().as_u16(), 401);
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "finance").await;

    // Act
    let trail = entries(&app, &admin, &format!("?object_type=user&object_id={id}")).await;

    // Assert
    assert!(
        trail.iter().any(|e| e["action"] == "login.failed"),
        "{trail:?}"
    );
}

#[tokio::test]
async fn a_disabled_account_is_recorded_with_the_reason() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = app.user_id(&admin, "expert.ma").await;
    let body = json!({ "disabled": true, "reason": "聘期届满" });

    // Act
    let response = app
        .patch_as(&admin, &format!("/api/admin/users/{id}"), &body)
        .await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let trail = entries(&app, &admin, &format!("?object_type=user&object_id={id}")).await;
    let entry = &trail[0];
    assert_eq!(entry["action"], "user.update", "{entry}");
    assert_eq!(snapshot(entry, "before")["disabled"], false, "{entry}");
    assert_eq!(snapshot(entry, "after")["disabled"], true, "{entry}");
    assert_eq!(entry["reason"], "聘期届满", "{entry}");
}

#[tokio::test]
async fn the_audit_list_is_newest_first_and_limited() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    create_target(&app, &admin).await;

    // Act
    let last_two = entries(&app, &admin, "?limit=2").await;
    let bad = app.get_as(&admin, "/api/admin/audit?limit=many").await;

    // Assert
    assert_eq!(last_two.len(), 2, "{last_two:?}");
    assert_eq!(last_two[0]["action"], "user.create", "{last_two:?}");
    assert_eq!(last_two[1]["action"], "login", "{last_two:?}");
    assert_eq!(validation_fields(bad).await, ["limit"]);
}

#[tokio::test]
async fn an_untouched_trail_verifies() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    create_target(&app, &admin).await;
    let _ = app.try_login("finance", "Wrong-password-1").await;
    let all = entries(&app, &admin, "?limit=1000").await;

    // Act
    let result = verify(&app, &admin).await;

    // Assert
    assert_eq!(result["ok"], true, "{result}");
    assert_eq!(result["entries"], all.len(), "{result}");
    assert_eq!(result["first_broken_seq"], Value::Null, "{result}");
    assert!(all.len() >= 4, "{all:?}");
}

#[tokio::test]
async fn editing_an_entrys_after_snapshot_breaks_the_chain_at_that_entry() {
    // Arrange: the creation of an applicant rewritten to look like an administrator's.
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = create_target(&app, &admin).await;
    app.login_with(TARGET, PASSWORD).await;
    let trail = entries(&app, &admin, &format!("?object_type=user&object_id={id}")).await;
    let create = trail
        .iter()
        .find(|e| e["action"] == "user.create")
        .expect("no user.create");
    let forged = create["after"]
        .as_str()
        .expect("after")
        .replace("\"applicant\"", "\"hrss_admin\"");
    assert_ne!(Some(forged.as_str()), create["after"].as_str());
    tamper(
        &app,
        &format!(
            "UPDATE audit_log SET \"after\" = '{forged}' WHERE seq = {}",
            seq(create)
        ),
    )
    .await;

    // Act
    let result = verify(&app, &admin).await;

    // Assert
    assert_eq!(result["ok"], false, "{result}");
    assert_eq!(result["first_broken_seq"], seq(create), "{result}");
    assert!(
        result["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{result}"
    );
}

#[tokio::test]
async fn editing_an_entrys_actor_breaks_the_chain_at_that_entry() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    create_target(&app, &admin).await;
    app.login("finance").await;
    let trail = entries(&app, &admin, "?object_type=user").await;
    let create = trail
        .iter()
        .find(|e| e["action"] == "user.create")
        .expect("no user.create");
    tamper(
        &app,
        &format!(
            "UPDATE audit_log SET actor = 'finance' WHERE seq = {}",
            seq(create)
        ),
    )
    .await;

    // Act
    let result = verify(&app, &admin).await;

    // Assert
    assert_eq!(result["ok"], false, "{result}");
    assert_eq!(result["first_broken_seq"], seq(create), "{result}");
}

#[tokio::test]
async fn deleting_a_middle_entry_breaks_the_chain_at_the_entry_after_it() {
    // Arrange: delete the user.create, which has entries after it.
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    let id = create_target(&app, &admin).await;
    app.login_with(TARGET, PASSWORD).await;
    let trail = entries(&app, &admin, "?limit=1000").await;
    let object_id = id.to_string();
    let position = trail
        .iter()
        .position(|e| e["action"] == "user.create" && e["object_id"] == object_id.as_str())
        .expect("no user.create");
    assert!(position > 0, "user.create is the newest entry");
    let deleted = seq(&trail[position]);
    let next = seq(&trail[position - 1]);
    tamper(
        &app,
        &format!("DELETE FROM audit_log WHERE seq = {deleted}"),
    )
    .await;

    // Act
    let result = verify(&app, &admin).await;

    // Assert
    assert_eq!(result["ok"], false, "{result}");
    assert_eq!(result["first_broken_seq"], next, "{result}");
}

#[tokio::test]
async fn deleting_the_newest_entries_is_detected_at_the_end_of_the_chain() {
    // Arrange: a few entries, then the newest removed.
    let app = spawn_app().await;
    let admin = app.login("hrss").await;
    create_target(&app, &admin).await;
    let trail = entries(&app, &admin, "?limit=1000").await;
    let newest = seq(&trail[0]);
    tamper(&app, &format!("DELETE FROM audit_log WHERE seq = {newest}")).await;

    // Act
    let result = verify(&app, &admin).await;

    // Assert: the first missing entry is named.
    assert_eq!(result["ok"], false, "{result}");
    assert_eq!(result["first_broken_seq"], newest, "{result}");
}
