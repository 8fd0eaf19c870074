//! Each role's digest: what is overdue or due in its scope, one line per kind with its items —
//! reports and results due, changes to decide or join, returns outstanding, sheets to sign.

use super::store;
use super::studios::visibility;
use super::view::{Reminder, change_view, reminders_for};
use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use shared::account::Role;
use shared::life::{ChangeKind, ChangeState, Digest, ReminderItem, ReminderKind};

/// The changes waiting for the actor: HRSS decides submitted ones; a unit joins host changes that
/// name it as the new unit.
async fn changes_waiting(state: &AppState, actor: &Actor) -> Result<Vec<Reminder>, ApiError> {
    let waiting = match actor.role {
        Some(Role::HrssAdmin) => store::changes_in(&state.db, ChangeState::Submitted, None).await?,
        Some(Role::Applicant) => {
            let unit = actor.unit_id.unwrap_or(-1);
            store::changes_in(&state.db, ChangeState::AwaitingNewUnit, Some(unit)).await?
        }
        _ => Vec::new(),
    };
    let calendar = state.calendar().await?;
    let mut out = Vec::new();
    for c in waiting {
        let v = change_view(&state.db, &calendar, &c, state.today()).await?;
        let (from, to) = if v.kind == ChangeKind::Leader {
            (&v.old_leader_name, &v.new_leader_name)
        } else {
            (&v.old_unit_name, &v.new_unit_name)
        };
        out.push((
            ReminderKind::ChangeToDecide,
            ReminderItem {
                label: format!("#{} {}：{from} → {to}", c.id, v.kind.label_zh()),
                due: Some(v.due),
                // The new unit of a host change cannot open the studio yet: it acts here.
                link: if actor.is(Role::HrssAdmin) {
                    format!("/studios/{}", c.studio_id)
                } else {
                    "/notifications".into()
                },
                change_id: Some(c.id),
            },
        ));
    }
    Ok(out)
}

/// The actor's digest.
pub async fn digest(state: &AppState, actor: &Actor) -> Result<Digest, ApiError> {
    let today = state.today();
    let mut pairs = Vec::new();
    if actor.is(Role::Expert) {
        // An expert's work is the sheets still to sign.
        pairs.extend(crate::panels::service::sheets_to_sign(&state.db, actor).await?);
    } else {
        let studios = store::owing(&state.db, visibility(actor)).await?;
        let all = reminders_for(&state.db, &studios, today).await?;
        // Finance acts on money only.
        pairs
            .extend(all.into_iter().filter(|(k, _)| {
                !actor.is(Role::Finance) || *k == ReminderKind::ReturnOutstanding
            }));
        pairs.extend(changes_waiting(state, actor).await?);
    }
    Ok(Digest::build(today, pairs))
}
