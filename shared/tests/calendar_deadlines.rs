//! The working-day calendar (statutory holidays and 调休) behind 第十一条（五）'s 5-working-day notice,
//! and every other date the measures set (第四条, 第十五条, 第十六条, 第十七条, 第十八条, 第二十一条).
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, NaiveDate, Weekday};
use shared::calendar::{
    CalendarError, DayKind, HolidayCalendar, HolidayEntry, date, embedded_entries,
};
use shared::deadlines::{
    ReportFiling, annual_results_due, annual_summary_due, ban_until, change_due, default_term_end,
    end_of_term_window, notice_end, outlives_measures, rectification_due, report_filing,
    summary_overdue, term_too_long,
};

fn cal() -> HolidayCalendar {
    HolidayCalendar::embedded()
}

// ---------------------------------------------------------------- the embedded schedule

#[test]
fn every_adjusted_work_day_in_the_data_is_a_weekend_day() {
    for e in embedded_entries()
        .iter()
        .filter(|e| e.kind == DayKind::Work)
    {
        assert!(
            matches!(e.date.weekday(), Weekday::Sat | Weekday::Sun),
            "{} ({})",
            e.date,
            e.name
        );
    }
}

#[test]
fn every_listed_day_is_classified_as_the_data_says() {
    let c = cal();
    for e in embedded_entries()
        .into_iter()
        .filter(|e| e.date.year() >= 2023)
    {
        let expected = e.kind == DayKind::Work;
        assert_eq!(
            c.is_working_day(e.date),
            Ok(expected),
            "{} ({})",
            e.date,
            e.name
        );
    }
}

#[test]
fn the_embedded_schedule_covers_exactly_2023_to_2026() {
    assert_eq!(
        cal().covered_years().collect::<Vec<_>>(),
        [2023, 2024, 2025, 2026]
    );
}

#[test]
fn spring_festival_2025_is_off_from_28_january_to_4_february_with_two_weekend_work_days() {
    let c = cal();
    let mut d = date(2025, 1, 28);
    while d <= date(2025, 2, 4) {
        assert_eq!(c.is_working_day(d), Ok(false), "{d}");
        d = d.succ_opt().unwrap();
    }
    assert_eq!(
        c.is_working_day(date(2025, 1, 26)),
        Ok(true),
        "Sunday 26 Jan is worked"
    );
    assert_eq!(
        c.is_working_day(date(2025, 2, 8)),
        Ok(true),
        "Saturday 8 Feb is worked"
    );
    assert_eq!(
        c.is_working_day(date(2025, 1, 25)),
        Ok(false),
        "a plain Saturday"
    );
    assert_eq!(
        c.is_working_day(date(2025, 1, 27)),
        Ok(true),
        "the Monday before the block"
    );
    assert_eq!(
        c.is_working_day(date(2025, 2, 5)),
        Ok(true),
        "the Wednesday after the block"
    );
}

// ---------------------------------------------------------------- 第十一条（五）: the notice

#[test]
fn a_notice_starting_monday_30_september_2024_ends_on_friday_11_october() {
    // 30 Sep (1), 1–7 Oct off, 8 (2), 9 (3), 10 (4), 11 (5).
    assert_eq!(
        notice_end(&cal(), date(2024, 9, 30)),
        Ok(date(2024, 10, 11))
    );
}

#[test]
fn a_notice_starting_after_national_day_2024_ends_on_the_worked_saturday() {
    // 8, 9, 10, 11 Oct and Saturday 12 Oct (调休上班).
    assert_eq!(
        notice_end(&cal(), date(2024, 10, 8)),
        Ok(date(2024, 10, 12))
    );
}

#[test]
fn a_notice_starting_friday_24_january_2025_runs_over_spring_festival_to_6_february() {
    // Fri 24 Jan (1), Sat 25 off, Sun 26 worked (2), Mon 27 (3), 28 Jan–4 Feb off, Wed 5 (4), Thu 6 (5).
    assert_eq!(notice_end(&cal(), date(2025, 1, 24)), Ok(date(2025, 2, 6)));
    assert_eq!(
        cal().working_days_between(date(2025, 1, 24), date(2025, 2, 6)),
        Ok(5)
    );
}

#[test]
fn a_notice_starting_on_a_weekend_counts_from_the_next_working_day() {
    let c = cal();
    // A plain Saturday: Mon 21 – Fri 25 Oct 2024.
    assert_eq!(notice_end(&c, date(2024, 10, 19)), Ok(date(2024, 10, 25)));
    // A plain Sunday.
    assert_eq!(notice_end(&c, date(2024, 10, 20)), Ok(date(2024, 10, 25)));
    // Saturday 25 Jan 2025 is off, Sunday 26 Jan is worked: 26, 27, 5 Feb, 6 Feb, 7 Feb.
    assert_eq!(notice_end(&c, date(2025, 1, 25)), Ok(date(2025, 2, 7)));
    // A worked Saturday counts itself: Sat 8 Feb 2025, then 10–13 Feb.
    assert_eq!(notice_end(&c, date(2025, 2, 8)), Ok(date(2025, 2, 13)));
}

#[test]
fn a_notice_starting_on_a_holiday_counts_from_the_first_working_day_after_it() {
    // 1 Oct 2024 is off; 8–12 Oct.
    assert_eq!(
        notice_end(&cal(), date(2024, 10, 1)),
        Ok(date(2024, 10, 12))
    );
    // Spring festival 2026: Fri 13 Feb (1), Sat 14 worked (2), 15–23 off, 24 (3), 25 (4), 26 (5).
    assert_eq!(notice_end(&cal(), date(2026, 2, 13)), Ok(date(2026, 2, 26)));
}

#[test]
fn a_notice_can_end_on_the_last_day_of_the_last_covered_year() {
    // Fri 25, Mon 28 … Thu 31 Dec 2026.
    assert_eq!(
        notice_end(&cal(), date(2026, 12, 25)),
        Ok(date(2026, 12, 31))
    );
}

#[test]
fn a_notice_running_into_2027_is_refused_because_2027_is_not_covered() {
    // 28–31 Dec 2026 are 4 working days; the 5th would fall in 2027.
    assert_eq!(
        notice_end(&cal(), date(2026, 12, 28)),
        Err(CalendarError::YearNotCovered(2027))
    );
    assert_eq!(
        notice_end(&cal(), date(2027, 3, 1)),
        Err(CalendarError::YearNotCovered(2027))
    );
    assert!(
        CalendarError::YearNotCovered(2027)
            .to_string()
            .contains("2027")
    );
}

#[test]
fn once_an_admin_adds_2027_the_notice_runs_into_it() {
    let mut c = cal();
    c.add([HolidayEntry {
        date: date(2027, 1, 1),
        kind: DayKind::Off,
        name: "元旦".into(),
    }]);
    // 28–31 Dec (4), Fri 1 Jan off, weekend, Mon 4 Jan (5).
    assert_eq!(notice_end(&c, date(2026, 12, 28)), Ok(date(2027, 1, 4)));
}

#[test]
fn an_admin_entry_overrides_the_embedded_one() {
    let mut c = cal();
    c.add([HolidayEntry {
        date: date(2024, 10, 7),
        kind: DayKind::Work,
        name: "test".into(),
    }]);
    assert_eq!(c.is_working_day(date(2024, 10, 7)), Ok(true));
}

#[test]
fn working_days_between_counts_both_ends_and_the_adjusted_saturday() {
    // 30 Sep, 8, 9, 10, 11, 12 Oct.
    assert_eq!(
        cal().working_days_between(date(2024, 9, 30), date(2024, 10, 12)),
        Ok(6)
    );
    assert_eq!(
        cal().working_days_between(date(2024, 10, 1), date(2024, 10, 7)),
        Ok(0)
    );
    assert_eq!(
        cal().working_days_between(date(2024, 10, 12), date(2024, 10, 1)),
        Ok(0)
    );
}

// ---------------------------------------------------------------- 第十八条: the ban

#[test]
fn the_ban_lasts_until_the_third_anniversary_of_the_exit_decision() {
    let cases = [
        (date(2021, 6, 10), date(2024, 6, 10)),
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2025, 12, 31), date(2028, 12, 31)),
        (date(2023, 3, 1), date(2026, 3, 1)),
    ];
    for (exit, until) in cases {
        assert_eq!(ban_until(exit), until, "exit {exit}");
    }
}

// ---------------------------------------------------------------- 第十五条: annual filings

#[test]
fn the_annual_summary_is_due_on_31_december_and_results_on_31_january() {
    assert_eq!(annual_summary_due(2025), date(2025, 12, 31));
    assert_eq!(annual_results_due(2025), date(2026, 1, 31));
    assert_eq!(annual_results_due(2027), date(2028, 1, 31));
}

#[test]
fn a_filing_counts_from_the_later_of_summary_and_plan() {
    let assessed = date(2026, 3, 15);
    let d = |y, m, dd| Some(date(y, m, dd));
    let cases: [(&str, Option<NaiveDate>, Option<NaiveDate>, ReportFiling); 12] = [
        (
            "both on 31 Dec",
            d(2025, 12, 31),
            d(2025, 12, 31),
            ReportFiling::OnTime,
        ),
        (
            "both early",
            d(2025, 6, 1),
            d(2025, 7, 1),
            ReportFiling::OnTime,
        ),
        (
            "both on 1 Jan",
            d(2026, 1, 1),
            d(2026, 1, 1),
            ReportFiling::Late,
        ),
        (
            "plan on 1 Jan",
            d(2025, 12, 1),
            d(2026, 1, 1),
            ReportFiling::Late,
        ),
        (
            "summary on 1 Jan",
            d(2026, 1, 1),
            d(2025, 12, 1),
            ReportFiling::Late,
        ),
        (
            "the day before the assessment",
            d(2025, 12, 1),
            d(2026, 3, 14),
            ReportFiling::Late,
        ),
        (
            "on the assessment day",
            d(2025, 12, 1),
            d(2026, 3, 15),
            ReportFiling::Missing,
        ),
        (
            "after the assessment",
            d(2026, 3, 16),
            d(2025, 12, 1),
            ReportFiling::Missing,
        ),
        ("no summary", None, d(2025, 12, 1), ReportFiling::Missing),
        ("no plan", d(2025, 12, 1), None, ReportFiling::Missing),
        ("nothing", None, None, ReportFiling::Missing),
        (
            "no plan, summary late",
            d(2026, 1, 5),
            None,
            ReportFiling::Missing,
        ),
    ];
    for (name, summary, plan, expected) in cases {
        assert_eq!(
            report_filing(2025, summary, plan, assessed),
            expected,
            "{name}"
        );
    }
}

#[test]
fn a_summary_is_overdue_only_after_31_december_and_only_when_not_filed() {
    assert!(!summary_overdue(2025, false, date(2025, 12, 31)));
    assert!(summary_overdue(2025, false, date(2026, 1, 1)));
    assert!(!summary_overdue(2025, true, date(2026, 1, 1)));
}

// ---------------------------------------------------------------- 第十五条（二）, 第十七条

#[test]
fn the_end_of_term_window_is_the_first_year_after_the_term() {
    assert_eq!(
        end_of_term_window(date(2026, 8, 31)),
        (date(2026, 9, 1), date(2027, 8, 31))
    );
    assert_eq!(
        end_of_term_window(date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 12, 31))
    );
    assert_eq!(
        end_of_term_window(date(2024, 2, 29)),
        (date(2024, 3, 1), date(2025, 2, 28))
    );
}

#[test]
fn rectification_lasts_one_year_from_the_decision() {
    assert_eq!(rectification_due(date(2025, 3, 10)), date(2026, 3, 10));
    assert_eq!(rectification_due(date(2024, 2, 29)), date(2025, 2, 28));
}

// ---------------------------------------------------------------- 第十六条: changes

#[test]
fn a_change_is_due_60_days_after_the_event_or_on_the_next_working_day() {
    let cal = HolidayCalendar::embedded();
    // (event, the 60th day, the due day): a 60th day on a rest day runs to the next working day
    // (民法典第二百零三条); a worked weekend day (调休) is a working day.
    let cases = [
        (date(2025, 3, 1), date(2025, 4, 30), date(2025, 4, 30)),
        (date(2025, 1, 1), date(2025, 3, 2), date(2025, 3, 3)), // a Sunday
        (date(2024, 1, 1), date(2024, 3, 1), date(2024, 3, 1)),
        (date(2025, 11, 15), date(2026, 1, 14), date(2026, 1, 14)),
        (date(2025, 8, 2), date(2025, 10, 1), date(2025, 10, 9)), // 国庆节 1–8 October 2025
        (date(2024, 7, 31), date(2024, 9, 29), date(2024, 9, 29)), // a Sunday worked (调休)
        (date(2025, 12, 2), date(2026, 1, 31), date(2026, 2, 2)), // Saturday → Monday
    ];
    for (event, sixtieth, due) in cases {
        assert_eq!((sixtieth - event).num_days(), 60);
        let end = change_due(&cal, event);
        assert_eq!(end.day, due, "event {event}");
        assert!(!end.provisional);
    }
}

// ---------------------------------------------------------------- 第四条: the construction period

#[test]
fn the_default_term_ends_the_day_before_the_second_anniversary() {
    assert_eq!(default_term_end(date(2024, 9, 1)), date(2026, 8, 31));
    assert_eq!(default_term_end(date(2025, 1, 1)), date(2026, 12, 31));
    assert_eq!(default_term_end(date(2024, 3, 1)), date(2026, 2, 28));
}

#[test]
fn a_term_longer_than_two_years_is_too_long() {
    let start = date(2024, 9, 1);
    assert!(!term_too_long(start, date(2025, 9, 1)));
    assert!(!term_too_long(start, date(2026, 8, 31)));
    assert!(term_too_long(start, date(2026, 9, 1)));
    assert!(term_too_long(start, date(2027, 1, 1)));
}

// ---------------------------------------------------------------- 第二十一条: expiry

#[test]
fn a_term_ending_after_the_measures_expire_is_flagged() {
    assert!(outlives_measures(date(2028, 8, 1)));
    assert!(outlives_measures(date(2029, 12, 31)));
}

#[test]
fn a_term_whose_assessment_year_ends_by_the_expiry_is_not_flagged() {
    assert!(!outlives_measures(date(2025, 12, 31)));
    // Window 2027-08-01 … 2028-07-31: ends on the last day in force.
    assert!(!outlives_measures(date(2027, 7, 31)));
}

#[test]
fn a_term_whose_assessment_year_runs_past_the_expiry_is_flagged() {
    // Window 2027-08-02 … 2028-08-01: the assessment may fall after 2028-07-31.
    assert!(outlives_measures(date(2027, 8, 1)));
    assert!(outlives_measures(date(2028, 7, 31)));
}

#[test]
fn a_term_starting_on_29_february_runs_two_full_years_to_28_february() {
    assert_eq!(default_term_end(date(2024, 2, 29)), date(2026, 2, 28));
    assert!(!term_too_long(date(2024, 2, 29), date(2026, 2, 28)));
    assert!(term_too_long(date(2024, 2, 29), date(2026, 3, 1)));
}

#[test]
fn a_listed_day_is_known_even_when_its_calendar_year_is_not() {
    let c = HolidayCalendar::embedded();
    // 2022-12-31 opens the 2023 元旦 block.
    assert_eq!(c.is_working_day(date(2022, 12, 31)), Ok(false));
    assert_eq!(
        c.is_working_day(date(2022, 12, 30)),
        Err(CalendarError::YearNotCovered(2022))
    );
}
