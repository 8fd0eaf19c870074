//! 第十六条（一）: who may succeed a leader — the same unit's equally or better qualified worker,
//! of an age to lead, within the same system — read against the outgoing leader's facts.

use crate::eligibility::{LeaderFacts, SkillLevel, Title};
use crate::wire::FieldError;
use chrono::NaiveDate;

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

/// 第十六条（一）: the successor is also a leader under 第十条（一）, so its soft age rule applies on the
/// day the change is filed: over 55 周岁 is a warning HRSS sees, never silent.
pub fn successor_age(new: &LeaderFacts, on: NaiveDate) -> crate::Finding {
    let years = crate::calendar::age_on(new.birth_date, on);
    let limit = crate::eligibility::AGE_LIMIT;
    let (severity, zh, en) = if years <= limit {
        (
            crate::Severity::Pass,
            format!("新带头人 {years} 周岁，未超过 55 周岁。"),
            format!("The new leader is {years} full years old, not over 55."),
        )
    } else {
        (
            crate::Severity::Warning,
            format!(
                "新带头人 {years} 周岁，超过第十条（一）“一般不超过 55 周岁”，请人社厅审核时注意。"
            ),
            format!(
                "The new leader is {years} full years old, over the general limit of 55 (Art. 10(1)): for HRSS to weigh."
            ),
        )
    };
    crate::Finding::new("change.leader_age", "第十条（一）", severity, zh, en)
        .read("new_leader.birth_date", new.birth_date)
        .read("filed_on", on)
        .read("age_full_years", years)
}

/// 第十六条（二） "区内同系统（集团）内其他单位": the new unit is in the old unit's system. Both
/// systems on record and equal pass; different ones refuse (naming `new_unit_id`); one missing is
/// for HRSS to check.
pub fn same_system(old: Option<&str>, new: Option<&str>) -> Result<crate::Finding, FieldError> {
    let norm = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match (norm(old), norm(new)) {
        (Some(a), Some(b)) if a == b => Ok(crate::Finding::new(
            "change.same_system",
            "第十六条（二）",
            crate::Severity::Pass,
            format!("新单位与原单位同属“{a}”。"),
            format!("Both units belong to {a}."),
        )),
        (Some(a), Some(b)) => Err(FieldError::new(
            "new_unit_id",
            format!(
                "新单位属于“{b}”，不是原单位所在的“{a}”：第十六条（二）只允许在区内同系统（集团）内变更"
            ),
            "Art. 16(2) moves a studio only within the same system (group): the new unit is in another",
        )),
        _ => Ok(crate::Finding::new(
            "change.same_system",
            "第十六条（二）",
            crate::Severity::ManualReview,
            "单位登记中缺少所属系统（集团），是否同一系统须由人社厅核实。",
            "A unit's system (group) is not on record: HRSS must check that both are in the same one.",
        )),
    }
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
