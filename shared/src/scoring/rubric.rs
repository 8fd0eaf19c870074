//! Rubrics as data: the default defense rubric (第十条-based, the programme's weights) and 附件's
//! assessment rubric, with what `shared` computes for each assessment item from a report.

use crate::Tenths;
use crate::wire::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One rubric item as `shared` computed it from the reported figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComputedItem {
    pub item: String,
    pub score: Tenths,
    pub explanation: String,
    /// The same in English.
    #[serde(default)]
    pub explanation_en: String,
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
        Tenths::from_tenths(self.items.iter().map(|i| i.max.tenths()).sum())
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
            if item.max.tenths() <= 0 {
                e.push(FieldError::new(
                    at("max"),
                    "满分须大于 0",
                    "the maximum must be above 0",
                ));
            }
            if item.step.tenths() <= 0 || item.max.tenths() % item.step.tenths().max(1) != 0 {
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

    /// Tie-breakers naming an item this rubric does not have (they would silently do nothing).
    pub fn check_tie_breakers(
        &self,
        breakers: &[super::TieBreaker],
    ) -> Vec<crate::wire::FieldError> {
        breakers
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                super::TieBreaker::Item(key) if self.item(key).is_none() => {
                    Some(crate::wire::FieldError::new(
                        format!("tie_breakers[{i}]"),
                        format!("评分细则中没有“{key}”这一项，不能用于同分比较"),
                        format!("the rubric has no item {key:?} to break ties with"),
                    ))
                }
                _ => None,
            })
            .collect()
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
        if value.tenths() % item.step.tenths().max(1) != 0 {
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
                Some(v) => total += v.tenths(),
                None => missing.push(item.key.clone()),
            }
        }
        (Tenths::from_tenths(total), missing)
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
        step: Tenths::from_tenths(step),
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
                step: Tenths::from_tenths(1),
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
pub fn assessment_suggestions(input: &crate::assessment::AssessmentInput) -> Vec<ComputedItem> {
    crate::assessment::score(input)
        .items
        .into_iter()
        .zip(ASSESSMENT_KEYS)
        .map(|(s, key)| ComputedItem {
            item: key.to_owned(),
            score: s.score,
            explanation: s.explanation,
            explanation_en: s.explanation_en,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_respect_max_and_step() {
        let r = defense_rubric();
        assert!(r.check().is_ok());
        assert_eq!(r.max_total(), Tenths::points(100));
        assert!(r.check_value("skill", Tenths::from_tenths(245)).is_ok());
        assert!(r.check_value("skill", Tenths::from_tenths(243)).is_err());
        assert!(r.check_value("skill", Tenths::from_tenths(255)).is_err());
        assert!(r.check_value("nope", Tenths::from_tenths(0)).is_err());
        let a = assessment_rubric();
        assert!(a.check().is_ok());
        assert_eq!(a.max_total(), Tenths::points(100));
        assert_eq!(a.items.len(), 7);
    }
}
