//! 第十条 and 第十八条: each vector's verdict and findings.

use serde::Deserialize;
use shared::eligibility::{self, EligibilityInput};
use std::collections::BTreeMap;

pub const FILE: &str = include_str!("../../tests/vectors/eligibility.json");

#[derive(Deserialize)]
pub struct EligibilityCase {
    name: String,
    pub input: serde_json::Value,
    verdict: shared::Severity,
    findings: BTreeMap<String, shared::Severity>,
}

pub fn case(c: &EligibilityCase, bad: &mut Vec<String>) {
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
