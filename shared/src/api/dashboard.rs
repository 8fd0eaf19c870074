//! Journey 3: the money by city, level, category and year, and the round's funnel.

use super::query::{DashboardFilter, ExportQuery};
use super::{File, endpoints};
use crate::dashboard::DashboardView;

endpoints! {
    /// HRSS and finance: by city (or a city's counties and studios), by year, and the funnel.
    Dashboard: Get "/api/dashboard" [DashboardFilter] (()) => 200 DashboardView;
    /// The dashboard's table as CSV or xlsx, amounts in yuan exactly as the page shows them.
    DashboardExport: Get "/api/dashboard/export" [ExportQuery<DashboardFilter>] (()) => 200 File;
}
