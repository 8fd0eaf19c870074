//! The Chinese working-day calendar: weekends, statutory holidays and adjusted work days (调休).
//!
//! Built from embedded State Council schedules (`shared/data/cn-holidays.tsv`, compiled in, never
//! fetched) plus entries an admin adds for future years. A year with no schedule is reported, not guessed.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const EMBEDDED: &str = include_str!("../../data/cn-holidays.tsv");

/// How a listed date deviates from the plain Monday–Friday week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "sea-orm",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum DayKind {
    /// 放假: a statutory day off.
    Off,
    /// 调休上班: a weekend day that is worked.
    Work,
}

/// One date of a published schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidayEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

impl HolidayEntry {
    /// The schedule the date belongs to: a block that starts on 31 December is the next year's
    /// 元旦.
    pub fn schedule_year(&self) -> i32 {
        if self.date.month() == 12 && self.date.day() == 31 && self.kind == DayKind::Off {
            self.date.year() + 1
        } else {
            self.date.year()
        }
    }
}

/// Why a working-day computation could not be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// No State Council schedule is known for this year: an admin must add it first.
    YearNotCovered(i32),
}

impl CalendarError {
    /// What to do about it, for the one who can: HRSS enters the year's schedule.
    pub fn field_error(&self, field: &str) -> crate::wire::FieldError {
        match self {
            CalendarError::YearNotCovered(y) => crate::wire::FieldError::new(
                field,
                format!(
                    "{y} 年的国务院节假日安排尚未录入，无法按工作日计算（第十一条（五））：请自治区人社厅在“节假日”页面（/admin/holidays）录入 {y} 年安排后再试"
                ),
                format!(
                    "no State Council holiday schedule for {y} yet, so working days cannot be counted (Art. 11(5)): HRSS enters it on the holidays page (/admin/holidays)"
                ),
            ),
        }
    }
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalendarError::YearNotCovered(y) => write!(
                f,
                "{y} 年的节假日安排尚未录入 (no holiday schedule for {y})"
            ),
        }
    }
}

/// The embedded schedule entries (2023–2026 at build time).
pub fn embedded_entries() -> Vec<HolidayEntry> {
    EMBEDDED
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let date = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
            let kind = match parts.next()? {
                "off" => DayKind::Off,
                "work" => DayKind::Work,
                _ => return None,
            };
            Some(HolidayEntry {
                date,
                kind,
                name: parts.next().unwrap_or("").to_owned(),
            })
        })
        .collect()
}

/// The last day of a period counted in days, moved past a rest day (民法典第二百零三条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodEnd {
    pub day: NaiveDate,
    /// The year's holiday schedule is not entered: only weekends were skipped.
    pub provisional: bool,
}

/// A working-day calendar for the years whose schedule is known.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    days: BTreeMap<NaiveDate, DayKind>,
    years: BTreeSet<i32>,
}

impl HolidayCalendar {
    /// The embedded schedules only.
    pub fn embedded() -> Self {
        let mut c = HolidayCalendar::default();
        c.add(embedded_entries());
        c
    }

    /// Adds (or overrides) entries, e.g. a future year's schedule entered by an admin. Every year
    /// with at least one entry counts as covered.
    pub fn add(&mut self, entries: impl IntoIterator<Item = HolidayEntry>) {
        for e in entries {
            self.years.insert(e.schedule_year());
            self.days.insert(e.date, e.kind);
        }
    }

    /// The years whose schedule is known.
    pub fn covered_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Whether `d` is a working day; an error if its year's schedule is unknown.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        match self.days.get(&d) {
            Some(DayKind::Off) => Ok(false),
            Some(DayKind::Work) => Ok(true),
            None if self.covers(d.year()) => {
                Ok(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            }
            None => Err(CalendarError::YearNotCovered(d.year())),
        }
    }

    /// The date on which the `n`-th working day counted from `start` (inclusive, when `start` is
    /// itself a working day) ends. `n` must be at least 1.
    pub fn nth_working_day(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut counted = 0;
        let mut d = start;
        loop {
            if self.is_working_day(d)? {
                counted += 1;
                if counted >= n.max(1) {
                    return Ok(d);
                }
            }
            d = d
                .succ_opt()
                .ok_or(CalendarError::YearNotCovered(d.year()))?;
        }
    }

    /// 民法典第二百零三条: a period whose last day `last` is a statutory rest day (a holiday, or a
    /// weekend day not worked) ends on the next working day instead. In a year whose schedule is not
    /// entered only weekends are known: the day is then `provisional`.
    pub fn period_end(&self, last: NaiveDate) -> PeriodEnd {
        let mut d = last;
        let mut provisional = false;
        // A rest period is at most a few weeks long; the bound only guards a corrupt calendar.
        for _ in 0..60 {
            let working = match self.is_working_day(d) {
                Ok(w) => w,
                Err(CalendarError::YearNotCovered(_)) => {
                    provisional = true;
                    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
                }
            };
            if working {
                break;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        PeriodEnd {
            day: d,
            provisional,
        }
    }

    /// Working days in `from..=to`.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let mut n = 0;
        let mut d = from;
        while d <= to {
            if self.is_working_day(d)? {
                n += 1;
            }
            d = match d.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn the_embedded_schedule_covers_2023_to_2026() {
        let c = HolidayCalendar::embedded();
        for y in 2023..=2026 {
            assert!(c.covers(y), "{y}");
        }
        assert!(!c.covers(2027));
        assert_eq!(
            c.is_working_day(date(2027, 3, 1)),
            Err(CalendarError::YearNotCovered(2027))
        );
    }

    #[test]
    fn holidays_are_off_and_adjusted_weekend_days_are_worked() {
        let c = HolidayCalendar::embedded();
        // 国庆节 2024: 1–7 Oct off; Sun 29 Sep and Sat 12 Oct worked.
        assert_eq!(c.is_working_day(date(2024, 10, 1)), Ok(false));
        assert_eq!(c.is_working_day(date(2024, 9, 29)), Ok(true));
        assert_eq!(c.is_working_day(date(2024, 10, 12)), Ok(true));
        assert_eq!(c.is_working_day(date(2024, 10, 8)), Ok(true));
        // A plain Saturday.
        assert_eq!(c.is_working_day(date(2024, 10, 19)), Ok(false));
    }

    #[test]
    fn an_admin_can_add_a_future_year() {
        let mut c = HolidayCalendar::embedded();
        c.add([HolidayEntry {
            date: date(2027, 1, 1),
            kind: DayKind::Off,
            name: "元旦".into(),
        }]);
        assert!(c.covers(2027));
        assert_eq!(c.is_working_day(date(2027, 1, 1)), Ok(false));
        assert_eq!(c.is_working_day(date(2027, 1, 4)), Ok(true));
    }
}
