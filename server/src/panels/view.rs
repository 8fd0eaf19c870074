//! Panels as each role sees them: members, candidates, sheets and their current values, outliers,
//! and the ranking computed on closing. Every rule here is `shared`'s (sheet status, what counts,
//! outliers, ranking); this file only puts names on its answers.

use super::store;
use crate::actor::Actor;
use crate::entity::{panel, score_sheet};
use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use shared::Tenths;
use shared::account::Role;
use shared::panel::{CandidateView, PanelState, PanelSummary, PanelView, RankingRow, SheetView};
use shared::scoring::{RankedSheet, RankingCandidate, Rubric, SheetFacts};
use std::collections::BTreeMap;

/// A panel's experts in the order they were added, with their display names.
pub struct Members(pub Vec<(i32, String)>);

impl Members {
    pub fn name(&self, id: i32) -> String {
        self.0
            .iter()
            .find(|(e, _)| *e == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    pub fn ids(&self) -> Vec<i32> {
        self.0.iter().map(|(id, _)| *id).collect()
    }

    pub fn contains(&self, id: i32) -> bool {
        self.0.iter().any(|(e, _)| *e == id)
    }
}

pub async fn members<C: ConnectionTrait>(db: &C, panel_id: i32) -> Result<Members, ApiError> {
    Ok(Members(store::members(db, panel_id).await?))
}

/// What `shared`'s rules read of a stored sheet.
pub fn facts(s: &score_sheet::Model, mine: bool, panel_closed: bool) -> SheetFacts {
    SheetFacts {
        mine,
        panel_closed,
        excluded: s.conflict.clone().or_else(|| s.recusal_reason.clone()),
        signed: s.signed_at.is_some(),
    }
}

/// A stored sheet with its current values (the latest change per item by client time, ties by id)
/// and how many changes it has.
pub struct SheetData {
    pub sheet: score_sheet::Model,
    pub values: BTreeMap<String, Tenths>,
    pub changes: usize,
}

/// A panel's sheets (one expert's where given) with their values.
pub async fn sheets<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: Option<i32>,
) -> Result<Vec<SheetData>, ApiError> {
    let rows = store::sheets(db, panel_id, expert).await?;
    with_values(db, rows).await
}

/// `rows` with their values.
pub async fn with_values<C: ConnectionTrait>(
    db: &C,
    rows: Vec<score_sheet::Model>,
) -> Result<Vec<SheetData>, ApiError> {
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let mut vals = store::values(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let (values, changes) = vals.remove(&s.id).unwrap_or_default();
            SheetData {
                sheet: s,
                values,
                changes,
            }
        })
        .collect())
}

pub fn sheet_view(
    d: &SheetData,
    rubric: &Rubric,
    expert_name: &str,
    show_values: bool,
    outlier: bool,
) -> SheetView {
    let (total, missing) = rubric.total(&d.values);
    SheetView {
        id: d.sheet.id,
        candidate_id: d.sheet.candidate_id,
        expert_id: d.sheet.expert_id,
        expert_name: expert_name.to_owned(),
        status: facts(&d.sheet, false, false).status(!d.values.is_empty()),
        recusal: d.sheet.conflict.clone().or(d.sheet.recusal_reason.clone()),
        values: if show_values {
            d.values.clone()
        } else {
            BTreeMap::new()
        },
        total: (show_values && missing.is_empty()).then_some(total),
        signed_at: d.sheet.signed_at,
        reopened_reason: d.sheet.reopened_reason.clone(),
        changes: d.changes,
        outlier,
        comment: d.sheet.comment.clone().filter(|_| show_values),
    }
}

/// The candidates of a panel: applications (defense) or studios (assessments, with the items
/// `shared` computed from their reported figures).
pub async fn candidates<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
) -> Result<Vec<CandidateView>, ApiError> {
    let rows = store::candidate_rows(db, panel_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let view = if let Some(app_id) = c.application_id {
            let m = store::application(db, app_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let u = store::unit(db, m.unit_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let p = m.profile.0.clone();
            CandidateView {
                id: c.id,
                position: c.position,
                application_id: Some(app_id),
                studio_id: None,
                unit_name: u.name,
                studio_name: p.display_name(),
                leader_name: p.leader_name,
                occupation: p.occupation,
                level: m.facts.0.level,
                channel_rank: m.rank.and_then(|r| u32::try_from(r).ok()),
                computed: Vec::new(),
            }
        } else {
            let s = store::studio(db, c.studio_id.unwrap_or(-1))
                .await?
                .ok_or(ApiError::NotFound)?;
            let u = store::unit(db, s.unit_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            CandidateView {
                id: c.id,
                position: c.position,
                application_id: None,
                studio_id: Some(s.id),
                unit_name: u.name,
                studio_name: s.name,
                leader_name: s.leader_name,
                occupation: s.occupation,
                level: s.level,
                channel_rank: None,
                computed: c
                    .reported
                    .as_ref()
                    .map(|r| shared::scoring::assessment_suggestions(r))
                    .unwrap_or_default(),
            }
        };
        out.push(view);
    }
    Ok(out)
}

/// The sheets as `shared`'s ranking reads them.
fn ranked(data: &[SheetData]) -> Vec<RankedSheet<'_>> {
    data.iter()
        .map(|d| RankedSheet {
            candidate: d.sheet.candidate_id,
            expert: d.sheet.expert_id,
            counts: facts(&d.sheet, false, false).counts(),
            values: &d.values,
        })
        .collect()
}

/// The ranking of a panel whose sheets are all signed or recused, with names on it; 409 naming a
/// candidate no sheet counts for.
pub fn ranking(
    p: &panel::Model,
    cands: &[CandidateView],
    data: &[SheetData],
    experts: &Members,
) -> Result<Vec<RankingRow>, ApiError> {
    let order: Vec<RankingCandidate> = cands
        .iter()
        .map(|c| RankingCandidate {
            id: c.id,
            channel_rank: c.channel_rank,
        })
        .collect();
    let placed = shared::scoring::rank_sheets(
        &p.rubric.0,
        p.aggregation.0,
        &p.tie_breakers.0,
        &order,
        &experts.ids(),
        &ranked(data),
    )
    .map_err(|u| {
        let studio = cands
            .iter()
            .find(|c| c.id == u.candidate)
            .map(|c| c.studio_name.clone())
            .unwrap_or_default();
        ApiError::conflict(
            format!("“{studio}”没有有效的评分表，不能汇总"),
            format!("“{studio}” has no valid score sheet: nothing to aggregate"),
        )
    })?;
    Ok(placed
        .into_iter()
        .map(|s| {
            let c = cands.iter().find(|c| c.id == s.candidate);
            RankingRow {
                place: s.place,
                candidate_id: s.candidate,
                studio_name: c.map(|c| c.studio_name.clone()).unwrap_or_default(),
                unit_name: c.map(|c| c.unit_name.clone()).unwrap_or_default(),
                score: s.score,
                mean: s.mean,
                totals: s
                    .totals
                    .into_iter()
                    .map(|(e, t)| (experts.name(e), t))
                    .collect(),
                dropped: s.dropped.into_iter().map(|e| experts.name(e)).collect(),
                item_means: s.item_means,
            }
        })
        .collect())
}

/// Whether the actor oversees the panel (sees every sheet's progress and outliers): HRSS, the
/// chair, and the bureau that organised an annual panel.
pub fn oversees(actor: &Actor, p: &panel::Model) -> bool {
    actor.is(Role::HrssAdmin)
        || chairs(actor, p)
        || (actor.is(Role::Recommender)
            && p.organiser_org_id.is_some()
            && p.organiser_org_id == actor.org_id)
}

pub fn chairs(actor: &Actor, p: &panel::Model) -> bool {
    actor.is(Role::Expert) && actor.id == Some(p.chair_id)
}

/// The panel as the actor may see it.
pub async fn view<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: panel::Model,
) -> Result<PanelView, ApiError> {
    let rubric = p.rubric.0.clone();
    let experts = members(db, p.id).await?;
    let cands = candidates(db, p.id).await?;
    let closed = p.state == PanelState::Closed;
    let overseer = oversees(actor, &p);
    let data = sheets(db, p.id, (!overseer).then_some(actor.user_id())).await?;
    let flagged: Vec<i32> = if overseer {
        shared::scoring::outlier_sheets(&rubric, &ranked(&data))
            .into_iter()
            .map(|i| data[i].sheet.id)
            .collect()
    } else {
        Vec::new()
    };
    let sheets = data
        .iter()
        .map(|d| {
            let own = actor.is(Role::Expert) && Some(d.sheet.expert_id) == actor.id;
            sheet_view(
                d,
                &rubric,
                &experts.name(d.sheet.expert_id),
                own || closed,
                flagged.contains(&d.sheet.id),
            )
        })
        .collect();
    let any_score = store::any_score(db, p.id).await?;
    Ok(PanelView {
        id: p.id,
        purpose: p.purpose,
        title: p.title.clone(),
        occupation_group: p.occupation_group.clone(),
        session_on: p.session_on,
        location: p.location.clone(),
        rubric_editable: !any_score && !closed,
        aggregation: p.aggregation.0,
        tie_breakers: p.tie_breakers.0.clone(),
        rubric,
        state: p.state,
        chair_id: p.chair_id,
        chair_name: experts.name(p.chair_id),
        candidates: cands,
        sheets,
        ranking: p.ranking.clone().map(|r| r.0),
        i_chair: chairs(actor, &p),
    })
}

/// A line of the panel list.
pub async fn summary<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: &panel::Model,
) -> Result<PanelSummary, ApiError> {
    let experts = members(db, p.id).await?;
    let candidates = store::candidate_count(db, p.id).await?;
    Ok(PanelSummary {
        id: p.id,
        purpose: p.purpose,
        title: p.title.clone(),
        occupation_group: p.occupation_group.clone(),
        session_on: p.session_on,
        state: p.state,
        chair_name: experts.name(p.chair_id),
        experts: experts.0.len(),
        candidates: usize::try_from(candidates).unwrap_or(usize::MAX),
        i_chair: chairs(actor, p),
        i_score: actor.id.is_some_and(|id| experts.contains(id)),
    })
}
