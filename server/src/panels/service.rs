//! Forming a panel (with conflicts of interest found from the experts' affiliations), the panels
//! each role sees, the rubric until the first score, recusals, reopening, the export, and the
//! sheets an expert still has to sign.

use super::store;
use super::view::{self, chairs};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, panel, score_sheet};
use crate::error::ApiError;
use crate::export::{Download, XLSX_MIME};
use crate::life::view::Reminder;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::life::{ReminderItem, ReminderKind};
use shared::panel::{PanelState, PanelSummary, PanelView, Recusal, Reopen, RubricUpdate};
use shared::wire::FieldError;

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
        return Err(ApiError::conflict(
            "已有专家评分，评分细则已锁定，不能再修改",
            "Experts have started scoring: the rubric is locked",
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
        return Err(ApiError::conflict(
            "评审组已结束评分",
            "The panel has closed scoring",
        ));
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
        return Err(ApiError::forbidden(
            "只有评审组组长可以重新开启评分表",
            "Only the panel's chair may reopen a score sheet",
        ));
    }
    shared::procedure::check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    if p.state == PanelState::Closed {
        return Err(ApiError::conflict(
            "评审组已结束评分",
            "The panel has closed scoring",
        ));
    }
    if sheet.signed_at.is_none() {
        return Err(ApiError::conflict(
            "该评分表尚未签名提交",
            "This score sheet has not been signed yet",
        ));
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
        return Err(ApiError::forbidden(
            "只有人社厅和评审组组长可以导出",
            "Only HRSS and the panel's chair may export",
        ));
    }
    let v = view::view(&state.db, actor, p).await?;
    if v.state != PanelState::Closed {
        return Err(ApiError::conflict(
            "评分结束后才能导出",
            "The export is available once scoring has closed",
        ));
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
                    label_en: format!("{}: {open} score sheet(s) to sign", p.title),
                    due: p.session_on,
                    link: format!("/scoring/{}", p.id),
                    change_id: None,
                },
            ));
        }
    }
    Ok(out)
}
