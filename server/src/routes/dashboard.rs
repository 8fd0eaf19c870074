//! Journey 3: subsidy money by city, then county and studio — entitled, disbursed, used, returned,
//! outstanding — filtered by approval year, level, national category and recommending channel;
//! the year-over-year movement; the current round's funnel. One query per view feeds both the
//! chart and the table, so they agree to the fen.

use crate::auth::CurrentUser;
use crate::entity::{application, round, studio, studio_balance, unit};
use crate::error::ApiError;
use crate::extract::QueryParams;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use shared::account::Role;
use shared::dashboard::{DashboardView, Funnel, Money, Row, YearRow};
use shared::geo::City;
use shared::wire::ErrorBody;
use shared::workflow::AppState as Stage;
use shared::{Fen, Level, NationalCategory};

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct DashboardFilter {
    /// The year studios were approved.
    pub year: Option<i32>,
    pub level: Option<Level>,
    pub category: Option<NationalCategory>,
    /// A recommending organisation (`0`: applications HRSS took directly).
    pub channel_org_id: Option<i32>,
    /// Drill-down: one city's counties and studios.
    pub city: Option<City>,
}

/// The filtered studios with their ledger sums, grouped by `group` (an SQL expression).
/// The filtered studios grouped by `group` (an SQL expression): their count and entitlement, and
/// separately their ledger sums (per-studio balances by year), merged by [`rows`]. Two plain
/// aggregates instead of a join on an aggregated subquery: each scans its table once.
fn money_query(
    f: &DashboardFilter,
    group: Expr,
    label_sql: &str,
) -> (SelectStatement, SelectStatement) {
    let cust = |sql: &str| Expr::cust(sql.to_owned());
    let mut studios = Query::select();
    studios
        .expr_as(group.clone(), Alias::new("k"))
        .expr_as(Expr::cust(format!("MIN({label_sql})")), Alias::new("l"))
        .expr_as(cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("n"))
        .expr_as(
            cust("CAST(SUM(studio.entitlement_fen) AS BIGINT)"),
            Alias::new("e"),
        )
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("d"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("u"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("r"))
        .from(studio::Entity)
        .join(
            JoinType::InnerJoin,
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id))
                .equals((studio::Entity, studio::Column::UnitId)),
        )
        .group_by_col(Alias::new("k"))
        .order_by(Alias::new("k"), Order::Asc);
    filters(&mut studios, f);
    let mut money = Query::select();
    money
        .expr_as(group, Alias::new("k"))
        .expr_as(cust("''"), Alias::new("l"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("n"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("e"))
        .expr_as(
            cust("CAST(SUM(studio_balance.disbursed_fen) AS BIGINT)"),
            Alias::new("d"),
        )
        .expr_as(
            cust("CAST(SUM(studio_balance.used_fen) AS BIGINT)"),
            Alias::new("u"),
        )
        .expr_as(
            cust("CAST(SUM(studio_balance.returned_fen) AS BIGINT)"),
            Alias::new("r"),
        )
        .from(studio_balance::Entity)
        .join(
            JoinType::InnerJoin,
            studio::Entity,
            Expr::col((studio::Entity, studio::Column::Id))
                .equals((studio_balance::Entity, studio_balance::Column::StudioId)),
        )
        .join(
            JoinType::InnerJoin,
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id))
                .equals((studio::Entity, studio::Column::UnitId)),
        )
        .group_by_col(Alias::new("k"));
    filters(&mut money, f);
    (studios.to_owned(), money.to_owned())
}

fn filters(q: &mut SelectStatement, f: &DashboardFilter) {
    if let Some(y) = f.year
        && let (Some(from), Some(to)) = (
            chrono::NaiveDate::from_ymd_opt(y, 1, 1),
            chrono::NaiveDate::from_ymd_opt(y, 12, 31),
        )
    {
        q.and_where(Expr::col((studio::Entity, studio::Column::ApprovedOn)).between(from, to));
    }
    if let Some(l) = f.level {
        q.and_where(Expr::col((studio::Entity, studio::Column::Level)).eq(l));
    }
    if let Some(c) = f.category {
        q.and_where(Expr::col((studio::Entity, studio::Column::NationalCategory)).eq(c));
    }
    match f.channel_org_id {
        // 0: units whose applications HRSS takes directly (their channel is HRSS itself).
        Some(0) => {
            q.and_where(
                Expr::col((unit::Entity, unit::Column::ChannelOrgId)).in_subquery(
                    Query::select()
                        .column(crate::entity::org::Column::Id)
                        .from(crate::entity::org::Entity)
                        .and_where(Expr::col(crate::entity::org::Column::Code).eq("hrss"))
                        .to_owned(),
                ),
            );
        }
        Some(org) => {
            q.and_where(Expr::col((unit::Entity, unit::Column::ChannelOrgId)).eq(org));
        }
        None => {}
    }
    if let Some(city) = f.city {
        q.and_where(Expr::col((unit::Entity, unit::Column::City)).eq(city));
    }
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    (studios, money): &(SelectStatement, SelectStatement),
) -> Result<Vec<(String, String, Money)>, ApiError> {
    let mut out = raw_rows(db, studios).await?;
    let at: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (k, _, _))| (k.clone(), i))
        .collect();
    for (key, _, m) in raw_rows(db, money).await? {
        if let Some((_, _, row)) = at.get(&key).and_then(|&i| out.get_mut(i)) {
            row.disbursed_fen = m.disbursed_fen;
            row.used_fen = m.used_fen;
            row.returned_fen = m.returned_fen;
            row.outstanding_fen = Fen::from_fen(row.entitled_fen.fen() - m.disbursed_fen.fen());
        }
    }
    Ok(out)
}

async fn raw_rows<C: ConnectionTrait>(
    db: &C,
    q: &SelectStatement,
) -> Result<Vec<(String, String, Money)>, ApiError> {
    let stmt = db.get_database_backend().build(q);
    let mut out = Vec::new();
    for r in db.query_all_raw(stmt).await? {
        let key: String = match r.try_get::<String>("", "k") {
            Ok(s) => s,
            Err(_) => r
                .try_get::<i32>("", "k")
                .map(|n| n.to_string())
                .or_else(|_| r.try_get::<i64>("", "k").map(|n| n.to_string()))?,
        };
        let label: String = r.try_get("", "l").unwrap_or_default();
        let get = |c: &str| r.try_get::<i64>("", c);
        let (e, d) = (get("e")?, get("d")?);
        out.push((
            key,
            label,
            Money {
                studios: get("n")?,
                entitled_fen: Fen::from_fen(e),
                disbursed_fen: Fen::from_fen(d),
                used_fen: Fen::from_fen(get("u")?),
                returned_fen: Fen::from_fen(get("r")?),
                outstanding_fen: Fen::from_fen(e - d),
            },
        ));
    }
    Ok(out)
}

fn total(rows: &[Row]) -> Money {
    rows.iter().fold(Money::default(), |a, r| Money {
        studios: a.studios + r.money.studios,
        entitled_fen: Fen::from_fen(a.entitled_fen.fen() + r.money.entitled_fen.fen()),
        disbursed_fen: Fen::from_fen(a.disbursed_fen.fen() + r.money.disbursed_fen.fen()),
        used_fen: Fen::from_fen(a.used_fen.fen() + r.money.used_fen.fen()),
        returned_fen: Fen::from_fen(a.returned_fen.fen() + r.money.returned_fen.fen()),
        outstanding_fen: Fen::from_fen(a.outstanding_fen.fen() + r.money.outstanding_fen.fen()),
    })
}

/// The dashboard for `f`; `detail` adds the studios of a city (never for the public).
pub async fn build<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
    detail: bool,
) -> Result<DashboardView, ApiError> {
    crate::extract::check_year(f.year)?;
    let group = match f.city {
        None => Expr::col((unit::Entity, unit::Column::City)),
        Some(_) => Expr::col((unit::Entity, unit::Column::CountyCode)),
    };
    let grouped = rows(db, &money_query(f, group, "unit.name")).await?;
    let rows: Vec<Row> = grouped
        .into_iter()
        .map(|(key, _, money)| {
            let label = match f.city {
                None => shared::wire::from_enum_name::<City>(&key)
                    .map(|c| c.label_zh().to_owned())
                    .unwrap_or_else(|_| key.clone()),
                Some(city) => city
                    .counties()
                    .iter()
                    .find(|(code, _)| code.to_string() == key)
                    .map(|(_, n)| (*n).to_owned())
                    .unwrap_or_else(|| key.clone()),
            };
            Row { key, label, money }
        })
        .collect();
    let studios = if detail && f.city.is_some() {
        rows_of_studios(db, f).await?
    } else {
        Vec::new()
    };
    let channels = crate::entity::org::Entity::find()
        .order_by_asc(crate::entity::org::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| shared::dashboard::ChannelOption {
            id: if o.code == "hrss" { 0 } else { o.id },
            name: o.name,
        })
        .collect();
    Ok(DashboardView {
        channels,
        totals: total(&rows),
        rows,
        studios,
        by_year: by_year(db, f).await?,
        funnel: funnel(db).await?,
    })
}

async fn rows_of_studios<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
) -> Result<Vec<Row>, ApiError> {
    let q = money_query(
        f,
        Expr::col((studio::Entity, studio::Column::Id)),
        "studio.name",
    );
    Ok(rows(db, &q)
        .await?
        .into_iter()
        .map(|(key, label, money)| Row { key, label, money })
        .collect())
}

async fn by_year<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
) -> Result<Vec<YearRow>, ApiError> {
    let mut q = Query::select();
    q.expr_as(
        Expr::col((studio_balance::Entity, studio_balance::Column::Year)),
        Alias::new("y"),
    )
    .expr_as(
        Expr::cust("CAST(SUM(studio_balance.disbursed_fen) AS BIGINT)"),
        Alias::new("d"),
    )
    .expr_as(
        Expr::cust("CAST(SUM(studio_balance.used_fen) AS BIGINT)"),
        Alias::new("u"),
    )
    .expr_as(
        Expr::cust("CAST(SUM(studio_balance.returned_fen) AS BIGINT)"),
        Alias::new("r"),
    )
    .from(studio_balance::Entity)
    .join(
        JoinType::InnerJoin,
        studio::Entity,
        Expr::col((studio::Entity, studio::Column::Id))
            .equals((studio_balance::Entity, studio_balance::Column::StudioId)),
    )
    .join(
        JoinType::InnerJoin,
        unit::Entity,
        Expr::col((unit::Entity, unit::Column::Id))
            .equals((studio::Entity, studio::Column::UnitId)),
    )
    .group_by_col(Alias::new("y"))
    .order_by(Alias::new("y"), Order::Asc);
    filters(&mut q, f);
    let stmt = db.get_database_backend().build(&q);
    let mut out = Vec::new();
    for r in db.query_all_raw(stmt).await? {
        out.push(YearRow {
            year: r.try_get("", "y")?,
            disbursed_fen: Fen::from_fen(r.try_get("", "d")?),
            used_fen: Fen::from_fen(r.try_get("", "u")?),
            returned_fen: Fen::from_fen(r.try_get("", "r")?),
        });
    }
    Ok(out)
}

/// The latest round: how many applications reached each stage (or went beyond it).
async fn funnel<C: ConnectionTrait>(db: &C) -> Result<Option<Funnel>, ApiError> {
    let Some(r) = round::Entity::find()
        .order_by_desc(round::Column::Year)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let states: Vec<Stage> = application::Entity::find()
        .select_only()
        .column(application::Column::State)
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::SubmittedAt.is_not_null())
        .into_tuple::<Stage>()
        .all(db)
        .await?;
    let reached =
        |min: &[Stage]| -> i64 { states.iter().filter(|s| min.contains(s)).count() as i64 };
    use Stage::*;
    Ok(Some(Funnel {
        round_year: r.year,
        applied: states.len() as i64,
        recommended: reached(&[
            Recommended,
            DefenseReview,
            FieldInspection,
            Proposed,
            Approved,
        ]),
        defended: reached(&[FieldInspection, Proposed, Approved]),
        inspected: reached(&[Proposed, Approved]),
        approved: reached(&[Approved]),
    }))
}

#[utoipa::path(get, path = "/api/dashboard", params(DashboardFilter),
    responses((status = 200, body = DashboardView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// HRSS and finance: by city (or a city's counties and studios), by year, and the funnel.
pub async fn dashboard(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(f): QueryParams<DashboardFilter>,
) -> Result<Json<DashboardView>, ApiError> {
    user.require(&[Role::HrssAdmin, Role::Finance])?;
    Ok(Json(build(&state.db, &f, true).await?))
}

#[utoipa::path(get, path = "/api/public/dashboard", params(DashboardFilter),
    responses((status = 200, body = DashboardView)))]
/// The public summary: the same figures by city and county, without studio lines.
pub async fn public(
    State(state): State<AppState>,
    QueryParams(f): QueryParams<DashboardFilter>,
) -> Result<Json<DashboardView>, ApiError> {
    Ok(Json(build(&state.db, &f, false).await?))
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExportQuery {
    pub format: crate::export::ExportFormat,
}

const EXPORT_HEADERS: [&str; 7] = [
    "地区/工作室",
    "工作室数",
    "核定补助（元）",
    "已拨付（元）",
    "已使用（元）",
    "已缴回（元）",
    "待拨付（元）",
];

fn yuan(f: Fen) -> String {
    let sign = if f.fen() < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", f.fen().abs() / 100, f.fen().abs() % 100)
}

fn cells(label: &str, m: &Money) -> Vec<String> {
    vec![
        label.to_owned(),
        m.studios.to_string(),
        yuan(m.entitled_fen),
        yuan(m.disbursed_fen),
        yuan(m.used_fen),
        yuan(m.returned_fen),
        yuan(m.outstanding_fen),
    ]
}

#[utoipa::path(get, path = "/api/dashboard/export", params(("format" = crate::export::ExportFormat, Query), DashboardFilter),
    responses((status = 200, description = "The view's table as CSV (UTF-8 with BOM) or xlsx"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// The dashboard's table (cities, or a city's counties then its studios, then the total) as CSV or
/// xlsx, amounts in yuan with two decimals, exactly as the page shows them.
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    QueryParams(q): QueryParams<ExportQuery>,
    QueryParams(f): QueryParams<DashboardFilter>,
) -> Result<axum::response::Response, ApiError> {
    user.require(&[Role::HrssAdmin, Role::Finance])?;
    let view = build(&state.db, &f, true).await?;
    let mut table: Vec<Vec<String>> = view
        .rows
        .iter()
        .map(|r| cells(&r.label, &r.money))
        .collect();
    table.extend(view.studios.iter().map(|r| cells(&r.label, &r.money)));
    table.push(cells("合计", &view.totals));
    // The year and funnel views follow, each under its own heading row.
    table.push(Vec::new());
    table.push(
        [
            "年度",
            "",
            "",
            "已拨付（元）",
            "已使用（元）",
            "已缴回（元）",
            "",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for y in &view.by_year {
        table.push(vec![
            y.year.to_string(),
            String::new(),
            String::new(),
            yuan(y.disbursed_fen),
            yuan(y.used_fen),
            yuan(y.returned_fen),
            String::new(),
        ]);
    }
    if let Some(f) = &view.funnel {
        table.push(Vec::new());
        table.push(vec![
            format!("{} 年度申报漏斗", f.round_year),
            "申报数".into(),
        ]);
        for (label, n) in [
            ("申报", f.applied),
            ("推荐", f.recommended),
            ("答辩", f.defended),
            ("考察", f.inspected),
            ("批准", f.approved),
        ] {
            table.push(vec![label.to_owned(), n.to_string()]);
        }
    }
    crate::export::respond(
        q.format,
        &format!("subsidy-{}", state.today().format("%Y%m%d")),
        "补助资金",
        &EXPORT_HEADERS,
        &table,
    )
}
