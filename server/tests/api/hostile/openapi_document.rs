//! The OpenAPI document: every reference in it resolves.

use crate::helpers::json;
use serde_json::Value;

/// Every `$ref` in the OpenAPI document resolves, so clients and property testers can read it
/// (schemathesis found two query enums referenced but never defined).
#[tokio::test]
async fn every_reference_in_the_openapi_document_resolves() {
    // Arrange
    let app = crate::helpers::spawn_app().await;

    // Act
    let doc = json(app.get("/api/openapi.json").await).await;

    // Assert
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    match (k.as_str(), x) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(x, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50, "{}", all.len());
    let missing: Vec<&String> = all
        .iter()
        .filter(|r| {
            let name = r.trim_start_matches("#/components/schemas/");
            doc["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(missing.is_empty(), "unresolved: {missing:?}");
}
