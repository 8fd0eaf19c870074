//! 第十一条（五）: the public notice, objections to it, closing a round, and plaque numbers.
use super::NOTES_MAX_CHARS;
use crate::geo::City;
use crate::wire::FieldError;
use crate::{Level, NationalCategory};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
