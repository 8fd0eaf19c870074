//! Dates as the measures count them: 周岁, anniversaries, civil-code periods, and working days.

mod schedule;
mod working_days;

pub use schedule::{EMBEDDED_YEARS, HolidaySchedule, ScheduleYear};
pub use working_days::{
    CalendarError, DayKind, HolidayCalendar, HolidayEntry, PeriodEnd, embedded_entries,
};

use chrono::{Datelike, Days, NaiveDate};

/// 第二十一条: the measures are in force from this date…
pub const MEASURES_IN_FORCE_FROM: NaiveDate = date(2023, 8, 1);
/// …to this date, inclusive.
pub const MEASURES_IN_FORCE_UNTIL: NaiveDate = date(2028, 7, 31);

/// A constant date; panics at compile time if the literal is not a date.
pub const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid date literal"),
    }
}

/// The `years`-th anniversary of `from`; a 29 February falls on 28 February in common years.
pub fn anniversary(from: NaiveDate, years: i32) -> NaiveDate {
    let y = from.year() + years;
    NaiveDate::from_ymd_opt(y, from.month(), from.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, from.month(), from.day() - 1))
        .unwrap_or(from)
}

/// Age in 周岁 on `on`, as the courts count it (法释〔2006〕1号第二条): a person becomes N 周岁 on
/// the day *after* the Nth birthday, so on the 56th birthday they are still 55.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on <= birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    if on <= anniversary(birth, years) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// The last day of a period of `days` days starting after `event` (民法典第二百零一条: the event day
/// itself is not counted).
pub fn days_after(event: NaiveDate, days: u64) -> NaiveDate {
    event
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_in_full_years_turns_on_the_day_after_the_birthday() {
        let b = date(1970, 3, 1);
        assert_eq!(age_on(b, date(2026, 2, 28)), 55);
        assert_eq!(
            age_on(b, date(2026, 3, 1)),
            55,
            "on the 56th birthday still 55"
        );
        assert_eq!(age_on(b, date(2026, 3, 2)), 56);
        assert_eq!(age_on(b, date(2025, 3, 1)), 54);
        assert_eq!(age_on(b, date(2025, 3, 2)), 55);
    }

    #[test]
    fn a_29_february_birthday_falls_on_28_february_in_common_years() {
        let b = date(1968, 2, 29);
        assert_eq!(
            age_on(b, date(2023, 2, 28)),
            54,
            "55th birthday, common year"
        );
        assert_eq!(age_on(b, date(2023, 3, 1)), 55);
        assert_eq!(age_on(b, date(2024, 2, 29)), 55, "56th birthday, leap year");
        assert_eq!(age_on(b, date(2024, 3, 1)), 56);
        assert_eq!(anniversary(b, 1), date(1969, 2, 28));
        assert_eq!(anniversary(b, 4), date(1972, 2, 29));
    }

    #[test]
    fn age_is_zero_before_birth() {
        assert_eq!(age_on(date(2000, 1, 1), date(1999, 1, 1)), 0);
    }
}
