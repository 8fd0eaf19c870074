//! Forming a panel (with conflicts of interest found from the experts' affiliations), the panels
//! each role sees, the rubric until the first score, recusals, reopening, the export, and the
//! sheets an expert still has to sign.

use super::store;
use super::view::{self, chairs};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, panel, panel_candidate, score_sheet};
use crate::error::ApiError;
use crate::export::{Download, XLSX_MIME};
use crate::life::view::Reminder;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::life::{NotAssessable, ReminderItem, ReminderKind};
use shared::panel::{NewPanel, PanelState, PanelSummary, PanelView, Recusal, Reopen, RubricUpdate};
use shared::scoring::{PanelPurpose, assessment_rubric, conflict, defense_rubric};
use shared::wire::FieldError;
use shared::workflow::AppState as Stage;

/// The panel the actor may see: HRSS any, the bureau its annual panels, an expert those they sit
/// on; otherwise 404.
pub async fn visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<panel::Model, ApiError> {
    let p = store::panel(db, id).await?.ok_or(ApiError::NotFound)?;
    let sees = match actor.role {
        Some(Role::HrssAdmin) => true,
        Some(Role::Recommender) => {
            p.organiser_org_id.is_some() && p.organiser_org_id == actor.org_id
        }
        Some(Role::Expert) => store::is_member(db, id, actor.user_id()).await?,
        _ => false,
    };
    if sees { Ok(p) } else { Err(ApiError::NotFound) }
}

/// A candidate as the panel stores it: the application or studio, its unit and recommending
/// organisation (for conflicts of interest).
struct Candidate {
    id: i32,
    unit_id: i32,
    org: Option<i32>,
}

/// 第十五条（一）: a city bureau (or department) organises the annual assessment of its studios;
/// every other panel is HRSS's.
fn organiser(actor: &Actor, purpose: PanelPurpose) -> Result<Option<i32>, ApiError> {
    match actor.role {
        Some(Role::HrssAdmin) => Ok(None),
        Some(Role::Recommender) if purpose == PanelPurpose::Annual && actor.org_id.is_some() => {
            Ok(actor.org_id)
        }
        _ => Err(ApiError::Forbidden(
            "评审组由自治区人社厅组建；年度考核可由市人社局或主管部门组建".into(),
        )),
    }
}

/// Candidates: applications in the defense review, or studios for an assessment on the day it
/// sits (an end of term only after the term, a re-assessment only after the year of
/// rectification) within the organiser's scope.
async fn candidates<C: ConnectionTrait>(
    db: &C,
    new: &NewPanel,
    organiser: Option<i32>,
    sits_on: chrono::NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<Candidate>, ApiError> {
    let mut out = Vec::new();
    for (i, id) in new.candidates.iter().enumerate() {
        let field = format!("candidates[{i}]");
        let found = if new.purpose == PanelPurpose::Defense {
            store::application(db, *id)
                .await?
                .filter(|m| m.state == Stage::DefenseReview)
                .filter(|m| new.round_id.is_none_or(|r| r == m.round_id))
                .map(|m| Candidate {
                    id: m.id,
                    unit_id: m.unit_id,
                    org: m.channel_org_id,
                })
        } else {
            match crate::life::service::studio_of(db, *id).await? {
                Some(s) => {
                    if let Err(why @ NotAssessable::NotYet { .. }) =
                        crate::life::service::assessable(&s, new.purpose, sits_on)
                    {
                        errors.push(FieldError::new(
                            field,
                            format!("“{}”：{}", s.name, why.message_zh()),
                            why.message_en(),
                        ));
                        continue;
                    }
                    let org = store::unit(db, s.unit_id)
                        .await?
                        .and_then(|u| u.channel_org_id);
                    let kind = shared::life::assessment_kind(
                        new.purpose == PanelPurpose::EndOfTerm,
                        s.status,
                    );
                    let in_scope = organiser.is_none() || org == organiser;
                    (kind.is_some() && in_scope).then_some(Candidate {
                        id: s.id,
                        unit_id: s.unit_id,
                        org,
                    })
                }
                None => None,
            }
        };
        match found {
            Some(c) => out.push(c),
            None => errors.push(FieldError::new(
                field,
                if new.purpose == PanelPurpose::Defense {
                    "不是处于答辩评审阶段的申报"
                } else {
                    "不是可以参加此项考核的工作室（年度考核：建设中；期满考核：建设期满或整改中）"
                },
                "not a candidate this panel can score",
            )),
        }
    }
    Ok(out)
}

/// The experts must be enabled expert accounts.
async fn check_experts<C: ConnectionTrait>(
    db: &C,
    new: &NewPanel,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    let accounts = store::accounts(db, new.experts.clone()).await?;
    for (i, id) in new.experts.iter().enumerate() {
        let ok = accounts
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
    Ok(())
}

/// HRSS (or a bureau, for its annual assessments) forms a panel: its experts (one the chair), the
/// candidates, the rubric (default by purpose) and how scores aggregate. Conflicts of interest are
/// found now, from the experts' affiliations.
pub async fn create(state: &AppState, actor: &Actor, new: NewPanel) -> Result<PanelView, ApiError> {
    let organiser = organiser(actor, new.purpose)?;
    new.check().map_err(ApiError::Validation)?;
    let rubric = new.rubric.clone().unwrap_or_else(|| match new.purpose {
        PanelPurpose::Defense => defense_rubric(),
        _ => assessment_rubric(),
    });
    let mut errors = rubric.check_tie_breakers(&new.tie_breakers);
    check_experts(&state.db, &new, &mut errors).await?;
    let sits_on = new.session_on.unwrap_or_else(|| state.today());
    let cands = candidates(&state.db, &new, organiser, sits_on, &mut errors).await?;
    errors.extend(new.check_reported());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let saved = store::insert_panel(
        &*w,
        panel::ActiveModel {
            purpose: Set(new.purpose),
            round_id: Set(new.round_id),
            title: Set(new.title.trim().to_owned()),
            occupation_group: Set(new.occupation_group.trim().to_owned()),
            session_on: Set(new.session_on),
            location: Set(new.location.trim().to_owned()),
            rubric: Set(JsonText(rubric)),
            aggregation: Set(JsonText(new.aggregation)),
            tie_breakers: Set(JsonText(new.tie_breakers.clone())),
            chair_id: Set(new.chair),
            state: Set(PanelState::Open),
            created_by: Set(actor.username.clone()),
            created_at: Set(w.now()),
            assessed_year: Set(new.year),
            organiser_org_id: Set(organiser),
            ..Default::default()
        },
    )
    .await?;
    for e in &new.experts {
        store::insert_member(&*w, saved.id, *e).await?;
    }
    let mut affiliations = Vec::new();
    for e in &new.experts {
        affiliations.push((*e, crate::admin::service::affiliations::of(&*w, *e).await?));
    }
    let mut flagged = Vec::new();
    for (pos, c) in cands.iter().enumerate() {
        // Figures given with the panel, or else the studio's own annual report.
        let reported = match new.reported.iter().find(|r| r.studio_id == c.id) {
            _ if new.purpose == PanelPurpose::Defense => None,
            Some(r) => Some(r.input.clone()),
            None => {
                let s = crate::life::service::studio_of(&*w, c.id)
                    .await?
                    .ok_or(ApiError::NotFound)?;
                Some(
                    crate::life::service::reported_input(&*w, &s, new.purpose, new.year, sits_on)
                        .await?,
                )
            }
        };
        let defense = new.purpose == PanelPurpose::Defense;
        let row = store::insert_candidate(
            &*w,
            panel_candidate::ActiveModel {
                panel_id: Set(saved.id),
                application_id: Set(defense.then_some(c.id)),
                studio_id: Set((!defense).then_some(c.id)),
                position: Set(i32::try_from(pos + 1).unwrap_or(i32::MAX)),
                reported: Set(reported.map(JsonText)),
                ..Default::default()
            },
        )
        .await?;
        for (e, list) in &affiliations {
            let why = conflict(list, c.unit_id, c.org, w.today());
            if why.is_some() {
                flagged.push(serde_json::json!({ "expert": e, "candidate": c.id }));
            }
            store::insert_sheet(
                &*w,
                score_sheet::ActiveModel {
                    panel_id: Set(saved.id),
                    candidate_id: Set(row.id),
                    expert_id: Set(*e),
                    conflict: Set(why),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    w.done(
        Event::new("panel.create", "panel", saved.id).after(&serde_json::json!({
            "title": new.title, "experts": new.experts, "chair": new.chair,
            "candidates": new.candidates, "aggregation": new.aggregation,
            "conflicts": flagged,
        })),
    )
    .await?;
    view::view(&state.db, actor, saved).await
}

/// HRSS: every panel; a bureau: the annual panels it organised; an expert: the panels they sit on.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<PanelSummary>, ApiError> {
    actor.require(&[Role::HrssAdmin, Role::Expert, Role::Recommender])?;
    let organiser = actor
        .is(Role::Recommender)
        .then(|| actor.org_id.unwrap_or(-1));
    let member = actor.is(Role::Expert).then(|| actor.user_id());
    let mut out = Vec::new();
    for p in store::panels(&state.db, organiser, member).await? {
        out.push(view::summary(&state.db, actor, &p).await?);
    }
    Ok(out)
}

pub async fn get(state: &AppState, actor: &Actor, id: i32) -> Result<PanelView, ApiError> {
    let p = visible(&state.db, actor, id).await?;
    view::view(&state.db, actor, p).await
}

/// Changes the rubric until the first score is in; then it is locked.
pub async fn update_rubric(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: RubricUpdate,
) -> Result<PanelView, ApiError> {
    actor.require(&[Role::HrssAdmin])?;
    req.rubric.check().map_err(ApiError::Validation)?;
    let current = store::panel(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let errors = req.rubric.check_tie_breakers(&current.tie_breakers.0);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let p = store::panel(&*w, id).await?.ok_or(ApiError::NotFound)?;
    if store::any_score(&*w, id).await? || p.state == PanelState::Closed {
        return Err(ApiError::Conflict(
            "已有专家评分，评分细则已锁定，不能再修改".into(),
        ));
    }
    let before = p.rubric.clone();
    let mut active: panel::ActiveModel = p.into();
    active.rubric = Set(JsonText(req.rubric.clone()));
    let saved = store::update_panel(&*w, active).await?;
    w.done(
        Event::new("panel.rubric", "panel", id)
            .before(&before.0)
            .after(&req.rubric),
    )
    .await?;
    view::view(&state.db, actor, saved).await
}

/// An expert recuses themself from a candidate, with a reason: that sheet never counts.
pub async fn recuse(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: Recusal,
) -> Result<PanelView, ApiError> {
    let p = visible(&state.db, actor, id).await?;
    actor.require(&[Role::Expert])?;
    shared::procedure::check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    if p.state == PanelState::Closed {
        return Err(ApiError::Conflict("评审组已结束评分".into()));
    }
    let w = Write::begin(state, actor).await?;
    let sheet = store::sheet_of(&*w, id, req.candidate_id, actor.user_id())
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "candidate_id",
                "不是本评审组的评审对象",
                "not a candidate of this panel",
            )])
        })?;
    let reason = req.reason.trim().to_owned();
    let mut active: score_sheet::ActiveModel = sheet.into();
    active.recusal_reason = Set(Some(reason.clone()));
    store::update_sheet(&*w, active).await?;
    w.done(
        Event::new("panel.recuse", "panel", id)
            .after(&serde_json::json!({ "candidate": req.candidate_id }))
            .reason(Some(reason)),
    )
    .await?;
    view::view(&state.db, actor, p).await
}

/// The chair reopens a signed sheet, with a reason, so its expert can change it.
pub async fn reopen(
    state: &AppState,
    actor: &Actor,
    sheet_id: i32,
    req: Reopen,
) -> Result<PanelView, ApiError> {
    let sheet = store::sheet(&state.db, sheet_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let p = visible(&state.db, actor, sheet.panel_id).await?;
    if !chairs(actor, &p) {
        return Err(ApiError::Forbidden(
            "只有评审组组长可以重新开启评分表".into(),
        ));
    }
    shared::procedure::check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    if p.state == PanelState::Closed {
        return Err(ApiError::Conflict("评审组已结束评分".into()));
    }
    if sheet.signed_at.is_none() {
        return Err(ApiError::Conflict("该评分表尚未签名提交".into()));
    }
    let reason = req.reason.trim().to_owned();
    let w = Write::begin(state, actor).await?;
    let mut active: score_sheet::ActiveModel = sheet.into();
    active.signed_at = Set(None);
    active.signature = Set(None);
    active.reopened_reason = Set(Some(reason.clone()));
    store::update_sheet(&*w, active).await?;
    w.done(Event::new("score_sheet.reopen", "score_sheet", sheet_id).reason(Some(reason)))
        .await?;
    view::view(&state.db, actor, p).await
}

/// Score sheets and ranking of a closed panel as xlsx (HRSS and the chair).
pub async fn export(state: &AppState, actor: &Actor, id: i32) -> Result<Download, ApiError> {
    let p = visible(&state.db, actor, id).await?;
    if !(actor.is(Role::HrssAdmin) || chairs(actor, &p)) {
        return Err(ApiError::Forbidden("只有人社厅和评审组组长可以导出".into()));
    }
    let v = view::view(&state.db, actor, p).await?;
    if v.state != PanelState::Closed {
        return Err(ApiError::Conflict("评分结束后才能导出".into()));
    }
    let bytes = super::xlsx::panel(&v)?;
    Ok(Download::new(format!("panel-{id}.xlsx"), XLSX_MIME, bytes))
}

/// An expert's work in the digest: the open panels where sheets still wait for their signature.
pub async fn sheets_to_sign<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<Reminder>, ApiError> {
    let mut out = Vec::new();
    for p in store::panels(db, None, Some(actor.user_id())).await? {
        if p.state != PanelState::Open {
            continue;
        }
        let open = store::unsigned_sheets(db, p.id, actor.user_id()).await?;
        if open > 0 {
            out.push((
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
    Ok(out)
}
