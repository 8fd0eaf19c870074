//! Applications, their versions and evidence files in the database, as each role may see them.

use crate::actor::Actor;
use crate::entity::{
    application, application_version, attachment, notice, objection, org, round, unit,
};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use shared::account::Role;
use shared::workflow::AppState;

/// Drafts are the applicant's own: nobody else sees an application until it has been submitted
/// (a draft withdrawn before that stays private).
pub fn visible(actor: &Actor) -> Select<application::Entity> {
    let q = application::Entity::find();
    let not_draft = application::Column::SubmittedAt.is_not_null();
    match actor.role {
        Some(Role::Applicant) => {
            q.filter(application::Column::UnitId.eq(actor.unit_id.unwrap_or(-1)))
        }
        Some(Role::Recommender) => q
            .filter(application::Column::ChannelOrgId.eq(actor.org_id.unwrap_or(-1)))
            .filter(application::Column::HrssDirect.eq(false))
            .filter(not_draft),
        Some(Role::HrssAdmin) => q.filter(not_draft),
        // Experts see what panels assign them; finance sees money, not applications.
        _ => q.filter(application::Column::Id.eq(-1)),
    }
}

pub async fn by_id<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id).one(db).await
}

pub async fn visible_by_id<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    visible(actor)
        .filter(application::Column::Id.eq(id))
        .one(db)
        .await
}

pub async fn list_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    round_id: Option<i32>,
) -> Result<Vec<application::Model>, DbErr> {
    let mut q = visible(actor).order_by_asc(application::Column::Id);
    if let Some(r) = round_id {
        q = q.filter(application::Column::RoundId.eq(r));
    }
    q.all(db).await
}

/// Of `ids`, those in `round_id` that `actor` may see.
pub async fn visible_in_round<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    round_id: i32,
    ids: &[i32],
) -> Result<Vec<application::Model>, DbErr> {
    visible(actor)
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Every application of a round, or those of one level in one state.
pub async fn of_round<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
    only: Option<(shared::Level, AppState)>,
) -> Result<Vec<application::Model>, DbErr> {
    let mut q = application::Entity::find()
        .filter(application::Column::RoundId.eq(round_id))
        .order_by_asc(application::Column::Id);
    if let Some((level, state)) = only {
        q = q
            .filter(application::Column::Level.eq(level))
            .filter(application::Column::State.eq(state));
    }
    q.all(db).await
}

/// The unit's application in the round that still counts (any state but withdrawn).
pub async fn of_unit_in_round<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    round_id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::UnitId.eq(unit_id))
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::State.ne(AppState::Withdrawn))
        .one(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: application::ActiveModel,
) -> Result<application::Model, DbErr> {
    row.insert(db).await
}

/// What a move or an edit writes besides the state and the version.
#[derive(Debug, Clone)]
pub enum Change {
    State(AppState),
    UpdatedAt(chrono::DateTime<chrono::Utc>),
    SubmittedAt(chrono::DateTime<chrono::Utc>),
    Facts(shared::eligibility::EligibilityInput),
    Justifications(shared::application::Justifications),
    Profile(shared::application::StudioProfile),
    Level(shared::Level),
    LastReason(Option<String>),
    Rank(Option<i32>),
    PartyMeetingDate(Option<chrono::NaiveDate>),
    RecommendationId(i32),
    DefenseScore(shared::Tenths),
    InspectionListId(i32),
    Inspection { passed: bool, notes: Option<String> },
    NoticeId(i32),
    StudioId(i32),
}

fn columns(change: Change) -> Vec<(application::Column, SimpleExpr)> {
    use crate::entity::JsonText;
    use application::Column as C;
    let v = |x: sea_orm::Value| Expr::value(x);
    match change {
        Change::State(s) => vec![(C::State, v(s.into()))],
        Change::UpdatedAt(t) => vec![(C::UpdatedAt, v(t.into()))],
        Change::SubmittedAt(t) => vec![(C::SubmittedAt, v(t.into()))],
        Change::Facts(f) => vec![(C::Facts, v(JsonText(f).into()))],
        Change::Justifications(j) => vec![(C::Justifications, v(JsonText(j).into()))],
        Change::Profile(p) => vec![(C::Profile, v(JsonText(p).into()))],
        Change::Level(l) => vec![(C::Level, v(l.into()))],
        Change::LastReason(r) => vec![(C::LastReason, v(r.into()))],
        Change::Rank(r) => vec![(C::Rank, v(r.into()))],
        Change::PartyMeetingDate(d) => vec![(C::PartyMeetingDate, v(d.into()))],
        Change::RecommendationId(id) => vec![(C::RecommendationId, v(Some(id).into()))],
        Change::DefenseScore(t) => vec![(C::DefenseScore, v(Some(t.tenths()).into()))],
        Change::InspectionListId(id) => vec![(C::InspectionListId, v(Some(id).into()))],
        Change::Inspection { passed, notes } => vec![
            (C::InspectionPassed, v(Some(passed).into())),
            (C::InspectionNotes, v(notes.into())),
        ],
        Change::NoticeId(id) => vec![(C::NoticeId, v(Some(id).into()))],
        Change::StudioId(id) => vec![(C::StudioId, v(Some(id).into()))],
    }
}

/// Writes `changes` and bumps the version, only if it is still `expected`. Returns whether it was.
pub async fn bump<C: ConnectionTrait>(
    db: &C,
    id: i32,
    expected: i32,
    changes: Vec<Change>,
) -> Result<bool, DbErr> {
    let mut q = application::Entity::update_many()
        .col_expr(
            application::Column::Version,
            Expr::col(application::Column::Version).add(1),
        )
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(expected));
    for (col, value) in changes.into_iter().flat_map(columns) {
        q = q.col_expr(col, value);
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// The version as stored now.
pub async fn version_of<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<i32>, DbErr> {
    Ok(by_id(db, id).await?.map(|m| m.version))
}

/// Keeps a copy of the application as it now is, with who made this version and why.
pub async fn snapshot<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    actor: &str,
    at: chrono::DateTime<chrono::Utc>,
    note: Option<String>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    application_version::ActiveModel {
        application_id: Set(m.id),
        version: Set(m.version),
        state: Set(m.state),
        facts: Set(m.facts.clone()),
        justifications: Set(m.justifications.clone()),
        profile: Set(m.profile.clone()),
        note: Set(note),
        at: Set(at),
        actor: Set(actor.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn versions<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> Result<Vec<application_version::Model>, DbErr> {
    application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_version::Column::Version)
        .all(db)
        .await
}

pub async fn round<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<round::Model>, DbErr> {
    round::Entity::find_by_id(id).one(db).await
}

pub async fn unit<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<unit::Model>, DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

pub async fn org_name<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<String>, DbErr> {
    Ok(org::Entity::find_by_id(id).one(db).await?.map(|o| o.name))
}

/// The last day of the application's notice, and the objections still open against it (those
/// about it and those about the notice as a whole).
pub async fn notice_status<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
) -> Result<(Option<chrono::NaiveDate>, usize), DbErr> {
    let Some(notice_id) = m.notice_id else {
        return Ok((None, 0));
    };
    let Some(n) = notice::Entity::find_by_id(notice_id).one(db).await? else {
        return Ok((None, 0));
    };
    let open = objection::Entity::find()
        .filter(objection::Column::NoticeId.eq(notice_id))
        .filter(objection::Column::Outcome.is_null())
        .filter(
            Condition::any()
                .add(objection::Column::ApplicationId.is_null())
                .add(objection::Column::ApplicationId.eq(m.id)),
        )
        .count(db)
        .await?;
    Ok((Some(n.ends_on), usize::try_from(open).unwrap_or(usize::MAX)))
}

pub async fn files<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> Result<Vec<attachment::Model>, DbErr> {
    attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .filter(attachment::Column::RemovedAt.is_null())
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await
}

pub async fn file_count<C: ConnectionTrait>(db: &C, application_id: i32) -> Result<u64, DbErr> {
    attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .filter(attachment::Column::RemovedAt.is_null())
        .count(db)
        .await
}

pub async fn file<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<attachment::Model>, DbErr> {
    attachment::Entity::find_by_id(id)
        .filter(attachment::Column::RemovedAt.is_null())
        .one(db)
        .await
}

pub async fn insert_file<C: ConnectionTrait>(
    db: &C,
    row: attachment::ActiveModel,
) -> Result<attachment::Model, DbErr> {
    row.insert(db).await
}

pub async fn remove_file<C: ConnectionTrait>(
    db: &C,
    a: attachment::Model,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    let mut active = a.into_active_model();
    active.removed_at = sea_orm::ActiveValue::Set(Some(at));
    active.update(db).await.map(|_| ())
}

/// Whether a panel scores the application (its defense score is then the panel's).
pub async fn on_a_panel<C: ConnectionTrait>(db: &C, application_id: i32) -> Result<bool, DbErr> {
    use crate::entity::panel_candidate;
    Ok(panel_candidate::Entity::find()
        .filter(panel_candidate::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
        .is_some())
}
