//! 第十条（二）: conditions on the applying unit, by kind (enterprise, school, training base).

use super::input::{EligibilityInput, UnitKind};
use super::required;
use crate::finding::{Finding, Severity};

/// "技能人才占员工总数的30%以上": 30 % itself qualifies.
pub const SKILLED_SHARE_PERCENT: i64 = 30;

pub(super) fn evaluate(input: &EligibilityInput, out: &mut Vec<Finding>) {
    let u = &input.unit;
    match u.kind {
        UnitKind::Enterprise => {
            out.push(skilled_share(input));
            out.push(required(
                "enterprise.talent_policies",
                "第十条（二）1（2）",
                "unit.talent_policies",
                u.talent_policies,
                "建立了较为完善的技能人才培养、评价、选拔、使用和激励政策制度",
                "complete policies for training, evaluating, selecting, using and rewarding skilled workers",
            ));
            out.push(required(
                "enterprise.funding_and_premises",
                "第十条（二）1（3）",
                "unit.funding_and_premises",
                u.funding_and_premises,
                "能够为工作室提供相应的资金支持以及场所、设备等必要工作条件",
                "provides funding, premises and equipment for the studio",
            ));
            out.push(required(
                "enterprise.training_results",
                "第十条（二）1（4）",
                "unit.training_results",
                u.training_results,
                "在技能人才培养方面取得一定效果",
                "some results in training skilled workers",
            ));
        }
        UnitKind::School => {
            let l = &input.leader;
            for (rule, field, value, zh, en) in [
                (
                    "school.teacher_qualification",
                    "leader.teacher_qualification",
                    l.teacher_qualification,
                    "带头人具有教师资格",
                    "the leader holds a teacher qualification",
                ),
                (
                    "school.integrated_teacher",
                    "leader.integrated_teacher",
                    l.integrated_teacher,
                    "带头人为“一体化”教师",
                    "the leader is an integrated (theory + practice) teacher",
                ),
                (
                    "school.front_line_teaching",
                    "leader.front_line_teaching",
                    l.front_line_teaching,
                    "带头人在教学一线从事教学工作",
                    "the leader teaches on the front line",
                ),
                (
                    "school.enterprise_experience",
                    "leader.enterprise_experience",
                    l.enterprise_experience,
                    "带头人具有在企业生产一线工作经历",
                    "the leader has front-line enterprise work experience",
                ),
            ] {
                out.push(required(rule, "第十条（二）2（1）", field, value, zh, en));
            }
            out.push(required(
                "school.talent_policies",
                "第十条（二）2（2）",
                "unit.talent_policies",
                u.talent_policies,
                "高度重视技能人才队伍建设，制定了一系列加快高技能人才队伍建设的政策措施",
                "policies to build the high-skilled workforce",
            ));
            out.push(required(
                "school.funding_and_premises",
                "第十条（二）2（3）",
                "unit.funding_and_premises",
                u.funding_and_premises,
                "能够为工作室提供相应的资金支持以及场所、设备等必要工作条件",
                "provides funding, premises and equipment for the studio",
            ));
            out.push(required(
                "school.training_results",
                "第十条（二）2（4）",
                "unit.training_results",
                u.training_results,
                "在技能人才培养方面取得明显效果",
                "clear results in training skilled workers",
            ));
        }
        UnitKind::TrainingBase => out.push(training_base()),
    }
}

/// 第十条（二）1（2）: skilled workers ≥ 30 % of all employees, computed from the two counts.
fn skilled_share(input: &EligibilityInput) -> Finding {
    let (skilled, all) = (input.unit.skilled_employees, input.unit.employees);
    let ok = skilled * 100 >= all * SKILLED_SHARE_PERCENT;
    // Per mille, truncated, for display only; the decision above is exact.
    let permille = skilled * 1000 / all.max(1);
    let share = format!("{}.{}%", permille / 10, permille % 10);
    let (severity, zh, en) = if ok {
        (
            Severity::Pass,
            format!("技能人才 {skilled} 人，占员工总数 {all} 人的 {share}，达到 30% 以上。"),
            format!("{skilled} of {all} employees are skilled workers ({share}), at least 30 %."),
        )
    } else {
        (
            Severity::Fail,
            format!("技能人才 {skilled} 人，占员工总数 {all} 人的 {share}，不足 30%。"),
            format!("{skilled} of {all} employees are skilled workers ({share}), below 30 %."),
        )
    };
    Finding::new(
        "enterprise.skilled_share",
        "第十条（二）1（2）",
        severity,
        zh,
        en,
    )
    .read("unit.skilled_employees", skilled)
    .read("unit.employees", all)
    .read("skilled_share", share)
}

/// 第三条 allows a public skills training base as a host, but 第十条 gives it no conditions.
fn training_base() -> Finding {
    Finding::new(
        "unit.training_base",
        "第三条、第十条（二）",
        Severity::ManualReview,
        "第三条允许依托公共职业技能实训基地（及其他事业单位）建设工作室，但第十条未规定此类单位的申报条件，需人工审核。",
        "Article 3 allows a public skills training base (or other public institution) as a host, but Article 10 sets no unit conditions for it: a person must review this case.",
    )
    .read("unit.kind", "training_base")
}
