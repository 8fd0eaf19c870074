//! The public rules engine under `/api/rules`: eligibility, the assessment rubric, article texts.

mod articles;
mod assessment;
mod body;
mod eligibility;
mod eligibility_input;
