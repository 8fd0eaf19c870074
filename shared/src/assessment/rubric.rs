//! 附件 考核细则: the seven items, with national / regional thresholds, in integer tenths.

use crate::Level;
use crate::deadlines::ReportFiling;
use crate::score::Tenths;
use crate::wire::FieldError;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Item 6: the highest level of media that reported the studio's training experience.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MediaLevel {
    #[default]
    None,
    County,
    City,
    Regional,
    Central,
}

/// What a studio reports and the panel verifies for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentInput {
    pub level: Level,
    /// Item 1: person-times of training for society and in-service employees.
    #[validate(range(min = 0, max = 10_000_000))]
    pub training_person_times: i64,
    /// Item 2: senior-level (高级工) or higher skilled workers trained.
    #[validate(range(min = 0, max = 10_000_000))]
    pub senior_trained: i64,
    /// Item 3: partner schools or enterprises.
    #[validate(range(min = 0, max = 10_000_000))]
    pub partner_count: i64,
    /// Item 4: team members on job exchange at partners.
    #[validate(range(min = 0, max = 10_000_000))]
    pub exchange_staff: i64,
    /// Item 5: team members sent to training or skills competitions.
    pub team_training: bool,
    /// Item 6.
    pub media_level: MediaLevel,
    /// Item 7.
    pub report: ReportFiling,
    /// How to grade exactly 60.0, which 第十五条 leaves in no grade (default: qualified).
    #[serde(default)]
    pub exactly_sixty: Option<super::SixtyPolicy>,
}

impl AssessmentInput {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        self.validate()
            .map_err(|e| crate::validate::field_errors(&e))
    }
}

/// One item's score and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemScore {
    /// 1–7, as numbered in 附件.
    pub item: u8,
    pub score: Tenths,
    pub max: Tenths,
    pub article: String,
    /// Which clause applied, in Chinese.
    pub explanation: String,
    pub explanation_en: String,
}

/// The rubric's items and their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RubricScore {
    pub total: Tenths,
    pub items: Vec<ItemScore>,
}

/// National / regional thresholds of items 1–4.
const TRAINING: (i64, i64) = (50, 30);
const SENIOR: (i64, i64) = (10, 6);
const PARTNERS: (i64, i64) = (5, 3);
const EXCHANGE: (i64, i64) = (5, 3);

fn threshold(level: Level, t: (i64, i64)) -> i64 {
    match level {
        Level::National => t.0,
        Level::Regional => t.1,
    }
}

fn item(item: u8, score: i64, max: i32, zh: String, en: String) -> ItemScore {
    // Every branch below keeps 0 ≤ score ≤ max, so the conversion cannot fail.
    let score = i32::try_from(score.clamp(0, i64::from(max))).unwrap_or(0);
    ItemScore {
        item,
        score: Tenths::from_tenths(score),
        max: Tenths::from_tenths(max),
        article: format!("附件 考核细则 第{item}项"),
        explanation: zh,
        explanation_en: en,
    }
}

/// Items 1–2 deduct per missing person below the threshold.
fn per_person(
    no: u8,
    n: i64,
    t: i64,
    max: i32,
    step: i64,
    zero_clause: bool,
    what: (&str, &str),
) -> ItemScore {
    if n >= t {
        return item(
            no,
            i64::from(max),
            max,
            format!("{what_zh} {n}，达到 {t}，得满分。", what_zh = what.0),
            format!("{} {n}, at least {t}: full marks.", what.1),
        );
    }
    if zero_clause && n == 0 {
        return item(
            no,
            0,
            max,
            format!("{}为 0（未培训），得 0 分。", what.0),
            format!("{} is 0 (no training): 0 points.", what.1),
        );
    }
    let deduction = step * (t - n);
    let score = i64::from(max) - deduction;
    let step_text = crate::score::Tenths::from_tenths(i32::try_from(step).unwrap_or(0));
    let mut zh = format!(
        "{} {n}，低于 {t}，每少 1 人扣 {step_text} 分，扣 {}。",
        what.0,
        crate::score::Tenths::from_tenths(i32::try_from(deduction).unwrap_or(0))
    );
    let mut en = format!(
        "{} {n}, {} below {t}: {step_text} off per person.",
        what.1,
        t - n
    );
    if !zero_clause && n == 0 {
        zh.push_str("（本项无“未培养得 0 分”的规定，按原文计分。）");
        en.push_str(" (This item has no 'none → 0' clause; scored as written.)");
    }
    item(no, score, max, zh, en)
}

/// Items 3–4 deduct 2 points per missing unit, not below 0.
fn per_unit(no: u8, n: i64, t: i64, what: (&str, &str)) -> ItemScore {
    if n >= t {
        return item(
            no,
            100,
            100,
            format!("{} {n}，达到 {t}，得 10 分。", what.0),
            format!("{} {n}, at least {t}: 10 points.", what.1),
        );
    }
    let score = (100 - 20 * (t - n)).max(0);
    item(
        no,
        score,
        100,
        format!("{} {n}，低于 {t}，每少 1 个扣 2 分，最低 0 分。", what.0),
        format!(
            "{} {n}, {} below {t}: 2 points off each, not below 0.",
            what.1,
            t - n
        ),
    )
}

/// Scores all seven items of 附件 考核细则. The input must have passed [`AssessmentInput::check`].
pub fn score(input: &AssessmentInput) -> RubricScore {
    let lv = input.level;
    let mut items = Vec::with_capacity(7);
    // 附件 第1项: ≥ 50 / 30 person-times → 30; 0 → 0; else 0.1 off per person below.
    items.push(per_person(
        1,
        input.training_person_times,
        threshold(lv, TRAINING),
        300,
        1,
        true,
        ("面向社会和在职职工培训人次", "Training person-times"),
    ));
    // 附件 第2项: ≥ 10 / 6 → 20; else 0.2 off per person below (no zero clause).
    items.push(per_person(
        2,
        input.senior_trained,
        threshold(lv, SENIOR),
        200,
        2,
        false,
        (
            "培养高级工及以上技能人才人数",
            "Senior-level or higher trained",
        ),
    ));
    // 附件 第3项
    items.push(per_unit(
        3,
        input.partner_count,
        threshold(lv, PARTNERS),
        ("合作院校或企业数", "Partner schools or enterprises"),
    ));
    // 附件 第4项
    items.push(per_unit(
        4,
        input.exchange_staff,
        threshold(lv, EXCHANGE),
        (
            "到合作院校（企业）互换岗位锻炼的团队成员人数",
            "Team members on job exchange",
        ),
    ));
    // 附件 第5项
    items.push(if input.team_training {
        item(
            5,
            100,
            100,
            "组织团队成员参加培训活动或职业技能竞赛，得 10 分。".into(),
            "Team sent to training or competitions: 10 points.".into(),
        )
    } else {
        item(
            5,
            0,
            100,
            "未组织团队成员参加培训活动或职业技能竞赛，得 0 分。".into(),
            "No team training or competitions: 0 points.".into(),
        )
    });
    // 附件 第6项: the highest level among the reports counts.
    let (media, zh, en) = match input.media_level {
        MediaLevel::Central => (100, "中央媒体", "central media"),
        MediaLevel::Regional => (80, "自治区级媒体", "regional media"),
        MediaLevel::City => (60, "地市级媒体", "city media"),
        MediaLevel::County => (40, "县区级媒体", "county media"),
        MediaLevel::None => (0, "无媒体", "no media"),
    };
    items.push(item(
        6,
        media,
        100,
        format!(
            "经{zh}报道（多次报道按最高级别计），得 {} 分。",
            Tenths::from_tenths(media as i32)
        ),
        format!(
            "Reported by {en} (the highest level counts): {} points.",
            Tenths::from_tenths(media as i32)
        ),
    ));
    // 附件 第7项
    items.push(match input.report {
        ReportFiling::OnTime => item(
            7,
            100,
            100,
            "按时（12月31日前）上报年度总结和次年计划，得 10 分。".into(),
            "Summary and plan filed on time: 10 points.".into(),
        ),
        ReportFiling::Late => item(
            7,
            50,
            100,
            "迟报年度总结和次年计划，得 5 分。".into(),
            "Summary and plan filed late: 5 points.".into(),
        ),
        ReportFiling::Missing => item(
            7,
            0,
            100,
            "未上报年度总结和次年计划，得 0 分。".into(),
            "Summary and plan not filed: 0 points.".into(),
        ),
    });
    let total = Tenths::from_tenths(items.iter().map(|i| i.score.tenths()).sum());
    RubricScore { total, items }
}
