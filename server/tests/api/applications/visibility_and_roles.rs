//! Who sees and moves what: a draft is its applicant's alone, each channel lists its own
//! applications, and an edit or move by the wrong role (checked before the body) or without the
//! CSRF token changes nothing.

use super::{
    APPLICANT, HRSS, NEIGHBOUR, RECOMMENDER, answer, edit, listed, move_, open_round,
    over_age_facts, round, status, submitted_with_recommender,
};
use crate::helpers::{Auth, facts, id, json, spawn_app_in_round, validation_fields, version};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_draft_is_seen_by_its_applicant_alone_until_it_is_submitted() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let recommender = app.login(RECOMMENDER).await;
    let admin = app.login(HRSS).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let id = id(&draft);

    // Act
    let before: Vec<u16> = vec![
        status(&app.application(&recommender, id).await),
        status(&app.application(&admin, id).await),
    ];
    let listed_before = (
        listed(&app, &recommender, "").await,
        listed(&app, &admin, "").await,
    );
    app.submit(&applicant, &draft).await;
    let after: Vec<u16> = vec![
        status(&app.application(&recommender, id).await),
        status(&app.application(&admin, id).await),
    ];
    let listed_after = (
        listed(&app, &recommender, "").await,
        listed(&app, &admin, "").await,
    );

    // Assert
    assert_eq!(before, [404, 404]);
    assert_eq!(listed_before, (vec![], vec![]));
    assert_eq!(listed(&app, &applicant, "").await, [id]);
    assert_eq!(after, [200, 200]);
    assert_eq!(listed_after, (vec![id], vec![id]));
}

#[tokio::test]
async fn a_submitted_application_is_hidden_from_other_units_channels_experts_and_finance() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (_applicant, _recommender, view) = submitted_with_recommender(&app).await;
    let id = id(&view);

    for user in [
        "wz.yibiao",
        "gy.jigong",
        "wz.bureau",
        "szs.bureau",
        "sasac",
        "edu",
        "agri",
        "expert.zhang",
        "finance",
    ] {
        let session = app.login(user).await;

        // Act
        let response = app.application(&session, id).await;
        let list = listed(&app, &session, "").await;

        // Assert
        let (status, body) = answer(response).await;
        assert_eq!(status, 404, "{user}: {body}");
        assert_eq!(body["code"], "not_found", "{user}: {body}");
        assert!(list.is_empty(), "{user} lists {list:?}");
    }
}

#[tokio::test]
async fn each_city_recommender_lists_only_its_own_channels_applications() {
    // Arrange: one submitted application in 银川 and one in 吴忠.
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app
        .submitted(&app.login(APPLICANT).await, "enterprise")
        .await;
    let wz = app
        .submitted(&app.login("wz.yibiao").await, "enterprise")
        .await;
    let admin = app.login(HRSS).await;

    // Act
    let yc_list = listed(&app, &app.login(RECOMMENDER).await, "").await;
    let wz_list = listed(&app, &app.login("wz.bureau").await, "").await;
    let hrss_list = listed(&app, &admin, "").await;

    // Assert
    assert_eq!(yc_list, [id(&yc)]);
    assert_eq!(wz_list, [id(&wz)]);
    assert_eq!(hrss_list, [id(&yc), id(&wz)]);
    assert_eq!(wz["channel"], "吴忠市人力资源和社会保障局", "{wz}");
}

#[tokio::test]
async fn the_list_is_narrowed_to_a_round_and_a_bad_round_id_is_named() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let other = open_round(&app, &admin, &round(2027, "2027-09-01", "2027-12-31")).await;
    let applicant = app.login(APPLICANT).await;
    let view = app.draft(&applicant, "enterprise").await;
    let round = view["round_id"].as_i64().expect("round_id");

    // Act
    let in_round = listed(&app, &applicant, &format!("?round_id={round}")).await;
    let in_other = listed(&app, &applicant, &format!("?round_id={other}")).await;
    let bad = app
        .get_as(&applicant, "/api/applications?round_id=abc")
        .await;

    // Assert
    assert_eq!(in_round, [id(&view)]);
    assert!(in_other.is_empty(), "{in_other:?}");
    assert_eq!(validation_fields(bad).await, ["round_id"]);
}

#[tokio::test]
async fn only_the_applicant_of_the_unit_edits_an_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    // One application per unit and round: the returned one is another 银川 enterprise's.
    let neighbour = app.login(NEIGHBOUR).await;
    let returned = {
        let submitted = app.submitted(&neighbour, "enterprise").await;
        let recommender = app.login(RECOMMENDER).await;
        app.act(
            &recommender,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请补充材料" }),
        )
        .await
    };
    let cases = [
        ("wz.yibiao", &draft, 404),
        ("wz.yibiao", &returned, 404),
        (RECOMMENDER, &draft, 404),
        (RECOMMENDER, &returned, 403),
        (HRSS, &returned, 403),
        ("expert.zhang", &returned, 404),
        ("finance", &returned, 404),
    ];

    for (user, view, expected) in cases {
        let session = app.login(user).await;

        // Act
        let response = app
            .put_as(
                &session,
                &format!("/api/applications/{}", id(view)),
                &edit(version(view), facts("enterprise")),
            )
            .await;

        // Assert
        assert_eq!(status(&response), expected, "{user} on {}", view["state"]);
    }
    for (owner, view) in [(&applicant, &draft), (&neighbour, &returned)] {
        let stored = json(app.application(owner, id(view)).await).await;
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

#[tokio::test]
async fn a_move_by_the_wrong_role_is_forbidden_and_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, recommender, submitted) = submitted_with_recommender(&app).await;
    let admin = app.login(HRSS).await;
    let neighbour = app.login(NEIGHBOUR).await;
    let returned = {
        let other = app.submitted(&neighbour, "enterprise").await;
        app.act(
            &recommender,
            &other,
            "return_for_correction",
            json!({ "reason": "请补充材料" }),
        )
        .await
    };
    let recommend = json!({ "rank": 1, "party_meeting_date": "2026-10-12" });
    let cases = [
        (&applicant, "applicant", &submitted, "recommend", &recommend),
        (&admin, "hrss", &submitted, "recommend", &recommend),
        (&recommender, "recommender", &returned, "submit", &json!({})),
        (
            &recommender,
            "recommender",
            &submitted,
            "withdraw",
            &json!({}),
        ),
        (&admin, "hrss", &returned, "withdraw", &json!({})),
    ];

    for (session, who, view, action, extra) in cases {
        let mut body = move_(action, version(view));
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }

        // Act
        let (status, reply) = answer(app.transition(session, id(view), &body).await).await;

        // Assert
        assert_eq!(status, 403, "{who} {action} on {}: {reply}", view["state"]);
        assert_eq!(reply["code"], "forbidden", "{reply}");
        let stored = json(app.application(&admin, id(view)).await).await;
        assert_eq!(stored["state"], view["state"], "{stored}");
        assert_eq!(stored["version"], view["version"], "{stored}");
    }
}

#[tokio::test]
async fn a_move_without_the_csrf_token_changes_nothing() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let path = format!("/api/applications/{}", id(&draft));

    // Act
    let submit = app
        .send(
            Method::POST,
            &format!("{path}/transition"),
            Auth::WithoutCsrf(&applicant),
            Some(&move_("submit", 1)),
        )
        .await;
    let edit = app
        .send(
            Method::PUT,
            &path,
            Auth::WithoutCsrf(&applicant),
            Some(&edit(1, over_age_facts())),
        )
        .await;

    // Assert
    assert_eq!(status(&submit), 403);
    assert_eq!(status(&edit), 403);
    let stored = json(app.application(&applicant, id(&draft)).await).await;
    assert_eq!(stored, draft);
}

#[tokio::test]
async fn a_move_by_a_role_that_may_never_make_it_is_forbidden_before_its_fields_are_checked() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, _recommender, view) = submitted_with_recommender(&app).await;

    for action in ["return_for_correction", "recommend", "reject"] {
        // Act: no reason, rank or meeting date either.
        let response = app
            .transition(&applicant, id(&view), &move_(action, version(&view)))
            .await;

        // Assert
        assert_eq!(status(&response), 403, "{action}");
    }
}

#[tokio::test]
async fn a_non_applicant_is_refused_before_the_body_of_a_new_application_is_read() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;

    for user in [RECOMMENDER, HRSS, "expert.zhang", "finance"] {
        let session = app.login(user).await;

        // Act
        let response = app
            .post_as(&session, "/api/applications", &json!({ "round_id": "x" }))
            .await;

        // Assert
        assert_eq!(status(&response), 403, "{user}");
    }
}
