//! The life of studios' part of each role's digest: reports and results due (read from the kept
//! windows), changes due, to decide or to join, returns outstanding.

use super::store;
use super::view::{Reminder, change_due, change_view, exit_view_holding, items_for, return_item};
use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use shared::account::Role;
use shared::calendar::HolidayCalendar;
use shared::life::{ChangeKind, ChangeState, ReminderItem, ReminderKind};

/// Kinds already counted: how many, and the most urgent items.
pub type Counted = Vec<(ReminderKind, u32, Vec<ReminderItem>)>;

/// The changes waiting for the actor: HRSS decides submitted ones; a unit joins host changes that
/// name it as the new unit.
async fn changes_waiting(
    state: &AppState,
    calendar: &HolidayCalendar,
    actor: &Actor,
) -> Result<Vec<Reminder>, ApiError> {
    let waiting = match actor.role {
        Some(Role::HrssAdmin) => store::changes_in(&state.db, ChangeState::Submitted, None).await?,
        Some(Role::Applicant) => {
            let unit = actor.unit_id.unwrap_or(-1);
            store::changes_in(&state.db, ChangeState::AwaitingNewUnit, Some(unit)).await?
        }
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for c in waiting {
        let v = change_view(&state.db, calendar, &c, state.today()).await?;
        let (from, to) = if v.kind == ChangeKind::Leader {
            (&v.old_leader_name, &v.new_leader_name)
        } else {
            (&v.old_unit_name, &v.new_unit_name)
        };
        out.push((
            ReminderKind::ChangeToDecide,
            ReminderItem {
                label: format!("#{} {}：{from} → {to}", c.id, v.kind.label_zh()),
                label_en: format!("#{} {}: {from} → {to}", c.id, v.kind.label_en()),
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

/// The open changes of the studios in scope, due or overdue (第十六条), counted on the calendar.
async fn changes_due(
    state: &AppState,
    calendar: &HolidayCalendar,
    scope: Option<sea_orm::sea_query::SelectStatement>,
) -> Result<Vec<Reminder>, ApiError> {
    let today = state.today();
    let mut out = Vec::new();
    for (c, s) in store::open_changes_in(&state.db, scope).await? {
        let due = shared::life::change_windows(c.id, change_due(calendar, &c))
            .into_iter()
            .filter(|w| w.shows_on(today))
            .map(|w| (w.kind, w.due, w.what))
            .collect::<Vec<_>>();
        out.extend(items_for(s.id, &s.name, &due));
    }
    Ok(out)
}

/// The exited studios in scope whose unit still holds money to return (第十八条).
async fn returns(
    state: &AppState,
    scope: Option<sea_orm::sea_query::SelectStatement>,
) -> Result<Vec<Reminder>, ApiError> {
    let exited = store::exited_in(&state.db, scope).await?;
    let studios: Vec<_> = exited.iter().map(|(s, _)| s.clone()).collect();
    let balances = crate::ledger::service::balances_of(&state.db, &studios).await?;
    Ok(exited
        .iter()
        .filter_map(|(s, e)| {
            let held = balances.get(&s.id)?.held();
            let v = exit_view_holding(e, held);
            (v.outstanding.fen() > 0).then(|| return_item(s, &v))
        })
        .collect())
}

/// What the actor owes or has to decide in the life of studios: reports and results due (counted
/// from the kept windows), changes due, to decide or to join, returns outstanding (finance: returns
/// only).
pub async fn reminders(
    state: &AppState,
    actor: &Actor,
) -> Result<(Vec<Reminder>, Counted), ApiError> {
    let scope = crate::studios::service::scope(actor);
    let mut pairs = returns(state, scope.clone()).await?;
    if actor.is(Role::Finance) {
        return Ok((pairs, Vec::new()));
    }
    let calendar = state.calendar().await?;
    pairs.extend(changes_due(state, &calendar, scope).await?);
    pairs.extend(changes_waiting(state, &calendar, actor).await?);
    let units = crate::studios::service::unit_scope(actor);
    let counted = store::digest::shown(&state.db, units, state.today())
        .await?
        .into_iter()
        .map(|(kind, count, rows)| {
            let items = rows
                .into_iter()
                .map(|r| ReminderItem {
                    label_en: if r.label_en.is_empty() {
                        r.label.clone()
                    } else {
                        r.label_en
                    },
                    label: r.label,
                    due: Some(r.due),
                    link: format!("/studios/{}", r.studio_id),
                    change_id: None,
                })
                .collect();
            (kind, count, items)
        })
        .collect();
    Ok((pairs, counted))
}
