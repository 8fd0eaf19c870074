//! The board every reviewer works from: the recommender's queue (their channel's applications)
//! and the HRSS round board (all submitted ones), filtered, sorted and paged in SQL, and exported
//! whole to CSV or xlsx.

use super::store;
use crate::actor::Actor;
use crate::entity::application;
use crate::error::ApiError;
use crate::export::{Download, ExportFormat};
use crate::state::AppState;
use sea_orm::{ConnectionTrait, PaginatorTrait, QuerySelect, Select};
use shared::Tenths;
use shared::account::Role;
use shared::api::query::BoardQuery;
use shared::procedure::{BOARD_COLUMNS, BoardPage, BoardRow};
use shared::wire::FieldError;

/// Rows an export may hold.
pub const EXPORT_MAX_ROWS: u64 = 20_000;

fn filtered(actor: &Actor, f: &BoardQuery) -> Result<Select<application::Entity>, ApiError> {
    actor.require(&[Role::Recommender, Role::HrssAdmin])?;
    if f.q
        .as_deref()
        .is_some_and(|t| t.trim().chars().count() > 64)
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "q",
            "搜索词最多 64 字",
            "at most 64 characters",
        )]));
    }
    let visible = crate::applications::service::scope(actor);
    Ok(store::board(visible, f))
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    models: Vec<application::Model>,
) -> Result<Vec<BoardRow>, ApiError> {
    let units = store::units_by_id(db, models.iter().map(|m| m.unit_id).collect()).await?;
    let orgs = store::org_names(db).await?;
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let u = units
            .get(&m.unit_id)
            .ok_or_else(|| ApiError::Internal(format!("unit {} missing", m.unit_id)))?;
        let p = &m.profile;
        let county = u
            .city
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
            city: u.city,
            county,
            channel,
            level: m.facts.level,
            national_category: m.facts.national_category,
            studio_name: if p.leader_name.trim().is_empty() {
                String::new()
            } else {
                p.display_name()
            },
            leader_name: p.leader_name.clone(),
            occupation: p.occupation.clone(),
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

/// One page of the recommender's queue or the HRSS round board.
pub async fn page(state: &AppState, actor: &Actor, f: BoardQuery) -> Result<BoardPage, ApiError> {
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
    let paginator = filtered(actor, &f)?
        .select_only()
        .column(application::Column::Id)
        .into_tuple::<i32>()
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let ids = paginator.fetch_page(page - 1).await?;
    let models = store::in_order(&state.db, &ids).await?;
    Ok(BoardPage {
        total,
        page,
        per_page,
        rows: rows(&state.db, models).await?,
    })
}

/// The whole filtered board (every page) as CSV or xlsx.
pub async fn export(
    state: &AppState,
    actor: &Actor,
    format: ExportFormat,
    f: BoardQuery,
) -> Result<Download, ApiError> {
    let models = filtered(actor, &f)?
        .paginate(&state.db, EXPORT_MAX_ROWS)
        .fetch_page(0)
        .await?;
    let rows = rows(&state.db, models).await?;
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells().to_vec()).collect();
    crate::export::table(
        format,
        &format!("board-{}", state.today().format("%Y%m%d")),
        "评审看板",
        &BOARD_COLUMNS,
        &cells,
    )
}
