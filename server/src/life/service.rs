//! What happens to a studio: its page, the annual report the unit files, a change of leader or
//! host, an exit decided by HRSS, creation on approval, and each assessment's result.

use super::store;
use super::view::{self, change_view, report_view};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{
    JsonText, annual_report, application, assessment, studio, studio_change, studio_exit,
};
use crate::error::ApiError;
use crate::state::AppState;
use crate::studios::service::visible_one;
use crate::work::Write;
use chrono::{Datelike, NaiveDate};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use shared::account::Role;
use shared::assessment::AssessmentInput;
use shared::life::{
    AnnualReportInput, AnnualReportView, ChangeEffect, ChangeKind, ChangeStep, ChangeView,
    Decision, FiledReport, NewChange, NewExit, StudioLife, StudioStatus, leader_not_lower,
    report_years,
};
use shared::scoring::PanelPurpose;
use shared::wire::FieldError;

/// A studio's reports, assessments (with every item's explanation), changes, exit and what is due.
pub async fn life(state: &AppState, actor: &Actor, id: i32) -> Result<StudioLife, ApiError> {
    let s = visible_one(&state.db, actor, id).await?;
    view::life(&state.db, &s, state.today()).await
}

fn must_be_in_being(s: &studio::Model) -> Result<StudioStatus, ApiError> {
    if matches!(s.status, StudioStatus::Revoked | StudioStatus::Exited) {
        return Err(ApiError::Conflict(format!(
            "工作室{}，不能再办理此事项",
            s.status.label_zh()
        )));
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
        return Err(ApiError::Conflict(
            "工作室已通过期满考核，无须再报年度总结".into(),
        ));
    }
    let w = Write::begin(state, actor).await?;
    let existing = store::report(&*w, id, input.year).await?;
    if existing.as_ref().is_some_and(|r| r.filed_on.is_some()) {
        return Err(ApiError::Conflict(format!(
            "{} 年的年度总结已报送，不能再修改",
            input.year
        )));
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

/// 第十六条: the studio's unit requests a change of leader (checked against the outgoing leader)
/// or of host (the new unit then joins the request).
pub async fn request_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    new: NewChange,
) -> Result<ChangeView, ApiError> {
    let s = visible_one(&state.db, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    must_be_in_being(&s)?;
    if s.level != shared::Level::Regional {
        return Err(ApiError::Conflict(
            "第十六条的变更适用于自治区级工作室；国家级工作室的变更按国家规定办理".into(),
        ));
    }
    let mut errors = Vec::new();
    let mut findings = Vec::new();
    if new.kind == ChangeKind::Leader
        && let Some(candidate) = &new.new_leader
    {
        let old = s
            .leader_facts
            .clone()
            .map_or_else(shared::life::minimum_leader, |f| f.0);
        errors.extend(leader_not_lower(&old, candidate));
        // 第十条（一）"一般不超过55周岁" holds for a successor too: a warning HRSS sees.
        findings.push(shared::life::successor_age(candidate, today));
    }
    if new.kind == ChangeKind::Host
        && let Some(u) = new.new_unit_id
    {
        match store::unit(&state.db, u).await? {
            Some(nu) if u != s.unit_id => {
                let old = store::unit(&state.db, s.unit_id).await?;
                match shared::life::same_system(
                    old.as_ref().and_then(|o| o.group_name.as_deref()),
                    nu.group_name.as_deref(),
                ) {
                    Ok(f) => findings.push(f),
                    Err(e) => errors.push(e),
                }
            }
            _ => errors.push(FieldError::new(
                "new_unit_id",
                "须为区内另一家单位",
                "must be another unit in the region",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let on_record: Vec<_> = store::changes(&*w, id)
        .await?
        .iter()
        .map(|c| c.state)
        .collect();
    shared::life::may_request(&on_record).map_err(|r| ApiError::Conflict(r.zh))?;
    let leader = new.kind == ChangeKind::Leader;
    let saved = store::insert_change(
        &*w,
        studio_change::ActiveModel {
            studio_id: Set(id),
            kind: Set(new.kind),
            state: Set(shared::life::first_state(new.kind)),
            event_on: Set(new.event_on),
            cause: Set(new.cause.trim().to_owned()),
            old_leader_name: Set(s.leader_name.clone()),
            new_leader_name: Set(if leader {
                new.new_leader_name.trim().to_owned()
            } else {
                s.leader_name.clone()
            }),
            new_leader: Set(new.new_leader.clone().filter(|_| leader).map(JsonText)),
            old_unit_id: Set(s.unit_id),
            new_unit_id: Set(new.new_unit_id.filter(|_| !leader)),
            mode: Set(new.mode.filter(|_| !leader)),
            filed_by: Set(actor.username.clone()),
            filed_at: Set(w.now()),
            findings: Set(Some(JsonText(findings))),
            new_leader_id_number: Set(shared::identity::IdNumber::parse(&new.new_leader_id_number)
                .ok()
                .filter(|_| leader)
                .map(String::from)),
            ..Default::default()
        },
    )
    .await?;
    let mut audited = new.clone();
    audited.new_leader_id_number = shared::identity::mask_id(&new.new_leader_id_number);
    w.done(Event::new("change.request", "studio", id).after(&audited))
        .await?;
    let calendar = state.calendar().await?;
    change_view(&state.db, &calendar, &saved, today).await
}

/// 第十六条（二）: the unit the leader moved to joins the host change (联合上报) or declines it.
pub async fn join_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    d: Decision,
) -> Result<ChangeView, ApiError> {
    let c = store::change(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let joins =
        actor.is(Role::Applicant) && actor.unit_id.is_some() && actor.unit_id == c.new_unit_id;
    if !joins {
        return Err(ApiError::NotFound);
    }
    let step = ChangeStep::NewUnitJoins { approve: d.approve };
    decide(state, actor, c, d, step).await
}

/// HRSS approves (the studio's leader or host changes) or rejects a change request.
pub async fn decide_change(
    state: &AppState,
    actor: &Actor,
    id: i32,
    d: Decision,
) -> Result<ChangeView, ApiError> {
    actor.require(&[Role::HrssAdmin])?;
    let c = store::change(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let step = ChangeStep::HrssDecides { approve: d.approve };
    decide(state, actor, c, d, step).await
}

async fn decide(
    state: &AppState,
    actor: &Actor,
    c: studio_change::Model,
    d: Decision,
    step: ChangeStep,
) -> Result<ChangeView, ApiError> {
    d.check().map_err(ApiError::Validation)?;
    let reason = d.reason.trim().to_owned();
    let w = Write::begin(state, actor).await?;
    let c = store::change(&*w, c.id).await?.ok_or(ApiError::NotFound)?;
    let current = c.state;
    let next =
        shared::life::change_transition(current, step).map_err(|r| ApiError::Conflict(r.zh))?;
    let s = store::studio(&*w, c.studio_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    must_be_in_being(&s)?;
    let mut a = c.clone().into_active_model();
    a.state = Set(next);
    if shared::life::is_decided(next) {
        a.decided_on = Set(Some(w.today()));
    }
    if !reason.is_empty() {
        a.decision_reason = Set(Some(reason.clone()));
    }
    let saved = store::update_change(&*w, a).await?;
    if next == shared::life::ChangeState::Approved {
        let mut st = s.clone().into_active_model();
        match shared::life::effect(c.kind, c.mode, c.new_unit_id) {
            ChangeEffect::NewLeader => {
                st.leader_name = Set(c.new_leader_name.clone());
                st.leader_facts = Set(c.new_leader.clone());
                // 第十八条's ban follows the leader by identity number from now on.
                st.leader_id_number = Set(c.new_leader_id_number.clone());
            }
            ChangeEffect::MoveTo { unit_id } => st.unit_id = Set(unit_id),
            ChangeEffect::StaysWithUnit => {}
        }
        store::update(&*w, st).await?;
    }
    w.done(
        Event::new("change.decide", "studio", c.studio_id)
            .before(&serde_json::json!({ "change": c.id, "state": current }))
            .after(&serde_json::json!({ "change": c.id, "state": next, "reason": reason })),
    )
    .await?;
    let calendar = state.calendar().await?;
    change_view(&state.db, &calendar, &saved, state.today()).await
}

/// 第十七条, 第十八条: a revoked or exited studio is owed nothing more. Its entitlement becomes
/// what was disbursed, so 待拨付 is zero on the ledger and the dashboard; returns go on. Returns the
/// entitlement before and after.
pub async fn lapse_entitlement<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
) -> Result<(i64, i64), ApiError> {
    let b = crate::ledger::service::balance_of(db, s).await?;
    let after = b.disbursed.fen().clamp(0, s.entitlement_fen);
    if after != s.entitlement_fen {
        let mut a = s.clone().into_active_model();
        a.entitlement_fen = Set(after);
        store::update(db, a).await?;
    }
    Ok((s.entitlement_fen, after))
}

/// 第十八条: HRSS decides an exit. Unused funds (disbursed − used − returned) become a return due,
/// and the unit and the leader are barred from applying for 3 years.
pub async fn exit(
    state: &AppState,
    actor: &Actor,
    id: i32,
    new: NewExit,
) -> Result<StudioLife, ApiError> {
    actor.require(&[Role::HrssAdmin])?;
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    let s = store::studio(&*w, id).await?.ok_or(ApiError::NotFound)?;
    let before = s.status;
    if before == StudioStatus::Exited {
        return Err(ApiError::Conflict("工作室已退出".into()));
    }
    if new.decided_on < s.approved_on {
        return Err(ApiError::Validation(vec![FieldError::new(
            "decided_on",
            "决定日期不能早于工作室命名日期",
            "the decision cannot precede the studio's approval",
        )]));
    }
    let held = crate::ledger::service::balance_of(&*w, &s).await?.held();
    store::insert_exit(
        &*w,
        studio_exit::ActiveModel {
            studio_id: Set(id),
            unit_id: Set(s.unit_id),
            leader_name: Set(s.leader_name.clone()),
            leader_birth_date: Set(s.leader_facts.as_ref().map(|l| l.birth_date)),
            leader_id_number: Set(s.leader_id_number.clone()),
            exit_case: Set(new.case),
            evidence: Set(new.evidence.trim().to_owned()),
            investigation: Set(new.investigation.trim().to_owned()),
            decided_on: Set(new.decided_on),
            ban_until: Set(new.ban_until()),
            return_due_fen: Set(held.fen().max(0)),
            decided_by: Set(actor.username.clone()),
            recorded_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let mut a = s.clone().into_active_model();
    a.status = Set(StudioStatus::Exited);
    let s = store::update(&*w, a).await?;
    let (entitled_before, entitled_after) = lapse_entitlement(&*w, &s).await?;
    let s = store::studio(&*w, id).await?.ok_or(ApiError::NotFound)?;
    // Changes still open end with the studio.
    for c in store::changes(&*w, id).await? {
        if let Ok(lapsed) = shared::life::change_transition(c.state, ChangeStep::StudioExits) {
            let mut ch = c.into_active_model();
            ch.state = Set(lapsed);
            ch.decided_on = Set(Some(today));
            ch.decision_reason = Set(Some(format!(
                "工作室已于 {} 退出（{}），变更申请终止",
                new.decided_on,
                new.case.article()
            )));
            store::update_change(&*w, ch).await?;
        }
    }
    w.done(
        Event::new("studio.exit", "studio", id)
            .before(&serde_json::json!({ "status": before }))
            .after(&serde_json::json!({
                "status": StudioStatus::Exited,
                "case": new.case,
                "article": new.case.article(),
                "decided_on": new.decided_on,
                "ban_until": new.ban_until(),
                "return_due_fen": held.fen().max(0),
                "entitlement_fen": { "before": entitled_before, "after": entitled_after },
            })),
    )
    .await?;
    view::life(&state.db, &s, today).await
}

/// Creates the approved studio in the approving write: plaque number (next in the year), the
/// profile's name, leader and occupation, a 2-year construction period from today, and the
/// 第十二条 entitlement.
pub async fn create_studio(w: &Write<'_>, m: &application::Model) -> Result<i32, ApiError> {
    let facts = &m.facts;
    let p = &m.profile;
    let entitlement = shared::subsidy::entitlement(facts.level, facts.national_category)
        .ok_or_else(|| {
            ApiError::Conflict("国家级工作室须有类别（第十二条），请先退回补正".into())
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

/// 附件: the figures an assessment panel verifies — the year's report for an annual assessment,
/// the term's final year's otherwise — and how it was filed by `assessed_on`.
pub async fn reported_input<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
    purpose: PanelPurpose,
    year: Option<i32>,
    assessed_on: NaiveDate,
) -> Result<AssessmentInput, ApiError> {
    let reports = store::reports(db, s.id).await?;
    // Only a filed report counts: a draft is not what the unit reported.
    let filed: Vec<FiledReport<'_>> = reports
        .iter()
        .filter_map(|r| {
            Some(FiledReport {
                year: r.year,
                figures: &r.figures.0,
                filed_on: r.filed_on?,
            })
        })
        .collect();
    let annual_year = (purpose == PanelPurpose::Annual).then_some(year).flatten();
    let wanted = shared::life::assessed_report_year(annual_year, s.term_end);
    Ok(shared::life::assessed_input(
        s.level,
        &filed,
        wanted,
        assessed_on,
    ))
}

/// One studio's result of a closed assessment panel.
pub struct AssessmentResult {
    pub studio_id: i32,
    pub panel_id: i32,
    pub kind: shared::life::AssessmentKind,
    pub year: i32,
    pub row: shared::panel::RankingRow,
    pub items: Vec<shared::life::SheetItem>,
    pub comments: Vec<String>,
}

/// 第十五条, 第十七条: a closed assessment panel's result becomes the studio's assessment, graded
/// on the exact mean with the policy for exactly 60, and the grade decides the studio's status.
pub async fn record_assessment(w: &Write<'_>, r: AssessmentResult) -> Result<(), ApiError> {
    use shared::life::Outcome;
    let s = store::studio(&**w, r.studio_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = w.today();
    let sixty = crate::admin::service::policies::current(&**w).await?.sixty;
    if store::assessment_exists(&**w, s.id, r.kind, r.year).await? {
        return Err(ApiError::Conflict(format!(
            "工作室“{}”已有 {} 年的{}结果",
            s.name,
            r.year,
            r.kind.label_zh()
        )));
    }
    // 第十五条: the grade of the exact mean (a 59.97 is 不合格 though it shows as 60.0).
    let g = shared::assessment::grade_mean(r.row.mean, sixty);
    let out = shared::life::outcome(r.kind, g.grade, today);
    let saved = store::insert_assessment(
        &**w,
        assessment::ActiveModel {
            studio_id: Set(s.id),
            kind: Set(r.kind),
            year: Set(r.year),
            panel_id: Set(Some(r.panel_id)),
            total_tenths: Set(r.row.score.tenths()),
            grade: Set(g.grade),
            policy_note: Set(g.policy_note.clone()),
            outcome: Set(JsonText(out)),
            decided_on: Set(today),
            items: Set(JsonText(r.items)),
            comments: Set(JsonText(r.comments)),
            decided_by: Set(w.actor().username.clone()),
            sum_tenths: Set(Some(r.row.mean.sum)),
            experts: Set(i32::try_from(r.row.mean.count).ok()),
            ..Default::default()
        },
    )
    .await?;
    let before = s.status;
    let after = out.status(before);
    let mut lapsed = None;
    if after != before || matches!(out, Outcome::Rectify { .. }) {
        let mut a = s.clone().into_active_model();
        a.status = Set(after);
        a.rectification_until = Set(match out {
            Outcome::Rectify { until } => Some(until),
            Outcome::Completed => None,
            _ => s.rectification_until,
        });
        let updated = store::update(&**w, a).await?;
        if out == Outcome::Revoke {
            lapsed = Some(lapse_entitlement(&**w, &updated).await?);
        }
    }
    w.record(
        Event::new("assessment.record", "studio", s.id).after(&serde_json::json!({
            "assessment_id": saved.id,
            "kind": r.kind,
            "year": r.year,
            "total": r.row.score,
            "exact_mean": r.row.mean.exact_text(),
            "grade": g.grade,
            "outcome": out,
            "status": { "before": before, "after": after },
            "entitlement_fen": lapsed.map(|(b, a)| serde_json::json!({ "before": b, "after": a })),
        })),
    )
    .await?;
    Ok(())
}

/// Whether a studio may sit an assessment of `purpose` on `on`, and as which kind.
pub fn assessable(
    s: &studio::Model,
    purpose: PanelPurpose,
    on: NaiveDate,
) -> Result<shared::life::AssessmentKind, shared::life::NotAssessable> {
    shared::life::assessable(
        purpose == PanelPurpose::EndOfTerm,
        s.status,
        s.term_end,
        s.rectification_until,
        on,
    )
}

/// A studio, for the panels that assess it.
pub async fn studio_of<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<studio::Model>, ApiError> {
    Ok(store::studio(db, id).await?)
}
