//! Panels as each role sees them: members, candidates, sheets and their current values (the latest
//! change per item by client time, ties by id), outliers, and the ranking computed on closing.

use crate::auth::CurrentUser;
use crate::entity::{
    application, panel, panel_candidate, panel_member, score_change, score_sheet, studio, unit,
    user_account,
};
use crate::error::ApiError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::Tenths;
use shared::account::Role;
use shared::panel::{CandidateView, PanelState, PanelView, RankingRow, SheetView};
use shared::scoring::SheetFacts;
use shared::scoring::{Aggregation, Rubric, TieBreaker};
use std::collections::{BTreeMap, HashMap};

pub fn rubric(p: &panel::Model) -> Result<Rubric, ApiError> {
    Ok(p.rubric.0.clone())
}

pub fn aggregation(p: &panel::Model) -> Result<Aggregation, ApiError> {
    Ok(p.aggregation.0)
}

pub fn tie_breakers(p: &panel::Model) -> Result<Vec<TieBreaker>, ApiError> {
    Ok(p.tie_breakers.0.clone())
}

pub fn state(p: &panel::Model) -> Result<PanelState, ApiError> {
    Ok(p.state)
}

/// The experts of a panel in the order they were added, with their display names.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
) -> Result<Vec<(i32, String)>, ApiError> {
    let rows = panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|m| m.expert_id).collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(ids
        .into_iter()
        .map(|id| (id, names.get(&id).cloned().unwrap_or_default()))
        .collect())
}

/// The panel a caller may see: HRSS any, an expert those they sit on; otherwise 404.
pub async fn visible<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    id: i32,
) -> Result<panel::Model, ApiError> {
    let p = panel::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    match user.role {
        Role::HrssAdmin => Ok(p),
        // The bureau that organised an annual panel oversees it.
        Role::Recommender
            if p.organiser_org_id.is_some() && p.organiser_org_id == user.user.org_id =>
        {
            Ok(p)
        }
        Role::Expert => {
            let member = panel_member::Entity::find()
                .filter(panel_member::Column::PanelId.eq(id))
                .filter(panel_member::Column::ExpertId.eq(user.user.id))
                .one(db)
                .await?;
            member.map(|_| p).ok_or(ApiError::NotFound)
        }
        _ => Err(ApiError::NotFound),
    }
}

pub async fn candidates<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
) -> Result<Vec<CandidateView>, ApiError> {
    let rows = panel_candidate::Entity::find()
        .filter(panel_candidate::Column::PanelId.eq(panel_id))
        .order_by_asc(panel_candidate::Column::Position)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let view = if let Some(app_id) = c.application_id {
            let m = application::Entity::find_by_id(app_id)
                .one(db)
                .await?
                .ok_or(ApiError::NotFound)?;
            let (facts, _) = crate::repo::application::facts(&m)?;
            let p = crate::repo::application::profile(&m)?;
            let u = unit::Entity::find_by_id(m.unit_id)
                .one(db)
                .await?
                .ok_or(ApiError::NotFound)?;
            CandidateView {
                id: c.id,
                position: c.position,
                application_id: Some(app_id),
                studio_id: None,
                unit_name: u.name,
                studio_name: p.display_name(),
                leader_name: p.leader_name,
                occupation: p.occupation,
                level: facts.level,
                channel_rank: m.rank.and_then(|r| u32::try_from(r).ok()),
                computed: Vec::new(),
            }
        } else {
            let s = studio::Entity::find_by_id(c.studio_id.unwrap_or(-1))
                .one(db)
                .await?
                .ok_or(ApiError::NotFound)?;
            let u = unit::Entity::find_by_id(s.unit_id)
                .one(db)
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

/// The current values of each sheet and how many changes it has.
pub async fn values<C: ConnectionTrait>(
    db: &C,
    sheet_ids: &[i32],
) -> Result<HashMap<i32, (BTreeMap<String, Tenths>, usize)>, ApiError> {
    let mut out: HashMap<i32, (BTreeMap<String, Tenths>, usize)> = HashMap::new();
    if sheet_ids.is_empty() {
        return Ok(out);
    }
    let changes = score_change::Entity::find()
        .filter(score_change::Column::SheetId.is_in(sheet_ids.iter().copied()))
        .order_by_asc(score_change::Column::ClientAt)
        .order_by_asc(score_change::Column::Id)
        .all(db)
        .await?;
    for c in changes {
        let entry = out.entry(c.sheet_id).or_default();
        entry.0.insert(c.item_key, Tenths::from_tenths(c.value));
        entry.1 += 1;
    }
    Ok(out)
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

/// Whether a sheet counts towards the aggregate ([`SheetFacts::counts`]).
pub fn counts(s: &score_sheet::Model) -> bool {
    facts(s, false, false).counts()
}

pub struct SheetData {
    pub sheet: score_sheet::Model,
    pub values: BTreeMap<String, Tenths>,
    pub changes: usize,
}

pub async fn sheets<C: ConnectionTrait>(
    db: &C,
    panel_id: i32,
    expert: Option<i32>,
) -> Result<Vec<SheetData>, ApiError> {
    let mut q = score_sheet::Entity::find()
        .filter(score_sheet::Column::PanelId.eq(panel_id))
        .order_by_asc(score_sheet::Column::Id);
    if let Some(e) = expert {
        q = q.filter(score_sheet::Column::ExpertId.eq(e));
    }
    let rows = q.all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let mut vals = values(db, &ids).await?;
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
        comment: if show_values {
            d.sheet.comment.clone()
        } else {
            None
        },
    }
}

/// The sheets as `shared`'s ranking reads them.
fn ranked(data: &[SheetData]) -> Vec<shared::scoring::RankedSheet<'_>> {
    data.iter()
        .map(|d| shared::scoring::RankedSheet {
            candidate: d.sheet.candidate_id,
            expert: d.sheet.expert_id,
            counts: counts(&d.sheet),
            values: &d.values,
        })
        .collect()
}

/// Sheets far from the other experts' totals (signed sheets only).
pub fn outlier_sheets(data: &[SheetData], rubric: &Rubric) -> Vec<i32> {
    shared::scoring::outlier_sheets(rubric, &ranked(data))
        .into_iter()
        .map(|i| data[i].sheet.id)
        .collect()
}

/// The ranking of a panel whose sheets are all signed or recused.
pub fn ranking(
    p: &panel::Model,
    rubric: &Rubric,
    cands: &[CandidateView],
    data: &[SheetData],
    experts: &[(i32, String)],
) -> Result<Vec<RankingRow>, ApiError> {
    let name = |id: i32| {
        experts
            .iter()
            .find(|(e, _)| *e == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let order: Vec<shared::scoring::RankingCandidate> = cands
        .iter()
        .map(|c| shared::scoring::RankingCandidate {
            id: c.id,
            channel_rank: c.channel_rank,
        })
        .collect();
    let ids: Vec<i32> = experts.iter().map(|(id, _)| *id).collect();
    let placed = shared::scoring::rank_sheets(
        rubric,
        aggregation(p)?,
        &tie_breakers(p)?,
        &order,
        &ids,
        &ranked(data),
    )
    .map_err(|u| {
        let studio = cands
            .iter()
            .find(|c| c.id == u.candidate)
            .map(|c| c.studio_name.clone())
            .unwrap_or_default();
        ApiError::Conflict(format!("“{studio}”没有有效的评分表，不能汇总"))
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
                totals: s.totals.into_iter().map(|(e, t)| (name(e), t)).collect(),
                dropped: s.dropped.into_iter().map(name).collect(),
                item_means: s.item_means,
            }
        })
        .collect())
}

/// The panel as `user` may see it.
pub async fn view<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    p: panel::Model,
) -> Result<PanelView, ApiError> {
    let rubric = rubric(&p)?;
    let experts = members(db, p.id).await?;
    let cands = candidates(db, p.id).await?;
    let closed = state(&p)? == PanelState::Closed;
    let i_chair = user.role == Role::Expert && user.user.id == p.chair_id;
    let overseer = user.role == Role::HrssAdmin
        || i_chair
        || (user.role == Role::Recommender && p.organiser_org_id == user.user.org_id);
    let data = sheets(db, p.id, (!overseer).then_some(user.user.id)).await?;
    let flagged = if overseer {
        outlier_sheets(&data, &rubric)
    } else {
        Vec::new()
    };
    let name = |id: i32| {
        experts
            .iter()
            .find(|(e, _)| *e == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let sheets = data
        .iter()
        .map(|d| {
            let own = d.sheet.expert_id == user.user.id && user.role == Role::Expert;
            sheet_view(
                d,
                &rubric,
                &name(d.sheet.expert_id),
                own || closed,
                flagged.contains(&d.sheet.id),
            )
        })
        .collect();
    let ranking = p.ranking.clone().map(|r| r.0);
    let any_change = score_change::Entity::find()
        .filter(
            score_change::Column::SheetId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(score_sheet::Column::Id)
                    .from(score_sheet::Entity)
                    .and_where(score_sheet::Column::PanelId.eq(p.id))
                    .to_owned(),
            ),
        )
        .one(db)
        .await?
        .is_some();
    Ok(PanelView {
        id: p.id,
        purpose: p.purpose,
        title: p.title.clone(),
        occupation_group: p.occupation_group.clone(),
        session_on: p.session_on,
        location: p.location.clone(),
        rubric_editable: !any_change && !closed,
        aggregation: aggregation(&p)?,
        tie_breakers: tie_breakers(&p)?,
        rubric,
        state: state(&p)?,
        chair_id: p.chair_id,
        chair_name: name(p.chair_id),
        candidates: cands,
        sheets,
        ranking,
        i_chair,
    })
}
