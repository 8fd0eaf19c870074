//! The queries the endpoints take (the part of the URL after `?`), shared so the browser builds
//! exactly what the server reads.

use crate::geo::City;
use crate::procedure::AttachmentKind;
use crate::wire::FieldError;
use crate::workflow::AppState;
use crate::{Level, NationalCategory};
use serde::{Deserialize, Serialize};

/// A year filter must name a year the programme can have (2000–2100): anything else is refused
/// on `year`, never a filter silently dropped.
pub fn check_year(year: Option<i32>) -> Result<(), FieldError> {
    match year {
        Some(y) if !(2000..=2100).contains(&y) => Err(FieldError::new(
            "year",
            "年份须在 2000 到 2100 之间",
            "the year must be from 2000 to 2100",
        )),
        _ => Ok(()),
    }
}

/// `GET /api/applications`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ApplicationFilter {
    pub round_id: Option<i32>,
}

/// `GET /api/objections`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ObjectionFilter {
    pub round_id: Option<i32>,
}

/// `POST /api/applications/{id}/attachments`: what the uploaded bytes are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UploadQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: AttachmentKind,
    pub filename: String,
}

/// `GET /api/admin/audit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AuditQuery {
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    /// At most this many entries, newest first (default 200, at most 1000).
    pub limit: Option<u64>,
}

/// The order of the board.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BoardSort {
    #[default]
    Id,
    SubmittedAt,
    Rank,
    DefenseScore,
    State,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

/// `GET /api/board` and its export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct BoardQuery {
    pub round_id: Option<i32>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub state: Option<AppState>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub city: Option<City>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub level: Option<Level>,
    pub channel_org_id: Option<i32>,
    /// Part of the unit's name.
    pub q: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: BoardSort,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub dir: Direction,
    /// 1-based.
    pub page: Option<u64>,
    /// 1 to 200, default 50.
    pub per_page: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese.
    #[default]
    Csv,
    Xlsx,
}

/// `GET /api/dashboard`, `/api/public/dashboard` and the dashboard's export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DashboardFilter {
    /// The year studios were approved.
    pub year: Option<i32>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub level: Option<Level>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub category: Option<NationalCategory>,
    /// A recommending organisation (`0`: applications HRSS took directly).
    pub channel_org_id: Option<i32>,
    /// Drill-down: one city's counties and studios.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub city: Option<City>,
}

/// The format of an export (`format=csv|xlsx`, required).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct FormatQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub format: ExportFormat,
}

/// An export: its format and the filter of the page it exports, in one query string. (The server
/// reads the two parts separately: `serde_urlencoded` cannot read numbers through `flatten`.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportQuery<F> {
    pub format: ExportFormat,
    #[serde(flatten)]
    pub filter: F,
}

#[cfg(feature = "openapi")]
impl<F: utoipa::IntoParams> utoipa::IntoParams for ExportQuery<F> {
    fn into_params(
        parameter_in: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        let mut all = FormatQuery::into_params(&parameter_in);
        all.extend(F::into_params(parameter_in));
        all
    }
}

/// `GET /api/studios` and `/api/public/studios`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct StudioFilter {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub city: Option<City>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub level: Option<Level>,
    /// The year studios were approved.
    pub year: Option<i32>,
}

/// `GET /api/admin/units`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UnitQuery {
    /// Part of the name or the credit code.
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub city: Option<City>,
}

/// The imports: which registry, and at the confirm step the SHA-256 of the file previewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ImportQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: crate::import::ImportKind,
    #[serde(default)]
    pub sha256: Option<String>,
}

/// `GET /api/rules/articles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ArticleQuery {
    /// A citation as findings carry it, e.g. `第十条（一）2`.
    pub citation: String,
}

/// `GET /api/calendar/notice-end`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct NoticeQuery {
    /// First day of the public notice (YYYY-MM-DD).
    pub start: String,
}
