//! 第六章 第十五条 and 附件 考核细则: the 100-point rubric (exact tenths) and the grade.

mod choices;
mod grade;
mod rubric;

pub use choices::{Choice, check_choice, choices};
pub use grade::{Grade, GradeResult, Mean, SixtyPolicy, grade, grade_mean};
pub use rubric::{AssessmentInput, ItemScore, MediaLevel, RubricScore, score};

use crate::wire::FieldError;

/// Validates, scores and grades in one call (the public `assessment-score` endpoint).
pub fn assess(input: &AssessmentInput) -> Result<(RubricScore, GradeResult), Vec<FieldError>> {
    input.check()?;
    let s = score(input);
    let g = grade(s.total, input.exactly_sixty.unwrap_or_default());
    Ok((s, g))
}
