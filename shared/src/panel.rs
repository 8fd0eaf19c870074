//! Expert panels on the wire: setting one up (HRSS), what a tablet downloads and syncs (experts),
//! what the chair sees, and the ranking once scoring is closed.

pub use crate::scoring::sheet::{COMMENT_MAX_CHARS, SIGNATURE_MAX_BYTES};
use crate::scoring::{Aggregation, PanelPurpose, Rubric, TieBreaker};
pub use crate::scoring::{ComputedItem, PanelState, SheetStatus};
use crate::wire::FieldError;
use crate::{Level, Tenths};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPanel {
    pub purpose: PanelPurpose,
    #[serde(default)]
    pub round_id: Option<i32>,
    pub title: String,
    /// e.g. 装备制造类 (defense panels are formed by occupation group).
    #[serde(default)]
    pub occupation_group: String,
    #[serde(default)]
    pub session_on: Option<NaiveDate>,
    #[serde(default)]
    pub location: String,
    /// `None`: the default rubric of the purpose (defense: 第十条-based; assessments: 附件).
    #[serde(default)]
    pub rubric: Option<Rubric>,
    #[serde(default)]
    pub aggregation: Aggregation,
    #[serde(default)]
    pub tie_breakers: Vec<TieBreaker>,
    /// One of the experts.
    pub chair: i32,
    pub experts: Vec<i32>,
    /// Applications (defense) or studios (assessments), in the order they are heard.
    pub candidates: Vec<i32>,
    /// Assessments: what each studio reported, from which `shared` computes the rubric's items
    /// for the experts to verify.
    #[serde(default)]
    pub reported: Vec<CandidateReport>,
    /// Annual panels: the year assessed (第十五条（一）).
    #[serde(default)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateReport {
    pub studio_id: i32,
    pub input: crate::assessment::AssessmentInput,
}

impl NewPanel {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        if self.title.trim().is_empty() || self.title.chars().count() > 128 {
            e.push(FieldError::new(
                "title",
                "请填写评审组名称（最多 128 字）",
                "enter a title (at most 128 characters)",
            ));
        }
        if self.occupation_group.chars().count() > 64 || self.location.chars().count() > 128 {
            e.push(FieldError::new(
                "location",
                "职业组别最多 64 字，地点最多 128 字",
                "too long",
            ));
        }
        if self.experts.len() < 3
            || self.experts.len() > 15
            || crate::procedure::has_duplicates(&self.experts)
        {
            e.push(FieldError::new(
                "experts",
                "评审组须有 3 到 15 名不同的专家",
                "a panel has 3 to 15 different experts",
            ));
        }
        if !self.experts.contains(&self.chair) {
            e.push(FieldError::new(
                "chair",
                "组长须是评审组的专家之一",
                "the chair must be one of the experts",
            ));
        }
        if self.candidates.is_empty()
            || self.candidates.len() > 200
            || crate::procedure::has_duplicates(&self.candidates)
        {
            e.push(FieldError::new(
                "candidates",
                "须有 1 到 200 个不同的评审对象",
                "1 to 200 different candidates",
            ));
        }
        if let Aggregation::TrimmedMean { min_experts } = self.aggregation
            && !(3..=15).contains(&min_experts)
        {
            e.push(FieldError::new(
                "aggregation.min_experts",
                "去掉最高最低分的最少人数应为 3 到 15",
                "3 to 15",
            ));
        }
        match (self.purpose, self.year) {
            (PanelPurpose::Annual, Some(y)) if (2023..=2100).contains(&y) => {}
            (PanelPurpose::Annual, _) => e.push(FieldError::new(
                "year",
                "年度考核须填写考核年度",
                "an annual panel needs the year it assesses",
            )),
            (_, None) => {}
            (_, Some(_)) => e.push(FieldError::new(
                "year",
                "只有年度考核填写考核年度",
                "only annual panels take a year",
            )),
        }
        // Tie-breakers are checked by the server against the rubric in effect (given or default).
        if let Some(r) = &self.rubric {
            e.extend(r.check().err().unwrap_or_default());
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// Reported figures belong to a studio of an assessment panel, and are themselves valid.
    pub fn check_reported(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for (i, r) in self.reported.iter().enumerate() {
            if self.purpose == PanelPurpose::Defense || !self.candidates.contains(&r.studio_id) {
                errors.push(FieldError::new(
                    format!("reported[{i}].studio_id"),
                    "上报数据须对应本考核组的工作室",
                    "reported figures must belong to a studio of this assessment panel",
                ));
            }
            if let Err(list) = r.input.check() {
                errors.extend(list.into_iter().map(|e| FieldError {
                    field: format!("reported[{i}].input.{}", e.field),
                    ..e
                }));
            }
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelSummary {
    pub id: i32,
    pub purpose: PanelPurpose,
    pub title: String,
    pub occupation_group: String,
    pub session_on: Option<NaiveDate>,
    pub state: PanelState,
    pub chair_name: String,
    pub experts: usize,
    pub candidates: usize,
    /// For the caller: am I its chair, am I on it.
    pub i_chair: bool,
    pub i_score: bool,
}

/// A candidate as the panel sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateView {
    pub id: i32,
    pub position: i32,
    pub application_id: Option<i32>,
    pub studio_id: Option<i32>,
    pub unit_name: String,
    pub studio_name: String,
    pub leader_name: String,
    pub occupation: String,
    pub level: Level,
    pub channel_rank: Option<u32>,
    /// Assessments: the items `shared` computed from the studio's report, to verify.
    #[serde(default)]
    pub computed: Vec<ComputedItem>,
}

/// One expert's sheet; `values` only for its own expert, or for everyone once the panel closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetView {
    pub id: i32,
    pub candidate_id: i32,
    pub expert_id: i32,
    pub expert_name: String,
    pub status: SheetStatus,
    /// Why it does not count (conflict found, or the expert's own reason).
    pub recusal: Option<String>,
    pub values: BTreeMap<String, Tenths>,
    pub total: Option<Tenths>,
    pub signed_at: Option<DateTime<Utc>>,
    pub reopened_reason: Option<String>,
    /// Changes the server holds for this sheet (the chair's sync view).
    pub changes: usize,
    /// Far from the other experts' totals (chair and HRSS only).
    pub outlier: bool,
    /// 考核组评语 (shown like the values).
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelView {
    pub id: i32,
    pub purpose: PanelPurpose,
    pub title: String,
    pub occupation_group: String,
    pub session_on: Option<NaiveDate>,
    pub location: String,
    pub rubric: Rubric,
    /// No score yet: HRSS may still change the rubric.
    pub rubric_editable: bool,
    pub aggregation: Aggregation,
    pub tie_breakers: Vec<TieBreaker>,
    pub state: PanelState,
    pub chair_id: i32,
    pub chair_name: String,
    pub candidates: Vec<CandidateView>,
    /// The caller's own sheets (experts), or all (chair and HRSS; values hidden until closed).
    pub sheets: Vec<SheetView>,
    pub ranking: Option<Vec<RankingRow>>,
    pub i_chair: bool,
}

/// One line of the ranking when scoring is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankingRow {
    pub place: u32,
    pub candidate_id: i32,
    pub studio_name: String,
    pub unit_name: String,
    /// The mean shown (one decimal).
    pub score: Tenths,
    /// The exact mean the grade is taken on (第十五条): sum of the counted totals over their count.
    pub mean: crate::assessment::Mean,
    /// Every expert's total, in the panel's expert order; `None` for a recused sheet.
    pub totals: Vec<(String, Option<Tenths>)>,
    /// Experts whose totals the trimmed mean dropped.
    pub dropped: Vec<String>,
    pub item_means: BTreeMap<String, Tenths>,
}

/// One tap on a tablet: an item's new value, identified by the tablet so it counts once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreChangeIn {
    /// Client-generated, unique (UUID); a resend with the same id is acknowledged, not stored again.
    pub id: String,
    pub sheet_id: i32,
    pub item: String,
    pub value: Tenths,
    pub client_at: DateTime<Utc>,
}

/// Submitting a sheet: the signature drawn on the screen locks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub id: String,
    pub sheet_id: i32,
    /// A PNG data URL (`data:image/png;base64,…`), at most 200 KB.
    pub signature: String,
    pub client_at: DateTime<Utc>,
}

/// An expert's comment on a sheet (考核组评语); the latest by client time is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentIn {
    pub id: String,
    pub sheet_id: i32,
    pub text: String,
    pub client_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncRequest {
    #[serde(default)]
    pub changes: Vec<ScoreChangeIn>,
    #[serde(default)]
    pub signs: Vec<SignIn>,
    #[serde(default)]
    pub comments: Vec<CommentIn>,
}

impl SyncRequest {
    /// At most [`SYNC_MAX`] entries per sync, each change with a client id of 1 to 64 characters.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        if self.changes.len() + self.signs.len() + self.comments.len() > SYNC_MAX {
            return Err(vec![FieldError::new(
                "changes",
                "一次最多同步 500 条",
                "at most 500 per sync",
            )]);
        }
        let bad_id = |id: &str| id.is_empty() || id.len() > 64;
        if let Some(i) = self.changes.iter().position(|c| bad_id(&c.id)) {
            return Err(vec![FieldError::new(
                format!("changes[{i}].id"),
                "编号应为 1 到 64 个字符",
                "1 to 64 characters",
            )]);
        }
        Ok(())
    }

    /// Every sheet the request touches.
    pub fn sheet_ids(&self) -> Vec<i32> {
        let mut ids: Vec<i32> = self
            .changes
            .iter()
            .map(|c| c.sheet_id)
            .chain(self.signs.iter().map(|s| s.sheet_id))
            .chain(self.comments.iter().map(|c| c.sheet_id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejected {
    pub id: String,
    /// Why, in Chinese, as the tablet shows it.
    pub reason: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub reason_en: String,
}

impl Rejected {
    pub fn new(id: &str, why: crate::decision::Reason) -> Rejected {
        Rejected {
            id: id.to_owned(),
            reason: why.zh,
            code: why.code,
            article: why.article,
            reason_en: why.en,
        }
    }
}

/// What the server holds after a sync: the tablet drops `accepted` and `rejected` from its queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncResult {
    pub accepted: Vec<String>,
    pub rejected: Vec<Rejected>,
    /// The caller's sheets touched by this sync, as the server now has them.
    pub sheets: Vec<SheetView>,
}

/// Largest sync batch accepted.
pub const SYNC_MAX: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recusal {
    pub candidate_id: i32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reopen {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RubricUpdate {
    pub rubric: Rubric,
}
