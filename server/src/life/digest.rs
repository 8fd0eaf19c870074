//! The life of studios' part of each role's digest: reports and results due, changes to decide or
//! join, returns outstanding.

use super::store;
use super::view::{Reminder, change_view, reminders_for};
use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use shared::account::Role;
use shared::life::{ChangeKind, ChangeState, ReminderItem, ReminderKind};

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

/// What the actor owes or has to decide in the life of studios: reports and results due, changes
/// to decide or join, returns outstanding (finance: returns only).
pub async fn reminders(state: &AppState, actor: &Actor) -> Result<Vec<Reminder>, ApiError> {
    let studios = crate::studios::service::owing(&state.db, actor).await?;
    let all = reminders_for(&state.db, &studios, state.today()).await?;
    let mut pairs: Vec<Reminder> = all
        .into_iter()
        .filter(|(k, _)| !actor.is(Role::Finance) || *k == ReminderKind::ReturnOutstanding)
        .collect();
    pairs.extend(changes_waiting(state, actor).await?);
    Ok(pairs)
}
