//! Chinese by default, English on demand; the choice is remembered.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// Provides the language signal to the whole app and keeps `<html lang>` in step.
pub fn provide() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored());
    provide_context(lang);
    Effect::new(move |_| {
        let code = match lang.get() {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", code);
        }
        crate::storage::save_lang(if code == "en" { "en" } else { "zh" });
    });
    lang
}

/// The language last chosen on this device.
fn stored() -> Lang {
    match crate::storage::load_lang().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The page's language; outside the app's reactive owner (an answer arriving in a spawned task),
/// the one last chosen, which the effect above keeps stored.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(stored()))
}

/// A text in the current language.
pub fn tr(
    zh: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || if lang.get() == Lang::En { en } else { zh }
}

/// Local time in Ningxia (UTC+8, no daylight saving) of a timestamp, to the minute.
pub fn local_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    (t + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
