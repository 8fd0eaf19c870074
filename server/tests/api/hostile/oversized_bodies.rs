//! Oversized bodies: a JSON body over the limit and an upload over 10 MB are refused as too large,
//! before they are all sent.

use super::{YC, answer, refused};
use crate::helpers::{TestApp, facts, id, spawn_app_in_round};
use serde_json::{Value, json};
use std::time::Duration;

/// The largest body of a JSON request (`startup::BODY_LIMIT`).
const BODY_LIMIT: usize = 256 * 1024;
/// The largest attachment (`shared::procedure::ATTACHMENT_MAX_BYTES`).
const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;
const MIB: usize = 1024 * 1024;

/// A valid eligibility request padded with a `padding` string to at least `len` bytes.
fn padded_facts(len: usize) -> String {
    let facts = facts("enterprise").to_string();
    format!("{{\"padding\":\"{}\",{}", "x".repeat(len), &facts[1..])
}

#[tokio::test]
async fn a_3_mib_json_body_is_refused_as_too_large() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let body = padded_facts(3 * MIB);

    // Act
    let response = app.post_raw("/api/rules/eligibility", body).await;

    // Assert
    let (status, error) = refused(response).await;
    assert_eq!(status, 413, "{error}");
    assert_eq!(error["code"], "payload_too_large", "{error}");
}

/// The status line, headers and body of a raw HTTP/1.1 answer.
struct RawAnswer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// Sends a POST whose head declares a body of `declared` bytes but only the first `sent` of them
/// (spaces), then waits up to 10 s for the answer: only a server that refuses a body before reading
/// it all can answer, as the rest never comes.
async fn answer_to_a_partial_body(
    app: &TestApp,
    target: &str,
    headers: &[(&str, &str)],
    declared: usize,
    sent: usize,
) -> RawAnswer {
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut head = format!(
        "POST {target} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {declared}\r\nConnection: close\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&address).expect("cannot connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("cannot set a timeout");
        stream
            .write_all(head.as_bytes())
            .expect("cannot send the head");
        // The server may stop reading once it has refused: later writes may fail.
        let _ = stream.write_all(&vec![b' '; sent]);
        let mut received = Vec::new();
        let mut chunk = [0_u8; 16 * 1024];
        loop {
            if let Some(answer) = complete_answer(&received) {
                return answer;
            }
            match stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
                Err(e) => panic!(
                    "no complete answer ({e}) after {} bytes: {}",
                    received.len(),
                    String::from_utf8_lossy(&received)
                ),
            }
        }
        complete_answer(&received).unwrap_or_else(|| {
            panic!(
                "the connection closed without a complete answer: {}",
                String::from_utf8_lossy(&received)
            )
        })
    })
    .await
    .expect("the raw request panicked")
}

/// The answer in `received` once its head and `Content-Length` bytes of body have arrived.
fn complete_answer(received: &[u8]) -> Option<RawAnswer> {
    let end = received.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&received[..end]).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let body = received.get(end + 4..end + 4 + length)?.to_vec();
    Some(RawAnswer { status, head, body })
}

impl RawAnswer {
    /// Asserts a 413.
    fn assert_too_large(&self) {
        let text = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, 413, "{}\r\n\r\n{text}", self.head);
    }

    /// Asserts the `ErrorBody` of code `payload_too_large`.
    fn assert_too_large_error_body(&self) {
        let text = String::from_utf8_lossy(&self.body);
        let body: Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("a 413 without the ErrorBody ({e}): {text}"));
        assert_eq!(body["code"], "payload_too_large", "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn a_json_body_over_the_limit_is_refused_before_it_is_all_sent() {
    // Arrange: 3 MiB announced, a little over 256 KiB sent.
    let (app, _clock) = spawn_app_in_round().await;

    // Act
    let answer = answer_to_a_partial_body(
        &app,
        "/api/rules/eligibility",
        &[("Content-Type", "application/json")],
        3 * MIB,
        BODY_LIMIT + 4096,
    )
    .await;

    // Assert
    answer.assert_too_large();
    answer.assert_too_large_error_body();
}

#[tokio::test]
async fn an_upload_over_10_mb_is_refused_as_too_large() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;
    let draft = id(&app.draft(&yc, "enterprise").await);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(11 * MIB, b' ');

    // Act
    let response = app
        .upload_as(
            crate::helpers::Auth::Session(&yc),
            draft,
            ("other", "big.pdf"),
            Some("application/pdf"),
            pdf,
        )
        .await;

    // Assert
    let (status, error) = refused(response).await;
    assert_eq!(status, 413, "{error}");
    assert_eq!(error["code"], "payload_too_large", "{error}");
    let (_, files) = answer(
        app.get_as(&yc, &format!("/api/applications/{draft}/attachments"))
            .await,
    )
    .await;
    assert_eq!(files, json!([]), "the oversized file was stored");
}

#[tokio::test]
async fn an_upload_over_10_mb_is_refused_before_it_is_all_sent() {
    // Arrange: 50 MiB announced, a little over 10 MiB sent.
    let (app, _clock) = spawn_app_in_round().await;
    let yc = app.login(YC).await;
    let draft = id(&app.draft(&yc, "enterprise").await);
    let target = format!("/api/applications/{draft}/attachments?kind=other&filename=big.pdf");

    // Act
    let answer = answer_to_a_partial_body(
        &app,
        &target,
        &[
            ("Content-Type", "application/pdf"),
            ("Cookie", &yc.cookie),
            ("X-CSRF-Token", &yc.csrf),
        ],
        50 * MIB,
        ATTACHMENT_MAX + 64 * 1024,
    )
    .await;

    // Assert
    answer.assert_too_large();
}
