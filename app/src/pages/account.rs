//! My account: change my password (the shared policy is checked as I type).

use crate::api;
use crate::i18n::{Lang, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(), api::ApiFailure>>);
    let username = move || {
        session.info.with(|s| {
            s.as_ref()
                .map(|s| s.user.username.clone())
                .unwrap_or_default()
        })
    };
    let policy = move || {
        let n = new.get();
        if n.is_empty() {
            return None;
        }
        shared::account::check_new_password("new_password", &username(), &n)
            .err()
            .map(|e| {
                if lang.get() == Lang::En {
                    e.message_en
                } else {
                    e.message
                }
            })
    };
    let server_error = move |field: &'static str| {
        outcome.with(|o| {
            o.as_ref()
                .and_then(|r| r.as_ref().err())
                .and_then(|e| e.field(field))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        if policy().is_some() {
            return;
        }
        let (c, n) = (current.get_untracked(), new.get_untracked());
        spawn_local(async move {
            let result = {
                let body = shared::account::PasswordChange {
                    current_password: c,
                    new_password: n,
                };
                api::send::<shared::api::accounts::ChangePassword>(&[], &body, &csrf)
                    .await
                    .map(|_| ())
            };
            if result.is_ok() {
                current.set(String::new());
                new.set(String::new());
            }
            outcome.set(Some(result));
        });
    };
    view! {
        <section class="page narrow">
            <h1>{tr("修改密码", "Change password")}</h1>
            <form class="card form" on:submit=submit>
                <div class="field">
                    <label for="current-password">{tr("当前密码", "Current password")}</label>
                    <input id="current-password" type="password" autocomplete="current-password" prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev)) />
                    {move || server_error("current_password").map(|m| view! { <p class="error" role="alert">{m}</p> })}
                </div>
                <div class="field">
                    <label for="new-password">{tr("新密码", "New password")}</label>
                    <input id="new-password" type="password" autocomplete="new-password" prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev)) />
                    <p class="hint">{tr("至少 10 个字符，含字母、数字、符号中的两类，不含用户名。", "At least 10 characters, two of letters/digits/symbols, not containing the username.")}</p>
                    {move || policy().or_else(|| server_error("new_password")).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                </div>
                <button type="submit" class="primary">{tr("保存新密码", "Save the new password")}</button>
                {move || match outcome.get() {
                    Some(Ok(())) => Some(view! { <p class="notice ok" role="status">{tr("密码已修改；其他设备上的登录已退出。", "Password changed; other devices were signed out.")}</p> }.into_any()),
                    Some(Err(e)) if e.field("current_password").is_none() && e.field("new_password").is_none() => Some(view! { <p class="error" role="alert">{e.message()}</p> }.into_any()),
                    _ => None,
                }}
            </form>
        </section>
    }
}
