//! Opening a round: HRSS opens a yearly round that every signed-in user sees; each field is checked
//! at its boundaries, one round per year, and only HRSS may open one.

use super::{APPLICANT, HRSS, RECOMMENDER, answer, round, status};
use crate::helpers::{TestApp, json, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

#[tokio::test]
async fn an_hrss_admin_opens_a_round_that_every_signed_in_user_sees() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let mut body = round(2027, "2027-09-01", "2027-12-31");
    body["title"] = json!("  2027年度技能大师工作室申报  ");

    // Act
    let (status, created) = answer(app.post_as(&admin, "/api/rounds", &body).await).await;

    // Assert
    assert_eq!(status, 201, "{created}");
    assert!(created["id"].is_i64(), "{created}");
    assert_eq!(created["year"], 2027, "{created}");
    assert_eq!(created["title"], "2027年度技能大师工作室申报", "{created}");
    assert_eq!(created["opens_on"], "2027-09-01", "{created}");
    assert_eq!(created["closes_on"], "2027-12-31", "{created}");
    assert_eq!(created["regional_slots"], 20, "{created}");
    assert_eq!(created["national_slots"], 4, "{created}");
    for user in [APPLICANT, RECOMMENDER, HRSS, "expert.zhang", "finance"] {
        let session = app.login(user).await;
        let (status, rounds) = answer(app.get_as(&session, "/api/rounds").await).await;
        assert_eq!(status, 200, "{user}: {rounds}");
        let years: Vec<i64> = rounds
            .as_array()
            .expect("not an array")
            .iter()
            .filter_map(|r| r["year"].as_i64())
            .collect();
        assert_eq!(years, [2027, 2026], "{user}: newest first: {rounds}");
        assert_eq!(rounds[0], created, "{user}");
    }
    assert_eq!(status_of_anonymous_rounds(&app).await, 401);
}

async fn status_of_anonymous_rounds(app: &TestApp) -> u16 {
    status(&app.get("/api/rounds").await)
}

#[tokio::test]
async fn a_round_with_a_bad_field_is_refused_naming_that_field() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let cases: [(&str, Value, &str); 11] = [
        ("year", json!(2022), "year"),
        ("year", json!(2101), "year"),
        ("year", json!("2027"), "year"),
        ("title", json!("   "), "title"),
        ("title", json!("申".repeat(129)), "title"),
        ("opens_on", json!("2027-02-30"), "opens_on"),
        ("closes_on", json!("2027-08-31"), "closes_on"),
        ("regional_slots", json!(-1), "regional_slots"),
        ("regional_slots", json!(1001), "regional_slots"),
        ("national_slots", json!(-1), "national_slots"),
        ("national_slots", json!(1001), "national_slots"),
    ];

    for (key, value, field) in cases {
        let mut body = round(2027, "2027-09-01", "2027-12-31");
        body[key] = value.clone();

        // Act
        let response = app.post_as(&admin, "/api/rounds", &body).await;

        // Assert
        assert_eq!(
            validation_fields(response).await,
            [field],
            "{key} = {value}"
        );
    }
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(
        rounds.as_array().map(Vec::len),
        Some(1),
        "a bad round was stored: {rounds}"
    );
}

#[tokio::test]
async fn a_round_with_every_field_bad_names_every_field() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let body = json!({
        "year": 1999, "title": "", "opens_on": "2027-09-01", "closes_on": "2027-01-01",
        "regional_slots": -5, "national_slots": -1
    });

    // Act
    let response = app.post_as(&admin, "/api/rounds", &body).await;

    // Assert
    let mut fields = validation_fields(response).await;
    fields.sort();
    assert_eq!(
        fields,
        [
            "closes_on",
            "national_slots",
            "regional_slots",
            "title",
            "year"
        ]
    );
}

#[tokio::test]
async fn a_round_at_every_boundary_is_accepted() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let mut first = round(2023, "2023-09-01", "2023-09-01");
    first["title"] = json!("申".repeat(128));
    first["regional_slots"] = json!(0);
    first["national_slots"] = json!(0);
    let mut last = round(2100, "2100-01-01", "2100-12-31");
    last["regional_slots"] = json!(1000);
    last["national_slots"] = json!(1000);

    for body in [first, last] {
        // Act
        let (status, created) = answer(app.post_as(&admin, "/api/rounds", &body).await).await;

        // Assert
        assert_eq!(status, 201, "{body}: {created}");
        assert_eq!(created["year"], body["year"], "{created}");
    }
}

#[tokio::test]
async fn a_second_round_for_the_same_year_is_refused_naming_year() {
    // Arrange: the demo data has the 2026 round.
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;

    // Act
    let response = app
        .post_as(
            &admin,
            "/api/rounds",
            &round(2026, "2026-03-01", "2026-06-30"),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(response).await, ["year"]);
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(rounds.as_array().map(Vec::len), Some(1), "{rounds}");
}

#[tokio::test]
async fn only_the_hrss_admin_opens_a_round_and_others_are_refused_before_the_body_is_read() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let good = round(2027, "2027-09-01", "2027-12-31");
    let garbage = json!({ "year": "not a year" });

    for user in [APPLICANT, RECOMMENDER, "expert.zhang", "finance"] {
        let session = app.login(user).await;
        for body in [&good, &garbage] {
            // Act
            let response = app.post_as(&session, "/api/rounds", body).await;

            // Assert
            assert_eq!(status(&response), 403, "{user}: {body}");
        }
    }
    assert_eq!(status(&app.post_json("/api/rounds", &good).await), 401);
    let admin = app.login(HRSS).await;
    let rounds = json(app.get_as(&admin, "/api/rounds").await).await;
    assert_eq!(rounds.as_array().map(Vec::len), Some(1), "{rounds}");
}
