//! The dashboard's aggregates in SQL: studios grouped with their entitlements, their ledger sums
//! (per-studio balances by year), the year view, the funnel's states, the channels.

use crate::entity::{application, org, round, studio, studio_balance, unit};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::Fen;
use shared::api::query::DashboardFilter;
use shared::dashboard::{Money, YearRow};
use shared::workflow::AppState as Stage;

/// A grouped row: its key, a label (for studios), its money.
pub type Grouped = (String, String, Money);

fn cust(sql: &str) -> Expr {
    Expr::cust(sql.to_owned())
}

/// `studio ⨝ unit`: every filter reads one or the other.
fn studios_joined(q: &mut SelectStatement) {
    q.from(studio::Entity).join(
        JoinType::InnerJoin,
        unit::Entity,
        Expr::col((unit::Entity, unit::Column::Id))
            .equals((studio::Entity, studio::Column::UnitId)),
    );
}

/// `studio_balance ⨝ studio ⨝ unit`: the ledger's sums under the same filters.
fn balances_joined(q: &mut SelectStatement) {
    q.from(studio_balance::Entity)
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
        );
}

fn ledger_sums(q: &mut SelectStatement) {
    for (col, alias) in [
        ("disbursed_fen", "d"),
        ("used_fen", "u"),
        ("returned_fen", "r"),
    ] {
        q.expr_as(
            cust(&format!("CAST(SUM(studio_balance.{col}) AS BIGINT)")),
            Alias::new(alias),
        );
    }
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
                        .column(org::Column::Id)
                        .from(org::Entity)
                        .and_where(Expr::col(org::Column::Code).eq("hrss"))
                        .to_owned(),
                ),
            );
        }
        Some(id) => {
            q.and_where(Expr::col((unit::Entity, unit::Column::ChannelOrgId)).eq(id));
        }
        None => {}
    }
    if let Some(city) = f.city {
        q.and_where(Expr::col((unit::Entity, unit::Column::City)).eq(city));
    }
}

/// The filtered studios grouped by `group`: their count and entitlement, and separately their
/// ledger sums, merged by key. Two plain aggregates instead of a join on an aggregated subquery:
/// each scans its table once.
pub async fn grouped<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
    group: Expr,
    label_sql: &str,
) -> Result<Vec<Grouped>, DbErr> {
    let mut studios = Query::select();
    studios
        .expr_as(group.clone(), Alias::new("k"))
        .expr_as(cust(&format!("MIN({label_sql})")), Alias::new("l"))
        .expr_as(cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("n"))
        .expr_as(
            cust("CAST(SUM(studio.entitlement_fen) AS BIGINT)"),
            Alias::new("e"),
        );
    for alias in ["d", "u", "r"] {
        studios.expr_as(cust("CAST(0 AS BIGINT)"), Alias::new(alias));
    }
    studios_joined(&mut studios);
    studios
        .group_by_col(Alias::new("k"))
        .order_by(Alias::new("k"), Order::Asc);
    filters(&mut studios, f);
    let mut money = Query::select();
    money
        .expr_as(group, Alias::new("k"))
        .expr_as(cust("''"), Alias::new("l"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("n"))
        .expr_as(cust("CAST(0 AS BIGINT)"), Alias::new("e"));
    ledger_sums(&mut money);
    balances_joined(&mut money);
    money.group_by_col(Alias::new("k"));
    filters(&mut money, f);

    let mut out = raw_rows(db, &studios).await?;
    let at: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (k, _, _))| (k.clone(), i))
        .collect();
    for (key, _, m) in raw_rows(db, &money).await? {
        if let Some((_, _, row)) = at.get(&key).and_then(|&i| out.get_mut(i)) {
            row.disbursed_fen = m.disbursed_fen;
            row.used_fen = m.used_fen;
            row.returned_fen = m.returned_fen;
            row.outstanding_fen = Fen::from_fen(row.entitled_fen.fen() - m.disbursed_fen.fen());
        }
    }
    Ok(out)
}

async fn raw_rows<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> Result<Vec<Grouped>, DbErr> {
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

/// Grouped by city (`city` column), by county, or by studio.
pub fn by_city() -> Expr {
    Expr::col((unit::Entity, unit::Column::City))
}

pub fn by_county() -> Expr {
    Expr::col((unit::Entity, unit::Column::CountyCode))
}

pub fn by_studio() -> Expr {
    Expr::col((studio::Entity, studio::Column::Id))
}

/// The ledger's sums by the year the money moved.
pub async fn by_year<C: ConnectionTrait>(
    db: &C,
    f: &DashboardFilter,
) -> Result<Vec<YearRow>, DbErr> {
    let mut q = Query::select();
    q.expr_as(
        Expr::col((studio_balance::Entity, studio_balance::Column::Year)),
        Alias::new("y"),
    );
    ledger_sums(&mut q);
    balances_joined(&mut q);
    q.group_by_col(Alias::new("y"))
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

/// The latest round's year and the states of its submitted applications.
pub async fn latest_round_states<C: ConnectionTrait>(
    db: &C,
) -> Result<Option<(i32, Vec<Stage>)>, DbErr> {
    let Some(r) = round::Entity::find()
        .order_by_desc(round::Column::Year)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let states = application::Entity::find()
        .select_only()
        .column(application::Column::State)
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::SubmittedAt.is_not_null())
        .into_tuple::<Stage>()
        .all(db)
        .await?;
    Ok(Some((r.year, states)))
}

/// Every organisation, by id.
pub async fn orgs<C: ConnectionTrait>(db: &C) -> Result<Vec<org::Model>, DbErr> {
    org::Entity::find()
        .order_by_asc(org::Column::Id)
        .all(db)
        .await
}
