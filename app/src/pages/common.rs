//! What the signed-in pages share: words for states and failures, today in Yinchuan. (Asking
//! before a move that cannot be undone is `components::dialog`.)

use crate::api::ApiFailure;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use shared::workflow::AppState;

pub(crate) fn state_label(s: AppState, lang: Lang) -> &'static str {
    if lang == Lang::En {
        s.label_en()
    } else {
        s.label_zh()
    }
}

/// Today in Yinchuan, as `YYYY-MM-DD` (whatever the browser's time zone).
pub(crate) fn today() -> String {
    crate::components::eligibility_form::today_in_yinchuan().to_string()
}

pub(crate) fn failure_text(f: &ApiFailure) -> String {
    let lang = use_lang().get_untracked();
    match f {
        ApiFailure::Server(body) if !body.fields.is_empty() => body
            .fields
            .iter()
            .map(|e| {
                if lang == Lang::En {
                    e.message_en.clone()
                } else {
                    e.message.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(crate::i18n::pick("；", "; ")),
        other => other.message(),
    }
}

pub(crate) fn shared_state(s: AppState) -> String {
    crate::components::eligibility_form::enum_value(&s)
}
