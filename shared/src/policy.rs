//! The choices the measures leave to the programme where they decide an outcome: the grade of
//! exactly 60 points (第十五条 puts it in no grade) and whom 第十八条's ban binds (it does not say).
//! HRSS sets them; every result they decide cites them.

use crate::assessment::SixtyPolicy;
use crate::wire::FieldError;
use serde::{Deserialize, Serialize};

/// 第十八条 "原则上3年内不得再次申报" does not say who may not apply again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BanBinds {
    /// The host unit and the leader, each on its own (the default).
    #[default]
    UnitAndLeader,
    UnitOnly,
    LeaderOnly,
}

impl BanBinds {
    pub const ALL: [BanBinds; 3] = [
        BanBinds::UnitAndLeader,
        BanBinds::UnitOnly,
        BanBinds::LeaderOnly,
    ];
    pub fn bars_unit(self) -> bool {
        self != BanBinds::LeaderOnly
    }
    pub fn bars_leader(self) -> bool {
        self != BanBinds::UnitOnly
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            BanBinds::UnitAndLeader => "申报单位和带头人均受限",
            BanBinds::UnitOnly => "仅申报单位受限",
            BanBinds::LeaderOnly => "仅带头人受限",
        }
    }
    /// The English label of [`BanBinds::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            BanBinds::UnitAndLeader => "both the applying unit and the leader are barred",
            BanBinds::UnitOnly => "only the applying unit is barred",
            BanBinds::LeaderOnly => "only the leader is barred",
        }
    }
}

/// The programme's policies, as HRSS has set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policies {
    /// 第十五条: the grade of exactly 60.0.
    pub sixty: SixtyPolicy,
    /// 第十八条: whom the 3-year ban binds.
    pub ban_binds: BanBinds,
}

/// A change of the policies, with the reason it is recorded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyChange {
    pub policies: Policies,
    pub reason: String,
}

impl PolicyChange {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        crate::procedure::check_reason("reason", &self.reason)
    }
}

/// The policies with what each decides and where the text is silent, for the page HRSS sets
/// them on and for anyone who reads a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoliciesView {
    pub policies: Policies,
    pub updated_by: Option<String>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Policies {
    /// The eligibility policy the ban is evaluated with.
    pub fn eligibility(self) -> crate::eligibility::EligibilityPolicy {
        crate::eligibility::EligibilityPolicy {
            ban_bars_unit: self.ban_binds.bars_unit(),
            ban_bars_leader: self.ban_binds.bars_leader(),
            ..crate::eligibility::EligibilityPolicy::default()
        }
    }
}
