//! The working-day calendar's schedules: the compiled-in years and those HRSS enters once the
//! State Council publishes them (a notice whose 5 working days reach an unentered year is refused).

use crate::actor::Actor;
use crate::admin::store;
use crate::audit::Event;
use crate::entity::holiday;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use shared::calendar::{
    DayKind, EMBEDDED_YEARS, HolidayEntry, HolidaySchedule, ScheduleYear, embedded_entries,
};
use shared::wire::FieldError;
use std::collections::BTreeMap;

/// Every year the calendar knows, compiled in or entered, with its dates.
pub async fn years(state: &AppState) -> Result<Vec<ScheduleYear>, ApiError> {
    let mut by_date: BTreeMap<NaiveDate, HolidayEntry> = embedded_entries()
        .into_iter()
        .map(|e| (e.date, e))
        .collect();
    for r in store::holidays(&state.db).await? {
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
    Ok(years
        .into_iter()
        .map(|(year, days)| ScheduleYear {
            year,
            embedded: EMBEDDED_YEARS.contains(&year),
            days,
        })
        .collect())
}

/// HRSS enters (or replaces) a year's schedule as published; audited.
pub async fn put(
    state: &AppState,
    actor: &Actor,
    year: i32,
    s: HolidaySchedule,
) -> Result<ScheduleYear, ApiError> {
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
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year - 1, 12, 31),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ApiError::Internal("schedule year out of range".into()));
    };
    let w = Write::begin(state, actor).await?;
    let before: Vec<holiday::Model> = store::holidays_between(&*w, from, to)
        .await?
        .into_iter()
        // 31 December of the year before stays with that year unless it opens this one's 元旦.
        .filter(|r| r.date != from || r.kind == DayKind::Off)
        .collect();
    let mut days = s.days.clone();
    days.sort_by_key(|d| d.date);
    let rows = days
        .iter()
        .map(|d| holiday::ActiveModel {
            date: Set(d.date),
            kind: Set(d.kind),
            name: Set(d.name.trim().to_owned()),
        })
        .collect();
    let removed: Vec<NaiveDate> = before.iter().map(|r| r.date).collect();
    store::replace_holidays(&*w, &removed, rows).await?;
    w.done(
        Event::new("holiday.schedule", "calendar", year)
            .before(
                &before
                    .iter()
                    .map(|r| (r.date, r.kind, r.name.clone()))
                    .collect::<Vec<_>>(),
            )
            .after(&days),
    )
    .await?;
    Ok(ScheduleYear {
        year,
        embedded: false,
        days,
    })
}
