//! The working-day calendar's schedules: the compiled-in years and those HRSS enters once the
//! State Council publishes them (a notice whose 5 working days reach an unentered year is refused).

use crate::auth::AdminUser;
use crate::entity::holiday;
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::calendar::{
    EMBEDDED_YEARS, HolidayEntry, HolidaySchedule, ScheduleYear, embedded_entries,
};
use shared::wire::{ErrorBody, FieldError};
use std::collections::BTreeMap;

#[utoipa::path(get, path = "/api/admin/holidays",
    responses((status = 200, body = Vec<ScheduleYear>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// Every year the calendar knows, compiled in or entered, with its dates.
pub async fn list(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<Vec<ScheduleYear>>, ApiError> {
    let mut by_date: BTreeMap<NaiveDate, HolidayEntry> = embedded_entries()
        .into_iter()
        .map(|e| (e.date, e))
        .collect();
    for r in holiday::Entity::find()
        .order_by_asc(holiday::Column::Date)
        .all(&state.db)
        .await?
    {
        by_date.insert(
            r.date,
            HolidayEntry {
                date: r.date,
                kind: r.kind,
                name: r.name,
            },
        );
    }
    let mut years: BTreeMap<i32, Vec<HolidayEntry>> = BTreeMap::new();
    for e in by_date.into_values() {
        years.entry(e.schedule_year()).or_default().push(e);
    }
    Ok(Json(
        years
            .into_iter()
            .map(|(year, days)| ScheduleYear {
                year,
                embedded: EMBEDDED_YEARS.contains(&year),
                days,
            })
            .collect(),
    ))
}

#[utoipa::path(put, path = "/api/admin/holidays/{year}", params(("year" = i32, Path)), request_body = HolidaySchedule,
    responses((status = 200, body = ScheduleYear), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// HRSS enters (or replaces) a future year's schedule as published; audited.
pub async fn put(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    IdPath(year): IdPath,
    JsonBody(s): JsonBody<HolidaySchedule>,
) -> Result<Json<ScheduleYear>, ApiError> {
    let mut errors = s.check().err().unwrap_or_default();
    if s.year != year {
        errors.push(FieldError::new(
            "year",
            "与地址中的年度不一致",
            "differs from the year in the path",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (from, to) = match (
        NaiveDate::from_ymd_opt(year - 1, 12, 31),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(f), Some(t)) => (f, t),
        _ => return Err(ApiError::Internal("schedule year out of range".into())),
    };
    let now = state.now();
    let txn = state.begin_audited().await?;
    let before: Vec<holiday::Model> = holiday::Entity::find()
        .filter(holiday::Column::Date.between(from, to))
        .all(&*txn)
        .await?
        .into_iter()
        // 31 December of the year before stays with that year unless it opens this one's 元旦.
        .filter(|r| r.date != from || r.kind == shared::calendar::DayKind::Off)
        .collect();
    holiday::Entity::delete_many()
        .filter(holiday::Column::Date.is_in(before.iter().map(|r| r.date)))
        .exec(&*txn)
        .await?;
    let mut days = s.days.clone();
    days.sort_by_key(|d| d.date);
    holiday::Entity::insert_many(days.iter().map(|d| holiday::ActiveModel {
        date: Set(d.date),
        kind: Set(d.kind),
        name: Set(d.name.trim().to_owned()),
    }))
    .exec(&*txn)
    .await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new("holiday.schedule", "calendar", year)
            .before(
                &before
                    .iter()
                    .map(|r| (r.date, r.kind, r.name.clone()))
                    .collect::<Vec<_>>(),
            )
            .after(&days),
    )
    .await?;
    txn.commit().await?;
    Ok(Json(ScheduleYear {
        year,
        embedded: false,
        days,
    }))
}
