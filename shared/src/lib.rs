//! The 《宁夏回族自治区技能大师工作室建设管理办法》 (2023 revision) as pure, cited Rust.
//!
//! One module per chapter of the measures, so `cargo doc` reads as a map of the policy:
//! - [`eligibility`] — 第三章 建设条件 (第九条, 第十条), with 第十八条's ban and 第二十一条's validity;
//! - [`channel`] — 第四章 第十一条（一）, who organises and recommends an application;
//! - [`workflow`] — 第四章, the states of an application and who may move it;
//! - [`subsidy`] — 第五章 第十二条, the one-time subsidy in integer fen;
//! - [`assessment`] — 第六章 第十五条 and 附件 考核细则, the rubric in integer tenths and the grade;
//! - [`life`] — 第六章, reports, assessments' consequences, changes, rectification, exits;
//! - [`deadlines`] and [`calendar`] — every date the measures set, with the Chinese working-day calendar.
//!
//! No IO, no clock (every rule takes its date as input), no floats.
#![deny(clippy::float_arithmetic)]

pub mod account;
pub mod api;
pub mod application;
pub mod articles;
pub mod assessment;
pub mod calendar;
pub mod channel;
pub mod dashboard;
pub mod deadlines;
pub mod decision;
pub mod eligibility;
pub mod finding;
pub mod fuzz;
pub mod geo;
pub mod identity;
pub mod import;
pub mod ledger;
pub mod life;
pub mod money;
pub mod panel;
pub mod policy;
pub mod procedure;
pub mod registry;
pub mod score;
pub mod scoring;
pub mod studio;
pub mod subsidy;
pub mod validate;
pub mod wire;
pub mod workflow;

pub use finding::{Finding, Severity};
pub use money::Fen;
pub use score::Tenths;

/// Level of a studio (第四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
pub enum Level {
    /// 自治区级
    Regional,
    /// 国家级
    National,
}

impl Level {
    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Regional => "自治区级",
            Level::National => "国家级",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Level::Regional => "regional",
            Level::National => "national",
        }
    }
}

/// Category of a national-level studio (第十二条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
pub enum NationalCategory {
    /// 生产制造类
    Manufacturing,
    /// 社会生产和生活服务类
    Services,
    /// 其他类（地方或民族特色技艺职业）
    Other,
}

impl NationalCategory {
    pub fn label_zh(self) -> &'static str {
        match self {
            NationalCategory::Manufacturing => "生产制造类",
            NationalCategory::Services => "社会生产和生活服务类",
            NationalCategory::Other => "其他类（地方或民族特色技艺职业）",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            NationalCategory::Manufacturing => "manufacturing",
            NationalCategory::Services => "social production and life services",
            NationalCategory::Other => "other (local or ethnic crafts)",
        }
    }
}
