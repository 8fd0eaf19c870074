//! One candidate's sheet: the items with guidance and large controls, the running total, the
//! comment, recusal.

use super::choice;
use super::queue::local_values;
use super::queue::locally_signed;
use super::queue::packet_key;
use super::signature::Signature;
use crate::api;
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Tenths;
use shared::panel::{PanelState, PanelView, SyncRequest};
use shared::scoring::Rubric;
use std::collections::BTreeMap;

#[component]
pub(super) fn Sheet(
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
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "申请回避后您将不再为该对象评分。请填写回避理由（如与申报单位存在利害关系）：",
            "Once recused you no longer score this candidate. Give the reason (e.g. a tie to the applicant unit):",
        );
        spawn_local(async move {
            let Some(reason) = dialog::reason(question.to_owned()).await else {
                return;
            };
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
                Err(api::ApiFailure::Network(_)) => recuse_error.set(Some(
                    tr(
                        "申请回避须联网，请恢复网络后再试",
                        "Recusing needs the network: try again once online",
                    )()
                    .into(),
                )),
                Err(e) => recuse_error.set(Some(e.message())),
            }
        });
    };
    let rubric_total = rubric.clone();
    let max_total = rubric.max_total();
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
                    {move || { let (t, m) = running.get(); if m == 0 { pick(format!("合计 {t} 分"), format!("Total {t}")) } else { pick(format!("已评 {t} 分（{m} 项未评）"), format!("{t} so far ({m} item(s) not scored)")) } }}
                    <span class="muted">{move || pick(format!(" / 满分 {max_total}"), format!(" / out of {max_total}"))}</span>
                </p>
            </header>
            {match recused {
                Some(why) => view! { <p class="notice bad" data-testid="recused">{move || pick(format!("回避：{why}。本表不计分。"), format!("Recused: {why}. This sheet does not count."))}</p> }.into_any(),
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
                            let minus_label = {
                                let l = item.label.clone();
                                move || pick(format!("{l} 减 {step}"), format!("{l}: minus {step}"))
                            };
                            let plus_label = {
                                let l = item.label.clone();
                                move || pick(format!("{l} 加 {step}"), format!("{l}: plus {step}"))
                            };
                            let range_label = {
                                let l = item.label.clone();
                                move || pick(format!("{l} 分值"), format!("{l}: score"))
                            };
                            view! {
                                <li class="item" data-item=item.key.clone()>
                                    <div class="item-head">
                                        <strong>{item.label.clone()}</strong>
                                        <span class="muted">{move || if assessment { pick(format!(" 满分 {max} · 按附件分档"), format!(" max {max} · fixed scores of the annex")) } else { pick(format!(" 满分 {max} · 步长 {step}"), format!(" max {max} · step {step}")) }}</span>
                                        {item.computed.then(|| view! { <span class="badge">{tr("系统计算，请核实", "Computed by the system: please check")}</span> })}
                                    </div>
                                    <p class="guidance">{item.guidance.clone()}</p>
                                    {computed.iter().find(|c| c.item == item.key).cloned().map(|c| {
                                        let key4 = item.key.clone();
                                        let (score, why, why_en) = (c.score, c.explanation.clone(), c.explanation_en.clone());
                                        view! {
                                            <p class="computed-item" data-testid=format!("computed-{}", item.key)>
                                                {move || pick(format!("系统按上报数据计算：{score} 分（{why}）"), format!("Computed from the reported figures: {score} ({why_en})"))}
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
                                                <button type="button" class="step" aria-label=minus_label disabled=move || locked.get() on:click=move |_| change(-step.tenths())>"−"</button>
                                                <output class="value" data-testid=format!("value-{}", item.key)>{move || value.get().map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</output>
                                                <button type="button" class="step" aria-label=plus_label disabled=move || locked.get() on:click=move |_| change2(step.tenths())>"+"</button>
                                                <input type="range" min="0" max=max.tenths() step=step.tenths() aria-label=range_label
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
