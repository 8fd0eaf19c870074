//! The tablet's first page (`/scoring`, the installed app's start): the panels the signed-in
//! expert scores, each a large button to its sheets; signed out, the sign-in form.

use crate::api;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::panel::{PanelState, PanelSummary};

#[component]
pub fn MyPanels() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Result<Vec<PanelSummary>, api::ApiFailure>>);
    Effect::new(move |_| {
        if session.info.get().is_some() {
            spawn_local(async move {
                list.set(Some(api::get::<shared::api::panels::ListPanels>(&[]).await))
            });
        }
    });
    view! {
        <Show
            when=move || session.info.get().is_some()
            fallback=|| view! { <crate::pages::login::Login /> }
        >
            <section class="page">
                <h1>{tr("我的评审", "My panels")}</h1>
                {move || match list.get() {
                    None => view! { <p>"…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(rows)) => {
                        let mine: Vec<PanelSummary> = rows
                            .into_iter()
                            .filter(|p| p.i_score && p.state != PanelState::Closed)
                            .collect();
                        if mine.is_empty() {
                            view! { <p class="empty">{tr("没有待评分的评审组。", "No panel to score.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="panel-list">
                                    {mine.into_iter().map(|p| view! {
                                        <li class="card" data-testid="tablet-panel">
                                            <h2>{p.title.clone()}</h2>
                                            <p class="muted">{
                                                let purpose = pick(p.purpose.label_zh(), p.purpose.label_en());
                                                let (group, n) = (&p.occupation_group, p.candidates);
                                                pick(format!("{purpose} · {group} · 评审对象 {n} 个"), format!("{purpose} · {group} · {n} candidates"))
                                            }</p>
                                            <a class="button primary big" href=format!("/scoring/{}", p.id)>{tr("进入评分", "Score")}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }
                }}
            </section>
        </Show>
    }
}
