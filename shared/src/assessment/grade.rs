//! 第十五条: 优秀 (85 分以上), 合格 (大于 60 分、小于 85 分), 不合格 (小于 60 分).

use crate::score::Tenths;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Unqualified,
    Qualified,
    Excellent,
}

impl Grade {
    pub fn label_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::Unqualified => "不合格",
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

pub const EXCELLENT_FROM: Tenths = Tenths(850);
pub const SIXTY: Tenths = Tenths(600);

/// 第十五条: "85分以上" includes 85; 60 itself is in no grade and follows `sixty`.
pub fn grade(total: Tenths, sixty: SixtyPolicy) -> GradeResult {
    let (grade, policy_note) = if total >= EXCELLENT_FROM {
        (Grade::Excellent, None)
    } else if total > SIXTY {
        (Grade::Qualified, None)
    } else if total < SIXTY {
        (Grade::Unqualified, None)
    } else {
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
