//! The days each obligation of a studio shows: what is due or overdue is a set of windows fixed by
//! the studio's rows, not by the day it is read. The server keeps them per studio (refreshed in
//! the transaction that changes the studio's rows) so that a digest over every studio reads the
//! windows containing today instead of evaluating each studio; [`super::obligations`] is the
//! same windows read on one day.

use super::StudioStatus;
use super::digest::{Obligations, ReminderKind};
use super::report::report_years;
use crate::deadlines::{annual_results_due, annual_summary_due, end_of_term_window};
use chrono::{Datelike, NaiveDate};

/// One obligation over the days it shows: `kind`, due on `due`, about `what` (a year or a change
/// id), shown from `from` to `until`, both inclusive (`None`: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Window {
    pub kind: ReminderKind,
    pub due: NaiveDate,
    pub what: i32,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Window {
    /// Whether the obligation shows on `day`.
    pub fn shows_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// The day after `d` (the last day stays itself: nothing is due after the calendar's end).
fn after(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

fn window(
    kind: ReminderKind,
    due: NaiveDate,
    what: i32,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Window {
    Window {
        kind,
        due,
        what,
        from,
        until,
    }
}

/// 第十六条: an open change due on `due` is due until that day and overdue after it.
pub fn change_windows(id: i32, due: NaiveDate) -> [Window; 2] {
    [
        window(ReminderKind::ChangeDue, due, id, None, Some(due)),
        window(ReminderKind::ChangeOverdue, due, id, Some(after(due)), None),
    ]
}

/// Every window of a studio's obligations, in the order [`super::obligations`] lists them:
/// summaries by year, annual results by year, the end of term, rectification, changes.
pub fn windows(o: &Obligations) -> Vec<Window> {
    use ReminderKind as K;
    let mut out = Vec::new();
    if !matches!(o.status, StudioStatus::Building | StudioStatus::Rectifying) {
        return out;
    }
    // 第十五条: a summary and plan for each calendar year of the term, due in December, overdue
    // from 1 January.
    for year in report_years(o.term_start, o.term_end) {
        if o.reports_filed.contains(&year) {
            continue;
        }
        let due = annual_summary_due(year);
        let december = NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or(due);
        out.push(window(K::SummaryDue, due, year, Some(december), Some(due)));
        out.push(window(K::SummaryOverdue, due, year, Some(after(due)), None));
    }
    if o.status == StudioStatus::Building {
        // 第十五条（一）: results for each year before the last, overdue from 1 February.
        for year in o.term_start.year()..o.term_end.year() {
            if !o.annual_assessed.contains(&year) {
                let due = annual_results_due(year);
                out.push(window(K::ResultsOverdue, due, year, Some(after(due)), None));
            }
        }
        // 第十五条（二）: in the year after the term.
        if !o.end_of_term_done {
            let (from, until) = end_of_term_window(o.term_end);
            let what = until.year();
            out.push(window(
                K::EndOfTermDue,
                until,
                what,
                Some(from),
                Some(until),
            ));
            let late = after(until).max(from);
            out.push(window(K::EndOfTermOverdue, until, what, Some(late), None));
        }
    }
    if o.status == StudioStatus::Rectifying
        && let Some(until) = o.rectification_until
    {
        let what = until.year();
        out.push(window(K::RectificationDue, until, what, None, Some(until)));
        out.push(window(
            K::RectificationOverdue,
            until,
            what,
            Some(after(until)),
            None,
        ));
    }
    for (id, due) in &o.open_changes {
        out.extend(change_windows(*id, *due));
    }
    out.retain(|w| w.from.is_none_or(|f| w.until.is_none_or(|u| f <= u)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    /// The reading as it was written before the windows: evaluated on one day. The windows must
    /// say the same on every day.
    fn on_one_day(o: &Obligations, today: NaiveDate) -> Vec<(ReminderKind, NaiveDate, i32)> {
        use ReminderKind as K;
        let mut out = Vec::new();
        if !matches!(o.status, StudioStatus::Building | StudioStatus::Rectifying) {
            return out;
        }
        for year in report_years(o.term_start, o.term_end) {
            let due = annual_summary_due(year);
            if o.reports_filed.contains(&year) || year > today.year() {
                continue;
            }
            if today > due {
                out.push((K::SummaryOverdue, due, year));
            } else if today.month() == 12 {
                out.push((K::SummaryDue, due, year));
            }
        }
        if o.status == StudioStatus::Building {
            for year in o.term_start.year()..o.term_end.year() {
                let due = annual_results_due(year);
                if today > due && !o.annual_assessed.contains(&year) {
                    out.push((K::ResultsOverdue, due, year));
                }
            }
            let (from, until) = end_of_term_window(o.term_end);
            if !o.end_of_term_done && today >= from {
                let kind = if today > until {
                    K::EndOfTermOverdue
                } else {
                    K::EndOfTermDue
                };
                out.push((kind, until, until.year()));
            }
        }
        if o.status == StudioStatus::Rectifying
            && let Some(until) = o.rectification_until
        {
            let kind = if today > until {
                K::RectificationOverdue
            } else {
                K::RectificationDue
            };
            out.push((kind, until, until.year()));
        }
        for (id, due) in &o.open_changes {
            let kind = if today > *due {
                K::ChangeOverdue
            } else {
                K::ChangeDue
            };
            out.push((kind, *due, *id));
        }
        out
    }

    fn shown(o: &Obligations, day: NaiveDate) -> Vec<(ReminderKind, NaiveDate, i32)> {
        windows(o)
            .into_iter()
            .filter(|w| w.shows_on(day))
            .map(|w| (w.kind, w.due, w.what))
            .collect()
    }

    #[test]
    fn the_windows_say_on_every_day_what_the_rules_say_on_that_day() {
        let statuses = [
            StudioStatus::Building,
            StudioStatus::Rectifying,
            StudioStatus::Completed,
            StudioStatus::Exited,
        ];
        let starts = [date(2026, 11, 30), date(2027, 1, 1), date(2027, 12, 31)];
        let mut cases = 0;
        for status in statuses {
            for start in starts {
                for filed in [vec![], vec![start.year()], vec![start.year() + 1]] {
                    for assessed in [vec![], vec![start.year()]] {
                        for done in [false, true] {
                            let term_end = crate::deadlines::default_term_end(start);
                            let o = Obligations {
                                status,
                                term_start: start,
                                term_end,
                                reports_filed: filed.clone(),
                                annual_assessed: assessed.clone(),
                                end_of_term_done: done,
                                rectification_until: (status == StudioStatus::Rectifying)
                                    .then(|| date(start.year() + 3, 3, 10)),
                                open_changes: vec![(7, date(start.year() + 1, 6, 30))],
                            };
                            let mut day = date(2026, 1, 1);
                            while day <= date(2032, 12, 31) {
                                assert_eq!(shown(&o, day), on_one_day(&o, day), "{o:?} on {day}");
                                day = after(day);
                                cases += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 100_000, "{cases} days checked");
    }

    #[test]
    fn a_window_is_inclusive_at_both_ends() {
        let w = window(
            ReminderKind::ChangeDue,
            date(2027, 3, 2),
            1,
            Some(date(2027, 1, 1)),
            Some(date(2027, 3, 2)),
        );
        assert!(!w.shows_on(date(2026, 12, 31)));
        assert!(w.shows_on(date(2027, 1, 1)) && w.shows_on(date(2027, 3, 2)));
        assert!(!w.shows_on(date(2027, 3, 3)));
    }
}
