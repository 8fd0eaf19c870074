//! A studio's whole life as its page shows it: reports, assessments with every item's
//! explanation, changes with their 60-day countdown, the exit with its return due, the targets of
//! 第八条, and what is due or overdue.

use super::store;
use crate::entity::{annual_report, assessment, studio, studio_change, studio_exit};
use crate::error::ApiError;
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use shared::Fen;
use shared::assessment::GradeResult;
use shared::calendar::HolidayCalendar;
use shared::deadlines::{ReportFiling, annual_summary_due, end_of_term_window};
use shared::life::{
    AnnualFigures, AnnualReportView, AssessmentView, ChangeView, ExitView, Obligations,
    ReminderItem, ReminderKind, StudioLife, obligations, targets, young_senior,
};

/// A reminder: its kind and its line.
pub type Reminder = (ReminderKind, ReminderItem);

fn filed(m: &annual_report::Model) -> ReportFiling {
    match m.filed_on {
        Some(d) if d <= annual_summary_due(m.year) => ReportFiling::OnTime,
        Some(_) => ReportFiling::Late,
        None => ReportFiling::Missing,
    }
}

pub fn report_view(m: &annual_report::Model, as_of: NaiveDate) -> AnnualReportView {
    let f = m.figures.0.clone();
    let filing = match filed(m) {
        ReportFiling::Missing if as_of <= annual_summary_due(m.year) => ReportFiling::Missing,
        other => other,
    };
    AnnualReportView {
        studio_id: m.studio_id,
        year: m.year,
        young_senior: young_senior(&f, m.year),
        lectures: u32::try_from(f.lectures.len()).unwrap_or(u32::MAX),
        figures: f,
        summary: m.summary.clone(),
        plan: m.plan.clone(),
        filed_on: m.filed_on,
        due: annual_summary_due(m.year),
        filing,
        updated_by: m.updated_by.clone(),
    }
}

pub async fn assessment_view<C: ConnectionTrait>(
    db: &C,
    m: &assessment::Model,
) -> Result<AssessmentView, ApiError> {
    let title = match m.panel_id {
        Some(p) => store::panel_title(db, p).await?,
        None => String::new(),
    };
    Ok(AssessmentView {
        id: m.id,
        kind: m.kind,
        year: m.year,
        panel_id: m.panel_id,
        panel_title: title,
        total: shared::Tenths::from_tenths(m.total_tenths),
        exact_mean: match (m.sum_tenths, m.experts) {
            (Some(sum), Some(n)) if n > 1 => Some(
                shared::assessment::Mean {
                    sum,
                    count: i64::from(n),
                }
                .exact_text(),
            ),
            _ => None,
        },
        grade: GradeResult {
            grade: m.grade,
            article: "第十五条".into(),
            policy_note: m.policy_note.clone(),
        },
        outcome: m.outcome.0,
        decided_on: m.decided_on,
        items: m.items.0.clone(),
        comments: m.comments.0.clone(),
    })
}

pub async fn change_view<C: ConnectionTrait>(
    db: &C,
    calendar: &HolidayCalendar,
    m: &studio_change::Model,
    as_of: NaiveDate,
) -> Result<ChangeView, ApiError> {
    let on = m.decided_on.unwrap_or(as_of);
    let c = shared::life::countdown(calendar, m.event_on, on);
    Ok(ChangeView {
        id: m.id,
        studio_id: m.studio_id,
        kind: m.kind,
        state: m.state,
        event_on: m.event_on,
        cause: m.cause.clone(),
        due: c.due,
        due_provisional: c.provisional,
        days_left: c.days_left,
        overdue: c.overdue,
        old_leader_name: m.old_leader_name.clone(),
        new_leader_name: m.new_leader_name.clone(),
        old_unit_name: store::unit_name(db, Some(m.old_unit_id)).await?,
        new_unit_name: store::unit_name(db, m.new_unit_id).await?,
        mode: m.mode,
        decided_on: m.decided_on,
        decision_reason: m.decision_reason.clone(),
        filed_by: m.filed_by.clone(),
        findings: m.findings.clone().map(|f| f.0).unwrap_or_default(),
    })
}

/// After an exit no money goes in and no usage is reported: what the unit still holds is what it
/// still owes (a reversed return or usage puts it back, as it should).
pub async fn exit_view<C: ConnectionTrait>(
    db: &C,
    m: &studio_exit::Model,
) -> Result<ExitView, ApiError> {
    let s = store::studio(db, m.studio_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let held = crate::ledger::service::balance_of(db, &s).await?.held();
    Ok(exit_view_holding(m, held))
}

/// An exit's view when the unit still holds `held` of the studio's money.
pub fn exit_view_holding(m: &studio_exit::Model, held: Fen) -> ExitView {
    let held = held.fen().max(0);
    ExitView {
        case: m.exit_case,
        article: m.exit_case.article().into(),
        evidence: m.evidence.clone(),
        investigation: m.investigation.clone(),
        decided_on: m.decided_on,
        ban_until: m.ban_until,
        return_due: Fen::from_fen(m.return_due_fen),
        returned_since: Fen::from_fen((m.return_due_fen - held).max(0)),
        outstanding: Fen::from_fen(held),
        decided_by: m.decided_by.clone(),
    }
}

/// What the rules need to say what a studio owes, from its rows: the kept windows' facts and its
/// open changes, counted on the calendar.
fn obligations_from(
    calendar: &HolidayCalendar,
    s: &studio::Model,
    reps: &[&annual_report::Model],
    ass: &[&assessment::Model],
    changes: &[&studio_change::Model],
) -> Obligations {
    Obligations {
        open_changes: changes
            .iter()
            .filter(|c| c.state.open())
            .map(|c| (c.id, change_due(calendar, c)))
            .collect(),
        ..store::reminders::facts(s, reps, ass)
    }
}

/// 第十六条: the last day to complete a change.
pub fn change_due(calendar: &HolidayCalendar, c: &studio_change::Model) -> NaiveDate {
    shared::deadlines::change_due(calendar, c.event_on).day
}

/// What the rules need to say what a studio owes.
async fn obligations_of<C: ConnectionTrait>(
    db: &C,
    calendar: &HolidayCalendar,
    s: &studio::Model,
) -> Result<Obligations, ApiError> {
    let reps = store::reports(db, s.id).await?;
    let ass = store::assessments(db, s.id).await?;
    let changes = store::changes(db, s.id).await?;
    Ok(obligations_from(
        calendar,
        s,
        &reps.iter().collect::<Vec<_>>(),
        &ass.iter().collect::<Vec<_>>(),
        &changes.iter().collect::<Vec<_>>(),
    ))
}

pub fn return_item(s: &studio::Model, e: &ExitView) -> Reminder {
    (
        ReminderKind::ReturnOutstanding,
        ReminderItem {
            label: format!("{}：应缴回 {}", s.name, e.outstanding),
            label_en: format!("{}: {} to return", s.name, e.outstanding),
            due: None,
            link: format!("/studios/{}", s.id),
            change_id: None,
        },
    )
}

/// A studio's items due on a day, as the digest lists them.
pub fn items_for(id: i32, name: &str, due: &[(ReminderKind, NaiveDate, i32)]) -> Vec<Reminder> {
    due.iter()
        .map(|(k, d, what)| {
            (
                *k,
                ReminderItem {
                    label: k.item_label(name, *what),
                    label_en: k.item_label_en(name, *what),
                    due: Some(*d),
                    link: format!("/studios/{id}"),
                    change_id: None,
                },
            )
        })
        .collect()
}

/// A studio's whole life on `today`.
pub async fn life<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
    today: NaiveDate,
) -> Result<StudioLife, ApiError> {
    let reps = store::reports(db, s.id).await?;
    let report_views = reps.iter().map(|r| report_view(r, today)).collect();
    let filed: Vec<(i32, AnnualFigures)> = reps
        .iter()
        .filter(|r| r.filed_on.is_some())
        .map(|r| (r.year, r.figures.0.clone()))
        .collect();
    // 第八条 "年均": a year due and not filed counts as a year with nothing in it.
    let missing: Vec<i32> = shared::life::report_years(s.term_start, s.term_end)
        .filter(|y| {
            shared::deadlines::summary_overdue(*y, filed.iter().any(|(f, _)| f == y), today)
        })
        .collect();
    let t = targets(filed.iter().map(|(y, f)| (*y, f)), &missing);
    let calendar = crate::db::calendar(db).await?;
    let mut ass = Vec::new();
    for a in store::assessments(db, s.id).await? {
        ass.push(assessment_view(db, &a).await?);
    }
    let mut chs = Vec::new();
    for c in store::changes(db, s.id).await? {
        chs.push(change_view(db, &calendar, &c, today).await?);
    }
    let exit = match store::exit_of(db, s.id).await? {
        Some(e) => Some(exit_view(db, &e).await?),
        None => None,
    };
    let o = obligations_of(db, &calendar, s).await?;
    let due = obligations(&o, today);
    let missing_reports = due
        .iter()
        .filter(|(k, _, _)| *k == ReminderKind::SummaryOverdue)
        .map(|(_, _, y)| *y)
        .collect();
    let mut pairs = items_for(s.id, &s.name, &due);
    if let Some(e) = &exit
        && e.outstanding.fen() > 0
    {
        pairs.push(return_item(s, e));
    }
    let (from, until) = end_of_term_window(s.term_end);
    let mut life = StudioLife {
        studio_id: s.id,
        status: s.status,
        as_of: today,
        term_start: s.term_start,
        term_end: s.term_end,
        end_of_term_from: from,
        end_of_term_until: until,
        rectification_until: s.rectification_until,
        reports: report_views,
        missing_reports,
        targets: t,
        assessments: ass,
        changes: chs,
        exit,
        reminders: shared::life::Digest::build(today, pairs).reminders,
        validity: Vec::new(),
    };
    life.validity = life.beyond_measures();
    Ok(life)
}
