//! The dashboard for HRSS and finance (with a city's studios), the public summary (without), and
//! the export of the page's table.

use super::store;
use crate::actor::Actor;
use crate::error::ApiError;
use crate::export::Download;
use crate::state::AppState;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::api::query::{DashboardFilter, ExportFormat, check_year};
use shared::dashboard::{ChannelOption, DashboardView, Funnel, Money, Row, TABLE_HEADERS};
use shared::geo::City;

/// The dashboard for `f`; `detail` adds the studios of a city (never for the public).
async fn build<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
    detail: bool,
) -> Result<DashboardView, ApiError> {
    check_year(f.year).map_err(|e| ApiError::Validation(vec![e]))?;
    let group = if f.city.is_some() {
        store::by_county()
    } else {
        store::by_city()
    };
    let rows: Vec<Row> = store::grouped(db, f, group, "unit.name")
        .await?
        .into_iter()
        .map(|(key, _, money)| Row {
            label: label(f.city, &key),
            key,
            money,
        })
        .collect();
    let studios = if detail && f.city.is_some() {
        store::grouped(db, f, store::by_studio(), "studio.name")
            .await?
            .into_iter()
            .map(|(key, label, money)| Row { key, label, money })
            .collect()
    } else {
        Vec::new()
    };
    let channels = store::orgs(db)
        .await?
        .into_iter()
        .map(|o| ChannelOption {
            id: if o.code == "hrss" { 0 } else { o.id },
            name: o.name,
        })
        .collect();
    let funnel = store::latest_round_states(db)
        .await?
        .map(|(year, states)| Funnel::of(year, &states));
    Ok(DashboardView {
        channels,
        totals: Money::total(&rows),
        rows,
        studios,
        by_year: store::by_year(db, f).await?,
        funnel,
    })
}

/// A row's label: the city's name, or the county's within a city.
fn label(city: Option<City>, key: &str) -> String {
    match city {
        None => shared::wire::from_enum_name::<City>(key)
            .map(|c| c.label_zh().to_owned())
            .unwrap_or_else(|_| key.to_owned()),
        Some(city) => city
            .counties()
            .iter()
            .find(|(code, _)| code.to_string() == key)
            .map(|(_, n)| (*n).to_owned())
            .unwrap_or_else(|| key.to_owned()),
    }
}

/// HRSS and finance: by city (or a city's counties and studios), by year, and the funnel.
pub async fn dashboard(
    state: &AppState,
    actor: &Actor,
    f: DashboardFilter,
) -> Result<DashboardView, ApiError> {
    actor.require(&[Role::HrssAdmin, Role::Finance])?;
    build(&state.db, &f, true).await
}

/// The public summary: the same figures by city and county, without studio lines.
pub async fn public(state: &AppState, f: DashboardFilter) -> Result<DashboardView, ApiError> {
    build(&state.db, &f, false).await
}

/// The dashboard's table as CSV or xlsx, exactly as the page shows it.
pub async fn export(
    state: &AppState,
    actor: &Actor,
    format: ExportFormat,
    f: DashboardFilter,
) -> Result<Download, ApiError> {
    let view = dashboard(state, actor, f).await?;
    crate::export::table(
        format,
        &format!("subsidy-{}", state.today().format("%Y%m%d")),
        "补助资金",
        &TABLE_HEADERS,
        &view.table(),
    )
}
