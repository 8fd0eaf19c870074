//! 第十八条's 3-year re-application ban and 第二十一条's validity window.

use super::EligibilityPolicy;
use super::input::EligibilityInput;
use crate::calendar::{MEASURES_IN_FORCE_FROM, MEASURES_IN_FORCE_UNTIL};
use crate::deadlines::ban_until;
use crate::finding::{Finding, Severity};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whom an exit bars, and whose ban an exception lifts (第十八条 does not say who is barred: the
/// programme bars the host unit and the leader, each on its own).
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
pub enum BanSubject {
    /// The unit, by its unified social credit code.
    Unit,
    /// The leader, by identity number.
    Leader,
}

impl BanSubject {
    pub const ALL: [BanSubject; 2] = [BanSubject::Unit, BanSubject::Leader];
    pub fn label_zh(self) -> &'static str {
        match self {
            BanSubject::Unit => "申报单位",
            BanSubject::Leader => "带头人",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            BanSubject::Unit => "the unit",
            BanSubject::Leader => "the leader",
        }
    }
}

/// An exit decision on record that concerns this application's unit or leader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitOnRecord {
    pub exit_id: i32,
    pub decided_on: NaiveDate,
    pub subject: BanSubject,
    /// A leader matched only by name (an exit recorded without an identity number): a person
    /// must confirm it is the same one.
    #[serde(default)]
    pub by_name_only: bool,
}

/// An HRSS exception to the ban ("原则上"): one exit, one round, one subject, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BanException {
    pub exit_id: i32,
    pub round_id: i32,
    pub subject: BanSubject,
    pub reason: String,
}

/// One exit the rule weighs: on record (with its id) or as typed in a self-check (without).
struct Exit<'a> {
    id: Option<i32>,
    on: NaiveDate,
    subject: BanSubject,
    by_name_only: bool,
    field: &'a str,
}

/// How one exit bears on the application.
fn weigh(
    exit: &Exit,
    input: &EligibilityInput,
    policy: &EligibilityPolicy,
) -> (Severity, String, String) {
    let until = ban_until(exit.on);
    let (who_zh, who_en) = (exit.subject.label_zh(), exit.subject.label_en());
    if input.application_date > until {
        return (
            Severity::Pass,
            format!(
                "{who_zh}于 {} 被决定退出，3 年限制已于 {until} 届满。",
                exit.on
            ),
            format!(
                "{who_en} was made to exit on {}; the 3 years ended on {until}.",
                exit.on
            ),
        );
    }
    let excepted = exit.id.and_then(|id| {
        policy.exceptions.iter().find(|e| {
            e.exit_id == id
                && e.subject == exit.subject
                && Some(e.round_id) == policy.round_id
                && !e.reason.trim().is_empty()
        })
    });
    match excepted {
        Some(e) => (
            Severity::Warning,
            format!(
                "{who_zh}于 {} 被决定退出，原则上 {until} 前不得再次申报；自治区人社厅已就本轮准予例外：{}",
                exit.on,
                e.reason.trim()
            ),
            format!(
                "{who_en} was made to exit on {} and is in principle barred until {until}; HRSS granted an exception for this round: {}",
                exit.on,
                e.reason.trim()
            ),
        ),
        None if exit.by_name_only => (
            Severity::ManualReview,
            format!(
                "带头人与 {} 被决定退出的工作室带头人同名，该退出记录没有身份证号：须由人社厅核实是否同一人（原则上 {until} 前不得再次申报）。",
                exit.on
            ),
            format!(
                "The leader has the name of the leader of a studio made to exit on {}, recorded without an identity number: HRSS must confirm whether it is the same person (barred until {until} if so).",
                exit.on
            ),
        ),
        None => (
            Severity::Fail,
            format!(
                "{who_zh}于 {} 被决定退出，原则上 3 年内（至 {until}）不得再次申报。",
                exit.on
            ),
            format!(
                "{who_en} was made to exit on {}: in principle no new application within 3 years (until {until}).",
                exit.on
            ),
        ),
    }
}

/// 第十八条: "原则上3年内不得再次申报" — each exit of the unit (by credit code) and of the leader (by
/// identity number) bars for 3 years, counted as the civil code counts (the 3rd anniversary is
/// inside). An HRSS exception lifts only the exit, round and subject it names (a warning that
/// still needs a justification); a leader matched only by name goes to manual review.
pub(super) fn reapplication(input: &EligibilityInput, policy: &EligibilityPolicy) -> Finding {
    let mut exits: Vec<Exit> = policy
        .exits
        .iter()
        .map(|e| Exit {
            id: Some(e.exit_id),
            on: e.decided_on,
            subject: e.subject,
            by_name_only: e.by_name_only,
            field: match e.subject {
                BanSubject::Unit => "unit.exit_on_record",
                BanSubject::Leader => "leader.exit_on_record",
            },
        })
        .collect();
    // What a self-check typed, unless the same exit is on record.
    for (typed, subject, field) in [
        (
            input.unit.last_exit_date,
            BanSubject::Unit,
            "unit.last_exit_date",
        ),
        (
            input.leader.last_exit_date,
            BanSubject::Leader,
            "leader.last_exit_date",
        ),
    ] {
        if let Some(on) = typed
            && !exits.iter().any(|e| e.on == on && e.subject == subject)
        {
            exits.push(Exit {
                id: None,
                on,
                subject,
                by_name_only: false,
                field,
            });
        }
    }
    exits.retain(|e| match e.subject {
        BanSubject::Unit => policy.ban_bars_unit,
        BanSubject::Leader => policy.ban_bars_leader,
    });
    let weighed: Vec<(Severity, String, String)> =
        exits.iter().map(|e| weigh(e, input, policy)).collect();
    let worst = weighed.iter().map(|w| w.0).max().unwrap_or(Severity::Pass);
    let mut finding = if exits.is_empty() {
        Finding::new(
            "ban.reapplication",
            "第十八条",
            Severity::Pass,
            "无工作室退出记录，不受 3 年内不得再次申报的限制。",
            "No studio exit on record: the 3-year ban does not apply.",
        )
    } else {
        // The sentences of the exits that decide, most severe first.
        let mut deciding: Vec<&(Severity, String, String)> =
            weighed.iter().filter(|w| w.0 == worst).collect();
        deciding.sort_by_key(|w| std::cmp::Reverse(w.0));
        let zh: Vec<&str> = deciding.iter().map(|w| w.1.as_str()).collect();
        let en: Vec<&str> = deciding.iter().map(|w| w.2.as_str()).collect();
        Finding::new(
            "ban.reapplication",
            "第十八条",
            worst,
            zh.join(""),
            en.join(" "),
        )
    };
    finding = finding.read("application_date", input.application_date);
    for e in &exits {
        finding = finding.read(e.field, e.on);
    }
    finding
}

impl EligibilityPolicy {
    /// The exits on record that bar an application dated `on` (whom the policy binds, still
    /// within 3 years), each with whether HRSS excepted it for the policy's round — what the
    /// application's page lists for HRSS to decide on.
    pub fn barring(&self, on: NaiveDate) -> Vec<(&ExitOnRecord, bool)> {
        self.exits
            .iter()
            .filter(|e| match e.subject {
                BanSubject::Unit => self.ban_bars_unit,
                BanSubject::Leader => self.ban_bars_leader,
            })
            .filter(|e| on <= ban_until(e.decided_on))
            .map(|e| {
                let excepted = self.exceptions.iter().any(|x| {
                    x.exit_id == e.exit_id
                        && x.subject == e.subject
                        && Some(x.round_id) == self.round_id
                });
                (e, excepted)
            })
            .collect()
    }
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
