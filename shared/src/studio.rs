//! Approved studios on the wire (lists and details for every role, and the public list).

use crate::geo::City;
use crate::{Fen, Level, NationalCategory};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudioRow {
    pub id: i32,
    pub plaque_no: String,
    pub name: String,
    pub unit_name: String,
    pub city: City,
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub occupation: String,
    pub leader_name: String,
    pub approved_on: NaiveDate,
    pub term_end: NaiveDate,
    pub status: crate::life::StudioStatus,
    /// The one-time subsidy of 第十二条 (entitled, not paid).
    pub entitlement_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudioList {
    pub studios: Vec<StudioRow>,
    pub total_entitlement_fen: Fen,
}
