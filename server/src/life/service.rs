//! What happens to a studio: its page, the annual report the unit files, a change of leader or
//! host, an exit decided by HRSS, creation on approval, and each assessment's result.

use super::store;
use super::view::{self, report_view};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, annual_report, application, studio};
use crate::error::ApiError;
use crate::state::AppState;
use crate::studios::service::visible_one;
use crate::work::Write;
use chrono::Datelike;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use shared::account::Role;
use shared::life::{AnnualReportInput, AnnualReportView, StudioLife, StudioStatus, report_years};
use shared::wire::FieldError;

/// A studio's reports, assessments (with every item's explanation), changes, exit and what is due.
pub async fn life(state: &AppState, actor: &Actor, id: i32) -> Result<StudioLife, ApiError> {
    let s = visible_one(&state.db, actor, id).await?;
    view::life(&state.db, &s, state.today()).await
}

/// At start: the studios' kept reminder windows follow this version of the rules (rebuilt once
/// when they do not). Returns how many windows were rebuilt, if any.
pub async fn keep_reminders(db: &sea_orm::DatabaseConnection) -> Result<Option<usize>, ApiError> {
    Ok(store::reminders::ensure(db).await?)
}

/// Rebuilds every studio's reminder windows, for rows written around the services (the demo
/// seed). Returns how many are kept.
pub async fn rebuild_reminders<C: sea_orm::ConnectionTrait>(db: &C) -> Result<usize, ApiError> {
    Ok(store::reminders::rebuild_all(db).await?)
}

/// The kept reminder windows showing on `today` or later that differ from what the rules give now
/// (empty when none do).
pub async fn check_reminders<C: sea_orm::ConnectionTrait>(
    db: &C,
    today: chrono::NaiveDate,
) -> Result<Vec<String>, ApiError> {
    Ok(store::reminders::check(db, today).await?)
}

/// Drops the reminder windows that ended before `today` (hourly, and at start).
pub async fn prune_reminders<C: sea_orm::ConnectionTrait>(
    db: &C,
    today: chrono::NaiveDate,
) -> Result<u64, ApiError> {
    Ok(store::reminders::prune(db, today).await?)
}

pub(super) fn must_be_in_being(s: &studio::Model) -> Result<StudioStatus, ApiError> {
    if matches!(s.status, StudioStatus::Revoked | StudioStatus::Exited) {
        return Err(ApiError::conflict(
            format!("工作室{}，不能再办理此事项", s.status.label_zh()),
            format!(
                "The studio is {}: this can no longer be done",
                s.status.label_en()
            ),
        ));
    }
    Ok(s.status)
}

/// 第十五条: the studio's unit saves its annual summary, plan and figures as a draft, or files
/// them (`submit`). A filed report is final.
pub async fn save_report(
    state: &AppState,
    actor: &Actor,
    id: i32,
    input: AnnualReportInput,
) -> Result<AnnualReportView, ApiError> {
    let s = visible_one(&state.db, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    let today = state.today();
    let mut errors = Vec::new();
    if !report_years(s.term_start, s.term_end).contains(&input.year) || input.year > today.year() {
        errors.push(FieldError::new(
            "year",
            format!(
                "须为建设期内且不晚于今年的年份（{}–{}）",
                s.term_start.year(),
                s.term_end.year().min(today.year())
            ),
            "must be a year of the construction period, not after this year",
        ));
    }
    errors.extend(input.check().err().unwrap_or_default());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if must_be_in_being(&s)? == StudioStatus::Completed {
        return Err(ApiError::conflict(
            "工作室已通过期满考核，无须再报年度总结",
            "The studio has passed its end-of-term assessment: no more annual reports are due",
        ));
    }
    let w = Write::begin(state, actor).await?;
    let existing = store::report(&*w, id, input.year).await?;
    if existing.as_ref().is_some_and(|r| r.filed_on.is_some()) {
        let year = input.year;
        return Err(ApiError::conflict(
            format!("{year} 年的年度总结已报送，不能再修改"),
            format!("The annual report for {year} has been filed and can no longer change"),
        ));
    }
    let filed_on = input.submit.then_some(today);
    let mut a = match existing {
        Some(m) => m.into_active_model(),
        None => annual_report::ActiveModel {
            studio_id: Set(id),
            year: Set(input.year),
            ..Default::default()
        },
    };
    a.figures = Set(JsonText(input.figures.clone()));
    a.summary = Set(input.summary.trim().to_owned());
    a.plan = Set(input.plan.trim().to_owned());
    a.filed_on = Set(filed_on);
    a.updated_by = Set(actor.username.clone());
    a.updated_at = Set(w.now());
    let saved = store::save_report(&*w, a).await?;
    let action = if input.submit {
        "report.file"
    } else {
        "report.save"
    };
    w.done(Event::new(action, "studio", id).after(&serde_json::json!({
        "year": input.year, "filed_on": filed_on, "figures": input.figures,
    })))
    .await?;
    Ok(report_view(&saved, today))
}

/// Creates the approved studio in the approving write: plaque number (next in the year), the
/// profile's name, leader and occupation, a 2-year construction period from today, and the
/// 第十二条 entitlement.
pub async fn create_studio(w: &Write<'_>, m: &application::Model) -> Result<i32, ApiError> {
    let facts = &m.facts;
    let p = &m.profile;
    let entitlement = shared::subsidy::entitlement(facts.level, facts.national_category)
        .ok_or_else(|| {
            ApiError::conflict(
                "国家级工作室须有类别（第十二条），请先退回补正",
                "A national studio needs its category (Art. 12): return the application for correction first",
            )
        })?;
    let today = w.today();
    let year = today.year();
    let taken = store::plaques_with(&**w, &shared::procedure::plaque_prefix(year)).await?;
    let seq = u32::try_from(taken + 1).map_err(|_| ApiError::Internal("plaque seq".into()))?;
    let created = store::insert_studio(
        &**w,
        studio::ActiveModel {
            plaque_no: Set(shared::procedure::plaque_no(year, seq)),
            name: Set(p.display_name()),
            unit_id: Set(m.unit_id),
            leader_name: Set(p.leader_name.trim().to_owned()),
            leader_id_number: Set(p.leader_id().map(|i| i.as_str().to_owned())),
            level: Set(facts.level),
            national_category: Set(facts.national_category),
            occupation: Set(p.occupation.trim().to_owned()),
            industry: Set(p.industry.trim().to_owned()),
            approved_on: Set(today),
            term_start: Set(today),
            term_end: Set(shared::deadlines::default_term_end(today)),
            status: Set(StudioStatus::Building),
            entitlement_fen: Set(entitlement.fen()),
            leader_facts: Set(Some(JsonText(facts.leader.clone()))),
            ..Default::default()
        },
    )
    .await?;
    w.record(
        Event::new("studio.create", "studio", created.id).after(&serde_json::json!({
            "plaque_no": created.plaque_no,
            "application_id": m.id,
            "entitlement_fen": created.entitlement_fen,
            "term_end": created.term_end,
        })),
    )
    .await?;
    Ok(created.id)
}
