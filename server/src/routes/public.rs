//! Public lists (no login): approved studios, filterable by city, level and year.

use crate::entity::{studio, text_enum, unit};
use crate::error::ApiError;
use crate::extract::QueryParams;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use shared::geo::City;
use shared::{Fen, Level, NationalCategory};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StudioFilter {
    pub city: Option<City>,
    pub level: Option<Level>,
    pub year: Option<i32>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublicStudio {
    pub plaque_no: String,
    pub name: String,
    pub unit_name: String,
    pub city: City,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub occupation: String,
    pub approved_on: NaiveDate,
    pub term_end: NaiveDate,
    pub status: String,
    pub entitlement_fen: Fen,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StudioList {
    pub studios: Vec<PublicStudio>,
    pub total_entitlement_fen: Fen,
}

#[utoipa::path(get, path = "/api/public/studios", params(StudioFilter), responses((status = 200, body = StudioList)))]
pub async fn studios(
    State(state): State<AppState>,
    QueryParams(f): QueryParams<StudioFilter>,
) -> Result<Json<StudioList>, ApiError> {
    let mut q = studio::Entity::find()
        .find_also_related(unit::Entity)
        .order_by_asc(studio::Column::ApprovedOn)
        .order_by_asc(studio::Column::Id);
    if let Some(level) = f.level {
        q = q.filter(studio::Column::Level.eq(crate::entity::enum_text(&level)));
    }
    if let Some(city) = f.city {
        q = q.filter(unit::Column::City.eq(crate::entity::enum_text(&city)));
    }
    if let Some(year) = f.year {
        let (from, to) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        );
        if let (Some(from), Some(to)) = (from, to) {
            q = q.filter(studio::Column::ApprovedOn.between(from, to));
        }
    }
    let mut studios = Vec::new();
    let mut total = Fen::ZERO;
    for (s, u) in q.all(&state.db).await? {
        let Some(u) = u else { continue };
        let entitlement = Fen(s.entitlement_fen);
        total = total
            .checked_add(entitlement)
            .ok_or_else(|| ApiError::Internal("entitlement overflow".into()))?;
        debug_assert!(f.year.is_none_or(|y| s.approved_on.year() == y));
        studios.push(PublicStudio {
            plaque_no: s.plaque_no,
            name: s.name,
            unit_name: u.name,
            city: text_enum(&u.city)?,
            level: text_enum(&s.level)?,
            national_category: s.national_category.as_deref().map(text_enum).transpose()?,
            occupation: s.occupation,
            approved_on: s.approved_on,
            term_end: s.term_end,
            status: s.status,
            entitlement_fen: entitlement,
        });
    }
    Ok(Json(StudioList {
        studios,
        total_entitlement_fen: total,
    }))
}
