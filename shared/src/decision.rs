//! A rule's answer with its reason, in the one shape the server enforces and the browser shows:
//! a stable code to test and count by, the article it applies, and the words in both languages.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    /// Stable, e.g. `sheet.signed`.
    pub code: String,
    /// The article applied, e.g. `第十一条（三）`.
    pub article: String,
    pub zh: String,
    pub en: String,
}

impl Reason {
    pub fn new(code: &str, article: &str, zh: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason {
            code: code.to_owned(),
            article: article.to_owned(),
            zh: zh.into(),
            en: en.into(),
        }
    }
}
