//! The batch steps of 第四章 that decide on several applications at once: the channel's ranked list
//! (第十一条（二）), 答辩评审 results (（三）), the 差额 field-inspection list and its outcomes (（四）), the
//! public notice and its objections (（五）), and closing a round. Each batch is one audited
//! transaction: all of it happens or none.

use crate::auth::{AdminUser, CurrentUser};
use crate::entity::JsonText;
use crate::entity::{application, notice, objection, recommendation_list};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody, QueryParams};
use crate::repo::application::{self as repo, load_round, record_move, same_version, visible};
use crate::repo::procedure::{load_listed, set_value, slots};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Deserialize;
use shared::account::Role;
use shared::application::ApplicationView;
use shared::procedure::{
    CloseRound, CloseSummary, Defended, DefenseScore, InspectionList, InspectionResult, NewNotice,
    ObjectionResolution, ObjectionView, RecommendationList, check_defense_score,
    check_inspection_list, check_proposals, check_reason,
};
use shared::wire::{ErrorBody, FieldError};
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

/// A refusal of the state machine as the API answers it: 403 when the role may never do it, 409
/// when a guard failed.
pub(crate) fn refusal(r: workflow::Refusal) -> ApiError {
    let message = format!("{}（{}）", r.message_zh, r.article);
    if r.forbidden {
        ApiError::Forbidden(message)
    } else {
        ApiError::Conflict(message)
    }
}

fn stage(m: &application::Model) -> Result<Stage, ApiError> {
    Ok(m.state)
}

#[utoipa::path(post, path = "/api/recommendations", request_body = RecommendationList,
    responses((status = 201, body = [ApplicationView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（二）: the channel submits its ranked list with the Party-group meeting; every listed
/// application is recommended with its rank, in one transaction.
pub async fn recommend(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(list): JsonBody<RecommendationList>,
) -> Result<(StatusCode, Json<Vec<ApplicationView>>), ApiError> {
    user.require(&[Role::Recommender])?;
    let org_id = user
        .user
        .org_id
        .ok_or(ApiError::Forbidden("账号未绑定推荐单位".into()))?;
    list.check(state.today()).map_err(ApiError::Validation)?;
    load_round(&state.db, list.round_id).await?;
    let apps = load_listed(
        &state.db,
        visible(&user),
        list.round_id,
        &list.ranked,
        "ranked",
    )
    .await?;
    if recommendation_list::Entity::find()
        .filter(recommendation_list::Column::RoundId.eq(list.round_id))
        .filter(recommendation_list::Column::OrgId.eq(org_id))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(
            "本轮的推荐名单已经提交，不能重复提交".into(),
        ));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let saved = recommendation_list::ActiveModel {
        round_id: Set(list.round_id),
        org_id: Set(org_id),
        party_meeting_date: Set(list.party_meeting_date),
        party_meeting_ref: Set(list.party_meeting_ref.trim().to_owned()),
        submitted_by: Set(user.user.username.clone()),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let mut out = Vec::new();
    for (i, m) in apps.iter().enumerate() {
        let rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let ctx = GuardContext {
            today: Some(state.today()),
            hrss_direct: m.hrss_direct,
            rank: Some(rank),
            party_meeting_date: Some(list.party_meeting_date),
            ..GuardContext::default()
        };
        let to =
            workflow::transition(stage(m)?, Action::Recommend, user.role, &ctx).map_err(refusal)?;
        let set = vec![
            set_value(application::Column::Rank, i32::try_from(rank).ok()),
            set_value(
                application::Column::PartyMeetingDate,
                Some(list.party_meeting_date),
            ),
            set_value(application::Column::RecommendationId, Some(saved.id)),
        ];
        out.push(record_move(&*txn, &user, m, "recommend", to, set, None, now).await?);
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new(
            "recommendation_list.submit",
            "recommendation_list",
            saved.id,
        )
        .after(&list),
    )
    .await?;
    txn.commit().await?;
    let mut views = Vec::new();
    for m in out {
        views.push(repo::view(&state.db, m, state.today()).await?);
    }
    Ok((StatusCode::CREATED, Json(views)))
}

#[utoipa::path(post, path = "/api/applications/{id}/defense-score", params(("id" = i32, Path)), request_body = DefenseScore,
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（三）: the defense panel's aggregate for one application.
pub async fn defense_score(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<DefenseScore>,
) -> Result<Json<ApplicationView>, ApiError> {
    let m = repo::get_visible(&state.db, &user, id).await?;
    check_defense_score(req.score).map_err(ApiError::Validation)?;
    same_version(req.version, &m)?;
    if stage(&m)? != Stage::DefenseReview {
        return Err(ApiError::Conflict(
            "只有处于答辩评审阶段的申报才能录入答辩得分".into(),
        ));
    }
    // A panel's aggregate is the panel's to record (when its chair closes scoring).
    if crate::entity::panel_candidate::Entity::find()
        .filter(crate::entity::panel_candidate::Column::ApplicationId.eq(id))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(
            "该申报由答辩评审组评分，得分在组长结束评分时自动汇总".into(),
        ));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let set = vec![set_value(
        application::Column::DefenseScore,
        Some(req.score.tenths()),
    )];
    let reason = Some(format!("答辩得分 {}", req.score));
    let updated = record_move(
        &*txn,
        &user,
        &m,
        "defense_score",
        Stage::DefenseReview,
        set,
        reason,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, updated, state.today()).await?))
}

#[utoipa::path(post, path = "/api/rounds/{id}/inspection", params(("id" = i32, Path)), request_body = InspectionList,
    responses((status = 200, body = [ApplicationView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（四）: the 差额 field-inspection list of one level: at least two defended candidates, in
/// the defense ranking unless a reason is given.
pub async fn inspection_list(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    JsonBody(list): JsonBody<InspectionList>,
) -> Result<Json<Vec<ApplicationView>>, ApiError> {
    crate::entity::round::Entity::find_by_id(round_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let apps = load_listed(
        &*txn,
        visible(&user),
        round_id,
        &list.candidates,
        "candidates",
    )
    .await?;
    let pool = application::Entity::find()
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::Level.eq(list.level))
        .filter(application::Column::State.eq(Stage::DefenseReview))
        .all(&*txn)
        .await?;
    let defended = |m: &application::Model| -> Result<Defended, ApiError> {
        Ok(Defended {
            id: m.id,
            state: stage(m)?,
            level: m.level,
            defense_score: m.defense_score.map(shared::Tenths::from_tenths),
        })
    };
    let listed = apps.iter().map(defended).collect::<Result<Vec<_>, _>>()?;
    let pool = pool.iter().map(defended).collect::<Result<Vec<_>, _>>()?;
    check_inspection_list(&list, &listed, &pool).map_err(ApiError::Validation)?;
    let reason = list
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let saved = crate::entity::inspection_list::ActiveModel {
        round_id: Set(round_id),
        level: Set(list.level),
        candidates: Set(JsonText(list.candidates.clone())),
        reason: Set(reason.clone()),
        created_by: Set(user.user.username.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let ctx = GuardContext {
        today: Some(state.today()),
        inspection_candidates: list.candidates.len(),
        ..GuardContext::default()
    };
    let mut out = Vec::new();
    for (i, m) in apps.iter().enumerate() {
        let to = workflow::transition(stage(m)?, Action::SelectForInspection, user.role, &ctx)
            .map_err(refusal)?;
        let note = Some(format!(
            "差额考察：{} 名候选，考察顺序第 {} 位{}",
            list.candidates.len(),
            i + 1,
            reason
                .as_deref()
                .map(|r| format!("（未按答辩排名：{r}）"))
                .unwrap_or_default()
        ));
        let set = vec![set_value(
            application::Column::InspectionListId,
            Some(saved.id),
        )];
        out.push(record_move(&*txn, &user, m, "select_for_inspection", to, set, note, now).await?);
    }
    txn.commit().await?;
    let mut views = Vec::new();
    for m in out {
        views.push(repo::view(&state.db, m, state.today()).await?);
    }
    Ok(Json(views))
}

#[utoipa::path(post, path = "/api/applications/{id}/inspection-result", params(("id" = i32, Path)), request_body = InspectionResult,
    responses((status = 200, body = ApplicationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（四）: the outcome and notes of one field inspection.
pub async fn inspection_result(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<InspectionResult>,
) -> Result<Json<ApplicationView>, ApiError> {
    let m = repo::get_visible(&state.db, &user, id).await?;
    req.check().map_err(ApiError::Validation)?;
    same_version(req.version, &m)?;
    if stage(&m)? != Stage::FieldInspection {
        return Err(ApiError::Conflict(
            "只有处于实地考察阶段的申报才能录入考察结果".into(),
        ));
    }
    let now = state.now();
    let notes = req.notes.trim().to_owned();
    let txn = state.begin_audited().await?;
    let set = vec![
        set_value(application::Column::InspectionPassed, Some(req.passed)),
        set_value(
            application::Column::InspectionNotes,
            Some(notes.clone()).filter(|n| !n.is_empty()),
        ),
    ];
    let reason = Some(format!(
        "实地考察{}{}",
        if req.passed { "通过" } else { "未通过" },
        if notes.is_empty() {
            String::new()
        } else {
            format!("：{notes}")
        }
    ));
    let updated = record_move(
        &*txn,
        &user,
        &m,
        "inspection_result",
        Stage::FieldInspection,
        set,
        reason,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, updated, state.today()).await?))
}

#[utoipa::path(post, path = "/api/rounds/{id}/notices", params(("id" = i32, Path)), request_body = NewNotice,
    responses((status = 201, body = shared::procedure::NoticeView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（五）: the proposed list goes on public notice for 5 working days from `starts_on`.
pub async fn publish_notice(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    JsonBody(req): JsonBody<NewNotice>,
) -> Result<(StatusCode, Json<shared::procedure::NoticeView>), ApiError> {
    let round = crate::entity::round::Entity::find_by_id(round_id)
        .one(&state.db)
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
    let calendar = crate::db::calendar(&state.db).await?;
    let ends_on = match shared::deadlines::notice_end(&calendar, req.starts_on) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e.field_error("starts_on"));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let ends_on = ends_on.unwrap_or(req.starts_on);
    let apps = load_listed(
        &state.db,
        visible(&user),
        round_id,
        &req.applications,
        "applications",
    )
    .await?;
    let mut over_slots = None;
    // The proposed list fills at most min(slots, inspected − 1) per level (第十一条（四）（五）),
    // counting those already proposed or approved in this round.
    let round_apps = application::Entity::find()
        .filter(application::Column::RoundId.eq(round_id))
        .all(&state.db)
        .await?;
    for level in [shared::Level::Regional, shared::Level::National] {
        let name = level;
        let of_level = |m: &&application::Model| m.level == name;
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
        if let Err(e) = check_proposals(level, slots(&round, level), inspected, already, adding) {
            over_slots = Some(ApiError::Validation(vec![e]));
        }
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let saved = notice::ActiveModel {
        round_id: Set(round_id),
        starts_on: Set(req.starts_on),
        ends_on: Set(ends_on),
        published_by: Set(user.user.username.clone()),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    for m in &apps {
        let ctx = GuardContext {
            today: Some(today),
            inspection_passed: m.inspection_passed,
            ..GuardContext::default()
        };
        let to =
            workflow::transition(stage(m)?, Action::Propose, user.role, &ctx).map_err(refusal)?;
        let set = vec![set_value(application::Column::NoticeId, Some(saved.id))];
        let reason = Some(format!("公示 {} 至 {}", req.starts_on, ends_on));
        record_move(&*txn, &user, m, "propose", to, set, reason, now).await?;
    }
    // Each candidate's own refusal first (it names the problem); then the slots. Returning drops
    // the transaction: nothing is written.
    if let Some(e) = over_slots {
        return Err(e);
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("notice.publish", "notice", saved.id).after(&serde_json::json!({
            "round": round.year, "starts_on": req.starts_on, "ends_on": ends_on,
            "applications": req.applications,
        })),
    )
    .await?;
    txn.commit().await?;
    let view = crate::routes::public::notice_view(&state.db, saved, today).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ObjectionFilter {
    pub round_id: Option<i32>,
}

#[utoipa::path(get, path = "/api/objections", params(ObjectionFilter),
    responses((status = 200, body = [ObjectionView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// Every objection (of a round's notices), open ones first.
pub async fn objections(
    State(state): State<AppState>,
    AdminUser(_user): AdminUser,
    QueryParams(f): QueryParams<ObjectionFilter>,
) -> Result<Json<Vec<ObjectionView>>, ApiError> {
    let mut q = objection::Entity::find()
        .order_by_asc(objection::Column::ResolvedAt)
        .order_by_asc(objection::Column::Id);
    if let Some(r) = f.round_id {
        let notices: Vec<i32> = notice::Entity::find()
            .filter(notice::Column::RoundId.eq(r))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|n| n.id)
            .collect();
        q = q.filter(objection::Column::NoticeId.is_in(notices));
    }
    let mut rows: Vec<ObjectionView> = q
        .all(&state.db)
        .await?
        .into_iter()
        .map(objection_view)
        .collect();
    rows.sort_by_key(|o| (o.outcome.is_some(), o.id));
    Ok(Json(rows))
}

pub fn objection_view(o: objection::Model) -> ObjectionView {
    ObjectionView {
        id: o.id,
        notice_id: o.notice_id,
        application_id: o.application_id,
        name: o.name,
        contact: o.contact,
        text: o.text,
        filed_at: o.filed_at,
        outcome: o.outcome,
        resolved_by: o.resolved_by,
        resolved_at: o.resolved_at,
    }
}

#[utoipa::path(post, path = "/api/objections/{id}/resolve", params(("id" = i32, Path)), request_body = ObjectionResolution,
    responses((status = 200, body = ObjectionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// 第十一条（五）: HRSS records how an objection was checked and decided.
pub async fn resolve_objection(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<ObjectionResolution>,
) -> Result<Json<ObjectionView>, ApiError> {
    check_reason("outcome", &req.outcome).map_err(ApiError::Validation)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let o = objection::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if o.outcome.is_some() {
        return Err(ApiError::Conflict("该异议已处理".into()));
    }
    let mut active: objection::ActiveModel = o.into();
    active.outcome = Set(Some(req.outcome.trim().to_owned()));
    active.resolved_by = Set(Some(user.user.username.clone()));
    active.resolved_at = Set(Some(now));
    let saved = active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("objection.resolve", "objection", id)
            .reason(Some(req.outcome.trim().to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(objection_view(saved)))
}

#[utoipa::path(post, path = "/api/rounds/{id}/close", params(("id" = i32, Path)), request_body = CloseRound,
    responses((status = 200, body = CloseSummary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Closes a round: every application HRSS holds that was not approved is not selected, with the
/// reason. Refused while a notice is still running or objections are open.
pub async fn close_round(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(round_id): IdPath,
    JsonBody(req): JsonBody<CloseRound>,
) -> Result<Json<CloseSummary>, ApiError> {
    check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    crate::entity::round::Entity::find_by_id(round_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let apps = visible(&user)
        .filter(application::Column::RoundId.eq(round_id))
        .all(&state.db)
        .await?;
    let today = state.today();
    let reason = req.reason.trim().to_owned();
    let mut summary = CloseSummary {
        not_selected: 0,
        left_with_channel: 0,
    };
    let now = state.now();
    let txn = state.begin_audited().await?;
    for m in &apps {
        let from = stage(m)?;
        if from == Stage::Submitted && !m.hrss_direct {
            summary.left_with_channel += 1;
            continue;
        }
        if from == Stage::Proposed {
            let (end, open) = crate::repo::procedure::notice_status(&*txn, m).await?;
            if end.is_some_and(|e| today <= e) || open > 0 {
                return Err(ApiError::Conflict(format!(
                    "申报 {} 的公示尚未结束或仍有未处理的异议，不能结束本轮",
                    m.id
                )));
            }
        }
        if workflow::permitted(from, Action::Reject, user.role, m.hrss_direct).is_err() {
            continue;
        }
        let ctx = GuardContext {
            reason: Some(reason.clone()),
            ..GuardContext::default()
        };
        let to = workflow::transition(from, Action::Reject, user.role, &ctx).map_err(refusal)?;
        let set = vec![set_value(
            application::Column::LastReason,
            Some(reason.clone()),
        )];
        record_move(
            &*txn,
            &user,
            m,
            "reject",
            to,
            set,
            Some(reason.clone()),
            now,
        )
        .await?;
        summary.not_selected += 1;
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("round.close", "round", round_id)
            .after(&summary)
            .reason(Some(reason)),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(summary))
}
