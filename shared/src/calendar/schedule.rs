//! A year's State Council holiday schedule as an administrator enters it: the dates off (放假) and
//! the weekend days worked (调休上班). Until a year is entered, working-day deadlines in it are
//! refused rather than guessed.

use super::working_days::{DayKind, HolidayEntry};
use crate::wire::FieldError;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Years whose schedule is compiled in and cannot be edited.
pub const EMBEDDED_YEARS: std::ops::RangeInclusive<i32> = 2023..=2026;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidaySchedule {
    pub year: i32,
    pub days: Vec<HolidayEntry>,
}

impl HolidaySchedule {
    /// Every bad entry at once, named `days[i].date` / `days[i].kind` / `days[i].name`.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(2027..=2100).contains(&self.year) {
            errors.push(FieldError::new(
                "year",
                "可录入 2027 年及以后的年度（2023–2026 年已内置）",
                "enter 2027 or later (2023–2026 are built in)",
            ));
        }
        if self.days.is_empty() || self.days.len() > 80 {
            errors.push(FieldError::new(
                "days",
                "须有 1 到 80 个日期",
                "1 to 80 dates",
            ));
        }
        // The 元旦 block may start on 31 December of the year before.
        let first = NaiveDate::from_ymd_opt(self.year - 1, 12, 31);
        let last = NaiveDate::from_ymd_opt(self.year, 12, 31);
        let mut seen = std::collections::BTreeSet::new();
        for (i, d) in self.days.iter().enumerate() {
            let in_year =
                d.date.year() == self.year || (Some(d.date) == first && d.kind == DayKind::Off);
            if !in_year || Some(d.date) > last {
                errors.push(FieldError::new(
                    format!("days[{i}].date"),
                    format!("不属于 {} 年的安排", self.year),
                    format!("not in the {} schedule", self.year),
                ));
            } else if !seen.insert(d.date) {
                errors.push(FieldError::new(
                    format!("days[{i}].date"),
                    "日期重复",
                    "the date is listed twice",
                ));
            }
            if d.kind == DayKind::Work && !matches!(d.date.weekday(), Weekday::Sat | Weekday::Sun) {
                errors.push(FieldError::new(
                    format!("days[{i}].kind"),
                    "调休上班日应为周六或周日",
                    "an adjusted work day falls on a weekend",
                ));
            }
            let n = d.name.trim().chars().count();
            if n == 0 || n > 32 {
                errors.push(FieldError::new(
                    format!("days[{i}].name"),
                    "请填写节日名称（不超过 32 字）",
                    "name the holiday (at most 32 characters)",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Parses the lines an administrator pastes: `YYYY-MM-DD  off|work  name` (tabs or spaces),
    /// as in `shared/data/cn-holidays.tsv`; `#` starts a comment. Bad lines are named by number.
    pub fn parse(year: i32, text: &str) -> Result<HolidaySchedule, Vec<FieldError>> {
        let mut days = Vec::new();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let date = parts
                .next()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let kind = match parts.next() {
                Some("off" | "放假" | "休") => Some(DayKind::Off),
                Some("work" | "上班" | "班") => Some(DayKind::Work),
                _ => None,
            };
            let name = parts.collect::<Vec<_>>().join(" ");
            match (date, kind) {
                (Some(date), Some(kind)) => days.push(HolidayEntry { date, kind, name }),
                _ => errors.push(FieldError::new(
                    format!("lines[{}]", n + 1),
                    format!("第 {} 行应为“日期 off/work 名称”", n + 1),
                    format!("line {} should read `date off|work name`", n + 1),
                )),
            }
        }
        if errors.is_empty() {
            Ok(HolidaySchedule { year, days })
        } else {
            Err(errors)
        }
    }
}

/// What the calendar knows of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleYear {
    pub year: i32,
    /// Compiled in (2023–2026) or entered by an administrator.
    pub embedded: bool,
    pub days: Vec<HolidayEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn a_pasted_schedule_parses_and_names_bad_lines() {
        let s = HolidaySchedule::parse(
            2027,
            "# 2027\n2026-12-31 off 元旦\n2027-01-01\toff\t元旦\n\n2027-02-20 work 春节\n",
        )
        .expect("parses");
        assert_eq!(s.days.len(), 3);
        assert!(s.check().is_ok(), "{:?}", s.check());
        let bad = HolidaySchedule::parse(
            2027,
            "2027-01-01 off 元旦\n2027-13-01 off x\n2027-01-02 maybe y",
        )
        .expect_err("bad lines");
        let fields: Vec<_> = bad.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["lines[2]", "lines[3]"]);
    }

    #[test]
    fn a_schedule_is_checked_entry_by_entry() {
        let s = HolidaySchedule {
            year: 2027,
            days: vec![
                HolidayEntry {
                    date: date(2027, 1, 1),
                    kind: DayKind::Off,
                    name: "元旦".into(),
                },
                HolidayEntry {
                    date: date(2027, 1, 1),
                    kind: DayKind::Off,
                    name: "元旦".into(),
                },
                HolidayEntry {
                    date: date(2027, 2, 22),
                    kind: DayKind::Work,
                    name: "春节".into(),
                },
                HolidayEntry {
                    date: date(2028, 1, 1),
                    kind: DayKind::Off,
                    name: " ".into(),
                },
            ],
        };
        let fields: Vec<_> = s
            .check()
            .expect_err("bad")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "days[1].date",
                "days[2].kind",
                "days[3].date",
                "days[3].name"
            ]
        );
        let embedded = HolidaySchedule {
            year: 2026,
            days: vec![],
        };
        let fields: Vec<_> = embedded
            .check()
            .expect_err("bad")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["year", "days"]);
    }
}
