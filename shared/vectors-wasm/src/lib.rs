//! Runs the golden vectors of `shared/tests/vectors/` through the shared rules. The same code runs
//! natively (`cargo test`) and inside WebAssembly (`cargo xtask test` drives it from Node), so the
//! browser and the server provably agree on every vector.

use serde::Deserialize;
use shared::assessment::{self, AssessmentInput};
use shared::eligibility::{self, EligibilityInput};
use std::collections::BTreeMap;

const ELIGIBILITY: &str = include_str!("../../tests/vectors/eligibility.json");
const ASSESSMENT: &str = include_str!("../../tests/vectors/assessment.json");

#[derive(Deserialize)]
struct EligibilityCase {
    name: String,
    input: serde_json::Value,
    verdict: shared::Severity,
    findings: BTreeMap<String, shared::Severity>,
}

#[derive(Deserialize)]
struct AssessmentCase {
    name: String,
    input: AssessmentInput,
    items_tenths: Vec<i32>,
    total_tenths: i32,
    grade: assessment::Grade,
}

/// How many vectors ran, and every disagreement in words.
#[derive(Debug, Default, serde::Serialize)]
pub struct Outcome {
    pub eligibility_cases: usize,
    pub assessment_cases: usize,
    pub mismatches: Vec<String>,
}

/// Runs every vector; never panics (a broken file is a mismatch).
pub fn run() -> Outcome {
    let mut out = Outcome::default();
    match serde_json::from_str::<Vec<EligibilityCase>>(ELIGIBILITY) {
        Ok(cases) => {
            out.eligibility_cases = cases.len();
            for c in &cases {
                eligibility_case(c, &mut out.mismatches);
            }
        }
        Err(e) => out.mismatches.push(format!("eligibility.json: {e}")),
    }
    match serde_json::from_str::<Vec<AssessmentCase>>(ASSESSMENT) {
        Ok(cases) => {
            out.assessment_cases = cases.len();
            for c in &cases {
                assessment_case(c, &mut out.mismatches);
            }
        }
        Err(e) => out.mismatches.push(format!("assessment.json: {e}")),
    }
    out
}

fn eligibility_case(c: &EligibilityCase, bad: &mut Vec<String>) {
    let input: EligibilityInput = match serde_json::from_value(c.input.clone()) {
        Ok(i) => i,
        Err(e) => return bad.push(format!("{}: input does not parse: {e}", c.name)),
    };
    let report = match eligibility::check(&input) {
        Ok(r) => r,
        Err(fields) => return bad.push(format!("{}: rejected as invalid: {fields:?}", c.name)),
    };
    if report.verdict != c.verdict {
        bad.push(format!(
            "{}: verdict {:?}, expected {:?}",
            c.name, report.verdict, c.verdict
        ));
    }
    let got: BTreeMap<&str, shared::Severity> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect();
    for (rule, want) in &c.findings {
        match got.get(rule.as_str()) {
            Some(s) if s == want => {}
            Some(s) => bad.push(format!("{}: {rule} is {s:?}, expected {want:?}", c.name)),
            None => bad.push(format!("{}: {rule} missing", c.name)),
        }
    }
    for rule in got.keys() {
        if !c.findings.contains_key(*rule) {
            bad.push(format!("{}: unexpected finding {rule}", c.name));
        }
    }
}

fn assessment_case(c: &AssessmentCase, bad: &mut Vec<String>) {
    let (score, grade) = match assessment::assess(&c.input) {
        Ok(r) => r,
        Err(fields) => return bad.push(format!("{}: rejected as invalid: {fields:?}", c.name)),
    };
    let items: Vec<i32> = score.items.iter().map(|i| i.score.0).collect();
    if items != c.items_tenths {
        bad.push(format!(
            "{}: items {items:?}, expected {:?}",
            c.name, c.items_tenths
        ));
    }
    if score.total.0 != c.total_tenths {
        bad.push(format!(
            "{}: total {}, expected {}",
            c.name, score.total.0, c.total_tenths
        ));
    }
    if grade.grade != c.grade {
        bad.push(format!(
            "{}: grade {:?}, expected {:?}",
            c.name, grade.grade, c.grade
        ));
    }
}

/// For Node: the outcome as JSON.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run_golden_vectors() -> String {
    serde_json::to_string(&run()).unwrap_or_else(|e| format!("{{\"mismatches\":[\"{e}\"]}}"))
}

/// For Node: evaluates one full eligibility check `n` times (the caller times it).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_eligibility(n: u32) -> u32 {
    let Ok(cases) = serde_json::from_str::<Vec<EligibilityCase>>(ELIGIBILITY) else {
        return 0;
    };
    let Some(input) = cases
        .first()
        .and_then(|c| serde_json::from_value::<EligibilityInput>(c.input.clone()).ok())
    else {
        return 0;
    };
    let mut fails = 0;
    for _ in 0..n {
        if let Ok(r) = eligibility::check(std::hint::black_box(&input))
            && r.verdict == shared::Severity::Fail
        {
            fails += 1;
        }
    }
    fails
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_golden_vector_holds_natively() {
        let out = super::run();
        assert!(
            out.eligibility_cases >= 60,
            "{} eligibility vectors",
            out.eligibility_cases
        );
        assert!(
            out.assessment_cases >= 60,
            "{} assessment vectors",
            out.assessment_cases
        );
        assert!(
            out.mismatches.is_empty(),
            "{} mismatches:\n{}",
            out.mismatches.len(),
            out.mismatches.join("\n")
        );
    }
}
