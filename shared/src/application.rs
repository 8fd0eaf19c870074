//! 第四章 申报程序: rounds (yearly calls) and applications on the wire, and the one rule both sides
//! apply before submitting: every warning needs a written justification.

use crate::eligibility::{EligibilityInput, EligibilityReport};
use crate::finding::Severity;
use crate::wire::FieldError;
use crate::workflow::{Action, AppState};
use crate::{Level, NationalCategory};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A yearly call for applications (第四条: slots per level come from the yearly quota).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Round {
    pub id: i32,
    pub year: i32,
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub regional_slots: i32,
    pub national_slots: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRound {
    pub year: i32,
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub regional_slots: i32,
    pub national_slots: i32,
}

impl NewRound {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        if !(2023..=2100).contains(&self.year) {
            e.push(FieldError::new(
                "year",
                "年度应在 2023 到 2100 之间",
                "year must be 2023–2100",
            ));
        }
        if self.title.trim().is_empty() || self.title.chars().count() > 128 {
            e.push(FieldError::new(
                "title",
                "请填写名称（最多 128 字）",
                "enter a title (at most 128 characters)",
            ));
        }
        if self.closes_on < self.opens_on {
            e.push(FieldError::new(
                "closes_on",
                "截止日期不能早于开始日期",
                "the closing date is before the opening date",
            ));
        }
        for (field, n) in [
            ("regional_slots", self.regional_slots),
            ("national_slots", self.national_slots),
        ] {
            if !(0..=1000).contains(&n) {
                e.push(FieldError::new(
                    field,
                    "名额应为 0 到 1000 的整数",
                    "slots must be 0–1000",
                ));
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// Whether applications may be created or edited on `today`.
    pub fn is_open(opens_on: NaiveDate, closes_on: NaiveDate, today: NaiveDate) -> bool {
        (opens_on..=closes_on).contains(&today)
    }
}

/// Written justifications of warnings, by rule id (e.g. `leader.age`).
pub type Justifications = BTreeMap<String, String>;

/// The warnings of `report` that have no non-empty justification (第十条 "一般", 第九条 "主要").
pub fn unjustified_warnings(
    report: &EligibilityReport,
    justifications: &Justifications,
) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .filter(|f| {
            justifications
                .get(&f.rule)
                .is_none_or(|t| t.trim().is_empty())
        })
        .map(|f| f.rule.clone())
        .collect()
}

/// Justifications longer than this are refused (characters).
pub const JUSTIFICATION_MAX_CHARS: usize = 2000;

pub fn check_justifications(justifications: &Justifications) -> Result<(), Vec<FieldError>> {
    let errors: Vec<FieldError> = justifications
        .iter()
        .filter(|(_, text)| text.chars().count() > JUSTIFICATION_MAX_CHARS)
        .map(|(rule, _)| {
            FieldError::new(
                format!("justifications.{rule}"),
                "说明最多 2000 字",
                "at most 2000 characters",
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What the studio will be, beyond the facts the rules read: who leads it, in which occupation, and
/// the construction plan (第十一条（一）"申报材料"). Drafts may leave it incomplete; submitting may not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudioProfile {
    /// e.g. 张三技能大师工作室; blank means "{leader_name}技能大师工作室".
    #[serde(default)]
    pub studio_name: String,
    #[serde(default)]
    pub leader_name: String,
    /// 职业（工种）, e.g. 焊工.
    #[serde(default)]
    pub occupation: String,
    /// 所属行业, e.g. 装备制造.
    #[serde(default)]
    pub industry: String,
    /// 建设方案: goals, team, training and passing-on plan.
    #[serde(default)]
    pub plan: String,
}

/// Longest accepted texts of a [`StudioProfile`] (characters).
pub const NAME_MAX_CHARS: usize = 64;
pub const PLAN_MAX_CHARS: usize = 5000;

impl StudioProfile {
    /// The studio's name as it will be on the plaque.
    pub fn display_name(&self) -> String {
        if self.studio_name.trim().is_empty() {
            format!("{}技能大师工作室", self.leader_name.trim())
        } else {
            self.studio_name.trim().to_owned()
        }
    }

    /// Lengths, checked on every save (a draft may be incomplete, never oversized).
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        for (field, text) in [
            ("studio_name", &self.studio_name),
            ("leader_name", &self.leader_name),
            ("occupation", &self.occupation),
            ("industry", &self.industry),
        ] {
            if text.chars().count() > NAME_MAX_CHARS {
                e.push(FieldError::new(
                    format!("profile.{field}"),
                    "最多 64 字",
                    "at most 64 characters",
                ));
            }
        }
        if self.plan.chars().count() > PLAN_MAX_CHARS {
            e.push(FieldError::new(
                "profile.plan",
                "建设方案最多 5000 字",
                "the plan has at most 5000 characters",
            ));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// What submitting needs in addition: a leader, an occupation and a plan.
    pub fn missing_for_submit(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        for (field, text, zh, en) in [
            (
                "leader_name",
                &self.leader_name,
                "请填写领办人姓名",
                "enter the leader's name",
            ),
            (
                "occupation",
                &self.occupation,
                "请填写职业（工种）",
                "enter the occupation",
            ),
            (
                "plan",
                &self.plan,
                "请填写建设方案",
                "enter the construction plan",
            ),
        ] {
            if text.trim().is_empty() {
                e.push(FieldError::new(format!("profile.{field}"), zh, en));
            }
        }
        e
    }
}

/// A new application (the unit is the applicant's own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApplication {
    pub round_id: i32,
    pub facts: EligibilityInput,
    #[serde(default)]
    pub justifications: Justifications,
    #[serde(default)]
    pub profile: StudioProfile,
}

/// An edit of a draft or returned application; `version` is the one the editor started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationEdit {
    pub version: i32,
    pub facts: EligibilityInput,
    #[serde(default)]
    pub justifications: Justifications,
    #[serde(default)]
    pub profile: StudioProfile,
}

/// A move in the procedure, checked by [`crate::workflow::transition`] on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    pub action: Action,
    pub version: i32,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub rank: Option<u32>,
    #[serde(default)]
    pub party_meeting_date: Option<NaiveDate>,
}

/// An application as its readers see it, with the server's eligibility verdict on its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: i32,
    pub round_id: i32,
    pub round_year: i32,
    pub unit_id: i32,
    pub unit_name: String,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub state: AppState,
    pub facts: EligibilityInput,
    pub justifications: Justifications,
    pub profile: StudioProfile,
    /// Who reviews and recommends it (第十一条（一）).
    pub channel: String,
    pub hrss_direct: bool,
    pub rank: Option<u32>,
    pub party_meeting_date: Option<NaiveDate>,
    /// The reason of the last return or rejection.
    pub last_reason: Option<String>,
    pub version: i32,
    pub eligibility: EligibilityReport,
    /// Warnings still without a justification.
    pub unjustified: Vec<String>,
    /// 答辩评审 aggregate, once the panel has closed.
    pub defense_score: Option<crate::Tenths>,
    pub inspection_passed: Option<bool>,
    pub inspection_notes: Option<String>,
    /// The public notice it is (or was) on.
    pub notice_id: Option<i32>,
    /// The studio created on approval.
    pub studio_id: Option<i32>,
    /// The day the verdict counts age and the ban on: the day of the first submission once
    /// submitted; before that today, and the submission day will decide (第十条（一）, 第十八条).
    pub evaluated_on: NaiveDate,
    /// `false` while the application has never been submitted: the date is today's preview.
    pub date_final: bool,
}
