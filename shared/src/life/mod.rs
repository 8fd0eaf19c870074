//! 第六章 a studio's life after approval: annual reports (第十五条), assessments and what their
//! grades decide (第十五条, 第十七条), changes of leader or host (第十六条), exits and the ban
//! (第十八条), and the reminders that keep all of it on time.

mod change;
mod digest;
mod exit;
mod report;

pub use change::{
    ChangeKind, ChangeState, ChangeView, Decision, HostMode, NewChange, countdown,
    leader_not_lower, minimum_leader,
};
pub use digest::{Digest, Obligations, Reminder, ReminderItem, ReminderKind, obligations};
pub use exit::{BanOverride, ExitCase, ExitView, NewBanOverride, NewExit};
pub use report::{
    AnnualFigures, AnnualReportInput, AnnualReportView, Lecture, Targets, Trainee, YOUNG_MAX_AGE,
    assessment_input, report_years, targets, young_senior,
};

use crate::assessment::{Grade, GradeResult};
use crate::deadlines::rectification_due;
use crate::score::Tenths;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a studio stands. Stored as the snake_case text in `studio.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StudioStatus {
    /// In its construction period (第四条), or waiting for the end-of-term assessment.
    Building,
    /// 第十七条: one year to rectify after an unqualified end-of-term result.
    Rectifying,
    /// The end-of-term assessment (or the re-assessment) was passed.
    Completed,
    /// 第十七条: still failing after rectification; the title is withdrawn.
    Revoked,
    /// 第十八条: made to exit.
    Exited,
}

impl StudioStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            StudioStatus::Building => "建设中",
            StudioStatus::Rectifying => "限期整改",
            StudioStatus::Completed => "期满考核合格",
            StudioStatus::Revoked => "已取消称号",
            StudioStatus::Exited => "已退出",
        }
    }
    /// Still a studio: on the public list, files reports, can be assessed and changed.
    pub fn in_being(self) -> bool {
        matches!(
            self,
            StudioStatus::Building | StudioStatus::Rectifying | StudioStatus::Completed
        )
    }
    pub const IN_BEING: [&'static str; 3] = ["building", "rectifying", "completed"];
}

/// Which assessment a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssessmentKind {
    /// 第十五条（一）, by the city bureau or department, results filed by 31 January.
    Annual,
    /// 第十五条（二）, by HRSS in the first year after the construction period.
    EndOfTerm,
    /// 第十七条: the assessment at the end of the rectification year.
    ReAssessment,
}

impl AssessmentKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            AssessmentKind::Annual => "年度考核",
            AssessmentKind::EndOfTerm => "期满考核",
            AssessmentKind::ReAssessment => "整改后复核",
        }
    }
}

/// What an assessment's grade does to the studio (第十五条, 第十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// An annual result is recorded; the studio goes on building.
    Recorded,
    /// Passed the end of term (or the re-assessment).
    Completed,
    /// 第十七条: unqualified at the end of term; rectify by `until`.
    Rectify { until: NaiveDate },
    /// 第十七条: still unqualified after rectification.
    Revoke,
}

impl Outcome {
    pub fn status(self, before: StudioStatus) -> StudioStatus {
        match self {
            Outcome::Recorded => before,
            Outcome::Completed => StudioStatus::Completed,
            Outcome::Rectify { .. } => StudioStatus::Rectifying,
            Outcome::Revoke => StudioStatus::Revoked,
        }
    }
    pub fn label_zh(self) -> String {
        match self {
            Outcome::Recorded => "年度考核结果已备案".into(),
            Outcome::Completed => "考核合格，工作室建设期满".into(),
            Outcome::Rectify { until } => {
                format!("期满考核不合格，限期一年整改（至 {until}），整改后复核（第十七条）")
            }
            Outcome::Revoke => "整改后复核仍不合格，取消项目称号（第十七条）".into(),
        }
    }
}

/// Which assessment a studio in `status` takes when an assessment panel (annual or end-of-term)
/// scores it; `None` when it cannot be assessed any more.
pub fn assessment_kind(end_of_term_panel: bool, status: StudioStatus) -> Option<AssessmentKind> {
    match (end_of_term_panel, status) {
        (false, StudioStatus::Building) => Some(AssessmentKind::Annual),
        (true, StudioStatus::Building) => Some(AssessmentKind::EndOfTerm),
        (true, StudioStatus::Rectifying) => Some(AssessmentKind::ReAssessment),
        _ => None,
    }
}

/// 第十五条 and 第十七条: what a grade decided on `decided` does.
pub fn outcome(kind: AssessmentKind, grade: Grade, decided: NaiveDate) -> Outcome {
    match (kind, grade) {
        (AssessmentKind::Annual, _) => Outcome::Recorded,
        (AssessmentKind::EndOfTerm, Grade::Unqualified) => Outcome::Rectify {
            until: rectification_due(decided),
        },
        (AssessmentKind::ReAssessment, Grade::Unqualified) => Outcome::Revoke,
        (_, _) => Outcome::Completed,
    }
}

/// One item of a studio's score sheet: the panel's mean and how the figures read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetItem {
    pub key: String,
    pub label: String,
    pub max: Tenths,
    /// The mean of the counted experts' scores for the item.
    pub score: Tenths,
    /// What the reported figures give by 附件 and why (empty for items without figures).
    pub explanation: String,
}

/// A recorded assessment, as the studio and the offices see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentView {
    pub id: i32,
    pub kind: AssessmentKind,
    /// The year assessed (annual) or the year the result was decided.
    pub year: i32,
    pub panel_id: Option<i32>,
    pub panel_title: String,
    pub total: Tenths,
    pub grade: GradeResult,
    pub outcome: Outcome,
    pub decided_on: NaiveDate,
    pub items: Vec<SheetItem>,
    pub comments: Vec<String>,
}

/// Everything about a studio after its approval, in one view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudioLife {
    pub studio_id: i32,
    pub status: StudioStatus,
    pub as_of: NaiveDate,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    /// 第十五条（二）: the window of the end-of-term assessment.
    pub end_of_term_from: NaiveDate,
    pub end_of_term_until: NaiveDate,
    pub rectification_until: Option<NaiveDate>,
    pub reports: Vec<AnnualReportView>,
    /// Years whose report is due and not filed.
    pub missing_reports: Vec<i32>,
    pub targets: Targets,
    pub assessments: Vec<AssessmentView>,
    pub changes: Vec<ChangeView>,
    pub exit: Option<ExitView>,
    /// What the studio (or its offices) still has to do, most urgent first.
    pub reminders: Vec<Reminder>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn grades_decide_the_studio() {
        let d = date(2029, 3, 10);
        assert_eq!(
            outcome(AssessmentKind::EndOfTerm, Grade::Unqualified, d),
            Outcome::Rectify {
                until: date(2030, 3, 10)
            }
        );
        assert_eq!(
            outcome(AssessmentKind::EndOfTerm, Grade::Qualified, d),
            Outcome::Completed
        );
        assert_eq!(
            outcome(AssessmentKind::ReAssessment, Grade::Unqualified, d),
            Outcome::Revoke
        );
        assert_eq!(
            outcome(AssessmentKind::ReAssessment, Grade::Excellent, d),
            Outcome::Completed
        );
        assert_eq!(
            outcome(AssessmentKind::Annual, Grade::Unqualified, d),
            Outcome::Recorded
        );
        assert_eq!(
            Outcome::Revoke.status(StudioStatus::Rectifying),
            StudioStatus::Revoked
        );
    }

    #[test]
    fn which_assessment_a_panel_gives() {
        use StudioStatus::*;
        assert_eq!(
            assessment_kind(false, Building),
            Some(AssessmentKind::Annual)
        );
        assert_eq!(
            assessment_kind(true, Building),
            Some(AssessmentKind::EndOfTerm)
        );
        assert_eq!(
            assessment_kind(true, Rectifying),
            Some(AssessmentKind::ReAssessment)
        );
        for s in [Completed, Revoked, Exited] {
            assert_eq!(assessment_kind(true, s), None);
            assert_eq!(assessment_kind(false, s), None);
        }
        assert_eq!(assessment_kind(false, Rectifying), None);
    }

    #[test]
    fn status_text_matches_the_database() {
        for (s, t) in [
            (StudioStatus::Building, "building"),
            (StudioStatus::Rectifying, "rectifying"),
            (StudioStatus::Completed, "completed"),
        ] {
            assert_eq!(serde_json::to_value(s).expect("json"), t);
            assert!(StudioStatus::IN_BEING.contains(&t));
            assert!(s.in_being());
        }
        assert!(!StudioStatus::Exited.in_being());
    }
}
