//! The notification centre: the caller's digest, one line per kind (overdue first) with its
//! items, and the links to act. Office roles read it as their overdue lists.

use crate::api::{self, ApiFailure};
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::life::{ChangeState, Decision};

#[component]
pub fn Notifications() -> impl IntoView {
    let digest = LocalResource::new(|| api::get::<shared::api::life::Notifications>(&[]));
    let session = use_session();
    // The outcome of the last decision: the change and its new state, or what went wrong.
    let message = RwSignal::new(None::<Result<(i32, ChangeState), ApiFailure>>);
    // HRSS decides a change; the new unit of a host change joins it (第十六条（二）).
    let act = move |id: i32, approve: bool| {
        let Some(csrf) = session.csrf() else { return };
        let join = session.role() != Some(Role::HrssAdmin);
        spawn_local(async move {
            let Some(reason) = dialog::decision_reason(approve).await else {
                return;
            };
            match api::decide_change(id, join, &Decision { approve, reason }, &csrf).await {
                Ok(c) => {
                    message.set(Some(Ok((c.id, c.state))));
                    digest.refetch();
                }
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="page notifications">
            <h1>{tr("待办提醒", "Notifications")}</h1>
            {move || message.get().map(|m| {
                let text = move || match &m {
                    Ok((id, state)) => {
                        let (state_zh, state_en) = (state.label_zh(), state.label_en());
                        pick(format!("变更申请 #{id} 现为“{state_zh}”"), format!("Change request #{id} is now “{state_en}”"))
                    }
                    Err(e) => e.message(),
                };
                view! { <p class="notice" role="status">{text}</p> }
            })}
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || digest.get().map(|r| match r {
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(d) if d.reminders.is_empty() => {
                        let as_of = d.as_of;
                        view! {
                            <p class="card" data-testid="all-clear">{move || pick(format!("截至 {as_of}，没有到期或逾期的事项。"), format!("Nothing due or overdue as of {as_of}."))}</p>
                        }.into_any()
                    }
                    Ok(d) => {
                        let as_of = d.as_of;
                        view! {
                        <p class="muted">{move || pick(format!("截至 {as_of}"), format!("As of {as_of}"))}</p>
                        {d.reminders.into_iter().map(|r| {
                            let kind = r.kind;
                            view! {
                            <section class="card reminder" class:overdue=r.overdue data-kind=shared::wire::enum_name(&r.kind)>
                                <h2>{move || pick(kind.title_zh(), kind.title_en())}" "<span class="badge">{r.count}</span>" "<span class="cite">{r.article.clone()}</span></h2>
                                <ul>
                                    {r.items.into_iter().map(|i| view! {
                                        <li>
                                            <a href=i.link.clone()>{move || pick(i.label.clone(), i.label_en.clone())}</a>
                                            {i.due.map(|d| view! { <span class="muted">{move || pick(format!(" 期限 {d}"), format!(" due {d}"))}</span> })}
                                            {i.change_id.map(|id| {
                                                let (yes, no) = if session.role() == Some(Role::HrssAdmin) { (tr("批准", "Approve"), tr("不批准", "Reject")) } else { (tr("同意联合申请", "Join the request"), tr("不同意", "Decline")) };
                                                view! {
                                                    <span class="actions inline">
                                                        <button type="button" on:click=move |_| act(id, true)>{yes}</button>
                                                        <button type="button" class="secondary" on:click=move |_| act(id, false)>{no}</button>
                                                    </span>
                                                }
                                            })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            }
                        }).collect_view()}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
