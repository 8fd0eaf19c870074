//! Applications as each role may see them, their wire view with the server's verdict, and the
//! checks and writes every change of an application goes through (facts, round dates, versions).

use crate::auth::CurrentUser;
use crate::entity::application_version;
use crate::entity::{application, org, round, unit};
use crate::error::ApiError;
use crate::startup::AppState as Server;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use shared::account::Role;
use shared::application::{ApplicationView, Justifications, StudioProfile, unjustified_warnings};
use shared::application::{NewRound, check_justifications};
use shared::eligibility::UnitKind;
use shared::eligibility::{self, EligibilityInput};
use shared::wire::FieldError;
use shared::workflow::AppState;

/// Drafts are the applicant's own: nobody else sees an application until it has been submitted
/// (a draft withdrawn before that stays private).
pub fn visible(user: &CurrentUser) -> Select<application::Entity> {
    let q = application::Entity::find();
    let not_draft = application::Column::SubmittedAt.is_not_null();
    match user.role {
        Role::Applicant => {
            q.filter(application::Column::UnitId.eq(user.user.unit_id.unwrap_or(-1)))
        }
        Role::Recommender => q
            .filter(application::Column::ChannelOrgId.eq(user.user.org_id.unwrap_or(-1)))
            .filter(application::Column::HrssDirect.eq(false))
            .filter(not_draft),
        Role::HrssAdmin => q.filter(not_draft),
        // Experts see what panels assign them (scoring issue); finance sees money, not applications.
        Role::Expert | Role::Finance => q.filter(application::Column::Id.eq(-1)),
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    round_id: Option<i32>,
) -> Result<Vec<application::Model>, ApiError> {
    let mut q = visible(user).order_by_asc(application::Column::Id);
    if let Some(r) = round_id {
        q = q.filter(application::Column::RoundId.eq(r));
    }
    Ok(q.all(db).await?)
}

/// One application the caller may see; otherwise 404 (logged), as if it did not exist.
pub async fn get_visible<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    id: i32,
) -> Result<application::Model, ApiError> {
    match visible(user)
        .filter(application::Column::Id.eq(id))
        .one(db)
        .await?
    {
        Some(m) => Ok(m),
        None => {
            tracing::warn!(user = %user.user.username, application = id, "application not found or outside the caller's scope");
            Err(ApiError::NotFound)
        }
    }
}

/// The stored studio profile (older rows and drafts may have an empty one).
pub fn profile(m: &application::Model) -> Result<StudioProfile, ApiError> {
    Ok(m.profile.0.clone())
}

pub fn facts(m: &application::Model) -> Result<(EligibilityInput, Justifications), ApiError> {
    Ok((m.facts.0.clone(), m.justifications.0.clone()))
}

/// The server's verdict: the facts, with 第十八条's exits on record (the unit's, and the leader's by
/// identity number) and HRSS's exceptions for the round; and the exits that bar it.
pub async fn authoritative<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    facts: &EligibilityInput,
) -> Result<
    (
        eligibility::EligibilityReport,
        Vec<shared::life::BanExitView>,
    ),
    ApiError,
> {
    let (policy, exits) = crate::repo::ban::context(db, m, facts, &profile(m)?).await?;
    Ok((eligibility::evaluate(facts, &policy), exits))
}

/// As [`authoritative`], the verdict alone.
pub async fn authoritative_report<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    facts: &EligibilityInput,
) -> Result<eligibility::EligibilityReport, ApiError> {
    Ok(authoritative(db, m, facts).await?.0)
}

/// The facts as the rules evaluate them on `today`: once submitted, on the day of the first
/// submission (stored with them); before that, on `today`, since the submission day will decide
/// (第十条（一）, 第十八条). Also whether that date is final.
pub fn evaluated_facts(
    m: &application::Model,
    today: chrono::NaiveDate,
) -> Result<(EligibilityInput, Justifications, bool), ApiError> {
    let (facts, justifications) = facts(m)?;
    let submitted = m.submitted_at.is_some();
    let first = submitted.then_some(facts.application_date);
    Ok((
        shared::application::dated(facts, first, today),
        justifications,
        submitted,
    ))
}

pub async fn view<C: ConnectionTrait>(
    db: &C,
    m: application::Model,
    today: chrono::NaiveDate,
) -> Result<ApplicationView, ApiError> {
    let (facts, justifications, date_final) = evaluated_facts(&m, today)?;
    let (report, ban_exits) = authoritative(db, &m, &facts).await?;
    let unjustified = unjustified_warnings(&report, &justifications);
    let round = round::Entity::find_by_id(m.round_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let unit = unit::Entity::find_by_id(m.unit_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let channel = match m.channel_org_id {
        Some(id) if !m.hrss_direct => org::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        _ => shared::channel::Channel::HrssDirect.label_zh(),
    };
    Ok(ApplicationView {
        id: m.id,
        round_id: m.round_id,
        round_year: round.year,
        unit_id: m.unit_id,
        unit_name: unit.name,
        level: m.level,
        national_category: facts.national_category,
        state: m.state,
        justifications,
        // The identity number is shown masked, to the applicant too (an edit sent back with the
        // mask keeps the stored number).
        profile: profile(&m)?.masked(),
        channel,
        hrss_direct: m.hrss_direct,
        rank: m.rank.and_then(|r| u32::try_from(r).ok()),
        party_meeting_date: m.party_meeting_date,
        last_reason: m.last_reason,
        version: m.version,
        eligibility: report,
        unjustified,
        defense_score: m.defense_score.map(shared::Tenths::from_tenths),
        inspection_passed: m.inspection_passed,
        inspection_notes: m.inspection_notes,
        notice_id: m.notice_id,
        studio_id: m.studio_id,
        evaluated_on: facts.application_date,
        date_final,
        ban_exits,
        facts,
    })
}

/// Field errors of the facts, named under `facts.` as the request body nests them.
pub fn check_facts(
    facts: &EligibilityInput,
    justifications: &Justifications,
    profile: &StudioProfile,
    registered: UnitKind,
) -> Result<(), ApiError> {
    let mut errors: Vec<FieldError> = facts
        .check()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| FieldError {
            field: format!("facts.{}", e.field),
            ..e
        })
        .collect();
    if facts.unit.kind != registered {
        errors.push(FieldError::new(
            "facts.unit.kind",
            format!("与登记的单位类型（{}）不符", registered.label_zh()),
            format!(
                "does not match the registered kind of unit ({})",
                registered.label_en()
            ),
        ));
    }
    errors.extend(
        check_justifications(justifications)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(profile.check().err().unwrap_or_default());
    errors.extend(profile.check_birth_date(facts.leader.birth_date).err());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The unit's application in the round that still counts (any state but withdrawn).
pub async fn of_unit_in_round<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    round_id: i32,
) -> Result<Option<application::Model>, ApiError> {
    Ok(application::Entity::find()
        .filter(application::Column::UnitId.eq(unit_id))
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::State.ne(AppState::Withdrawn))
        .one(db)
        .await?)
}

pub async fn load_round<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
) -> Result<round::Model, ApiError> {
    round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "round_id",
                "申报轮次不存在",
                "no such round",
            )])
        })
}

/// New applications are drafted and first submitted only while the round accepts them; an
/// application returned for correction may be fixed and resubmitted afterwards (初审 follows the call).
pub fn ensure_open(state: &Server, r: &round::Model) -> Result<(), ApiError> {
    if NewRound::is_open(r.opens_on, r.closes_on, state.today()) {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "{} 年度申报的受理期为 {} 至 {}，当前不在受理期内",
            r.year, r.opens_on, r.closes_on
        )))
    }
}

pub async fn snapshot<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    actor: &str,
    at: chrono::DateTime<chrono::Utc>,
    note: Option<String>,
) -> Result<(), ApiError> {
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
    .await?;
    Ok(())
}

/// A regional application carries no national category (第十二条 applies to national ones only).
pub fn normalise(facts: &mut EligibilityInput) {
    if facts.level == shared::Level::Regional {
        facts.national_category = None;
    }
}

/// 409 unless the client edited the version we read; every decision is then made on that row.
pub fn same_version(client: i32, row: &application::Model) -> Result<(), ApiError> {
    if client == row.version {
        Ok(())
    } else {
        Err(ApiError::Stale {
            current_version: row.version,
        })
    }
}

/// Bumps the version only if it is still `expected` (the row every decision was made on);
/// otherwise 409 with the current one.
pub async fn bump<C: ConnectionTrait>(
    db: &C,
    id: i32,
    expected: i32,
    set: Vec<(application::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<(), ApiError> {
    let mut q = application::Entity::update_many()
        .col_expr(
            application::Column::Version,
            Expr::col(application::Column::Version).add(1),
        )
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(expected));
    for (col, value) in set {
        q = q.col_expr(col, value);
    }
    if q.exec(db).await?.rows_affected != 1 {
        let current = application::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|m| m.version)
            .unwrap_or(expected);
        return Err(ApiError::Stale {
            current_version: current,
        });
    }
    Ok(())
}

/// Writes one move of the procedure decided by the caller: the new state and `set`, under the
/// version the decision was made on, with a snapshot and an audit entry, in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub async fn record_move<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    m: &application::Model,
    action: &str,
    to: AppState,
    mut set: Vec<(application::Column, sea_orm::sea_query::SimpleExpr)>,
    reason: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<application::Model, ApiError> {
    let from: AppState = m.state;
    set.push((application::Column::State, Expr::value(to)));
    set.push((application::Column::UpdatedAt, Expr::value(now)));
    bump(db, m.id, m.version, set).await?;
    let updated = application::Entity::find_by_id(m.id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    snapshot(db, &updated, &user.user.username, now, reason.clone()).await?;
    let event = crate::audit::Event::new(&format!("application.{action}"), "application", m.id)
        .before(&from)
        .after(&to)
        .reason(reason);
    crate::audit::append(db, now, &user.actor(), event).await?;
    Ok(updated)
}
