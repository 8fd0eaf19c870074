//! 第十五条, 第十七条: what an assessment panel verifies, whether a studio may sit one, and the
//! result of a closed panel as the studio's assessment and status.

use super::exits::lapse_entitlement;
use super::store;
use crate::audit::Event;
use crate::entity::{JsonText, assessment, studio};
use crate::error::ApiError;
use crate::work::Write;
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use shared::assessment::AssessmentInput;
use shared::life::FiledReport;
use shared::scoring::PanelPurpose;

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
        return Err(ApiError::conflict(
            format!(
                "工作室“{}”已有 {} 年的{}结果",
                s.name,
                r.year,
                r.kind.label_zh()
            ),
            format!(
                "Studio “{}” already has a result for {} ({})",
                s.name,
                r.year,
                r.kind.label_en()
            ),
        ));
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
