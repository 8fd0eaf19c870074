//! 第十六条: a change of leader (the same unit's equally or better qualified worker) or of host
//! (the leader moved within the same system), completed within 60 days of the event.

use crate::deadlines::change_due;
use crate::eligibility::{LeaderFacts, SkillLevel, Title};
use crate::wire::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// 第十六条（一）: the leader retired, fell seriously ill, or another force majeure.
    Leader,
    /// 第十六条（二）: the leader moved to another unit of the same system in the region.
    Host,
}

impl ChangeKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeKind::Leader => "变更带头人",
            ChangeKind::Host => "变更举办单位",
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
pub enum HostMode {
    Transfer,
    CoBuild,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    /// A host change waits for the new unit to join the request (联合上报).
    AwaitingNewUnit,
    /// With HRSS for a decision.
    Submitted,
    Approved,
    Rejected,
}

impl ChangeState {
    pub fn label_zh(self) -> &'static str {
        match self {
            ChangeState::AwaitingNewUnit => "待新单位联合申请",
            ChangeState::Submitted => "待人社厅审核",
            ChangeState::Approved => "已批准",
            ChangeState::Rejected => "未批准",
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

fn title_rank(t: Title) -> u8 {
    match t {
        Title::ChinaSkillAward => 4,
        Title::NationalTechnicalExpert => 3,
        Title::SaishangSkillMaster => 2,
        Title::RegionalTechnicalExpert => 1,
    }
}

fn best_title(l: &LeaderFacts) -> u8 {
    l.titles.iter().map(|t| title_rank(*t)).max().unwrap_or(0)
}

/// 第十六条（一）"具备同等及以上条件": the new leader must meet the leader checks of 第十条（一)
/// (the caller runs them) and be no lower than the outgoing leader in title, skill level and the
/// qualification routes the outgoing leader met. Each shortfall names its field.
pub fn leader_not_lower(old: &LeaderFacts, new: &LeaderFacts) -> Vec<FieldError> {
    let mut errors = Vec::new();
    // 第十条（一）'s basic conditions, as the eligibility rules read them.
    for (field, ok, zh) in [
        ("new_leader.top_skill", new.top_skill, "技能拔尖、技艺精湛"),
        (
            "new_leader.mentoring_experience",
            new.mentoring_experience,
            "带徒传技经验丰富",
        ),
        ("new_leader.healthy", new.healthy, "身体健康"),
        (
            "new_leader.can_run_studio",
            new.can_run_studio,
            "能够承担工作室日常工作",
        ),
    ] {
        if !ok {
            errors.push(FieldError::new(
                field,
                format!("新带头人须{zh}（第十条（一））"),
                "required of a leader by Article 10(1)",
            ));
        }
    }
    if best_title(new) < best_title(old) {
        errors.push(FieldError::new(
            "new_leader.titles",
            "新带头人的荣誉称号低于原带头人",
            "the new leader's highest title is below the outgoing leader's",
        ));
    }
    if new.skill_level < old.skill_level {
        errors.push(FieldError::new(
            "new_leader.skill_level",
            format!(
                "新带头人的技能等级低于原带头人（{}）",
                skill_label(old.skill_level)
            ),
            "the new leader's skill level is below the outgoing leader's",
        ));
    }
    let old_routes = crate::eligibility::leader_routes(old);
    let new_routes = crate::eligibility::leader_routes(new);
    if new_routes.is_empty()
        || (!old_routes.is_empty() && !old_routes.iter().any(|r| new_routes.contains(r)))
    {
        errors.push(FieldError::new(
            "new_leader.route",
            "新带头人须满足原带头人所符合的第十条（一）条件之一",
            "the new leader must meet one of the Article 10(1) routes the outgoing leader met",
        ));
    }
    errors
}

/// The least a leader must be when the outgoing leader's facts are not on record (studios from
/// before the system): 第十条（一）'s basic conditions and one route, checked on the candidate.
pub fn minimum_leader() -> LeaderFacts {
    LeaderFacts {
        top_skill: true,
        mentoring_experience: true,
        healthy: true,
        can_run_studio: true,
        ..LeaderFacts::default()
    }
}

fn skill_label(s: SkillLevel) -> &'static str {
    s.label_zh()
}

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
    /// 第十六条: event + 60 days.
    pub due: NaiveDate,
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
}

/// Days left until a change's due date, and whether it is overdue, on `on`.
pub fn countdown(event_on: NaiveDate, on: NaiveDate) -> (NaiveDate, i64, bool) {
    let due = change_due(event_on);
    let left = (due - on).num_days();
    (due, left, left < 0)
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
        let event = date(2027, 3, 1);
        assert_eq!(
            countdown(event, date(2027, 4, 30)),
            (date(2027, 4, 30), 0, false)
        );
        assert_eq!(
            countdown(event, date(2027, 5, 1)),
            (date(2027, 4, 30), -1, true)
        );
        assert_eq!(countdown(event, event).1, 60);
    }

    #[test]
    fn a_change_names_what_it_lacks() {
        let c = NewChange {
            kind: ChangeKind::Host,
            event_on: date(2027, 3, 2),
            cause: " ".into(),
            new_leader_name: String::new(),
            new_leader: None,
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
