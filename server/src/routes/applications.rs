//! Applications (第四章): an applicant drafts and submits; the channel returns or recommends; HRSS
//! takes it on. Every move goes through `shared::workflow::transition`, under an optimistic version,
//! in one audited transaction with a snapshot of the new version.

use crate::audit::{self, Event};
use crate::auth::{ApplicantUser, CurrentUser};
use crate::entity::JsonText;
use crate::entity::{application, unit};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody, QueryParams};
use crate::repo::application::{
    self as repo, bump, check_facts, ensure_open, load_round, normalise, same_version, snapshot,
};
use crate::repo::procedure;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::Deserialize;
use shared::account::Role;
use shared::application::{
    ApplicationEdit, ApplicationView, NewApplication, TransitionRequest, unjustified_warnings,
};
use shared::channel::{Channel, channel};
use shared::wire::ErrorBody;
use shared::workflow::{self, Action, AppState as State_, GuardContext};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ApplicationFilter {
    pub round_id: Option<i32>,
}

#[utoipa::path(get, path = "/api/applications", params(ApplicationFilter),
    responses((status = 200, body = [ApplicationView]), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(f): QueryParams<ApplicationFilter>,
) -> Result<Json<Vec<ApplicationView>>, ApiError> {
    let mut out = Vec::new();
    for m in repo::list(&state.db, &user, f.round_id).await? {
        out.push(repo::view(&state.db, m, state.today()).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/applications/{id}", params(("id" = i32, Path)),
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<ApplicationView>, ApiError> {
    let m = repo::get_visible(&state.db, &user, id).await?;
    Ok(Json(repo::view(&state.db, m, state.today()).await?))
}

#[utoipa::path(post, path = "/api/applications", request_body = NewApplication,
    responses((status = 201, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApplicantUser(user): ApplicantUser,
    JsonBody(mut new): JsonBody<NewApplication>,
) -> Result<(StatusCode, Json<ApplicationView>), ApiError> {
    normalise(&mut new.facts);
    let unit_id = user
        .user
        .unit_id
        .ok_or(ApiError::Forbidden("账号未绑定申报单位".into()))?;
    let unit = unit::Entity::find_by_id(unit_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = load_round(&state.db, new.round_id).await?;
    ensure_open(&state, &round)?;
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
    let now = state.now();
    let txn = state.begin_audited().await?;
    // 第四章: one application per unit per round (a withdrawn one no longer counts). Checked in
    // the transaction; the unique index catches a race.
    if let Some(existing) = repo::of_unit_in_round(&*txn, unit_id, new.round_id).await? {
        return Err(one_per_round(existing.id));
    }
    let created = application::ActiveModel {
        round_id: Set(new.round_id),
        unit_id: Set(unit_id),
        level: Set(new.facts.level),
        state: Set(State_::Draft),
        facts: Set(JsonText(new.facts.clone())),
        justifications: Set(JsonText(new.justifications.clone())),
        profile: Set(JsonText(new.profile.clone())),
        channel_org_id: Set(unit.channel_org_id),
        hrss_direct: Set(ch == Channel::HrssDirect),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await
    .map_err(|e| match e {
        sea_orm::DbErr::Exec(_) | sea_orm::DbErr::Query(_) => one_per_round(0),
        other => ApiError::Database(other),
    })?;
    snapshot(&*txn, &created, &user.user.username, now, None).await?;
    audit::append(
        &*txn,
        now,
        &user.actor(),
        Event::new("application.create", "application", created.id).after(&new.facts),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(repo::view(&state.db, created, state.today()).await?),
    ))
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

#[utoipa::path(put, path = "/api/applications/{id}", params(("id" = i32, Path)), request_body = ApplicationEdit,
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(mut edit): JsonBody<ApplicationEdit>,
) -> Result<Json<ApplicationView>, ApiError> {
    normalise(&mut edit.facts);
    let m = repo::get_visible(&state.db, &user, id).await?;
    user.require(&[Role::Applicant])?;
    same_version(edit.version, &m)?;
    let current: State_ = m.state;
    if !matches!(current, State_::Draft | State_::Returned) {
        return Err(ApiError::Conflict(format!(
            "“{}”状态的申报不能修改",
            current.label_zh()
        )));
    }
    let unit = unit::Entity::find_by_id(m.unit_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = load_round(&state.db, m.round_id).await?;
    // Never submitted: today, the preview; returned: the first submission's day stays.
    edit.facts.application_date = repo::evaluated_facts(&m, state.today())?.0.application_date;
    edit.profile.keep_stored_id(&repo::profile(&m)?);
    check_facts(&edit.facts, &edit.justifications, &edit.profile, unit.kind)?;
    if current == State_::Draft {
        ensure_open(&state, &round)?;
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    bump(
        &*txn,
        id,
        m.version,
        vec![
            (
                application::Column::Facts,
                Expr::value(JsonText(edit.facts.clone())),
            ),
            (
                application::Column::Justifications,
                Expr::value(JsonText(edit.justifications.clone())),
            ),
            (
                application::Column::Profile,
                Expr::value(JsonText(edit.profile.clone())),
            ),
            (application::Column::Level, Expr::value(edit.facts.level)),
            (application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    let updated = application::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    snapshot(&*txn, &updated, &user.user.username, now, None).await?;
    let event = Event::new("application.update", "application", id)
        .before(&m.facts.0)
        .after(&edit.facts);
    audit::append(&*txn, now, &user.actor(), event).await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, updated, state.today()).await?))
}

#[utoipa::path(post, path = "/api/applications/{id}/transition", params(("id" = i32, Path)), request_body = TransitionRequest,
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transition(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<TransitionRequest>,
) -> Result<Json<ApplicationView>, ApiError> {
    let m = repo::get_visible(&state.db, &user, id).await?;
    let from: State_ = m.state;
    // The role decides first: a move the caller may never make is 403 whatever its fields.
    let refusal = crate::routes::procedure::refusal;
    workflow::permitted(from, req.action, user.role, m.hrss_direct).map_err(refusal)?;
    same_version(req.version, &m)?;
    // A first submission is evaluated on its day, which becomes the application's date.
    let (facts, justifications, _) = repo::evaluated_facts(&m, state.today())?;
    let report = repo::authoritative_report(&state.db, &m, &facts).await?;
    // Fields the action needs are named like any other invalid input.
    let mut missing = shared::workflow::required_fields(&req, m.hrss_direct);
    let reason = req
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if req.action == Action::Submit {
        missing.extend(repo::profile(&m)?.missing_for_submit());
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    if matches!(req.action, Action::SelectForInspection | Action::Propose) {
        return Err(ApiError::Conflict(
            "实地考察名单和公示名单须整批确定（差额、公示期），请在评审看板上操作".into(),
        ));
    }
    if req.action == Action::Submit && from == State_::Draft {
        ensure_open(&state, &load_round(&state.db, m.round_id).await?)?;
    }
    let (notice_end, open_objections) = if req.action == Action::Approve {
        procedure::notice_status(&state.db, &m).await?
    } else {
        (None, 0)
    };
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
    let to = workflow::transition(from, req.action, user.role, &ctx).map_err(refusal)?;

    let now = state.now();
    let mut set = Vec::new();
    match req.action {
        Action::Submit if m.submitted_at.is_none() => {
            set.push((application::Column::SubmittedAt, Expr::value(now)));
            set.push((
                application::Column::Facts,
                Expr::value(JsonText(facts.clone())),
            ));
        }
        Action::Submit => set.push((application::Column::SubmittedAt, Expr::value(now))),
        Action::ReturnForCorrection | Action::Reject => {
            set.push((application::Column::LastReason, Expr::value(reason.clone())))
        }
        Action::Recommend => {
            set.push((
                application::Column::Rank,
                Expr::value(req.rank.and_then(|r| i32::try_from(r).ok())),
            ));
            set.push((
                application::Column::PartyMeetingDate,
                Expr::value(req.party_meeting_date),
            ));
        }
        _ => {}
    }
    let txn = state.begin_audited().await?;
    if req.action == Action::Approve {
        let studio = procedure::create_studio(&*txn, &user, &m, state.today(), now).await?;
        set.push((application::Column::StudioId, Expr::value(studio)));
    }
    let updated = repo::record_move(
        &*txn,
        &user,
        &m,
        &shared::wire::enum_name(&req.action),
        to,
        set,
        reason,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, updated, state.today()).await?))
}
