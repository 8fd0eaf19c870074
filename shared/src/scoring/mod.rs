//! Expert panels (答辩评审 第十一条（三）, 考核 第十五条): rubrics as data, one expert's score sheet,
//! the aggregate a panel declares before scoring (mean or trimmed mean, in integer tenths), ranking
//! with ordered tie-breakers, outliers, and conflicts of interest. Pure: the server and the tablet
//! run the same functions.

use serde::{Deserialize, Serialize};

mod aggregate;
mod conflict;
mod ranking;
mod rubric;
pub mod sheet;

pub use aggregate::{
    Aggregate, Aggregation, OUTLIER_DISTANCE, Standing, TieBreaker, aggregate, outliers, rank,
};
pub use conflict::{Affiliation, CONFLICT_YEARS, check_affiliations, conflict, in_look_back};
pub use ranking::{Placed, RankedSheet, RankingCandidate, Unranked, outlier_sheets, rank_sheets};
pub use rubric::{
    ASSESSMENT_KEYS, ComputedItem, Rubric, RubricItem, assessment_rubric, assessment_suggestions,
    defense_rubric,
};
pub use sheet::{Edit, EditDecision, EditRules, PanelState, SheetFacts, SheetStatus, decide_edit};

/// What a panel scores.
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
pub enum PanelPurpose {
    /// 答辩评审 of applications (第十一条（三）).
    Defense,
    /// 年度考核 (第十五条（一）).
    Annual,
    /// 期满考核 (第十五条（二）).
    EndOfTerm,
}

impl PanelPurpose {
    pub const ALL: [PanelPurpose; 3] = [
        PanelPurpose::Defense,
        PanelPurpose::Annual,
        PanelPurpose::EndOfTerm,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            PanelPurpose::Defense => "答辩评审",
            PanelPurpose::Annual => "年度考核",
            PanelPurpose::EndOfTerm => "期满考核",
        }
    }
    /// The English label of [`PanelPurpose::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            PanelPurpose::Defense => "defense review",
            PanelPurpose::Annual => "annual assessment",
            PanelPurpose::EndOfTerm => "end-of-term assessment",
        }
    }
}
