//! One application: its state and verdict, and the moves the signed-in user may make now.

use super::evidence::Evidence;
use super::timeline::Timeline;
use super::{failure_text, shared_state, state_label};
use crate::api::{self, ApiFailure};
use crate::components::dialog;
use crate::components::verdict::VerdictPanel;
use crate::i18n::{pick, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::Tenths;
use shared::application::{ApplicationView, TransitionRequest};
use shared::procedure::{DefenseScore, InspectionResult};
use shared::workflow::{Action, AppState};

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let current = RwSignal::new(None::<Result<ApplicationView, ApiFailure>>);
    // Bumped on every move, so the timeline reloads.
    let moves = RwSignal::new(0);
    Effect::new(move |_| {
        if let Some(id) = id() {
            spawn_local(async move {
                current.set(Some(
                    api::get::<shared::api::applications::GetApplication>(&[id]).await,
                ))
            });
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
                    let editable = use_session().role() == Some(shared::account::Role::Applicant)
                        && matches!(state, AppState::Draft | AppState::Returned);
                    view! {
                        <h1>{
                            let (unit, year, number) = (v.unit_name.clone(), v.round_year, v.id);
                            move || pick(format!("{unit} · {year} 年度申报 #{number}"), format!("{unit} · {year} application #{number}"))
                        }</h1>
                        <p class="lead">
                            <span class="state-badge" data-testid="application-state" data-state=shared_state(state)>{move || state_label(state, lang.get())}</span>
                            {
                                let (channel, version) = (v.channel.clone(), v.version);
                                move || pick(format!(" · 推荐渠道：{channel} · 第 {version} 版"), format!(" · channel: {channel} · version {version}"))
                            }
                        </p>
                        {v.last_reason.clone().filter(|_| matches!(state, AppState::Returned | AppState::NotSelected)).map(|r| view! { <p class="notice bad">{tr("退回/未入选理由：", "Reason: ")}{r}</p> })}
                        {(!v.unjustified.is_empty()).then(|| view! { <p class="notice">{tr("尚有需书面说明的事项未填写，填写后方可提交。", "Some warnings still need a justification before submitting.")}</p> })}
                        <div class="self-check-grid">
                            <div class="card">
                                <Actions view=v.clone() on_change=move |next| { current.set(Some(Ok(next))); moves.update(|n| *n += 1); } />
                                <Profile view=v.clone() />
                                <super::ban::BanExits view=v.clone() on_change=move || {
                                    moves.update(|n| *n += 1);
                                    let Some(app_id) = id() else { return };
                                    leptos::task::spawn_local(async move {
                                        if let Ok(next) = crate::api::get::<shared::api::applications::GetApplication>(&[app_id]).await {
                                            current.set(Some(Ok(next)));
                                        }
                                    });
                                } />
                                {(!v.justifications.is_empty()).then(|| view! {
                                    <h2>{tr("书面说明", "Justifications")}</h2>
                                    <dl class="stacked">
                                        {v.justifications.iter().map(|(rule, text)| {
                                            // Name the warning by its sentence and article, not its rule id.
                                            let finding = v.eligibility.findings.iter().find(|f| &f.rule == rule);
                                            let named = finding.map(|f| {
                                                let (zh, en, article) = (&f.message_zh, &f.message_en, &f.article);
                                                (format!("{zh}（{article}）"), format!("{en} ({article})"))
                                            });
                                            let rule = rule.clone();
                                            let label = move || match &named {
                                                Some((zh, en)) => pick(zh.clone(), en.clone()),
                                                None => rule.clone(),
                                            };
                                            view! { <dt>{label}</dt><dd>{text.clone()}</dd> }
                                        }).collect_view()}
                                    </dl>
                                })}
                            </div>
                            <aside class="card result"><VerdictPanel result=verdict /></aside>
                        </div>
                        <div class="self-check-grid">
                            <div class="card"><Evidence application=v.id editable=editable /></div>
                            <div class="card"><Timeline application=v.id refresh=moves /></div>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The studio the application proposes, and the results of the later stages.
#[component]
fn Profile(view: ApplicationView) -> impl IntoView {
    let p = view.profile.clone();
    let blank = |s: &str| {
        if s.trim().is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    view! {
        <h2>{tr("工作室基本情况", "The studio")}</h2>
        <dl class="facts">
            <dt>{tr("工作室名称", "Name")}</dt><dd data-testid="studio-name">{if p.leader_name.trim().is_empty() { "—".to_owned() } else { p.display_name() }}</dd>
            <dt>{tr("领办人", "Leader")}</dt><dd>{blank(&p.leader_name)}</dd>
            <dt>{tr("身份证号", "Identity number")}</dt><dd data-testid="leader-id">{blank(&p.leader_id_number)}</dd>
            <dt>{tr("职业（工种）", "Occupation")}</dt><dd>{blank(&p.occupation)}</dd>
            <dt>{tr("所属行业", "Industry")}</dt><dd>{blank(&p.industry)}</dd>
            {view.rank.map(|r| view! { <dt>{tr("推荐排序", "Rank")}</dt><dd data-testid="rank">{r}</dd> })}
            {view.defense_score.map(|s| view! { <dt>{tr("答辩得分", "Defense score")}</dt><dd data-testid="defense-score">{s.to_string()}</dd> })}
            {view.inspection_passed.map(|ok| view! {
                <dt>{tr("实地考察", "Field inspection")}</dt>
                <dd>{move || if ok { pick("通过", "Passed") } else { pick("未通过", "Not passed") }}{
                    let notes = view.inspection_notes.clone();
                    move || notes.as_ref().map(|n| pick(format!("（{n}）"), format!(" ({n})")))
                }</dd>
            })}
            {view.studio_id.map(|id| view! {
                <dt>{tr("已建工作室", "Studio")}</dt><dd><a href=format!("/studios/{id}") data-testid="studio-link">{tr("查看工作室与补助", "See the studio and its subsidy")}</a></dd>
            })}
        </dl>
        {(!p.plan.trim().is_empty()).then(|| view! {
            <details><summary>{tr("建设方案", "Construction plan")}</summary><p class="plan">{p.plan.clone()}</p></details>
        })}
    }
}

/// The moves the signed-in user may make now, with the fields each needs. What a role may do comes
/// from the same state machine the server enforces; the server still decides every guard.
#[component]
fn Actions(
    view: ApplicationView,
    on_change: impl Fn(ApplicationView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let role = session.role();
    let reason = RwSignal::new(String::new());
    let score = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let (id, version, hrss_direct, state) = (view.id, view.version, view.hrss_direct, view.state);
    let busy = RwSignal::new(false);
    let done = move |r: Result<ApplicationView, api::ApiFailure>| match r {
        Ok(next) => on_change(next),
        Err(e) => failure.set(Some(failure_text(&e))),
    };
    let act = move |action: Action| {
        let Some(csrf) = session.csrf() else { return };
        let question = match action {
            Action::Withdraw => Some(pick(
                "撤回后本申报即终止，不能再提交。确定撤回吗？",
                "A withdrawn application ends and cannot be submitted again. Withdraw it?",
            )),
            Action::Reject => Some(pick(
                "不予推荐后本申报即终止。确定不予推荐吗？",
                "Not recommending ends this application. Decline to recommend it?",
            )),
            Action::Approve => Some(pick(
                "批准后将建立工作室并核定补助。确定批准吗？",
                "Approval creates the studio and fixes its subsidy. Approve it?",
            )),
            _ => None,
        };
        if busy.get_untracked() {
            return;
        }
        let request = TransitionRequest {
            action,
            version,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            rank: None,
            party_meeting_date: None,
        };
        spawn_local(async move {
            // Busy only once confirmed: the button that asked stays enabled to take the focus back.
            if let Some(q) = question
                && !dialog::confirm(q.to_owned()).await
            {
                return;
            }
            busy.set(true);
            done(api::send::<shared::api::applications::Transition>(&[id], &request, &csrf).await);
            busy.set(false);
        });
    };
    let save_score = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let Some(parsed) = Tenths::parse(&score.get_untracked()) else {
            failure.set(Some(
                pick(
                    "请输入 0 到 100 之间、最多一位小数的分数",
                    "Enter a score from 0 to 100 with at most one decimal",
                )
                .into(),
            ));
            return;
        };
        spawn_local(async move {
            done(
                api::send::<shared::api::procedure::DefenseScore>(
                    &[id],
                    &DefenseScore {
                        version,
                        score: parsed,
                    },
                    &csrf,
                )
                .await,
            );
        });
    };
    let record_inspection = move |passed: bool| {
        let Some(csrf) = session.csrf() else { return };
        let body = InspectionResult {
            version,
            passed,
            notes: notes.get_untracked(),
        };
        spawn_local(async move {
            done(api::send::<shared::api::procedure::InspectionResult>(&[id], &body, &csrf).await);
        });
    };
    let may = |action: Action| {
        role.is_some_and(|r| shared::workflow::permitted(state, action, r, hrss_direct).is_ok())
    };
    let applicant_can_edit = may(Action::Submit);
    let can_return = may(Action::ReturnForCorrection);
    let direct_recommend = can_return && hrss_direct;
    let hrss = role == Some(shared::account::Role::HrssAdmin);
    let can_reject_late = hrss && may(Action::Reject) && !matches!(state, AppState::Submitted);
    view! {
        <div class="actions-panel">
            {applicant_can_edit.then(|| view! {
                <div class="actions">
                    <a class="button" href=format!("/applications/{id}/edit") rel=crate::rel_for("/applications/0/edit")>{tr("修改", "Edit")}</a>
                    <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::Submit)>{tr("提交申报", "Submit")}</button>
                    <button type="button" class="small" disabled=move || busy.get() on:click=move |_| act(Action::Withdraw)>{tr("撤回", "Withdraw")}</button>
                </div>
            })}
            {(can_return || can_reject_late).then(|| view! {
                <div class="field">
                    <label for="review-reason">{tr("理由（退回或不予推荐时必填）", "Reason (required to return or reject)")}</label>
                    <textarea id="review-reason" rows="3" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
            })}
            {can_return.then(|| view! {
                <div class="actions">
                    {direct_recommend.then(|| view! {
                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::Recommend)>{tr("推荐（直报）", "Recommend (direct)")}</button>
                    })}
                    {(!hrss_direct).then(|| view! {
                        <a class="button primary" href="/board">{tr("到推荐名单排序并提交", "Rank and submit on the list")}</a>
                    })}
                    <button type="button" class="small" on:click=move |_| act(Action::ReturnForCorrection)>{tr("退回修改", "Return for correction")}</button>
                    <button type="button" class="small" on:click=move |_| act(Action::Reject)>{tr("不予推荐", "Reject")}</button>
                </div>
            })}
            {may(Action::StartDefense).then(|| view! {
                <div class="actions">
                    <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::StartDefense)>{tr("进入答辩评审", "Start the defense review")}</button>
                </div>
            })}
            {(hrss && state == AppState::DefenseReview).then(|| view! {
                <div class="row">
                    <div class="field">
                        <label for="defense-score">{tr("答辩得分（评审组汇总，0–100）", "Defense score (panel aggregate, 0–100)")}</label>
                        <input id="defense-score" type="text" inputmode="decimal" prop:value=move || score.get() on:input=move |ev| score.set(event_target_value(&ev)) />
                    </div>
                    <button type="button" class="primary" on:click=save_score>{tr("保存得分", "Save the score")}</button>
                </div>
            })}
            {(hrss && state == AppState::FieldInspection).then(|| view! {
                <div class="field">
                    <label for="inspection-notes">{tr("考察意见（未通过时必填）", "Inspection notes (required if failed)")}</label>
                    <textarea id="inspection-notes" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| record_inspection(true)>{tr("考察通过", "Passed")}</button>
                    <button type="button" class="small" on:click=move |_| record_inspection(false)>{tr("考察未通过", "Failed")}</button>
                </div>
            })}
            {may(Action::Approve).then(|| view! {
                <div class="actions">
                    <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act(Action::Approve)>{tr("批准建设", "Approve")}</button>
                </div>
            })}
            {can_reject_late.then(|| view! {
                <div class="actions">
                    <button type="button" class="small" on:click=move |_| act(Action::Reject)>{tr("不予入选", "Not selected")}</button>
                </div>
            })}
            {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </div>
    }
}
