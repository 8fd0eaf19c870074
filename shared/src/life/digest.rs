//! What is due or overdue for a studio on a given day (pure), and the digest each role reads in
//! its notification centre: one line per kind with a count and the items, not one message each.

use super::StudioStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
pub enum ReminderKind {
    /// The year's summary and plan are overdue (after 31 December).
    SummaryOverdue,
    /// The year's annual assessment result is overdue (after 31 January of the next year).
    ResultsOverdue,
    /// The end-of-term window has passed without an assessment.
    EndOfTermOverdue,
    /// A change was not completed within 60 days.
    ChangeOverdue,
    /// The rectification year has ended without a re-assessment.
    RectificationOverdue,
    /// Unused funds of an exited studio not yet returned.
    ReturnOutstanding,
    /// December: the year's summary and plan are due by 31 December.
    SummaryDue,
    /// In the end-of-term window.
    EndOfTermDue,
    /// A change in its 60 days.
    ChangeDue,
    /// A change waiting for HRSS (or for the new unit).
    ChangeToDecide,
    /// Rectifying: the re-assessment is due by the end of the year.
    RectificationDue,
    /// An expert's unsigned score sheets.
    SheetsToSign,
}

impl ReminderKind {
    pub fn overdue(self) -> bool {
        matches!(
            self,
            ReminderKind::SummaryOverdue
                | ReminderKind::ResultsOverdue
                | ReminderKind::EndOfTermOverdue
                | ReminderKind::ChangeOverdue
                | ReminderKind::RectificationOverdue
                | ReminderKind::ReturnOutstanding
        )
    }
    pub fn article(self) -> &'static str {
        match self {
            ReminderKind::SummaryOverdue | ReminderKind::SummaryDue => "第十五条",
            ReminderKind::ResultsOverdue => "第十五条（一）",
            ReminderKind::EndOfTermOverdue | ReminderKind::EndOfTermDue => "第十五条（二）",
            ReminderKind::ChangeOverdue
            | ReminderKind::ChangeDue
            | ReminderKind::ChangeToDecide => "第十六条",
            ReminderKind::RectificationOverdue | ReminderKind::RectificationDue => "第十七条",
            ReminderKind::ReturnOutstanding => "第十八条",
            ReminderKind::SheetsToSign => "第十一条（三）",
        }
    }
    /// The line of a studio's item of this kind: its name and what it concerns (a year or a
    /// change request).
    pub fn item_label(self, studio: &str, what: i32) -> String {
        use ReminderKind as K;
        match self {
            K::SummaryDue | K::SummaryOverdue => format!("{studio}：{what} 年度工作总结和计划"),
            K::ResultsOverdue => format!("{studio}：{what} 年度考核结果"),
            K::ChangeDue | K::ChangeOverdue => format!("{studio}：变更申请 #{what}"),
            _ => studio.to_owned(),
        }
    }
    /// [`ReminderKind::item_label`] in English.
    pub fn item_label_en(self, studio: &str, what: i32) -> String {
        use ReminderKind as K;
        match self {
            K::SummaryDue | K::SummaryOverdue => {
                format!("{studio}: annual summary and plan for {what}")
            }
            K::ResultsOverdue => format!("{studio}: annual assessment results for {what}"),
            K::ChangeDue | K::ChangeOverdue => format!("{studio}: change request #{what}"),
            _ => studio.to_owned(),
        }
    }
    /// [`ReminderKind::title_zh`] in English.
    pub fn title_en(self) -> &'static str {
        match self {
            ReminderKind::SummaryOverdue => "Annual summary and plan overdue",
            ReminderKind::ResultsOverdue => "Annual assessment results overdue",
            ReminderKind::EndOfTermOverdue => "End-of-term assessment overdue",
            ReminderKind::ChangeOverdue => "Change not completed within 60 days",
            ReminderKind::RectificationOverdue => "Rectification ended without re-assessment",
            ReminderKind::ReturnOutstanding => "Unused funds of an exited studio to be returned",
            ReminderKind::SummaryDue => "Annual summary and plan due by 31 December",
            ReminderKind::EndOfTermDue => "End-of-term assessment due",
            ReminderKind::ChangeDue => "Change to be completed within 60 days",
            ReminderKind::ChangeToDecide => "Change requests to decide",
            ReminderKind::RectificationDue => "Rectifying; re-assessment when the period ends",
            ReminderKind::SheetsToSign => "Score sheets to sign and submit",
        }
    }
    pub fn title_zh(self) -> &'static str {
        match self {
            ReminderKind::SummaryOverdue => "年度工作总结和计划逾期未报",
            ReminderKind::ResultsOverdue => "年度考核结果逾期未报备",
            ReminderKind::EndOfTermOverdue => "期满考核逾期未进行",
            ReminderKind::ChangeOverdue => "变更超过 60 日未完成",
            ReminderKind::RectificationOverdue => "整改期满未复核",
            ReminderKind::ReturnOutstanding => "退出工作室未使用资金待缴回",
            ReminderKind::SummaryDue => "年度工作总结和计划须于 12 月底前报送",
            ReminderKind::EndOfTermDue => "待进行期满考核",
            ReminderKind::ChangeDue => "变更须在 60 日内完成",
            ReminderKind::ChangeToDecide => "变更申请待处理",
            ReminderKind::RectificationDue => "限期整改中，期满后复核",
            ReminderKind::SheetsToSign => "评分表待签名提交",
        }
    }
}

/// One studio (or panel, or change) a reminder is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderItem {
    pub label: String,
    /// The same line in English.
    #[serde(default)]
    pub label_en: String,
    pub due: Option<NaiveDate>,
    /// Where to act, e.g. `/studios/12`.
    pub link: String,
    /// A change request the caller can act on from the notification centre.
    #[serde(default)]
    pub change_id: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminder {
    pub kind: ReminderKind,
    pub article: String,
    pub title: String,
    pub overdue: bool,
    pub count: u32,
    pub items: Vec<ReminderItem>,
}

/// How many items of one kind a digest lists (the count is always whole).
pub const DIGEST_ITEMS_MAX: usize = 100;

/// A role's digest on `as_of`: overdue kinds first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Digest {
    pub as_of: NaiveDate,
    pub reminders: Vec<Reminder>,
}

impl Digest {
    /// Groups `(kind, item)` pairs into one reminder per kind, most urgent kinds first, items by
    /// due date; each kind counts all its items and lists the [`DIGEST_ITEMS_MAX`] most urgent
    /// (HRSS over thousands of studios reads the count and the first, not every line).
    pub fn build(as_of: NaiveDate, pairs: Vec<(ReminderKind, ReminderItem)>) -> Digest {
        Digest::build_counted(as_of, pairs, Vec::new())
    }

    /// As [`Digest::build`], with kinds already counted elsewhere: `(kind, count, items)` where
    /// `items` are (at least) the kind's most urgent [`DIGEST_ITEMS_MAX`] of `count` (a digest
    /// read from kept windows).
    pub fn build_counted(
        as_of: NaiveDate,
        pairs: Vec<(ReminderKind, ReminderItem)>,
        counted: Vec<(ReminderKind, u32, Vec<ReminderItem>)>,
    ) -> Digest {
        let mut by_kind: std::collections::BTreeMap<ReminderKind, (u32, Vec<ReminderItem>)> =
            std::collections::BTreeMap::new();
        for (k, item) in pairs {
            let e = by_kind.entry(k).or_default();
            e.0 = e.0.saturating_add(1);
            e.1.push(item);
        }
        for (k, count, items) in counted {
            let e = by_kind.entry(k).or_default();
            e.0 = e.0.saturating_add(count);
            e.1.extend(items);
        }
        let reminders = by_kind
            .into_iter()
            .filter(|(_, (count, _))| *count > 0)
            .map(|(kind, (count, mut items))| {
                items.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.label.cmp(&b.label)));
                items.truncate(DIGEST_ITEMS_MAX);
                Reminder {
                    kind,
                    article: kind.article().into(),
                    title: kind.title_zh().into(),
                    overdue: kind.overdue(),
                    count,
                    items,
                }
            })
            .collect();
        Digest { as_of, reminders }
    }
}

/// What the rules need to know about one studio to say what is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligations {
    pub status: StudioStatus,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    /// Years whose summary and plan are filed.
    pub reports_filed: Vec<i32>,
    /// Years with an annual assessment result.
    pub annual_assessed: Vec<i32>,
    pub end_of_term_done: bool,
    pub rectification_until: Option<NaiveDate>,
    /// Open change requests: (id, due date, from [`super::countdown`]).
    pub open_changes: Vec<(i32, NaiveDate)>,
}

/// Every obligation of one studio on `today`, with its due date and what it concerns (a year or
/// a change id): the [`super::window::windows`] that show on that day.
pub fn obligations(o: &Obligations, today: NaiveDate) -> Vec<(ReminderKind, NaiveDate, i32)> {
    super::window::windows(o)
        .into_iter()
        .filter(|w| w.shows_on(today))
        .map(|w| (w.kind, w.due, w.what))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_counts_every_item_and_lists_the_most_urgent_hundred() {
        let day = |d: u32| {
            NaiveDate::from_ymd_opt(2027, 3, 1)
                .and_then(|x| x.checked_add_days(chrono::Days::new(u64::from(d))))
        };
        let pairs: Vec<(ReminderKind, ReminderItem)> = (0..250u32)
            .map(|n| {
                (
                    ReminderKind::SummaryOverdue,
                    ReminderItem {
                        label: format!("studio {n}"),
                        label_en: format!("studio {n}"),
                        due: day(250 - n),
                        link: format!("/studios/{n}"),
                        change_id: None,
                    },
                )
            })
            .collect();
        let d = Digest::build(NaiveDate::from_ymd_opt(2027, 3, 1).expect("a day"), pairs);
        let r = &d.reminders[0];
        assert_eq!(r.count, 250);
        assert_eq!(r.items.len(), DIGEST_ITEMS_MAX);
        assert_eq!(r.items[0].label, "studio 249", "the earliest due first");
    }
    use crate::calendar::date;

    fn studio() -> Obligations {
        Obligations {
            status: StudioStatus::Building,
            term_start: date(2026, 11, 30),
            term_end: date(2028, 11, 29),
            reports_filed: vec![],
            annual_assessed: vec![],
            end_of_term_done: false,
            rectification_until: None,
            open_changes: vec![],
        }
    }

    fn kinds(o: &Obligations, on: NaiveDate) -> Vec<(ReminderKind, i32)> {
        obligations(o, on)
            .into_iter()
            .map(|(k, _, y)| (k, y))
            .collect()
    }

    #[test]
    fn the_summary_is_due_on_31_december_and_overdue_on_1_january() {
        let o = studio();
        assert_eq!(kinds(&o, date(2026, 11, 30)), []);
        assert_eq!(
            kinds(&o, date(2026, 12, 31)),
            [(ReminderKind::SummaryDue, 2026)]
        );
        assert_eq!(
            kinds(&o, date(2027, 1, 1)),
            [(ReminderKind::SummaryOverdue, 2026)]
        );
        let filed = Obligations {
            reports_filed: vec![2026],
            ..studio()
        };
        assert_eq!(kinds(&filed, date(2027, 1, 1)), []);
    }

    #[test]
    fn annual_results_are_overdue_from_1_february() {
        let o = Obligations {
            reports_filed: vec![2026],
            ..studio()
        };
        assert_eq!(kinds(&o, date(2027, 1, 31)), []);
        assert_eq!(
            kinds(&o, date(2027, 2, 1)),
            [(ReminderKind::ResultsOverdue, 2026)]
        );
        let assessed = Obligations {
            annual_assessed: vec![2026],
            ..o
        };
        assert_eq!(kinds(&assessed, date(2027, 2, 1)), []);
    }

    #[test]
    fn the_end_of_term_window_is_the_year_after_the_term() {
        let o = Obligations {
            reports_filed: vec![2026, 2027, 2028],
            annual_assessed: vec![2026, 2027],
            ..studio()
        };
        assert_eq!(kinds(&o, date(2028, 11, 29)), []);
        assert_eq!(
            kinds(&o, date(2028, 11, 30)),
            [(ReminderKind::EndOfTermDue, 2029)]
        );
        assert_eq!(
            kinds(&o, date(2029, 11, 29)),
            [(ReminderKind::EndOfTermDue, 2029)]
        );
        assert_eq!(
            kinds(&o, date(2029, 11, 30)),
            [(ReminderKind::EndOfTermOverdue, 2029)]
        );
    }

    #[test]
    fn rectification_lasts_one_year_and_changes_sixty_days() {
        let o = Obligations {
            status: StudioStatus::Rectifying,
            reports_filed: vec![2026, 2027, 2028],
            rectification_until: Some(date(2030, 3, 10)),
            // Due 2030-03-02 (the caller counts it with the calendar, see `countdown`).
            open_changes: vec![(7, date(2030, 3, 2))],
            ..studio()
        };
        assert_eq!(
            kinds(&o, date(2030, 3, 2)),
            [
                (ReminderKind::RectificationDue, 2030),
                (ReminderKind::ChangeDue, 7)
            ]
        );
        assert_eq!(
            kinds(&o, date(2030, 3, 11)),
            [
                (ReminderKind::RectificationOverdue, 2030),
                (ReminderKind::ChangeOverdue, 7)
            ]
        );
        assert_eq!(obligations(&o, date(2030, 3, 2))[1].1, date(2030, 3, 2));
    }

    #[test]
    fn exited_and_revoked_studios_owe_no_reports() {
        for status in [
            StudioStatus::Exited,
            StudioStatus::Revoked,
            StudioStatus::Completed,
        ] {
            let o = Obligations { status, ..studio() };
            assert_eq!(kinds(&o, date(2027, 6, 1)), []);
        }
    }

    #[test]
    fn the_digest_groups_by_kind_overdue_first() {
        let item = |l: &str, d| ReminderItem {
            label: l.into(),
            label_en: l.into(),
            due: Some(d),
            link: "/studios/1".into(),
            change_id: None,
        };
        let d = Digest::build(
            date(2027, 2, 1),
            vec![
                (ReminderKind::SummaryDue, item("b", date(2027, 12, 31))),
                (ReminderKind::SummaryOverdue, item("z", date(2026, 12, 31))),
                (ReminderKind::SummaryOverdue, item("a", date(2026, 12, 31))),
            ],
        );
        assert_eq!(d.reminders.len(), 2);
        assert_eq!(d.reminders[0].kind, ReminderKind::SummaryOverdue);
        assert_eq!(d.reminders[0].count, 2);
        assert_eq!(d.reminders[0].items[0].label, "a");
        assert!(d.reminders[0].overdue && !d.reminders[1].overdue);
    }
}
