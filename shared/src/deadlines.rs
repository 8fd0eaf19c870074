//! Every date the measures set, as pure functions of the event date.

use crate::calendar::{
    CalendarError, HolidayCalendar, MEASURES_IN_FORCE_UNTIL, anniversary, date, days_after,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// 第十一条（五）: the public notice runs at least this many working days.
pub const NOTICE_WORKING_DAYS: u32 = 5;
/// 第十六条: a change of leader or host is completed within this many days.
pub const CHANGE_DAYS: u64 = 60;
/// 第十八条: no new application within this many years of an exit.
pub const BAN_YEARS: i32 = 3;
/// 第四条: a construction period is generally at most this many years.
pub const CONSTRUCTION_YEARS: i32 = 2;

/// 第十八条: the last day of the re-application ban after an exit decided on `exit` (民法典第二百零一条:
/// counted from the next day, so the 3rd anniversary is still inside the ban).
pub fn ban_until(exit: NaiveDate) -> NaiveDate {
    anniversary(exit, BAN_YEARS)
}

/// 第十五条: the annual summary and next-year plan for `year` are due by 31 December of that year.
pub fn annual_summary_due(year: i32) -> NaiveDate {
    date(year, 12, 31)
}

/// 第十五条（一）: annual assessment results for `year` are filed with HRSS by 31 January of the next year.
pub fn annual_results_due(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or(NaiveDate::MAX)
}

/// How a studio's annual filing stands (附件 第7项).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportFiling {
    /// Both parts filed by 31 December.
    OnTime,
    /// Completed after 31 December but before the assessment.
    Late,
    /// Not complete by the assessment.
    Missing,
}

impl ReportFiling {
    pub const ALL: [ReportFiling; 3] = [
        ReportFiling::OnTime,
        ReportFiling::Late,
        ReportFiling::Missing,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            ReportFiling::OnTime => "按时报送",
            ReportFiling::Late => "逾期报送",
            ReportFiling::Missing => "未报送",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ReportFiling::OnTime => "filed on time",
            ReportFiling::Late => "filed late",
            ReportFiling::Missing => "not filed",
        }
    }
}

/// 第十五条 and 附件 第7项: the filing counts when both the summary and the plan are in; its date is
/// the later of the two.
pub fn report_filing(
    year: i32,
    summary_filed: Option<NaiveDate>,
    plan_filed: Option<NaiveDate>,
    assessed_on: NaiveDate,
) -> ReportFiling {
    match (summary_filed, plan_filed) {
        (Some(s), Some(p)) => {
            let complete = s.max(p);
            if complete <= annual_summary_due(year) {
                ReportFiling::OnTime
            } else if complete < assessed_on {
                ReportFiling::Late
            } else {
                ReportFiling::Missing
            }
        }
        _ => ReportFiling::Missing,
    }
}

/// 第十五条（二）: the end-of-term assessment takes place in the first year after the construction
/// period ends: from the day after `term_end` to its first anniversary.
pub fn end_of_term_window(term_end: NaiveDate) -> (NaiveDate, NaiveDate) {
    (days_after(term_end, 1), anniversary(term_end, 1))
}

/// 第十六条: the last day to complete a change: 60 days counted from the day after the event
/// (民法典第二百零一条), moved to the next working day when that day is a statutory rest day
/// (民法典第二百零三条).
pub fn change_due(calendar: &HolidayCalendar, event: NaiveDate) -> crate::calendar::PeriodEnd {
    calendar.period_end(days_after(event, CHANGE_DAYS))
}

/// 第十七条: rectification after an unqualified end-of-term result lasts one year.
pub fn rectification_due(decided: NaiveDate) -> NaiveDate {
    anniversary(decided, 1)
}

/// 第四条: the default construction period ends the day before the 2nd anniversary of its start.
pub fn default_term_end(start: NaiveDate) -> NaiveDate {
    // A period starting on 29 February runs to 28 February: two full years.
    let year = start.year() + CONSTRUCTION_YEARS;
    NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

/// 第四条: a construction period longer than 2 years is a warning.
pub fn term_too_long(start: NaiveDate, end: NaiveDate) -> bool {
    end > default_term_end(start)
}

/// 第二十一条: the measures are in force until 2028-07-31. Anything decided under them that runs
/// past that day (a term, an assessment window, a rectification, a change's due date, a ban) is
/// flagged, saying what it is, so HRSS knows which rules will then apply is an open question.
pub fn beyond_measures(what_zh: &str, what_en: &str, day: NaiveDate) -> Option<crate::Finding> {
    (day > MEASURES_IN_FORCE_UNTIL).then(|| {
        crate::Finding::new(
            "validity.beyond",
            "第二十一条",
            crate::Severity::Warning,
            format!(
                "{what_zh}（{day}）晚于本办法有效期（至 2028年7月31日），届时适用的规定须另行确认。"
            ),
            format!(
                "{what_en} ({day}) falls after the measures expire (31 July 2028): which rules then apply is to be confirmed."
            ),
        )
        .read("date", day)
    })
}

/// 第二十一条: a studio whose end-of-term assessment window extends past the measures' expiry.
pub fn outlives_measures(term_end: NaiveDate) -> bool {
    term_end > MEASURES_IN_FORCE_UNTIL || end_of_term_window(term_end).1 > MEASURES_IN_FORCE_UNTIL
}

/// 第十一条（五）: the last day of a public notice that starts on `start` (counted when a working
/// day) and runs [`NOTICE_WORKING_DAYS`] working days.
pub fn notice_end(
    calendar: &HolidayCalendar,
    start: NaiveDate,
) -> Result<NaiveDate, CalendarError> {
    calendar.nth_working_day(start, NOTICE_WORKING_DAYS)
}

/// Whether an annual report for `year` is overdue on `today`.
pub fn summary_overdue(year: i32, filed: bool, today: NaiveDate) -> bool {
    !filed && today > annual_summary_due(year)
}
