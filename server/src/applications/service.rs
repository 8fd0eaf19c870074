//! Applications (第四章): an applicant drafts and submits; the channel returns or recommends; HRSS
//! takes it on. Every move goes through `shared::workflow::transition`, under an optimistic version,
//! in one audited write with a snapshot of the new version.

use super::moves::{self, Change, Move, refusal, same_version};
use super::store;
use super::view::{self, evaluated_facts, profile};
use crate::actor::Actor;
use crate::entity::{application, round};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ConnectionTrait;
use shared::application::{ApplicationView, TransitionRequest, unjustified_warnings};
use shared::procedure::HistoryEntry;
use shared::wire::FieldError;
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

/// The applications the actor may see, as a query others narrow further (the board).
pub fn scope(actor: &Actor) -> sea_orm::Select<application::Entity> {
    store::visible(actor)
}

/// One application the actor may see; otherwise 404 (logged), as if it did not exist.
pub async fn visible_one<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<application::Model, ApiError> {
    match store::visible_by_id(db, actor, id).await? {
        Some(m) => Ok(m),
        None => {
            tracing::warn!(user = %actor.username, application = id, "application not found or outside the caller's scope");
            Err(ApiError::NotFound)
        }
    }
}

/// Of `ids` (as the request named them under `field`), the applications of `round_id` the actor
/// may handle, in that order; or 422 naming each missing one.
pub async fn listed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    round_id: i32,
    ids: &[i32],
    field: &str,
) -> Result<Vec<application::Model>, ApiError> {
    let found = store::visible_in_round(db, actor, round_id, ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    let mut missing = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match found.iter().find(|m| m.id == *id) {
            Some(m) => out.push(m.clone()),
            None => missing.push(FieldError::new(
                format!("{field}[{i}]"),
                format!("申报 {id} 不在本轮，或您无权处理"),
                format!("application {id} is not in this round or not yours to handle"),
            )),
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(ApiError::Validation(missing))
    }
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    round_id: Option<i32>,
) -> Result<Vec<ApplicationView>, ApiError> {
    let rows = store::list_visible(&state.db, actor, round_id).await?;
    view::views(&state.db, rows, state.today()).await
}

pub async fn get(state: &AppState, actor: &Actor, id: i32) -> Result<ApplicationView, ApiError> {
    let m = visible_one(&state.db, actor, id).await?;
    view::view(&state.db, m, state.today()).await
}

pub async fn round<C: ConnectionTrait>(db: &C, round_id: i32) -> Result<round::Model, ApiError> {
    store::round(db, round_id).await?.ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new(
            "round_id",
            "申报轮次不存在",
            "no such round",
        )])
    })
}

pub async fn transition(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: TransitionRequest,
) -> Result<ApplicationView, ApiError> {
    let m = visible_one(&state.db, actor, id).await?;
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    // The role decides first: a move the caller may never make is 403 whatever its fields.
    workflow::permitted(m.state, req.action, role, m.hrss_direct).map_err(refusal)?;
    same_version(req.version, &m)?;
    // A first submission is evaluated on its day, which becomes the application's date.
    let (facts, justifications, _) = evaluated_facts(&m, state.today());
    let (report, _) = view::verdict(&state.db, &m, &facts).await?;
    // Fields the action needs are named like any other invalid input.
    let mut missing = workflow::required_fields(&req, m.hrss_direct);
    if req.action == Action::Submit {
        missing.extend(profile(&m).missing_for_submit());
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    if matches!(req.action, Action::SelectForInspection | Action::Propose) {
        return Err(ApiError::conflict(
            "实地考察名单和公示名单须整批确定（差额、公示期），请在评审看板上操作",
            "The inspection list and the notice list are decided as a whole (margin, notice period): use the selection board",
        ));
    }
    if req.action == Action::Submit && m.state == Stage::Draft {
        ensure_open(state.today(), &round(&state.db, m.round_id).await?)?;
    }
    let (notice_end, open_objections) = if req.action == Action::Approve {
        store::notice_status(&state.db, &m).await?
    } else {
        (None, 0)
    };
    let reason = req
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let ctx = GuardContext {
        notice_end,
        open_objections,
        today: Some(state.today()),
        hrss_direct: m.hrss_direct,
        eligibility: Some(report.verdict),
        unjustified_warnings: unjustified_warnings(&report, &justifications).len(),
        reason: reason.clone(),
        rank: req.rank,
        party_meeting_date: req.party_meeting_date,
        ..GuardContext::default()
    };
    let to = workflow::transition(m.state, req.action, role, &ctx).map_err(refusal)?;
    let w = Write::begin(state, actor).await?;
    let mut mv = Move::new(shared::wire::enum_name(&req.action), to).reason(reason.clone());
    match req.action {
        Action::Submit if m.submitted_at.is_none() => {
            mv = mv
                .with(Change::SubmittedAt(w.now()))
                .with(Change::Facts(facts.clone()));
        }
        Action::Submit => mv = mv.with(Change::SubmittedAt(w.now())),
        Action::ReturnForCorrection | Action::Reject => mv = mv.with(Change::LastReason(reason)),
        Action::Recommend => {
            mv = mv
                .with(Change::Rank(req.rank.and_then(|r| i32::try_from(r).ok())))
                .with(Change::PartyMeetingDate(req.party_meeting_date));
        }
        Action::Approve => {
            let studio = crate::life::service::create_studio(&w, &m).await?;
            mv = mv.with(Change::StudioId(studio));
        }
        _ => {}
    }
    let updated = moves::apply(&w, &m, mv).await?;
    w.commit().await?;
    view::view(&state.db, updated, state.today()).await
}

/// The timeline: every version, who made it, the reason and what changed.
pub async fn history(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<Vec<HistoryEntry>, ApiError> {
    visible_one(&state.db, actor, id).await?;
    let versions = store::versions(&state.db, id).await?;
    let steps: Vec<shared::procedure::Version> = versions
        .into_iter()
        .map(|v| shared::procedure::Version {
            version: v.version,
            state: v.state,
            at: v.at,
            actor: v.actor,
            note: v.note,
            content: serde_json::json!({
                "facts": v.facts.0,
                "justifications": v.justifications.0,
                "profile": v.profile.0,
            }),
        })
        .collect();
    Ok(shared::procedure::timeline(&steps))
}

/// Whether a panel scores the application (its defense score is then the panel's to record).
pub async fn on_a_panel<C: ConnectionTrait>(db: &C, id: i32) -> Result<bool, ApiError> {
    Ok(store::on_a_panel(db, id).await?)
}

/// The applications of a round's level in defense review: the pool the 差额 list is drawn from.
pub async fn defended_pool<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
    level: shared::Level,
) -> Result<Vec<application::Model>, ApiError> {
    Ok(store::of_round(db, round_id, Some((level, Stage::DefenseReview))).await?)
}

/// Every application of a round.
pub async fn of_round<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
) -> Result<Vec<application::Model>, ApiError> {
    Ok(store::of_round(db, round_id, None).await?)
}

/// The applications of a round the actor may see.
pub async fn visible_in_round<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    round_id: i32,
) -> Result<Vec<application::Model>, ApiError> {
    Ok(store::list_visible(db, actor, Some(round_id)).await?)
}

/// The last day of the application's notice, and the objections still open against it.
pub async fn notice_status<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
) -> Result<(Option<chrono::NaiveDate>, usize), ApiError> {
    Ok(store::notice_status(db, m).await?)
}

/// New applications are drafted and first submitted only while the round accepts them; an
/// application returned for correction may be fixed and resubmitted afterwards (初审 follows the call).
pub fn ensure_open(today: chrono::NaiveDate, r: &round::Model) -> Result<(), ApiError> {
    if shared::application::NewRound::is_open(r.opens_on, r.closes_on, today) {
        Ok(())
    } else {
        let (year, opens, closes) = (r.year, r.opens_on, r.closes_on);
        Err(ApiError::conflict(
            format!("{year} 年度申报的受理期为 {opens} 至 {closes}，当前不在受理期内"),
            format!(
                "Applications for {year} are accepted from {opens} to {closes}; this is outside that period"
            ),
        ))
    }
}
