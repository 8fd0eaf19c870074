//! 第九条 and 第十二条: conditions that apply to national-level candidates only.

use super::input::EligibilityInput;
use crate::Level;
use crate::finding::{Finding, Severity};

pub(super) fn evaluate(input: &EligibilityInput, out: &mut Vec<Finding>) {
    if input.level != Level::National {
        return;
    }
    out.push(category(input));
    out.push(from_regional(input));
}

/// 第十二条: a national studio belongs to one of three categories, which fixes its subsidy.
fn category(input: &EligibilityInput) -> Finding {
    match input.national_category {
        Some(c) => Finding::new(
            "national.category",
            "第十二条",
            Severity::Pass,
            format!("国家级类别：{}。", c.label_zh()),
            format!("National category: {}.", c.label_en()),
        )
        .read("national_category", c.label_en()),
        None => Finding::new(
            "national.category",
            "第十二条",
            Severity::Fail,
            "国家级申报须选择类别：生产制造类、社会生产和生活服务类或其他类（地方或民族特色技艺职业）。",
            "A national application must name its category: manufacturing, services, or other (local or ethnic crafts).",
        )
        .read("national_category", "null"),
    }
}

/// 第九条: national studios are *mainly* selected from approved regional studios — a warning.
fn from_regional(input: &EligibilityInput) -> Finding {
    let has = input.unit.has_approved_regional_studio;
    let (severity, zh, en) = if has {
        (
            Severity::Pass,
            "本工作室已获批自治区级技能大师工作室。",
            "This studio is an approved regional-level studio.",
        )
    } else {
        (
            Severity::Warning,
            "国家级工作室主要从已获批的自治区级工作室中遴选；本工作室尚未获批自治区级，须说明理由。",
            "National studios are mainly selected from approved regional studios; this one is not: a justification is required.",
        )
    };
    Finding::new("national.from_regional", "第九条", severity, zh, en)
        .read("unit.has_approved_regional_studio", has)
}
