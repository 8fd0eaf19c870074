//! Applications (第四章): the list here; `editor` (the applicant drafts beside the live verdict and
//! justifies every warning) and `detail` (the moves each role may make now).

mod ban;
mod detail;
mod editor;
mod evidence;
mod timeline;

pub use detail::ApplicationPage;
pub use editor::ApplicationEditor;

use crate::api::{self, ApiFailure};
use crate::components::table::{DataTable, col};
use crate::i18n::{Lang, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use shared::account::Role;
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
            .join("；"),
        other => other.message(),
    }
}

/// Asks before a move that cannot be undone.
pub(crate) fn confirmed(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

#[component]
pub fn ApplicationList() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let list = LocalResource::new(|| api::get::<shared::api::applications::ListApplications>(&[]));
    let is_applicant = move || session.role() == Some(Role::Applicant);
    view! {
        <section class="page">
            <h1>{tr("申报", "Applications")}</h1>
            <Show when=is_applicant>
                <p><a class="button primary" href="/applications/new">{tr("新建申报", "New application")}</a></p>
            </Show>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || list.get().map(|r| match r {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{tr("暂无申报。", "No applications yet.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <DataTable columns=vec![col("#", "#"), col("申报单位", "Unit"), col("年度", "Year"), col("状态", "State"), col("资格结论", "Eligibility"), col("推荐渠道", "Channel")]>
                                    {rows.into_iter().map(|a| {
                                        let (state, verdict) = (a.state, a.eligibility.verdict);
                                        view! {
                                            <tr data-state=shared_state(state)>
                                                <td><a href=format!("/applications/{}", a.id)>{format!("#{}", a.id)}</a></td>
                                                <td>{a.unit_name.clone()}</td>
                                                <td>{a.round_year}</td>
                                                <td>{move || state_label(state, lang.get())}</td>
                                                <td><span class=format!("badge sev-{}", shared::wire::enum_name(&verdict))>{move || if lang.get() == Lang::En { verdict.label_en() } else { verdict.label_zh() }}</span></td>
                                                <td>{a.channel.clone()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </DataTable>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

pub(crate) fn shared_state(s: AppState) -> String {
    crate::components::eligibility_form::enum_value(&s)
}
