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
