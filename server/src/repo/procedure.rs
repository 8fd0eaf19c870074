//! The stages of 第四章 after the channel: facts the guards read (the notice, open objections, slots)
//! and approval, which creates the studio with its plaque number and entitlement (第十二条).

use crate::auth::CurrentUser;
use crate::entity::JsonText;
use crate::entity::{application, notice, objection, round, studio};
use crate::error::ApiError;
use crate::repo::application::{facts, profile};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use shared::Level;
use shared::procedure::{plaque_no, plaque_prefix};

/// The last day of the application's notice, and the objections still open against it (those about
/// it and those about the notice as a whole).
pub async fn notice_status<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
) -> Result<(Option<chrono::NaiveDate>, usize), ApiError> {
    let Some(notice_id) = m.notice_id else {
        return Ok((None, 0));
    };
    let n = notice::Entity::find_by_id(notice_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("notice {notice_id} missing")))?;
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

/// Slots of `level` in the round (第十一条（四） compares the inspection list with these).
pub fn slots(r: &round::Model, level: Level) -> i32 {
    match level {
        Level::Regional => r.regional_slots,
        Level::National => r.national_slots,
    }
}

/// Creates the approved studio: plaque number (next in the year), the profile's name, leader and
/// occupation, a 2-year construction period from `today`, and the 第十二条 entitlement.
pub async fn create_studio<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    m: &application::Model,
    today: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i32, ApiError> {
    use chrono::Datelike;
    let (facts, _) = facts(m)?;
    let p = profile(m)?;
    let entitlement = shared::subsidy::entitlement(facts.level, facts.national_category)
        .ok_or_else(|| {
            ApiError::Conflict("国家级工作室须有类别（第十二条），请先退回补正".into())
        })?;
    let year = today.year();
    let taken = studio::Entity::find()
        .filter(studio::Column::PlaqueNo.starts_with(plaque_prefix(year)))
        .count(db)
        .await?;
    let seq = u32::try_from(taken + 1).map_err(|_| ApiError::Internal("plaque seq".into()))?;
    let created = studio::ActiveModel {
        plaque_no: Set(plaque_no(year, seq)),
        name: Set(p.display_name()),
        unit_id: Set(m.unit_id),
        leader_name: Set(p.leader_name.trim().to_owned()),
        leader_id_number: Set(p.leader_id().map(|i| i.as_str().to_owned())),
        level: Set(facts.level),
        national_category: Set(facts.national_category),
        occupation: Set(p.occupation.trim().to_owned()),
        industry: Set(p.industry.trim().to_owned()),
        approved_on: Set(today),
        term_start: Set(today),
        term_end: Set(shared::deadlines::default_term_end(today)),
        status: Set(shared::life::StudioStatus::Building),
        entitlement_fen: Set(entitlement.fen()),
        leader_facts: Set(Some(JsonText(facts.leader.clone()))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::audit::append(
        db,
        now,
        &user.actor(),
        crate::audit::Event::new("studio.create", "studio", created.id).after(&serde_json::json!({
            "plaque_no": created.plaque_no,
            "application_id": m.id,
            "entitlement_fen": created.entitlement_fen,
            "term_end": created.term_end,
        })),
    )
    .await?;
    Ok(created.id)
}

/// Applications of `ids` in round `round_id`, all of them, or 422 naming the missing ones.
pub async fn load_listed<C: ConnectionTrait>(
    db: &C,
    visible: sea_orm::Select<application::Entity>,
    round_id: i32,
    ids: &[i32],
    field: &str,
) -> Result<Vec<application::Model>, ApiError> {
    let found = visible
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    let mut missing = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match found.iter().find(|m| m.id == *id) {
            Some(m) => out.push(m.clone()),
            None => missing.push(shared::wire::FieldError::new(
                format!("{field}[{i}]"),
                format!("申报 {id} 不在本轮，或您无权处理"),
                format!("application {id} is not in this round or not yours to handle"),
            )),
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(ApiError::Validation(missing))
    }
}

/// Sets a column on applications without a move (used for the notice id of a batch).
pub fn set_value(
    col: application::Column,
    v: impl Into<sea_orm::Value>,
) -> (application::Column, sea_orm::sea_query::SimpleExpr) {
    (col, Expr::value(v.into()))
}
