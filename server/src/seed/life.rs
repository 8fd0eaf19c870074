//! A plausible 第六章 history for the demo studios (`--demo-money`, as `cargo xtask run` starts):
//! annual reports filed (a few late, one missing), annual results recorded by the city bureaus,
//! and the end-of-term results that explain the completed and the rectifying studios. Tests seed
//! without it, so every test starts from studios with no history.

use crate::entity::{JsonText, annual_report, assessment, studio};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};
use shared::assessment::{GradeResult, SixtyPolicy, grade, score};
use shared::calendar::date;
use shared::calendar::days_after;
use shared::deadlines::{ReportFiling, annual_results_due, report_filing};
use shared::eligibility::SkillLevel;
use shared::life::{
    AnnualFigures, AssessmentKind, Lecture, Outcome, SheetItem, StudioStatus, Trainee,
    assessment_input, report_years,
};
use shared::{Level, Tenths};

/// Figures that vary with the studio and the year, weaker for the studio that failed its term.
fn figures(id: i32, year: i32, weak: bool) -> AnnualFigures {
    let k = i64::from((id * 7 + year) % 11);
    let n = |base: i64, spread: i64| if weak { 0 } else { base + k * spread };
    AnnualFigures {
        training_person_times: n(36, 4),
        senior_trained: n(6, 1),
        partner_count: n(3, 0) + i64::from(k > 6),
        exchange_staff: n(3, 0) + i64::from(k % 2 == 0),
        team_training: !weak,
        media_level: match (weak, k % 4) {
            (true, _) => shared::assessment::MediaLevel::None,
            (_, 0) => shared::assessment::MediaLevel::Regional,
            (_, 1) => shared::assessment::MediaLevel::County,
            _ => shared::assessment::MediaLevel::City,
        },
        media_evidence: if weak {
            String::new()
        } else {
            format!("宁夏日报 {year} 年专题报道（示例）")
        },
        trainees: (0..if weak { 1 } else { 5 + k % 3 })
            .map(|i| Trainee {
                name: format!("学员{}", i + 1),
                // 青年 (35 or under on 31 December) in the year reported, whichever year that is.
                birth_date: date(year - 28 + i32::try_from(i).unwrap_or(0), 3, 1),
                level: if i % 2 == 0 {
                    SkillLevel::Senior
                } else {
                    SkillLevel::Technician
                },
            })
            .collect(),
        lectures: (1..=if weak {
            1
        } else {
            4 + u32::try_from(k % 2).unwrap_or(0)
        })
            .map(|m| Lecture {
                topic: format!("专业技术讲座第 {m} 讲"),
                held_on: date(year, m * 2, 15),
            })
            .collect(),
    }
}

pub async fn seed<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    for s in studio::Entity::find()
        .order_by_asc(studio::Column::Id)
        .all(db)
        .await?
    {
        let status: StudioStatus = s.status;
        if status == StudioStatus::Exited {
            continue;
        }
        let level: Level = s.level;
        let weak = status == StudioStatus::Rectifying;
        let ended = matches!(status, StudioStatus::Completed | StudioStatus::Rectifying);
        let mut filed = Vec::new();
        for year in report_years(s.term_start, s.term_end) {
            let last = year == s.term_end.year();
            // One studio has not filed last year's report: the overdue list has an entry.
            if s.id % 9 == 1 && year == today.year() - 1 && status == StudioStatus::Building {
                continue;
            }
            let late = (s.id + year) % 6 == 0 || weak;
            let on = if last && ended {
                // The final year's report, filed when the term ended (the end of term reads it).
                days_after(s.term_end, 14)
            } else if late {
                date(year + 1, 1, 12)
            } else {
                date(year, 12, 20)
            }
            .max(s.term_start);
            if on > today || (year >= today.year() && !(last && ended)) {
                continue;
            }
            let f = figures(s.id, year, weak);
            annual_report::ActiveModel {
                studio_id: Set(s.id),
                year: Set(year),
                figures: Set(JsonText(f.clone())),
                summary: Set(format!(
                    "{year} 年，工作室围绕带徒传技和技术攻关开展工作（示例数据）。"
                )),
                plan: Set(format!(
                    "{} 年计划继续扩大培训规模，完善合作共建（示例数据）。",
                    year + 1
                )),
                filed_on: Set(Some(on)),
                updated_by: Set("demo".into()),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            filed.push((year, on, f));
        }
        // Annual results for every year before the last, recorded by 31 January.
        for (year, on, f) in &filed {
            if *year >= s.term_end.year() || annual_results_due(*year) >= today {
                continue;
            }
            let decided = date(year + 1, 1, 25);
            let filing = report_filing(*year, Some(*on), Some(*on), decided);
            record(
                db,
                &s,
                AssessmentKind::Annual,
                *year,
                level,
                f,
                filing,
                decided,
                None,
            )
            .await?;
        }
        // The end-of-term results behind the completed and rectifying studios, on the final
        // year's report (第十五条（二）).
        if let Some((year, on, f)) = filed.iter().find(|(y, _, _)| *y == s.term_end.year())
            && ended
        {
            let decided = super::studios::end_of_term_decided(s.term_end, today, weak);
            let filing = report_filing(*year, Some(*on), Some(*on), decided);
            let out = if weak {
                Some(Outcome::Rectify {
                    until: shared::deadlines::rectification_due(decided),
                })
            } else {
                Some(Outcome::Completed)
            };
            record(
                db,
                &s,
                AssessmentKind::EndOfTerm,
                decided.year(),
                level,
                f,
                filing,
                decided,
                out,
            )
            .await?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn record<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
    kind: AssessmentKind,
    year: i32,
    level: Level,
    f: &AnnualFigures,
    filing: ReportFiling,
    decided: NaiveDate,
    outcome: Option<Outcome>,
) -> anyhow::Result<()> {
    let rubric = shared::scoring::assessment_rubric();
    let scored = score(&assessment_input(level, f, filing));
    let total: Tenths = scored.total;
    let g: GradeResult = grade(total, SixtyPolicy::default());
    let items: Vec<SheetItem> = rubric
        .items
        .iter()
        .zip(&scored.items)
        .map(|(r, s)| SheetItem {
            key: r.key.clone(),
            label: r.label.clone(),
            max: r.max,
            score: s.score,
            explanation: s.explanation.clone(),
            explanation_en: s.explanation_en.clone(),
        })
        .collect();
    assessment::ActiveModel {
        studio_id: Set(s.id),
        kind: Set(kind),
        year: Set(year),
        panel_id: Set(None),
        total_tenths: Set(total.tenths()),
        grade: Set(g.grade),
        policy_note: Set(g.policy_note),
        outcome: Set(JsonText(outcome.unwrap_or(Outcome::Recorded))),
        decided_on: Set(decided),
        items: Set(JsonText(items)),
        comments: Set(JsonText(vec![
            "考核组按附件逐项核实（示例数据）".to_owned(),
        ])),
        decided_by: Set("demo".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
