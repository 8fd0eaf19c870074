//! 第十一条（二）to（四）: the channel's ranked list, the defense score, 差额 field inspection in
//! ranking order within the proposal cap, and the inspection's result.
use crate::wire::FieldError;
use crate::workflow::AppState;
use crate::{Level, Tenths};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 第十一条（二）: the channel's list of recommended applications, best first, with the Party-group
/// (党组/党委) meeting that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationList {
    pub round_id: i32,
    pub party_meeting_date: NaiveDate,
    /// The meeting's minutes or decision reference, e.g. 银人社党组〔2026〕12号.
    pub party_meeting_ref: String,
    /// Application ids in rank order (rank 1 first).
    pub ranked: Vec<i32>,
}

/// Longest meeting reference and notes accepted (characters).
pub const REF_MAX_CHARS: usize = 128;
pub const NOTES_MAX_CHARS: usize = 2000;

impl RecommendationList {
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        if self.ranked.is_empty() {
            e.push(FieldError::new(
                "ranked",
                "推荐名单不能为空",
                "the list is empty",
            ));
        }
        if has_duplicates(&self.ranked) {
            e.push(FieldError::new(
                "ranked",
                "同一申报在名单中出现了两次",
                "an application appears twice",
            ));
        }
        if self.party_meeting_date > today {
            e.push(FieldError::new(
                "party_meeting_date",
                "会议日期不能晚于今天",
                "the meeting date is in the future",
            ));
        }
        let reference = self.party_meeting_ref.trim();
        if reference.is_empty() || reference.chars().count() > REF_MAX_CHARS {
            e.push(FieldError::new(
                "party_meeting_ref",
                "请填写会议纪要或文件编号（最多 128 字）",
                "enter the meeting's reference (at most 128 characters)",
            ));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

/// Whether an id list names one id twice.
pub(crate) fn has_duplicates(ids: &[i32]) -> bool {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

/// The 答辩评审 result of one application. Until the tablet panels (scoring issue) feed it, HRSS
/// records the panel's aggregate here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefenseScore {
    pub version: i32,
    pub score: Tenths,
}

pub fn check_defense_score(score: Tenths) -> Result<(), Vec<FieldError>> {
    if (Tenths::ZERO..=Tenths::points(100)).contains(&score) {
        Ok(())
    } else {
        Err(vec![FieldError::new(
            "score",
            "答辩得分应在 0 到 100 分之间",
            "the score must be 0–100",
        )])
    }
}

/// 第十一条（四）: the candidates HRSS sends to field inspection for one level, in the order they
/// are inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionList {
    pub level: Level,
    pub candidates: Vec<i32>,
    /// Why the list departs from the defense ranking (required only then).
    #[serde(default)]
    pub reason: Option<String>,
}

pub use crate::workflow::INSPECTION_MIN;

/// An application as the inspection list reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defended {
    pub id: i32,
    pub state: AppState,
    pub level: Level,
    pub defense_score: Option<Tenths>,
}

impl Defended {
    fn ready(&self) -> bool {
        self.state == AppState::DefenseReview && self.defense_score.is_some()
    }
}

/// 第十一条（四） "采取差额方法": more candidates are inspected than will be selected, so a list has
/// at least [`INSPECTION_MIN`] candidates of its level, each defended; the defense ranking is the
/// default order (best first, and nobody better left out), and departing from it needs a reason.
/// `listed` are the list's applications in its order; `pool` every application of the round and
/// level that could be listed.
pub fn check_inspection_list(
    list: &InspectionList,
    listed: &[Defended],
    pool: &[Defended],
) -> Result<(), Vec<FieldError>> {
    let mut e = Vec::new();
    if has_duplicates(&list.candidates) {
        e.push(FieldError::new(
            "candidates",
            "同一申报在名单中出现了两次",
            "a candidate appears twice",
        ));
    }
    if list.candidates.len() < INSPECTION_MIN {
        e.push(FieldError::new(
            "candidates",
            format!(
                "实地考察采取差额方法：每个级别至少考察 {INSPECTION_MIN} 名候选，考察人数须多于拟入选人数（第十一条（四））"
            ),
            format!(
                "field inspection is competitive: at least {INSPECTION_MIN} candidates of the level, more than will be selected (Art. 11(4))"
            ),
        ));
    }
    for (i, m) in listed.iter().enumerate() {
        if !m.ready() {
            e.push(FieldError::new(
                format!("candidates[{i}]"),
                format!("申报 {} 未完成答辩评审", m.id),
                format!("application {} has no defense result", m.id),
            ));
        } else if m.level != list.level {
            e.push(FieldError::new(
                format!("candidates[{i}]"),
                format!("申报 {} 不是本级别的申报", m.id),
                format!("application {} is of another level", m.id),
            ));
        }
    }
    if e.is_empty() && !in_ranking_order(listed, pool) && !has_text(&list.reason) {
        e.push(FieldError::new(
            "reason",
            "考察名单未按答辩评审排名（从高到低、不越过排名在前者）确定，须说明理由",
            "the list departs from the defense ranking (best first, nobody better left out): give the reason",
        ));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// Whether `listed` follows the defense ranking: scores never rise along the list, and nobody of
/// `pool` left out scored more than the last one listed (ties may go either way).
pub fn in_ranking_order(listed: &[Defended], pool: &[Defended]) -> bool {
    let scores: Vec<Tenths> = listed.iter().filter_map(|m| m.defense_score).collect();
    let descending = scores.windows(2).all(|w| w[0] >= w[1]);
    let lowest = scores.iter().min().copied().unwrap_or(Tenths::ZERO);
    let ids: Vec<i32> = listed.iter().map(|m| m.id).collect();
    let skipped_better = pool
        .iter()
        .filter(|m| m.ready() && m.level == listed.first().map_or(m.level, |l| l.level))
        .filter(|m| !ids.contains(&m.id))
        .any(|m| m.defense_score.is_some_and(|s| s > lowest));
    descending && !skipped_better
}

/// The defense ranking of a level: the ids of `pool` that could be inspected, best score first
/// (equal scores by application id), the order an inspection list takes by default.
pub fn defense_ranking(pool: &[Defended], level: Level) -> Vec<i32> {
    let mut ready: Vec<&Defended> = pool
        .iter()
        .filter(|m| m.ready() && m.level == level)
        .collect();
    ready.sort_by(|a, b| b.defense_score.cmp(&a.defense_score).then(a.id.cmp(&b.id)));
    ready.into_iter().map(|m| m.id).collect()
}

/// 第十一条（四）、（五）: how many of a level a round may propose (on notice or approved, in all):
/// never more than its slots, and fewer than were inspected (差额).
pub fn proposal_cap(slots: i32, inspected: usize) -> usize {
    usize::try_from(slots.max(0))
        .unwrap_or(0)
        .min(inspected.saturating_sub(1))
}

/// The proposed list for one level: `already` proposed or approved in the round and `adding` now,
/// against [`proposal_cap`].
pub fn check_proposals(
    level: Level,
    slots: i32,
    inspected: usize,
    already: usize,
    adding: usize,
) -> Result<(), FieldError> {
    let cap = proposal_cap(slots, inspected);
    if adding == 0 || already + adding <= cap {
        return Ok(());
    }
    Err(FieldError::new(
        "applications",
        format!(
            "{}名额 {slots} 个、实地考察 {inspected} 名，最多可拟入选 {cap} 名（名额与差额考察，第十一条（四）（五））；公示和已批准的将达 {}",
            level.label_zh(),
            already + adding
        ),
        format!(
            "{} {} slots and {inspected} inspected allow at most {cap} proposed (Art. 11(4)(5)); this would make {}",
            slots,
            level.label_en(),
            already + adding
        ),
    ))
}

fn has_text(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// The outcome of one field inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionResult {
    pub version: i32,
    pub passed: bool,
    #[serde(default)]
    pub notes: String,
}

impl InspectionResult {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let n = self.notes.trim().chars().count();
        if n > NOTES_MAX_CHARS || (!self.passed && n == 0) {
            return Err(vec![FieldError::new(
                "notes",
                "未通过时须填写考察意见（最多 2000 字）",
                "notes are required when the inspection fails (at most 2000 characters)",
            )]);
        }
        Ok(())
    }
}
