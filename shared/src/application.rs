//! 第四章 申报程序: rounds (yearly calls) and applications on the wire, and the one rule both sides
//! apply before submitting: every warning needs a written justification.

use crate::eligibility::{EligibilityInput, EligibilityReport};
use crate::finding::Severity;
use crate::wire::FieldError;
use crate::workflow::AppState;
pub use crate::workflow::TransitionRequest;
use crate::{Level, NationalCategory};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The day 第十条（一） (age) and 第十八条 (the ban) count on: the application's first submission,
/// in Yinchuan, as the server records it; a returned and resubmitted application keeps that day;
/// a draft is previewed on `today`, the day it would be submitted. A date typed by the applicant
/// never counts.
pub fn evaluation_day(first_submitted_on: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    first_submitted_on.unwrap_or(today)
}

/// `facts` dated for evaluation (see [`evaluation_day`]), whatever `application_date` they carry.
pub fn dated(
    mut facts: EligibilityInput,
    first_submitted_on: Option<NaiveDate>,
    today: NaiveDate,
) -> EligibilityInput {
    facts.application_date = evaluation_day(first_submitted_on, today);
    facts
}

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
    /// The leader's 居民身份证号 (GB 11643): 第十八条's ban follows it. Views show it masked.
    #[serde(default)]
    pub leader_id_number: String,
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
        let id = self.leader_id_number.trim();
        if !id.is_empty()
            && let Err(err) = crate::identity::IdNumber::parse(id)
        {
            e.push(FieldError::new("profile.leader_id_number", err.zh, err.en));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// The identity number as typed, when it is valid.
    pub fn leader_id(&self) -> Option<crate::identity::IdNumber> {
        crate::identity::IdNumber::parse(&self.leader_id_number).ok()
    }

    /// The identity number's birth date must be the leader's (第十条（一） counts age on it).
    pub fn check_birth_date(&self, birth: chrono::NaiveDate) -> Result<(), FieldError> {
        match self.leader_id() {
            Some(id) if id.birth_date() != birth => Err(FieldError::new(
                "profile.leader_id_number",
                format!(
                    "身份证号中的出生日期（{}）与带头人的出生日期（{birth}）不一致",
                    id.birth_date()
                ),
                "the birth date in the identity number differs from the leader's",
            )),
            _ => Ok(()),
        }
    }

    /// What the editor says while the profile is typed: [`Self::check`]'s lengths and identity
    /// number, and whether the number's birth date is the leader's. The masked number a saved
    /// application is shown with stands for the stored one, checked when it was saved.
    pub fn check_typed(&self, birth: Option<chrono::NaiveDate>) -> Vec<FieldError> {
        let masked = self.leader_id_number.contains('*');
        let mut e = self.check().err().unwrap_or_default();
        if masked {
            e.retain(|f| f.field != "profile.leader_id_number");
        } else if let Some(birth) = birth
            && let Err(f) = self.check_birth_date(birth)
        {
            e.push(f);
        }
        e
    }

    /// The profile as others see it: the identity number masked (first 6 and last 4 kept).
    pub fn masked(mut self) -> StudioProfile {
        if !self.leader_id_number.trim().is_empty() {
            self.leader_id_number = crate::identity::mask_id(&self.leader_id_number);
        }
        self
    }

    /// An edit sent back with the masked number it was shown keeps the stored number.
    pub fn keep_stored_id(&mut self, stored: &StudioProfile) {
        let shown = crate::identity::mask_id(&stored.leader_id_number);
        if !stored.leader_id_number.is_empty() && self.leader_id_number.trim() == shown {
            self.leader_id_number = stored.leader_id_number.clone();
        }
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
                "leader_id_number",
                &self.leader_id_number,
                "请填写领办人身份证号（第十八条按身份证号核对退出记录）",
                "enter the leader's identity number",
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
    /// 第十八条: the exits on record that bar it on that day, each with whether HRSS excepted it
    /// for this round.
    #[serde(default)]
    pub ban_exits: Vec<crate::life::BanExitView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::IdNumber;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn with_id(id: &str) -> StudioProfile {
        StudioProfile {
            leader_id_number: id.to_owned(),
            ..StudioProfile::default()
        }
    }

    fn fields(e: Vec<FieldError>) -> Vec<String> {
        e.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_typed_identity_number_is_checked_against_the_leaders_birth_date() {
        let born = day("1975-03-10");
        let id = IdNumber::compose(640106, born, 117)
            .expect("valid")
            .to_string();
        assert!(with_id(&id).check_typed(Some(born)).is_empty());
        assert!(with_id("").check_typed(Some(born)).is_empty());
        assert_eq!(
            fields(with_id(&id).check_typed(Some(day("1975-03-11")))),
            ["profile.leader_id_number"]
        );
        let mistyped = format!("{}{}", &id[..17], if id.ends_with('0') { '1' } else { '0' });
        assert_eq!(
            fields(with_id(&mistyped).check_typed(None)),
            ["profile.leader_id_number"]
        );
    }

    #[test]
    fn the_masked_number_a_saved_application_shows_stands_for_the_stored_one() {
        let born = day("1975-03-10");
        let stored = with_id(
            &IdNumber::compose(640106, born, 117)
                .expect("valid")
                .to_string(),
        );
        let mut shown = stored.clone().masked();
        assert!(shown.leader_id_number.contains('*'));
        assert!(shown.check_typed(Some(day("1990-01-01"))).is_empty());
        shown.keep_stored_id(&stored);
        assert_eq!(shown.leader_id_number, stored.leader_id_number);
    }
}
