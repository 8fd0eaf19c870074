//! 第十条（一）: the leader's basic conditions, age, and the three qualification routes.

use super::input::{EligibilityInput, SkillLevel};
use super::required;
use crate::calendar::age_on;
use crate::finding::{Finding, Severity};

/// "年龄一般不超过55周岁": the soft age limit, in 周岁 on the application date.
pub const AGE_LIMIT: u32 = 55;

pub(super) fn evaluate(input: &EligibilityInput, out: &mut Vec<Finding>) {
    let l = &input.leader;
    // 第十条（一）: 技能拔尖、技艺精湛，有较强创新创造能力和社会影响力
    out.push(required(
        "leader.top_skill",
        "第十条（一）",
        "leader.top_skill",
        l.top_skill,
        "带头人技能拔尖、技艺精湛，有较强创新创造能力和社会影响力",
        "the leader has top skills, innovation and social influence",
    ));
    // 第十条（一）: 在带徒传技方面经验丰富
    out.push(required(
        "leader.mentoring",
        "第十条（一）",
        "leader.mentoring_experience",
        l.mentoring_experience,
        "带头人在带徒传技方面经验丰富",
        "the leader has rich mentoring experience",
    ));
    // 第十条（一）: 身体健康
    out.push(required(
        "leader.healthy",
        "第十条（一）",
        "leader.healthy",
        l.healthy,
        "带头人身体健康",
        "the leader is healthy",
    ));
    // 第十条（一）: 能够承担技能大师工作室日常工作
    out.push(required(
        "leader.can_run_studio",
        "第十条（一）",
        "leader.can_run_studio",
        l.can_run_studio,
        "带头人能够承担技能大师工作室日常工作",
        "the leader can run the studio day to day",
    ));
    out.push(age(input));
    out.push(route(input));
}

/// 第十条（一）: "年龄一般不超过55周岁" — over 55 is a warning that needs a justification.
fn age(input: &EligibilityInput) -> Finding {
    let years = age_on(input.leader.birth_date, input.application_date);
    let (severity, zh, en) = if years <= AGE_LIMIT {
        (
            Severity::Pass,
            format!("申报日带头人 {years} 周岁，未超过 55 周岁。"),
            format!("The leader is {years} full years old on the application date, not over 55."),
        )
    } else {
        (
            Severity::Warning,
            format!("申报日带头人 {years} 周岁，超过“一般不超过 55 周岁”的要求，须书面说明理由。"),
            format!(
                "The leader is {years} full years old on the application date, over the general limit of 55: a written justification is required."
            ),
        )
    };
    Finding::new("leader.age", "第十条（一）", severity, zh, en)
        .read("leader.birth_date", input.leader.birth_date)
        .read("application_date", input.application_date)
        .read("age_full_years", years)
}

/// Which of the routes of 第十条（一）1–3 the leader meets (empty = none).
pub fn routes_met(leader: &super::input::LeaderFacts) -> Vec<u8> {
    let mut met = Vec::new();
    if !leader.titles.is_empty() {
        met.push(1);
    }
    if leader.skill_level >= SkillLevel::SeniorTechnician
        && leader.active_innovation
        && leader.influential_invention
        && leader.economic_benefit
    {
        met.push(2);
    }
    if leader.unique_skills && leader.craft_contribution {
        met.push(3);
    }
    met
}

/// 第十条（一）1–3: at least one of — a title; 高级技师 or higher with innovation, invention and
/// economic benefit; unique skills with a contribution to traditional or ethnic crafts.
fn route(input: &EligibilityInput) -> Finding {
    let l = &input.leader;
    let met = routes_met(l);
    let titles: Vec<&str> = l.titles.iter().map(|t| t.label_zh()).collect();
    let base = |f: Finding| {
        f.read(
            "leader.titles",
            if titles.is_empty() {
                "无".to_owned()
            } else {
                titles.join("、")
            },
        )
        .read("leader.skill_level", crate::wire::enum_name(&l.skill_level))
        .read("leader.active_innovation", l.active_innovation)
        .read("leader.influential_invention", l.influential_invention)
        .read("leader.economic_benefit", l.economic_benefit)
        .read("leader.unique_skills", l.unique_skills)
        .read("leader.craft_contribution", l.craft_contribution)
    };
    if let Some(first) = met.first() {
        let list: Vec<String> = met.iter().map(|n| format!("第十条（一）{n}")).collect();
        let (zh, en) = match first {
            1 => (format!("带头人获得{}称号。", titles.join("、")), "The leader holds a qualifying title.".to_owned()),
            2 => (
                "带头人具有高级技师以上职业资格（技能等级），积极开展技术技能革新，取得有一定影响的发明创造并产生较大经济效益。"
                    .to_owned(),
                "The leader is a senior technician or higher, innovates, and has an influential invention with large economic benefit."
                    .to_owned(),
            ),
            _ => (
                "带头人具有一定的绝技绝活，并在传承传统工艺、民族工艺上做出较大贡献。".to_owned(),
                "The leader has unique skills and a major contribution to traditional or ethnic crafts.".to_owned(),
            ),
        };
        let zh = format!("{zh}（满足：{}）", list.join("、"));
        return base(Finding::new(
            "leader.route",
            &format!("第十条（一）{first}"),
            Severity::Pass,
            zh,
            en,
        ));
    }

    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    if l.skill_level < SkillLevel::SeniorTechnician {
        missing_zh.push(format!(
            "技能等级为{}，未达到高级技师",
            l.skill_level.label_zh()
        ));
        missing_en.push(format!(
            "skill level is {}, below senior technician",
            l.skill_level.label_en()
        ));
    }
    for (ok, zh, en) in [
        (
            l.active_innovation,
            "未积极开展技术技能革新",
            "no active innovation",
        ),
        (
            l.influential_invention,
            "无有一定影响的发明创造",
            "no influential invention",
        ),
        (
            l.economic_benefit,
            "未产生较大经济效益",
            "no large economic benefit",
        ),
    ] {
        if !ok {
            missing_zh.push(zh.to_owned());
            missing_en.push(en.to_owned());
        }
    }
    let mut craft_zh = Vec::new();
    let mut craft_en = Vec::new();
    if !l.unique_skills {
        craft_zh.push("无绝技绝活");
        craft_en.push("no unique skills");
    }
    if !l.craft_contribution {
        craft_zh.push("未在传承传统工艺、民族工艺上做出较大贡献");
        craft_en.push("no major contribution to traditional crafts");
    }
    let zh = format!(
        "三项条件均不满足：1. 未获得中华技能大奖、全国技术能手、塞上技能大师或自治区技术能手称号；2. {}；3. {}。",
        missing_zh.join("，"),
        craft_zh.join("，")
    );
    let en = format!(
        "None of the three routes is met: 1. no qualifying title; 2. {}; 3. {}.",
        missing_en.join(", "),
        craft_en.join(", ")
    );
    base(Finding::new(
        "leader.route",
        "第十条（一）",
        Severity::Fail,
        zh,
        en,
    ))
}
