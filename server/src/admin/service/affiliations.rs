//! Where an expert works and worked (units) and which organisation they belong to: panels read
//! these for conflicts of interest when they are formed.

use crate::actor::Actor;
use crate::admin::store;
use crate::audit::Event;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::scoring::{Affiliation, check_affiliations};
use shared::wire::FieldError;

/// An expert's affiliations.
pub async fn of<C: ConnectionTrait>(db: &C, expert: i32) -> Result<Vec<Affiliation>, ApiError> {
    Ok(store::affiliations(db, expert).await?)
}

pub async fn get(state: &AppState, expert: i32) -> Result<Vec<Affiliation>, ApiError> {
    store::user(&state.db, expert)
        .await?
        .ok_or(ApiError::NotFound)?;
    of(&state.db, expert).await
}

/// HRSS replaces an expert's affiliations; audited.
pub async fn put(
    state: &AppState,
    actor: &Actor,
    expert: i32,
    list: Vec<Affiliation>,
) -> Result<Vec<Affiliation>, ApiError> {
    let user = store::user(&state.db, expert)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut errors = Vec::new();
    if user.role != Role::Expert {
        errors.push(FieldError::new(
            "id",
            "只有评审专家账号登记任职单位",
            "only experts have affiliations",
        ));
    }
    errors.extend(check_affiliations(&list));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let before = of(&*w, expert).await?;
    store::replace_affiliations(&*w, expert, &list)
        .await
        .map_err(|e| match e {
            sea_orm::DbErr::Exec(_) | sea_orm::DbErr::Query(_) => {
                ApiError::Validation(vec![FieldError::new(
                    "[]",
                    "单位或组织不存在",
                    "no such unit or organisation",
                )])
            }
            other => ApiError::Database(other),
        })?;
    w.done(
        Event::new("expert.affiliations", "user", expert)
            .before(&before)
            .after(&list),
    )
    .await?;
    Ok(list)
}
