//! 第十六条: a change of leader (the same unit's equally or better qualified worker) or of host
//! (the leader moved within the same system), completed within 60 days of the event.

use crate::calendar::HolidayCalendar;
use crate::deadlines::change_due;
use crate::eligibility::LeaderFacts;
use crate::wire::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
pub enum ChangeKind {
    /// 第十六条（一）: the leader retired, fell seriously ill, or another force majeure.
    Leader,
    /// 第十六条（二）: the leader moved to another unit of the same system in the region.
    Host,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 2] = [ChangeKind::Leader, ChangeKind::Host];
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeKind::Leader => "变更带头人",
            ChangeKind::Host => "变更举办单位",
        }
    }
    /// The English label of [`ChangeKind::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            ChangeKind::Leader => "change of leader",
            ChangeKind::Host => "change of host unit",
        }
    }
    pub fn article(self) -> &'static str {
        match self {
            ChangeKind::Leader => "第十六条（一）",
            ChangeKind::Host => "第十六条（二）",
        }
    }
}

/// 第十六条（二）: the new unit takes the studio over, or the two units build it together.
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
pub enum HostMode {
    Transfer,
    CoBuild,
}

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
pub enum ChangeState {
    /// A host change waits for the new unit to join the request (联合上报).
    AwaitingNewUnit,
    /// With HRSS for a decision.
    Submitted,
    Approved,
    Rejected,
}

impl ChangeState {
    pub const ALL: [ChangeState; 4] = [
        ChangeState::AwaitingNewUnit,
        ChangeState::Submitted,
        ChangeState::Approved,
        ChangeState::Rejected,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeState::AwaitingNewUnit => "待新单位联合申请",
            ChangeState::Submitted => "待人社厅审核",
            ChangeState::Approved => "已批准",
            ChangeState::Rejected => "未批准",
        }
    }
    /// The English label of [`ChangeState::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            ChangeState::AwaitingNewUnit => "awaiting the new unit's joint application",
            ChangeState::Submitted => "awaiting HRSS review",
            ChangeState::Approved => "approved",
            ChangeState::Rejected => "not approved",
        }
    }
    pub fn open(self) -> bool {
        matches!(self, ChangeState::AwaitingNewUnit | ChangeState::Submitted)
    }
}

/// What the studio's unit files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewChange {
    pub kind: ChangeKind,
    /// The day the studio could no longer operate (leader) or the formal transfer (host).
    pub event_on: NaiveDate,
    /// What happened, e.g. 带头人于 2027-03-01 退休.
    pub cause: String,
    /// Leader change: the new leader, from the same unit.
    #[serde(default)]
    pub new_leader_name: String,
    #[serde(default)]
    pub new_leader: Option<LeaderFacts>,
    /// The new leader's 居民身份证号 (第十八条's ban follows it).
    #[serde(default)]
    pub new_leader_id_number: String,
    /// 第十六条（一）"由本单位…人员接任": the unit declares the new leader works for it.
    #[serde(default)]
    pub new_leader_same_unit: bool,
    /// Host change: the unit the leader moved to, and how the two build on.
    #[serde(default)]
    pub new_unit_id: Option<i32>,
    #[serde(default)]
    pub mode: Option<HostMode>,
}

impl NewChange {
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.event_on > today {
            errors.push(FieldError::new(
                "event_on",
                "事件日期不能晚于今天",
                "the event cannot be in the future",
            ));
        }
        let cause = self.cause.trim().chars().count();
        if cause == 0 || cause > 2_000 {
            errors.push(FieldError::new(
                "cause",
                "请说明变更原因（不超过 2000 字）",
                "describe the cause (at most 2,000 characters)",
            ));
        }
        match self.kind {
            ChangeKind::Leader => {
                let n = self.new_leader_name.trim().chars().count();
                if n == 0 || n > 64 {
                    errors.push(FieldError::new(
                        "new_leader_name",
                        "请填写新带头人姓名",
                        "give the new leader's name",
                    ));
                }
                if self.new_leader.is_none() {
                    errors.push(FieldError::new(
                        "new_leader",
                        "请填写新带头人的条件",
                        "give the new leader's qualifications",
                    ));
                }
                match crate::identity::IdNumber::parse(&self.new_leader_id_number) {
                    Err(e) => errors.push(FieldError::new("new_leader_id_number", e.zh, e.en)),
                    Ok(id) => {
                        if self
                            .new_leader
                            .as_ref()
                            .is_some_and(|l| l.birth_date != id.birth_date())
                        {
                            errors.push(FieldError::new(
                                "new_leader_id_number",
                                "身份证号中的出生日期与新带头人的出生日期不一致",
                                "the birth date in the identity number differs from the new leader's",
                            ));
                        }
                    }
                }
                if !self.new_leader_same_unit {
                    errors.push(FieldError::new(
                        "new_leader_same_unit",
                        "第十六条（一）：新带头人须为本单位人员，请确认",
                        "Art. 16(1): the new leader must be from the same unit; confirm it",
                    ));
                }
            }
            ChangeKind::Host => {
                if self.new_unit_id.is_none() {
                    errors.push(FieldError::new(
                        "new_unit_id",
                        "请选择带头人调入的单位",
                        "choose the unit the leader moved to",
                    ));
                }
                if self.mode.is_none() {
                    errors.push(FieldError::new(
                        "mode",
                        "请选择变更举办单位或合作共建",
                        "choose transfer or co-build",
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

pub use super::successor::{leader_not_lower, minimum_leader, same_system, successor_age};

/// A change request with its 60-day countdown on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeView {
    pub id: i32,
    pub studio_id: i32,
    pub kind: ChangeKind,
    pub state: ChangeState,
    pub event_on: NaiveDate,
    pub cause: String,
    /// 第十六条: event + 60 days, on the next working day when that is a rest day.
    pub due: NaiveDate,
    /// The due year's holiday schedule is not entered yet: only weekends were skipped.
    #[serde(default)]
    pub due_provisional: bool,
    /// Days left on `as_of` (negative when overdue); for a decided change, at its decision.
    pub days_left: i64,
    pub overdue: bool,
    pub old_leader_name: String,
    pub new_leader_name: String,
    pub old_unit_name: String,
    pub new_unit_name: String,
    pub mode: Option<HostMode>,
    pub decided_on: Option<NaiveDate>,
    pub decision_reason: Option<String>,
    pub filed_by: String,
    /// What the rules found on filing, for HRSS: the successor's age (第十条（一）), the new unit's
    /// system (第十六条（二）).
    #[serde(default)]
    pub findings: Vec<crate::Finding>,
}

/// A change's due date and the days left on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub due: NaiveDate,
    /// Negative when overdue.
    pub days_left: i64,
    pub overdue: bool,
    /// The due year's holiday schedule is not entered: only weekends were skipped.
    pub provisional: bool,
}

/// Days left until a change's due date (第十六条, 民法典第二百零一条、第二百零三条) on `on`.
pub fn countdown(calendar: &HolidayCalendar, event_on: NaiveDate, on: NaiveDate) -> Countdown {
    let due = change_due(calendar, event_on);
    let left = (due.day - on).num_days();
    Countdown {
        due: due.day,
        days_left: left,
        overdue: left < 0,
        provisional: due.provisional,
    }
}

/// HRSS decides a change (or the new unit joins a host change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub approve: bool,
    #[serde(default)]
    pub reason: String,
}

impl Decision {
    /// Declining needs a reason; a reason is at most 2,000 characters either way.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        if !self.approve || !self.reason.trim().is_empty() {
            crate::procedure::check_reason("reason", &self.reason)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;
    use crate::eligibility::{SkillLevel, Title};

    fn leader(level: SkillLevel, titles: Vec<Title>) -> LeaderFacts {
        LeaderFacts {
            birth_date: date(1980, 1, 1),
            titles,
            skill_level: level,
            active_innovation: true,
            influential_invention: true,
            economic_benefit: true,
            ..minimum_leader()
        }
    }

    #[test]
    fn new_leader_must_be_equal_or_better() {
        let old = leader(
            SkillLevel::SeniorTechnician,
            vec![Title::SaishangSkillMaster],
        );
        assert!(leader_not_lower(&old, &old).is_empty());
        let better = leader(
            SkillLevel::PrincipalTechnician,
            vec![Title::NationalTechnicalExpert],
        );
        assert!(leader_not_lower(&old, &better).is_empty());
        let lower_title = leader(
            SkillLevel::SeniorTechnician,
            vec![Title::RegionalTechnicalExpert],
        );
        let f: Vec<_> = leader_not_lower(&old, &lower_title)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, ["new_leader.titles"]);
        let lower_level = leader(SkillLevel::Technician, vec![Title::SaishangSkillMaster]);
        let f: Vec<_> = leader_not_lower(&old, &lower_level)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, ["new_leader.skill_level"]);
        let mut no_route = leader(SkillLevel::SeniorTechnician, vec![]);
        no_route.influential_invention = false;
        let old_untitled = leader(SkillLevel::SeniorTechnician, vec![]);
        let f: Vec<_> = leader_not_lower(&old_untitled, &no_route)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, ["new_leader.route"]);
    }

    #[test]
    fn sixty_days_count_from_the_next_day() {
        let cal = HolidayCalendar::embedded();
        let event = date(2026, 3, 1);
        let on_due = countdown(&cal, event, date(2026, 4, 30));
        assert_eq!(
            (on_due.due, on_due.days_left, on_due.overdue),
            (date(2026, 4, 30), 0, false)
        );
        let after = countdown(&cal, event, date(2026, 5, 1));
        assert_eq!(
            (after.due, after.days_left, after.overdue),
            (date(2026, 4, 30), -1, true)
        );
        assert_eq!(countdown(&cal, event, event).days_left, 60);
        assert!(!on_due.provisional);
    }

    #[test]
    fn a_period_ending_on_a_holiday_runs_to_the_next_working_day() {
        // The example: 60 days after 2025-08-02 is 2025-10-01, in the National Day holiday
        // (1–8 October 2025): the change is due on Thursday 9 October (民法典第二百零三条).
        let cal = HolidayCalendar::embedded();
        let c = countdown(&cal, date(2025, 8, 2), date(2025, 10, 1));
        assert_eq!(c.due, date(2025, 10, 9));
        assert_eq!(c.days_left, 8);
        assert!(!c.overdue && !c.provisional);
        // A year without a schedule: weekends only, and said to be provisional.
        let later = countdown(&cal, date(2027, 1, 1), date(2027, 1, 1));
        assert_eq!(later.due, date(2027, 3, 2));
        assert!(later.provisional);
    }

    #[test]
    fn a_successor_over_55_is_a_warning_and_host_changes_stay_within_the_system() {
        let mut old = leader(SkillLevel::Technician, vec![Title::RegionalTechnicalExpert]);
        old.birth_date = date(1970, 3, 1);
        assert_eq!(
            successor_age(&old, date(2026, 3, 1)).severity,
            crate::Severity::Pass
        );
        assert_eq!(
            successor_age(&old, date(2026, 3, 2)).severity,
            crate::Severity::Warning
        );
        let same = same_system(Some("宁夏国有资本运营集团"), Some(" 宁夏国有资本运营集团 "));
        assert_eq!(same.map(|f| f.severity), Ok(crate::Severity::Pass));
        let other = same_system(Some("宁夏国有资本运营集团"), Some("宁东能源化工集团"));
        assert_eq!(other.map_err(|e| e.field), Err("new_unit_id".to_owned()));
        assert_eq!(
            same_system(None, Some("宁东能源化工集团")).map(|f| f.severity),
            Ok(crate::Severity::ManualReview)
        );
    }

    #[test]
    fn a_leader_change_needs_a_valid_identity_number_and_the_same_unit() {
        let mut l = leader(SkillLevel::Technician, vec![Title::RegionalTechnicalExpert]);
        l.birth_date = date(1980, 5, 5);
        let id = crate::identity::IdNumber::compose(640104, date(1980, 5, 5), 17).expect("an id");
        let ok = NewChange {
            kind: ChangeKind::Leader,
            event_on: date(2027, 3, 1),
            cause: "原带头人退休".into(),
            new_leader_name: "李四".into(),
            new_leader: Some(l.clone()),
            new_leader_id_number: id.to_string(),
            new_leader_same_unit: true,
            new_unit_id: None,
            mode: None,
        };
        assert!(ok.check(date(2027, 3, 2)).is_ok());
        let other_birth = NewChange {
            new_leader_id_number: crate::identity::IdNumber::compose(640104, date(1981, 5, 5), 17)
                .expect("an id")
                .to_string(),
            new_leader_same_unit: false,
            ..ok.clone()
        };
        let fields: Vec<String> = other_birth
            .check(date(2027, 3, 2))
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["new_leader_id_number", "new_leader_same_unit"]);
    }

    #[test]
    fn a_change_names_what_it_lacks() {
        let c = NewChange {
            kind: ChangeKind::Host,
            event_on: date(2027, 3, 2),
            cause: " ".into(),
            new_leader_name: String::new(),
            new_leader: None,
            new_leader_id_number: String::new(),
            new_leader_same_unit: false,
            new_unit_id: None,
            mode: None,
        };
        let f: Vec<_> = c
            .check(date(2027, 3, 1))
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, ["event_on", "cause", "new_unit_id", "mode"]);
    }
}
