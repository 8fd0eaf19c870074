//! 第十六条: a change of leader or host — requested by the studio's unit (checked against the
//! outgoing leader), joined by the new unit of a host change, decided by HRSS.

use super::service::must_be_in_being;
use super::store;
use super::view::change_view;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, studio_change};
use crate::error::ApiError;
use crate::state::AppState;
use crate::studios::service::visible_one;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use shared::account::Role;
use shared::life::{
    ChangeEffect, ChangeKind, ChangeStep, ChangeView, Decision, NewChange, leader_not_lower,
};
use shared::wire::FieldError;

/// 第十六条: the studio's unit requests a change of leader (checked against the outgoing leader)
/// or of host (the new unit then joins the request).
pub async fn request_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    new: NewChange,
) -> Result<ChangeView, ApiError> {
    let s = visible_one(&state.db, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    must_be_in_being(&s)?;
    if s.level != shared::Level::Regional {
        return Err(ApiError::conflict(
            "第十六条的变更适用于自治区级工作室；国家级工作室的变更按国家规定办理",
            "Changes under Art. 16 apply to regional studios; a national studio's changes follow the national rules",
        ));
    }
    let mut errors = Vec::new();
    let mut findings = Vec::new();
    if new.kind == ChangeKind::Leader
        && let Some(candidate) = &new.new_leader
    {
        let old = s
            .leader_facts
            .clone()
            .map_or_else(shared::life::minimum_leader, |f| f.0);
        errors.extend(leader_not_lower(&old, candidate));
        // 第十条（一）"一般不超过55周岁" holds for a successor too: a warning HRSS sees.
        findings.push(shared::life::successor_age(candidate, today));
    }
    if new.kind == ChangeKind::Host
        && let Some(u) = new.new_unit_id
    {
        match store::unit(&state.db, u).await? {
            Some(nu) if u != s.unit_id => {
                let old = store::unit(&state.db, s.unit_id).await?;
                match shared::life::same_system(
                    old.as_ref().and_then(|o| o.group_name.as_deref()),
                    nu.group_name.as_deref(),
                ) {
                    Ok(f) => findings.push(f),
                    Err(e) => errors.push(e),
                }
            }
            _ => errors.push(FieldError::new(
                "new_unit_id",
                "须为区内另一家单位",
                "must be another unit in the region",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let on_record: Vec<_> = store::changes(&*w, id)
        .await?
        .iter()
        .map(|c| c.state)
        .collect();
    shared::life::may_request(&on_record).map_err(|r| ApiError::Conflict(r.into()))?;
    let leader = new.kind == ChangeKind::Leader;
    let saved = store::insert_change(
        &*w,
        studio_change::ActiveModel {
            studio_id: Set(id),
            kind: Set(new.kind),
            state: Set(shared::life::first_state(new.kind)),
            event_on: Set(new.event_on),
            cause: Set(new.cause.trim().to_owned()),
            old_leader_name: Set(s.leader_name.clone()),
            new_leader_name: Set(if leader {
                new.new_leader_name.trim().to_owned()
            } else {
                s.leader_name.clone()
            }),
            new_leader: Set(new.new_leader.clone().filter(|_| leader).map(JsonText)),
            old_unit_id: Set(s.unit_id),
            new_unit_id: Set(new.new_unit_id.filter(|_| !leader)),
            mode: Set(new.mode.filter(|_| !leader)),
            filed_by: Set(actor.username.clone()),
            filed_at: Set(w.now()),
            findings: Set(Some(JsonText(findings))),
            new_leader_id_number: Set(shared::identity::IdNumber::parse(&new.new_leader_id_number)
                .ok()
                .filter(|_| leader)
                .map(String::from)),
            ..Default::default()
        },
    )
    .await?;
    let mut audited = new.clone();
    audited.new_leader_id_number = shared::identity::mask_id(&new.new_leader_id_number);
    w.done(Event::new("change.request", "studio", id).after(&audited))
        .await?;
    let calendar = state.calendar().await?;
    change_view(&state.db, &calendar, &saved, today).await
}

/// 第十六条（二）: the unit the leader moved to joins the host change (联合上报) or declines it.
pub async fn join_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    d: Decision,
) -> Result<ChangeView, ApiError> {
    let c = store::change(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let joins =
        actor.is(Role::Applicant) && actor.unit_id.is_some() && actor.unit_id == c.new_unit_id;
    if !joins {
        return Err(ApiError::NotFound);
    }
    let step = ChangeStep::NewUnitJoins { approve: d.approve };
    decide(state, actor, c, d, step).await
}

/// HRSS approves (the studio's leader or host changes) or rejects a change request.
pub async fn decide_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    d: Decision,
) -> Result<ChangeView, ApiError> {
    actor.require(&[Role::HrssAdmin])?;
    let c = store::change(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let step = ChangeStep::HrssDecides { approve: d.approve };
    decide(state, actor, c, d, step).await
}

async fn decide(
    state: &AppState,
    actor: &Actor,
    c: studio_change::Model,
    d: Decision,
    step: ChangeStep,
) -> Result<ChangeView, ApiError> {
    d.check().map_err(ApiError::Validation)?;
    let reason = d.reason.trim().to_owned();
    let w = Write::begin(state, actor).await?;
    let c = store::change(&*w, c.id).await?.ok_or(ApiError::NotFound)?;
    let current = c.state;
    let next =
        shared::life::change_transition(current, step).map_err(|r| ApiError::Conflict(r.into()))?;
    let s = store::studio(&*w, c.studio_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    must_be_in_being(&s)?;
    let mut a = c.clone().into_active_model();
    a.state = Set(next);
    if shared::life::is_decided(next) {
        a.decided_on = Set(Some(w.today()));
    }
    if !reason.is_empty() {
        a.decision_reason = Set(Some(reason.clone()));
    }
    let saved = store::update_change(&*w, a).await?;
    if next == shared::life::ChangeState::Approved {
        let mut st = s.clone().into_active_model();
        match shared::life::effect(c.kind, c.mode, c.new_unit_id) {
            ChangeEffect::NewLeader => {
                st.leader_name = Set(c.new_leader_name.clone());
                st.leader_facts = Set(c.new_leader.clone());
                // 第十八条's ban follows the leader by identity number from now on.
                st.leader_id_number = Set(c.new_leader_id_number.clone());
            }
            ChangeEffect::MoveTo { unit_id } => st.unit_id = Set(unit_id),
            ChangeEffect::StaysWithUnit => {}
        }
        store::update(&*w, st).await?;
    }
    w.done(
        Event::new("change.decide", "studio", c.studio_id)
            .before(&serde_json::json!({ "change": c.id, "state": current }))
            .after(&serde_json::json!({ "change": c.id, "state": next, "reason": reason })),
    )
    .await?;
    let calendar = state.calendar().await?;
    change_view(&state.db, &calendar, &saved, state.today()).await
}
