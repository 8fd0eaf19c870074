//! The board every reviewer works from: the recommender's queue (their channel's applications) and
//! the HRSS round board (all submitted ones), filtered, sorted and paged in SQL, exported to CSV
//! (UTF-8 with BOM, so Excel opens Chinese correctly) and xlsx. Also each application's timeline.

use crate::auth::CurrentUser;
use crate::entity::{application, application_version, org, unit};
use crate::error::ApiError;
use crate::extract::{IdPath, QueryParams};
use crate::repo::application::{self as repo, visible};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, NullOrdering, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde::Deserialize;
use shared::account::Role;
use shared::geo::City;
use shared::procedure::{BOARD_COLUMNS, BoardPage, BoardRow, HistoryEntry, diff};
use shared::wire::{ErrorBody, FieldError};
use shared::workflow::AppState as Stage;
use shared::{Level, Tenths};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BoardSort {
    #[default]
    Id,
    SubmittedAt,
    Rank,
    DefenseScore,
    State,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

pub use crate::export::ExportFormat;

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct BoardQuery {
    pub round_id: Option<i32>,
    pub state: Option<Stage>,
    pub city: Option<City>,
    pub level: Option<Level>,
    pub channel_org_id: Option<i32>,
    /// Part of the unit's name.
    pub q: Option<String>,
    #[serde(default)]
    pub sort: BoardSort,
    #[serde(default)]
    pub dir: Direction,
    /// 1-based.
    pub page: Option<u64>,
    /// 1 to 200, default 50.
    pub per_page: Option<u64>,
}

/// Rows an export may hold.
pub const EXPORT_MAX_ROWS: u64 = 20_000;

fn filtered(user: &CurrentUser, f: &BoardQuery) -> Result<Select<application::Entity>, ApiError> {
    user.require(&[Role::Recommender, Role::HrssAdmin])?;
    let mut q = visible(user);
    if let Some(r) = f.round_id {
        q = q.filter(application::Column::RoundId.eq(r));
    }
    if let Some(s) = f.state {
        q = q.filter(application::Column::State.eq(s));
    }
    if let Some(l) = f.level {
        q = q.filter(application::Column::Level.eq(l));
    }
    if let Some(o) = f.channel_org_id {
        q = q.filter(application::Column::ChannelOrgId.eq(o));
    }
    let text = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if f.city.is_some() || text.is_some() {
        let mut units = Query::select();
        units.column(unit::Column::Id).from(unit::Entity);
        if let Some(c) = f.city {
            units.and_where(unit::Column::City.eq(c));
        }
        if let Some(t) = text {
            if t.chars().count() > 64 {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "q",
                    "搜索词最多 64 字",
                    "at most 64 characters",
                )]));
            }
            // Literal text: `%` and `_` in the search are not wildcards.
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            units.and_where(
                Expr::col((unit::Entity, unit::Column::Name))
                    .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
        q = q.filter(application::Column::UnitId.in_subquery(units.to_owned()));
    }
    let col = match f.sort {
        BoardSort::Id => application::Column::Id,
        BoardSort::SubmittedAt => application::Column::SubmittedAt,
        BoardSort::Rank => application::Column::Rank,
        BoardSort::DefenseScore => application::Column::DefenseScore,
        BoardSort::State => application::Column::State,
    };
    let order = match f.dir {
        Direction::Asc => sea_orm::Order::Asc,
        Direction::Desc => sea_orm::Order::Desc,
    };
    // Rows without a rank or score go last either way, on SQLite and PostgreSQL alike.
    Ok(q.order_by_with_nulls(col, order, NullOrdering::Last)
        .order_by_asc(application::Column::Id))
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    models: Vec<application::Model>,
) -> Result<Vec<BoardRow>, ApiError> {
    let unit_ids: Vec<i32> = models.iter().map(|m| m.unit_id).collect();
    let units: HashMap<i32, unit::Model> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let orgs: HashMap<i32, String> = org::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let u = units
            .get(&m.unit_id)
            .ok_or_else(|| ApiError::Internal(format!("unit {} missing", m.unit_id)))?;
        let (facts, _) = repo::facts(&m)?;
        let p = repo::profile(&m)?;
        let city: City = u.city;
        let county = city
            .counties()
            .iter()
            .find(|(code, _)| i64::from(*code) == i64::from(u.county_code))
            .map(|(_, name)| (*name).to_owned())
            .unwrap_or_default();
        let channel = match m.channel_org_id {
            Some(id) if !m.hrss_direct => orgs.get(&id).cloned().unwrap_or_default(),
            _ => shared::channel::Channel::HrssDirect.label_zh(),
        };
        out.push(BoardRow {
            id: m.id,
            unit_name: u.name.clone(),
            city,
            county,
            channel,
            level: facts.level,
            national_category: facts.national_category,
            studio_name: if p.leader_name.trim().is_empty() {
                String::new()
            } else {
                p.display_name()
            },
            leader_name: p.leader_name,
            occupation: p.occupation,
            state: m.state,
            rank: m.rank.and_then(|r| u32::try_from(r).ok()),
            defense_score: m.defense_score.map(Tenths::from_tenths),
            inspection_passed: m.inspection_passed,
            submitted_at: m.submitted_at,
            version: m.version,
        });
    }
    Ok(out)
}

#[utoipa::path(get, path = "/api/board", params(BoardQuery),
    responses((status = 200, body = BoardPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// The recommender's queue or the HRSS round board, one page.
pub async fn board(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(f): QueryParams<BoardQuery>,
) -> Result<Json<BoardPage>, ApiError> {
    let per_page = f.per_page.unwrap_or(50);
    if !(1..=200).contains(&per_page) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "per_page",
            "每页 1 到 200 条",
            "1 to 200 per page",
        )]));
    }
    let page = Ord::max(f.page.unwrap_or(1), 1);
    if page > 1_000_000 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "page",
            "页码过大",
            "the page number is too large",
        )]));
    }
    // Sort and page over ids alone, then load the page's rows: the sort never carries the facts.
    let paginator = filtered(&user, &f)?
        .select_only()
        .column(application::Column::Id)
        .into_tuple::<i32>()
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let ids = paginator.fetch_page(page - 1).await?;
    let mut models = application::Entity::find()
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .all(&state.db)
        .await?;
    models.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
    Ok(Json(BoardPage {
        total,
        page,
        per_page,
        rows: rows(&state.db, models).await?,
    }))
}

/// The export's format, read from the same query string as the board's filter.
#[derive(Debug, Clone, Deserialize)]
pub struct ExportQuery {
    pub format: ExportFormat,
}

#[utoipa::path(get, path = "/api/board/export", params(("format" = ExportFormat, Query), BoardQuery),
    responses((status = 200, description = "CSV (UTF-8 with BOM) or xlsx", content_type = "text/csv"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// The whole filtered board (every page) as CSV or xlsx.
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(q): QueryParams<ExportQuery>,
    QueryParams(filter): QueryParams<BoardQuery>,
) -> Result<Response, ApiError> {
    let select = filtered(&user, &filter)?;
    let paginator = select.paginate(&state.db, EXPORT_MAX_ROWS);
    let models = paginator.fetch_page(0).await?;
    let rows = rows(&state.db, models).await?;
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells().to_vec()).collect();
    crate::export::respond(
        q.format,
        &format!("board-{}", state.today().format("%Y%m%d")),
        "评审看板",
        &BOARD_COLUMNS,
        &cells,
    )
}

#[utoipa::path(get, path = "/api/applications/{id}/history", params(("id" = i32, Path)),
    responses((status = 200, body = [HistoryEntry]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// The application's timeline: every version, who made it, its state, and what changed.
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    repo::get_visible(&state.db, &user, id).await?;
    let versions = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .order_by_asc(application_version::Column::Version)
        .all(&state.db)
        .await?;
    let parse = |v: &application_version::Model| -> serde_json::Value {
        serde_json::json!({
            "facts": v.facts.0,
            "justifications": v.justifications.0,
            "profile": v.profile.0,
        })
    };
    let mut out = Vec::with_capacity(versions.len());
    let mut previous: Option<(serde_json::Value, shared::workflow::AppState)> = None;
    for v in &versions {
        let now = parse(v);
        let (changes, state_changed) = match &previous {
            Some((before, state)) => (diff(before, &now), *state != v.state),
            None => (Vec::new(), true),
        };
        out.push(HistoryEntry {
            version: v.version,
            state: v.state,
            at: v.at,
            actor: v.actor.clone(),
            state_changed,
            note: v.note.clone(),
            changes,
        });
        previous = Some((now, v.state));
    }
    Ok(Json(out))
}
