//! The actor's digest.

use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use shared::account::Role;
use shared::life::Digest;

pub async fn digest(state: &AppState, actor: &Actor) -> Result<Digest, ApiError> {
    let (pairs, counted) = if actor.is(Role::Expert) {
        // An expert's work is the sheets still to sign.
        (
            crate::panels::service::sheets_to_sign(&state.db, actor).await?,
            Vec::new(),
        )
    } else {
        crate::life::digest::reminders(state, actor).await?
    };
    Ok(Digest::build_counted(state.today(), pairs, counted))
}
