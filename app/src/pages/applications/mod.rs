//! Applications (第四章): the list here; `editor` (the applicant drafts beside the live verdict and
//! justifies every warning) and `detail` (the moves each role may make now).

#[cfg(feature = "office")]
mod ban;
#[cfg(feature = "office")]
mod detail;
#[cfg(feature = "applicant")]
mod editor;
#[cfg(feature = "office")]
mod evidence;
#[cfg(feature = "office")]
mod timeline;

#[cfg(feature = "office")]
pub use detail::ApplicationPage;
#[cfg(feature = "applicant")]
pub use editor::ApplicationEditor;

pub(crate) use super::common::{failure_text, shared_state, state_label, today};
use crate::api;
use crate::components::table::{DataTable, col};
use crate::i18n::{Lang, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use shared::account::Role;

#[cfg(feature = "office")]
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
                <p><a class="button primary" href="/applications/new" rel=crate::rel_for("/applications/new")>{tr("新建申报", "New application")}</a></p>
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
