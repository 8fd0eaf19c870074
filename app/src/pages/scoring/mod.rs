//! The expert's tablet (journey 2): one candidate at a time, items with guidance and large
//! controls, a running total, a signature drawn on the screen. Every tap is kept on the device at
//! once (local storage) and queued with its own id; the queue syncs whenever there is a connection,
//! so a lost Wi-Fi, a reload or a closed tab loses nothing, and the server stores each change once.

use crate::api;
use crate::i18n::tr;
use crate::session::use_session;
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::Tenths;
use shared::panel::{
    PanelState, PanelView, ScoreChangeIn, SheetStatus, SheetView, SignIn, SyncRequest,
};
use shared::scoring::{Edit, EditDecision, EditRules, Rubric, SheetFacts, decide_edit};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

mod choice;

const QUEUE_KEY: &str = "skill-studio.score-queue.v1";

fn packet_key(panel: i32) -> String {
    format!("skill-studio.panel.{panel}")
}

fn now_utc() -> chrono::DateTime<chrono::Utc> {
    let ms = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// An id no other tap on any tablet will have: this device's random id, the time and a counter.
fn change_id() -> String {
    let device = storage::load_json::<String>("skill-studio.device-id").unwrap_or_else(|| {
        let id = format!("{:08x}", (js_sys::Math::random() * 4_294_967_295.0) as u64);
        storage::save_json("skill-studio.device-id", &id);
        id
    });
    let n = storage::load_json::<u64>("skill-studio.change-counter").unwrap_or(0) + 1;
    storage::save_json("skill-studio.change-counter", &n);
    format!("{device}-{}-{n}", js_sys::Date::now() as u64)
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// What the tablet shows for its own sheets: the server's values with the queued changes on top.
fn local_values(sheet: &SheetView, queue: &SyncRequest) -> BTreeMap<String, Tenths> {
    let mut values = sheet.values.clone();
    for c in queue.changes.iter().filter(|c| c.sheet_id == sheet.id) {
        values.insert(c.item.clone(), c.value);
    }
    values
}

fn locally_signed(sheet: &SheetView, queue: &SyncRequest) -> bool {
    sheet.status == SheetStatus::Signed || queue.signs.iter().any(|s| s.sheet_id == sheet.id)
}

/// The server's own decision on an edit, asked on the device before it is queued: a tap the
/// server would refuse is refused here at once, with the same reason.
fn decide_locally(
    packet: Option<&PanelView>,
    queue: &SyncRequest,
    sheet_id: i32,
    edit: &Edit,
) -> EditDecision {
    let Some(p) = packet else {
        return EditDecision::Accept;
    };
    let sheet = p.sheets.iter().find(|s| s.id == sheet_id);
    let facts = SheetFacts {
        mine: sheet.is_some(),
        panel_closed: p.state == PanelState::Closed,
        excluded: sheet.and_then(|s| s.recusal.clone()),
        signed: sheet.is_some_and(|s| locally_signed(s, queue)),
    };
    let level = sheet
        .and_then(|s| p.candidates.iter().find(|c| c.id == s.candidate_id))
        .map(|c| c.level);
    let rules = EditRules {
        purpose: p.purpose,
        rubric: &p.rubric,
        level,
    };
    decide_edit(&facts, &rules, edit)
}

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
            problems
                .update(|p| p.push("本设备存储空间不足，评分未能保存在本机，请保持联网".into()));
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
                            <p class="muted">{format!("{} · {} · 组长 {}", p.rubric.name, p.aggregation.label_zh(), p.chair_name)}</p>
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
                    (0, _) => "已全部同步到服务器".to_owned(),
                    (n, false) => format!("已保存在本设备，{n} 条待同步（离线）"),
                    (n, true) => format!("已保存在本设备，{n} 条待同步"),
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

#[component]
fn Sheet(
    packet: RwSignal<Option<PanelView>>,
    candidate: shared::panel::CandidateView,
    sheet_id: i32,
    recusal: Option<String>,
    queue: RwSignal<SyncRequest>,
    on_value: impl Fn(i32, String, Tenths) + Copy + Send + Sync + 'static,
    on_sign: impl Fn(i32, String) + Copy + Send + Sync + 'static,
    on_comment: impl Fn(i32, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let computed = candidate.computed.clone();
    let rubric: Rubric = packet
        .with_untracked(|p| p.as_ref().map(|p| p.rubric.clone()))
        .unwrap_or_else(shared::scoring::defense_rubric);
    // An assessment sheet offers 附件's fixed scores for the studio's level, nothing in between.
    let assessment = packet.with_untracked(|p| {
        p.as_ref()
            .is_some_and(|p| p.purpose != shared::scoring::PanelPurpose::Defense)
    });
    let mut item_choices = if assessment {
        shared::assessment::choices(candidate.level)
    } else {
        BTreeMap::new()
    };
    let server_sheet = Memo::new(move |_| {
        packet.with(|p| {
            p.as_ref()
                .map(|p| (p.sheets.iter().find(|s| s.id == sheet_id).cloned(), p.state))
        })
    });
    let values = Memo::new(move |_| match server_sheet.get() {
        Some((Some(s), _)) => queue.with(|q| local_values(&s, q)),
        _ => BTreeMap::new(),
    });
    let locked = Memo::new(move |_| match server_sheet.get() {
        Some((Some(s), state)) => {
            state == PanelState::Closed || queue.with(|q| locally_signed(&s, q))
        }
        _ => true,
    });
    let recused = recusal;
    let comment = Memo::new(move |_| match server_sheet.get() {
        Some((Some(s), _)) => queue.with(|q| {
            q.comments
                .iter()
                .rfind(|c| c.sheet_id == s.id)
                .map(|c| c.text.clone())
                .or(s.comment.clone())
        }),
        _ => None,
    });
    // Recusing is a decision the panel must see at once: it needs the connection.
    let session = use_session();
    let recuse_error = RwSignal::new(None::<String>);
    let candidate_id = candidate.id;
    let recuse = move || {
        let Some(panel_id) = packet.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        let reason = web_sys::window()
            .and_then(|w| {
                w.prompt_with_message("回避理由（如与申报单位存在利害关系）：")
                    .ok()
                    .flatten()
            })
            .unwrap_or_default();
        if reason.trim().is_empty() {
            return;
        }
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            let body = shared::panel::Recusal {
                candidate_id,
                reason,
            };
            match api::send::<shared::api::panels::Recuse>(&[panel_id], &body, &csrf).await {
                Ok(mut p) => {
                    let me = session
                        .info
                        .with_untracked(|s| s.as_ref().map(|s| s.user.id));
                    p.sheets.retain(|s| Some(s.expert_id) == me);
                    storage::save_json(&packet_key(panel_id), &p);
                    packet.set(Some(p));
                }
                Err(api::ApiFailure::Network(_)) => {
                    recuse_error.set(Some("申请回避须联网，请恢复网络后再试".into()))
                }
                Err(e) => recuse_error.set(Some(e.message())),
            }
        });
    };
    let rubric_total = rubric.clone();
    let running = Memo::new(move |_| {
        let (t, missing) = rubric_total.total(&values.get());
        (t, missing.len())
    });
    view! {
        <article class="card sheet" data-testid="sheet" data-candidate=candidate.id>
            <header>
                <h2>{format!("{}. {}", candidate.position, candidate.studio_name)}</h2>
                <p class="muted">{format!("{} · {} · {}", candidate.unit_name, candidate.leader_name, candidate.occupation)}</p>
                <p class="running" data-testid="running-total">
                    {move || { let (t, m) = running.get(); if m == 0 { format!("合计 {t} 分") } else { format!("已评 {t} 分（{m} 项未评）") } }}
                    <span class="muted">{format!(" / 满分 {}", rubric.max_total())}</span>
                </p>
            </header>
            {match recused {
                Some(why) => view! { <p class="notice bad" data-testid="recused">{format!("回避：{why}。本表不计分。")}</p> }.into_any(),
                None => view! {
                    <ol class="items">
                        {rubric.items.iter().map(|item| {
                            let key = item.key.clone();
                            let key2 = key.clone();
                            let key3 = key.clone();
                            let value = Memo::new(move |_| values.with(|v| v.get(&key).copied()));
                            let step = item.step;
                            let max = item.max;
                            let change = move |delta: i32| {
                                let now = values.with_untracked(|v| v.get(&key2).copied());
                                let next = Tenths::from_tenths((now.map_or(if delta > 0 { 0 } else { max.tenths() }, |t| t.tenths() + delta)).clamp(0, max.tenths()));
                                if Some(next) != now { on_value(sheet_id, key2.clone(), next); }
                            };
                            let change2 = change.clone();
                            view! {
                                <li class="item" data-item=item.key.clone()>
                                    <div class="item-head">
                                        <strong>{item.label.clone()}</strong>
                                        <span class="muted">{if assessment { format!(" 满分 {} · 按附件分档", item.max) } else { format!(" 满分 {} · 步长 {}", item.max, item.step) }}</span>
                                        {item.computed.then(|| view! { <span class="badge">"系统计算，请核实"</span> })}
                                    </div>
                                    <p class="guidance">{item.guidance.clone()}</p>
                                    {computed.iter().find(|c| c.item == item.key).cloned().map(|c| {
                                        let key4 = item.key.clone();
                                        view! {
                                            <p class="computed-item" data-testid=format!("computed-{}", item.key)>
                                                {format!("系统按上报数据计算：{} 分（{}）", c.score, c.explanation)}
                                                <button type="button" class="small" disabled=move || locked.get() on:click=move |_| on_value(sheet_id, key4.clone(), c.score)>{tr("采用", "Use it")}</button>
                                            </p>
                                        }
                                    })}
                                    {match item_choices.remove(&item.key) {
                                        Some(list) => view! {
                                            <choice::ChoiceControl label=item.label.clone() key=item.key.clone() list value locked
                                                on_pick=Callback::new(move |v| on_value(sheet_id, key3.clone(), v)) />
                                        }.into_any(),
                                        None => view! {
                                            <div class="stepper">
                                                <button type="button" class="step" aria-label=format!("{} 减 {}", item.label, item.step) disabled=move || locked.get() on:click=move |_| change(-step.tenths())>"−"</button>
                                                <output class="value" data-testid=format!("value-{}", item.key)>{move || value.get().map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</output>
                                                <button type="button" class="step" aria-label=format!("{} 加 {}", item.label, item.step) disabled=move || locked.get() on:click=move |_| change2(step.tenths())>"+"</button>
                                                <input type="range" min="0" max=max.tenths() step=step.tenths() aria-label=format!("{} 分值", item.label)
                                                    disabled=move || locked.get()
                                                    prop:value=move || value.get().map_or(0, |v| v.tenths())
                                                    on:change=move |ev| {
                                                        if let Ok(v) = event_target_value(&ev).parse::<i32>() { on_value(sheet_id, key3.clone(), Tenths::from_tenths(v)); }
                                                    } />
                                            </div>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <div class="field">
                        <label for=format!("comment-{sheet_id}")>{tr("评语（考核组评语）", "Comments")}</label>
                        <textarea id=format!("comment-{sheet_id}") rows="3" prop:value=move || comment.get().unwrap_or_default()
                            disabled=move || locked.get()
                            on:change=move |ev| on_comment(sheet_id, event_target_value(&ev))></textarea>
                    </div>
                    <Signature locked=locked complete=Signal::derive(move || running.get().1 == 0) on_sign=move |data| on_sign(sheet_id, data) />
                    <p class="recuse">
                        <button type="button" class="small" disabled=move || locked.get() on:click=move |_| recuse()>{tr("申请回避", "Recuse myself")}</button>
                        {move || recuse_error.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                    </p>
                }.into_any(),
            }}
        </article>
    }
}

/// A signature drawn with a finger or stylus; submitting locks the sheet.
#[component]
fn Signature(
    locked: Memo<bool>,
    complete: Signal<bool>,
    on_sign: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drawing = StoredValue::new(false);
    let strokes = RwSignal::new(0u32);
    let ctx = move || -> Option<web_sys::CanvasRenderingContext2d> {
        let c: web_sys::HtmlCanvasElement = canvas.get_untracked()?.unchecked_into();
        c.get_context("2d").ok()??.dyn_into().ok()
    };
    let point = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c: web_sys::HtmlCanvasElement = canvas.get_untracked()?.unchecked_into();
        let r = c.get_bounding_client_rect();
        let sx = f64::from(c.width()) / r.width().max(1.0);
        let sy = f64::from(c.height()) / r.height().max(1.0);
        Some((
            (f64::from(ev.client_x()) - r.left()) * sx,
            (f64::from(ev.client_y()) - r.top()) * sy,
        ))
    };
    let down = move |ev: web_sys::PointerEvent| {
        if locked.get_untracked() {
            return;
        }
        ev.prevent_default();
        let (Some(g), Some((x, y))) = (ctx(), point(&ev)) else {
            return;
        };
        g.set_line_width(3.0);
        g.set_line_cap("round");
        g.begin_path();
        g.move_to(x, y);
        drawing.set_value(true);
    };
    let moved = move |ev: web_sys::PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        ev.prevent_default();
        let (Some(g), Some((x, y))) = (ctx(), point(&ev)) else {
            return;
        };
        g.line_to(x, y);
        g.stroke();
    };
    let up = move |_: web_sys::PointerEvent| {
        if drawing.get_value() {
            drawing.set_value(false);
            strokes.update(|n| *n += 1);
        }
    };
    let clear = move |_| {
        if let (Some(g), Some(c)) = (ctx(), canvas.get_untracked()) {
            let c: web_sys::HtmlCanvasElement = c.unchecked_into();
            g.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
        }
        strokes.set(0);
    };
    let submit = move |_| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let c: web_sys::HtmlCanvasElement = c.unchecked_into();
        if let Ok(data) = c.to_data_url() {
            on_sign(data);
        }
    };
    view! {
        <div class="signature">
            {move || if locked.get() {
                view! { <p class="notice good" data-testid="signed">{tr("已签名提交，本表已锁定（如需修改请联系组长重新开启）。", "Signed and locked (the chair can reopen it).")}</p> }.into_any()
            } else {
                view! {
                    <p>{tr("全部项目评分后，请在下方签名并提交：", "When every item is scored, sign below and submit:")}</p>
                }.into_any()
            }}
            <canvas node_ref=canvas width="600" height="160" class="pad" data-testid="signature-pad" class:hidden=move || locked.get()
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointerleave=up></canvas>
            <div class="actions" class:hidden=move || locked.get()>
                <button type="button" class="small" on:click=clear>{tr("清除签名", "Clear")}</button>
                <button type="button" class="primary big" disabled=move || !complete.get() || strokes.get() == 0 on:click=submit>{tr("签名提交", "Sign and submit")}</button>
            </div>
        </div>
    }
}
