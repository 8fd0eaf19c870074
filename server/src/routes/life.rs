//! 第六章 after approval: annual reports, changes of leader or host, exits and the ban's
//! exceptions, and each role's notification digest. Assessments are recorded when an assessment
//! panel closes (see `panels::close`).

use crate::auth::{AdminUser, CurrentUser};
use crate::entity::JsonText;
use crate::entity::{
    annual_report, ban_override, panel, panel_member, score_sheet, studio, studio_change,
    studio_exit, unit,
};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody};
use crate::repo::life as repo;
use crate::routes::ledger::visible_studio;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Datelike;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::account::Role;
use shared::life::{
    AnnualReportInput, AnnualReportView, BanOverride, ChangeEffect, ChangeKind, ChangeState,
    ChangeStep, ChangeView, Decision, Digest, NewBanOverride, NewChange, NewExit, ReminderItem,
    ReminderKind, StudioLife, StudioStatus, leader_not_lower, report_years,
};
use shared::wire::{ErrorBody, FieldError};

#[utoipa::path(get, path = "/api/studios/{id}/life", params(("id" = i32, Path)),
    responses((status = 200, body = StudioLife), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// A studio's reports, assessments (with every item's explanation), changes, exit and what is due.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<StudioLife>, ApiError> {
    let s = visible_studio(&state, &user, id).await?;
    Ok(Json(repo::life(&state.db, &s, state.today()).await?))
}

fn must_be_in_being(s: &studio::Model) -> Result<StudioStatus, ApiError> {
    let st = repo::status(s)?;
    if matches!(st, StudioStatus::Revoked | StudioStatus::Exited) {
        return Err(ApiError::Conflict(format!(
            "工作室{}，不能再办理此事项",
            st.label_zh()
        )));
    }
    Ok(st)
}

#[utoipa::path(put, path = "/api/studios/{id}/reports", params(("id" = i32, Path)), request_body = AnnualReportInput,
    responses((status = 200, body = AnnualReportView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十五条: the studio's unit saves its annual summary, plan and figures as a draft, or files
/// them (`submit`). A filed report is final.
pub async fn save_report(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(input): JsonBody<AnnualReportInput>,
) -> Result<Json<AnnualReportView>, ApiError> {
    let s = visible_studio(&state, &user, id).await?;
    user.require(&[Role::Applicant])?;
    let today = state.today();
    let mut errors = Vec::new();
    if !report_years(s.term_start, s.term_end).contains(&input.year) || input.year > today.year() {
        errors.push(FieldError::new(
            "year",
            format!(
                "须为建设期内且不晚于今年的年份（{}–{}）",
                s.term_start.year(),
                s.term_end.year().min(today.year())
            ),
            "must be a year of the construction period, not after this year",
        ));
    }
    if let Err(list) = input.check() {
        errors.extend(list);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let st = must_be_in_being(&s)?;
    if st == StudioStatus::Completed {
        return Err(ApiError::Conflict(
            "工作室已通过期满考核，无须再报年度总结".into(),
        ));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let existing = annual_report::Entity::find()
        .filter(annual_report::Column::StudioId.eq(id))
        .filter(annual_report::Column::Year.eq(input.year))
        .one(&*txn)
        .await?;
    if existing.as_ref().is_some_and(|r| r.filed_on.is_some()) {
        return Err(ApiError::Conflict(format!(
            "{} 年的年度总结已报送，不能再修改",
            input.year
        )));
    }
    let filed_on = input.submit.then_some(today);
    let mut a = match existing {
        Some(m) => m.into(),
        None => annual_report::ActiveModel {
            studio_id: Set(id),
            year: Set(input.year),
            ..Default::default()
        },
    };
    a.figures = Set(JsonText(input.figures.clone()));
    a.summary = Set(input.summary.trim().to_owned());
    a.plan = Set(input.plan.trim().to_owned());
    a.filed_on = Set(filed_on);
    a.updated_by = Set(user.user.username.clone());
    a.updated_at = Set(now);
    let saved = a.save(&*txn).await?;
    let saved: annual_report::Model = saved
        .try_into()
        .map_err(|e: sea_orm::DbErr| ApiError::Internal(e.to_string()))?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new(
            if input.submit { "report.file" } else { "report.save" },
            "studio",
            id,
        )
        .after(&serde_json::json!({ "year": input.year, "filed_on": filed_on, "figures": input.figures })),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::report_view(&saved, today)?))
}

#[utoipa::path(post, path = "/api/studios/{id}/changes", params(("id" = i32, Path)), request_body = NewChange,
    responses((status = 201, body = ChangeView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十六条: the studio's unit requests a change of leader (checked against the outgoing leader)
/// or of host (the new unit then joins the request).
pub async fn request_change(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(new): JsonBody<NewChange>,
) -> Result<(StatusCode, Json<ChangeView>), ApiError> {
    let s = visible_studio(&state, &user, id).await?;
    user.require(&[Role::Applicant])?;
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    must_be_in_being(&s)?;
    if s.level != shared::Level::Regional {
        return Err(ApiError::Conflict(
            "第十六条的变更适用于自治区级工作室；国家级工作室的变更按国家规定办理".into(),
        ));
    }
    let mut errors = Vec::new();
    let mut findings = Vec::new();
    if new.kind == ChangeKind::Leader
        && let Some(candidate) = &new.new_leader
    {
        match repo::leader_facts(&s)? {
            Some(old) => errors.extend(leader_not_lower(&old, candidate)),
            None => errors.extend(leader_not_lower(&shared::life::minimum_leader(), candidate)),
        }
        // 第十条（一）"一般不超过55周岁" holds for a successor too: a warning HRSS sees.
        findings.push(shared::life::successor_age(candidate, today));
    }
    if new.kind == ChangeKind::Host
        && let Some(u) = new.new_unit_id
    {
        let found = unit::Entity::find_by_id(u).one(&state.db).await?;
        match found {
            Some(nu) if u != s.unit_id => {
                let old = unit::Entity::find_by_id(s.unit_id).one(&state.db).await?;
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
    let now = state.now();
    let txn = state.begin_audited().await?;
    let on_record = repo::changes(&*txn, id)
        .await?
        .iter()
        .map(|c| c.state)
        .collect::<Vec<_>>();
    shared::life::may_request(&on_record).map_err(|r| ApiError::Conflict(r.zh))?;
    let leader = new.kind == ChangeKind::Leader;
    let saved = studio_change::ActiveModel {
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
        filed_by: Set(user.user.username.clone()),
        filed_at: Set(now),
        findings: Set(Some(JsonText(findings.clone()))),
        new_leader_id_number: Set(shared::identity::IdNumber::parse(&new.new_leader_id_number)
            .ok()
            .filter(|_| leader)
            .map(String::from)),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let mut audited = new.clone();
    audited.new_leader_id_number = shared::identity::mask_id(&new.new_leader_id_number);
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("change.request", "studio", id).after(&audited),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(repo::change_view(&state.db, &calendar(&state).await?, &saved, today).await?),
    ))
}

async fn load_change(state: &AppState, id: i32) -> Result<studio_change::Model, ApiError> {
    studio_change::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(post, path = "/api/changes/{id}/join", params(("id" = i32, Path)), request_body = Decision,
    responses((status = 200, body = ChangeView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十六条（二）: the unit the leader moved to joins the host change (联合上报) or declines it.
pub async fn join_change(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(d): JsonBody<Decision>,
) -> Result<Json<ChangeView>, ApiError> {
    let c = load_change(&state, id).await?;
    if !(user.role == Role::Applicant
        && user.user.unit_id.is_some()
        && user.user.unit_id == c.new_unit_id)
    {
        return Err(ApiError::NotFound);
    }
    let step = ChangeStep::NewUnitJoins { approve: d.approve };
    decide_change(&state, &user, c, d, step).await
}

#[utoipa::path(post, path = "/api/changes/{id}/decide", params(("id" = i32, Path)), request_body = Decision,
    responses((status = 200, body = ChangeView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS approves (the studio's leader or host changes) or rejects a change request.
pub async fn decide(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(d): JsonBody<Decision>,
) -> Result<Json<ChangeView>, ApiError> {
    let c = load_change(&state, id).await?;
    let step = ChangeStep::HrssDecides { approve: d.approve };
    decide_change(&state, &user, c, d, step).await
}

async fn decide_change(
    state: &AppState,
    user: &CurrentUser,
    c: studio_change::Model,
    d: Decision,
    step: ChangeStep,
) -> Result<Json<ChangeView>, ApiError> {
    d.check().map_err(ApiError::Validation)?;
    let reason = d.reason.trim().to_owned();
    let today = state.today();
    let now = state.now();
    let txn = state.begin_audited().await?;
    let c = studio_change::Entity::find_by_id(c.id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let current: ChangeState = c.state;
    let next =
        shared::life::change_transition(current, step).map_err(|r| ApiError::Conflict(r.zh))?;
    let s = studio::Entity::find_by_id(c.studio_id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    must_be_in_being(&s)?;
    let mut a: studio_change::ActiveModel = c.clone().into();
    a.state = Set(next);
    if shared::life::is_decided(next) {
        a.decided_on = Set(Some(today));
    }
    if !reason.is_empty() {
        a.decision_reason = Set(Some(reason.clone()));
    }
    let saved = a.update(&*txn).await?;
    if next == ChangeState::Approved {
        let mut st: studio::ActiveModel = s.clone().into();
        let mode = c.mode;
        match shared::life::effect(repo::kind_of(&c)?, mode, c.new_unit_id) {
            ChangeEffect::NewLeader => {
                st.leader_name = Set(c.new_leader_name.clone());
                st.leader_facts = Set(c.new_leader.clone());
                // 第十八条's ban follows the leader by identity number from now on.
                st.leader_id_number = Set(c.new_leader_id_number.clone());
            }
            ChangeEffect::MoveTo { unit_id } => st.unit_id = Set(unit_id),
            ChangeEffect::StaysWithUnit => {}
        }
        st.update(&*txn).await?;
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("change.decide", "studio", c.studio_id)
            .before(&serde_json::json!({ "change": c.id, "state": current }))
            .after(&serde_json::json!({ "change": c.id, "state": next, "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(
        repo::change_view(&state.db, &calendar(state).await?, &saved, today).await?,
    ))
}

#[utoipa::path(post, path = "/api/studios/{id}/exit", params(("id" = i32, Path)), request_body = NewExit,
    responses((status = 201, body = StudioLife), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十八条: HRSS decides an exit. Unused funds (disbursed − used − returned) become a return due,
/// and the unit and the leader are barred from applying for 3 years.
pub async fn exit(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(new): JsonBody<NewExit>,
) -> Result<(StatusCode, Json<StudioLife>), ApiError> {
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let s = studio::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let before = repo::status(&s)?;
    if before == StudioStatus::Exited {
        return Err(ApiError::Conflict("工作室已退出".into()));
    }
    if new.decided_on < s.approved_on {
        return Err(ApiError::Validation(vec![FieldError::new(
            "decided_on",
            "决定日期不能早于工作室命名日期",
            "the decision cannot precede the studio's approval",
        )]));
    }
    let held = crate::routes::ledger::balance_of(&*txn, &s).await?.held();
    let leader_birth = repo::leader_facts(&s)?.map(|l| l.birth_date);
    studio_exit::ActiveModel {
        studio_id: Set(id),
        unit_id: Set(s.unit_id),
        leader_name: Set(s.leader_name.clone()),
        leader_birth_date: Set(leader_birth),
        leader_id_number: Set(s.leader_id_number.clone()),
        exit_case: Set(new.case),
        evidence: Set(new.evidence.trim().to_owned()),
        investigation: Set(new.investigation.trim().to_owned()),
        decided_on: Set(new.decided_on),
        ban_until: Set(new.ban_until()),
        return_due_fen: Set(held.fen().max(0)),
        decided_by: Set(user.user.username.clone()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let mut a: studio::ActiveModel = s.clone().into();
    a.status = Set(StudioStatus::Exited);
    let s = a.update(&*txn).await?;
    let (entitled_before, entitled_after) = repo::lapse_entitlement(&*txn, &s).await?;
    let s = studio::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    // Changes still open end with the studio.
    for c in repo::changes(&*txn, id).await? {
        let current: ChangeState = c.state;
        if let Ok(lapsed) = shared::life::change_transition(current, ChangeStep::StudioExits) {
            let mut ch: studio_change::ActiveModel = c.into();
            ch.state = Set(lapsed);
            ch.decided_on = Set(Some(today));
            ch.decision_reason = Set(Some(format!(
                "工作室已于 {} 退出（{}），变更申请终止",
                new.decided_on,
                new.case.article()
            )));
            ch.update(&*txn).await?;
        }
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("studio.exit", "studio", id)
            .before(&serde_json::json!({ "status": before }))
            .after(&serde_json::json!({
                "status": StudioStatus::Exited,
                "case": new.case,
                "article": new.case.article(),
                "decided_on": new.decided_on,
                "ban_until": new.ban_until(),
                "return_due_fen": held.fen().max(0),
                "entitlement_fen": { "before": entitled_before, "after": entitled_after },
            })),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(repo::life(&state.db, &s, today).await?),
    ))
}

async fn calendar(state: &AppState) -> Result<shared::calendar::HolidayCalendar, ApiError> {
    Ok(crate::db::calendar(&state.db).await?)
}

async fn override_view(state: &AppState, m: ban_override::Model) -> Result<BanOverride, ApiError> {
    let unit_name = unit::Entity::find_by_id(m.unit_id)
        .one(&state.db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let exit = match m.exit_id {
        Some(id) => studio_exit::Entity::find_by_id(id).one(&state.db).await?,
        None => None,
    };
    let studio_name = match &exit {
        Some(e) => studio::Entity::find_by_id(e.studio_id)
            .one(&state.db)
            .await?
            .map(|s| s.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let round_year = match m.round_id {
        Some(id) => crate::entity::round::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .map(|r| r.year),
        None => None,
    };
    Ok(BanOverride {
        id: m.id,
        exit_id: m.exit_id,
        round_id: m.round_id,
        round_year,
        subject: m.subject,
        unit_id: m.unit_id,
        unit_name,
        studio_name,
        reason: m.reason,
        granted_by: m.granted_by,
        granted_at: m.granted_at,
    })
}

#[utoipa::path(get, path = "/api/admin/ban-overrides",
    responses((status = 200, body = Vec<BanOverride>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// HRSS exceptions to 第十八条's ban, newest first.
pub async fn list_overrides(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<Vec<BanOverride>>, ApiError> {
    let mut out = Vec::new();
    for m in ban_override::Entity::find()
        .order_by_desc(ban_override::Column::Id)
        .all(&state.db)
        .await?
    {
        out.push(override_view(&state, m).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/admin/ban-overrides", request_body = NewBanOverride,
    responses((status = 201, body = BanOverride), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十八条 "原则上": HRSS lifts the ban of one exit, for one round and one subject (the unit or the
/// leader), with a recorded reason. Nothing else is lifted: another exit, another round or the
/// other subject still bars.
pub async fn grant_override(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    JsonBody(new): JsonBody<NewBanOverride>,
) -> Result<(StatusCode, Json<BanOverride>), ApiError> {
    let mut errors = new.check().err().unwrap_or_default();
    let now = state.now();
    let txn = state.begin_audited().await?;
    let exit = studio_exit::Entity::find_by_id(new.exit_id)
        .one(&*txn)
        .await?;
    if exit.is_none() {
        errors.push(FieldError::new(
            "exit_id",
            "没有这项退出记录",
            "no such exit",
        ));
    }
    if crate::entity::round::Entity::find_by_id(new.round_id)
        .one(&*txn)
        .await?
        .is_none()
    {
        errors.push(FieldError::new(
            "round_id",
            "没有这个申报轮次",
            "no such round",
        ));
    }
    let Some(exit) = exit.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let subject = new.subject;
    if ban_override::Entity::find()
        .filter(ban_override::Column::ExitId.eq(new.exit_id))
        .filter(ban_override::Column::RoundId.eq(new.round_id))
        .filter(ban_override::Column::Subject.eq(subject))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(
            "本轮已就这项退出准予例外，无须重复".into(),
        ));
    }
    let saved = ban_override::ActiveModel {
        unit_id: Set(exit.unit_id),
        exit_id: Set(Some(new.exit_id)),
        round_id: Set(Some(new.round_id)),
        subject: Set(subject),
        reason: Set(new.reason.trim().to_owned()),
        granted_by: Set(user.user.username.clone()),
        granted_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("ban.override", "studio_exit", new.exit_id)
            .after(&new)
            .reason(Some(new.reason.trim().to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(override_view(&state, saved).await?),
    ))
}

#[utoipa::path(get, path = "/api/notifications",
    responses((status = 200, body = Digest), (status = 401, body = ErrorBody)))]
/// The caller's digest: what is overdue or due in its scope, one line per kind with the items.
pub async fn notifications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Digest>, ApiError> {
    let today = state.today();
    let db = &state.db;
    let in_scope = |q: sea_orm::Select<studio::Entity>| -> sea_orm::Select<studio::Entity> {
        q.filter(studio::Column::Status.is_in(["building", "rectifying", "exited"]))
    };
    let mut pairs = Vec::new();
    match user.role {
        Role::HrssAdmin | Role::Finance | Role::Applicant | Role::Recommender => {
            let q = in_scope(studio::Entity::find()).order_by_asc(studio::Column::Id);
            let q = match user.role {
                Role::Applicant => {
                    q.filter(studio::Column::UnitId.eq(user.user.unit_id.unwrap_or(-1)))
                }
                Role::Recommender => q.filter(
                    studio::Column::UnitId.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(unit::Column::Id)
                            .from(unit::Entity)
                            .and_where(
                                unit::Column::ChannelOrgId.eq(user.user.org_id.unwrap_or(-1)),
                            )
                            .to_owned(),
                    ),
                ),
                _ => q,
            };
            let studios = q.all(db).await?;
            let all = repo::reminders_for(db, &studios, today, true).await?;
            pairs.extend(all.into_iter().filter(|(k, _)| {
                // Finance acts on money only.
                user.role != Role::Finance || *k == ReminderKind::ReturnOutstanding
            }));
            // Changes waiting for the caller.
            let waiting = match user.role {
                Role::HrssAdmin => {
                    studio_change::Entity::find()
                        .filter(studio_change::Column::State.eq("submitted"))
                        .all(db)
                        .await?
                }
                Role::Applicant => {
                    studio_change::Entity::find()
                        .filter(studio_change::Column::State.eq("awaiting_new_unit"))
                        .filter(
                            studio_change::Column::NewUnitId.eq(user.user.unit_id.unwrap_or(-1)),
                        )
                        .all(db)
                        .await?
                }
                _ => Vec::new(),
            };
            let cal = crate::db::calendar(db).await?;
            for c in waiting {
                let v = repo::change_view(db, &cal, &c, today).await?;
                pairs.push((
                    ReminderKind::ChangeToDecide,
                    ReminderItem {
                        label: format!(
                            "#{} {}：{} → {}",
                            c.id,
                            v.kind.label_zh(),
                            if v.kind == ChangeKind::Leader {
                                &v.old_leader_name
                            } else {
                                &v.old_unit_name
                            },
                            if v.kind == ChangeKind::Leader {
                                &v.new_leader_name
                            } else {
                                &v.new_unit_name
                            },
                        ),
                        due: Some(v.due),
                        // The new unit of a host change cannot open the studio yet: it acts here.
                        link: if user.role == Role::HrssAdmin {
                            format!("/studios/{}", c.studio_id)
                        } else {
                            "/notifications".into()
                        },
                        change_id: Some(c.id),
                    },
                ));
            }
        }
        Role::Expert => {
            let mine: Vec<i32> = panel_member::Entity::find()
                .filter(panel_member::Column::ExpertId.eq(user.user.id))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.panel_id)
                .collect();
            for p in panel::Entity::find()
                .filter(panel::Column::Id.is_in(mine))
                .filter(panel::Column::State.eq("open"))
                .all(db)
                .await?
            {
                let open = score_sheet::Entity::find()
                    .filter(score_sheet::Column::PanelId.eq(p.id))
                    .filter(score_sheet::Column::ExpertId.eq(user.user.id))
                    .filter(score_sheet::Column::SignedAt.is_null())
                    .filter(score_sheet::Column::Conflict.is_null())
                    .filter(score_sheet::Column::RecusalReason.is_null())
                    .all(db)
                    .await?
                    .len();
                if open > 0 {
                    pairs.push((
                        ReminderKind::SheetsToSign,
                        ReminderItem {
                            label: format!("{}：{open} 张评分表待签名", p.title),
                            due: p.session_on,
                            link: format!("/scoring/{}", p.id),
                            change_id: None,
                        },
                    ));
                }
            }
        }
    }
    Ok(Json(Digest::build(today, pairs)))
}
