//! The frame around every page: header with navigation and language switch, footer.

use crate::i18n::{Lang, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;

#[component]
pub fn Header(lang: RwSignal<Lang>) -> impl IntoView {
    let session = use_session();
    let title = tr("技能大师工作室管理系统", "Skill Master Studio System");
    let region = tr("宁夏回族自治区人力资源和社会保障厅", "Ningxia HRSS");
    let switch_label = move || {
        if lang.get() == Lang::Zh {
            "English"
        } else {
            "中文"
        }
    };
    let sign_out = move |_| {
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            if crate::api::send::<shared::api::accounts::Logout>(&[], &(), &csrf)
                .await
                .is_err()
            {
                if let Some(w) = web_sys::window() {
                    let _ = w.alert_with_message("退出失败，请检查网络后重试。Sign-out failed: check the connection and try again.");
                }
                return;
            }
            session.info.set(None);
            crate::storage::save_session(None);
            // A full load: the sign-in page belongs to the office bundle.
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign("/login");
            }
        });
    };
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{tr("跳到正文", "Skip to content")}</a>
            <a class="brand" href="/" rel=crate::rel_for("/")>
                <span class="brand-mark" aria-hidden="true">"匠"</span>
                <div>
                    <div class="brand-title">{title}</div>
                    <div class="brand-sub">{region}</div>
                </div>
            </a>
            <nav aria-label=tr("主导航", "Main")>
                <a href="/self-check" rel=crate::rel_for("/self-check")>{tr("资格自查", "Self-check")}</a>
                <a href="/notice" rel=crate::rel_for("/notice")>{tr("公示", "Notices")}</a>
                <a href="/dashboard" rel=crate::rel_for("/dashboard")>{tr("资金", "Subsidies")}</a>
                {move || session.info.get().map(|s| {
                    let admin = s.user.role == Role::HrssAdmin;
                    view! {
                        <a href="/home" rel=crate::rel_for("/home")>{tr("工作台", "Workbench")}</a>
                        <a href="/notifications" rel=crate::rel_for("/notifications") data-testid="nav-notifications">{tr("提醒", "Reminders")}</a>
                        {matches!(s.user.role, Role::Applicant | Role::Recommender | Role::HrssAdmin).then(|| view! {
                            <a href="/applications" rel=crate::rel_for("/applications")>{tr("申报", "Applications")}</a>
                        })}
                        {matches!(s.user.role, Role::Recommender | Role::HrssAdmin).then(|| view! {
                            <a href="/board" rel=crate::rel_for("/board")>{if s.user.role == Role::Recommender { tr("推荐工作台", "Queue")() } else { tr("评审看板", "Board")() }}</a>
                        })}
                        {matches!(s.user.role, Role::Expert | Role::HrssAdmin).then(|| view! {
                            <a href="/panels" rel=crate::rel_for("/panels")>{tr("评审组", "Panels")}</a>
                        })}
                        {admin.then(|| view! {
                            <a href="/admin/users" rel=crate::rel_for("/admin/users")>{tr("用户", "Users")}</a>
                            <a href="/admin/audit" rel=crate::rel_for("/admin/audit")>{tr("审计", "Audit")}</a>
                            <a href="/admin/holidays" rel=crate::rel_for("/admin/holidays")>{tr("日历", "Calendar")}</a>
                            <a href="/admin/units" rel=crate::rel_for("/admin/units")>{tr("单位", "Units")}</a>
                            <a href="/admin/policies" rel=crate::rel_for("/admin/policies")>{tr("口径", "Policies")}</a>
                        })}
                    }
                })}
            </nav>
            {move || match session.info.get() {
                Some(s) => view! {
                    <a class="who" href="/account" rel=crate::rel_for("/account") title=s.user.scope_name.clone().unwrap_or_default()>{s.user.display_name.clone()}</a>
                    <button type="button" class="header-button" on:click=sign_out>{tr("退出", "Sign out")}</button>
                }
                .into_any(),
                None => view! { <a class="header-button" href="/login" rel=crate::rel_for("/login")>{tr("登录", "Sign in")}</a> }.into_any(),
            }}
            <button
                type="button"
                class="header-button lang-switch"
                on:click=move |_| lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
            >
                {switch_label}
            </button>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                {tr(
                    "依据《宁夏回族自治区技能大师工作室建设管理办法》（2023年12月修订，有效期至2028年7月31日）。自查结果仅供参考，以服务器核验和主管部门审核为准。",
                    "Based on the Ningxia Skill Master Studio Measures (revised Dec 2023, valid to 31 Jul 2028). The self-check is guidance; the server check and the authorities' review decide.",
                )}
            </p>
        </footer>
    }
}
