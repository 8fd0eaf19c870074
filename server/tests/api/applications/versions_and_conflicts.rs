//! Versions and conflicts: optimistic locking of edits and moves (a stale version, two requests
//! sent at once), actions impossible in the current state or unknown, and two applications of one
//! unit sent at once.

use super::{APPLICANT, HRSS, NEIGHBOUR, answer, edit, move_, status, submitted_with_recommender};
use crate::helpers::{
    facts, id, json, new_application, spawn_app_in_round, validation_fields, version,
};
use serde_json::json;

#[tokio::test]
async fn an_edit_from_a_stale_version_is_a_conflict_naming_the_current_version() {
    // Arrange: a first edit from version 1 makes version 2.
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut first = facts("enterprise");
    first["unit"]["employees"] = json!(1200);
    let response = app.put_as(&applicant, &path, &edit(1, first.clone())).await;
    assert_eq!(status(&response), 200);
    let mut second = facts("enterprise");
    second["unit"]["employees"] = json!(1300);

    for stale in [1, 3] {
        // Act
        let (status, body) = answer(
            app.put_as(&applicant, &path, &edit(stale, second.clone()))
                .await,
        )
        .await;

        // Assert
        assert_eq!(status, 409, "from version {stale}: {body}");
        assert_eq!(body["code"], "conflict", "{body}");
        assert_eq!(body["current_version"], 2, "{body}");
    }
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored["version"], 2, "{stored}");
    assert_eq!(stored["facts"], first, "{stored}");
}

#[tokio::test]
async fn an_action_impossible_in_the_current_state_is_a_conflict() {
    // Arrange: `shared::workflow::transition` refuses impossible pairs with forbidden = false.
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let admin = app.login(HRSS).await;
    let neighbour = app.login(NEIGHBOUR).await;
    let recommended = {
        let other = app.submitted(&neighbour, "enterprise").await;
        app.act(
            &recommender,
            &other,
            "recommend",
            json!({ "rank": 2, "party_meeting_date": "2026-10-12" }),
        )
        .await
    };
    let cases = [
        (&admin, "hrss", &submitted, "approve"),
        (&admin, "hrss", &submitted, "propose"),
        (&applicant, "applicant", &submitted, "submit"),
        (
            &recommender,
            "recommender",
            &recommended,
            "return_for_correction",
        ),
        (&neighbour, "applicant", &recommended, "withdraw"),
    ];

    for (session, who, view, action) in cases {
        let mut body = move_(action, version(view));
        body["reason"] = json!("理由");
        body["rank"] = json!(1);
        body["party_meeting_date"] = json!("2026-10-12");

        // Act
        let (status, reply) = answer(app.transition(session, id(view), &body).await).await;

        // Assert
        assert_eq!(status, 409, "{who} {action} on {}: {reply}", view["state"]);
        assert_eq!(reply["code"], "conflict", "{reply}");
        let stored = json(app.application(&admin, id(view)).await).await;
        assert_eq!(stored["state"], view["state"], "{stored}");
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

#[tokio::test]
async fn an_unknown_action_is_refused_naming_action() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;

    // Act
    let response = app
        .transition(&applicant, id(&draft), &move_("publish", 1))
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["action"]);
}

#[tokio::test]
async fn of_two_edits_sent_at_once_from_the_same_version_exactly_one_wins() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));
    let mut a = facts("enterprise");
    a["unit"]["employees"] = json!(1111);
    let mut b = facts("enterprise");
    b["unit"]["employees"] = json!(2222);
    let (body_a, body_b) = (edit(1, a.clone()), edit(1, b.clone()));

    // Act
    let (ra, rb) = tokio::join!(
        app.put_as(&applicant, &path, &body_a),
        app.put_as(&applicant, &path, &body_b)
    );

    // Assert
    let (sa, va) = answer(ra).await;
    let (sb, vb) = answer(rb).await;
    let mut statuses = [sa, sb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{va} / {vb}");
    let (winner, loser, winning_facts) = if sa == 200 {
        (&va, &vb, a)
    } else {
        (&vb, &va, b)
    };
    assert_eq!(winner["version"], 2, "{winner}");
    assert_eq!(loser["current_version"], 2, "{loser}");
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored["version"], 2, "{stored}");
    assert_eq!(stored["facts"], winning_facts, "{stored}");
}

#[tokio::test]
async fn of_two_moves_sent_at_once_from_the_same_version_exactly_one_wins() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let (_applicant, recommender, view) = submitted_with_recommender(&app).await;
    let v = version(&view);
    let mut recommend = move_("recommend", v);
    recommend["rank"] = json!(1);
    recommend["party_meeting_date"] = json!("2026-10-12");
    let mut give_back = move_("return_for_correction", v);
    give_back["reason"] = json!("请补充材料");

    // Act
    let (ra, rb) = tokio::join!(
        app.transition(&recommender, id(&view), &recommend),
        app.transition(&recommender, id(&view), &give_back)
    );

    // Assert
    let (sa, va) = answer(ra).await;
    let (sb, vb) = answer(rb).await;
    let mut statuses = [sa, sb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{va} / {vb}");
    let winner = if sa == 200 { &va } else { &vb };
    let stored = json(app.application(&recommender, id(&view)).await).await;
    assert_eq!(stored["state"], winner["state"], "{stored}");
    assert_eq!(stored["version"], v + 1, "{stored}");
    let entries = json(
        app.get_as(
            &admin,
            &format!(
                "/api/admin/audit?object_type=application&object_id={}",
                id(&view)
            ),
        )
        .await,
    )
    .await;
    let moves = entries
        .as_array()
        .expect("not an array")
        .iter()
        .filter(|e| e["role"] == "recommender")
        .count();
    assert_eq!(moves, 1, "{entries}");
}

#[tokio::test]
async fn of_two_applications_sent_at_once_by_one_unit_exactly_one_is_created() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let round = app.round_id(&applicant, 2026).await;
    let body = new_application(round, facts("enterprise"));

    // Act
    let (a, b) = tokio::join!(
        app.post_as(&applicant, "/api/applications", &body),
        app.post_as(&applicant, "/api/applications", &body)
    );

    // Assert
    let mut codes = [status(&a), status(&b)];
    codes.sort_unstable();
    assert_eq!(codes, [201, 409]);
    let mine = json(
        app.get_as(&applicant, &format!("/api/applications?round_id={round}"))
            .await,
    )
    .await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
}
