//! 第十一条（五）: the proposed list, within each level's slots, published as a notice of five working
//! days.

use super::store;
use crate::actor::Actor;
use crate::applications::moves::{self, Change, Move, refusal};
use crate::applications::service::listed;
use crate::audit::Event;
use crate::entity::{notice, round};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::Level;
use shared::procedure::{NewNotice, NoticeView, check_proposals};
use shared::wire::FieldError;
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

fn slots(r: &round::Model, level: Level) -> i32 {
    match level {
        Level::Regional => r.regional_slots,
        Level::National => r.national_slots,
    }
}

/// 第十一条（五）: the proposed list goes on public notice for 5 working days from `starts_on`.
pub async fn publish_notice(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    req: NewNotice,
) -> Result<NoticeView, ApiError> {
    let r = store::round(&state.db, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = state.today();
    let mut errors = Vec::new();
    if req.starts_on < today {
        errors.push(FieldError::new(
            "starts_on",
            "公示开始日期不能早于今天",
            "the notice cannot start in the past",
        ));
    }
    if req.applications.is_empty() {
        errors.push(FieldError::new(
            "applications",
            "公示名单不能为空",
            "the list is empty",
        ));
    }
    let calendar = state.calendar().await?;
    let ends_on = match shared::deadlines::notice_end(&calendar, req.starts_on) {
        Ok(d) => d,
        Err(e) => {
            errors.push(e.field_error("starts_on"));
            req.starts_on
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let apps = listed(
        &state.db,
        actor,
        round_id,
        &req.applications,
        "applications",
    )
    .await?;
    // The proposed list fills at most min(slots, inspected − 1) per level (第十一条（四）（五）),
    // counting those already proposed or approved in this round.
    let round_apps = crate::applications::service::of_round(&state.db, round_id).await?;
    let mut over_slots = None;
    for level in [Level::Regional, Level::National] {
        let of_level = |m: &&crate::entity::application::Model| m.level == level;
        let already = round_apps
            .iter()
            .filter(of_level)
            .filter(|m| m.state == Stage::Proposed || m.state == Stage::Approved)
            .count();
        let inspected = round_apps
            .iter()
            .filter(of_level)
            .filter(|m| m.inspection_list_id.is_some())
            .count();
        let adding = apps.iter().filter(of_level).count();
        if let Err(e) = check_proposals(level, slots(&r, level), inspected, already, adding) {
            over_slots = Some(ApiError::Validation(vec![e]));
        }
    }
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    let w = Write::begin(state, actor).await?;
    let saved = store::insert_notice(
        &*w,
        notice::ActiveModel {
            round_id: Set(round_id),
            starts_on: Set(req.starts_on),
            ends_on: Set(ends_on),
            published_by: Set(actor.username.clone()),
            published_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    for m in &apps {
        let ctx = GuardContext {
            today: Some(today),
            inspection_passed: m.inspection_passed,
            ..GuardContext::default()
        };
        let to = workflow::transition(m.state, Action::Propose, role, &ctx).map_err(refusal)?;
        let mv = Move::new("propose", to)
            .with(Change::NoticeId(saved.id))
            .reason(Some(format!("公示 {} 至 {}", req.starts_on, ends_on)));
        moves::apply(&w, m, mv).await?;
    }
    // Each candidate's own refusal first (it names the problem); then the slots. Returning drops
    // the write: nothing is written.
    if let Some(e) = over_slots {
        return Err(e);
    }
    w.done(
        Event::new("notice.publish", "notice", saved.id).after(&serde_json::json!({
            "round": r.year, "starts_on": req.starts_on, "ends_on": ends_on,
            "applications": req.applications,
        })),
    )
    .await?;
    super::notices::view(&state.db, saved, today).await
}
