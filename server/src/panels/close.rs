//! The chair closes scoring once every sheet is signed or recused: the candidates are ranked by
//! the declared aggregation and tie-breakers, every score becomes visible, each application of a
//! defense panel gets its defense score, and each studio of an assessment panel its result.

use super::store;
use super::view::{self, Members, SheetData, chairs};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, panel};
use crate::error::ApiError;
use crate::life::assessments::AssessmentResult;
use crate::state::AppState;
use crate::work::Write;
use chrono::Datelike;
use sea_orm::ActiveValue::Set;
use shared::life::{AssessmentKind, SheetItem};
use shared::panel::{CandidateView, PanelState, PanelView, RankingRow};
use shared::scoring::PanelPurpose;
use shared::workflow::AppState as Stage;

pub async fn close(state: &AppState, actor: &Actor, id: i32) -> Result<PanelView, ApiError> {
    let p = super::service::visible(&state.db, actor, id).await?;
    if !chairs(actor, &p) {
        return Err(ApiError::forbidden(
            "只有评审组组长可以结束评分",
            "Only the panel's chair may close scoring",
        ));
    }
    let w = Write::begin(state, actor).await?;
    let p = store::panel(&*w, id).await?.ok_or(ApiError::NotFound)?;
    if p.state == PanelState::Closed {
        return Err(ApiError::conflict(
            "评审组已结束评分",
            "The panel has closed scoring",
        ));
    }
    let data = view::sheets(&*w, id, None).await?;
    let open = data
        .iter()
        .filter(|d| view::facts(&d.sheet, false, false).pending())
        .count();
    if open > 0 {
        return Err(ApiError::conflict(
            format!("还有 {open} 张评分表未签名提交，不能结束评分"),
            format!("{open} score sheet(s) are not signed yet: scoring cannot close"),
        ));
    }
    let experts: Members = view::members(&*w, id).await?;
    let cands = view::candidates(&*w, id).await?;
    let ranking = view::ranking(&p, &cands, &data, &experts)?;
    if p.purpose == PanelPurpose::Defense {
        defense_scores(&w, &p, &cands, &ranking).await?;
    } else {
        assessments(&w, &p, &cands, &data, &ranking).await?;
    }
    let mut active: panel::ActiveModel = p.into();
    active.state = Set(PanelState::Closed);
    active.closed_at = Set(Some(w.now()));
    active.ranking = Set(Some(JsonText(ranking.clone())));
    let saved = store::update_panel(&*w, active).await?;
    w.done(Event::new("panel.close", "panel", id).after(&ranking))
        .await?;
    view::view(&state.db, actor, saved).await
}

/// 第十一条（三）: each application's defense score, as a move of the procedure.
async fn defense_scores(
    w: &Write<'_>,
    p: &panel::Model,
    cands: &[CandidateView],
    ranking: &[RankingRow],
) -> Result<(), ApiError> {
    use crate::applications::moves::{self, Change, Move};
    for row in ranking {
        let Some(app_id) = cands
            .iter()
            .find(|c| c.id == row.candidate_id)
            .and_then(|c| c.application_id)
        else {
            continue;
        };
        let m = store::application(&**w, app_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        if m.state != Stage::DefenseReview {
            return Err(ApiError::conflict(
                format!("申报 {app_id} 已不在答辩评审阶段"),
                format!("Application {app_id} is no longer in the defense review"),
            ));
        }
        let reason = format!(
            "答辩评审组“{}”汇总 {} 分，第 {} 名",
            p.title, row.score, row.place
        );
        let mv = Move::new("defense_score", Stage::DefenseReview)
            .with(Change::DefenseScore(row.score))
            .reason(Some(reason));
        moves::apply(w, &m, mv).await?;
    }
    Ok(())
}

/// 第十五条: each studio's result, with the items as the experts scored them on average and the
/// comments of the sheets that count.
async fn assessments(
    w: &Write<'_>,
    p: &panel::Model,
    cands: &[CandidateView],
    data: &[SheetData],
    ranking: &[RankingRow],
) -> Result<(), ApiError> {
    let today = w.today();
    for row in ranking {
        let Some(c) = cands.iter().find(|c| c.id == row.candidate_id) else {
            continue;
        };
        let Some(studio_id) = c.studio_id else {
            continue;
        };
        let s = crate::life::assessments::studio_of(&**w, studio_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let kind = crate::life::assessments::assessable(&s, p.purpose, today).map_err(|why| {
            ApiError::conflict(
                format!(
                    "工作室“{}”不能记录{}结果：{}",
                    s.name,
                    p.purpose.label_zh(),
                    why.message_zh()
                ),
                format!(
                    "Studio “{}” cannot take a {} result: {}",
                    s.name,
                    p.purpose.label_en(),
                    why.message_en()
                ),
            )
        })?;
        let year = match kind {
            AssessmentKind::Annual => p.assessed_year.unwrap_or(today.year() - 1),
            _ => today.year(),
        };
        let items = p
            .rubric
            .0
            .items
            .iter()
            .map(|it| {
                let computed = c.computed.iter().find(|ci| ci.item == it.key);
                SheetItem {
                    key: it.key.clone(),
                    label: it.label.clone(),
                    max: it.max,
                    score: row.item_means.get(&it.key).copied().unwrap_or_default(),
                    explanation: computed
                        .map(|ci| ci.explanation.clone())
                        .unwrap_or_default(),
                    explanation_en: computed
                        .map(|ci| ci.explanation_en.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        let comments = data
            .iter()
            .filter(|d| d.sheet.candidate_id == c.id)
            .filter(|d| view::facts(&d.sheet, false, false).excluded.is_none())
            .filter_map(|d| d.sheet.comment.clone())
            .filter(|t| !t.trim().is_empty())
            .collect();
        crate::life::assessments::record_assessment(
            w,
            AssessmentResult {
                studio_id,
                panel_id: p.id,
                kind,
                year,
                row: row.clone(),
                items,
                comments,
            },
        )
        .await?;
    }
    Ok(())
}
