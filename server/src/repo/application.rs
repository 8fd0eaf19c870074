//! Applications as each role may see them, and their wire view with the server's verdict.

use crate::auth::CurrentUser;
use crate::entity::{application, org, round, text_enum, unit};
use crate::error::ApiError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use shared::account::Role;
use shared::application::{ApplicationView, Justifications, unjustified_warnings};
use shared::eligibility::{self, EligibilityInput, EligibilityPolicy};
use shared::workflow::AppState;

/// Drafts are the applicant's own: nobody else sees an application until it has been submitted
/// (a draft withdrawn before that stays private).
fn visible(user: &CurrentUser) -> Select<application::Entity> {
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

pub fn facts(m: &application::Model) -> Result<(EligibilityInput, Justifications), ApiError> {
    let facts = serde_json::from_str(&m.facts)
        .map_err(|e| ApiError::Internal(format!("stored facts of application {}: {e}", m.id)))?;
    let justifications = serde_json::from_str(&m.justifications).map_err(|e| {
        ApiError::Internal(format!(
            "stored justifications of application {}: {e}",
            m.id
        ))
    })?;
    Ok((facts, justifications))
}

pub async fn view<C: ConnectionTrait>(
    db: &C,
    m: application::Model,
) -> Result<ApplicationView, ApiError> {
    let (facts, justifications) = facts(&m)?;
    let report = eligibility::evaluate(&facts, &EligibilityPolicy::default());
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
        level: text_enum(&m.level)?,
        national_category: facts.national_category,
        state: text_enum::<AppState>(&m.state)?,
        facts,
        justifications,
        channel,
        hrss_direct: m.hrss_direct,
        rank: m.rank.and_then(|r| u32::try_from(r).ok()),
        party_meeting_date: m.party_meeting_date,
        last_reason: m.last_reason,
        version: m.version,
        eligibility: report,
        unjustified,
    })
}
