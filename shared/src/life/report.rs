//! 第十五条: the annual work summary and next-year plan with the year's figures (附件 items 1–6)
//! and the 第八条 targets, due by 31 December.

use crate::Level;
use crate::assessment::{AssessmentInput, MediaLevel};
use crate::calendar::age_on;
use crate::deadlines::{ReportFiling, annual_summary_due};
use crate::eligibility::SkillLevel;
use crate::wire::FieldError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// 第八条 "青年": the text gives no age; the programme counts trainees up to 35 full years old on
/// 31 December of the year (the 《中长期青年发展规划》 range is 14–35).
pub const YOUNG_MAX_AGE: u32 = 35;
/// 第八条: on average per year, at least 5 young senior-level (or higher) backbones.
pub const YOUNG_SENIOR_TARGET: u32 = 5;
/// 第八条: on average per year, at least 4 lectures.
pub const LECTURE_TARGET: u32 = 4;
const MAX_LIST: usize = 500;
const MAX_TEXT: usize = 20_000;
const MAX_COUNT: i64 = 10_000_000;

/// One trainee counted toward 第八条's young senior-level backbones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trainee {
    pub name: String,
    pub birth_date: NaiveDate,
    /// The level reached in the year.
    pub level: SkillLevel,
}

/// One professional lecture (第八条: 专业技术讲座).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lecture {
    pub topic: String,
    pub held_on: NaiveDate,
}

/// The year's figures, as 附件 reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualFigures {
    /// Item 1: training person-times for society and in-service employees.
    pub training_person_times: i64,
    /// Item 2: senior-level or higher workers trained.
    pub senior_trained: i64,
    /// Item 3: partner schools or enterprises.
    pub partner_count: i64,
    /// Item 4: team members on job exchange at partners.
    pub exchange_staff: i64,
    /// Item 5: team members went to training or skills competitions.
    pub team_training: bool,
    /// Item 6: the highest level of media that reported the studio's training experience.
    pub media_level: MediaLevel,
    /// Item 6: the link or a description of the clipping (required unless `none`).
    #[serde(default)]
    pub media_evidence: String,
    #[serde(default)]
    pub trainees: Vec<Trainee>,
    #[serde(default)]
    pub lectures: Vec<Lecture>,
}

/// What the unit saves (a draft) or files (`submit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualReportInput {
    /// The calendar year reported.
    pub year: i32,
    pub figures: AnnualFigures,
    /// 本年度工作总结
    #[serde(default)]
    pub summary: String,
    /// 下一年工作计划
    #[serde(default)]
    pub plan: String,
    /// File it now (both parts are then required); otherwise a draft.
    #[serde(default)]
    pub submit: bool,
}

impl AnnualReportInput {
    /// Every bad field at once.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let year = self.year;
        let f = &self.figures;
        for (field, n) in [
            ("figures.training_person_times", f.training_person_times),
            ("figures.senior_trained", f.senior_trained),
            ("figures.partner_count", f.partner_count),
            ("figures.exchange_staff", f.exchange_staff),
        ] {
            if !(0..=MAX_COUNT).contains(&n) {
                errors.push(FieldError::new(
                    field,
                    "须为 0 到 10000000 之间的整数",
                    "must be a whole number from 0 to 10,000,000",
                ));
            }
        }
        if f.media_level != MediaLevel::None && f.media_evidence.trim().is_empty() {
            errors.push(FieldError::new(
                "figures.media_evidence",
                "请填写媒体报道的链接或剪报说明",
                "give the link or describe the clipping of the media report",
            ));
        }
        if f.media_evidence.chars().count() > 2_000 {
            errors.push(FieldError::new(
                "figures.media_evidence",
                "不超过 2000 字",
                "at most 2,000 characters",
            ));
        }
        if f.trainees.len() > MAX_LIST {
            errors.push(FieldError::new(
                "figures.trainees",
                "最多 500 人",
                "at most 500",
            ));
        }
        if f.lectures.len() > MAX_LIST {
            errors.push(FieldError::new(
                "figures.lectures",
                "最多 500 次",
                "at most 500",
            ));
        }
        for (i, t) in f.trainees.iter().enumerate().take(MAX_LIST) {
            if t.name.trim().is_empty() || t.name.chars().count() > 64 {
                errors.push(FieldError::new(
                    format!("figures.trainees[{i}].name"),
                    "请填写姓名（不超过 64 字）",
                    "give the name (at most 64 characters)",
                ));
            }
            if t.birth_date.year() < 1900 || t.birth_date > annual_summary_due(year) {
                errors.push(FieldError::new(
                    format!("figures.trainees[{i}].birth_date"),
                    "出生日期不合理",
                    "the birth date is not plausible",
                ));
            }
        }
        for (i, l) in f.lectures.iter().enumerate().take(MAX_LIST) {
            if l.topic.trim().is_empty() || l.topic.chars().count() > 200 {
                errors.push(FieldError::new(
                    format!("figures.lectures[{i}].topic"),
                    "请填写讲座主题（不超过 200 字）",
                    "give the topic (at most 200 characters)",
                ));
            }
            if l.held_on.year() != year {
                errors.push(FieldError::new(
                    format!("figures.lectures[{i}].held_on"),
                    format!("须为 {year} 年内的日期"),
                    format!("must be a date in {year}"),
                ));
            }
        }
        for (field, text, zh) in [
            ("summary", &self.summary, "本年度工作总结"),
            ("plan", &self.plan, "下一年工作计划"),
        ] {
            if text.chars().count() > MAX_TEXT {
                errors.push(FieldError::new(
                    field,
                    format!("{zh}不超过 20000 字"),
                    "at most 20,000 characters",
                ));
            } else if self.submit && text.trim().is_empty() {
                errors.push(FieldError::new(
                    field,
                    format!("报送时须填写{zh}"),
                    "required to file the report",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// 第八条's targets as a running average over the years filed so far.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Targets {
    pub years: u32,
    pub young_senior_total: u32,
    pub lectures_total: u32,
    /// Averages per year in tenths (exact, rounded down).
    pub young_senior_avg: crate::Tenths,
    pub lectures_avg: crate::Tenths,
    pub young_senior_met: bool,
    pub lectures_met: bool,
    /// Years due and not filed: counted with nothing in them (第八条 "年均").
    #[serde(default)]
    pub missing_years: Vec<i32>,
}

/// Trainees of `year` who count: senior level (三级) or higher and young on 31 December.
pub fn young_senior(figures: &AnnualFigures, year: i32) -> u32 {
    let on = annual_summary_due(year);
    let n = figures
        .trainees
        .iter()
        .filter(|t| t.level >= SkillLevel::Senior && age_on(t.birth_date, on) <= YOUNG_MAX_AGE)
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// 第八条 "年均": the averages over the filed years' figures and the years due but not filed,
/// which count as years with nothing in them (a studio does not raise its average by not filing).
pub fn targets<'a>(
    years: impl IntoIterator<Item = (i32, &'a AnnualFigures)>,
    missing: &[i32],
) -> Targets {
    let mut t = Targets {
        years: u32::try_from(missing.len()).unwrap_or(u32::MAX),
        missing_years: missing.to_vec(),
        ..Targets::default()
    };
    for (year, f) in years {
        t.years += 1;
        t.young_senior_total = t.young_senior_total.saturating_add(young_senior(f, year));
        t.lectures_total = t
            .lectures_total
            .saturating_add(u32::try_from(f.lectures.len()).unwrap_or(u32::MAX));
    }
    if t.years > 0 {
        let avg = |total: u32| {
            crate::Tenths::from_tenths(
                i32::try_from(total.saturating_mul(10) / t.years).unwrap_or(i32::MAX),
            )
        };
        t.young_senior_avg = avg(t.young_senior_total);
        t.lectures_avg = avg(t.lectures_total);
        t.young_senior_met = t.young_senior_total >= YOUNG_SENIOR_TARGET * t.years;
        t.lectures_met = t.lectures_total >= LECTURE_TARGET * t.years;
    }
    t
}

/// 附件: what the rubric reads from a year's figures and the filing.
pub fn assessment_input(level: Level, f: &AnnualFigures, filing: ReportFiling) -> AssessmentInput {
    AssessmentInput {
        level,
        training_person_times: f.training_person_times,
        senior_trained: f.senior_trained,
        partner_count: f.partner_count,
        exchange_staff: f.exchange_staff,
        team_training: f.team_training,
        media_level: f.media_level,
        report: filing,
        exactly_sixty: None,
    }
}

/// A filed report as an assessment finds it: its year, figures and filing day.
#[derive(Debug, Clone, Copy)]
pub struct FiledReport<'a> {
    pub year: i32,
    pub figures: &'a AnnualFigures,
    pub filed_on: NaiveDate,
}

/// 第十五条: the year whose report an assessment reads — the year assessed for an annual
/// assessment; for an end-of-term assessment or a re-assessment the term's final year, not the
/// latest report filed.
pub fn assessed_report_year(annual_year: Option<i32>, term_end: NaiveDate) -> i32 {
    annual_year.unwrap_or(term_end.year())
}

/// What the rubric reads for an assessment sitting on `assessed_on`: the figures of that year's
/// filed report and how it was filed (附件 第7项); without one, nothing, scored as missing. The
/// figures are read when the panel is formed, so a report filed earlier that day was filed
/// before the assessment.
pub fn assessed_input(
    level: Level,
    filed: &[FiledReport<'_>],
    year: i32,
    assessed_on: NaiveDate,
) -> AssessmentInput {
    match filed.iter().find(|r| r.year == year) {
        Some(r) => {
            let before = assessed_on.succ_opt().unwrap_or(assessed_on);
            let filing =
                crate::deadlines::report_filing(r.year, Some(r.filed_on), Some(r.filed_on), before);
            assessment_input(level, r.figures, filing)
        }
        None => assessment_input(level, &AnnualFigures::default(), ReportFiling::Missing),
    }
}

/// 第十五条: a studio files a report for every calendar year its construction period touches.
pub fn report_years(term_start: NaiveDate, term_end: NaiveDate) -> std::ops::RangeInclusive<i32> {
    term_start.year()..=term_end.year()
}

/// A year's report as stored, with how its filing stands on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualReportView {
    pub studio_id: i32,
    pub year: i32,
    pub figures: AnnualFigures,
    pub summary: String,
    pub plan: String,
    /// The day it was filed; `None` while a draft.
    pub filed_on: Option<NaiveDate>,
    pub due: NaiveDate,
    /// 附件 第7项 as of today (or as of the assessment, once assessed).
    pub filing: ReportFiling,
    pub young_senior: u32,
    pub lectures: u32,
    pub updated_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    fn trainee(birth: NaiveDate, level: SkillLevel) -> Trainee {
        Trainee {
            name: "学员".into(),
            birth_date: birth,
            level,
        }
    }

    #[test]
    fn young_means_35_full_years_on_31_december() {
        let f = AnnualFigures {
            trainees: vec![
                trainee(date(1992, 1, 1), SkillLevel::Senior), // 35 on 2027-12-31: counts
                trainee(date(1991, 12, 30), SkillLevel::Senior), // 36 the day after the birthday: too old
                trainee(date(1991, 12, 31), SkillLevel::Senior), // the 36th birthday itself: still 35
                trainee(date(2000, 5, 1), SkillLevel::Intermediate), // level too low
                trainee(date(2000, 5, 1), SkillLevel::Technician), // counts
            ],
            ..AnnualFigures::default()
        };
        assert_eq!(young_senior(&f, 2027), 3);
    }

    /// A 2027 report with five young senior trainees and four lectures.
    fn five_young_seniors_and_four_lectures() -> AnnualFigures {
        AnnualFigures {
            trainees: (0..5)
                .map(|_| trainee(date(2000, 1, 1), SkillLevel::Senior))
                .collect(),
            lectures: (1..=4)
                .map(|m| Lecture {
                    topic: "讲座".into(),
                    held_on: date(2027, m, 1),
                })
                .collect(),
            ..AnnualFigures::default()
        }
    }

    #[test]
    fn end_of_term_reads_the_final_years_report_and_a_missing_one_scores_as_missing() {
        // Term 2026-06-01 – 2028-05-31; 2027's report is the latest filed, 2028's is not filed.
        let term_end = date(2028, 5, 31);
        let rich = five_young_seniors_and_four_lectures();
        let full = AnnualFigures {
            training_person_times: 80,
            ..rich
        };
        let filed = [FiledReport {
            year: 2027,
            figures: &full,
            filed_on: date(2027, 12, 20),
        }];
        let year = assessed_report_year(None, term_end);
        assert_eq!(year, 2028);
        let eot = assessed_input(Level::Regional, &filed, year, date(2028, 7, 1));
        assert_eq!(eot.report, ReportFiling::Missing);
        assert_eq!(eot.training_person_times, 0);
        // The annual assessment of 2027 reads 2027's, filed on time.
        let annual = assessed_input(
            Level::Regional,
            &filed,
            assessed_report_year(Some(2027), term_end),
            date(2028, 1, 10),
        );
        assert_eq!(annual.report, ReportFiling::OnTime);
        assert_eq!(annual.training_person_times, 80);
        // Filed the morning of the assessment: late, not missing.
        let same_day = [FiledReport {
            year: 2028,
            figures: &full,
            filed_on: date(2029, 1, 10),
        }];
        let late = assessed_input(Level::Regional, &same_day, 2028, date(2029, 1, 10));
        assert_eq!(late.report, ReportFiling::Late);
    }

    #[test]
    fn targets_are_a_running_average() {
        let five = five_young_seniors_and_four_lectures();
        let none = AnnualFigures::default();
        let t = targets([(2027, &five)], &[]);
        assert!(t.young_senior_met && t.lectures_met);
        let t = targets([(2027, &five), (2028, &none)], &[]);
        assert_eq!(t.young_senior_avg, crate::Tenths::from_tenths(25));
        assert_eq!(t.lectures_avg, crate::Tenths::from_tenths(20));
        assert!(!t.young_senior_met && !t.lectures_met);
        assert_eq!(targets([], &[]).years, 0);
    }

    #[test]
    fn a_year_due_and_not_filed_counts_as_zero_in_the_average() {
        // Five young senior trainees and four lectures in 2027, nothing filed for 2028 although
        // due: the average over the two years is 2.5 and 2.0, not 5 and 4.
        let five = five_young_seniors_and_four_lectures();
        let t = targets([(2027, &five)], &[2028]);
        assert_eq!(t.years, 2);
        assert_eq!(t.young_senior_avg, crate::Tenths::from_tenths(25));
        assert_eq!(t.lectures_avg, crate::Tenths::from_tenths(20));
        assert!(!t.young_senior_met && !t.lectures_met);
        assert_eq!(t.missing_years, [2028]);
    }

    #[test]
    fn filing_names_every_missing_part() {
        let input = AnnualReportInput {
            year: 2027,
            figures: AnnualFigures {
                training_person_times: -1,
                media_level: MediaLevel::City,
                lectures: vec![Lecture {
                    topic: " ".into(),
                    held_on: date(2026, 12, 1),
                }],
                ..AnnualFigures::default()
            },
            summary: String::new(),
            plan: "计划".into(),
            submit: true,
        };
        let fields: Vec<String> = input
            .check()
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "figures.training_person_times",
                "figures.media_evidence",
                "figures.lectures[0].topic",
                "figures.lectures[0].held_on",
                "summary"
            ]
        );
        let draft = AnnualReportInput {
            year: 2027,
            submit: false,
            summary: String::new(),
            plan: String::new(),
            figures: AnnualFigures::default(),
        };
        assert!(draft.check().is_ok());
    }

    #[test]
    fn a_term_touches_three_calendar_years() {
        assert_eq!(
            report_years(date(2026, 11, 30), date(2028, 11, 29)).collect::<Vec<_>>(),
            [2026, 2027, 2028]
        );
    }
}
