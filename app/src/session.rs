//! The signed-in user, shared by every page; restored from the server on start.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::{Role, SessionInfo};

#[derive(Debug, Clone, Copy)]
pub struct SessionState {
    pub info: RwSignal<Option<SessionInfo>>,
    /// False until the server has answered whether a session exists.
    pub known: RwSignal<bool>,
}

impl SessionState {
    pub fn role(&self) -> Option<Role> {
        self.info.with(|s| s.as_ref().map(|s| s.user.role))
    }
    pub fn csrf(&self) -> Option<String> {
        self.info
            .with_untracked(|s| s.as_ref().map(|s| s.csrf_token.clone()))
    }
}

pub fn provide() -> SessionState {
    let state = SessionState {
        info: RwSignal::new(None),
        known: RwSignal::new(false),
    };
    provide_context(state);
    spawn_local(async move {
        match crate::api::get::<shared::api::accounts::Session>(&[])
            .await
            .map(|s| s.session)
        {
            Ok(found) => {
                crate::storage::save_session(found.as_ref());
                state.info.set(found);
            }
            // Offline (a tablet in a meeting room): the last known session, so work kept on the
            // device can go on and sync when the connection returns.
            Err(crate::api::ApiFailure::Network(_)) => {
                state.info.set(crate::storage::load_session())
            }
            Err(_) => {}
        }
        state.known.set(true);
    });
    state
}

pub fn use_session() -> SessionState {
    use_context::<SessionState>().unwrap_or_else(|| SessionState {
        info: RwSignal::new(None),
        known: RwSignal::new(true),
    })
}
