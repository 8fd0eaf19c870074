//! 第十五条: 优秀 (85 分以上), 合格 (大于 60 分、小于 85 分), 不合格 (小于 60 分).

use crate::score::Tenths;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
pub enum Grade {
    Unqualified,
    Qualified,
    Excellent,
}

impl Grade {
    pub const ALL: [Grade; 3] = [Grade::Unqualified, Grade::Qualified, Grade::Excellent];
    pub fn label_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::Unqualified => "不合格",
        }
    }
    /// The English label of [`Grade::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Qualified => "qualified",
            Grade::Unqualified => "unqualified",
        }
    }
}

/// 第十五条 puts exactly 60 points in no grade; the programme chooses (default: qualified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SixtyPolicy {
    #[default]
    Qualified,
    Unqualified,
}

/// A grade and, when the text was silent, which policy decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GradeResult {
    pub grade: Grade,
    pub article: String,
    /// Set only for exactly 60.0.
    pub policy_note: Option<String>,
}

pub const EXCELLENT_FROM: Tenths = Tenths::from_tenths(850);
pub const SIXTY: Tenths = Tenths::from_tenths(600);

/// The exact mean of `count` experts' totals that add up to `sum` tenths: a rational, never
/// rounded before a grade is taken on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mean {
    pub sum: i64,
    pub count: i64,
}

impl Mean {
    pub fn of(total: Tenths) -> Mean {
        Mean {
            sum: i64::from(total.tenths()),
            count: 1,
        }
    }

    /// The figure shown: tenths, rounded half up (scores are never negative).
    pub fn rounded(self) -> Tenths {
        if self.count <= 0 {
            return Tenths::ZERO;
        }
        let t = (2 * self.sum + self.count) / (2 * self.count);
        Tenths::from_tenths(i32::try_from(t).unwrap_or(i32::MAX))
    }

    /// The exact mean compared with `t`, without rounding (sum / count against t).
    pub fn cmp_tenths(self, t: Tenths) -> std::cmp::Ordering {
        self.sum.cmp(&(i64::from(t.tenths()) * self.count.max(1)))
    }

    /// The exact value as text with up to two decimals more than shown, e.g. `59.97`.
    pub fn exact_text(self) -> String {
        if self.count <= 1 {
            return self.rounded().to_string();
        }
        // Hundredths of a point, rounded half up: enough to show why a 60.0 is not a 60.
        let hundredths = (20 * self.sum + self.count) / (2 * self.count);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

/// 第十五条: "85分以上" includes 85; 60 itself is in no grade and follows `sixty`.
pub fn grade(total: Tenths, sixty: SixtyPolicy) -> GradeResult {
    grade_mean(Mean::of(total), sixty)
}

/// As [`grade`], on the exact mean of the experts' totals: 59.9, 59.9 and 60.1 make 59.97, which
/// is 不合格 although it shows as 60.0.
pub fn grade_mean(mean: Mean, sixty: SixtyPolicy) -> GradeResult {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (grade, policy_note) = if mean.cmp_tenths(EXCELLENT_FROM) != Less {
        (Grade::Excellent, None)
    } else if mean.cmp_tenths(SIXTY) == Greater {
        (Grade::Qualified, None)
    } else if mean.cmp_tenths(SIXTY) == Less {
        let note = (mean.rounded() == SIXTY).then(|| {
            format!(
                "各专家总分的精确平均为 {} 分，低于 60 分，评为“不合格”（显示时保留一位小数为 60.0）。(The exact mean {} is below 60: unqualified, though it shows as 60.0.)",
                mean.exact_text(),
                mean.exact_text()
            )
        });
        (Grade::Unqualified, note)
    } else {
        debug_assert_eq!(mean.cmp_tenths(SIXTY), Equal);
        let g = match sixty {
            SixtyPolicy::Qualified => Grade::Qualified,
            SixtyPolicy::Unqualified => Grade::Unqualified,
        };
        (
            g,
            Some(format!(
                "第十五条未规定恰好 60 分的等级；按本系统配置的政策评为“{}”。(Article 15 is silent on exactly 60; the configured policy grades it {}.)",
                g.label_zh(),
                match g {
                    Grade::Qualified => "qualified",
                    _ => "unqualified",
                }
            )),
        )
    };
    GradeResult {
        grade,
        article: "第十五条".into(),
        policy_note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean(totals: &[i32]) -> Mean {
        Mean {
            sum: totals.iter().map(|t| i64::from(*t)).sum(),
            count: i64::try_from(totals.len()).unwrap_or(1),
        }
    }

    #[test]
    fn the_grade_is_taken_on_the_exact_mean_not_the_rounded_figure() {
        // The example: 59.9, 59.9 and 60.1 → 59.97 → shown 60.0, graded 不合格.
        let m = mean(&[599, 599, 601]);
        assert_eq!(m.rounded(), Tenths::from_tenths(600));
        assert_eq!(m.exact_text(), "59.97");
        let g = grade_mean(m, SixtyPolicy::Qualified);
        assert_eq!(g.grade, Grade::Unqualified);
        assert!(g.policy_note.is_some_and(|n| n.contains("59.97")));
        // 84.95 (shown 85.0) is not 优秀; exactly 85 is.
        assert_eq!(
            grade_mean(mean(&[849, 850]), SixtyPolicy::Qualified).grade,
            Grade::Qualified
        );
        assert_eq!(
            grade_mean(mean(&[850, 850]), SixtyPolicy::Qualified).grade,
            Grade::Excellent
        );
        // 60.03 is above 60: 合格 whatever the policy for exactly 60.
        assert_eq!(
            grade_mean(mean(&[600, 600, 601]), SixtyPolicy::Unqualified).grade,
            Grade::Qualified
        );
        // Exactly 60 follows the policy and says so.
        let sixty = grade_mean(mean(&[590, 610]), SixtyPolicy::Unqualified);
        assert_eq!(sixty.grade, Grade::Unqualified);
        assert!(sixty.policy_note.is_some());
    }

    #[test]
    fn a_single_total_grades_as_before() {
        assert_eq!(
            grade(Tenths::from_tenths(850), SixtyPolicy::Qualified).grade,
            Grade::Excellent
        );
        assert_eq!(
            grade(Tenths::from_tenths(601), SixtyPolicy::Qualified).grade,
            Grade::Qualified
        );
        assert_eq!(
            grade(Tenths::from_tenths(599), SixtyPolicy::Qualified).grade,
            Grade::Unqualified
        );
        assert_eq!(
            grade(Tenths::from_tenths(599), SixtyPolicy::Qualified).policy_note,
            None
        );
    }
}
