//! What anyone may read or do without signing in: the rules, the calendar, approved studios, the
//! public notices and objections, and the public summary of the money.

use super::query::{ArticleQuery, DashboardFilter, NoticeQuery, StudioFilter};
use super::{NoQuery, endpoints};
use crate::Tenths;
use crate::assessment::{AssessmentInput, Grade, ItemScore};
use crate::dashboard::DashboardView;
use crate::eligibility::{EligibilityInput, EligibilityReport};
use crate::procedure::{NewObjection, NoticeView, ObjectionReceipt};
use crate::studio::StudioList;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether the server and its database answer, and the server's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthView {
    pub status: String,
    pub database: String,
    pub version: String,
    /// The server's clock, and its date in Yinchuan (what every deadline is counted in).
    pub now: chrono::DateTime<chrono::Utc>,
    pub today: NaiveDate,
}

/// The rubric's result: items, total and grade (第十五条, 附件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreView {
    pub total: Tenths,
    pub grade: Grade,
    pub items: Vec<ItemScore>,
    pub article: String,
    /// Set when the total is exactly 60.0, which the text leaves in no grade.
    pub policy_note: Option<String>,
}

/// The text of a cited article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleText {
    pub citation: String,
    pub text: String,
}

/// The last day of a public notice that starts on `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeEndView {
    pub start: NaiveDate,
    /// Last day of the notice: the 5th working day counted from `start`.
    pub end: NaiveDate,
    pub working_days: u32,
    pub article: String,
}

endpoints! {
    /// Whether the server and its database answer; the server's clock and day.
    Health: Get "/api/health" [NoQuery] (()) => 200 HealthView;
    /// 第十条 and 第十八条: the verdict on an application's facts, every finding with its article.
    Eligibility: Post "/api/rules/eligibility" [NoQuery] (EligibilityInput) => 200 EligibilityReport;
    /// 第十五条 and 附件: the rubric's items, total and grade for reported figures.
    AssessmentScore: Post "/api/rules/assessment-score" [NoQuery] (AssessmentInput) => 200 ScoreView;
    /// The text of a cited article, e.g. 第十条（一）2.
    Article: Get "/api/rules/articles" [ArticleQuery] (()) => 200 ArticleText;
    /// 第十一条（五）: the last day of a public notice of 5 working days.
    NoticeEnd: Get "/api/calendar/notice-end" [NoticeQuery] (()) => 200 NoticeEndView;
    /// The approved studios with their entitlements, by city, level and year.
    PublicStudios: Get "/api/public/studios" [StudioFilter] (()) => 200 StudioList;
    /// 第十一条（五）: the public notices of proposed studios, newest first.
    PublicNotices: Get "/api/public/notices" [NoQuery] (()) => 200 Vec<NoticeView>;
    /// Anyone may object to a proposed studio while its notice runs; at most 5 per address per hour.
    FileObjection: Post "/api/public/objections" [NoQuery] (NewObjection) => 201 ObjectionReceipt;
    /// The public summary of the money: by city and county, without studio lines.
    PublicDashboard: Get "/api/public/dashboard" [DashboardFilter] (()) => 200 DashboardView;
}
