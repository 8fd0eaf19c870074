//! The demo on any day (issue #14): seeded on a clock that starts on a given day, it has a round
//! open that day, studios approved before it (the previous year's among them), a board with
//! applications past submission, a panel `expert.zhang` sits on, and an applicant can still apply.

use crate::helpers::{facts, json, new_application, spawn_demo_on};
use chrono::NaiveDate;
use serde_json::Value;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

async fn get(app: &crate::helpers::TestApp, who: &str, path: &str) -> Value {
    let session = app.login(who).await;
    let response = app.get_as(&session, path).await;
    assert_eq!(response.status().as_u16(), 200, "{who} GET {path}");
    json(response).await
}

/// Every demo of `on` has what a newcomer needs to try each journey that day.
async fn the_demo_is_alive_on(on: &str) {
    // Arrange
    let (app, _clock) = spawn_demo_on(day(on)).await;
    let year: i32 = on[..4].parse().expect("year");

    // Act
    let health = json(app.get("/api/health").await).await;
    let rounds = get(&app, "hrss", "/api/rounds").await;
    let studios = get(&app, "hrss", "/api/studios").await;
    let panels = get(&app, "expert.zhang", "/api/panels").await;

    // Assert: the server's day, and a round open on it.
    assert_eq!(health["today"], on, "{health}");
    let open = rounds
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| {
            r["opens_on"].as_str().is_some_and(|d| d <= on)
                && r["closes_on"].as_str().is_some_and(|d| d >= on)
        })
        .unwrap_or_else(|| panic!("no round open on {on}: {rounds}"))
        .clone();
    assert_eq!(open["year"], year, "{open}");
    // At least ten studios approved before the day, the previous year's among them.
    let approved: Vec<&str> = studios["studios"]
        .as_array()
        .expect("studios")
        .iter()
        .filter_map(|s| s["approved_on"].as_str())
        .collect();
    assert!(approved.iter().all(|d| *d <= on), "{on}: {approved:?}");
    assert!(approved.len() >= 10, "{on}: {approved:?}");
    let previous = format!("{}-", year - 1);
    assert!(
        approved.iter().any(|d| d.starts_with(&previous)),
        "{on}: none approved in {}: {approved:?}",
        year - 1
    );
    // The board: applications past submission, at every stage the round has reached.
    let board = get(
        &app,
        "hrss",
        &format!("/api/board?round_id={}&per_page=200", open["id"]),
    )
    .await;
    let states: Vec<&str> = board["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["state"].as_str())
        .collect();
    for state in [
        "submitted",
        "returned",
        "recommended",
        "defense_review",
        "field_inspection",
    ] {
        assert!(states.contains(&state), "{on}: no {state} in {states:?}");
    }
    // A notice needs the working days of its year: where the schedule is built in, one runs
    // from today with an objection; elsewhere the notice is left out, not guessed.
    let calendar_covers = app
        .get(&format!("/api/calendar/notice-end?start={on}"))
        .await
        .status()
        .is_success();
    assert_eq!(
        states.contains(&"proposed"),
        calendar_covers,
        "{on}: {states:?}"
    );
    if calendar_covers {
        let objections = get(
            &app,
            "hrss",
            &format!("/api/objections?round_id={}", open["id"]),
        )
        .await;
        assert!(
            objections
                .as_array()
                .is_some_and(|o| o.iter().any(|o| o["outcome"].is_null())),
            "{on}: {objections}"
        );
    }
    // expert.zhang sits on a panel still scoring, with sheets part-way.
    let open_panel = panels
        .as_array()
        .expect("panels")
        .iter()
        .find(|p| p["state"] == "open")
        .unwrap_or_else(|| panic!("{on}: no open panel for expert.zhang: {panels}"))
        .clone();
    let view = get(
        &app,
        "expert.zhang",
        &format!("/api/panels/{}", open_panel["id"]),
    )
    .await;
    let statuses: Vec<&str> = view["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .filter_map(|s| s["status"].as_str())
        .collect();
    assert!(
        statuses.contains(&"signed") && statuses.contains(&"draft"),
        "{on}: {statuses:?}"
    );
    // An applicant can still apply in the open round.
    let yc = app.login("yc.saishang").await;
    let created = app
        .post_as(
            &yc,
            "/api/applications",
            &new_application(open["id"].as_i64().expect("id"), facts("enterprise")),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201, "{on}");
    let created = json(created).await;
    assert_eq!(created["evaluated_on"], on, "{created}");
}

#[tokio::test]
async fn the_demo_seeded_on_1_march_2027_has_an_open_round_in_flight() {
    the_demo_is_alive_on("2027-03-01").await;
}

#[tokio::test]
async fn the_demo_seeded_in_2028_without_a_holiday_schedule_still_works() {
    the_demo_is_alive_on("2028-06-15").await;
}

#[tokio::test]
async fn the_demo_seeded_on_new_years_day_has_this_years_round_and_last_years_studios() {
    the_demo_is_alive_on("2027-01-01").await;
}

#[tokio::test]
async fn the_demo_seeded_in_a_year_with_a_schedule_runs_a_notice_with_an_objection() {
    the_demo_is_alive_on("2026-05-20").await;
}
