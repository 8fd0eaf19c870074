//! What the eligibility rules read: the facts of one application, validated on arrival.

use crate::wire::FieldError;
use crate::{Level, NationalCategory};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Titles of 第十条（一）1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// 中华技能大奖
    ChinaSkillAward,
    /// 全国技术能手
    NationalTechnicalExpert,
    /// 塞上技能大师
    SaishangSkillMaster,
    /// 自治区技术能手
    RegionalTechnicalExpert,
}

impl Title {
    pub const ALL: [Title; 4] = [
        Title::ChinaSkillAward,
        Title::NationalTechnicalExpert,
        Title::SaishangSkillMaster,
        Title::RegionalTechnicalExpert,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            Title::ChinaSkillAward => "中华技能大奖",
            Title::NationalTechnicalExpert => "全国技术能手",
            Title::SaishangSkillMaster => "塞上技能大师",
            Title::RegionalTechnicalExpert => "自治区技术能手",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Title::ChinaSkillAward => "China Skill Award",
            Title::NationalTechnicalExpert => "National Technical Expert",
            Title::SaishangSkillMaster => "Saishang Skill Master",
            Title::RegionalTechnicalExpert => "Regional Technical Expert",
        }
    }
}

/// Vocational qualification / skill level, lowest to highest (ordered).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SkillLevel {
    #[default]
    None,
    /// 初级工（五级）
    Junior,
    /// 中级工（四级）
    Intermediate,
    /// 高级工（三级）
    Senior,
    /// 技师（二级）
    Technician,
    /// 高级技师（一级）
    SeniorTechnician,
    /// 特级技师
    PrincipalTechnician,
    /// 首席技师
    ChiefTechnician,
}

impl SkillLevel {
    pub const ALL: [SkillLevel; 8] = [
        SkillLevel::None,
        SkillLevel::Junior,
        SkillLevel::Intermediate,
        SkillLevel::Senior,
        SkillLevel::Technician,
        SkillLevel::SeniorTechnician,
        SkillLevel::PrincipalTechnician,
        SkillLevel::ChiefTechnician,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            SkillLevel::None => "无",
            SkillLevel::Junior => "初级工（五级）",
            SkillLevel::Intermediate => "中级工（四级）",
            SkillLevel::Senior => "高级工（三级）",
            SkillLevel::Technician => "技师（二级）",
            SkillLevel::SeniorTechnician => "高级技师（一级）",
            SkillLevel::PrincipalTechnician => "特级技师",
            SkillLevel::ChiefTechnician => "首席技师",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            SkillLevel::None => "none",
            SkillLevel::Junior => "junior worker (level 5)",
            SkillLevel::Intermediate => "intermediate worker (level 4)",
            SkillLevel::Senior => "senior worker (level 3)",
            SkillLevel::Technician => "technician (level 2)",
            SkillLevel::SeniorTechnician => "senior technician (level 1)",
            SkillLevel::PrincipalTechnician => "principal technician",
            SkillLevel::ChiefTechnician => "chief technician",
        }
    }
}

/// Kind of host unit (第三条: 企业、公共职业技能实训基地、职业（技工）院校).
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
pub enum UnitKind {
    /// 企业
    Enterprise,
    /// 职业（技工）院校
    School,
    /// 公共职业技能实训基地 or another public institution: 第十条 sets no unit conditions.
    TrainingBase,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [
        UnitKind::Enterprise,
        UnitKind::School,
        UnitKind::TrainingBase,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            UnitKind::Enterprise => "企业",
            UnitKind::School => "职业（技工）院校",
            UnitKind::TrainingBase => "公共职业技能实训基地或其他事业单位",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            UnitKind::Enterprise => "enterprise",
            UnitKind::School => "vocational / technical school",
            UnitKind::TrainingBase => "public skills training base or other public institution",
        }
    }
}

/// Facts about the leader (带头人, 第十条（一）).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderFacts {
    pub birth_date: NaiveDate,
    #[serde(default)]
    pub titles: Vec<Title>,
    #[serde(default)]
    pub skill_level: SkillLevel,
    #[serde(default)]
    pub active_innovation: bool,
    #[serde(default)]
    pub influential_invention: bool,
    #[serde(default)]
    pub economic_benefit: bool,
    #[serde(default)]
    pub unique_skills: bool,
    #[serde(default)]
    pub craft_contribution: bool,
    #[serde(default)]
    pub top_skill: bool,
    #[serde(default)]
    pub mentoring_experience: bool,
    #[serde(default)]
    pub healthy: bool,
    #[serde(default)]
    pub can_run_studio: bool,
    #[serde(default)]
    pub teacher_qualification: bool,
    #[serde(default)]
    pub integrated_teacher: bool,
    #[serde(default)]
    pub front_line_teaching: bool,
    #[serde(default)]
    pub enterprise_experience: bool,
    /// Date of an exit decision (第十八条) of a studio this person led, if any.
    #[serde(default)]
    pub last_exit_date: Option<NaiveDate>,
}

/// Facts about the applying unit (申报单位, 第十条（二）).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitFacts {
    pub kind: UnitKind,
    /// All employees (员工总数); read for enterprises.
    #[serde(default)]
    #[validate(range(min = 0, max = 10_000_000))]
    pub employees: i64,
    /// Skilled workers among them (技能人才); read for enterprises.
    #[serde(default)]
    #[validate(range(min = 0, max = 10_000_000))]
    pub skilled_employees: i64,
    #[serde(default)]
    pub talent_policies: bool,
    #[serde(default)]
    pub funding_and_premises: bool,
    #[serde(default)]
    pub training_results: bool,
    /// This studio (this leader at this unit) is an approved regional-level studio (第九条).
    #[serde(default)]
    pub has_approved_regional_studio: bool,
    /// Date of the last exit decision (第十八条) against a studio of this unit, if any.
    #[serde(default)]
    pub last_exit_date: Option<NaiveDate>,
}

/// Everything the eligibility rules read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityInput {
    pub level: Level,
    #[serde(default)]
    pub national_category: Option<NationalCategory>,
    /// The day the rules count age (第十条（一）) and the ban (第十八条) on. For an application it is
    /// the server's: the day of its (first) submission in Yinchuan, and today for a draft; a date
    /// sent with an application is ignored. The self-check evaluates as of today when it is absent.
    #[serde(default)]
    pub application_date: NaiveDate,
    #[validate(nested)]
    pub leader: LeaderFacts,
    #[validate(nested)]
    pub unit: UnitFacts,
}

impl EligibilityInput {
    /// Rejects impossible input, naming each bad field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = match self.validate() {
            Ok(()) => Vec::new(),
            Err(e) => crate::validate::field_errors(&e),
        };
        if self.leader.birth_date >= self.application_date {
            errors.push(FieldError::new(
                "leader.birth_date",
                "出生日期应早于申报日期",
                "birth date must be before the application date",
            ));
        } else if self.leader.birth_date.year() < 1900 {
            errors.push(FieldError::new(
                "leader.birth_date",
                "出生日期不合理",
                "birth date is implausible",
            ));
        }
        if self.unit.skilled_employees > self.unit.employees {
            errors.push(FieldError::new(
                "unit.skilled_employees",
                "技能人才人数不能多于员工总数",
                "skilled employees cannot exceed all employees",
            ));
        }
        if self.unit.kind == UnitKind::Enterprise && self.unit.employees == 0 {
            errors.push(FieldError::new(
                "unit.employees",
                "企业应填写员工总数（至少 1 人），用于计算技能人才占比",
                "an enterprise must give its number of employees (at least 1) to compute the skilled share",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
