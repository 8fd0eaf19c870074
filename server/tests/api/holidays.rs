//! The working-day calendar's schedules: HRSS enters a year the State Council has published, and
//! working-day deadlines in it (the 5-day public notice) then count; until then they are refused.

use crate::helpers::{TestApp, json, spawn_app_in_round, validation_fields};
use serde_json::{Value, json};

const HRSS: &str = "hrss";

/// The State Council's 2027 schedule as this test assumes it (元旦 and 春节 only).
fn schedule_2027() -> Value {
    json!({ "year": 2027, "days": [
        { "date": "2027-01-01", "kind": "off", "name": "元旦" },
        { "date": "2027-01-02", "kind": "off", "name": "元旦" },
        { "date": "2027-01-03", "kind": "off", "name": "元旦" },
        { "date": "2027-02-06", "kind": "off", "name": "春节" },
        { "date": "2027-02-20", "kind": "work", "name": "春节" },
    ]})
}

async fn notice_end(app: &TestApp, start: &str) -> (u16, Value) {
    let r = app
        .get(&format!("/api/calendar/notice-end?start={start}"))
        .await;
    (r.status().as_u16(), json(r).await)
}

#[tokio::test]
async fn a_notice_into_an_unentered_year_is_refused_until_hrss_enters_its_schedule() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let (refused, why) = notice_end(&app, "2026-12-28").await;

    // Act
    let saved = app
        .put_as(&hrss, "/api/admin/holidays/2027", &schedule_2027())
        .await;
    let saved_status = saved.status().as_u16();
    let saved = json(saved).await;
    let (counted, end) = notice_end(&app, "2026-12-28").await;
    let years = json(app.get_as(&hrss, "/api/admin/holidays").await).await;
    let audit = json(
        app.get_as(&hrss, "/api/admin/audit?object_type=calendar")
            .await,
    )
    .await;

    // Assert: 28, 29, 30, 31 Dec, then 4 Jan 2027 (1–3 Jan off) is the fifth working day.
    assert_eq!(refused, 422, "{why}");
    assert_eq!(saved_status, 200, "{saved}");
    assert_eq!(counted, 200, "{end}");
    assert_eq!(end["end"], json!("2027-01-04"), "{end}");
    let listed: Vec<(i64, bool)> = years
        .as_array()
        .expect("a list")
        .iter()
        .map(|y| (y["year"].as_i64().unwrap_or(0), y["embedded"] == true))
        .collect();
    assert_eq!(
        listed,
        [
            (2023, true),
            (2024, true),
            (2025, true),
            (2026, true),
            (2027, false)
        ]
    );
    assert!(audit.to_string().contains("holiday.schedule"), "{audit}");
}

#[tokio::test]
async fn entering_a_year_again_replaces_its_dates() {
    // Arrange: with the first entry, Saturday 20 February is worked.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    app.put_as(&hrss, "/api/admin/holidays/2027", &schedule_2027())
        .await;
    let (_, before) = notice_end(&app, "2027-02-16").await;

    // Act: the published notice differs: only 1 January off.
    let again = app
        .put_as(
            &hrss,
            "/api/admin/holidays/2027",
            &json!({ "year": 2027, "days": [{ "date": "2027-01-01", "kind": "off", "name": "元旦" }] }),
        )
        .await;
    let (_, after) = notice_end(&app, "2027-02-16").await;
    let years = json(app.get_as(&hrss, "/api/admin/holidays").await).await;

    // Assert: 16–19 Feb, then Saturday 20 Feb while it was worked; Monday 22 Feb once it is not.
    assert_eq!(again.status().as_u16(), 200);
    assert_eq!(before["end"], json!("2027-02-20"), "{before}");
    assert_eq!(after["end"], json!("2027-02-22"), "{after}");
    let y2027 = years
        .as_array()
        .and_then(|l| l.iter().find(|y| y["year"] == 2027))
        .expect("2027 listed");
    assert_eq!(y2027["days"].as_array().map(Vec::len), Some(1), "{y2027}");
}

#[tokio::test]
async fn a_schedule_names_every_bad_entry_and_built_in_years_stay_as_they_are() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;

    // Act
    let built_in = app
        .put_as(
            &hrss,
            "/api/admin/holidays/2026",
            &json!({ "year": 2026, "days": [{ "date": "2026-01-01", "kind": "off", "name": "元旦" }] }),
        )
        .await;
    let bad = app
        .put_as(
            &hrss,
            "/api/admin/holidays/2027",
            &json!({ "year": 2027, "days": [
                { "date": "2027-01-01", "kind": "off", "name": "元旦" },
                { "date": "2027-02-22", "kind": "work", "name": "春节" },
                { "date": "2028-01-01", "kind": "off", "name": "" },
            ]}),
        )
        .await;
    let elsewhere = app
        .put_as(&hrss, "/api/admin/holidays/2028", &schedule_2027())
        .await;
    let (still_refused, _) = notice_end(&app, "2026-12-28").await;

    // Assert
    assert_eq!(validation_fields(built_in).await, ["year"]);
    assert_eq!(
        validation_fields(bad).await,
        ["days[1].kind", "days[2].date", "days[2].name"]
    );
    assert_eq!(validation_fields(elsewhere).await, ["year"]);
    assert_eq!(still_refused, 422);
}
