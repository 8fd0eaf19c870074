//! 附件 gives each item fixed scores: yes/no items 10 or 0, media by level, the filing on time,
//! late or not, and the count items a score per count below the threshold. An assessment sheet
//! offers exactly these, each saying what it means; nothing in between is a valid score.

use super::rubric::{AssessmentInput, MediaLevel, score};
use crate::Level;
use crate::deadlines::ReportFiling;
use crate::score::Tenths;
use crate::scoring::ASSESSMENT_KEYS;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One score an expert may give for an item, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub value: Tenths,
    pub label_zh: String,
    pub label_en: String,
}

/// A baseline input that changes one figure at a time.
fn base(level: Level) -> AssessmentInput {
    AssessmentInput {
        level,
        training_person_times: 0,
        senior_trained: 0,
        partner_count: 0,
        exchange_staff: 0,
        team_training: false,
        media_level: MediaLevel::None,
        report: ReportFiling::Missing,
        exactly_sixty: None,
    }
}

/// The score `score()` gives item `no` (1–7) for `input`: the one rule, never restated here.
fn item_score(input: &AssessmentInput, no: u8) -> Tenths {
    score(input)
        .items
        .into_iter()
        .find(|i| i.item == no)
        .map(|i| i.score)
        .unwrap_or_default()
}

/// Choices of a count item: one per count from 0 up to the first that earns full marks.
fn by_count(
    level: Level,
    no: u8,
    set: fn(&mut AssessmentInput, i64),
    what: (&str, &str),
) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    let full = {
        let mut i = base(level);
        set(&mut i, i64::MAX / 4);
        item_score(&i, no)
    };
    for n in 0..=10_000 {
        let mut i = base(level);
        set(&mut i, n);
        let value = item_score(&i, no);
        let last = value == full;
        let (zh, en) = if last {
            (
                format!("{} {n} 及以上", what.0),
                format!("{} {n} or more", what.1),
            )
        } else {
            (format!("{} {n}", what.0), format!("{} {n}", what.1))
        };
        out.push(Choice {
            value,
            label_zh: format!("{zh}：{value} 分"),
            label_en: format!("{en}: {value}"),
        });
        if last {
            break;
        }
    }
    out
}

fn fixed(level: Level, no: u8, options: Vec<(AssessmentInput, &str, &str)>) -> Vec<Choice> {
    let _ = level;
    options
        .into_iter()
        .map(|(input, zh, en)| {
            let value = item_score(&input, no);
            Choice {
                value,
                label_zh: format!("{zh}：{value} 分"),
                label_en: format!("{en}: {value}"),
            }
        })
        .collect()
}

/// Every item's choices for a studio of `level`, by the assessment rubric's keys.
pub fn choices(level: Level) -> BTreeMap<String, Vec<Choice>> {
    let with = |f: &dyn Fn(&mut AssessmentInput)| {
        let mut i = base(level);
        f(&mut i);
        i
    };
    let items = [
        by_count(
            level,
            1,
            |i, n| i.training_person_times = n,
            ("培训", "training, person-times"),
        ),
        by_count(
            level,
            2,
            |i, n| i.senior_trained = n,
            ("培养高级工以上", "senior-level trained"),
        ),
        by_count(
            level,
            3,
            |i, n| i.partner_count = n,
            ("合作院校（企业）", "partners"),
        ),
        by_count(
            level,
            4,
            |i, n| i.exchange_staff = n,
            ("互换岗位", "on job exchange"),
        ),
        fixed(
            level,
            5,
            vec![
                (
                    with(&|i| i.team_training = true),
                    "组织团队成员参加培训或竞赛",
                    "team sent to training or competitions",
                ),
                (base(level), "未组织", "not sent"),
            ],
        ),
        fixed(
            level,
            6,
            [
                (MediaLevel::Central, "中央媒体报道", "central media"),
                (MediaLevel::Regional, "自治区级媒体报道", "regional media"),
                (MediaLevel::City, "地市级媒体报道", "city media"),
                (MediaLevel::County, "县区级媒体报道", "county media"),
                (MediaLevel::None, "无媒体报道", "no media report"),
            ]
            .into_iter()
            .map(|(m, zh, en)| (with(&|i| i.media_level = m), zh, en))
            .collect(),
        ),
        fixed(
            level,
            7,
            [
                (ReportFiling::OnTime, "按时上报", "filed on time"),
                (ReportFiling::Late, "迟报", "filed late"),
                (ReportFiling::Missing, "未上报", "not filed"),
            ]
            .into_iter()
            .map(|(r, zh, en)| (with(&|i| i.report = r), zh, en))
            .collect(),
        ),
    ];
    ASSESSMENT_KEYS
        .iter()
        .zip(items)
        .map(|(k, c)| ((*k).to_owned(), c))
        .collect()
}

/// Whether `value` is one of 附件's choices for `key` at `level`.
pub fn check_choice(level: Level, key: &str, value: Tenths) -> Result<(), String> {
    let all = choices(level);
    let Some(options) = all.get(key) else {
        return Err(format!("考核细则中没有“{key}”这一项"));
    };
    if options.iter().any(|c| c.value == value) {
        Ok(())
    } else {
        let shown: Vec<String> = options.iter().map(|c| c.value.to_string()).collect();
        let list = if shown.len() > 8 {
            format!(
                "{} … {}",
                shown[..4].join("、"),
                shown[shown.len() - 2..].join("、")
            )
        } else {
            shown.join("、")
        };
        Err(format!("{value} 分不是附件规定的分值（可选：{list}）"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(level: Level, key: &str) -> Vec<i32> {
        choices(level)[key]
            .iter()
            .map(|c| c.value.tenths())
            .collect()
    }

    #[test]
    fn yes_no_media_and_filing_items_offer_exactly_the_texts_scores() {
        for level in [Level::National, Level::Regional] {
            assert_eq!(values(level, "team_training"), [100, 0]);
            assert_eq!(values(level, "media"), [100, 80, 60, 40, 0]);
            assert_eq!(values(level, "report"), [100, 50, 0]);
        }
    }

    #[test]
    fn count_items_offer_a_score_per_count_up_to_the_threshold() {
        // Item 1, regional (threshold 30): 0 → 0; 1 → 27.1 … 29 → 29.9; 30 or more → 30.
        let training = values(Level::Regional, "training");
        assert_eq!(training.len(), 31);
        assert_eq!(training[..3], [0, 271, 272]);
        assert_eq!(training[29..], [299, 300]);
        // Item 1, national (threshold 50): 1 → 25.1.
        assert_eq!(values(Level::National, "training")[1], 251);
        // Item 2 has no "none → 0" clause: 0 trained still gives 18.0 (national) / 18.8 (regional).
        assert_eq!(values(Level::National, "senior")[0], 180);
        assert_eq!(values(Level::Regional, "senior")[..2], [188, 190]);
        // Items 3 and 4: national 0 → 0, 1 → 2; regional 0 → 4.
        assert_eq!(
            values(Level::National, "partners"),
            [0, 20, 40, 60, 80, 100]
        );
        assert_eq!(values(Level::Regional, "partners"), [40, 60, 80, 100]);
        assert_eq!(values(Level::Regional, "exchange"), [40, 60, 80, 100]);
        let last = choices(Level::Regional)["training"]
            .last()
            .cloned()
            .expect("a choice");
        assert_eq!(last.label_zh, "培训 30 及以上：30.0 分");
    }

    #[test]
    fn only_a_listed_value_may_be_given() {
        assert!(check_choice(Level::Regional, "team_training", Tenths::from_tenths(100)).is_ok());
        assert!(check_choice(Level::Regional, "team_training", Tenths::from_tenths(50)).is_err());
        assert!(check_choice(Level::Regional, "training", Tenths::from_tenths(285)).is_ok());
        assert!(check_choice(Level::Regional, "training", Tenths::from_tenths(100)).is_err());
        assert!(check_choice(Level::National, "partners", Tenths::from_tenths(30)).is_err());
        assert!(check_choice(Level::National, "nope", Tenths::from_tenths(0)).is_err());
    }
}
