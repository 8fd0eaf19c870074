//! 第四章: the states of an application in a round, who may move it, and the guards.
//!
//! The server calls [`transition`] for every move and stores only what it returns; the browser calls
//! it to decide which buttons to show.

use crate::finding::Severity;
use crate::wire::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
pub enum AppState {
    Draft,
    Submitted,
    /// Returned by the channel for correction (第十一条（二）).
    Returned,
    /// Recommended with a rank (第十一条（二）).
    Recommended,
    /// 答辩评审 (第十一条（三）).
    DefenseReview,
    /// 实地考察 (第十一条（四）).
    FieldInspection,
    /// On the proposed list and in public notice (第十一条（五）).
    Proposed,
    Approved,
    NotSelected,
    Withdrawn,
}

impl AppState {
    pub const ALL: [AppState; 10] = [
        AppState::Draft,
        AppState::Submitted,
        AppState::Returned,
        AppState::Recommended,
        AppState::DefenseReview,
        AppState::FieldInspection,
        AppState::Proposed,
        AppState::Approved,
        AppState::NotSelected,
        AppState::Withdrawn,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            AppState::Draft => "草稿",
            AppState::Submitted => "已提交",
            AppState::Returned => "退回修改",
            AppState::Recommended => "已推荐",
            AppState::DefenseReview => "答辩评审",
            AppState::FieldInspection => "实地考察",
            AppState::Proposed => "建议名单公示",
            AppState::Approved => "已批准",
            AppState::NotSelected => "未入选",
            AppState::Withdrawn => "已撤回",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            AppState::Draft => "draft",
            AppState::Submitted => "submitted",
            AppState::Returned => "returned for correction",
            AppState::Recommended => "recommended",
            AppState::DefenseReview => "defense review",
            AppState::FieldInspection => "field inspection",
            AppState::Proposed => "proposed, in public notice",
            AppState::Approved => "approved",
            AppState::NotSelected => "not selected",
            AppState::Withdrawn => "withdrawn",
        }
    }
    pub fn is_final(self) -> bool {
        matches!(
            self,
            AppState::Approved | AppState::NotSelected | AppState::Withdrawn
        )
    }
}

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
pub enum Role {
    Applicant,
    Recommender,
    HrssAdmin,
    Expert,
    Finance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Submit,
    ReturnForCorrection,
    Recommend,
    StartDefense,
    SelectForInspection,
    Propose,
    Approve,
    Reject,
    Withdraw,
}

/// A move in the procedure, checked by [`transition`] on the server.
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

/// The highest rank a channel gives.
pub const MAX_RANK: u32 = 10_000;

/// The fields a move needs in its request, each named where missing, before any guard runs: a
/// reason to return or reject (第十一条（二）), and a rank and the Party-group meeting's date to
/// recommend (not for applications HRSS reviews itself).
pub fn required_fields(req: &TransitionRequest, hrss_direct: bool) -> Vec<FieldError> {
    let mut missing = Vec::new();
    if matches!(req.action, Action::ReturnForCorrection | Action::Reject) && !has_text(&req.reason)
    {
        missing.push(FieldError::new(
            "reason",
            "请填写理由",
            "a reason is required",
        ));
    }
    if req.action == Action::Recommend && !hrss_direct {
        if !req.rank.is_some_and(|r| (1..=MAX_RANK).contains(&r)) {
            missing.push(FieldError::new(
                "rank",
                "请填写推荐排序（1 到 10000）",
                "give the rank (1 to 10000)",
            ));
        }
        if req.party_meeting_date.is_none() {
            missing.push(FieldError::new(
                "party_meeting_date",
                "请填写党组（党委）会议日期",
                "give the Party-group meeting date",
            ));
        }
    }
    missing
}

/// 差额 (第十一条（四）): at least this many candidates of a level are inspected.
pub const INSPECTION_MIN: usize = 2;

/// Facts the guards read; the caller fills what the action needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardContext {
    pub today: Option<NaiveDate>,
    /// Central public institutions skip the channel: HRSS reviews them itself.
    pub hrss_direct: bool,
    /// The server's eligibility verdict on the current facts.
    pub eligibility: Option<Severity>,
    /// Warnings that still lack a written justification.
    pub unjustified_warnings: usize,
    pub reason: Option<String>,
    pub rank: Option<u32>,
    pub party_meeting_date: Option<NaiveDate>,
    /// Candidates on the field-inspection list (差额: at least two).
    pub inspection_candidates: usize,
    pub inspection_passed: Option<bool>,
    /// Last day of the public notice, when one was started.
    pub notice_end: Option<NaiveDate>,
    pub open_objections: usize,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refusal {
    pub article: String,
    pub message_zh: String,
    pub message_en: String,
    /// `true` when the role may never do this (the server answers 403/404), `false` when a guard failed (409/422).
    pub forbidden: bool,
}

fn refuse(article: &str, zh: &str, en: &str) -> Refusal {
    Refusal {
        article: article.into(),
        message_zh: zh.into(),
        message_en: en.into(),
        forbidden: false,
    }
}

fn has_text(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The state an action leads to, or why it may not happen.
pub fn transition(
    from: AppState,
    action: Action,
    role: Role,
    ctx: &GuardContext,
) -> Result<AppState, Refusal> {
    let to = permitted(from, action, role, ctx.hrss_direct)?;
    guard(action, ctx)?;
    Ok(to)
}

/// Whether `role` may take `action` from `from` at all (ignoring the guards), and where it leads.
/// Callers check this before reading the action's own fields, so the role decides first.
pub fn permitted(
    from: AppState,
    action: Action,
    role: Role,
    hrss_direct: bool,
) -> Result<AppState, Refusal> {
    use Action::*;
    use AppState::*;
    let reviewer = if hrss_direct {
        Role::HrssAdmin
    } else {
        Role::Recommender
    };
    let (to, allowed) = match (from, action) {
        (Draft | Returned, Submit) => (Submitted, role == Role::Applicant),
        (Submitted, ReturnForCorrection) => (Returned, role == reviewer),
        (Submitted, Recommend) => (Recommended, role == reviewer),
        (Submitted, Reject) => (NotSelected, role == reviewer),
        (Recommended, StartDefense) => (DefenseReview, role == Role::HrssAdmin),
        (DefenseReview, SelectForInspection) => (FieldInspection, role == Role::HrssAdmin),
        (Recommended | DefenseReview | FieldInspection | Proposed, Reject) => {
            (NotSelected, role == Role::HrssAdmin)
        }
        (FieldInspection, Propose) => (Proposed, role == Role::HrssAdmin),
        (Proposed, Approve) => (Approved, role == Role::HrssAdmin),
        (Draft | Submitted | Returned, Withdraw) => (Withdrawn, role == Role::Applicant),
        _ => {
            return Err(refuse(
                "第十一条",
                &format!("当前状态“{}”下不能执行此操作。", from.label_zh()),
                "This action is not possible in the current state.",
            ));
        }
    };
    if !allowed {
        return Err(Refusal {
            forbidden: true,
            ..refuse("第十一条", "无权执行此操作。", "Your role may not do this.")
        });
    }
    Ok(to)
}

fn guard(action: Action, ctx: &GuardContext) -> Result<(), Refusal> {
    match action {
        Action::Submit => {
            if ctx.eligibility == Some(Severity::Fail) {
                return Err(refuse(
                    "第十条",
                    "资格自查有不符合项，不能提交。",
                    "The eligibility check has failures: cannot submit.",
                ));
            }
            if ctx.eligibility.is_none() {
                return Err(refuse(
                    "第十条",
                    "提交前须完成资格核验。",
                    "Eligibility must be checked before submitting.",
                ));
            }
            if ctx.unjustified_warnings > 0 {
                return Err(refuse(
                    "第十条",
                    "每个需说明的事项都须填写书面说明。",
                    "Every warning needs a written justification.",
                ));
            }
        }
        Action::ReturnForCorrection | Action::Reject => {
            if !has_text(&ctx.reason) {
                return Err(refuse(
                    "第十一条（二）",
                    "须填写理由。",
                    "A reason is required.",
                ));
            }
        }
        Action::Recommend => {
            if !ctx.hrss_direct && ctx.rank.is_none() {
                return Err(refuse(
                    "第十一条（二）",
                    "推荐须给出排序（直报自治区人社厅的除外）。",
                    "A recommendation needs a rank.",
                ));
            }
            if !ctx.hrss_direct && ctx.party_meeting_date.is_none() {
                return Err(refuse(
                    "第十一条（二）",
                    "推荐须经单位党组（党委）会议研究，请填写会议日期。",
                    "The Party-group meeting that approved the list must be recorded.",
                ));
            }
        }
        Action::SelectForInspection => {
            if ctx.inspection_candidates < INSPECTION_MIN {
                return Err(refuse(
                    "第十一条（四）",
                    "实地考察采取差额方法：每个级别至少考察 2 名候选，考察人数须多于拟入选人数。",
                    "Field inspection is competitive: at least 2 candidates, more than will be selected.",
                ));
            }
        }
        Action::Propose => {
            if ctx.inspection_passed != Some(true) {
                return Err(refuse(
                    "第十一条（五）",
                    "须先记录实地考察结果。",
                    "Record a passed field inspection first.",
                ));
            }
        }
        Action::Approve => {
            let (Some(end), Some(today)) = (ctx.notice_end, ctx.today) else {
                return Err(refuse(
                    "第十一条（五）",
                    "须先进行公示。",
                    "The public notice has not run.",
                ));
            };
            if today <= end {
                return Err(refuse(
                    "第十一条（五）",
                    "公示期未满 5 个工作日，不能批准。",
                    "The notice period (5 working days) has not ended.",
                ));
            }
            if ctx.open_objections > 0 {
                return Err(refuse(
                    "第十一条（五）",
                    "公示期内的异议尚未全部处理。",
                    "Objections are still open.",
                ));
            }
        }
        Action::StartDefense | Action::Withdraw => {}
    }
    Ok(())
}
