//! Expert panels (答辩评审, 考核): HRSS sets one up with its rubric, aggregation and tie-breakers;
//! experts score on tablets through `POST /api/scoring/sync`, which stores each change exactly once;
//! the chair reopens signed sheets and closes scoring, which ranks the candidates and, for a defense
//! panel, records each application's defense score.

use crate::auth::{AdminUser, CurrentUser};
use crate::entity::JsonText;
use crate::entity::{
    application, expert_affiliation, panel, panel_candidate, panel_member, score_change,
    score_sheet, studio, unit, user_account,
};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody};
use crate::repo::panel as repo;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use shared::account::Role;
use shared::panel::{
    NewPanel, PanelState, PanelSummary, PanelView, Recusal, Rejected, Reopen, RubricUpdate,
    SYNC_MAX, SheetView, SyncRequest, SyncResult,
};
use shared::scoring::{
    Affiliation, Edit, EditDecision, EditRules, PanelPurpose, SheetFacts, assessment_rubric,
    conflict, decide_edit, defense_rubric,
};
use shared::wire::{ErrorBody, FieldError};
use shared::workflow::AppState as Stage;
use std::collections::{HashMap, HashSet};

async fn affiliations<C: sea_orm::ConnectionTrait>(
    db: &C,
    expert: i32,
) -> Result<Vec<Affiliation>, ApiError> {
    Ok(expert_affiliation::Entity::find()
        .filter(expert_affiliation::Column::UserId.eq(expert))
        .order_by_asc(expert_affiliation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| Affiliation {
            unit_id: a.unit_id,
            org_id: a.org_id,
            from: a.from_date,
            until: a.until_date,
        })
        .collect())
}

#[utoipa::path(post, path = "/api/panels", request_body = NewPanel,
    responses((status = 201, body = PanelView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS forms a panel: its experts (one the chair), the candidates, the rubric (default by purpose)
/// and how scores aggregate. Conflicts of interest are found now, from the experts' affiliations.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(new): JsonBody<NewPanel>,
) -> Result<(StatusCode, Json<PanelView>), ApiError> {
    // 第十五条（一）: a city bureau (or department) organises the annual assessment of its studios;
    // every other panel is HRSS's.
    let organiser = match user.role {
        Role::HrssAdmin => None,
        Role::Recommender if new.purpose == PanelPurpose::Annual => user.user.org_id,
        _ => None,
    };
    if !(user.role == Role::HrssAdmin || organiser.is_some()) {
        return Err(ApiError::Forbidden(
            "评审组由自治区人社厅组建；年度考核可由市人社局或主管部门组建".into(),
        ));
    }
    new.check().map_err(ApiError::Validation)?;
    let rubric = new.rubric.clone().unwrap_or_else(|| match new.purpose {
        PanelPurpose::Defense => defense_rubric(),
        _ => assessment_rubric(),
    });
    let mut errors = tie_breaker_errors(&rubric, &new.tie_breakers);
    // Experts: enabled accounts with the expert role.
    let experts = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(new.experts.clone()))
        .all(&state.db)
        .await?;
    for (i, id) in new.experts.iter().enumerate() {
        let ok = experts
            .iter()
            .any(|u| u.id == *id && u.role == Role::Expert && !u.disabled);
        if !ok {
            errors.push(FieldError::new(
                format!("experts[{i}]"),
                "不是可用的评审专家账号",
                "not an enabled expert account",
            ));
        }
    }
    // Candidates: applications in the defense review, or studios for an assessment (on the day it
    // sits: an end of term only after the term, a re-assessment only after the year of
    // rectification); with the unit and recommending organisation each conflict check reads.
    let sits_on = new.session_on.unwrap_or_else(|| state.today());
    let mut cands: Vec<(i32, i32, Option<i32>)> = Vec::new();
    for (i, id) in new.candidates.iter().enumerate() {
        if new.purpose != PanelPurpose::Defense
            && let Some(s) = studio::Entity::find_by_id(*id).one(&state.db).await?
            && let Err(why) = shared::life::assessable(
                new.purpose == PanelPurpose::EndOfTerm,
                crate::repo::life::status(&s)?,
                s.term_end,
                s.rectification_until,
                sits_on,
            )
            && matches!(why, shared::life::NotAssessable::NotYet { .. })
        {
            errors.push(FieldError::new(
                format!("candidates[{i}]"),
                format!("“{}”：{}", s.name, why.message_zh()),
                why.message_en(),
            ));
            continue;
        }
        let found = if new.purpose == PanelPurpose::Defense {
            application::Entity::find_by_id(*id)
                .one(&state.db)
                .await?
                .filter(|m| m.state == Stage::DefenseReview)
                .filter(|m| new.round_id.is_none_or(|r| r == m.round_id))
                .map(|m| (m.id, m.unit_id, m.channel_org_id))
        } else {
            match studio::Entity::find_by_id(*id).one(&state.db).await? {
                Some(s) => {
                    let org = unit::Entity::find_by_id(s.unit_id)
                        .one(&state.db)
                        .await?
                        .and_then(|u| u.channel_org_id);
                    let assessable = crate::repo::life::status(&s).ok().and_then(|st| {
                        shared::life::assessment_kind(new.purpose == PanelPurpose::EndOfTerm, st)
                    });
                    let in_scope = organiser.is_none() || org == organiser;
                    (assessable.is_some() && in_scope).then_some((s.id, s.unit_id, org))
                }
                None => None,
            }
        };
        match found {
            Some(c) => cands.push(c),
            None => errors.push(FieldError::new(
                format!("candidates[{i}]"),
                if new.purpose == PanelPurpose::Defense {
                    "不是处于答辩评审阶段的申报"
                } else {
                    "不是可以参加此项考核的工作室（年度考核：建设中；期满考核：建设期满或整改中）"
                },
                "not a candidate this panel can score",
            )),
        }
    }
    for (i, r) in new.reported.iter().enumerate() {
        if new.purpose == PanelPurpose::Defense || !new.candidates.contains(&r.studio_id) {
            errors.push(FieldError::new(
                format!("reported[{i}].studio_id"),
                "上报数据须对应本考核组的工作室",
                "reported figures must belong to a studio of this assessment panel",
            ));
        }
        if let Err(list) = r.input.check() {
            errors.extend(list.into_iter().map(|e| FieldError {
                field: format!("reported[{i}].input.{}", e.field),
                ..e
            }));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let today = state.today();
    let now = state.now();
    let txn = state.begin_audited().await?;
    let saved = panel::ActiveModel {
        purpose: Set(new.purpose),
        round_id: Set(new.round_id),
        title: Set(new.title.trim().to_owned()),
        occupation_group: Set(new.occupation_group.trim().to_owned()),
        session_on: Set(new.session_on),
        location: Set(new.location.trim().to_owned()),
        rubric: Set(JsonText(rubric.clone())),
        aggregation: Set(JsonText(new.aggregation)),
        tie_breakers: Set(JsonText(new.tie_breakers.clone())),
        chair_id: Set(new.chair),
        state: Set(PanelState::Open),
        created_by: Set(user.user.username.clone()),
        created_at: Set(now),
        assessed_year: Set(new.year),
        organiser_org_id: Set(organiser),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    for e in &new.experts {
        panel_member::ActiveModel {
            panel_id: Set(saved.id),
            expert_id: Set(*e),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
    }
    let mut flagged = Vec::new();
    for (pos, (id, unit_id, org)) in cands.iter().enumerate() {
        let c = panel_candidate::ActiveModel {
            panel_id: Set(saved.id),
            application_id: Set((new.purpose == PanelPurpose::Defense).then_some(*id)),
            studio_id: Set((new.purpose != PanelPurpose::Defense).then_some(*id)),
            position: Set(i32::try_from(pos + 1).unwrap_or(i32::MAX)),
            // Figures given with the panel, or else the studio's own annual report.
            reported: Set(match new.reported.iter().find(|r| r.studio_id == *id) {
                _ if new.purpose == PanelPurpose::Defense => None,
                Some(r) => Some(JsonText(r.input.clone())),
                None => {
                    let s = studio::Entity::find_by_id(*id)
                        .one(&*txn)
                        .await?
                        .ok_or(ApiError::NotFound)?;
                    let on = new.session_on.unwrap_or(today);
                    let input =
                        crate::repo::life::reported_input(&*txn, &s, new.purpose, new.year, on)
                            .await?;
                    Some(JsonText(input.clone()))
                }
            }),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        for e in &new.experts {
            let why = conflict(&affiliations(&*txn, *e).await?, *unit_id, *org, today);
            if why.is_some() {
                flagged.push(serde_json::json!({ "expert": e, "candidate": id }));
            }
            score_sheet::ActiveModel {
                panel_id: Set(saved.id),
                candidate_id: Set(c.id),
                expert_id: Set(*e),
                conflict: Set(why),
                ..Default::default()
            }
            .insert(&*txn)
            .await?;
        }
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("panel.create", "panel", saved.id).after(&serde_json::json!({
            "title": new.title, "experts": new.experts, "chair": new.chair,
            "candidates": new.candidates, "aggregation": new.aggregation,
            "conflicts": flagged,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(repo::view(&state.db, &user, saved).await?),
    ))
}

#[utoipa::path(get, path = "/api/panels",
    responses((status = 200, body = [PanelSummary]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// HRSS: every panel; an expert: the panels they sit on.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<PanelSummary>>, ApiError> {
    user.require(&[Role::HrssAdmin, Role::Expert, Role::Recommender])?;
    let mut q = panel::Entity::find().order_by_desc(panel::Column::Id);
    if user.role == Role::Recommender {
        q = q.filter(panel::Column::OrganiserOrgId.eq(user.user.org_id.unwrap_or(-1)));
    }
    if user.role == Role::Expert {
        let mine: Vec<i32> = panel_member::Entity::find()
            .filter(panel_member::Column::ExpertId.eq(user.user.id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|m| m.panel_id)
            .collect();
        q = q.filter(panel::Column::Id.is_in(mine));
    }
    let mut out = Vec::new();
    for p in q.all(&state.db).await? {
        let experts = repo::members(&state.db, p.id).await?;
        let candidates = panel_candidate::Entity::find()
            .filter(panel_candidate::Column::PanelId.eq(p.id))
            .all(&state.db)
            .await?
            .len();
        out.push(PanelSummary {
            id: p.id,
            purpose: p.purpose,
            title: p.title.clone(),
            occupation_group: p.occupation_group.clone(),
            session_on: p.session_on,
            state: repo::state(&p)?,
            chair_name: experts
                .iter()
                .find(|(id, _)| *id == p.chair_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            experts: experts.len(),
            candidates,
            i_chair: user.role == Role::Expert && p.chair_id == user.user.id,
            i_score: experts.iter().any(|(id, _)| *id == user.user.id),
        });
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/panels/{id}", params(("id" = i32, Path)),
    responses((status = 200, body = PanelView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// A panel: an expert sees their own sheets (the tablet's download); the chair and HRSS see every
/// sheet's progress and outliers, and the scores once scoring is closed.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<PanelView>, ApiError> {
    let p = repo::visible(&state.db, &user, id).await?;
    Ok(Json(repo::view(&state.db, &user, p).await?))
}

#[utoipa::path(put, path = "/api/panels/{id}/rubric", params(("id" = i32, Path)), request_body = RubricUpdate,
    responses((status = 200, body = PanelView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Changes the rubric until the first score is in; then it is locked.
pub async fn update_rubric(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<RubricUpdate>,
) -> Result<Json<PanelView>, ApiError> {
    req.rubric.check().map_err(ApiError::Validation)?;
    let now = state.now();
    let current = panel::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let errors = tie_breaker_errors(&req.rubric, &repo::tie_breakers(&current)?);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let txn = state.begin_audited().await?;
    let p = panel::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let sheets: Vec<i32> = score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(id))
        .all(&*txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let scored = score_change::Entity::find()
        .filter(score_change::Column::SheetId.is_in(sheets))
        .one(&*txn)
        .await?
        .is_some();
    if scored || repo::state(&p)? == PanelState::Closed {
        return Err(ApiError::Conflict(
            "已有专家评分，评分细则已锁定，不能再修改".into(),
        ));
    }
    let before = p.rubric.clone();
    let mut active: panel::ActiveModel = p.into();
    active.rubric = Set(JsonText(req.rubric.clone()));
    let saved = active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("panel.rubric", "panel", id)
            .before(&before.0)
            .after(&req.rubric),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, &user, saved).await?))
}

#[utoipa::path(post, path = "/api/scoring/sync", request_body = SyncRequest,
    responses((status = 200, body = SyncResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// A tablet's queued score changes and signatures. Each change is stored exactly once (its client
/// id is unique: a resend is acknowledged, not stored again); a change the server cannot take is
/// answered with the reason, so the tablet stops resending it. One transaction, one audit entry.
pub async fn sync(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(req): JsonBody<SyncRequest>,
) -> Result<Json<SyncResult>, ApiError> {
    user.require(&[Role::Expert])?;
    if req.changes.len() + req.signs.len() + req.comments.len() > SYNC_MAX {
        return Err(ApiError::Validation(vec![FieldError::new(
            "changes",
            "一次最多同步 500 条",
            "at most 500 per sync",
        )]));
    }
    let bad_id = |id: &str| id.is_empty() || id.len() > 64;
    if let Some(i) = req.changes.iter().position(|c| bad_id(&c.id)) {
        return Err(ApiError::Validation(vec![FieldError::new(
            format!("changes[{i}].id"),
            "编号应为 1 到 64 个字符",
            "1 to 64 characters",
        )]));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let sheet_ids: HashSet<i32> = req
        .changes
        .iter()
        .map(|c| c.sheet_id)
        .chain(req.signs.iter().map(|s| s.sheet_id))
        .chain(req.comments.iter().map(|c| c.sheet_id))
        .collect();
    let mut sheets: HashMap<i32, score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::Id.is_in(sheet_ids.iter().copied()))
        .filter(score_sheet::Column::ExpertId.eq(user.user.id))
        .all(&*txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let panel_ids: HashSet<i32> = sheets.values().map(|s| s.panel_id).collect();
    let panels: HashMap<i32, (panel::Model, shared::scoring::Rubric)> = {
        let mut m = HashMap::new();
        for p in panel::Entity::find()
            .filter(panel::Column::Id.is_in(panel_ids.iter().copied()))
            .all(&*txn)
            .await?
        {
            let r = repo::rubric(&p)?;
            m.insert(p.id, (p, r));
        }
        m
    };
    // Assessment panels score by 附件's fixed choices, which depend on the studio's level.
    let mut assessed_level: HashMap<i32, shared::Level> = HashMap::new();
    for (p, _) in panels.values() {
        if p.purpose != PanelPurpose::Defense {
            for c in repo::candidates(&*txn, p.id).await? {
                assessed_level.insert(c.id, c.level);
            }
        }
    }
    let held: HashSet<String> = score_change::Entity::find()
        .filter(
            score_change::Column::ClientChangeId.is_in(req.changes.iter().map(|c| c.id.clone())),
        )
        .all(&*txn)
        .await?
        .into_iter()
        .map(|c| c.client_change_id)
        .collect();
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    let mut inserts = Vec::new();
    let mut seen = HashSet::new();
    // Every edit is decided by `shared`'s one ladder (the tablet asks the same before queueing).
    let decide = |sheet_id: i32, sheets: &HashMap<i32, score_sheet::Model>, edit: &Edit| {
        let sheet = sheets.get(&sheet_id);
        let panel = sheet.and_then(|s| panels.get(&s.panel_id));
        let (Some(sheet), Some((p, rubric))) = (sheet, panel) else {
            let rubric = shared::scoring::defense_rubric();
            let rules = EditRules {
                purpose: PanelPurpose::Defense,
                rubric: &rubric,
                level: None,
            };
            return Ok(decide_edit(
                &SheetFacts {
                    mine: false,
                    panel_closed: false,
                    excluded: None,
                    signed: false,
                },
                &rules,
                edit,
            ));
        };
        let rules = EditRules {
            purpose: p.purpose,
            rubric,
            level: assessed_level.get(&sheet.candidate_id).copied(),
        };
        Ok::<_, ApiError>(decide_edit(
            &repo::facts(sheet, true, repo::state(p)? == PanelState::Closed),
            &rules,
            edit,
        ))
    };
    for c in &req.changes {
        // A copy later in the same request shares the first copy's answer.
        if !seen.insert(c.id.clone()) {
            continue;
        }
        if held.contains(&c.id) {
            accepted.push(c.id.clone());
            continue;
        }
        let edit = Edit::Score {
            item: c.item.clone(),
            value: c.value,
        };
        match decide(c.sheet_id, &sheets, &edit)? {
            EditDecision::Refuse(why) => rejected.push(Rejected::new(&c.id, why)),
            EditDecision::Accept | EditDecision::AlreadyDone => {
                accepted.push(c.id.clone());
                inserts.push(score_change::ActiveModel {
                    sheet_id: Set(c.sheet_id),
                    expert_id: Set(user.user.id),
                    item_key: Set(c.item.clone()),
                    value: Set(c.value.tenths()),
                    client_change_id: Set(c.id.clone()),
                    client_at: Set(c.client_at),
                    server_at: Set(now),
                    ..Default::default()
                });
            }
        }
    }
    let stored = inserts.len();
    if !inserts.is_empty() {
        score_change::Entity::insert_many(inserts)
            .on_conflict(
                OnConflict::column(score_change::Column::ClientChangeId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&*txn)
            .await?;
    }
    // Comments (考核组评语): the latest by client time is kept; a resend changes nothing.
    let mut commented = Vec::new();
    for c in &req.comments {
        let edit = Edit::Comment {
            text: c.text.clone(),
        };
        if let EditDecision::Refuse(why) = decide(c.sheet_id, &sheets, &edit)? {
            rejected.push(Rejected::new(&c.id, why));
            continue;
        }
        accepted.push(c.id.clone());
        let Some(sheet) = sheets.get(&c.sheet_id).cloned() else {
            continue;
        };
        if sheet.comment_at.is_none_or(|at| at <= c.client_at) {
            let mut active: score_sheet::ActiveModel = sheet.into();
            active.comment = Set(Some(c.text.trim().to_owned()).filter(|t| !t.is_empty()));
            active.comment_at = Set(Some(c.client_at));
            let saved = active.update(&*txn).await?;
            sheets.insert(saved.id, saved);
            commented.push(c.sheet_id);
        }
    }
    // Signatures: every item scored, then the sheet is locked.
    let mut signed = Vec::new();
    for s in &req.signs {
        let unscored = match sheets
            .get(&s.sheet_id)
            .and_then(|sh| panels.get(&sh.panel_id).map(|p| (sh, p)))
        {
            Some((sheet, (_, rubric))) => {
                let values = repo::values(&*txn, &[sheet.id])
                    .await?
                    .remove(&sheet.id)
                    .unwrap_or_default()
                    .0;
                rubric.total(&values).1.len()
            }
            None => 0,
        };
        let edit = Edit::Sign {
            signature: s.signature.clone(),
            unscored,
        };
        match decide(s.sheet_id, &sheets, &edit)? {
            EditDecision::Refuse(why) => rejected.push(Rejected::new(&s.id, why)),
            EditDecision::AlreadyDone => accepted.push(s.id.clone()),
            EditDecision::Accept => {
                let Some(sheet) = sheets.get(&s.sheet_id).cloned() else {
                    continue;
                };
                let mut active: score_sheet::ActiveModel = sheet.clone().into();
                active.signed_at = Set(Some(now));
                active.signature = Set(Some(s.signature.clone()));
                active.reopened_reason = Set(None);
                let saved = active.update(&*txn).await?;
                sheets.insert(saved.id, saved);
                accepted.push(s.id.clone());
                signed.push(sheet.id);
            }
        }
    }
    if stored > 0 || !signed.is_empty() || !commented.is_empty() {
        crate::audit::append(
            &*txn,
            now,
            &user.actor(),
            crate::audit::Event::new("score.sync", "score_sheet", {
                let mut ids: Vec<i32> = sheet_ids.iter().copied().collect();
                ids.sort_unstable();
                ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
            })
            .after(&serde_json::json!({
                "stored": req.changes.iter().filter(|c| !held.contains(&c.id)).filter(|c| accepted.contains(&c.id)).map(|c| serde_json::json!({"id": c.id, "sheet": c.sheet_id, "item": c.item, "value": c.value})).collect::<Vec<_>>(),
                "signed": signed,
                "commented": commented,
                "rejected": rejected.len(),
            })),
        )
        .await?;
    }
    let touched: Vec<i32> = sheets.keys().copied().collect();
    let mut vals = repo::values(&*txn, &touched).await?;
    txn.commit().await?;
    let mut views: Vec<SheetView> = Vec::new();
    for (id, sheet) in &sheets {
        let Some((_, rubric)) = panels.get(&sheet.panel_id) else {
            continue;
        };
        let (values, changes) = vals.remove(id).unwrap_or_default();
        let data = repo::SheetData {
            sheet: sheet.clone(),
            values,
            changes,
        };
        views.push(repo::sheet_view(
            &data,
            rubric,
            &user.user.display_name,
            true,
            false,
        ));
    }
    views.sort_by_key(|v| v.id);
    Ok(Json(SyncResult {
        accepted,
        rejected,
        sheets: views,
    }))
}

#[utoipa::path(post, path = "/api/panels/{id}/recusals", params(("id" = i32, Path)), request_body = Recusal,
    responses((status = 200, body = PanelView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// An expert recuses themself from a candidate, with a reason: that sheet never counts.
pub async fn recuse(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<Recusal>,
) -> Result<Json<PanelView>, ApiError> {
    let p = repo::visible(&state.db, &user, id).await?;
    user.require(&[Role::Expert])?;
    shared::procedure::check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    if repo::state(&p)? == PanelState::Closed {
        return Err(ApiError::Conflict("评审组已结束评分".into()));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let sheet = score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(id))
        .filter(score_sheet::Column::CandidateId.eq(req.candidate_id))
        .filter(score_sheet::Column::ExpertId.eq(user.user.id))
        .one(&*txn)
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "candidate_id",
                "不是本评审组的评审对象",
                "not a candidate of this panel",
            )])
        })?;
    let mut active: score_sheet::ActiveModel = sheet.into();
    active.recusal_reason = Set(Some(req.reason.trim().to_owned()));
    active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("panel.recuse", "panel", id)
            .after(&serde_json::json!({ "candidate": req.candidate_id }))
            .reason(Some(req.reason.trim().to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, &user, p).await?))
}

#[utoipa::path(post, path = "/api/sheets/{id}/reopen", params(("id" = i32, Path)), request_body = Reopen,
    responses((status = 200, body = PanelView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// The chair reopens a signed sheet, with a reason, so its expert can change it.
pub async fn reopen(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(req): JsonBody<Reopen>,
) -> Result<Json<PanelView>, ApiError> {
    let sheet = score_sheet::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let p = repo::visible(&state.db, &user, sheet.panel_id).await?;
    if !(user.role == Role::Expert && p.chair_id == user.user.id) {
        return Err(ApiError::Forbidden(
            "只有评审组组长可以重新开启评分表".into(),
        ));
    }
    shared::procedure::check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    if repo::state(&p)? == PanelState::Closed {
        return Err(ApiError::Conflict("评审组已结束评分".into()));
    }
    if sheet.signed_at.is_none() {
        return Err(ApiError::Conflict("该评分表尚未签名提交".into()));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let mut active: score_sheet::ActiveModel = sheet.into();
    active.signed_at = Set(None);
    active.signature = Set(None);
    active.reopened_reason = Set(Some(req.reason.trim().to_owned()));
    active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("score_sheet.reopen", "score_sheet", id)
            .reason(Some(req.reason.trim().to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, &user, p).await?))
}

#[utoipa::path(post, path = "/api/panels/{id}/close", params(("id" = i32, Path)),
    responses((status = 200, body = PanelView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// The chair closes scoring once every sheet is signed or recused: the candidates are ranked by the
/// declared aggregation and tie-breakers, every score becomes visible, and each application of a
/// defense panel gets its defense score.
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<PanelView>, ApiError> {
    let p = repo::visible(&state.db, &user, id).await?;
    if !(user.role == Role::Expert && p.chair_id == user.user.id) {
        return Err(ApiError::Forbidden("只有评审组组长可以结束评分".into()));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let p = panel::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if repo::state(&p)? == PanelState::Closed {
        return Err(ApiError::Conflict("评审组已结束评分".into()));
    }
    let rubric = repo::rubric(&p)?;
    let data = repo::sheets(&*txn, id, None).await?;
    let open = data
        .iter()
        .filter(|d| repo::facts(&d.sheet, false, false).pending())
        .count();
    if open > 0 {
        return Err(ApiError::Conflict(format!(
            "还有 {open} 张评分表未签名提交，不能结束评分"
        )));
    }
    let experts = repo::members(&*txn, id).await?;
    let cands = repo::candidates(&*txn, id).await?;
    let ranking = repo::ranking(&p, &rubric, &cands, &data, &experts)?;
    if p.purpose == PanelPurpose::Defense {
        for row in &ranking {
            let Some(app_id) = cands
                .iter()
                .find(|c| c.id == row.candidate_id)
                .and_then(|c| c.application_id)
            else {
                continue;
            };
            let m = application::Entity::find_by_id(app_id)
                .one(&*txn)
                .await?
                .ok_or(ApiError::NotFound)?;
            if m.state != Stage::DefenseReview {
                return Err(ApiError::Conflict(format!(
                    "申报 {app_id} 已不在答辩评审阶段"
                )));
            }
            let set = vec![crate::repo::procedure::set_value(
                application::Column::DefenseScore,
                Some(row.score.tenths()),
            )];
            let reason = Some(format!(
                "答辩评审组“{}”汇总 {} 分，第 {} 名",
                p.title, row.score, row.place
            ));
            crate::repo::application::record_move(
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
        }
    }
    if p.purpose != PanelPurpose::Defense {
        crate::repo::life::record_assessments(
            &*txn,
            &user,
            &p,
            &rubric,
            &ranking,
            &cands,
            &data,
            state.today(),
            now,
        )
        .await?;
    }
    let mut active: panel::ActiveModel = p.into();
    active.state = Set(PanelState::Closed);
    active.closed_at = Set(Some(now));
    active.ranking = Set(Some(JsonText(ranking.clone())));
    let saved = active.update(&*txn).await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("panel.close", "panel", id).after(&ranking),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(repo::view(&state.db, &user, saved).await?))
}

#[utoipa::path(get, path = "/api/panels/{id}/export", params(("id" = i32, Path)),
    responses((status = 200, description = "The score sheets and the ranking as xlsx"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// Score sheets and ranking of a closed panel as xlsx (HRSS and the chair).
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let p = repo::visible(&state.db, &user, id).await?;
    if !(user.role == Role::HrssAdmin || p.chair_id == user.user.id) {
        return Err(ApiError::Forbidden("只有人社厅和评审组组长可以导出".into()));
    }
    let view = repo::view(&state.db, &user, p).await?;
    if view.state != PanelState::Closed {
        return Err(ApiError::Conflict("评分结束后才能导出".into()));
    }
    let bytes = panel_xlsx(&view)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"panel-{id}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn panel_xlsx(v: &PanelView) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ranking = book.add_worksheet();
    ranking.set_name("排名").map_err(err)?;
    let experts: Vec<String> = v
        .ranking
        .as_ref()
        .and_then(|r| r.first())
        .map(|r| r.totals.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let mut header = vec![
        "名次".to_owned(),
        "工作室".into(),
        "依托单位".into(),
        "汇总得分".into(),
    ];
    header.extend(experts.iter().cloned());
    header.push("去掉的分数".into());
    for (c, h) in header.iter().enumerate() {
        ranking
            .write_string_with_format(0, u16::try_from(c).unwrap_or(0), h, &bold)
            .map_err(err)?;
    }
    for (r, row) in v.ranking.iter().flatten().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(0);
        let mut cells = vec![
            row.place.to_string(),
            row.studio_name.clone(),
            row.unit_name.clone(),
            row.score.to_string(),
        ];
        cells.extend(
            row.totals
                .iter()
                .map(|(_, t)| t.map(|t| t.to_string()).unwrap_or_else(|| "回避".into())),
        );
        cells.push(row.dropped.join("、"));
        for (c, cell) in cells.iter().enumerate() {
            ranking
                .write_string(r, u16::try_from(c).unwrap_or(0), cell)
                .map_err(err)?;
        }
    }
    let sheets = book.add_worksheet();
    sheets.set_name("评分表").map_err(err)?;
    let mut header = vec!["专家".to_owned(), "评审对象".into()];
    header.extend(
        v.rubric
            .items
            .iter()
            .map(|i| format!("{}（{}）", i.label, i.max)),
    );
    header.extend(["合计".into(), "状态".into(), "签名时间".into()]);
    for (c, h) in header.iter().enumerate() {
        sheets
            .write_string_with_format(0, u16::try_from(c).unwrap_or(0), h, &bold)
            .map_err(err)?;
    }
    for (r, s) in v.sheets.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(0);
        let cand = v
            .candidates
            .iter()
            .find(|c| c.id == s.candidate_id)
            .map(|c| c.studio_name.clone())
            .unwrap_or_default();
        let mut cells = vec![s.expert_name.clone(), cand];
        cells.extend(v.rubric.items.iter().map(|i| {
            s.values
                .get(&i.key)
                .map(|t| t.to_string())
                .unwrap_or_default()
        }));
        cells.push(s.total.map(|t| t.to_string()).unwrap_or_default());
        cells.push(
            s.recusal
                .clone()
                .map(|r| format!("回避：{r}"))
                .unwrap_or_else(|| "已签名".into()),
        );
        cells.push(
            s.signed_at
                .map(|t| {
                    (t + chrono::Duration::hours(8))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
        );
        for (c, cell) in cells.iter().enumerate() {
            sheets
                .write_string(r, u16::try_from(c).unwrap_or(0), cell)
                .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

#[utoipa::path(get, path = "/api/admin/users/{id}/affiliations", params(("id" = i32, Path)),
    responses((status = 200, body = [Affiliation]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_affiliations(
    State(state): State<AppState>,
    AdminUser(_user): AdminUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<Affiliation>>, ApiError> {
    user_account::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(affiliations(&state.db, id).await?))
}

#[utoipa::path(put, path = "/api/admin/users/{id}/affiliations", params(("id" = i32, Path)), request_body = Vec<Affiliation>,
    responses((status = 200, body = [Affiliation]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS records where an expert works and worked (units) and belongs (organisations); panels read
/// them for conflicts of interest when they are formed.
pub async fn put_affiliations(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(id): IdPath,
    JsonBody(list): JsonBody<Vec<Affiliation>>,
) -> Result<Json<Vec<Affiliation>>, ApiError> {
    let expert = user_account::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut errors = Vec::new();
    if expert.role != Role::Expert {
        errors.push(FieldError::new(
            "id",
            "只有评审专家账号登记任职单位",
            "only experts have affiliations",
        ));
    }
    for (i, a) in list.iter().enumerate() {
        if a.unit_id.is_some() == a.org_id.is_some() {
            errors.push(FieldError::new(
                format!("[{i}]"),
                "每条须填写单位或组织之一",
                "give a unit or an organisation",
            ));
        }
        if a.until.is_some_and(|u| u < a.from) {
            errors.push(FieldError::new(
                format!("[{i}].until"),
                "结束日期不能早于开始日期",
                "ends before it starts",
            ));
        }
    }
    if list.len() > 50 {
        errors.push(FieldError::new("[]", "最多 50 条", "at most 50"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.now();
    let txn = state.begin_audited().await?;
    let before = affiliations(&*txn, id).await?;
    expert_affiliation::Entity::delete_many()
        .filter(expert_affiliation::Column::UserId.eq(id))
        .exec(&*txn)
        .await?;
    for a in &list {
        expert_affiliation::ActiveModel {
            user_id: Set(id),
            unit_id: Set(a.unit_id),
            org_id: Set(a.org_id),
            from_date: Set(a.from),
            until_date: Set(a.until),
            ..Default::default()
        }
        .insert(&*txn)
        .await
        .map_err(|e| match e {
            sea_orm::DbErr::Exec(_) | sea_orm::DbErr::Query(_) => {
                ApiError::Validation(vec![FieldError::new(
                    "[]",
                    "单位或组织不存在",
                    "no such unit or organisation",
                )])
            }
            other => ApiError::Database(other),
        })?;
    }
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("expert.affiliations", "user", id)
            .before(&before)
            .after(&list),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(list))
}

/// Tie-breakers naming an item the rubric does not have (they would silently do nothing).
fn tie_breaker_errors(
    rubric: &shared::scoring::Rubric,
    breakers: &[shared::scoring::TieBreaker],
) -> Vec<FieldError> {
    breakers
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            shared::scoring::TieBreaker::Item(key) if rubric.item(key).is_none() => {
                Some(FieldError::new(
                    format!("tie_breakers[{i}]"),
                    format!("评分细则中没有“{key}”这一项，不能用于同分比较"),
                    format!("the rubric has no item {key:?} to break ties with"),
                ))
            }
            _ => None,
        })
        .collect()
}
