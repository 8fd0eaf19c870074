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
    pub const ALL: [Level; 2] = [Level::Regional, Level::National];
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
    pub const ALL: [NationalCategory; 3] = [
        NationalCategory::Manufacturing,
        NationalCategory::Services,
        NationalCategory::Other,
    ];
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

#[cfg(test)]
mod labels_tests {
    use crate::account::Role;
    use crate::assessment::Grade;
    use crate::channel::{Affiliation, Channel};
    use crate::deadlines::ReportFiling;
    use crate::eligibility::{BanSubject, SkillLevel, Title, UnitKind};
    use crate::geo::City;
    use crate::import::{ImportKind, RowAction};
    use crate::ledger::EntryKind;
    use crate::life::{AssessmentKind, ChangeKind, ChangeState, ExitCase, Outcome, StudioStatus};
    use crate::policy::BanBinds;
    use crate::procedure::AttachmentKind;
    use crate::scoring::{Aggregation, PanelPurpose};
    use crate::subsidy::Purpose;
    use crate::workflow::AppState;
    use crate::{Level, NationalCategory, Severity};
    use chrono::NaiveDate;

    /// CJK symbols and punctuation, CJK ideographs (extension A and the unified block), and
    /// full-width forms.
    fn is_cjk(c: char) -> bool {
        matches!(
            c,
            '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'
        )
    }

    fn check(what: &str, zh: &str, en: &str) {
        assert!(!zh.trim().is_empty(), "{what}: label_zh is empty");
        assert!(!en.trim().is_empty(), "{what}: label_en is empty");
        assert!(
            !en.chars().any(is_cjk),
            "{what}: label_en {en:?} has Chinese characters or full-width punctuation"
        );
    }

    /// Every variant of each enum's `ALL`.
    macro_rules! check_all {
        ($($t:ident),+ $(,)?) => {
            $(
                for v in $t::ALL {
                    check(
                        &format!("{}::{:?}", stringify!($t), v),
                        v.label_zh(),
                        v.label_en(),
                    );
                }
            )+
        };
    }

    #[test]
    fn every_label_has_english() {
        check_all!(
            Level,
            NationalCategory,
            Severity,
            Role,
            Grade,
            Affiliation,
            ReportFiling,
            BanSubject,
            SkillLevel,
            Title,
            UnitKind,
            City,
            ImportKind,
            RowAction,
            EntryKind,
            AssessmentKind,
            ChangeKind,
            ChangeState,
            ExitCase,
            StudioStatus,
            BanBinds,
            AttachmentKind,
            PanelPurpose,
            AppState,
            Purpose,
        );

        // Labels that carry data or are formatted: representative values.
        let mut channels = vec![
            Channel::RegionalDepartment,
            Channel::EducationDepartment,
            Channel::Sasac,
            Channel::HrssDirect,
        ];
        channels.extend(City::ALL.map(|city| Channel::CityBureau { city }));
        for c in channels {
            check(&format!("{c:?}"), &c.label_zh(), &c.label_en());
        }
        let yinchuan = Channel::CityBureau {
            city: City::Yinchuan,
        };
        assert!(yinchuan.label_en().contains(City::Yinchuan.label_en()));

        for a in [
            Aggregation::Mean,
            Aggregation::TrimmedMean { min_experts: 5 },
            Aggregation::TrimmedMean { min_experts: 7 },
            Aggregation::default(),
        ] {
            check(&format!("{a:?}"), &a.label_zh(), &a.label_en());
        }
        assert!(
            Aggregation::TrimmedMean { min_experts: 7 }
                .label_en()
                .contains('7')
        );

        let until = NaiveDate::from_ymd_opt(2027, 6, 30).expect("date");
        for o in [
            Outcome::Recorded,
            Outcome::Completed,
            Outcome::Rectify { until },
            Outcome::Revoke,
        ] {
            check(&format!("{o:?}"), &o.label_zh(), &o.label_en());
        }
        assert!(Outcome::Rectify { until }.label_en().contains("2027-06-30"));
    }
}
