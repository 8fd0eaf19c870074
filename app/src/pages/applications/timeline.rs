//! Where an application stands: every version as a step of a timeline, who made it, the reason
//! given, and what changed in the facts since the step before (diff of the saved versions).

use super::state_label;
use crate::api;
use crate::components::table::{DataTable, col};
use crate::i18n::{pick, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::procedure::HistoryEntry;

fn value_text(v: &Option<serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Bool(true)) => pick("是", "Yes").into(),
        Some(serde_json::Value::Bool(false)) => pick("否", "No").into(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn Timeline(application: i32, #[prop(into)] refresh: Signal<i32>) -> impl IntoView {
    let lang = use_lang();
    let entries = RwSignal::new(None::<Result<Vec<HistoryEntry>, api::ApiFailure>>);
    Effect::new(move |_| {
        refresh.track();
        spawn_local(async move {
            entries.set(Some(
                api::get::<shared::api::applications::History>(&[application]).await,
            ))
        });
    });
    view! {
        <section class="timeline-wrap" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr("办理进度", "Timeline")}</h2>
            {move || match entries.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ol class="timeline" data-testid="timeline">
                        {list.into_iter().rev().map(|e| {
                            let state = e.state;
                            let plain = if e.state_changed {
                                None
                            } else {
                                // Without a move: an edit of the facts, or a result recorded by HRSS.
                                let recorded = e.changes.is_empty() && e.note.is_some();
                                Some(if recorded { ("记录结果", "recorded") } else { ("修改", "edited") })
                            };
                            let title = move || match plain {
                                None => state_label(state, lang.get()),
                                Some((zh, en)) => pick(zh, en),
                            };
                            let changes = e.changes.clone();
                            let changed = changes.len();
                            view! {
                                <li class:moved=e.state_changed data-state=super::shared_state(state)>
                                    <div class="when">{crate::i18n::local_minute(e.at)}</div>
                                    <div class="what">
                                        <strong>{title}</strong>
                                        <span class="muted">{format!(" · {} · v{}", e.actor, e.version)}</span>
                                        {e.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                                        {(!changes.is_empty()).then(|| view! {
                                            <details>
                                                <summary>{move || pick(format!("{changed} 项内容有改动"), format!("{changed} fields changed"))}</summary>
                                                <DataTable class="diff" columns=vec![col("字段", "Field"), col("修改前", "Before"), col("修改后", "After")]>
                                                        {changes.into_iter().map(|c| {
                                                            let (before, after) = (c.before.clone(), c.after.clone());
                                                            view! {
                                                                <tr><td><code>{c.path.clone()}</code></td><td class="before">{move || value_text(&before)}</td><td class="after">{move || value_text(&after)}</td></tr>
                                                            }
                                                        }).collect_view()}
                                                    </DataTable>
                                            </details>
                                        })}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
