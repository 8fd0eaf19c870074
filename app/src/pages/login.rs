//! Sign in. Throttling and wrong passwords are explained in words; nothing typed is cleared but
//! the password.

use crate::api;
use crate::i18n::tr;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, p) = (username.get_untracked(), password.get_untracked());
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let body = shared::account::LoginRequest {
                username: u,
                password: p,
            };
            match api::send::<shared::api::accounts::Login>(&[], &body, "").await {
                Ok(info) => {
                    crate::storage::save_session(Some(&info));
                    session.info.set(Some(info));
                    crate::go(&navigate, crate::landing());
                }
                Err(e) => {
                    password.set(String::new());
                    error.set(Some(e.message()));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page narrow">
            <h1>{tr("登录", "Sign in")}</h1>
            <form class="card form" on:submit=submit>
                <div class="field">
                    <label for="username">{tr("用户名", "Username")}</label>
                    <input
                        id="username"
                        name="username"
                        autocomplete="username"
                        autocapitalize="none"
                        required=true
                        prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="password">{tr("密码", "Password")}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {tr("登录", "Sign in")}
                </button>
            </form>
            <p class="hint">
                {tr(
                    "申报资格自查和公示信息无需登录。演示账号见服务器启动时的提示。",
                    "The self-check and public information need no login. Demo accounts are printed when the server starts.",
                )}
            </p>
        </section>
    }
}
