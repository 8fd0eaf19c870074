//! Demo data, seeded relative to the server's clock so the demo works on any day: organisations,
//! units in all five cities, accounts, studios approved over the three years before today (some
//! building, some due for or past their end-of-term assessment, one rectifying, one exited), this
//! year's call open today, and (by default) a selection round in flight with applications at every
//! stage. Written only into an empty database. Names are fictional.

mod client;
mod life;
mod registry;
mod round;
mod round_steps;
mod studios;

pub use registry::Registry;
pub use round::in_flight_round;
pub use studios::cohort_approvals;

use crate::entity::{holiday, org};
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait, TransactionTrait};

/// The password of every demo account (demo data only; printed at start).
pub const DEMO_PASSWORD: &str = "Demo-2026-studio";

/// The data rows of a TSV file (comments and blank lines skipped).
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// A `shared` enum from its name in a demo data file.
fn name<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, sea_orm::DbErr> {
    shared::wire::from_enum_name(text)
        .map_err(|e| sea_orm::DbErr::Custom(format!("demo data: unknown name {text:?}: {e}")))
}

fn bad(what: &str, row: &[&str]) -> sea_orm::DbErr {
    sea_orm::DbErr::Custom(format!("demo data: bad {what} in row {row:?}"))
}

/// What was seeded: `None` when the database already had data (or no demo was asked for).
pub struct Seeded {
    pub registry: Registry,
    pub round_id: i32,
}

/// Inserts the holiday calendar (always, if empty) and the demo data (if `demo` and empty), on
/// the server's clock.
pub async fn seed(
    state: &AppState,
    demo: bool,
    demo_money: bool,
) -> anyhow::Result<Option<Seeded>> {
    let txn = state.db.begin().await?;
    if holiday::Entity::find().count(&txn).await? == 0 {
        let rows = shared::calendar::embedded_entries()
            .into_iter()
            .map(|e| holiday::ActiveModel {
                date: Set(e.date),
                kind: Set(e.kind),
                name: Set(e.name),
            });
        holiday::Entity::insert_many(rows).exec(&txn).await?;
    }
    if !demo || org::Entity::find().count(&txn).await? > 0 {
        txn.commit().await?;
        return Ok(None);
    }
    let (now, today) = (state.now(), state.today());
    let hash = crate::accounts::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let registry = registry::seed(&txn, now, &hash).await?;
    let studios = studios::seed(&txn, &registry, today, now).await?;
    if demo_money {
        for s in &studios {
            studios::ledger(&txn, s, today, now).await?;
        }
        life::seed(&txn, today, now).await?;
    }
    // This year's call, open all year, so the demo can always be tried.
    let year = today.year();
    let round = crate::entity::round::ActiveModel {
        year: Set(year),
        title: Set(format!("{year}年度自治区级、国家级技能大师工作室申报")),
        opens_on: Set(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today)),
        closes_on: Set(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)),
        regional_slots: Set(20),
        national_slots: Set(4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::append(
        &txn,
        now,
        &crate::actor::Actor::system(),
        crate::audit::Event::new("seed.demo", "database", "demo"),
    )
    .await?;
    // The studios, reports and assessments above were written directly: keep their reminders.
    crate::life::service::rebuild_reminders(&txn).await?;
    txn.commit().await?;
    Ok(Some(Seeded {
        registry,
        round_id: round.id,
    }))
}

/// The demo logins, for the start-up banner: (username, who, role).
pub fn demo_logins() -> Vec<(&'static str, &'static str, shared::account::Role)> {
    registry::logins()
}
