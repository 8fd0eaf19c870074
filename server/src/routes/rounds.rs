//! Yearly rounds: HRSS opens them; every signed-in user can see them.

use crate::audit::{self, Event};
use crate::auth::{AdminUser, CurrentUser};
use crate::entity::round;
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use shared::application::{NewRound, Round};
use shared::wire::{ErrorBody, FieldError};

pub fn to_wire(m: round::Model) -> Round {
    Round {
        id: m.id,
        year: m.year,
        title: m.title,
        opens_on: m.opens_on,
        closes_on: m.closes_on,
        regional_slots: m.regional_slots,
        national_slots: m.national_slots,
    }
}

#[utoipa::path(get, path = "/api/rounds", responses((status = 200, body = [Round]), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Json<Vec<Round>>, ApiError> {
    let rounds = round::Entity::find()
        .order_by_desc(round::Column::Year)
        .all(&state.db)
        .await?;
    Ok(Json(rounds.into_iter().map(to_wire).collect()))
}

#[utoipa::path(post, path = "/api/rounds", request_body = NewRound,
    responses((status = 201, body = Round), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    AdminUser(user): AdminUser,
    JsonBody(new): JsonBody<NewRound>,
) -> Result<(StatusCode, Json<Round>), ApiError> {
    new.check().map_err(ApiError::Validation)?;
    if round::Entity::find()
        .filter(round::Column::Year.eq(new.year))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "year",
            "该年度已有申报轮次",
            "a round for this year exists",
        )]));
    }
    let txn = state.begin_audited().await?;
    let created = round::ActiveModel {
        year: Set(new.year),
        title: Set(new.title.trim().to_owned()),
        opens_on: Set(new.opens_on),
        closes_on: Set(new.closes_on),
        regional_slots: Set(new.regional_slots),
        national_slots: Set(new.national_slots),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let wire = to_wire(created);
    audit::append(
        &*txn,
        state.now(),
        &user.actor(),
        Event::new("round.create", "round", wire.id).after(&wire),
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(wire)))
}
