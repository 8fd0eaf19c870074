//! Expert panels (答辩评审 第十一条（三）, 考核 第十五条): rubrics as data, one expert's score sheet,
//! the aggregate a panel declares before scoring (mean or trimmed mean, in integer tenths), ranking
//! with ordered tie-breakers, outliers, and conflicts of interest. Pure: the server and the tablet
//! run the same functions.

use crate::Tenths;
use crate::wire::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a panel scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PanelPurpose {
    /// 答辩评审 of applications (第十一条（三）).
    Defense,
    /// 年度考核 (第十五条（一）).
    Annual,
    /// 期满考核 (第十五条（二）).
    EndOfTerm,
}

impl PanelPurpose {
    pub fn label_zh(self) -> &'static str {
        match self {
            PanelPurpose::Defense => "答辩评审",
            PanelPurpose::Annual => "年度考核",
            PanelPurpose::EndOfTerm => "期满考核",
        }
    }
}

/// One item of a rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RubricItem {
    /// Stable key of the item within the rubric, e.g. `skill`.
    pub key: String,
    pub label: String,
    pub max: Tenths,
    /// Scores are multiples of this (e.g. 0.5).
    pub step: Tenths,
    pub guidance: String,
    /// Computed by `shared` from reported figures (附件 items 1–4, 6, 7): shown for the expert to verify.
    #[serde(default)]
    pub computed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rubric {
    pub name: String,
    /// `false` when the items are the programme's own reading, not the measures' text.
    pub from_text: bool,
    pub note: String,
    pub items: Vec<RubricItem>,
}

impl Rubric {
    pub fn max_total(&self) -> Tenths {
        Tenths(self.items.iter().map(|i| i.max.0).sum())
    }

    /// Keys unique and non-empty, maxima positive, steps dividing them, at most 100 points in all.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        if self.items.is_empty() || self.items.len() > 30 {
            e.push(FieldError::new(
                "rubric.items",
                "评分细则须有 1 到 30 项",
                "a rubric has 1 to 30 items",
            ));
        }
        for (i, item) in self.items.iter().enumerate() {
            let at = |f: &str| format!("rubric.items[{i}].{f}");
            if item.key.trim().is_empty()
                || self.items.iter().filter(|x| x.key == item.key).count() > 1
            {
                e.push(FieldError::new(
                    at("key"),
                    "项目标识须唯一且不为空",
                    "keys must be unique",
                ));
            }
            if item.label.trim().is_empty() || item.label.chars().count() > 64 {
                e.push(FieldError::new(
                    at("label"),
                    "请填写项目名称（最多 64 字）",
                    "enter a label (at most 64 characters)",
                ));
            }
            if item.max.0 <= 0 {
                e.push(FieldError::new(
                    at("max"),
                    "满分须大于 0",
                    "the maximum must be above 0",
                ));
            }
            if item.step.0 <= 0 || item.max.0 % item.step.0.max(1) != 0 {
                e.push(FieldError::new(
                    at("step"),
                    "步长须大于 0 且能整除满分",
                    "the step must divide the maximum",
                ));
            }
            if item.guidance.chars().count() > 1000 {
                e.push(FieldError::new(
                    at("guidance"),
                    "评分说明最多 1000 字",
                    "guidance has at most 1000 characters",
                ));
            }
        }
        if self.max_total() > Tenths::points(100) {
            e.push(FieldError::new(
                "rubric.items",
                "各项满分之和不能超过 100 分",
                "the maxima add up to more than 100",
            ));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    pub fn item(&self, key: &str) -> Option<&RubricItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Whether `value` may be given for `key`: 0..=max, a multiple of the step.
    pub fn check_value(&self, key: &str, value: Tenths) -> Result<(), String> {
        let Some(item) = self.item(key) else {
            return Err(format!("评分细则中没有“{key}”这一项"));
        };
        if value < Tenths::ZERO || value > item.max {
            return Err(format!("“{}”应在 0 到 {} 分之间", item.label, item.max));
        }
        if value.0 % item.step.0.max(1) != 0 {
            return Err(format!("“{}”须为 {} 分的整数倍", item.label, item.step));
        }
        Ok(())
    }

    /// A sheet's total, with the items still unscored.
    pub fn total(&self, values: &BTreeMap<String, Tenths>) -> (Tenths, Vec<String>) {
        let mut total = 0;
        let mut missing = Vec::new();
        for item in &self.items {
            match values.get(&item.key) {
                Some(v) => total += v.0,
                None => missing.push(item.key.clone()),
            }
        }
        (Tenths(total), missing)
    }
}

fn item(
    key: &str,
    label: &str,
    points: i32,
    step: i32,
    guidance: &str,
    computed: bool,
) -> RubricItem {
    RubricItem {
        key: key.into(),
        label: label.into(),
        max: Tenths::points(points),
        step: Tenths(step),
        guidance: guidance.into(),
        computed,
    }
}

/// The default defense rubric: built from 第十条's criteria, weighted by the programme (the measures
/// give no points for the defense). Editable per panel until the first score.
pub fn defense_rubric() -> Rubric {
    Rubric {
        name: "答辩评审评分表（默认）".into(),
        from_text: false,
        note: "依据第十条所列条件编制，分值为本系统默认设置，非《办法》原文；评审组可在首个评分前调整。".into(),
        items: vec![
            item("skill", "技能水平与荣誉", 25, 5, "第十条（一）：技能拔尖、技艺精湛；所获称号、职业资格（技能等级）。", false),
            item("innovation", "创新创造与经济效益", 20, 5, "第十条（一）2、3：技术革新、发明创造、绝技绝活及其效益和影响。", false),
            item("mentoring", "带徒传技经验", 20, 5, "第十条（一）：带徒传技经验，培养高技能人才的成效。", false),
            item("unit", "依托单位条件", 15, 5, "第十条（二）：人才政策、经费与场地保障、培训成效。", false),
            item("plan", "建设方案", 20, 5, "建设目标、团队、培训与传承计划是否明确可行。", false),
        ],
    }
}

/// The assessment rubric of 附件 考核细则, with each item's maximum taken from the shared rubric.
pub fn assessment_rubric() -> Rubric {
    use crate::assessment::{AssessmentInput, MediaLevel, score};
    let full = score(&AssessmentInput {
        level: crate::Level::Regional,
        training_person_times: i64::MAX / 4,
        senior_trained: i64::MAX / 4,
        partner_count: i64::MAX / 4,
        exchange_staff: i64::MAX / 4,
        team_training: true,
        media_level: MediaLevel::Central,
        report: crate::deadlines::ReportFiling::OnTime,
        exactly_sixty: None,
    });
    let labels = [
        (
            ASSESSMENT_KEYS[0],
            "社会培训人次",
            "附件第1项：按年度培训人次计算，自动得出，请核实。",
        ),
        (
            ASSESSMENT_KEYS[1],
            "培养高级工以上人才",
            "附件第2项：按培养人数计算，自动得出，请核实。",
        ),
        (
            ASSESSMENT_KEYS[2],
            "合作院校（企业）",
            "附件第3项：按合作单位数计算，自动得出，请核实。",
        ),
        (
            ASSESSMENT_KEYS[3],
            "互换岗位锻炼",
            "附件第4项：按互换人数计算，自动得出，请核实。",
        ),
        (
            ASSESSMENT_KEYS[4],
            "师资员工培训",
            "附件第5项：组织团队成员参加培训、竞赛的得满分，否则 0 分。",
        ),
        (
            ASSESSMENT_KEYS[5],
            "经验推广",
            "附件第6项：中央、自治区、地市、县区媒体报道分别 10、8、6、4 分。",
        ),
        (
            ASSESSMENT_KEYS[6],
            "上报材料",
            "附件第7项：按时上报 10 分，迟报 5 分，不报 0 分。",
        ),
    ];
    Rubric {
        name: "技能大师工作室考核细则（附件）".into(),
        from_text: true,
        note: "《办法》附件原文；第1–4项由系统按上报数据计算，供考核组核实。".into(),
        items: full
            .items
            .iter()
            .zip(labels)
            .map(|(s, (key, label, guidance))| RubricItem {
                key: key.into(),
                label: label.into(),
                max: s.max,
                step: Tenths(1),
                guidance: guidance.into(),
                computed: s.item <= 4,
            })
            .collect(),
    }
}

/// The keys of the assessment rubric's items 1–7, in the order of 附件.
pub const ASSESSMENT_KEYS: [&str; 7] = [
    "training",
    "senior",
    "partners",
    "exchange",
    "team_training",
    "media",
    "report",
];

/// What `shared` computes for each assessment item from a studio's report, for the experts to verify.
pub fn assessment_suggestions(
    input: &crate::assessment::AssessmentInput,
) -> Vec<crate::panel::ComputedItem> {
    crate::assessment::score(input)
        .items
        .into_iter()
        .zip(ASSESSMENT_KEYS)
        .map(|(s, key)| crate::panel::ComputedItem {
            item: key.to_owned(),
            score: s.score,
            explanation: s.explanation,
        })
        .collect()
}

/// How a panel's experts' totals become the candidate's score, declared before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Aggregation {
    Mean,
    /// Drop one highest and one lowest total when at least `min_experts` totals count.
    TrimmedMean {
        min_experts: u32,
    },
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation::TrimmedMean { min_experts: 5 }
    }
}

impl Aggregation {
    pub fn label_zh(self) -> String {
        match self {
            Aggregation::Mean => "算术平均".into(),
            Aggregation::TrimmedMean { min_experts } => {
                format!("去掉一个最高分和一个最低分后平均（{min_experts} 人及以上时）")
            }
        }
    }
}

/// The aggregate of one candidate: the score and which experts' totals were dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Aggregate {
    /// The mean shown, in tenths (rounded half up); grades are taken on `mean`.
    pub score: Tenths,
    /// The exact mean of the counted totals.
    pub mean: crate::assessment::Mean,
    /// Indices (into the totals given) that were dropped by the trimmed mean.
    pub dropped: Vec<usize>,
    pub counted: usize,
}

/// Aggregates the counted totals (recused and unsigned sheets are left out by the caller). The
/// highest and lowest dropped are the first of equal values, so the choice is stable.
pub fn aggregate(totals: &[Tenths], how: Aggregation) -> Option<Aggregate> {
    if totals.is_empty() {
        return None;
    }
    let n = totals.len();
    let mut dropped = Vec::new();
    if let Aggregation::TrimmedMean { min_experts } = how
        && n >= usize::try_from(min_experts.max(3)).unwrap_or(usize::MAX)
    {
        let hi = (0..n).max_by_key(|&i| (totals[i], std::cmp::Reverse(i)))?;
        let lo = (0..n)
            .filter(|&i| i != hi)
            .min_by_key(|&i| (totals[i], i))?;
        dropped = vec![hi, lo];
        dropped.sort_unstable();
    }
    let counted: Vec<i64> = (0..n)
        .filter(|i| !dropped.contains(i))
        .map(|i| i64::from(totals[i].0))
        .collect();
    let exact = crate::assessment::Mean {
        sum: counted.iter().sum(),
        count: i64::try_from(counted.len()).unwrap_or(1),
    };
    Some(Aggregate {
        score: exact.rounded(),
        mean: exact,
        dropped,
        counted: counted.len(),
    })
}

/// What breaks a tie between equal aggregates, in the panel's declared order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "by", content = "item")]
pub enum TieBreaker {
    /// The higher mean on this rubric item.
    Item(String),
    /// The better (lower) rank on the channel's recommendation list.
    ChannelRank,
}

/// One candidate's figures for ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing {
    pub candidate: i32,
    /// The mean shown (tenths).
    pub score: Tenths,
    /// The exact mean, which ranks (the shown one is rounded).
    pub mean: crate::assessment::Mean,
    /// Mean per item of the counted sheets (tenths, rounded half up).
    pub item_means: BTreeMap<String, Tenths>,
    pub channel_rank: Option<u32>,
}

/// Orders candidates best first: the exact mean (never the rounded figure), then each
/// tie-breaker in turn, then the candidate id (the last resort is stated on the ranking so nobody
/// reads it as a judgement). Returns the positions, equal only when every declared tie-breaker is
/// equal too.
pub fn rank(standings: &mut [Standing], breakers: &[TieBreaker]) -> Vec<u32> {
    let better = |a: &Standing, b: &Standing| -> std::cmp::Ordering {
        // Higher mean first: compare a.sum/a.count with b.sum/b.count without dividing.
        let by_mean = (i128::from(b.mean.sum) * i128::from(a.mean.count.max(1)))
            .cmp(&(i128::from(a.mean.sum) * i128::from(b.mean.count.max(1))));
        breakers.iter().fold(by_mean, |order, br| {
            order.then_with(|| match br {
                TieBreaker::Item(item) => {
                    let m = |s: &Standing| s.item_means.get(item).map_or(0, |t| t.0);
                    m(b).cmp(&m(a))
                }
                TieBreaker::ChannelRank => a
                    .channel_rank
                    .map_or(u64::MAX, u64::from)
                    .cmp(&b.channel_rank.map_or(u64::MAX, u64::from)),
            })
        })
    };
    standings.sort_by(|a, b| better(a, b).then(a.candidate.cmp(&b.candidate)));
    let mut positions = Vec::with_capacity(standings.len());
    for i in 0..standings.len() {
        let p = if i > 0 && better(&standings[i], &standings[i - 1]).is_eq() {
            positions[i - 1]
        } else {
            u32::try_from(i + 1).unwrap_or(u32::MAX)
        };
        positions.push(p);
    }
    positions
}

/// A total this far (or further) from the median of the other experts' totals is flagged.
pub const OUTLIER_DISTANCE: Tenths = Tenths::points(15);

/// Indices of totals far from the median of the others (needs at least 3 totals).
pub fn outliers(totals: &[Tenths]) -> Vec<usize> {
    if totals.len() < 3 {
        return Vec::new();
    }
    (0..totals.len())
        .filter(|&i| {
            let mut others: Vec<i32> = (0..totals.len())
                .filter(|&j| j != i)
                .map(|j| totals[j].0)
                .collect();
            others.sort_unstable();
            let m = others.len();
            // Twice the median, to stay in integers.
            let twice_median = if m % 2 == 1 {
                2 * others[m / 2]
            } else {
                others[m / 2 - 1] + others[m / 2]
            };
            (2 * totals[i].0 - twice_median).abs() >= 2 * OUTLIER_DISTANCE.0
        })
        .collect()
}

/// Where an expert works or worked: a unit, or an organisation (a recommending channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Affiliation {
    #[serde(default)]
    pub unit_id: Option<i32>,
    #[serde(default)]
    pub org_id: Option<i32>,
    pub from: NaiveDate,
    /// `None` while still there.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// Years back an employment still conflicts.
pub const CONFLICT_YEARS: i32 = 3;

/// Why an expert may not score a candidate, if they may not: employed by the candidate's unit now
/// or within the last 3 years, or belonging to its recommending organisation.
pub fn conflict(
    affiliations: &[Affiliation],
    candidate_unit: i32,
    candidate_org: Option<i32>,
    today: NaiveDate,
) -> Option<String> {
    let since = crate::calendar::anniversary(today, -CONFLICT_YEARS);
    for a in affiliations {
        let recent = a.until.is_none_or(|u| u >= since);
        if a.unit_id == Some(candidate_unit) && recent {
            return Some(if a.until.is_none() {
                "评审专家现任职于申报单位".into()
            } else {
                "评审专家近 3 年内曾任职于申报单位".into()
            });
        }
        if a.org_id.is_some() && a.org_id == candidate_org && a.until.is_none() {
            return Some("评审专家属于该申报的推荐单位".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[i32]) -> Vec<Tenths> {
        v.iter().map(|p| Tenths(*p)).collect()
    }

    #[test]
    fn trimmed_mean_drops_one_highest_and_one_lowest_from_five() {
        let a = aggregate(&t(&[800, 850, 900, 700, 950]), Aggregation::default()).expect("a value");
        assert_eq!(a.dropped, vec![3, 4]);
        assert_eq!(a.score, Tenths(850));
        assert_eq!(a.counted, 3);
    }

    #[test]
    fn trimmed_mean_with_four_experts_is_the_plain_mean() {
        let a = aggregate(&t(&[800, 855, 900, 700]), Aggregation::default()).expect("a value");
        assert!(a.dropped.is_empty());
        // 3255 / 4 = 813.75 tenths, rounded half up to 814 tenths (81.4 points).
        assert_eq!(a.score, Tenths(814));
    }

    #[test]
    fn equal_extremes_drop_one_each_and_stay_stable() {
        let a = aggregate(&t(&[900, 900, 800, 800, 850]), Aggregation::default()).expect("a value");
        assert_eq!(a.dropped, vec![0, 2]);
        assert_eq!(a.score, Tenths(850));
    }

    #[test]
    fn mean_rounds_half_up_in_tenths() {
        assert_eq!(
            aggregate(&t(&[851, 852]), Aggregation::Mean)
                .expect("a value")
                .score,
            Tenths(852)
        );
        assert_eq!(
            aggregate(&t(&[850, 851, 851]), Aggregation::Mean)
                .expect("a value")
                .score,
            Tenths(851)
        );
        assert!(aggregate(&[], Aggregation::Mean).is_none());
    }

    #[test]
    fn ties_follow_the_declared_breakers_then_share_a_place() {
        let s = |c, score: i32, skill, rank| Standing {
            candidate: c,
            score: Tenths(score),
            mean: crate::assessment::Mean::of(Tenths(score)),
            item_means: BTreeMap::from([("skill".to_owned(), Tenths(skill))]),
            channel_rank: rank,
        };
        let mut list = vec![
            s(1, 850, 200, Some(2)),
            s(2, 850, 220, Some(1)),
            s(3, 900, 100, None),
            s(4, 850, 220, Some(1)),
        ];
        let places = rank(
            &mut list,
            &[TieBreaker::Item("skill".into()), TieBreaker::ChannelRank],
        );
        let order: Vec<i32> = list.iter().map(|s| s.candidate).collect();
        assert_eq!(order, [3, 2, 4, 1]);
        assert_eq!(places, [1, 2, 2, 4]);
    }

    #[test]
    fn outliers_are_far_from_the_others_median() {
        assert_eq!(outliers(&t(&[850, 860, 700, 855])), vec![2]);
        assert!(outliers(&t(&[850, 700])).is_empty());
        assert!(outliers(&t(&[850, 860, 710, 855])).is_empty());
    }

    #[test]
    fn values_respect_max_and_step() {
        let r = defense_rubric();
        assert!(r.check().is_ok());
        assert_eq!(r.max_total(), Tenths::points(100));
        assert!(r.check_value("skill", Tenths(245)).is_ok());
        assert!(r.check_value("skill", Tenths(243)).is_err());
        assert!(r.check_value("skill", Tenths(255)).is_err());
        assert!(r.check_value("nope", Tenths(0)).is_err());
        let a = assessment_rubric();
        assert!(a.check().is_ok());
        assert_eq!(a.max_total(), Tenths::points(100));
        assert_eq!(a.items.len(), 7);
    }

    #[test]
    fn conflicts_cover_three_years_and_the_channel() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("a value");
        let today = d(2026, 10, 15);
        let past = |until| Affiliation {
            unit_id: Some(7),
            org_id: None,
            from: d(2010, 1, 1),
            until: Some(until),
        };
        assert!(conflict(&[past(d(2023, 10, 15))], 7, None, today).is_some());
        assert!(conflict(&[past(d(2023, 10, 14))], 7, None, today).is_none());
        assert!(conflict(&[past(d(2025, 1, 1))], 8, None, today).is_none());
        let org = Affiliation {
            unit_id: None,
            org_id: Some(3),
            from: d(2020, 1, 1),
            until: None,
        };
        assert!(conflict(std::slice::from_ref(&org), 8, Some(3), today).is_some());
        assert!(conflict(&[org], 8, Some(4), today).is_none());
    }
}
