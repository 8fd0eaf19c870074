//! What a digest reads of the kept reminder windows ([`super::reminders`]): per kind, how many
//! show on a day in a scope, and the most urgent of them.

use crate::entity::{studio_reminder, studio_reminder_count};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect,
};
use shared::life::{DIGEST_ITEMS_MAX, ReminderKind};

/// A scope with at most this many windows showing is read whole (through the unit's index)
/// rather than kind by kind in due order (where its rows may lie far apart).
const SMALL_SCOPE: i64 = 5_000;

#[derive(FromQueryResult)]
struct KindCount {
    kind: ReminderKind,
    n: i64,
}

/// The windows showing on `today` for the studios of the units in `units` (`None`: all): per kind,
/// how many, and the most urgent [`DIGEST_ITEMS_MAX`] (by due date, then studio and what they
/// concern).
pub async fn shown<C: ConnectionTrait>(
    db: &C,
    units: Option<SelectStatement>,
    today: NaiveDate,
) -> Result<Vec<(ReminderKind, u32, Vec<studio_reminder::Model>)>, DbErr> {
    use studio_reminder::Column as R;
    use studio_reminder_count::Column as N;
    let mut counts = studio_reminder_count::Entity::find()
        .select_only()
        .column(N::Kind)
        .column_as(Expr::col(N::N).sum(), "n")
        .filter(N::ShowFrom.lte(today))
        .filter(N::ShowUntil.gte(today))
        .group_by(N::Kind);
    let mut on = Condition::all()
        .add(R::ShowFrom.lte(today))
        .add(R::ShowUntil.gte(today));
    let scoped = units.is_some();
    if let Some(units) = units {
        counts = counts.filter(N::UnitId.in_subquery(units.clone()));
        on = on.add(R::UnitId.in_subquery(units));
    }
    let counts: Vec<KindCount> = counts
        .into_model::<KindCount>()
        .all(db)
        .await?
        .into_iter()
        .filter(|c| c.n > 0)
        .collect();
    let total: i64 = counts.iter().map(|c| c.n).sum();
    let count = |c: &KindCount| u32::try_from(c.n).unwrap_or(u32::MAX);
    let urgent = |a: &studio_reminder::Model, b: &studio_reminder::Model| {
        (a.due, a.studio_id, a.what).cmp(&(b.due, b.studio_id, b.what))
    };
    if scoped && total <= SMALL_SCOPE {
        // A bureau's or a unit's windows: read through the unit's index at once, listed here.
        let mut rows = studio_reminder::Entity::find().filter(on).all(db).await?;
        rows.sort_by(urgent);
        return Ok(counts
            .iter()
            .map(|c| {
                let items: Vec<_> = rows
                    .iter()
                    .filter(|r| r.kind == c.kind)
                    .take(DIGEST_ITEMS_MAX)
                    .cloned()
                    .collect();
                (c.kind, count(c), items)
            })
            .collect());
    }
    // Every studio (or a wide scope): per kind, the first windows in due order.
    let mut out = Vec::new();
    for c in &counts {
        let items = studio_reminder::Entity::find()
            .filter(R::Kind.eq(c.kind))
            .filter(on.clone())
            .order_by_asc(R::Due)
            .order_by_asc(R::StudioId)
            .order_by_asc(R::What)
            .limit(DIGEST_ITEMS_MAX as u64)
            .all(db)
            .await?;
        out.push((c.kind, count(c), items));
    }
    Ok(out)
}
