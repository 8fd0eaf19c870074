//! 第十八条's 3-year re-application ban and 第二十一条's validity window.

use super::EligibilityPolicy;
use super::input::EligibilityInput;
use crate::calendar::{MEASURES_IN_FORCE_FROM, MEASURES_IN_FORCE_UNTIL};
use crate::deadlines::ban_until;
use crate::finding::{Finding, Severity};

/// 第十八条: "原则上3年内不得再次申报" — a fail unless HRSS overrides with a recorded reason.
pub(super) fn reapplication(input: &EligibilityInput, policy: &EligibilityPolicy) -> Finding {
    let mut exits = Vec::new();
    if policy.ban_bars_unit
        && let Some(d) = input.unit.last_exit_date
    {
        exits.push(("unit.last_exit_date", "申报单位", "the unit", d));
    }
    if policy.ban_bars_leader
        && let Some(d) = input.leader.last_exit_date
    {
        exits.push(("leader.last_exit_date", "带头人", "the leader", d));
    }
    let banned = exits
        .iter()
        .find(|(_, _, _, exit)| input.application_date <= ban_until(*exit));
    let mut finding = match banned {
        None if exits.is_empty() => Finding::new(
            "ban.reapplication",
            "第十八条",
            Severity::Pass,
            "无工作室退出记录，不受 3 年内不得再次申报的限制。",
            "No studio exit on record: the 3-year ban does not apply.",
        ),
        None => Finding::new(
            "ban.reapplication",
            "第十八条",
            Severity::Pass,
            "上次退出决定已满 3 年，不再受限。",
            "The last exit decision is more than 3 years old: the ban has ended.",
        ),
        Some((_, who_zh, who_en, exit)) => {
            let until = ban_until(*exit);
            match policy
                .ban_override_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
            {
                Some(reason) => Finding::new(
                    "ban.reapplication",
                    "第十八条",
                    Severity::Warning,
                    format!(
                        "{who_zh}于 {exit} 被决定退出，原则上 {until} 前不得再次申报；自治区人社厅已准予例外：{reason}"
                    ),
                    format!(
                        "{who_en} was made to exit on {exit} and is in principle barred until {until}; HRSS granted an exception: {reason}"
                    ),
                ),
                None => Finding::new(
                    "ban.reapplication",
                    "第十八条",
                    Severity::Fail,
                    format!(
                        "{who_zh}于 {exit} 被决定退出，原则上 3 年内（至 {until}）不得再次申报。"
                    ),
                    format!(
                        "{who_en} was made to exit on {exit}: in principle no new application within 3 years (until {until})."
                    ),
                ),
            }
        }
    };
    finding = finding.read("application_date", input.application_date);
    for (field, _, _, d) in &exits {
        finding = finding.read(field, d);
    }
    finding
}

/// 第二十一条: the measures are in force from 2023-08-01 to 2028-07-31.
pub(super) fn validity_window(input: &EligibilityInput) -> Finding {
    let d = input.application_date;
    let inside = (MEASURES_IN_FORCE_FROM..=MEASURES_IN_FORCE_UNTIL).contains(&d);
    let (severity, zh, en) = if inside {
        (
            Severity::Pass,
            format!("申报日期 {d} 在本办法有效期内。"),
            format!("The application date {d} is within the measures' validity."),
        )
    } else {
        (
            Severity::Warning,
            format!(
                "申报日期 {d} 不在本办法有效期（2023年8月1日至2028年7月31日）内，请确认适用的办法。"
            ),
            format!(
                "The application date {d} is outside the measures' validity (2023-08-01 to 2028-07-31): check which rules apply."
            ),
        )
    };
    Finding::new("validity.window", "第二十一条", severity, zh, en).read("application_date", d)
}
