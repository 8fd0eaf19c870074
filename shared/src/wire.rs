//! Wire types shared by server and browser: the one error body of the whole API.

use serde::{Deserialize, Serialize};

/// What kind of error an [`ErrorBody`] reports; the HTTP status follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not JSON at all.
    BadRequest,
    /// 401
    Unauthorized,
    /// 403
    Forbidden,
    /// 404 (also for objects outside the caller's scope).
    NotFound,
    /// 405
    MethodNotAllowed,
    /// 409: stale version or a state that does not allow the action.
    Conflict,
    /// 413
    PayloadTooLarge,
    /// 422: input failed validation; `fields` names each bad field.
    Validation,
    /// 429
    RateLimited,
    /// 500: details are in the server log, never in the body.
    Internal,
}

/// One invalid input field, e.g. `unit.skilled_employees`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Dotted path of the field in the request body, e.g. `leader.birth_date`.
    pub field: String,
    pub message: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: zh.into(),
            message_en: en.into(),
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// The message in English (the client shows it when the page is in English).
    #[serde(default)]
    pub message_en: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
    /// With a 409 for a stale write: the version the object has now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
}

impl ErrorBody {
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        ErrorBody {
            code: ErrorCode::Validation,
            message: format!("输入有误：{}", names.join("、")),
            message_en: format!("Check these fields: {}", names.join(", ")),
            fields,
            current_version: None,
        }
    }
}

/// An enum's wire name (its serde `snake_case` name), as stored in the database and used as
/// option values in the browser: `Level::Regional` → `"regional"`. Empty for non-string values.
pub fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum with wire name `name`, if there is one.
pub fn from_enum_name<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|e| e.to_string())
}
