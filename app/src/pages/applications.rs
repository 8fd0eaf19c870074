//! Applications (第四章): the applicant drafts beside the live verdict and writes a justification for
//! every warning; the channel (or HRSS for direct applications) returns or recommends.

use crate::api::{self, ApiFailure};
use crate::components::eligibility_form::EligibilityForm;
use crate::components::verdict::VerdictPanel;
use crate::form::FormState;
use crate::i18n::{Lang, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::Severity;
use shared::account::Role;
use shared::application::{
    ApplicationEdit, ApplicationView, Justifications, NewApplication, TransitionRequest,
};
use shared::eligibility::{self, EligibilityPolicy};
use shared::wire::FieldError;
use shared::workflow::{Action, AppState};

fn state_label(s: AppState, lang: Lang) -> &'static str {
    if lang == Lang::En {
        match s {
            AppState::Draft => "draft",
            AppState::Submitted => "submitted",
            AppState::Returned => "returned for correction",
            AppState::Recommended => "recommended",
            AppState::DefenseReview => "defense review",
            AppState::FieldInspection => "field inspection",
            AppState::Proposed => "proposed, in public notice",
            AppState::Approved => "approved",
            AppState::NotSelected => "not selected",
            AppState::Withdrawn => "withdrawn",
        }
    } else {
        s.label_zh()
    }
}

/// Today in the browser's calendar, as `YYYY-MM-DD`.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn failure_text(f: &ApiFailure) -> String {
    let lang = use_lang().get_untracked();
    match f {
        ApiFailure::Server(body) if !body.fields.is_empty() => body
            .fields
            .iter()
            .map(|e| {
                if lang == Lang::En {
                    e.message_en.clone()
                } else {
                    e.message.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("；"),
        other => other.message(),
    }
}

/// Asks before a move that cannot be undone.
fn confirmed(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

#[component]
pub fn ApplicationList() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let list = LocalResource::new(api::applications);
    let is_applicant = move || session.role() == Some(Role::Applicant);
    view! {
        <section class="page">
            <h1>{tr("申报", "Applications")}</h1>
            <Show when=is_applicant>
                <p><a class="button primary" href="/applications/new">{tr("新建申报", "New application")}</a></p>
            </Show>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || list.get().map(|r| match r {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{tr("暂无申报。", "No applications yet.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <div class="table-wrap">
                            <table class="data">
                                <thead>
                                    <tr>
                                        <th scope="col">"#"</th>
                                        <th scope="col">{tr("申报单位", "Unit")}</th>
                                        <th scope="col">{tr("年度", "Year")}</th>
                                        <th scope="col">{tr("状态", "State")}</th>
                                        <th scope="col">{tr("资格结论", "Eligibility")}</th>
                                        <th scope="col">{tr("推荐渠道", "Channel")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|a| {
                                        let (state, verdict) = (a.state, a.eligibility.verdict);
                                        view! {
                                            <tr data-state=shared_state(state)>
                                                <td><a href=format!("/applications/{}", a.id)>{format!("#{}", a.id)}</a></td>
                                                <td>{a.unit_name.clone()}</td>
                                                <td>{a.round_year}</td>
                                                <td>{move || state_label(state, lang.get())}</td>
                                                <td><span class=format!("badge sev-{}", verdict.as_str())>{move || if lang.get() == Lang::En { verdict.label_en() } else { verdict.label_zh() }}</span></td>
                                                <td>{a.channel.clone()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn shared_state(s: AppState) -> String {
    crate::components::eligibility_form::enum_value(&s)
}

/// New (`id` = None) or edit of a draft / returned application.
#[component]
pub fn ApplicationEditor() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let existing = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::application(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let rounds = LocalResource::new(api::rounds);
    view! {
        <section class="page">
            <h1>{move || if id().is_some() { tr("修改申报", "Edit the application")() } else { tr("新建申报", "New application")() }}</h1>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || match (existing.get(), rounds.get()) {
                    (Some(Ok(view)), Some(Ok(rounds))) => {
                        let today = today();
                        let open = rounds.into_iter().find(|r| r.opens_on.to_string() <= today && today <= r.closes_on.to_string());
                        match (view, open) {
                            (Some(v), _) => view! { <Editor existing=Some(v) round_id=0 /> }.into_any(),
                            (None, Some(r)) => view! {
                                <p class="lead">{format!("{}（受理期 {} 至 {}）", r.title, r.opens_on, r.closes_on)}</p>
                                <Editor existing=None round_id=r.id />
                            }.into_any(),
                            (None, None) => view! { <p class="notice">{tr("当前没有开放的申报轮次。", "No round is open for applications now.")}</p> }.into_any(),
                        }
                    }
                    (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    _ => view! { <p>"…"</p> }.into_any(),
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Editor(existing: Option<ApplicationView>, round_id: i32) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let initial = existing
        .as_ref()
        .map(|v| FormState::from_input(&v.facts))
        .unwrap_or_else(|| FormState {
            application_date: today(),
            ..FormState::default()
        });
    let form = RwSignal::new(initial);
    let justifications = RwSignal::new(
        existing
            .as_ref()
            .map(|v| v.justifications.clone())
            .unwrap_or_default(),
    );
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let result = Memo::new(move |_| {
        form.with(|f| f.to_input())
            .map(|input| eligibility::evaluate(&input, &EligibilityPolicy::default()))
    });
    // The form shows the server's errors on `facts.*` next to the same fields as its own.
    let errors = Signal::derive(move || {
        let mut all = result.with(|r| r.as_ref().err().cloned().unwrap_or_default());
        all.extend(server_errors.get().into_iter().filter_map(|e| {
            e.field.strip_prefix("facts.").map(|f| FieldError {
                field: f.to_owned(),
                ..e.clone()
            })
        }));
        all
    });
    let warnings = move || {
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.findings
                        .iter()
                        .filter(|f| f.severity == Severity::Warning)
                        .map(|f| (f.rule.clone(), f.message_zh.clone(), f.message_en.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let version = existing.as_ref().map(|v| v.version);
    let existing_id = existing.as_ref().map(|v| v.id);
    let saving = RwSignal::new(false);
    let save = move |_| {
        let Some(csrf) = session.csrf() else { return };
        if saving.get_untracked() {
            return;
        }
        let Ok(facts) = form.with_untracked(|f| f.to_input()) else {
            failure.set(Some(if lang.get_untracked() == Lang::En {
                "Complete the form first.".into()
            } else {
                "请先完善申报信息。".into()
            }));
            return;
        };
        let just: Justifications = justifications
            .get_untracked()
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let navigate = navigate.clone();
        saving.set(true);
        spawn_local(async move {
            let outcome = match (existing_id, version) {
                (Some(id), Some(version)) => {
                    api::update_application(
                        id,
                        &ApplicationEdit {
                            version,
                            facts,
                            justifications: just,
                        },
                        &csrf,
                    )
                    .await
                }
                _ => {
                    api::create_application(
                        &NewApplication {
                            round_id,
                            facts,
                            justifications: just,
                        },
                        &csrf,
                    )
                    .await
                }
            };
            match outcome {
                Ok(view) => navigate(&format!("/applications/{}", view.id), Default::default()),
                Err(e) => {
                    if let ApiFailure::Server(body) = &e {
                        server_errors.set(body.fields.clone());
                    }
                    failure.set(Some(failure_text(&e)));
                }
            }
            saving.set(false);
        });
    };
    view! {
        <div class="self-check-grid">
            <div>
                <EligibilityForm form=form errors=errors />
                <Show when=move || !warnings().is_empty()>
                    <fieldset class="card form justifications">
                        <legend>{tr("需书面说明的事项", "Justifications required")}</legend>
                        {move || warnings().into_iter().map(|(rule, zh, en)| {
                            let id = format!("justify-{}", rule.replace('.', "-"));
                            let r1 = rule.clone();
                            let r2 = rule.clone();
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{if lang.get() == Lang::En { en } else { zh }}</label>
                                    <textarea
                                        id=id
                                        rows="3"
                                        prop:value=move || justifications.with(|j| j.get(&r1).cloned().unwrap_or_default())
                                        on:input=move |ev| {
                                            let text = event_target_value(&ev);
                                            justifications.update(|j| { j.insert(r2.clone(), text); });
                                        }
                                    ></textarea>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </Show>
                <div class="actions">
                    <button type="button" class="primary" on:click=save disabled=move || saving.get()>{tr("保存草稿", "Save the draft")}</button>
                    {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                </div>
            </div>
            <aside class="card result">
                <VerdictPanel result=result />
            </aside>
        </div>
    }
}

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
