//! The expert's tablet (journey 2): one candidate at a time, items with guidance and large
//! controls, a running total, a signature drawn on the screen. Every tap is kept on the device at
//! once (local storage) and queued with its own id; the queue syncs whenever there is a connection,
//! so a lost Wi-Fi, a reload or a closed tab loses nothing, and the server stores each change once.

use crate::api;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use queue::QUEUE_KEY;
use queue::change_id;
use queue::decide_locally;
use queue::local_values;
use queue::locally_signed;
use queue::mark;
use queue::measure;
use queue::now_utc;
use queue::packet_key;
use shared::Tenths;
use shared::panel::{PanelState, PanelView, ScoreChangeIn, SignIn, SyncRequest};
use shared::scoring::{Edit, EditDecision};
use sheet::Sheet;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

mod choice;
mod mine;
mod queue;
mod sheet;
mod signature;

pub use mine::MyPanels;

#[component]
pub fn ScoringPage() -> impl IntoView {
    let params = use_params_map();
    let panel_id = params
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()))
        .unwrap_or(0);
    let session = use_session();
    let packet = RwSignal::new(storage::load_json::<PanelView>(&packet_key(panel_id)));
    let queue = RwSignal::new(storage::load_json::<SyncRequest>(QUEUE_KEY).unwrap_or_default());
    let online = RwSignal::new(
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true),
    );
    let syncing = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<String>::new());
    let load_error = RwSignal::new(None::<String>);
    let current = RwSignal::new(0usize);

    // The panel from the server when reachable; the copy on the device otherwise.
    let refresh = move || {
        spawn_local(async move {
            match api::get::<shared::api::panels::GetPanel>(&[panel_id]).await {
                Ok(mut p) => {
                    // The chair's view lists every expert's sheet: the tablet scores its own.
                    if let Some(me) = session
                        .info
                        .with_untracked(|s| s.as_ref().map(|s| s.user.id))
                    {
                        p.sheets.retain(|s| s.expert_id == me);
                    }
                    storage::save_json(&packet_key(panel_id), &p);
                    packet.set(Some(p));
                    load_error.set(None);
                }
                Err(api::ApiFailure::Network(_)) => online.set(false),
                Err(e) => load_error.set(Some(e.message())),
            }
        })
    };
    refresh();

    // Sends what is queued; keeps it on any failure; drops what the server accepted or refused.
    let sync = move || {
        if syncing.get_untracked() {
            return;
        }
        let batch = queue.get_untracked();
        if batch.changes.is_empty() && batch.signs.is_empty() && batch.comments.is_empty() {
            return;
        }
        let Some(csrf) = session.csrf() else { return };
        syncing.set(true);
        spawn_local(async move {
            let batch = SyncRequest {
                changes: batch.changes.into_iter().take(400).collect(),
                signs: batch.signs.into_iter().take(50).collect(),
                comments: batch.comments.into_iter().take(50).collect(),
            };
            match api::send::<shared::api::scoring::Sync>(&[], &batch, &csrf).await {
                Ok(result) => {
                    online.set(true);
                    let done: std::collections::HashSet<String> = result
                        .accepted
                        .iter()
                        .cloned()
                        .chain(result.rejected.iter().map(|r| r.id.clone()))
                        .collect();
                    queue.update(|q| {
                        q.changes.retain(|c| !done.contains(&c.id));
                        q.signs.retain(|s| !done.contains(&s.id));
                        q.comments.retain(|c| !done.contains(&c.id));
                    });
                    storage::save_json(QUEUE_KEY, &queue.get_untracked());
                    for c in &batch.changes {
                        if done.contains(&c.id) {
                            measure("tap-to-synced", &format!("tap-{}", c.id));
                        }
                    }
                    if !result.rejected.is_empty() {
                        problems
                            .update(|p| p.extend(result.rejected.iter().map(|r| r.reason.clone())));
                    }
                    packet.update(|p| {
                        if let Some(p) = p {
                            for s in result.sheets {
                                if let Some(mine) = p.sheets.iter_mut().find(|x| x.id == s.id) {
                                    *mine = s;
                                }
                            }
                            storage::save_json(&packet_key(panel_id), &*p);
                        }
                    });
                    syncing.set(false);
                    // More may have been queued meanwhile.
                    if queue.with_untracked(|q| {
                        !q.changes.is_empty() || !q.signs.is_empty() || !q.comments.is_empty()
                    }) {
                        schedule(0);
                    }
                }
                Err(api::ApiFailure::Network(_)) => {
                    online.set(false);
                    syncing.set(false);
                    schedule(3000);
                }
                Err(e) => {
                    problems.update(|p| p.push(e.message()));
                    syncing.set(false);
                    schedule(10_000);
                }
            }
        });
    };
    // Retries later; and at once when the browser says the connection is back.
    fn schedule(ms: i32) {
        let cb = Closure::once_into_js(move || {
            if let (Some(w), Ok(ev)) = (web_sys::window(), web_sys::Event::new("score-sync")) {
                let _ = w.dispatch_event(&ev);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
        }
    }
    {
        let on_online = Closure::<dyn Fn()>::new(move || {
            online.set(true);
            refresh();
            sync();
        });
        let on_offline = Closure::<dyn Fn()>::new(move || online.set(false));
        let on_retry = Closure::<dyn Fn()>::new(sync);
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            let _ =
                w.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
            let _ =
                w.add_event_listener_with_callback("score-sync", on_retry.as_ref().unchecked_ref());
        }
        on_online.forget();
        on_offline.forget();
        on_retry.forget();
    }
    sync();

    // Asks `shared` first; a refusal is shown at once and nothing is queued.
    let allowed = move |sheet_id: i32, edit: &Edit| {
        let d = packet.with_untracked(|p| {
            queue.with_untracked(|q| decide_locally(p.as_ref(), q, sheet_id, edit))
        });
        match d {
            EditDecision::Accept => true,
            EditDecision::AlreadyDone => false,
            EditDecision::Refuse(why) => {
                problems.update(|p| p.push(why.zh));
                false
            }
        }
    };
    let set_value = move |sheet_id: i32, item: String, value: Tenths| {
        if !allowed(
            sheet_id,
            &Edit::Score {
                item: item.clone(),
                value,
            },
        ) {
            return;
        }
        let id = change_id();
        mark(&format!("tap-{id}"));
        queue.update(|q| {
            q.changes.push(ScoreChangeIn {
                id: id.clone(),
                sheet_id,
                item,
                value,
                client_at: now_utc(),
            })
        });
        if !storage::save_json(QUEUE_KEY, &queue.get_untracked()) {
            problems.update(|p| {
                p.push(
                    pick(
                        "本设备存储空间不足，评分未能保存在本机，请保持联网",
                        "This device is out of storage: the scores are not kept on it, stay online",
                    )
                    .into(),
                )
            });
        }
        measure("tap-to-saved", &format!("tap-{id}"));
        sync();
    };
    let sign = move |sheet_id: i32, signature: String| {
        let unscored = packet.with_untracked(|p| {
            let p = p.as_ref()?;
            let sheet = p.sheets.iter().find(|s| s.id == sheet_id)?;
            let values = queue.with_untracked(|q| local_values(sheet, q));
            Some(p.rubric.total(&values).1.len())
        });
        let edit = Edit::Sign {
            signature: signature.clone(),
            unscored: unscored.unwrap_or(0),
        };
        if !allowed(sheet_id, &edit) {
            return;
        }
        queue.update(|q| {
            q.signs.push(SignIn {
                id: change_id(),
                sheet_id,
                signature,
                client_at: now_utc(),
            })
        });
        storage::save_json(QUEUE_KEY, &queue.get_untracked());
        sync();
    };

    let comment = move |sheet_id: i32, text: String| {
        if !allowed(sheet_id, &Edit::Comment { text: text.clone() }) {
            return;
        }
        queue.update(|q| {
            q.comments.push(shared::panel::CommentIn {
                id: change_id(),
                sheet_id,
                text,
                client_at: now_utc(),
            })
        });
        storage::save_json(QUEUE_KEY, &queue.get_untracked());
        sync();
    };
    let pending = move || queue.with(|q| q.changes.len() + q.signs.len() + q.comments.len());
    // The page's frame (title, candidates) is rebuilt only when those change, not on every sync.
    let frame = Memo::new(move |_| {
        packet.with(|p| {
            p.as_ref().map(|p| PanelView {
                sheets: Vec::new(),
                ..p.clone()
            })
        })
    });
    // The sheet on screen is rebuilt only when another candidate is shown, never by a sync (which
    // would wipe a signature being drawn).
    let shown = Memo::new(move |_| {
        let i = current.get();
        packet.with(|p| {
            let p = p.as_ref()?;
            let c = p
                .candidates
                .get(i.min(p.candidates.len().saturating_sub(1)))?
                .clone();
            let s = p.sheets.iter().find(|s| s.candidate_id == c.id)?;
            Some((c, s.id, s.recusal.clone()))
        })
    });
    view! {
        <section class="page scoring" data-testid="scoring">
            {move || match frame.get() {
                None => match load_error.get() {
                    Some(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    None => view! { <p>{tr("正在载入评审组…", "Loading the panel…")}</p> }.into_any(),
                },
                Some(p) => {
                    let total = p.candidates.len();
                    let closed = p.state == PanelState::Closed;
                    view! {
                        <header class="scoring-head">
                            <h1>{p.title.clone()}</h1>
                            <p class="muted">{
                                let (rubric, chair, aggregation) = (p.rubric.name.clone(), p.chair_name.clone(), p.aggregation);
                                move || {
                                    let how = pick(aggregation.label_zh(), aggregation.label_en());
                                    pick(format!("{rubric} · {how} · 组长 {chair}"), format!("{rubric} · {how} · chair {chair}"))
                                }
                            }</p>
                        </header>
                        <nav class="candidate-tabs" aria-label=tr("评审对象", "Candidates")>
                            {p.candidates.iter().enumerate().map(|(i, c)| {
                                let cid = c.id;
                                let done = move || packet.with(|p| {
                                    p.as_ref()
                                        .and_then(|p| p.sheets.iter().find(|s| s.candidate_id == cid))
                                        .is_some_and(|s| queue.with(|q| locally_signed(s, q)))
                                });
                                view! {
                                    <button type="button" class="tab" class:active=move || current.get() == i class:done=done
                                        on:click=move |_| current.set(i)>{format!("{}", i + 1)}</button>
                                }
                            }).collect_view()}
                        </nav>
                        {move || shown.get().map(|(c, sheet_id, recusal)| view! {
                            <Sheet packet=packet candidate=c sheet_id=sheet_id recusal=recusal queue=queue on_value=set_value on_sign=sign on_comment=comment />
                        })}
                        <div class="scoring-nav">
                            <button type="button" class="big" disabled=move || current.get() == 0 on:click=move |_| current.update(|i| *i = i.saturating_sub(1))>{tr("‹ 上一位", "‹ Previous")}</button>
                            <span>{move || format!("{} / {}", current.get() + 1, total)}</span>
                            <button type="button" class="big" disabled={move || current.get() + 1 >= total} on:click=move |_| current.update(|i| *i += 1)>{tr("下一位 ›", "Next ›")}</button>
                        </div>
                        {closed.then(|| view! { <p class="notice">{tr("评分已结束。", "Scoring is closed.")}</p> })}
                    }.into_any()
                }
            }}
            <div class="sync-bar" role="status" data-testid="sync-status" data-pending=move || pending().to_string()
                class:offline=move || !online.get() class:clean=move || pending() == 0>
                {move || match (pending(), online.get()) {
                    (0, _) => pick("已全部同步到服务器", "All synced to the server").to_owned(),
                    (n, false) => pick(format!("已保存在本设备，{n} 条待同步（离线）"), format!("Saved on this device; {n} change(s) waiting to sync (offline)")),
                    (n, true) => pick(format!("已保存在本设备，{n} 条待同步"), format!("Saved on this device; {n} change(s) waiting to sync")),
                }}
            </div>
            {move || (!problems.with(Vec::is_empty)).then(|| view! {
                <div class="problems" role="alert">
                    {problems.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                    <button type="button" class="small" on:click=move |_| problems.set(Vec::new())>{tr("知道了", "Dismiss")}</button>
                </div>
            })}
        </section>
    }
}
