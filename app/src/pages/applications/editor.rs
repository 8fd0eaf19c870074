//! New and edited applications: the eligibility form, the live verdict and the justifications.

use super::{failure_text, today};
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
use shared::application::{ApplicationEdit, ApplicationView, Justifications, NewApplication};
use shared::eligibility::{self, EligibilityPolicy};
use shared::wire::FieldError;

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
