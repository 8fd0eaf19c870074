//! `GET /api/calendar/notice-end`: the 5-working-day public notice of 第十一条（五）.

use crate::helpers::{json, spawn_app, validation_fields};

async fn notice_end(start: &str) -> reqwest::Response {
    let app = spawn_app().await;
    app.get(&format!("/api/calendar/notice-end?start={start}"))
        .await
}

#[tokio::test]
async fn a_notice_starting_before_national_day_2024_ends_on_11_october() {
    // Arrange: Mon 30 Sep works; 1–7 Oct off; 8–11 Oct are days 2–5.
    let start = "2024-09-30";

    // Act
    let response = notice_end(start).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["start"], start, "{body}");
    assert_eq!(body["end"], "2024-10-11", "{body}");
    assert_eq!(body["working_days"], 5, "{body}");
    assert_eq!(body["article"], "第十一条（五）", "{body}");
}

#[tokio::test]
async fn a_notice_across_spring_festival_2025_counts_the_adjusted_sunday_as_a_working_day() {
    // Arrange: Fri 24 Jan (1), Sat 25 off, Sun 26 worked (2), Mon 27 (3), 28 Jan–4 Feb off,
    // Wed 5 Feb (4), Thu 6 Feb (5).
    let start = "2025-01-24";

    // Act
    let response = notice_end(start).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["end"], "2025-02-06", "{body}");
}

#[tokio::test]
async fn a_notice_starting_on_a_weekend_counts_from_the_next_working_day() {
    // Arrange: Sat 19 Oct 2024 is off; Mon 21 – Fri 25 are days 1–5.
    let start = "2024-10-19";

    // Act
    let response = notice_end(start).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(json(response).await["end"], "2024-10-25");
}

#[tokio::test]
async fn a_start_in_a_year_without_a_holiday_schedule_is_rejected_naming_start() {
    // Arrange
    let start = "2027-03-01";

    // Act
    let response = notice_end(start).await;

    // Assert
    let fields = validation_fields(response).await;
    assert_eq!(fields, ["start"]);
}

#[tokio::test]
async fn a_start_that_is_not_a_date_is_rejected_naming_start() {
    // Arrange
    let start = "garbage";

    // Act
    let response = notice_end(start).await;

    // Assert
    let fields = validation_fields(response).await;
    assert_eq!(fields, ["start"]);
}

#[tokio::test]
async fn a_missing_start_is_named() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app.get("/api/calendar/notice-end").await;

    // Assert
    assert_eq!(response.status().as_u16(), 422);
    let body: serde_json::Value = response.json().await.expect("JSON error body");
    assert_eq!(body["fields"][0]["field"], "start");
}
