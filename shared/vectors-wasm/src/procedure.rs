//! 第十一条 and 第十六条: the fields each move of an application needs, and the steps of a change
//! request.

use serde::Deserialize;
use shared::life::{ChangeState, ChangeStep, change_transition};
use shared::workflow::{TransitionRequest, required_fields};

pub const CHANGES: &str = include_str!("../../tests/vectors/changes.json");
pub const WORKFLOW_FIELDS: &str = include_str!("../../tests/vectors/workflow_fields.json");

#[derive(Deserialize)]
pub struct ChangeCase {
    name: String,
    from_state: ChangeState,
    step: ChangeStep,
    /// The state reached, or the refusal's code.
    expect: String,
}

pub fn change(c: &ChangeCase, bad: &mut Vec<String>) {
    let got = match change_transition(c.from_state, c.step) {
        Ok(s) => shared::wire::enum_name(&s),
        Err(r) => r.code,
    };
    if got != c.expect {
        bad.push(format!("{}: {got}, expected {}", c.name, c.expect));
    }
}

#[derive(Deserialize)]
pub struct FieldsCase {
    name: String,
    request: TransitionRequest,
    hrss_direct: bool,
    expect: Vec<String>,
}

pub fn workflow_fields(c: &FieldsCase, bad: &mut Vec<String>) {
    let got: Vec<String> = required_fields(&c.request, c.hrss_direct)
        .into_iter()
        .map(|f| f.field)
        .collect();
    if got != c.expect {
        bad.push(format!("{}: {got:?}, expected {:?}", c.name, c.expect));
    }
}
