//! HRSS: accounts — who may act for which unit or organisation; create, change, disable.

use crate::api::{self, ApiFailure};
use crate::components::table::{DataTable, col};
use crate::i18n::{Lang, pick, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::{NewUser, Role, ScopeKind, UserUpdate};

#[component]
pub fn AdminUsers() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let users = LocalResource::new(move || {
        reload.track();
        api::get::<shared::api::admin::ListUsers>(&[])
    });
    let scopes = LocalResource::new(|| api::get::<shared::api::admin::Scopes>(&[]));
    // The last enable/disable: the account and whether it is now disabled, or what went wrong.
    let notice = RwSignal::new(None::<Result<(String, bool), ApiFailure>>);
    let editing = RwSignal::new(None::<i32>);

    let toggle = move |id: i32, disable: bool| {
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            let change = UserUpdate {
                disabled: Some(disable),
                reason: Some(if disable {
                    "管理员停用".into()
                } else {
                    "管理员启用".into()
                }),
                ..UserUpdate::default()
            };
            match api::send::<shared::api::admin::UpdateUser>(&[id], &change, &csrf).await {
                Ok(u) => notice.set(Some(Ok((u.username, disable)))),
                Err(e) => notice.set(Some(Err(e))),
            }
            reload.update(|n| *n += 1);
        });
    };

    view! {
        <section class="page">
            <h1>{tr("用户与权限", "Users and roles")}</h1>
            {move || notice.get().map(|n| {
                let m = match n {
                    Ok((name, true)) => pick(format!("{name} 已停用"), format!("{name} disabled")),
                    Ok((name, false)) => pick(format!("{name} 已启用"), format!("{name} enabled")),
                    Err(e) => e.message(),
                };
                view! { <p class="notice" role="status">{m}</p> }
            })}
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || {
                    users
                        .get()
                        .map(|r| match r {
                            Ok(list) => view! {
                                <DataTable columns=vec![col("用户名", "Username"), col("姓名", "Name"), col("角色", "Role"), col("范围", "Scope"), col("状态", "Status"), col("操作", "Actions")]>
                                            {list
                                                .into_iter()
                                                .map(|u| {
                                                    let (id, disabled, role) = (u.id, u.disabled, u.role);
                                                    let edited = u.clone();
                                                    let edit_row = move || {
                                                        let scopes = scopes.get().and_then(|r| r.ok())?;
                                                        (editing.get() == Some(id)).then(|| {
                                                            let done = move || {
                                                                editing.set(None);
                                                                reload.update(|n| *n += 1);
                                                            };
                                                            view! {
                                                                <tr class="edit-row">
                                                                    <td colspan="6">
                                                                        <EditUserForm user=edited.clone() scopes=scopes on_done=done />
                                                                    </td>
                                                                </tr>
                                                            }
                                                        })
                                                    };
                                                    view! {
                                                        <tr class:disabled=disabled>
                                                            <td>{u.username.clone()}</td>
                                                            <td>{u.display_name.clone()}</td>
                                                            <td>{move || if lang.get() == Lang::En { role.label_en() } else { role.label_zh() }}</td>
                                                            <td>{u.scope_name.clone().unwrap_or_else(|| pick("全区", "Whole region").into())}</td>
                                                            <td>{move || if disabled { tr("已停用", "disabled")() } else { tr("正常", "active")() }}</td>
                                                            <td>
                                                                <button type="button" class="small" on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>
                                                                    {tr("修改", "Edit")}
                                                                </button>
                                                                " "
                                                                <button type="button" class="small" on:click=move |_| toggle(id, !disabled)>
                                                                    {move || if disabled { tr("启用", "Enable")() } else { tr("停用", "Disable")() }}
                                                                </button>
                                                            </td>
                                                        </tr>
                                                        {edit_row}
                                                    }
                                                })
                                                .collect_view()}
                                        </DataTable>
                            }
                            .into_any(),
                            Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                        })
                }}
            </Suspense>
            <h2>{tr("新建账号", "New account")}</h2>
            <Suspense fallback=|| ()>
                {move || scopes.get().and_then(|r| r.ok()).map(|s| view! { <NewUserForm scopes=s on_created=move || reload.update(|n| *n += 1) /> })}
            </Suspense>
        </section>
    }
}

#[component]
fn NewUserForm(
    scopes: shared::account::Scopes,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Applicant);
    let scope_id = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    // The username of the account just created.
    let done = RwSignal::new(None::<String>);
    let field_error =
        move |name: &'static str| move || failure.with(|f| f.as_ref().and_then(|f| f.field(name)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let r = role.get_untracked();
        let id = scope_id.get_untracked().parse::<i32>().ok();
        let new = NewUser {
            username: username.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked(),
            password: password.get_untracked(),
            role: r,
            unit_id: if r.scope() == ScopeKind::Unit {
                id
            } else {
                None
            },
            org_id: if r.scope() == ScopeKind::Org {
                id
            } else {
                None
            },
        };
        // The same checks the server makes, before sending.
        if let Err(errors) = new.check() {
            failure.set(Some(ApiFailure::Server(
                shared::wire::ErrorBody::validation(errors),
            )));
            return;
        }
        spawn_local(async move {
            match api::send::<shared::api::admin::CreateUser>(&[], &new, &csrf).await {
                Ok(u) => {
                    failure.set(None);
                    done.set(Some(u.username));
                    username.set(String::new());
                    password.set(String::new());
                    on_created();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let scopes = StoredValue::new(scopes);
    view! {
        <form class="card form grid-2" on:submit=submit>
            <div class="field">
                <label for="new-username">{tr("用户名", "Username")}</label>
                <input id="new-username" autocapitalize="none" prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev)) />
                {move || field_error("username")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="new-name">{tr("姓名", "Name")}</label>
                <input id="new-name" prop:value=move || display_name.get() on:input=move |ev| display_name.set(event_target_value(&ev)) />
                {move || field_error("display_name")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="new-password">{tr("初始密码", "Initial password")}</label>
                <input id="new-password" type="password" autocomplete="new-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                {move || field_error("password")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
            <RoleSelect id="new-role" role=role scope_id=scope_id error=Signal::derive(|| None) />
            <ScopeSelect id="new-scope" role=role value=scope_id scopes=scopes error=Signal::derive(move || field_error("unit_id")().or_else(field_error("org_id"))) />
            <div class="actions">
                <button type="submit" class="primary">{tr("创建账号", "Create account")}</button>
                {move || done.get().map(|name| view! { <span class="notice" role="status">{pick(format!("已创建 {name}"), format!("Created {name}"))}</span> })}
            </div>
        </form>
    }
}

/// The unit (applicants) or organisation (recommenders) an account acts for; nothing for the
/// region-wide roles.
#[component]
fn ScopeSelect(
    id: &'static str,
    role: RwSignal<Role>,
    value: RwSignal<String>,
    scopes: StoredValue<shared::account::Scopes>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let options = move || match role.get().scope() {
        ScopeKind::Unit => scopes.with_value(|s| s.units.clone()),
        ScopeKind::Org => scopes.with_value(|s| s.orgs.clone()),
        ScopeKind::Region => Vec::new(),
    };
    view! {
        <Show when=move || role.get().scope() != ScopeKind::Region>
            <div class="field">
                <label for=id>{tr("所属单位或推荐单位", "Unit or organisation")}</label>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{tr("请选择", "Choose…")}</option>
                    {move || {
                        options()
                            .into_iter()
                            .map(|o| {
                                let v = o.id.to_string();
                                let selected = v == value.get_untracked();
                                view! { <option value=v selected=selected>{o.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
        </Show>
    }
}

/// Change an account's name, role and scope, with the reason recorded in the audit trail.
#[component]
fn EditUserForm(
    user: shared::account::UserSummary,
    scopes: shared::account::Scopes,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let id = user.id;
    let display_name = RwSignal::new(user.display_name.clone());
    let role = RwSignal::new(user.role);
    let scope_id = RwSignal::new(
        user.unit_id
            .or(user.org_id)
            .map(|i| i.to_string())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    let scopes = StoredValue::new(scopes);
    let field_error =
        move |name: &'static str| move || failure.with(|f| f.as_ref().and_then(|f| f.field(name)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let r = role.get_untracked();
        let scope = scope_id.get_untracked().parse::<i32>().ok();
        let change = UserUpdate {
            display_name: Some(display_name.get_untracked()),
            role: Some(r),
            unit_id: if r.scope() == ScopeKind::Unit {
                scope
            } else {
                None
            },
            org_id: if r.scope() == ScopeKind::Org {
                scope
            } else {
                None
            },
            disabled: None,
            reason: Some(reason.get_untracked()),
        };
        spawn_local(async move {
            match api::send::<shared::api::admin::UpdateUser>(&[id], &change, &csrf).await {
                Ok(_) => on_done(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let edit_id = |s: &str| format!("edit-{id}-{s}");
    view! {
        <form class="form grid-2" on:submit=submit>
            <div class="field">
                <label for=edit_id("name")>{tr("姓名", "Name")}</label>
                <input id=edit_id("name") prop:value=move || display_name.get() on:input=move |ev| display_name.set(event_target_value(&ev)) />
                {move || field_error("display_name")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </div>
            <RoleSelect id="edit-role" role=role scope_id=scope_id error=Signal::derive(move || field_error("role")()) />
            <ScopeSelect id="edit-scope" role=role value=scope_id scopes=scopes error=Signal::derive(move || field_error("unit_id")().or_else(field_error("org_id"))) />
            <div class="field">
                <label for=edit_id("reason")>{tr("变更理由（记入审计日志）", "Reason (kept in the audit trail)")}</label>
                <input id=edit_id("reason") prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="submit" class="primary">{tr("保存修改", "Save changes")}</button>
                {move || failure.get().filter(|f| f.code() != Some(shared::wire::ErrorCode::Validation)).map(|f| view! { <p class="error" role="alert">{f.message()}</p> })}
            </div>
        </form>
    }
}

/// The role of an account; choosing another role clears the scope, which belongs to the role.
#[component]
fn RoleSelect(
    id: &'static str,
    role: RwSignal<Role>,
    scope_id: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=id>{tr("角色", "Role")}</label>
            <select id=id on:change=move |ev| {
                if let Some(r) = Role::ALL.into_iter().find(|r| shared::wire::enum_name(r) == event_target_value(&ev)) {
                    role.set(r);
                    scope_id.set(String::new());
                }
            }>
                {Role::ALL
                    .into_iter()
                    .map(|r| view! { <option value=shared::wire::enum_name(&r) selected=move || role.get() == r>{move || if lang.get() == Lang::En { r.label_en() } else { r.label_zh() }}</option> })
                    .collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </div>
    }
}
