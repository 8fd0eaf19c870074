//! Applications (第四章): an applicant drafts and submits; the channel returns or recommends; HRSS
//! takes it on. Every move goes through `shared::workflow::transition`, under an optimistic version,
//! in one audited write with a snapshot of the new version.

use super::moves::{self, Change, Move, refusal, same_version};
use super::store;
use super::view::{self, evaluated_facts, profile};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, application, round};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::application::{
    ApplicationEdit, ApplicationView, Justifications, NewApplication, NewRound, StudioProfile,
    TransitionRequest, check_justifications, unjustified_warnings,
};
use shared::channel::{Channel, channel};
use shared::eligibility::{EligibilityInput, UnitKind};
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

/// New applications are drafted and first submitted only while the round accepts them; an
/// application returned for correction may be fixed and resubmitted afterwards (初审 follows the call).
fn ensure_open(today: chrono::NaiveDate, r: &round::Model) -> Result<(), ApiError> {
    if NewRound::is_open(r.opens_on, r.closes_on, today) {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "{} 年度申报的受理期为 {} 至 {}，当前不在受理期内",
            r.year, r.opens_on, r.closes_on
        )))
    }
}

/// A regional application carries no national category (第十二条 applies to national ones only).
fn normalise(facts: &mut EligibilityInput) {
    if facts.level == shared::Level::Regional {
        facts.national_category = None;
    }
}

/// Field errors of the facts, named under `facts.` as the request body nests them.
fn check_facts(
    facts: &EligibilityInput,
    justifications: &Justifications,
    profile: &StudioProfile,
    registered: UnitKind,
) -> Result<(), ApiError> {
    let mut errors: Vec<FieldError> = facts
        .check()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| FieldError {
            field: format!("facts.{}", e.field),
            ..e
        })
        .collect();
    if facts.unit.kind != registered {
        errors.push(FieldError::new(
            "facts.unit.kind",
            format!("与登记的单位类型（{}）不符", registered.label_zh()),
            format!(
                "does not match the registered kind of unit ({})",
                registered.label_en()
            ),
        ));
    }
    errors.extend(
        check_justifications(justifications)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(profile.check().err().unwrap_or_default());
    errors.extend(profile.check_birth_date(facts.leader.birth_date).err());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn one_per_round(existing: i32) -> ApiError {
    let which = if existing > 0 {
        format!("（编号 {existing}）")
    } else {
        String::new()
    };
    ApiError::Conflict(format!(
        "本单位在本轮已有一份申报{which}：每个单位每轮只能申报一个工作室，请继续编辑该申报或先撤回"
    ))
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    mut new: NewApplication,
) -> Result<ApplicationView, ApiError> {
    actor.require(&[Role::Applicant])?;
    normalise(&mut new.facts);
    let unit_id = actor
        .unit_id
        .ok_or(ApiError::Forbidden("账号未绑定申报单位".into()))?;
    let unit = store::unit(&state.db, unit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = round(&state.db, new.round_id).await?;
    ensure_open(state.today(), &round)?;
    // The date the rules count on is the server's, never one typed (第十条（一）, 第十八条).
    new.facts.application_date = shared::application::evaluation_day(None, state.today());
    check_facts(&new.facts, &new.justifications, &new.profile, unit.kind)?;
    let ch = channel(unit.affiliation, unit.city);
    if ch != Channel::HrssDirect && unit.channel_org_id.is_none() {
        return Err(ApiError::Conflict(format!(
            "本单位的推荐渠道（{}）尚未登记，请联系自治区人社厅",
            ch.label_zh()
        )));
    }
    let w = Write::begin(state, actor).await?;
    // 第四章: one application per unit per round (a withdrawn one no longer counts). Checked in
    // the write; the unique index catches a race.
    if let Some(existing) = store::of_unit_in_round(&*w, unit_id, new.round_id).await? {
        return Err(one_per_round(existing.id));
    }
    let row = application::ActiveModel {
        round_id: Set(new.round_id),
        unit_id: Set(unit_id),
        level: Set(new.facts.level),
        state: Set(Stage::Draft),
        facts: Set(JsonText(new.facts.clone())),
        justifications: Set(JsonText(new.justifications.clone())),
        profile: Set(JsonText(new.profile.clone())),
        channel_org_id: Set(unit.channel_org_id),
        hrss_direct: Set(ch == Channel::HrssDirect),
        version: Set(1),
        created_at: Set(w.now()),
        updated_at: Set(w.now()),
        ..Default::default()
    };
    let created = store::insert(&*w, row).await.map_err(|e| match e {
        sea_orm::DbErr::Exec(_) | sea_orm::DbErr::Query(_) => one_per_round(0),
        other => ApiError::Database(other),
    })?;
    store::snapshot(&*w, &created, &actor.username, w.now(), None).await?;
    w.done(Event::new("application.create", "application", created.id).after(&new.facts))
        .await?;
    view::view(&state.db, created, state.today()).await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: i32,
    mut edit: ApplicationEdit,
) -> Result<ApplicationView, ApiError> {
    normalise(&mut edit.facts);
    let m = visible_one(&state.db, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    same_version(edit.version, &m)?;
    if !matches!(m.state, Stage::Draft | Stage::Returned) {
        return Err(ApiError::Conflict(format!(
            "“{}”状态的申报不能修改",
            m.state.label_zh()
        )));
    }
    let unit = store::unit(&state.db, m.unit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = round(&state.db, m.round_id).await?;
    // Never submitted: today, the preview; returned: the first submission's day stays.
    edit.facts.application_date = evaluated_facts(&m, state.today()).0.application_date;
    edit.profile.keep_stored_id(&profile(&m));
    check_facts(&edit.facts, &edit.justifications, &edit.profile, unit.kind)?;
    if m.state == Stage::Draft {
        ensure_open(state.today(), &round)?;
    }
    let w = Write::begin(state, actor).await?;
    let changes = vec![
        Change::Facts(edit.facts.clone()),
        Change::Justifications(edit.justifications.clone()),
        Change::Profile(edit.profile.clone()),
        Change::Level(edit.facts.level),
    ];
    let updated = moves::write(&w, &m, changes, None).await?;
    w.done(
        Event::new("application.update", "application", id)
            .before(&m.facts.0)
            .after(&edit.facts),
    )
    .await?;
    view::view(&state.db, updated, state.today()).await
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
        return Err(ApiError::Conflict(
            "实地考察名单和公示名单须整批确定（差额、公示期），请在评审看板上操作".into(),
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
