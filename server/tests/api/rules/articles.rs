//! `GET /api/rules/articles?citation=…`: the text behind every citation.

use crate::helpers::{json, spawn_app};

#[tokio::test]
async fn an_article_citation_returns_its_text() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app
        .client
        .get(format!("{}/api/rules/articles", app.address))
        .query(&[("citation", "第十条（一）2")])
        .send()
        .await
        .expect("request failed");

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let body = json(response).await;
    assert_eq!(body["citation"], "第十条（一）2");
    let text = body["text"].as_str().expect("text is not a string");
    assert!(text.contains("高级技师"), "{text}");
}

#[tokio::test]
async fn an_unknown_citation_is_not_found() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let response = app
        .client
        .get(format!("{}/api/rules/articles", app.address))
        .query(&[("citation", "第一条")])
        .send()
        .await
        .expect("request failed");

    // Assert
    assert_eq!(response.status().as_u16(), 404);
    let body = json(response).await;
    assert_eq!(body["code"], "not_found", "{body}");
}
