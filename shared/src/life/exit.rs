//! 第十八条: the five cases of exit, the return of unused funds and the 3-year ban, with the HRSS
//! override that "原则上" allows.

use crate::Fen;
use crate::deadlines::ban_until;
use crate::wire::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
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
pub enum ExitCase {
    /// （一）申请设立的单位被注销或撤销
    UnitDissolved,
    /// （二）带头人不能继续承担领办工作，或没有按规定带徒培养技能人才
    LeaderUnable,
    /// （三）补助资金被挤占、挪用、截留
    FundsMisused,
    /// （四）违纪违法行为或重大过失，造成重大损失和严重后果
    Violation,
    /// （五）弄虚作假、谎报成果或未正常开展活动，经查明属实
    Fraud,
}

impl ExitCase {
    pub const ALL: [ExitCase; 5] = [
        ExitCase::UnitDissolved,
        ExitCase::LeaderUnable,
        ExitCase::FundsMisused,
        ExitCase::Violation,
        ExitCase::Fraud,
    ];
    pub fn article(self) -> &'static str {
        match self {
            ExitCase::UnitDissolved => "第十八条（一）",
            ExitCase::LeaderUnable => "第十八条（二）",
            ExitCase::FundsMisused => "第十八条（三）",
            ExitCase::Violation => "第十八条（四）",
            ExitCase::Fraud => "第十八条（五）",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            ExitCase::UnitDissolved => "申请设立的单位被注销或撤销",
            ExitCase::LeaderUnable => "带头人不能继续领办或未按规定带徒",
            ExitCase::FundsMisused => "补助资金被挤占、挪用、截留",
            ExitCase::Violation => "违纪违法或重大过失造成重大损失和严重后果",
            ExitCase::Fraud => "弄虚作假、谎报成果或未正常开展活动（经查明属实）",
        }
    }
    /// The English label of [`ExitCase::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            ExitCase::UnitDissolved => "the applying unit has been deregistered or dissolved",
            ExitCase::LeaderUnable => {
                "the leader can no longer lead the studio or has not trained apprentices as required"
            }
            ExitCase::FundsMisused => "subsidy funds encroached on, misappropriated or withheld",
            ExitCase::Violation => {
                "breach of discipline or law, or gross negligence, causing major losses and serious consequences"
            }
            ExitCase::Fraud => {
                "falsification, false reporting of results, or failure to carry out activities normally (established on investigation)"
            }
        }
    }
    /// （四） and （五） rest on established facts: the investigation must be recorded.
    pub fn needs_investigation(self) -> bool {
        matches!(self, ExitCase::Violation | ExitCase::Fraud)
    }
}

/// HRSS decides an exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewExit {
    pub case: ExitCase,
    /// What shows the case (documents, references).
    pub evidence: String,
    /// The investigation and its finding (required for （四） and （五）).
    #[serde(default)]
    pub investigation: String,
    /// The day of the exit decision (the ban counts from the next day).
    pub decided_on: NaiveDate,
}

impl NewExit {
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let n = self.evidence.trim().chars().count();
        if n == 0 || n > 5_000 {
            errors.push(FieldError::new(
                "evidence",
                "请填写退出依据（不超过 5000 字）",
                "give the evidence (at most 5,000 characters)",
            ));
        }
        let i = self.investigation.trim().chars().count();
        if i > 5_000 || (self.case.needs_investigation() && i == 0) {
            errors.push(FieldError::new(
                "investigation",
                format!(
                    "{}须记录调查核实情况（不超过 5000 字）",
                    self.case.article()
                ),
                "this case needs the investigation's finding (at most 5,000 characters)",
            ));
        }
        if self.decided_on > today {
            errors.push(FieldError::new(
                "decided_on",
                "决定日期不能晚于今天",
                "the decision cannot be in the future",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
    pub fn ban_until(&self) -> NaiveDate {
        ban_until(self.decided_on)
    }
}

/// A recorded exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitView {
    pub case: ExitCase,
    pub article: String,
    pub evidence: String,
    pub investigation: String,
    pub decided_on: NaiveDate,
    /// 第十八条: the unit and the leader may not apply again until this day (inclusive).
    pub ban_until: NaiveDate,
    /// Unused funds at the decision: disbursed − used − returned.
    pub return_due: Fen,
    /// Paid back since the decision: the return due less what is still held.
    pub returned_since: Fen,
    /// What the unit still holds, and so still owes.
    pub outstanding: Fen,
    pub decided_by: String,
}

/// An HRSS exception to the ban ("原则上"): it names one exit, one round and whose ban it lifts
/// (the unit's or the leader's), and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewBanOverride {
    pub exit_id: i32,
    pub round_id: i32,
    pub subject: crate::eligibility::BanSubject,
    pub reason: String,
}

impl NewBanOverride {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let n = self.reason.trim().chars().count();
        if !(4..=2_000).contains(&n) {
            return Err(vec![FieldError::new(
                "reason",
                "请写明准予例外的理由（4 到 2000 字）",
                "give the reason for the exception (4 to 2,000 characters)",
            )]);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BanOverride {
    pub id: i32,
    pub exit_id: Option<i32>,
    pub round_id: Option<i32>,
    pub round_year: Option<i32>,
    pub subject: crate::eligibility::BanSubject,
    pub unit_id: i32,
    pub unit_name: String,
    pub studio_name: String,
    pub reason: String,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
}

/// An exit on record that bears on an application (the unit's or the leader's), for the page
/// where HRSS may grant an exception for this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BanExitView {
    pub exit_id: i32,
    pub studio_name: String,
    pub subject: crate::eligibility::BanSubject,
    pub decided_on: NaiveDate,
    pub ban_until: NaiveDate,
    /// Matched by the leader's name only (the exit has no identity number on record).
    pub by_name_only: bool,
    /// HRSS has granted an exception for the application's round.
    pub excepted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn cases_four_and_five_need_the_investigation() {
        let mut e = NewExit {
            case: ExitCase::Fraud,
            evidence: "检查报告".into(),
            investigation: String::new(),
            decided_on: date(2027, 6, 1),
        };
        let f: Vec<_> = e
            .check(date(2027, 6, 1))
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, ["investigation"]);
        e.case = ExitCase::FundsMisused;
        assert!(e.check(date(2027, 6, 1)).is_ok());
        assert_eq!(e.ban_until(), date(2030, 6, 1));
        assert!(e.check(date(2027, 5, 31)).is_err());
    }
}
