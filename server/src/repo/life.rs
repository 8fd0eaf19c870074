//! 第六章 on the database: what a studio owes and when, its reports, assessments, changes and
//! exit, the digest each role reads, and the exit records the eligibility rules enforce.

use crate::auth::CurrentUser;
use crate::entity::JsonText;
use crate::entity::{annual_report, assessment, studio, studio_change, studio_exit, unit};
use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::assessment::{AssessmentInput, GradeResult};
use shared::deadlines::{ReportFiling, annual_summary_due, end_of_term_window};
use shared::eligibility::LeaderFacts;
use shared::life::{
    AnnualFigures, AnnualReportView, AssessmentKind, AssessmentView, ChangeKind, ChangeView,
    ExitCase, ExitView, FiledReport, Obligations, Outcome, SheetItem, StudioLife, StudioStatus,
    obligations, targets, young_senior,
};
use shared::scoring::PanelPurpose;
use shared::{Fen, Level};

pub fn status(s: &studio::Model) -> Result<StudioStatus, ApiError> {
    Ok(s.status)
}

pub fn leader_facts(s: &studio::Model) -> Result<Option<LeaderFacts>, ApiError> {
    Ok(s.leader_facts.clone().map(|f| f.0))
}

pub async fn reports<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<annual_report::Model>, ApiError> {
    Ok(annual_report::Entity::find()
        .filter(annual_report::Column::StudioId.eq(studio_id))
        .order_by_asc(annual_report::Column::Year)
        .all(db)
        .await?)
}

pub fn figures(m: &annual_report::Model) -> Result<AnnualFigures, ApiError> {
    Ok(m.figures.0.clone())
}

fn filed(m: &annual_report::Model) -> ReportFiling {
    match m.filed_on {
        Some(d) if d <= annual_summary_due(m.year) => ReportFiling::OnTime,
        Some(_) => ReportFiling::Late,
        None => ReportFiling::Missing,
    }
}

pub fn report_view(
    m: &annual_report::Model,
    as_of: NaiveDate,
) -> Result<AnnualReportView, ApiError> {
    let f = figures(m)?;
    let filing = match filed(m) {
        ReportFiling::Missing if as_of <= annual_summary_due(m.year) => ReportFiling::Missing,
        other => other,
    };
    Ok(AnnualReportView {
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
    })
}

/// 附件: the figures an assessment panel verifies. Annual: the year's report; end of term and
/// re-assessment (第十五条（二）): the report of the term's final year, whatever was filed later or
/// earlier; not filed by the assessment, it is missing (item 7 scores 0, the figures are none).
/// Item 7 reads how the report was filed by `assessed_on`.
pub async fn reported_input<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
    purpose: PanelPurpose,
    year: Option<i32>,
    assessed_on: NaiveDate,
) -> Result<AssessmentInput, ApiError> {
    let level: Level = s.level;
    let all = reports(db, s.id).await?;
    // Only a filed report counts: a draft is not what the unit reported.
    let figures = all
        .iter()
        .filter_map(|r| Some((r.year, r.filed_on?, figures(r).ok()?)))
        .collect::<Vec<_>>();
    let filed: Vec<FiledReport<'_>> = figures
        .iter()
        .map(|(year, filed_on, f)| FiledReport {
            year: *year,
            figures: f,
            filed_on: *filed_on,
        })
        .collect();
    let annual_year = (purpose == PanelPurpose::Annual).then_some(year).flatten();
    let wanted = shared::life::assessed_report_year(annual_year, s.term_end);
    Ok(shared::life::assessed_input(
        level,
        &filed,
        wanted,
        assessed_on,
    ))
}

pub async fn assessments<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<assessment::Model>, ApiError> {
    Ok(assessment::Entity::find()
        .filter(assessment::Column::StudioId.eq(studio_id))
        .order_by_asc(assessment::Column::DecidedOn)
        .order_by_asc(assessment::Column::Id)
        .all(db)
        .await?)
}

pub async fn assessment_view<C: ConnectionTrait>(
    db: &C,
    m: &assessment::Model,
) -> Result<AssessmentView, ApiError> {
    let title = match m.panel_id {
        Some(p) => crate::entity::panel::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| p.title)
            .unwrap_or_default(),
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

pub async fn changes<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<studio_change::Model>, ApiError> {
    Ok(studio_change::Entity::find()
        .filter(studio_change::Column::StudioId.eq(studio_id))
        .order_by_asc(studio_change::Column::Id)
        .all(db)
        .await?)
}

async fn unit_name<C: ConnectionTrait>(db: &C, id: Option<i32>) -> Result<String, ApiError> {
    Ok(match id {
        Some(id) => unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

pub async fn change_view<C: ConnectionTrait>(
    db: &C,
    calendar: &shared::calendar::HolidayCalendar,
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
        old_unit_name: unit_name(db, Some(m.old_unit_id)).await?,
        new_unit_name: unit_name(db, m.new_unit_id).await?,
        mode: m.mode,
        decided_on: m.decided_on,
        decision_reason: m.decision_reason.clone(),
        filed_by: m.filed_by.clone(),
        findings: m.findings.clone().map(|f| f.0).unwrap_or_default(),
    })
}

pub async fn exit_view<C: ConnectionTrait>(
    db: &C,
    m: &studio_exit::Model,
) -> Result<ExitView, ApiError> {
    let case: ExitCase = m.exit_case;
    // After an exit no money goes in and no usage is reported: what the unit still holds is what
    // it still owes (a reversed return or usage puts it back, as it should).
    let s = studio::Entity::find_by_id(m.studio_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let held = crate::routes::ledger::balance_of(db, &s)
        .await?
        .held()
        .fen()
        .max(0);
    Ok(ExitView {
        case,
        article: case.article().into(),
        evidence: m.evidence.clone(),
        investigation: m.investigation.clone(),
        decided_on: m.decided_on,
        ban_until: m.ban_until,
        return_due: Fen::from_fen(m.return_due_fen),
        returned_since: Fen::from_fen((m.return_due_fen - held).max(0)),
        outstanding: Fen::from_fen(held),
        decided_by: m.decided_by.clone(),
    })
}

pub async fn exit_of<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Option<studio_exit::Model>, ApiError> {
    Ok(studio_exit::Entity::find()
        .filter(studio_exit::Column::StudioId.eq(studio_id))
        .one(db)
        .await?)
}

/// What the rules need to say what a studio owes.
pub async fn obligations_of<C: ConnectionTrait>(
    db: &C,
    calendar: &shared::calendar::HolidayCalendar,
    s: &studio::Model,
) -> Result<Obligations, ApiError> {
    let reps = reports(db, s.id).await?;
    let ass = assessments(db, s.id).await?;
    let open: Vec<(i32, NaiveDate)> = changes(db, s.id)
        .await?
        .into_iter()
        .filter(|c| c.state.open())
        .map(|c| {
            (
                c.id,
                shared::deadlines::change_due(calendar, c.event_on).day,
            )
        })
        .collect();
    Ok(Obligations {
        status: status(s)?,
        term_start: s.term_start,
        term_end: s.term_end,
        reports_filed: reps
            .iter()
            .filter(|r| r.filed_on.is_some())
            .map(|r| r.year)
            .collect(),
        annual_assessed: ass
            .iter()
            .filter(|a| a.kind == AssessmentKind::Annual)
            .map(|a| a.year)
            .collect(),
        end_of_term_done: ass.iter().any(|a| a.kind == AssessmentKind::EndOfTerm),
        rectification_until: s.rectification_until,
        open_changes: open,
    })
}

/// A studio's whole life on `today`.
pub async fn life<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
    today: NaiveDate,
) -> Result<StudioLife, ApiError> {
    let reps = reports(db, s.id).await?;
    let mut report_views = Vec::new();
    for r in &reps {
        report_views.push(report_view(r, today)?);
    }
    let filed: Vec<(i32, AnnualFigures)> = reps
        .iter()
        .filter(|r| r.filed_on.is_some())
        .map(|r| Ok((r.year, figures(r)?)))
        .collect::<Result<_, ApiError>>()?;
    // 第八条 "年均": a year due and not filed counts as a year with nothing in it.
    let missing: Vec<i32> = shared::life::report_years(s.term_start, s.term_end)
        .filter(|y| {
            shared::deadlines::summary_overdue(*y, filed.iter().any(|(f, _)| f == y), today)
        })
        .collect();
    let t = targets(filed.iter().map(|(y, f)| (*y, f)), &missing);
    let calendar = crate::db::calendar(db).await?;
    let mut ass = Vec::new();
    for a in assessments(db, s.id).await? {
        ass.push(assessment_view(db, &a).await?);
    }
    let mut chs = Vec::new();
    for c in changes(db, s.id).await? {
        chs.push(change_view(db, &calendar, &c, today).await?);
    }
    let exit = match exit_of(db, s.id).await? {
        Some(e) => Some(exit_view(db, &e).await?),
        None => None,
    };
    let o = obligations_of(db, &calendar, s).await?;
    let due = obligations(&o, today);
    let missing_reports = due
        .iter()
        .filter(|(k, _, _)| *k == shared::life::ReminderKind::SummaryOverdue)
        .map(|(_, _, y)| *y)
        .collect();
    let mut pairs = items_for(s, &due);
    if let Some(e) = &exit
        && e.outstanding.fen() > 0
    {
        pairs.push(return_item(s, e));
    }
    let (from, until) = end_of_term_window(s.term_end);
    let mut life = StudioLife {
        studio_id: s.id,
        status: status(s)?,
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

fn return_item(
    s: &studio::Model,
    e: &ExitView,
) -> (shared::life::ReminderKind, shared::life::ReminderItem) {
    (
        shared::life::ReminderKind::ReturnOutstanding,
        shared::life::ReminderItem {
            label: format!("{}：应缴回 {}", s.name, e.outstanding),
            due: None,
            link: format!("/studios/{}", s.id),
            change_id: None,
        },
    )
}

fn items_for(
    s: &studio::Model,
    due: &[(shared::life::ReminderKind, NaiveDate, i32)],
) -> Vec<(shared::life::ReminderKind, shared::life::ReminderItem)> {
    use shared::life::ReminderKind as K;
    due.iter()
        .map(|(k, d, what)| {
            let label = match k {
                K::SummaryDue | K::SummaryOverdue => {
                    format!("{}：{what} 年度工作总结和计划", s.name)
                }
                K::ResultsOverdue => format!("{}：{what} 年度考核结果", s.name),
                K::ChangeDue | K::ChangeOverdue => format!("{}：变更申请 #{what}", s.name),
                _ => s.name.clone(),
            };
            (
                *k,
                shared::life::ReminderItem {
                    label,
                    due: Some(*d),
                    link: format!("/studios/{}", s.id),
                    change_id: None,
                },
            )
        })
        .collect()
}

/// The reminders of every studio in `studios`, with the outstanding returns of exited ones.
pub async fn reminders_for<C: ConnectionTrait>(
    db: &C,
    studios: &[studio::Model],
    today: NaiveDate,
    with_returns: bool,
) -> Result<Vec<(shared::life::ReminderKind, shared::life::ReminderItem)>, ApiError> {
    let mut pairs = Vec::new();
    let calendar = crate::db::calendar(db).await?;
    for s in studios {
        let st = status(s)?;
        if matches!(st, StudioStatus::Building | StudioStatus::Rectifying) {
            let o = obligations_of(db, &calendar, s).await?;
            pairs.extend(items_for(s, &obligations(&o, today)));
        }
        if with_returns
            && st == StudioStatus::Exited
            && let Some(e) = exit_of(db, s.id).await?
        {
            let v = exit_view(db, &e).await?;
            if v.outstanding.fen() > 0 {
                pairs.push(return_item(s, &v));
            }
        }
    }
    Ok(pairs)
}

/// 第十五条, 第十七条: a closed assessment panel's results become each studio's assessment, and
/// the grade decides the studio's status.
#[allow(clippy::too_many_arguments)]
pub async fn record_assessments<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    p: &crate::entity::panel::Model,
    rubric: &shared::scoring::Rubric,
    ranking: &[shared::panel::RankingRow],
    cands: &[shared::panel::CandidateView],
    data: &[crate::repo::panel::SheetData],
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    use sea_orm::{ActiveModelTrait, Set};
    let purpose: PanelPurpose = p.purpose;
    let sixty = crate::repo::policy::policies(db).await?.sixty;
    for row in ranking {
        let Some(c) = cands.iter().find(|c| c.id == row.candidate_id) else {
            continue;
        };
        let Some(studio_id) = c.studio_id else {
            continue;
        };
        let s = studio::Entity::find_by_id(studio_id)
            .one(db)
            .await?
            .ok_or(ApiError::NotFound)?;
        let before = status(&s)?;
        let kind = shared::life::assessable(
            purpose == PanelPurpose::EndOfTerm,
            before,
            s.term_end,
            s.rectification_until,
            today,
        )
        .map_err(|why| {
            ApiError::Conflict(format!(
                "工作室“{}”不能记录{}结果：{}",
                s.name,
                purpose.label_zh(),
                why.message_zh()
            ))
        })?;
        let year = match kind {
            AssessmentKind::Annual => p.assessed_year.unwrap_or(today.year() - 1),
            _ => today.year(),
        };
        // 第十五条: the grade of the exact mean (a 59.97 is 不合格 though it shows as 60.0), with
        // the programme's policy for exactly 60.
        let g = shared::assessment::grade_mean(row.mean, sixty);
        let out = shared::life::outcome(kind, g.grade, today);
        let items: Vec<SheetItem> = rubric
            .items
            .iter()
            .map(|it| SheetItem {
                key: it.key.clone(),
                label: it.label.clone(),
                max: it.max,
                score: row.item_means.get(&it.key).copied().unwrap_or_default(),
                explanation: c
                    .computed
                    .iter()
                    .find(|ci| ci.item == it.key)
                    .map(|ci| ci.explanation.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let comments: Vec<String> = data
            .iter()
            .filter(|d| {
                d.sheet.candidate_id == c.id
                    && crate::repo::panel::facts(&d.sheet, false, false)
                        .excluded
                        .is_none()
            })
            .filter_map(|d| d.sheet.comment.clone())
            .filter(|t| !t.trim().is_empty())
            .collect();
        let exists = assessment::Entity::find()
            .filter(assessment::Column::StudioId.eq(s.id))
            .filter(assessment::Column::Kind.eq(kind))
            .filter(assessment::Column::Year.eq(year))
            .one(db)
            .await?;
        if exists.is_some() {
            return Err(ApiError::Conflict(format!(
                "工作室“{}”已有 {year} 年的{}结果",
                s.name,
                kind.label_zh()
            )));
        }
        let saved = assessment::ActiveModel {
            studio_id: Set(s.id),
            kind: Set(kind),
            year: Set(year),
            panel_id: Set(Some(p.id)),
            total_tenths: Set(row.score.tenths()),
            grade: Set(g.grade),
            policy_note: Set(g.policy_note.clone()),
            outcome: Set(JsonText(out)),
            decided_on: Set(today),
            items: Set(JsonText(items.clone())),
            comments: Set(JsonText(comments.clone())),
            decided_by: Set(user.user.username.clone()),
            sum_tenths: Set(Some(row.mean.sum)),
            experts: Set(i32::try_from(row.mean.count).ok()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let after = out.status(before);
        let mut lapsed = None;
        if after != before || matches!(out, Outcome::Rectify { .. }) {
            let mut a: studio::ActiveModel = s.clone().into();
            a.status = Set(after);
            a.rectification_until = Set(match out {
                Outcome::Rectify { until } => Some(until),
                Outcome::Completed => None,
                _ => s.rectification_until,
            });
            let updated = a.update(db).await?;
            if out == Outcome::Revoke {
                lapsed = Some(lapse_entitlement(db, &updated).await?);
            }
        }
        crate::audit::append(
            db,
            now,
            &user.actor(),
            crate::audit::Event::new("assessment.record", "studio", s.id).after(&serde_json::json!({
                "assessment_id": saved.id,
                "kind": kind,
                "year": year,
                "total": row.score,
                "exact_mean": row.mean.exact_text(),
                "grade": g.grade,
                "outcome": out,
                "status": { "before": before, "after": after },
                "entitlement_fen": lapsed.map(|(b, a)| serde_json::json!({ "before": b, "after": a })),
            })),
        )
        .await?;
    }
    Ok(())
}

/// 第十七条, 第十八条: a revoked or exited studio is owed nothing more. Its entitlement becomes
/// what was disbursed, so 待拨付 is zero on the ledger and the dashboard; returns go on. Returns the
/// entitlement before and after.
pub async fn lapse_entitlement<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
) -> Result<(i64, i64), ApiError> {
    use sea_orm::{ActiveModelTrait, Set};
    let b = crate::routes::ledger::balance_of(db, s).await?;
    let after = b.disbursed.fen().clamp(0, s.entitlement_fen);
    if after != s.entitlement_fen {
        let mut a: studio::ActiveModel = s.clone().into();
        a.entitlement_fen = Set(after);
        a.update(db).await?;
    }
    Ok((s.entitlement_fen, after))
}

pub fn kind_of(m: &studio_change::Model) -> Result<ChangeKind, ApiError> {
    Ok(m.kind)
}
