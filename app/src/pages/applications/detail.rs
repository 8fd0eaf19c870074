//! One application: its state and verdict, and the moves the signed-in user may make now.

use super::{confirmed, failure_text, shared_state, state_label};
use crate::api::{self, ApiFailure};
use crate::components::verdict::VerdictPanel;
use crate::i18n::{Lang, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::application::{ApplicationView, TransitionRequest};
use shared::workflow::Action;

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let current = RwSignal::new(None::<Result<ApplicationView, ApiFailure>>);
    Effect::new(move |_| {
        if let Some(id) = id() {
            spawn_local(async move { current.set(Some(api::application(id).await)) });
        }
    });
    view! {
        <section class="page">
            {move || match current.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) if e.code() == Some(shared::wire::ErrorCode::NotFound) => view! {
                    <h1 data-testid="not-found">{tr("未找到", "Not found")}</h1>
                    <p>{tr("该申报不存在，或不在您的查看范围内。", "This application does not exist or is outside what you may see.")}</p>
                }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(v)) => {
                    let report = v.eligibility.clone();
                    let verdict = Memo::new(move |_| Ok(report.clone()));
                    let state = v.state;
                    view! {
                        <h1>{format!("{} · {} 年度申报 #{}", v.unit_name, v.round_year, v.id)}</h1>
                        <p class="lead">
                            <span class="state-badge" data-testid="application-state" data-state=shared_state(state)>{move || state_label(state, lang.get())}</span>
                            {format!(" · {}：{} · 第 {} 版", if lang.get_untracked() == Lang::En { "channel" } else { "推荐渠道" }, v.channel, v.version)}
                        </p>
                        {v.last_reason.clone().map(|r| view! { <p class="notice bad">{tr("退回/不予推荐理由：", "Reason: ")}{r}</p> })}
                        {(!v.unjustified.is_empty()).then(|| view! { <p class="notice">{tr("尚有需书面说明的事项未填写，填写后方可提交。", "Some warnings still need a justification before submitting.")}</p> })}
                        <div class="self-check-grid">
                            <div class="card">
                                <Actions view=v.clone() on_change=move |next| current.set(Some(Ok(next))) />
                                {(!v.justifications.is_empty()).then(|| view! {
                                    <h2>{tr("书面说明", "Justifications")}</h2>
                                    <dl class="stacked">
                                        {v.justifications.iter().map(|(rule, text)| {
                                            // Name the warning by its sentence and article, not its rule id.
                                            let finding = v.eligibility.findings.iter().find(|f| &f.rule == rule);
                                            let label = finding.map(|f| format!("{}（{}）", if lang.get_untracked() == Lang::En { f.message_en.clone() } else { f.message_zh.clone() }, f.article)).unwrap_or_else(|| rule.clone());
                                            view! { <dt>{label}</dt><dd>{text.clone()}</dd> }
                                        }).collect_view()}
                                    </dl>
                                })}
                            </div>
                            <aside class="card result"><VerdictPanel result=verdict /></aside>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The moves the signed-in user may make now, with the fields each needs.
#[component]
fn Actions(
    view: ApplicationView,
    on_change: impl Fn(ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let role = session.role();
    let reason = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    let meeting = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let (id, version, hrss_direct, state) = (view.id, view.version, view.hrss_direct, view.state);
    let busy = RwSignal::new(false);
    let act = move |action: Action| {
        let Some(csrf) = session.csrf() else { return };
        let question = match action {
            Action::Withdraw => Some("撤回后本申报即终止，不能再提交。确定撤回吗？"),
            Action::Reject => Some("不予推荐后本申报即终止。确定不予推荐吗？"),
            _ => None,
        };
        if busy.get_untracked() || question.is_some_and(|q| !confirmed(q)) {
            return;
        }
        let request = TransitionRequest {
            action,
            version,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            rank: rank.get_untracked().trim().parse().ok(),
            party_meeting_date: meeting.get_untracked().parse().ok(),
        };
        busy.set(true);
        spawn_local(async move {
            match api::transition(id, &request, &csrf).await {
                Ok(next) => on_change(next),
                Err(e) => failure.set(Some(failure_text(&e))),
            }
            busy.set(false);
        });
    };
    // What the signed-in role may do now comes from the same state machine the server enforces.
    let may = |action: Action| {
        role.is_some_and(|r| shared::workflow::permitted(state, action, r, hrss_direct).is_ok())
    };
    let applicant_can_edit = may(Action::Submit);
    let can_review = may(Action::Recommend);
    view! {
        <div class="actions-panel">
            {applicant_can_edit.then(|| view! {
                <div class="actions">
                    <a class="button" href=format!("/applications/{id}/edit")>{tr("修改", "Edit")}</a>
                    <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::Submit)>{tr("提交申报", "Submit")}</button>
                    <button type="button" class="small" disabled=move || busy.get() on:click=move |_| act(Action::Withdraw)>{tr("撤回", "Withdraw")}</button>
                </div>
            })}
            {can_review.then(|| view! {
                <div class="form">
                    <div class="field">
                        <label for="review-reason">{tr("理由（退回或不予推荐时必填）", "Reason (required to return or reject)")}</label>
                        <textarea id="review-reason" rows="3" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </div>
                    {(!hrss_direct).then(|| view! {
                        <div class="row">
                            <div class="field">
                                <label for="review-rank">{tr("推荐排序", "Rank")}</label>
                                <input id="review-rank" type="number" min="1" inputmode="numeric" prop:value=move || rank.get() on:input=move |ev| rank.set(event_target_value(&ev)) />
                            </div>
                            <div class="field">
                                <label for="review-meeting">{tr("党组（党委）会议日期", "Party-group meeting date")}</label>
                                <input id="review-meeting" type="date" prop:value=move || meeting.get() on:input=move |ev| meeting.set(event_target_value(&ev)) />
                            </div>
                        </div>
                    })}
                    <div class="actions">
                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::Recommend)>{tr("推荐", "Recommend")}</button>
                        <button type="button" class="small" on:click=move |_| act(Action::ReturnForCorrection)>{tr("退回修改", "Return for correction")}</button>
                        <button type="button" class="small" on:click=move |_| act(Action::Reject)>{tr("不予推荐", "Reject")}</button>
                    </div>
                </div>
            })}
            {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </div>
    }
}
