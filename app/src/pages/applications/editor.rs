//! New and edited applications: the eligibility form, the live verdict and the justifications.

use super::{failure_text, today};
use crate::api::{self, ApiFailure};
use crate::components::eligibility_form::EligibilityForm;
use crate::components::fields::TextField;
use crate::components::verdict::VerdictPanel;
use crate::form::FormState;
use crate::i18n::{Lang, pick, tr, use_lang};
use crate::session::use_session;
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::Severity;
use shared::application::{
    ApplicationEdit, ApplicationView, Justifications, NewApplication, StudioProfile,
};
use shared::eligibility::{self, EligibilityPolicy};
use shared::wire::FieldError;
use wasm_bindgen::JsCast;

/// New (`id` = None) or edit of a draft / returned application.
#[component]
pub fn ApplicationEditor() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let existing = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::get::<shared::api::applications::GetApplication>(&[id])
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    let rounds = LocalResource::new(|| api::get::<shared::api::procedure::ListRounds>(&[]));
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
                            (None, Some(r)) => {
                                let (title, from, to) = (r.title.clone(), r.opens_on, r.closes_on);
                                let lead = move || pick(format!("{title}（受理期 {from} 至 {to}）"), format!("{title} (open from {from} to {to})"));
                                view! {
                                    <p class="lead">{lead}</p>
                                    <Editor existing=None round_id=r.id />
                                }.into_any()
                            }
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
    let key = existing
        .as_ref()
        .map(|v| v.id.to_string())
        .unwrap_or_else(|| "new".into());
    // A draft kept on this device wins over the server's copy when it was started from the same
    // version (unsaved work); an older one is dropped.
    let kept =
        storage::load_draft(&key).filter(|d| d.version == existing.as_ref().map(|v| v.version));
    let restored = kept.is_some();
    // The day the rules count on is the server's: the first submission's, or today until then.
    let date_final = existing.as_ref().is_some_and(|v| v.date_final);
    let evaluated_on = existing
        .as_ref()
        .filter(|v| v.date_final)
        .map(|v| v.evaluated_on.to_string())
        .unwrap_or_else(today);
    let (mut initial, initial_just, initial_profile) = match (kept, existing.as_ref()) {
        (Some(d), _) => (d.form, d.justifications, d.profile),
        (None, Some(v)) => (
            FormState::from_input(&v.facts),
            v.justifications.clone(),
            v.profile.clone(),
        ),
        (None, None) => (
            FormState {
                application_date: today(),
                ..FormState::default()
            },
            Justifications::default(),
            StudioProfile::default(),
        ),
    };
    initial.application_date = evaluated_on;
    let form = RwSignal::new(initial);
    let justifications = RwSignal::new(initial_just);
    let profile = RwSignal::new(initial_profile);
    let server_version = RwSignal::new(existing.as_ref().map(|v| v.version));
    {
        let key = key.clone();
        Effect::new(move |first: Option<()>| {
            let draft = storage::EditorDraft {
                form: form.get(),
                justifications: justifications.get(),
                profile: profile.get(),
                version: server_version.get_untracked(),
            };
            if first.is_some() {
                storage::save_draft(&key, &draft);
            }
        });
    }
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
    // The profile's own checks as it is typed (the identity number against the leader's birth
    // date), then the server's errors on `profile.*`, each at its field.
    let profile_errors = Signal::derive(move || {
        let birth =
            form.with(|f| chrono::NaiveDate::parse_from_str(&f.birth_date, "%Y-%m-%d").ok());
        let local = profile.with(|p| p.check_typed(birth));
        local
            .into_iter()
            .chain(server_errors.get())
            .filter_map(|e| {
                e.field.strip_prefix("profile.").map(|f| FieldError {
                    field: f.to_owned(),
                    ..e.clone()
                })
            })
            .collect::<Vec<_>>()
    });
    let profile_error = move |field: &str| {
        profile_errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| pick(e.message.clone(), e.message_en.clone()))
        })
    };
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
    let existing_id = existing.as_ref().map(|v| v.id);
    let saving = RwSignal::new(false);
    let saved_note = RwSignal::new(None::<String>);
    // Sends the edit; `then_open` opens the saved application (the button), otherwise it stays
    // (autosave). Returns at once when a save is under way or the form is incomplete.
    let send = move |then_open: bool| {
        let Some(csrf) = session.csrf() else { return };
        if saving.get_untracked() {
            return;
        }
        let Ok(facts) = form.with_untracked(|f| f.to_input()) else {
            if then_open {
                failure.set(Some(
                    pick("请先完善申报信息。", "Complete the form first.").into(),
                ));
            }
            return;
        };
        let profile_now = profile.get_untracked();
        let key = key.clone();
        let just: Justifications = justifications
            .get_untracked()
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let navigate = navigate.clone();
        saving.set(true);
        spawn_local(async move {
            let outcome = match (existing_id, server_version.get_untracked()) {
                (Some(id), Some(version)) => {
                    api::send::<shared::api::applications::UpdateApplication>(
                        &[id],
                        &ApplicationEdit {
                            version,
                            facts,
                            justifications: just,
                            profile: profile_now,
                        },
                        &csrf,
                    )
                    .await
                }
                _ => {
                    api::send::<shared::api::applications::CreateApplication>(
                        &[],
                        &NewApplication {
                            round_id,
                            facts,
                            justifications: just,
                            profile: profile_now,
                        },
                        &csrf,
                    )
                    .await
                }
            };
            match outcome {
                Ok(view) => {
                    storage::clear_draft(&key);
                    server_errors.set(Vec::new());
                    failure.set(None);
                    server_version.set(Some(view.version));
                    let version = view.version;
                    saved_note.set(Some(pick(
                        format!("已保存，第 {version}"),
                        format!("Saved, version {version}"),
                    )));
                    if then_open || existing_id.is_none() {
                        crate::go(&navigate, &format!("/applications/{}", view.id));
                    }
                }
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
    let save = {
        let send = send.clone();
        move |_| send(true)
    };
    // Autosave of an existing draft: 2 s after the last change, to the server (the device copy is
    // already kept on every keystroke).
    if existing_id.is_some() {
        let pending = StoredValue::new(None::<i32>);
        let send = send.clone();
        Effect::new(move |first: Option<()>| {
            form.track();
            justifications.track();
            profile.track();
            if first.is_none() {
                return;
            }
            if let (Some(handle), Some(w)) = (pending.get_value(), web_sys::window()) {
                w.clear_timeout_with_handle(handle);
            }
            let send = send.clone();
            let cb = wasm_bindgen::closure::Closure::once_into_js(move || send(false));
            let handle = web_sys::window().and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 2000)
                    .ok()
            });
            pending.set_value(handle);
        });
    }
    let text = move |get: fn(&StudioProfile) -> &String| move || profile.with(|p| get(p).clone());
    view! {
        {restored.then(|| view! { <p class="notice" data-testid="draft-restored">{tr("已恢复本设备上未保存的修改。", "Unsaved changes kept on this device were restored.")}</p> })}
        <fieldset class="card form profile">
            <legend>{tr("工作室基本情况", "The studio")}</legend>
            <div class="row">
                <TextField id="profile-leader" zh="领办人姓名" en="Leader's name" kind="text" path="leader_name"
                    value=Signal::derive(text(|p| &p.leader_name)) on_input=Callback::new(move |v| profile.update(|p| p.leader_name = v)) errors=profile_errors />
                <TextField id="profile-leader-id" zh="领办人身份证号" en="Leader's identity number" kind="text" path="leader_id_number"
                    hint_zh="第十八条按身份证号核对退出记录；保存后仅显示前 6 位和后 4 位" hint_en="Art. 18 checks exits by it; shown masked once saved"
                    value=Signal::derive(text(|p| &p.leader_id_number)) on_input=Callback::new(move |v| profile.update(|p| p.leader_id_number = v)) errors=profile_errors />
            </div>
            <div class="row">
                <TextField id="profile-occupation" zh="职业（工种）" en="Occupation" kind="text" path="occupation"
                    value=Signal::derive(text(|p| &p.occupation)) on_input=Callback::new(move |v| profile.update(|p| p.occupation = v)) errors=profile_errors />
                <TextField id="profile-industry" zh="所属行业" en="Industry" kind="text" path="industry"
                    value=Signal::derive(text(|p| &p.industry)) on_input=Callback::new(move |v| profile.update(|p| p.industry = v)) errors=profile_errors />
            </div>
            <div class="row">
                <TextField id="profile-name" zh="工作室名称（可留空）" en="Studio name (optional)" kind="text" path="studio_name"
                    hint_zh="留空则为“领办人姓名＋技能大师工作室”" hint_en="Blank: the leader's name followed by \"Skill Master Studio\" (in Chinese)"
                    value=Signal::derive(text(|p| &p.studio_name)) on_input=Callback::new(move |v| profile.update(|p| p.studio_name = v)) errors=profile_errors />
            </div>
            <div class="field" class:invalid=move || profile_error("plan").is_some()>
                <label for="profile-plan">{tr("建设方案（目标、团队、培训与传承计划）", "Construction plan (goals, team, training and passing on)")}</label>
                <textarea id="profile-plan" rows="6" prop:value=move || profile.with(|p| p.plan.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); profile.update(|p| p.plan = v); }></textarea>
                {move || profile_error("plan").map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
        </fieldset>
        <div class="self-check-grid">
            <div>
                <EligibilityForm form=form errors=errors date_note=Signal::derive(move || {
                    if date_final {
                        pick("申报日期（首次提交日）：", "Application date (the first submission): ")
                    } else {
                        pick("按今天核验，提交时以提交当日为准：", "Checked as of today; the submission day decides: ")
                    }
                    .to_owned()
                }) />
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
                    <span class="saved-note" role="status" data-testid="saved-note">{move || saved_note.get()}</span>
                    {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                </div>
            </div>
            <aside class="card result">
                <VerdictPanel result=result />
            </aside>
        </div>
    }
}
