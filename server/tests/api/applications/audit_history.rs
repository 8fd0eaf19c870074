//! The audit history: every change is recorded with its actor, states and reason in an intact
//! chain, and a refused move leaves no entry.

use super::{
    APPLICANT, HRSS, RECOMMENDER, answer, edit, move_, status, submitted_with_recommender,
};
use crate::helpers::{facts, id, json, spawn_app_in_round, version};
use serde_json::{Value, json};

#[tokio::test]
async fn every_change_is_recorded_with_actor_states_and_reason_and_the_chain_stays_intact() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let returned = app
        .act(
            &recommender,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请核对员工人数" }),
        )
        .await;
    let mut corrected = facts("enterprise");
    corrected["unit"]["employees"] = json!(1100);
    let edited = json(
        app.put_as(
            &applicant,
            &format!("/api/applications/{}", id(&submitted)),
            &edit(version(&returned), corrected),
        )
        .await,
    )
    .await;
    let resubmitted = app.submit(&applicant, &edited).await;
    app.act(
        &recommender,
        &resubmitted,
        "recommend",
        json!({ "rank": 1, "party_meeting_date": "2026-10-12" }),
    )
    .await;

    // Act
    let (status, entries) = answer(
        app.get_as(
            &admin,
            &format!(
                "/api/admin/audit?object_type=application&object_id={}",
                id(&submitted)
            ),
        )
        .await,
    )
    .await;
    let verified = json(app.get_as(&admin, "/api/admin/audit/verify").await).await;

    // Assert
    assert_eq!(status, 200, "{entries}");
    let entries = entries.as_array().expect("not an array");
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "application.recommend",
            "application.submit",
            "application.update",
            "application.return_for_correction",
            "application.submit",
            "application.create",
        ]
    );
    // Newest first: (actor, role, before, after, reason) of each move.
    let moves = [
        (
            0,
            RECOMMENDER,
            "recommender",
            "submitted",
            "recommended",
            None,
        ),
        (1, APPLICANT, "applicant", "returned", "submitted", None),
        (
            3,
            RECOMMENDER,
            "recommender",
            "submitted",
            "returned",
            Some("请核对员工人数"),
        ),
        (4, APPLICANT, "applicant", "draft", "submitted", None),
    ];
    for (i, actor, role, before, after, reason) in moves {
        let e = &entries[i];
        assert_eq!(e["object_type"], "application", "{e}");
        assert_eq!(e["object_id"], id(&submitted).to_string(), "{e}");
        assert_eq!(e["actor"], actor, "{e}");
        assert_eq!(e["role"], role, "{e}");
        assert_eq!(snapshot(e, "before"), before, "{e}");
        assert_eq!(snapshot(e, "after"), after, "{e}");
        assert_eq!(e["reason"], reason.map_or(Value::Null, Value::from), "{e}");
    }
    assert_eq!(entries[2]["actor"], APPLICANT, "{}", entries[2]);
    assert_eq!(
        snapshot(&entries[2], "after")["unit"]["employees"],
        1100,
        "{}",
        entries[2]
    );
    assert_eq!(verified["ok"], true, "{verified}");
}

/// A JSON snapshot stored as text in `before`/`after`.
fn snapshot(entry: &Value, key: &str) -> Value {
    let text = entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {entry}"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{key} is not JSON ({e}): {text}"))
}

#[tokio::test]
async fn a_refused_move_leaves_no_audit_entry() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (applicant, recommender, view) = submitted_with_recommender(&app).await;
    let query = format!(
        "/api/admin/audit?object_type=application&object_id={}",
        id(&view)
    );
    let before = json(app.get_as(&admin, &query).await).await;

    let mut stale = move_("recommend", 99);
    stale["rank"] = json!(1);
    stale["party_meeting_date"] = json!("2026-10-12");
    let mut wrong_role = stale.clone();
    wrong_role["version"] = json!(version(&view));

    // Act: a stale version, a missing reason, a wrong role, an impossible action.
    let refusals = [
        app.transition(&recommender, id(&view), &stale).await,
        app.transition(
            &recommender,
            id(&view),
            &move_("return_for_correction", version(&view)),
        )
        .await,
        app.transition(&applicant, id(&view), &wrong_role).await,
        app.transition(&admin, id(&view), &move_("approve", version(&view)))
            .await,
    ];

    // Assert
    let statuses: Vec<u16> = refusals.iter().map(status).collect();
    assert_eq!(statuses, [409, 422, 403, 409]);
    let after = json(app.get_as(&admin, &query).await).await;
    assert_eq!(after, before);
}
