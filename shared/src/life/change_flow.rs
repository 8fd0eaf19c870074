//! 第十六条's procedure for a change request: a leader change goes to HRSS at once; a host change
//! first waits for the new unit to join it (联合上报), then goes to HRSS; an exit of the studio lets
//! an open request lapse. One request is open at a time.

use super::change::{ChangeKind, ChangeState, HostMode};
use crate::decision::Reason;
use serde::{Deserialize, Serialize};

/// Who moves a change request, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum ChangeStep {
    /// The unit the leader moved to joins the host change, or declines it.
    NewUnitJoins { approve: bool },
    /// HRSS approves or rejects.
    HrssDecides { approve: bool },
    /// The studio exits (第十八条): an open request lapses.
    StudioExits,
}

/// Where a new request starts.
pub fn first_state(kind: ChangeKind) -> ChangeState {
    match kind {
        ChangeKind::Leader => ChangeState::Submitted,
        ChangeKind::Host => ChangeState::AwaitingNewUnit,
    }
}

/// Whether a new request may be filed while these are on record.
pub fn may_request(on_record: &[ChangeState]) -> Result<(), Reason> {
    if on_record.iter().any(|s| s.open()) {
        return Err(Reason::new(
            "change.one_open",
            "第十六条",
            "该工作室已有一项变更申请在办理中",
            "the studio already has a change request in progress",
        ));
    }
    Ok(())
}

/// The state `step` leads to from `current`, or why it cannot be taken.
pub fn change_transition(current: ChangeState, step: ChangeStep) -> Result<ChangeState, Reason> {
    use ChangeState::*;
    let next = match (current, step) {
        (AwaitingNewUnit, ChangeStep::NewUnitJoins { approve: true }) => Submitted,
        (AwaitingNewUnit, ChangeStep::NewUnitJoins { approve: false }) => Rejected,
        (Submitted, ChangeStep::HrssDecides { approve: true }) => Approved,
        (Submitted, ChangeStep::HrssDecides { approve: false }) => Rejected,
        (AwaitingNewUnit | Submitted, ChangeStep::StudioExits) => Rejected,
        _ => {
            return Err(Reason::new(
                "change.wrong_state",
                "第十六条",
                format!("变更申请当前为“{}”，不能办理此操作", current.label_zh()),
                "the change request is not at that step",
            ));
        }
    };
    Ok(next)
}

/// A decided request is dated (approved or rejected); one moving on is not.
pub fn is_decided(state: ChangeState) -> bool {
    matches!(state, ChangeState::Approved | ChangeState::Rejected)
}

/// What an approved request does to the studio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "effect")]
pub enum ChangeEffect {
    /// The new leader (name, facts, identity number) replaces the old.
    NewLeader,
    /// The studio moves to the new unit (第十六条（二）"转移").
    MoveTo { unit_id: i32 },
    /// Co-built: the studio stays with its unit, the new unit builds it too.
    StaysWithUnit,
}

pub fn effect(kind: ChangeKind, mode: Option<HostMode>, new_unit: Option<i32>) -> ChangeEffect {
    match (kind, mode, new_unit) {
        (ChangeKind::Leader, _, _) => ChangeEffect::NewLeader,
        (ChangeKind::Host, Some(HostMode::Transfer), Some(unit_id)) => {
            ChangeEffect::MoveTo { unit_id }
        }
        (ChangeKind::Host, _, _) => ChangeEffect::StaysWithUnit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_change_is_joined_then_decided_and_a_leader_change_is_decided_at_once() {
        let s = first_state(ChangeKind::Host);
        assert_eq!(s, ChangeState::AwaitingNewUnit);
        let hrss_first = change_transition(s, ChangeStep::HrssDecides { approve: true });
        assert_eq!(
            hrss_first.map_err(|r| r.code),
            Err("change.wrong_state".to_owned())
        );
        let joined = change_transition(s, ChangeStep::NewUnitJoins { approve: true });
        assert_eq!(joined, Ok(ChangeState::Submitted));
        assert_eq!(
            change_transition(
                ChangeState::Submitted,
                ChangeStep::HrssDecides { approve: true }
            ),
            Ok(ChangeState::Approved)
        );
        assert_eq!(first_state(ChangeKind::Leader), ChangeState::Submitted);
        assert_eq!(
            change_transition(
                ChangeState::Submitted,
                ChangeStep::NewUnitJoins { approve: true }
            )
            .map_err(|r| r.article),
            Err("第十六条".to_owned())
        );
    }

    #[test]
    fn declining_rejects_an_exit_lapses_and_a_decision_is_final() {
        assert_eq!(
            change_transition(
                ChangeState::AwaitingNewUnit,
                ChangeStep::NewUnitJoins { approve: false }
            ),
            Ok(ChangeState::Rejected)
        );
        assert_eq!(
            change_transition(ChangeState::Submitted, ChangeStep::StudioExits),
            Ok(ChangeState::Rejected)
        );
        for done in [ChangeState::Approved, ChangeState::Rejected] {
            assert!(is_decided(done));
            assert!(change_transition(done, ChangeStep::StudioExits).is_err());
            assert!(change_transition(done, ChangeStep::HrssDecides { approve: true }).is_err());
        }
        assert!(!is_decided(ChangeState::Submitted));
    }

    #[test]
    fn one_request_is_open_at_a_time() {
        assert!(may_request(&[ChangeState::Approved, ChangeState::Rejected]).is_ok());
        assert!(may_request(&[ChangeState::AwaitingNewUnit]).is_err());
    }

    #[test]
    fn an_approved_host_change_moves_the_studio_only_when_transferred() {
        assert_eq!(
            effect(ChangeKind::Leader, None, None),
            ChangeEffect::NewLeader
        );
        assert_eq!(
            effect(ChangeKind::Host, Some(HostMode::Transfer), Some(9)),
            ChangeEffect::MoveTo { unit_id: 9 }
        );
        assert_eq!(
            effect(ChangeKind::Host, Some(HostMode::CoBuild), Some(9)),
            ChangeEffect::StaysWithUnit
        );
    }
}
