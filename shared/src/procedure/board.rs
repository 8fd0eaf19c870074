//! The board every reviewer works from: its rows, pages and export columns.
use crate::geo::City;
use crate::workflow::AppState;
use crate::{Level, NationalCategory, Tenths};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
