//! Studios and their reports, assessments, changes, exits and the ban's exceptions in the
//! database.

use crate::entity::{
    annual_report, assessment, ban_override, panel, round, studio, studio_change, studio_exit, unit,
};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};
use shared::life::{AssessmentKind, ChangeState};

pub mod digest;
pub mod reminders;

pub async fn studio<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<studio::Model>, DbErr> {
    studio::Entity::find_by_id(id).one(db).await
}

/// Updates a studio and keeps its reminder windows.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    row: studio::ActiveModel,
) -> Result<studio::Model, DbErr> {
    let s = row.update(db).await?;
    reminders::refresh(db, s.id).await?;
    Ok(s)
}

pub async fn insert_studio<C: ConnectionTrait>(
    db: &C,
    row: studio::ActiveModel,
) -> Result<studio::Model, DbErr> {
    let s = row.insert(db).await?;
    reminders::refresh(db, s.id).await?;
    Ok(s)
}

/// Studios whose plaque number starts with `prefix` (the year's plaques so far).
pub async fn plaques_with<C: ConnectionTrait>(db: &C, prefix: &str) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    studio::Entity::find()
        .filter(studio::Column::PlaqueNo.starts_with(prefix))
        .count(db)
        .await
}

pub async fn unit_name<C: ConnectionTrait>(db: &C, id: Option<i32>) -> Result<String, DbErr> {
    Ok(match id {
        Some(id) => unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

pub async fn unit<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<unit::Model>, DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

pub async fn round_year<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<i32>, DbErr> {
    Ok(round::Entity::find_by_id(id).one(db).await?.map(|r| r.year))
}

pub async fn panel_title<C: ConnectionTrait>(db: &C, id: i32) -> Result<String, DbErr> {
    Ok(panel::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|p| p.title)
        .unwrap_or_default())
}

pub async fn reports<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<annual_report::Model>, DbErr> {
    annual_report::Entity::find()
        .filter(annual_report::Column::StudioId.eq(studio_id))
        .order_by_asc(annual_report::Column::Year)
        .all(db)
        .await
}

pub async fn report<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
    year: i32,
) -> Result<Option<annual_report::Model>, DbErr> {
    annual_report::Entity::find()
        .filter(annual_report::Column::StudioId.eq(studio_id))
        .filter(annual_report::Column::Year.eq(year))
        .one(db)
        .await
}

pub async fn save_report<C: ConnectionTrait>(
    db: &C,
    row: annual_report::ActiveModel,
) -> Result<annual_report::Model, DbErr> {
    let saved: annual_report::Model = row.save(db).await?.try_into()?;
    reminders::refresh(db, saved.studio_id).await?;
    Ok(saved)
}

pub async fn assessments<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<assessment::Model>, DbErr> {
    assessment::Entity::find()
        .filter(assessment::Column::StudioId.eq(studio_id))
        .order_by_asc(assessment::Column::DecidedOn)
        .order_by_asc(assessment::Column::Id)
        .all(db)
        .await
}

pub async fn assessment_exists<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
    kind: AssessmentKind,
    year: i32,
) -> Result<bool, DbErr> {
    Ok(assessment::Entity::find()
        .filter(assessment::Column::StudioId.eq(studio_id))
        .filter(assessment::Column::Kind.eq(kind))
        .filter(assessment::Column::Year.eq(year))
        .one(db)
        .await?
        .is_some())
}

pub async fn insert_assessment<C: ConnectionTrait>(
    db: &C,
    row: assessment::ActiveModel,
) -> Result<assessment::Model, DbErr> {
    let a = row.insert(db).await?;
    reminders::refresh(db, a.studio_id).await?;
    Ok(a)
}

pub async fn changes<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<studio_change::Model>, DbErr> {
    studio_change::Entity::find()
        .filter(studio_change::Column::StudioId.eq(studio_id))
        .order_by_asc(studio_change::Column::Id)
        .all(db)
        .await
}

pub async fn change<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<studio_change::Model>, DbErr> {
    studio_change::Entity::find_by_id(id).one(db).await
}

/// Changes in `state`, or those of them naming `new_unit` as the unit moved to.
pub async fn changes_in<C: ConnectionTrait>(
    db: &C,
    state: ChangeState,
    new_unit: Option<i32>,
) -> Result<Vec<studio_change::Model>, DbErr> {
    let mut q = studio_change::Entity::find().filter(studio_change::Column::State.eq(state));
    if let Some(u) = new_unit {
        q = q.filter(studio_change::Column::NewUnitId.eq(u));
    }
    q.order_by_asc(studio_change::Column::Id).all(db).await
}

pub async fn insert_change<C: ConnectionTrait>(
    db: &C,
    row: studio_change::ActiveModel,
) -> Result<studio_change::Model, DbErr> {
    row.insert(db).await
}

pub async fn update_change<C: ConnectionTrait>(
    db: &C,
    row: studio_change::ActiveModel,
) -> Result<studio_change::Model, DbErr> {
    row.update(db).await
}

pub async fn exit_of<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Option<studio_exit::Model>, DbErr> {
    studio_exit::Entity::find()
        .filter(studio_exit::Column::StudioId.eq(studio_id))
        .one(db)
        .await
}

pub async fn exit<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<studio_exit::Model>, DbErr> {
    studio_exit::Entity::find_by_id(id).one(db).await
}

pub async fn insert_exit<C: ConnectionTrait>(
    db: &C,
    row: studio_exit::ActiveModel,
) -> Result<studio_exit::Model, DbErr> {
    row.insert(db).await
}

/// The open changes of the studios in `scope` (`None`: all), with their studios.
pub async fn open_changes_in<C: ConnectionTrait>(
    db: &C,
    scope: Option<SelectStatement>,
) -> Result<Vec<(studio_change::Model, studio::Model)>, DbErr> {
    use ChangeState as S;
    let open = [S::AwaitingNewUnit, S::Submitted, S::Approved, S::Rejected]
        .into_iter()
        .filter(|s| s.open());
    let mut q = studio_change::Entity::find().filter(studio_change::Column::State.is_in(open));
    if let Some(scope) = scope {
        q = q.filter(studio_change::Column::StudioId.in_subquery(scope));
    }
    let changes = q.order_by_asc(studio_change::Column::Id).all(db).await?;
    let ids: Vec<i32> = changes.iter().map(|c| c.studio_id).collect();
    let studios = studios_by_id(db, &ids).await?;
    Ok(changes
        .into_iter()
        .filter_map(|c| studios.get(&c.studio_id).cloned().map(|s| (c, s)))
        .collect())
}

async fn studios_by_id<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, studio::Model>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for s in studio::Entity::find()
            .filter(studio::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(s.id, s);
        }
    }
    Ok(out)
}

/// The exited studios in `scope` (`None`: all) with their exits.
pub async fn exited_in<C: ConnectionTrait>(
    db: &C,
    scope: Option<SelectStatement>,
) -> Result<Vec<(studio::Model, studio_exit::Model)>, DbErr> {
    let mut q = studio::Entity::find()
        .filter(studio::Column::Status.eq(shared::life::StudioStatus::Exited));
    if let Some(scope) = scope {
        q = q.filter(studio::Column::Id.in_subquery(scope));
    }
    let studios = q.order_by_asc(studio::Column::Id).all(db).await?;
    let ids: Vec<i32> = studios.iter().map(|s| s.id).collect();
    let mut exits: std::collections::HashMap<i32, studio_exit::Model> = exit_rows_of(db, &ids)
        .await?
        .into_iter()
        .map(|e| (e.studio_id, e))
        .collect();
    Ok(studios
        .into_iter()
        .filter_map(|s| exits.remove(&s.id).map(|e| (s, e)))
        .collect())
}

/// The exits on record that may concern an application.
pub struct ExitsFound {
    pub of_unit: Vec<studio_exit::Model>,
    /// The leader's, by identity number.
    pub of_leader: Vec<studio_exit::Model>,
    /// Recorded without an identity number, with the leader's name (and birth date where it was
    /// recorded).
    pub by_name: Vec<studio_exit::Model>,
}

/// The exits on record of a unit, of a leader by identity number, and of a leader recorded
/// without one, by name.
pub async fn exits_of<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    leader_id: Option<&str>,
    leader_name: &str,
    birth: chrono::NaiveDate,
) -> Result<ExitsFound, DbErr> {
    let of_unit = studio_exit::Entity::find()
        .filter(studio_exit::Column::UnitId.eq(unit_id))
        .all(db)
        .await?;
    let of_leader = match leader_id {
        Some(id) => {
            studio_exit::Entity::find()
                .filter(studio_exit::Column::LeaderIdNumber.eq(id))
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let by_name = if leader_name.is_empty() {
        Vec::new()
    } else {
        studio_exit::Entity::find()
            .filter(studio_exit::Column::LeaderIdNumber.is_null())
            .filter(studio_exit::Column::LeaderName.eq(leader_name))
            .filter(
                Condition::any()
                    .add(studio_exit::Column::LeaderBirthDate.is_null())
                    .add(studio_exit::Column::LeaderBirthDate.eq(birth)),
            )
            .all(db)
            .await?
    };
    Ok(ExitsFound {
        of_unit,
        of_leader,
        by_name,
    })
}

/// HRSS's exceptions to the ban for a round (each naming an exit).
pub async fn exceptions_for<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
) -> Result<Vec<ban_override::Model>, DbErr> {
    ban_override::Entity::find()
        .filter(ban_override::Column::RoundId.eq(round_id))
        .filter(ban_override::Column::ExitId.is_not_null())
        .all(db)
        .await
}

pub async fn exceptions<C: ConnectionTrait>(db: &C) -> Result<Vec<ban_override::Model>, DbErr> {
    ban_override::Entity::find()
        .order_by_desc(ban_override::Column::Id)
        .all(db)
        .await
}

pub async fn exception_exists<C: ConnectionTrait>(
    db: &C,
    exit_id: i32,
    round_id: i32,
    subject: shared::eligibility::BanSubject,
) -> Result<bool, DbErr> {
    Ok(ban_override::Entity::find()
        .filter(ban_override::Column::ExitId.eq(exit_id))
        .filter(ban_override::Column::RoundId.eq(round_id))
        .filter(ban_override::Column::Subject.eq(subject))
        .one(db)
        .await?
        .is_some())
}

pub async fn insert_exception<C: ConnectionTrait>(
    db: &C,
    row: ban_override::ActiveModel,
) -> Result<ban_override::Model, DbErr> {
    row.insert(db).await
}

/// The rows of `ids` (studio ids) of a table, a few hundred ids per query.
macro_rules! of_studios {
    ($name:ident, $entity:ident) => {
        pub async fn $name<C: ConnectionTrait>(
            db: &C,
            ids: &[i32],
        ) -> Result<Vec<$entity::Model>, DbErr> {
            let mut out = Vec::new();
            for chunk in ids.chunks(500) {
                out.extend(
                    $entity::Entity::find()
                        .filter($entity::Column::StudioId.is_in(chunk.iter().copied()))
                        .all(db)
                        .await?,
                );
            }
            Ok(out)
        }
    };
}

of_studios!(reports_of, annual_report);
of_studios!(assessments_of, assessment);
of_studios!(exit_rows_of, studio_exit);
