//! Login throttling: 5 failures of an account (20 from an address) within 15 minutes block it for
//! 30 s, doubling with each further failure; a blocked attempt is 429 with `Retry-After`.

use crate::helpers::{DEMO_PASSWORD, TestApp, json, spawn_app, spawn_app_with_clock};
use chrono::Duration;
use serde_json::json;

/// `n` wrong passwords for `username`, each refused with 401.
async fn fail(app: &TestApp, username: &str, n: usize) {
    for i in 0..n {
        let response = app.try_login(username, "Wrong-password-1").await;
        assert_eq!(
            response.status().as_u16(),
            401,
            "failure {} of {username}",
            i + 1
        );
    }
}

/// Asserts a 429 that asks to wait `seconds`, in the header and in the message.
async fn assert_blocked_for(response: reqwest::Response, seconds: u64) {
    assert_eq!(response.status().as_u16(), 429);
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = json(response).await;
    assert_eq!(retry_after.as_deref(), Some(seconds.to_string().as_str()));
    assert_eq!(body["code"], "rate_limited", "{body}");
    let message = body["message"].as_str().expect("message is not a string");
    assert!(message.contains(&seconds.to_string()), "{message}");
}

#[tokio::test]
async fn five_wrong_passwords_block_the_sixth_attempt_even_with_the_right_password() {
    // Arrange
    let (app, _clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 5).await;

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_blocked_for(response, 30).await;
}

#[tokio::test]
async fn four_wrong_passwords_do_not_block_the_account() {
    // Arrange
    let (app, _clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 4).await;

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn the_right_password_works_again_once_the_block_has_passed() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 5).await;
    clock.advance(Duration::seconds(29));
    assert_blocked_for(app.try_login("finance", DEMO_PASSWORD).await, 1).await;
    clock.advance(Duration::seconds(2));

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn attempts_during_a_block_neither_count_nor_extend_it() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 5).await;
    for _ in 0..3 {
        clock.advance(Duration::seconds(5));
        let response = app.try_login("finance", "Wrong-password-1").await;
        assert_eq!(response.status().as_u16(), 429);
    }
    clock.advance(Duration::seconds(16));

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn a_failure_right_after_a_block_doubles_the_next_block() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 5).await;
    clock.advance(Duration::seconds(31));
    fail(&app, "finance", 1).await;

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_blocked_for(response, 60).await;
}

#[tokio::test]
async fn a_successful_login_clears_the_accounts_failures() {
    // Arrange
    let (app, _clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 4).await;
    app.login("finance").await;
    fail(&app, "finance", 4).await;

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn failures_older_than_fifteen_minutes_are_forgotten() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    fail(&app, "finance", 4).await;
    clock.advance(Duration::minutes(15) + Duration::seconds(1));
    fail(&app, "finance", 4).await;

    // Act
    let response = app.try_login("finance", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn one_accounts_failures_do_not_lock_out_another_account_from_the_same_address() {
    // Arrange
    let (app, _clock) = spawn_app_with_clock().await;
    fail(&app, "hrss", 5).await;

    // Act
    let other = app.try_login("finance", DEMO_PASSWORD).await;
    let same = app.try_login("hrss", DEMO_PASSWORD).await;

    // Assert
    assert_eq!(other.status().as_u16(), 200);
    assert_eq!(same.status().as_u16(), 429);
}

#[tokio::test]
async fn twenty_failures_from_one_address_block_every_account_from_it() {
    // Arrange: one failure each for 19 unknown names, then the 20th.
    let (app, clock) = spawn_app_with_clock().await;
    for i in 0..19 {
        fail(&app, &format!("nobody.{i}"), 1).await;
    }
    let nineteen = app.try_login("finance", DEMO_PASSWORD).await;
    assert_eq!(
        nineteen.status().as_u16(),
        200,
        "19 failures must not block"
    );
    fail(&app, "nobody.19", 1).await;

    // Act
    let blocked = app.try_login("hrss", DEMO_PASSWORD).await;
    clock.advance(Duration::seconds(31));
    let after = app.try_login("hrss", DEMO_PASSWORD).await;

    // Assert
    assert_blocked_for(blocked, 30).await;
    assert_eq!(after.status().as_u16(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_wrong_passwords_get_no_more_than_five_tries() {
    // Arrange
    let app = spawn_app().await;
    let url = format!("{}/api/auth/login", app.address);
    let body = json!({ "username": "finance", "password": "Wrong-password-1" });

    // Act
    let attempts: Vec<_> = (0..12)
        .map(|_| {
            let request = app.client.post(&url).json(&body);
            tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
        })
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(
            attempt
                .await
                .expect("task panicked")
                .expect("request failed"),
        );
    }

    // Assert
    let tried = statuses.iter().filter(|s| **s == 401).count();
    assert!(
        statuses.iter().all(|s| matches!(s, 401 | 429)),
        "{statuses:?}"
    );
    assert!(tried <= 5, "{tried} passwords were tried: {statuses:?}");
}

#[tokio::test]
async fn an_overlong_username_is_refused_like_any_other_wrong_login() {
    // Arrange
    let app = spawn_app().await;

    for length in [65, 200] {
        let username = "a".repeat(length);

        // Act
        let response = app.try_login(&username, "Wrong-password-1").await;

        // Assert: no such account can exist, so 401 (or a 422 naming `username`) — never 500.
        let status = response.status().as_u16();
        assert!(matches!(status, 401 | 422), "length {length}: {status}");
    }
}
