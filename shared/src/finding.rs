//! What every rule returns: a cited, explained finding, and the verdict over many.

use serde::{Deserialize, Serialize};

/// How a finding bears on the case. Ordered from best to worst; a verdict is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Pass,
    /// A soft rule ("一般", "主要") is not met: allowed with a written justification.
    Warning,
    /// The text gives no rule for this case: a person must decide.
    ManualReview,
    Fail,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Pass,
        Severity::Warning,
        Severity::ManualReview,
        Severity::Fail,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Pass => "符合",
            Severity::Warning => "需说明",
            Severity::ManualReview => "需人工审核",
            Severity::Fail => "不符合",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Severity::Pass => "pass",
            Severity::Warning => "warning",
            Severity::ManualReview => "manual review",
            Severity::Fail => "fail",
        }
    }
}

/// One input value that decided a finding, e.g. `unit.skilled_employees = 29`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fact {
    pub field: String,
    pub value: String,
}

/// The result of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// Stable rule id, e.g. `leader.age`.
    pub rule: String,
    /// The article it applies, e.g. `第十条（一）2`.
    pub article: String,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    /// The input values that decided it.
    pub inputs: Vec<Fact>,
}

impl Finding {
    pub fn new(
        rule: &str,
        article: &str,
        severity: Severity,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Finding {
            rule: rule.to_owned(),
            article: article.to_owned(),
            severity,
            message_zh: zh.into(),
            message_en: en.into(),
            inputs: Vec::new(),
        }
    }

    /// Records an input value that decided this finding.
    pub fn read(mut self, field: &str, value: impl ToString) -> Self {
        self.inputs.push(Fact {
            field: field.to_owned(),
            value: value.to_string(),
        });
        self
    }
}

/// The worst severity among the findings (`Pass` when there are none).
pub fn worst(findings: &[Finding]) -> Severity {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Pass)
}
