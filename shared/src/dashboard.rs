//! Journey 3 on the wire: subsidy money by city, county and studio, by year, and the round's funnel.

use crate::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub studios: i64,
    pub entitled_fen: Fen,
    pub disbursed_fen: Fen,
    pub used_fen: Fen,
    pub returned_fen: Fen,
    /// Entitled − disbursed.
    pub outstanding_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row {
    /// `yinchuan`, a county code, or a studio id, by view.
    pub key: String,
    pub label: String,
    pub money: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearRow {
    pub year: i32,
    pub disbursed_fen: Fen,
    pub used_fen: Fen,
    pub returned_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    pub round_year: i32,
    pub applied: i64,
    pub recommended: i64,
    pub defended: i64,
    pub inspected: i64,
    pub approved: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardView {
    pub totals: Money,
    /// By city (no `city` filter), or by county of that city.
    pub rows: Vec<Row>,
    /// The studios of the city (drill-down only, and never on the public summary).
    pub studios: Vec<Row>,
    pub by_year: Vec<YearRow>,
    pub funnel: Option<Funnel>,
    /// The recommending channels the `channel_org_id` filter takes (`0`: HRSS directly).
    #[serde(default)]
    pub channels: Vec<ChannelOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelOption {
    pub id: i32,
    pub name: String,
}
