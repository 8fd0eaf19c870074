//! 第三章 建设条件: may this leader and unit apply? (第九条, 第十条, with 第十八条 and 第二十一条)
//!
//! [`check`] validates the input (naming bad fields) and evaluates every rule; each rule is a
//! small function returning a cited [`Finding`]; the verdict is the worst severity.

mod ban;
mod input;
mod leader;
mod national;
mod unit;

pub use ban::{BanException, BanSubject, ExitOnRecord};
pub use input::{EligibilityInput, LeaderFacts, SkillLevel, Title, UnitFacts, UnitKind};
pub use leader::{AGE_LIMIT, routes_met as leader_routes};

use crate::finding::{Finding, Severity, worst};
use crate::wire::FieldError;
use serde::{Deserialize, Serialize};

/// Knobs the text leaves to the programme (domain brief §5, §10) and what the server knows beyond
/// the typed facts: the exits on record and HRSS's exceptions for the application's round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityPolicy {
    /// 第十八条 does not say who is barred after an exit; by default both the unit and the leader.
    pub ban_bars_unit: bool,
    pub ban_bars_leader: bool,
    /// The exits of the unit and of the leader on record (the server's).
    #[serde(default)]
    pub exits: Vec<ExitOnRecord>,
    /// HRSS's exceptions ("原则上") for the application's round.
    #[serde(default)]
    pub exceptions: Vec<BanException>,
    /// The round the application is in: an exception lifts the ban for its own round only.
    #[serde(default)]
    pub round_id: Option<i32>,
}

impl Default for EligibilityPolicy {
    fn default() -> Self {
        EligibilityPolicy {
            ban_bars_unit: true,
            ban_bars_leader: true,
            exits: Vec::new(),
            exceptions: Vec::new(),
            round_id: None,
        }
    }
}

/// A sentence the verdict carries about how the text was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub zh: String,
    pub en: String,
}

/// The outcome of an eligibility check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityReport {
    /// The worst severity among the findings.
    pub verdict: Severity,
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

/// Validates, then evaluates with the default policy.
pub fn check(input: &EligibilityInput) -> Result<EligibilityReport, Vec<FieldError>> {
    input.check()?;
    Ok(evaluate(input, &EligibilityPolicy::default()))
}

/// Evaluates every rule. The input must have passed [`EligibilityInput::check`].
pub fn evaluate(input: &EligibilityInput, policy: &EligibilityPolicy) -> EligibilityReport {
    let mut findings = Vec::with_capacity(20);
    leader::evaluate(input, &mut findings);
    unit::evaluate(input, &mut findings);
    national::evaluate(input, &mut findings);
    findings.push(ban::reapplication(input, policy));
    findings.push(ban::validity_window(input));

    let mut notes = vec![Note {
        zh: "第十条称“主要参考”带头人条件和申报单位条件；按第十一条（二）“严格审核把关”的要求，本系统将所列条件作为必备条件。".into(),
        en: "Article 10 says it 'mainly considers' these conditions; as Article 11(2) asks for strict review, the listed conditions are treated as requirements.".into(),
    }];
    if input.level == crate::Level::National {
        notes.push(Note {
            zh: "第十条的条件为自治区级评选而写，本系统同样适用于国家级申报。".into(),
            en: "Article 10's conditions are written for the regional selection; they are applied to national candidates too.".into(),
        });
    }
    EligibilityReport {
        verdict: worst(&findings),
        findings,
        notes,
    }
}

/// Shorthand for a pass/fail finding on a yes/no fact.
pub(crate) fn required(
    rule: &str,
    article: &str,
    field: &str,
    value: bool,
    zh: &str,
    en: &str,
) -> Finding {
    let (severity, zh, en) = if value {
        (
            Severity::Pass,
            format!("已满足：{zh}"),
            format!("Met: {en}"),
        )
    } else {
        (
            Severity::Fail,
            format!("未满足：{zh}"),
            format!("Not met: {en}"),
        )
    };
    Finding::new(rule, article, severity, zh, en).read(field, value)
}
