//! Runs the golden vectors of `shared/tests/vectors/` through the shared rules. The same code runs
//! natively (`cargo test`) and inside WebAssembly (`cargo xtask test` drives it from Node), so the
//! browser and the server provably agree on every vector.

use serde::de::DeserializeOwned;
use shared::eligibility::{self, EligibilityInput};
use std::collections::BTreeMap;

mod assessment;
mod eligibility_vectors;
mod procedure;
mod scoring;

/// Each file's vectors, the least number each must hold, and the check of one.
type Check = fn(&serde_json::Value, &mut Vec<String>);

/// How many vectors of each file ran, and every disagreement in words.
#[derive(Debug, Default, serde::Serialize)]
pub struct Outcome {
    pub cases: BTreeMap<String, usize>,
    pub mismatches: Vec<String>,
}

/// (file, its text, the least number of vectors it must hold).
pub const FILES: [(&str, &str, usize); 6] = [
    ("eligibility", eligibility_vectors::FILE, 60),
    ("assessment", assessment::FILE, 60),
    ("sheet_edits", scoring::SHEET_EDITS, 40),
    ("ranking", scoring::RANKING, 10),
    ("changes", procedure::CHANGES, 20),
    ("workflow_fields", procedure::WORKFLOW_FIELDS, 12),
];

/// Parses one vector, or says why not.
fn parse<T: DeserializeOwned>(v: &serde_json::Value, bad: &mut Vec<String>) -> Option<T> {
    match serde_json::from_value(v.clone()) {
        Ok(c) => Some(c),
        Err(e) => {
            bad.push(format!("{}: does not parse: {e}", v["name"]));
            None
        }
    }
}

/// Runs every vector; never panics (a broken file is a mismatch).
pub fn run() -> Outcome {
    let checks: [Check; 6] = [
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                eligibility_vectors::case(&c, bad);
            }
        },
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                assessment::case(&c, bad);
            }
        },
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                scoring::sheet_edit(&c, bad);
            }
        },
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                scoring::ranking(&c, bad);
            }
        },
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                procedure::change(&c, bad);
            }
        },
        |v, bad| {
            if let Some(c) = parse(v, bad) {
                procedure::workflow_fields(&c, bad);
            }
        },
    ];
    let mut out = Outcome::default();
    for ((name, text, _), check) in FILES.iter().zip(checks) {
        match serde_json::from_str::<Vec<serde_json::Value>>(text) {
            Ok(cases) => {
                out.cases.insert((*name).to_owned(), cases.len());
                for c in &cases {
                    check(c, &mut out.mismatches);
                }
            }
            Err(e) => out.mismatches.push(format!("{name}.json: {e}")),
        }
    }
    out
}

/// The files holding fewer vectors than they must.
pub fn too_few(out: &Outcome) -> Vec<String> {
    FILES
        .iter()
        .filter(|(name, _, least)| out.cases.get(*name).copied().unwrap_or(0) < *least)
        .map(|(name, _, least)| format!("{name}: fewer than {least} vectors"))
        .collect()
}

/// For Node: the outcome as JSON, with the files that hold too few vectors among the mismatches.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run_golden_vectors() -> String {
    let mut out = run();
    let few = too_few(&out);
    out.mismatches.extend(few);
    serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"mismatches\":[\"{e}\"]}}"))
}

/// For Node: evaluates one full eligibility check `n` times (the caller times it).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_eligibility(n: u32) -> u32 {
    let Ok(cases) = serde_json::from_str::<Vec<eligibility_vectors::EligibilityCase>>(
        eligibility_vectors::FILE,
    ) else {
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
        let few = super::too_few(&out);
        assert!(few.is_empty(), "{few:?}");
        assert!(
            out.mismatches.is_empty(),
            "{} mismatches:\n{}",
            out.mismatches.len(),
            out.mismatches.join("\n")
        );
    }
}
