//! Labelled form controls; each shows its own error (role="alert") inside its `.field`.

use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use shared::wire::FieldError;

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::En { en } else { zh }
}

/// The error of one field path, in the current language.
fn error_for(
    errors: Signal<Vec<FieldError>>,
    path: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync {
    let lang = use_lang();
    move || {
        errors.with(|list| {
            list.iter().find(|e| e.field == path).map(|e| {
                if lang.get() == Lang::En {
                    e.message_en.clone()
                } else {
                    e.message.clone()
                }
            })
        })
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    /// `date`, `number`, `text`
    kind: &'static str,
    /// Field path as named by the validation errors, e.g. `unit.employees`.
    path: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    errors: Signal<Vec<FieldError>>,
    #[prop(optional)] hint_zh: &'static str,
    #[prop(optional)] hint_en: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let error = error_for(errors, path);
    let err_id = format!("{id}-error");
    let err_id2 = err_id.clone();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id>{move || pick(lang.get(), zh, en)}</label>
            <input
                id=id
                name=id
                type=kind
                inputmode=if kind == "number" { "numeric" } else { "text" }
                min=if kind == "number" { Some("0") } else { None }
                prop:value=move || value.get()
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=move || error().map(|_| err_id.clone())
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {(!hint_zh.is_empty()).then(|| view! { <p class="hint">{move || pick(lang.get(), hint_zh, hint_en)}</p> })}
            {move || error().map(|m| view! { <p class="error" role="alert" id=err_id2.clone()>{m}</p> })}
        </div>
    }
}

#[component]
pub fn CheckField(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field check">
            <input
                id=id
                name=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{move || pick(lang.get(), zh, en)}</label>
        </div>
    }
}

/// One `<option>`: (value, zh, en).
/// A select's option: its wire value, and its label in Chinese and English.
pub type Choice = (String, &'static str, &'static str);

#[component]
pub fn SelectField(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    choices: Vec<Choice>,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=id>{move || pick(lang.get(), zh, en)}</label>
            <select id=id name=id prop:value=move || value.get() on:change=move |ev| on_change.run(event_target_value(&ev))>
                {choices
                    .into_iter()
                    .map(|(v, czh, cen)| {
                        let current = v.clone();
                        view! {
                            <option value=v selected=move || value.get() == current>
                                {move || pick(lang.get(), czh, cen)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
