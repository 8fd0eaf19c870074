//! 附件 考核细则: each vector's items, total and grade.

use serde::Deserialize;
use shared::assessment::{self, AssessmentInput};

pub const FILE: &str = include_str!("../../tests/vectors/assessment.json");

#[derive(Deserialize)]
pub struct AssessmentCase {
    name: String,
    input: AssessmentInput,
    items_tenths: Vec<i32>,
    total_tenths: i32,
    grade: assessment::Grade,
}

pub fn case(c: &AssessmentCase, bad: &mut Vec<String>) {
    let (score, grade) = match assessment::assess(&c.input) {
        Ok(r) => r,
        Err(fields) => return bad.push(format!("{}: rejected as invalid: {fields:?}", c.name)),
    };
    let items: Vec<i32> = score.items.iter().map(|i| i.score.tenths()).collect();
    if items != c.items_tenths {
        bad.push(format!(
            "{}: items {items:?}, expected {:?}",
            c.name, c.items_tenths
        ));
    }
    if score.total.tenths() != c.total_tenths {
        bad.push(format!(
            "{}: total {}, expected {}",
            c.name,
            score.total.tenths(),
            c.total_tenths
        ));
    }
    if grade.grade != c.grade {
        bad.push(format!(
            "{}: grade {:?}, expected {:?}",
            c.name, grade.grade, c.grade
        ));
    }
}
