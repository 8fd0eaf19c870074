//! Connecting to SQLite (embedded default) or PostgreSQL, and migrating on start.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use std::time::Duration;

pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(file).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL: readers never block the writer, and an acknowledged commit survives a crash.
        db.execute_unprepared("PRAGMA journal_mode=WAL;").await?;
        db.execute_unprepared("PRAGMA synchronous=NORMAL;").await?;
    }
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// The working-day calendar: `shared`'s embedded schedule plus the admin-edited `holiday` table.
pub async fn calendar<C: sea_orm::ConnectionTrait>(
    db: &C,
) -> Result<shared::calendar::HolidayCalendar, sea_orm::DbErr> {
    use crate::entity::holiday;
    use sea_orm::EntityTrait;
    let mut calendar = shared::calendar::HolidayCalendar::embedded();
    let rows = holiday::Entity::find().all(db).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        entries.push(shared::calendar::HolidayEntry {
            date: r.date,
            kind: r.kind,
            name: r.name,
        });
    }
    calendar.add(entries);
    Ok(calendar)
}
