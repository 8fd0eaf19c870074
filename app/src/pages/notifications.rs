//! The notification centre: the caller's digest, one line per kind (overdue first) with its
//! items, and the links to act. Office roles read it as their overdue lists.

use crate::api;
use crate::i18n::tr;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::life::Decision;

#[component]
pub fn Notifications() -> impl IntoView {
    let digest = LocalResource::new(|| api::get::<shared::api::life::Notifications>(&[]));
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    // HRSS decides a change; the new unit of a host change joins it (第十六条（二）).
    let act = move |id: i32, approve: bool| {
        let Some(csrf) = session.csrf() else { return };
        let join = session.role() != Some(Role::HrssAdmin);
        let reason = if approve {
            String::new()
        } else {
            match web_sys::window()
                .and_then(|w| w.prompt_with_message("不同意的理由：").ok().flatten())
            {
                Some(r) if !r.trim().is_empty() => r,
                _ => return,
            }
        };
        spawn_local(async move {
            match api::decide_change(id, join, &Decision { approve, reason }, &csrf).await {
                Ok(c) => {
                    message.set(Some(format!(
                        "变更申请 #{} 现为“{}”",
                        c.id,
                        c.state.label_zh()
                    )));
                    digest.refetch();
                }
                Err(e) => message.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="page notifications">
            <h1>{tr("待办提醒", "Notifications")}</h1>
            {move || message.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || digest.get().map(|r| match r {
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(d) if d.reminders.is_empty() => view! {
                        <p class="card" data-testid="all-clear">{format!("截至 {}，没有到期或逾期的事项。", d.as_of)}</p>
                    }.into_any(),
                    Ok(d) => view! {
                        <p class="muted">{format!("截至 {}", d.as_of)}</p>
                        {d.reminders.into_iter().map(|r| view! {
                            <section class="card reminder" class:overdue=r.overdue data-kind=shared::wire::enum_name(&r.kind)>
                                <h2>{r.title.clone()}" "<span class="badge">{r.count}</span>" "<span class="cite">{r.article.clone()}</span></h2>
                                <ul>
                                    {r.items.into_iter().map(|i| view! {
                                        <li>
                                            <a href=i.link.clone()>{i.label.clone()}</a>
                                            {i.due.map(|d| view! { <span class="muted">{format!(" 期限 {d}")}</span> })}
                                            {i.change_id.map(|id| {
                                                let (yes, no) = if session.role() == Some(Role::HrssAdmin) { ("批准", "不批准") } else { ("同意联合申请", "不同意") };
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
                        }).collect_view()}
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
