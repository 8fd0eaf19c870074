//! The yearly rounds (第十一条): listing and opening them, and closing one once every application is
//! decided.

use super::store;
use crate::actor::Actor;
use crate::applications::moves::{self, Change, Move, refusal};
use crate::audit::Event;
use crate::entity::round;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::application::{NewRound, Round};
use shared::procedure::{CloseRound, CloseSummary, check_reason};
use shared::wire::FieldError;
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

pub fn round_wire(m: round::Model) -> Round {
    Round {
        id: m.id,
        year: m.year,
        title: m.title,
        opens_on: m.opens_on,
        closes_on: m.closes_on,
        regional_slots: m.regional_slots,
        national_slots: m.national_slots,
    }
}

pub async fn rounds(state: &AppState) -> Result<Vec<Round>, ApiError> {
    Ok(store::rounds(&state.db)
        .await?
        .into_iter()
        .map(round_wire)
        .collect())
}

/// HRSS opens a yearly call with its slots per level (第四条).
pub async fn open_round(state: &AppState, actor: &Actor, new: NewRound) -> Result<Round, ApiError> {
    new.check().map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    if store::round_of_year(&*w, new.year).await?.is_some() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "year",
            "该年度已有申报轮次",
            "a round for this year exists",
        )]));
    }
    let created = store::insert_round(
        &*w,
        round::ActiveModel {
            year: Set(new.year),
            title: Set(new.title.trim().to_owned()),
            opens_on: Set(new.opens_on),
            closes_on: Set(new.closes_on),
            regional_slots: Set(new.regional_slots),
            national_slots: Set(new.national_slots),
            created_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let wire = round_wire(created);
    w.done(Event::new("round.create", "round", wire.id).after(&wire))
        .await?;
    Ok(wire)
}

/// Closes a round: every application HRSS holds that was not approved is not selected, with the
/// reason. Refused while a notice is still running or objections are open.
pub async fn close_round(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    req: CloseRound,
) -> Result<CloseSummary, ApiError> {
    check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    store::round(&state.db, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let apps = crate::applications::service::visible_in_round(&state.db, actor, round_id).await?;
    let today = state.today();
    let reason = req.reason.trim().to_owned();
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    let mut summary = CloseSummary {
        not_selected: 0,
        left_with_channel: 0,
    };
    let w = Write::begin(state, actor).await?;
    for m in &apps {
        if m.state == Stage::Submitted && !m.hrss_direct {
            summary.left_with_channel += 1;
            continue;
        }
        if m.state == Stage::Proposed {
            let (end, open) = crate::applications::service::notice_status(&*w, m).await?;
            if end.is_some_and(|e| today <= e) || open > 0 {
                let app = m.id;
                return Err(ApiError::conflict(
                    format!("申报 {app} 的公示尚未结束或仍有未处理的异议，不能结束本轮"),
                    format!(
                        "Application {app} is still on public notice or has an open objection: the round cannot close"
                    ),
                ));
            }
        }
        if workflow::permitted(m.state, Action::Reject, role, m.hrss_direct).is_err() {
            continue;
        }
        let ctx = GuardContext {
            reason: Some(reason.clone()),
            ..GuardContext::default()
        };
        let to = workflow::transition(m.state, Action::Reject, role, &ctx).map_err(refusal)?;
        let mv = Move::new("reject", to)
            .with(Change::LastReason(Some(reason.clone())))
            .reason(Some(reason.clone()));
        moves::apply(&w, m, mv).await?;
        summary.not_selected += 1;
    }
    w.done(
        Event::new("round.close", "round", round_id)
            .after(&summary)
            .reason(Some(reason)),
    )
    .await?;
    Ok(summary)
}
