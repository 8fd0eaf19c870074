//! Local storage: the form survives a reload.

const FORM_KEY: &str = "skill-studio.self-check.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_form() -> Option<crate::form::FormState> {
    let text = storage()?.get_item(FORM_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_form(form: &crate::form::FormState) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(form)) {
        let _ = s.set_item(FORM_KEY, &text);
    }
}

pub fn load_lang() -> Option<String> {
    storage()?.get_item("skill-studio.lang").ok()?
}

pub fn save_lang(lang: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item("skill-studio.lang", lang);
    }
}

/// An application being edited, kept on this device on every keystroke so a closed tab, a lost
/// connection or a refused save loses nothing. `key` is the application id, or `new`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorDraft {
    pub form: crate::form::FormState,
    pub justifications: shared::application::Justifications,
    pub profile: shared::application::StudioProfile,
    /// The server version the draft was started from (`None` for a new application).
    pub version: Option<i32>,
}

fn draft_key(key: &str) -> String {
    format!("skill-studio.application-draft.{key}")
}

pub fn load_draft(key: &str) -> Option<EditorDraft> {
    let text = storage()?.get_item(&draft_key(key)).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_draft(key: &str, draft: &EditorDraft) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = s.set_item(&draft_key(key), &text);
    }
}

pub fn clear_draft(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&draft_key(key));
    }
}

const SESSION_KEY: &str = "skill-studio.session.v1";

/// The signed-in session as last confirmed by the server (cleared on sign-out or expiry).
pub fn save_session(info: Option<&shared::account::SessionInfo>) {
    let Some(s) = storage() else { return };
    match info.and_then(|i| serde_json::to_string(i).ok()) {
        Some(text) => {
            let _ = s.set_item(SESSION_KEY, &text);
        }
        None => {
            let _ = s.remove_item(SESSION_KEY);
        }
    }
}

pub fn load_session() -> Option<shared::account::SessionInfo> {
    let text = storage()?.get_item(SESSION_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Any JSON value kept on this device under `key`.
pub fn load_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Keeps `value` on this device; `false` when the browser refused (storage full or disabled).
pub fn save_json<T: serde::Serialize>(key: &str, value: &T) -> bool {
    match (storage(), serde_json::to_string(value)) {
        (Some(s), Ok(text)) => s.set_item(key, &text).is_ok(),
        _ => false,
    }
}
