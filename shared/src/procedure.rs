//! 第四章 after submission: the channel's ranked list, 答辩评审, 差额 field inspection, the public notice
//! with its objections, approval with a plaque number; the board every reviewer works from; the
//! timeline and the diff between versions an applicant and a reviewer both read.

use crate::geo::City;
use crate::wire::FieldError;
use crate::workflow::AppState;
use crate::{Level, NationalCategory, Tenths};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// 第十一条（五）: the proposed list goes on public notice from `starts_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNotice {
    pub starts_on: NaiveDate,
    pub applications: Vec<i32>,
}

/// One proposed studio as the public notice shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeEntry {
    pub application_id: i32,
    pub studio_name: String,
    pub leader_name: String,
    pub occupation: String,
    pub unit_name: String,
    pub city: City,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeView {
    pub id: i32,
    pub round_id: i32,
    pub year: i32,
    pub starts_on: NaiveDate,
    /// The last day, 5 working days from the start (第十一条（五）).
    pub ends_on: NaiveDate,
    /// Objections are accepted from `starts_on` to `ends_on` inclusive.
    pub open: bool,
    pub entries: Vec<NoticeEntry>,
}

/// An objection anyone may file during a notice (实名: name and contact are required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewObjection {
    pub notice_id: i32,
    /// The proposed studio it concerns; `None` for the list as a whole.
    #[serde(default)]
    pub application_id: Option<i32>,
    pub name: String,
    pub contact: String,
    pub text: String,
}

pub const OBJECTION_MAX_CHARS: usize = 5000;

impl NewObjection {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        for (field, value, max, zh, en) in [
            (
                "name",
                &self.name,
                64,
                "请填写姓名（最多 64 字）",
                "enter your name (at most 64 characters)",
            ),
            (
                "contact",
                &self.contact,
                128,
                "请填写联系方式（最多 128 字）",
                "enter a phone number or e-mail (at most 128 characters)",
            ),
            (
                "text",
                &self.text,
                OBJECTION_MAX_CHARS,
                "请填写异议内容（最多 5000 字）",
                "describe the objection (at most 5000 characters)",
            ),
        ] {
            let n = value.trim().chars().count();
            if n == 0 || n > max {
                e.push(FieldError::new(field, zh, en));
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

/// An objection as HRSS sees and resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionView {
    pub id: i32,
    pub notice_id: i32,
    pub application_id: Option<i32>,
    pub name: String,
    pub contact: String,
    pub text: String,
    pub filed_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Filed; what the public sees back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionReceipt {
    pub id: i32,
    pub filed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionResolution {
    /// 核查结论: what was checked and decided.
    pub outcome: String,
}

/// Closing a round: every application still in the procedure is not selected, with this reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseRound {
    pub reason: String,
}

/// What closing did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseSummary {
    pub not_selected: usize,
    /// Still with a channel (submitted, not recommended): the channel must decide first.
    pub left_with_channel: usize,
}

pub fn check_reason(field: &str, text: &str) -> Result<(), Vec<FieldError>> {
    let n = text.trim().chars().count();
    if n == 0 || n > NOTES_MAX_CHARS {
        Err(vec![FieldError::new(
            field,
            "请填写（最多 2000 字）",
            "required (at most 2000 characters)",
        )])
    } else {
        Ok(())
    }
}

/// The plaque number's prefix for studios approved in `year`.
pub fn plaque_prefix(year: i32) -> String {
    format!("宁人社工作室〔{year}〕")
}

/// 牌匾编号: 宁人社工作室〔2026〕007号 for the 7th studio approved in 2026.
pub fn plaque_no(year: i32, seq: u32) -> String {
    format!("{}{seq:03}号", plaque_prefix(year))
}

/// One line of the board every reviewer works from (the recommender's queue and the HRSS round board).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardRow {
    pub id: i32,
    pub unit_name: String,
    pub city: City,
    pub county: String,
    pub channel: String,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub studio_name: String,
    pub leader_name: String,
    pub occupation: String,
    pub state: AppState,
    pub rank: Option<u32>,
    pub defense_score: Option<Tenths>,
    pub inspection_passed: Option<bool>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub rows: Vec<BoardRow>,
}

/// Column order of the board's CSV and xlsx exports, with their headers.
pub const BOARD_COLUMNS: [&str; 14] = [
    "编号",
    "申报单位",
    "地市",
    "县区",
    "推荐渠道",
    "级别",
    "工作室名称",
    "领办人",
    "职业（工种）",
    "状态",
    "推荐排序",
    "答辩得分",
    "实地考察",
    "提交时间",
];

impl BoardRow {
    /// The row as export cells, in [`BOARD_COLUMNS`] order.
    pub fn cells(&self) -> [String; 14] {
        let level = match self.national_category {
            Some(c) => format!("{}（{}）", self.level.label_zh(), c.label_zh()),
            None => self.level.label_zh().to_owned(),
        };
        [
            self.id.to_string(),
            self.unit_name.clone(),
            self.city.label_zh().to_owned(),
            self.county.clone(),
            self.channel.clone(),
            level,
            self.studio_name.clone(),
            self.leader_name.clone(),
            self.occupation.clone(),
            self.state.label_zh().to_owned(),
            self.rank.map(|r| r.to_string()).unwrap_or_default(),
            self.defense_score
                .map(|s| s.to_string())
                .unwrap_or_default(),
            match self.inspection_passed {
                Some(true) => "通过".into(),
                Some(false) => "未通过".into(),
                None => String::new(),
            },
            self.submitted_at
                .map(|t| {
                    (t + chrono::Duration::hours(8))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
        ]
    }
}

/// A file attached to an application as evidence.
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
pub enum AttachmentKind {
    /// 职业资格/技能等级证书
    SkillCertificate,
    /// 荣誉称号、职称证书
    Title,
    /// 技术创新、绝技绝活等佐证
    Evidence,
    /// 建设方案及其他
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 4] = [
        AttachmentKind::SkillCertificate,
        AttachmentKind::Title,
        AttachmentKind::Evidence,
        AttachmentKind::Other,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            AttachmentKind::SkillCertificate => "技能等级证书",
            AttachmentKind::Title => "荣誉称号/职称证书",
            AttachmentKind::Evidence => "业绩佐证材料",
            AttachmentKind::Other => "其他材料",
        }
    }
}

/// The file types accepted, recognised by their first bytes, never by the name or the declared type alone.
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
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }
    pub fn from_mime(mime: &str) -> Option<FileType> {
        match mime.split(';').next().unwrap_or("").trim() {
            "application/pdf" => Some(FileType::Pdf),
            "image/jpeg" | "image/jpg" => Some(FileType::Jpeg),
            "image/png" => Some(FileType::Png),
            _ => None,
        }
    }
    /// What the content actually is.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileType::Png)
        } else {
            None
        }
    }
}

/// Largest accepted attachment.
pub const ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Checks an upload: declared type accepted, content of that type, size within the limit.
pub fn check_upload(declared: &str, bytes: &[u8]) -> Result<FileType, FieldError> {
    let Some(declared_type) = FileType::from_mime(declared) else {
        return Err(FieldError::new(
            "file",
            "只接受 PDF、JPG、PNG 文件",
            "only PDF, JPG and PNG files are accepted",
        ));
    };
    if bytes.is_empty() {
        return Err(FieldError::new("file", "文件为空", "the file is empty"));
    }
    if bytes.len() > ATTACHMENT_MAX_BYTES {
        return Err(FieldError::new(
            "file",
            "文件不能超过 10 MB",
            "the file is larger than 10 MB",
        ));
    }
    match FileType::sniff(bytes) {
        Some(t) if t == declared_type => Ok(t),
        _ => Err(FieldError::new(
            "file",
            format!("文件内容不是所声明的类型（{}）", declared_type.mime()),
            format!("the content is not {}", declared_type.mime()),
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: i32,
    pub kind: AttachmentKind,
    pub filename: String,
    pub file_type: FileType,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A file name made safe to store and to send back in a header: no path, no control characters.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_owned()
    }
}

/// One field that differs between two versions, by dotted path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The fields of `after` that differ from `before`, leaves compared by dotted path (arrays as values).
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", Some(before), Some(after), &mut out);
    out
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, x.get(k), y.get(k), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(FieldChange {
            path: path.to_owned(),
            before: a.cloned(),
            after: b.cloned(),
        }),
    }
}

/// One step of an application's timeline: a saved version, its state and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub version: i32,
    pub state: AppState,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// The state moved in this version (otherwise it was an edit).
    pub state_changed: bool,
    /// The reason or note given with the move (a return's reason, a score, an inspection's notes).
    pub note: Option<String>,
    /// What changed in the facts, justifications and profile since the previous version.
    pub changes: Vec<FieldChange>,
}

/// One saved version of an application, as the timeline reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub version: i32,
    pub state: AppState,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub note: Option<String>,
    /// The facts, justifications and profile of the version, as JSON.
    pub content: Value,
}

/// The timeline of an application's versions, in order: each with whether its state moved and
/// what changed since the version before.
pub fn timeline(versions: &[Version]) -> Vec<HistoryEntry> {
    let mut out = Vec::with_capacity(versions.len());
    let mut previous: Option<&Version> = None;
    for v in versions {
        let (changes, state_changed) = match previous {
            Some(p) => (diff(&p.content, &v.content), p.state != v.state),
            None => (Vec::new(), true),
        };
        out.push(HistoryEntry {
            version: v.version,
            state: v.state,
            at: v.at,
            actor: v.actor.clone(),
            state_changed,
            note: v.note.clone(),
            changes,
        });
        previous = Some(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defended(id: i32, level: Level, score: i32) -> Defended {
        Defended {
            id,
            state: AppState::DefenseReview,
            level,
            defense_score: Some(Tenths::from_tenths(score)),
        }
    }

    fn list(candidates: &[i32], reason: Option<&str>) -> InspectionList {
        InspectionList {
            level: Level::National,
            candidates: candidates.to_vec(),
            reason: reason.map(str::to_owned),
        }
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn four_national_slots_and_three_defended_candidates_can_still_select_two() {
        // The example: 差额 means more inspected than selected, not more than the slots.
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::National, 850),
            defended(3, Level::National, 790),
        ];
        let l = list(&[1, 2, 3], None);
        assert!(check_inspection_list(&l, &pool, &pool).is_ok());
        assert_eq!(proposal_cap(4, 3), 2);
        assert!(check_proposals(Level::National, 4, 3, 0, 2).is_ok());
        assert!(check_proposals(Level::National, 4, 3, 0, 3).is_err());
        assert!(
            check_proposals(Level::National, 4, 3, 1, 2).is_err(),
            "with one already proposed"
        );
        assert_eq!(proposal_cap(1, 5), 1, "never more than the slots");
        assert_eq!(proposal_cap(3, 0), 0);
    }

    #[test]
    fn an_inspection_list_has_at_least_two_defended_candidates_of_its_level() {
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::Regional, 850),
        ];
        assert_eq!(
            fields(check_inspection_list(&list(&[1], None), &pool[..1], &pool)),
            ["candidates"]
        );
        assert_eq!(
            fields(check_inspection_list(&list(&[1, 2], None), &pool, &pool)),
            ["candidates[1]"]
        );
        let mut undefended = defended(3, Level::National, 0);
        undefended.defense_score = None;
        assert_eq!(
            fields(check_inspection_list(
                &list(&[1, 3], None),
                &[pool[0], undefended],
                &pool
            )),
            ["candidates[1]"]
        );
        assert_eq!(
            fields(check_inspection_list(
                &list(&[1, 1], None),
                &[pool[0], pool[0]],
                &pool
            )),
            ["candidates"]
        );
    }

    #[test]
    fn departing_from_the_defense_ranking_needs_a_reason() {
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::National, 850),
            defended(3, Level::National, 790),
        ];
        assert_eq!(defense_ranking(&pool, Level::National), [1, 2, 3]);
        // Reordered, or a better candidate left out.
        for (ids, listed) in [
            (vec![2, 1], vec![pool[1], pool[0]]),
            (vec![1, 3], vec![pool[0], pool[2]]),
        ] {
            assert_eq!(
                fields(check_inspection_list(&list(&ids, None), &listed, &pool)),
                ["reason"]
            );
            assert_eq!(
                fields(check_inspection_list(
                    &list(&ids, Some(" ")),
                    &listed,
                    &pool
                )),
                ["reason"]
            );
            assert!(
                check_inspection_list(
                    &list(&ids, Some("第 2 名申报单位正在整改，先行考察第 3 名")),
                    &listed,
                    &pool
                )
                .is_ok()
            );
        }
        // The top two in order need none; equal scores may go either way.
        assert!(check_inspection_list(&list(&[1, 2], None), &pool[..2], &pool).is_ok());
        let tied = [
            defended(4, Level::National, 850),
            defended(5, Level::National, 850),
        ];
        assert!(check_inspection_list(&list(&[5, 4], None), &[tied[1], tied[0]], &tied).is_ok());
    }

    #[test]
    fn uploads_are_typed_by_content() {
        assert_eq!(
            check_upload("application/pdf", b"%PDF-1.7\n"),
            Ok(FileType::Pdf)
        );
        assert_eq!(
            check_upload("image/png", b"\x89PNG\r\n\x1a\n...."),
            Ok(FileType::Png)
        );
        assert_eq!(
            check_upload("image/jpeg", b"\xff\xd8\xff\xe0"),
            Ok(FileType::Jpeg)
        );
        let wrong = check_upload("image/png", b"%PDF-1.7").expect_err("an error");
        assert_eq!(wrong.field, "file");
        assert!(check_upload("text/html", b"<html>").is_err());
        assert!(check_upload("application/pdf", b"").is_err());
        let big = vec![b'%'; ATTACHMENT_MAX_BYTES + 1];
        assert!(check_upload("application/pdf", &big).is_err());
    }

    #[test]
    fn filenames_lose_their_path() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\x\\证书.pdf"), "证书.pdf");
        assert_eq!(clean_filename("..."), "file");
        assert_eq!(clean_filename("a\"b\n.pdf"), "ab.pdf");
    }

    #[test]
    fn diff_names_each_changed_leaf() {
        let a = json!({"unit": {"employees": 100, "kind": "enterprise"}, "x": [1]});
        let b = json!({"unit": {"employees": 120, "kind": "enterprise"}, "x": [1, 2], "y": 1});
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["unit.employees", "x", "y"]);
        assert_eq!(d[0].before, Some(json!(100)));
        assert_eq!(d[2].before, None);
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn plaque_numbers_are_zero_padded() {
        assert_eq!(plaque_no(2026, 7), "宁人社工作室〔2026〕007号");
    }

    #[test]
    fn recommendation_lists_are_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 10, 1).expect("a value");
        let ok = RecommendationList {
            round_id: 1,
            party_meeting_date: today,
            party_meeting_ref: "银人社党组〔2026〕12号".into(),
            ranked: vec![3, 1],
        };
        assert!(ok.check(today).is_ok());
        let bad = RecommendationList {
            ranked: vec![1, 1],
            party_meeting_ref: " ".into(),
            party_meeting_date: today.succ_opt().expect("a value"),
            ..ok
        };
        let fields: Vec<String> = bad
            .check(today)
            .expect_err("an error")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["ranked", "party_meeting_date", "party_meeting_ref"]
        );
    }
}
