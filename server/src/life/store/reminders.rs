//! Each studio's reminder windows ([`shared::life::windows`]), kept in `studio_reminder` by the
//! writes of this store that change a studio, its reports or its assessments — in their own
//! transaction, so a digest is never stale after a write — with how many each unit has per kind
//! and span (`studio_reminder_count`). A digest counts from those and lists the most urgent
//! windows showing on its day (a few indexed queries) instead of evaluating every studio. Changes are not kept here:
//! their due dates follow the holiday calendar, and the open ones are few, so they are read live.

use crate::entity::studio_reminder::{OPEN_FROM, OPEN_UNTIL};
use crate::entity::{
    annual_report, assessment, derived_state, studio, studio_reminder, studio_reminder_count,
};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use shared::life::{AssessmentKind, Obligations, ReminderKind, StudioStatus, windows};
use std::collections::{BTreeMap, HashMap};

/// The version of the rules the kept windows follow: raise it when `shared::life::windows` or
/// the labels change, and every server rebuilds them when it starts.
pub const VERSION: i32 = 1;
const NAME: &str = "studio_reminder";

/// What the rules need about a studio to say what it owes, but its changes (read live).
pub fn facts(
    s: &studio::Model,
    reps: &[&annual_report::Model],
    ass: &[&assessment::Model],
) -> Obligations {
    Obligations {
        status: s.status,
        term_start: s.term_start,
        term_end: s.term_end,
        reports_filed: reps
            .iter()
            .filter(|r| r.filed_on.is_some())
            .map(|r| r.year)
            .collect(),
        annual_assessed: ass
            .iter()
            .filter(|a| a.kind == AssessmentKind::Annual)
            .map(|a| a.year)
            .collect(),
        end_of_term_done: ass.iter().any(|a| a.kind == AssessmentKind::EndOfTerm),
        rectification_until: s.rectification_until,
        open_changes: Vec::new(),
    }
}

fn owes(s: &studio::Model) -> bool {
    matches!(s.status, StudioStatus::Building | StudioStatus::Rectifying)
}

/// The rows a studio's windows are kept as.
fn rows(
    s: &studio::Model,
    reps: &[&annual_report::Model],
    ass: &[&assessment::Model],
) -> Vec<studio_reminder::Model> {
    if !owes(s) {
        return Vec::new();
    }
    windows(&facts(s, reps, ass))
        .into_iter()
        .map(|w| studio_reminder::Model {
            studio_id: s.id,
            unit_id: s.unit_id,
            kind: w.kind,
            what: w.what,
            due: w.due,
            show_from: w.from.unwrap_or(OPEN_FROM),
            show_until: w.until.unwrap_or(OPEN_UNTIL),
            label: w.kind.item_label(&s.name, w.what),
            label_en: w.kind.item_label_en(&s.name, w.what),
        })
        .collect()
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    rows: Vec<studio_reminder::Model>,
) -> Result<(), DbErr> {
    // 9 columns a row: 400 rows stay far below either database's limit on bound values.
    for chunk in rows.chunks(400) {
        let models = chunk.iter().cloned().map(|m| studio_reminder::ActiveModel {
            studio_id: Set(m.studio_id),
            unit_id: Set(m.unit_id),
            kind: Set(m.kind),
            what: Set(m.what),
            due: Set(m.due),
            show_from: Set(m.show_from),
            show_until: Set(m.show_until),
            label: Set(m.label),
            label_en: Set(m.label_en),
        });
        studio_reminder::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A count's key: unit, kind, span.
type CountKey = (i32, ReminderKind, NaiveDate, NaiveDate);

fn key(m: &studio_reminder::Model) -> CountKey {
    (m.unit_id, m.kind, m.show_from, m.show_until)
}

/// Adds `by` to each count (in key order, so that concurrent writes lock the rows in one order),
/// then drops the counts that reached zero.
async fn add_counts<C: ConnectionTrait>(db: &C, by: BTreeMap<CountKey, i32>) -> Result<(), DbErr> {
    use studio_reminder_count::Column as N;
    let by: Vec<(CountKey, i32)> = by.into_iter().filter(|(_, n)| *n != 0).collect();
    let fell = by.iter().any(|(_, n)| *n < 0);
    for chunk in by.chunks(400) {
        let rows =
            chunk.iter().map(
                |((unit, kind, from, until), n)| studio_reminder_count::ActiveModel {
                    unit_id: Set(*unit),
                    kind: Set(*kind),
                    show_from: Set(*from),
                    show_until: Set(*until),
                    n: Set(*n),
                },
            );
        studio_reminder_count::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([N::UnitId, N::Kind, N::ShowFrom, N::ShowUntil])
                    .value(
                        N::N,
                        Expr::col((studio_reminder_count::Entity, N::N)).add(Expr::col((
                            sea_orm::sea_query::Alias::new("excluded"),
                            N::N,
                        ))),
                    )
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    if fell {
        let units: Vec<i32> = by.iter().map(|((u, ..), _)| *u).collect();
        studio_reminder_count::Entity::delete_many()
            .filter(N::UnitId.is_in(units))
            .filter(N::N.lte(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Keeps studio `id`'s windows, and its unit's counts, after a write to it, its reports or its
/// assessments (in the write's transaction).
pub async fn refresh<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), DbErr> {
    let old = studio_reminder::Entity::find()
        .filter(studio_reminder::Column::StudioId.eq(id))
        .all(db)
        .await?;
    let new = match studio::Entity::find_by_id(id).one(db).await? {
        Some(s) if owes(&s) => {
            let reps = annual_report::Entity::find()
                .filter(annual_report::Column::StudioId.eq(id))
                .all(db)
                .await?;
            let ass = assessment::Entity::find()
                .filter(assessment::Column::StudioId.eq(id))
                .all(db)
                .await?;
            let (reps, ass): (Vec<_>, Vec<_>) = (reps.iter().collect(), ass.iter().collect());
            rows(&s, &reps, &ass)
        }
        _ => Vec::new(),
    };
    if old == new {
        return Ok(());
    }
    let mut by: BTreeMap<CountKey, i32> = BTreeMap::new();
    for m in &old {
        *by.entry(key(m)).or_default() -= 1;
    }
    for m in &new {
        *by.entry(key(m)).or_default() += 1;
    }
    studio_reminder::Entity::delete_many()
        .filter(studio_reminder::Column::StudioId.eq(id))
        .exec(db)
        .await?;
    insert(db, new).await?;
    add_counts(db, by).await
}

fn counted(rows: &[studio_reminder::Model]) -> BTreeMap<CountKey, i32> {
    let mut by: BTreeMap<CountKey, i32> = BTreeMap::new();
    for m in rows {
        *by.entry(key(m)).or_default() += 1;
    }
    by
}

/// Every studio's rows as the rules give them now, studio by studio in id order.
async fn computed<C: ConnectionTrait>(
    db: &C,
    mut each: impl FnMut(Vec<studio_reminder::Model>),
) -> Result<(), DbErr> {
    let mut after = 0;
    loop {
        let studios = studio::Entity::find()
            .filter(studio::Column::Id.gt(after))
            .filter(
                studio::Column::Status.is_in([StudioStatus::Building, StudioStatus::Rectifying]),
            )
            .order_by_asc(studio::Column::Id)
            .limit(2000)
            .all(db)
            .await?;
        let Some(last) = studios.last() else {
            return Ok(());
        };
        after = last.id;
        let ids: Vec<i32> = studios.iter().map(|s| s.id).collect();
        let reps = super::reports_of(db, &ids).await?;
        let ass = super::assessments_of(db, &ids).await?;
        let mut by_reps: HashMap<i32, Vec<&annual_report::Model>> = HashMap::new();
        for r in &reps {
            by_reps.entry(r.studio_id).or_default().push(r);
        }
        let mut by_ass: HashMap<i32, Vec<&assessment::Model>> = HashMap::new();
        for a in &ass {
            by_ass.entry(a.studio_id).or_default().push(a);
        }
        for s in &studios {
            each(rows(
                s,
                by_reps.get(&s.id).map_or(&[], Vec::as_slice),
                by_ass.get(&s.id).map_or(&[], Vec::as_slice),
            ));
        }
    }
}

/// Rebuilds every studio's windows (after a change of the rules, a restore, or rows written
/// around this store, as the demo seed does). Returns how many windows are kept.
pub async fn rebuild_all<C: ConnectionTrait>(db: &C) -> Result<usize, DbErr> {
    studio_reminder::Entity::delete_many().exec(db).await?;
    studio_reminder_count::Entity::delete_many()
        .exec(db)
        .await?;
    let mut all = Vec::new();
    computed(db, |rows| all.extend(rows)).await?;
    let n = all.len();
    let counts = counted(&all);
    insert(db, all).await?;
    add_counts(db, counts).await?;
    Ok(n)
}

/// At start: rebuilds the windows if they were built with another version of the rules (or never).
/// Several processes starting together rebuild once: the state's row is locked for the check.
pub async fn ensure(db: &DatabaseConnection) -> Result<Option<usize>, DbErr> {
    let txn = db.begin().await?;
    derived_state::Entity::insert(derived_state::ActiveModel {
        name: Set(NAME.into()),
        version: Set(0),
    })
    .on_conflict(
        OnConflict::column(derived_state::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let state = derived_state::Entity::find_by_id(NAME.to_owned())
        .lock_exclusive()
        .one(&txn)
        .await?;
    if state.is_some_and(|s| s.version == VERSION) {
        return txn.commit().await.map(|()| None);
    }
    let n = rebuild_all(&txn).await?;
    derived_state::Entity::update(derived_state::ActiveModel {
        name: Set(NAME.into()),
        version: Set(VERSION),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(Some(n))
}

/// Drops the windows (and their counts) that ended before `today`: they never show again, and a
/// digest's ordered scan no longer steps over them. Idempotent; any process may run it.
pub async fn prune<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<u64, DbErr> {
    let rows = studio_reminder::Entity::delete_many()
        .filter(studio_reminder::Column::ShowUntil.lt(today))
        .exec(db)
        .await?;
    studio_reminder_count::Entity::delete_many()
        .filter(studio_reminder_count::Column::ShowUntil.lt(today))
        .exec(db)
        .await?;
    Ok(rows.rows_affected)
}

/// The kept rows that differ from what the rules give now (each named), empty when they agree:
/// what the tests ask after every journey. Windows ended before `today` may have been pruned and
/// are not compared.
pub async fn check<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<Vec<String>, DbErr> {
    let mut want = Vec::new();
    computed(db, |rows| want.extend(rows)).await?;
    let mut kept = studio_reminder::Entity::find().all(db).await?;
    want.retain(|m| m.show_until >= today);
    kept.retain(|m| m.show_until >= today);
    let id = |m: &studio_reminder::Model| (m.studio_id, m.kind, m.what);
    want.sort_by_key(id);
    kept.sort_by_key(id);
    let mut out = Vec::new();
    for m in &want {
        if !kept.contains(m) {
            out.push(format!("missing or different: {m:?}"));
        }
    }
    for m in &kept {
        if !want.contains(m) {
            out.push(format!("kept but not owed: {m:?}"));
        }
    }
    let counts: BTreeMap<CountKey, i32> = studio_reminder_count::Entity::find()
        .filter(studio_reminder_count::Column::ShowUntil.gte(today))
        .all(db)
        .await?
        .into_iter()
        .map(|c| ((c.unit_id, c.kind, c.show_from, c.show_until), c.n))
        .collect();
    if counts != counted(&kept) {
        out.push(format!("counts {counts:?} are not those of the windows"));
    }
    Ok(out)
}
