//! 第六章 a studio's life after approval: annual reports (第十五条), assessments and what their
//! grades decide (第十五条, 第十七条), changes of leader or host (第十六条), exits and the ban
//! (第十八条), and the reminders that keep all of it on time.

mod change;
mod change_flow;
mod digest;
mod exit;
mod report;
mod successor;
mod window;

pub use change::{
    ChangeKind, ChangeState, ChangeView, Countdown, Decision, HostMode, NewChange, countdown,
    leader_not_lower, minimum_leader, same_system, successor_age,
};
pub use change_flow::{
    ChangeEffect, ChangeStep, change_transition, effect, first_state, is_decided, may_request,
};
pub use digest::{
    DIGEST_ITEMS_MAX, Digest, Obligations, Reminder, ReminderItem, ReminderKind, obligations,
};
pub use exit::{BanExitView, BanOverride, ExitCase, ExitView, NewBanOverride, NewExit};
pub use report::{
    AnnualFigures, AnnualReportInput, AnnualReportView, FiledReport, Lecture, Targets, Trainee,
    YOUNG_MAX_AGE, assessed_input, assessed_report_year, assessment_input, report_years, targets,
    young_senior,
};
pub use window::{Window, change_windows, windows};

use crate::assessment::{Grade, GradeResult};
use crate::deadlines::rectification_due;
use crate::score::Tenths;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a studio stands. Stored as the snake_case text in `studio.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "sea-orm",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
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
    pub const ALL: [StudioStatus; 5] = [
        StudioStatus::Building,
        StudioStatus::Rectifying,
        StudioStatus::Completed,
        StudioStatus::Revoked,
        StudioStatus::Exited,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            StudioStatus::Building => "建设中",
            StudioStatus::Rectifying => "限期整改",
            StudioStatus::Completed => "期满考核合格",
            StudioStatus::Revoked => "已取消称号",
            StudioStatus::Exited => "已退出",
        }
    }
    /// The English label of [`StudioStatus::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            StudioStatus::Building => "under construction",
            StudioStatus::Rectifying => "under rectification",
            StudioStatus::Completed => "completed (end-of-term assessment passed)",
            StudioStatus::Revoked => "revoked (title withdrawn)",
            StudioStatus::Exited => "exited",
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
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "sea-orm",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum AssessmentKind {
    /// 第十五条（一）, by the city bureau or department, results filed by 31 January.
    Annual,
    /// 第十五条（二）, by HRSS in the first year after the construction period.
    EndOfTerm,
    /// 第十七条: the assessment at the end of the rectification year.
    ReAssessment,
}

impl AssessmentKind {
    pub const ALL: [AssessmentKind; 3] = [
        AssessmentKind::Annual,
        AssessmentKind::EndOfTerm,
        AssessmentKind::ReAssessment,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            AssessmentKind::Annual => "年度考核",
            AssessmentKind::EndOfTerm => "期满考核",
            AssessmentKind::ReAssessment => "整改后复核",
        }
    }
    /// The English label of [`AssessmentKind::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            AssessmentKind::Annual => "annual assessment",
            AssessmentKind::EndOfTerm => "end-of-term assessment",
            AssessmentKind::ReAssessment => "re-assessment after rectification",
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
    /// The English label of [`Outcome::label_zh`].
    pub fn label_en(self) -> String {
        match self {
            Outcome::Recorded => "annual assessment result filed".into(),
            Outcome::Completed => {
                "assessment passed; the studio's construction period is complete".into()
            }
            Outcome::Rectify { until } => format!(
                "unqualified at the end-of-term assessment: one year to rectify (until {until}), then re-assessment (Art. 17)"
            ),
            Outcome::Revoke => {
                "still unqualified after rectification: the project title is revoked (Art. 17)"
                    .into()
            }
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

/// Why a studio cannot be assessed by a panel of this kind on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAssessable {
    /// Completed, revoked or exited (or rectifying, for an annual panel).
    Status(StudioStatus),
    /// Too early: allowed from `from` (第十五条（二）: after the term; 第十七条: after the year of
    /// rectification).
    NotYet {
        from: NaiveDate,
        article: &'static str,
    },
}

impl NotAssessable {
    pub fn message_zh(self) -> String {
        match self {
            NotAssessable::Status(s) => {
                format!("工作室当前状态为“{}”，不能参加此项考核", s.label_zh())
            }
            NotAssessable::NotYet {
                from,
                article: "第十七条",
            } => {
                format!("限期整改一年期满后方可复核：自 {from} 起（第十七条）")
            }
            NotAssessable::NotYet { from, .. } => {
                format!("期满考核在建设期满后一年内进行：自 {from} 起（第十五条（二））")
            }
        }
    }
    pub fn message_en(self) -> String {
        match self {
            NotAssessable::Status(s) => {
                format!("the studio is {s:?}: it cannot take this assessment")
            }
            NotAssessable::NotYet {
                from,
                article: "第十七条",
            } => {
                format!(
                    "the re-assessment follows the full year of rectification: from {from} (Art. 17)"
                )
            }
            NotAssessable::NotYet { from, .. } => format!(
                "the end-of-term assessment takes place in the year after the term: from {from} (Art. 15(2))"
            ),
        }
    }
}

/// Which assessment a studio takes from a panel on `on`, or why not (yet): an annual panel assesses
/// a building studio; an end-of-term panel assesses a building studio once its term has ended
/// (第十五条（二）) and re-assesses a rectifying one once its year of rectification is over (第十七条).
pub fn assessable(
    end_of_term_panel: bool,
    status: StudioStatus,
    term_end: NaiveDate,
    rectification_until: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<AssessmentKind, NotAssessable> {
    let kind = assessment_kind(end_of_term_panel, status).ok_or(NotAssessable::Status(status))?;
    let from = match kind {
        AssessmentKind::Annual => return Ok(kind),
        AssessmentKind::EndOfTerm => crate::deadlines::end_of_term_window(term_end).0,
        AssessmentKind::ReAssessment => {
            rectification_until.and_then(|u| u.succ_opt()).unwrap_or(on)
        }
    };
    if on < from {
        let article = if kind == AssessmentKind::ReAssessment {
            "第十七条"
        } else {
            "第十五条（二）"
        };
        return Err(NotAssessable::NotYet { from, article });
    }
    Ok(kind)
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
    /// The same in English.
    #[serde(default)]
    pub explanation_en: String,
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
    /// The mean shown, one decimal.
    pub total: Tenths,
    /// The exact mean the grade was taken on (e.g. `59.97`), where a panel decided it.
    #[serde(default)]
    pub exact_mean: Option<String>,
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
    /// 第二十一条: what of it runs past the measures' expiry ([`StudioLife::beyond_measures`]).
    #[serde(default)]
    pub validity: Vec<crate::Finding>,
}

impl StudioLife {
    /// 第二十一条: what of this studio runs past the measures' expiry, each with what it is.
    pub fn beyond_measures(&self) -> Vec<crate::Finding> {
        use crate::deadlines::beyond_measures as beyond;
        let mut out = Vec::new();
        if matches!(
            self.status,
            StudioStatus::Building | StudioStatus::Rectifying
        ) {
            out.extend(beyond(
                "建设期满",
                "The end of the construction period",
                self.term_end,
            ));
            if self.status == StudioStatus::Building {
                out.extend(beyond(
                    "期满考核期限",
                    "The end-of-term assessment's last day",
                    self.end_of_term_until,
                ));
            }
        }
        if self.status == StudioStatus::Rectifying
            && let Some(u) = self.rectification_until
        {
            out.extend(beyond("限期整改期满", "The end of rectification", u));
        }
        for c in self.changes.iter().filter(|c| c.state.open()) {
            out.extend(beyond("变更完成期限", "A change's due date", c.due));
        }
        if let Some(e) = &self.exit {
            out.extend(beyond(
                "3 年内不得再次申报的期限",
                "The end of the 3-year ban",
                e.ban_until,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn only_dates_after_31_july_2028_are_flagged_as_beyond_the_measures() {
        use crate::deadlines::beyond_measures;
        assert!(beyond_measures("建设期满", "term", date(2028, 7, 31)).is_none());
        let f = beyond_measures("建设期满", "term", date(2028, 8, 1)).expect("flagged");
        assert_eq!(
            (f.rule.as_str(), f.article.as_str()),
            ("validity.beyond", "第二十一条")
        );
        assert!(f.message_zh.contains("2028-08-01") && f.message_zh.contains("建设期满"));
    }

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
    fn an_end_of_term_assessment_waits_for_the_end_of_the_term_and_a_reassessment_for_the_year() {
        use StudioStatus::*;
        // The example: approved 2026-06-01 (term to 2028-05-31), assessed 2027-01-10 and
        // re-assessed 2027-01-11: both refused, each with the day from which it is allowed.
        let term_end = crate::deadlines::default_term_end(date(2026, 6, 1));
        assert_eq!(term_end, date(2028, 5, 31));
        let early = assessable(true, Building, term_end, None, date(2027, 1, 10));
        assert_eq!(
            early,
            Err(NotAssessable::NotYet {
                from: date(2028, 6, 1),
                article: "第十五条（二）"
            })
        );
        assert!(
            early
                .err()
                .is_some_and(|e| e.message_zh().contains("2028-06-01"))
        );
        assert_eq!(
            assessable(true, Building, term_end, None, date(2028, 5, 31)).ok(),
            None
        );
        assert_eq!(
            assessable(true, Building, term_end, None, date(2028, 6, 1)),
            Ok(AssessmentKind::EndOfTerm)
        );
        // Rectifying from 2028-07-10 to 2029-07-10: re-assessed from 2029-07-11.
        let until = Some(date(2029, 7, 10));
        let re = assessable(true, Rectifying, term_end, until, date(2028, 7, 11));
        assert_eq!(
            re,
            Err(NotAssessable::NotYet {
                from: date(2029, 7, 11),
                article: "第十七条"
            })
        );
        assert_eq!(
            assessable(true, Rectifying, term_end, until, date(2029, 7, 10)).ok(),
            None
        );
        assert_eq!(
            assessable(true, Rectifying, term_end, until, date(2029, 7, 11)),
            Ok(AssessmentKind::ReAssessment)
        );
        // Annual panels are not held back; finished studios are never assessed.
        assert_eq!(
            assessable(false, Building, term_end, None, date(2027, 1, 10)),
            Ok(AssessmentKind::Annual)
        );
        assert_eq!(
            assessable(true, Completed, term_end, None, date(2029, 1, 1)),
            Err(NotAssessable::Status(Completed))
        );
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
