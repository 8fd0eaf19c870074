//! The frame around every page: header with navigation and language switch, footer.

use crate::i18n::{Lang, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;

/// A link of the signed-in navigation and the roles that see it.
struct NavLink {
    path: &'static str,
    zh: &'static str,
    en: &'static str,
    roles: &'static [Role],
    testid: Option<&'static str>,
}

const fn link(
    path: &'static str,
    zh: &'static str,
    en: &'static str,
    roles: &'static [Role],
) -> NavLink {
    NavLink {
        path,
        zh,
        en,
        roles,
        testid: None,
    }
}

const EVERYONE: &[Role] = &[
    Role::Applicant,
    Role::Recommender,
    Role::HrssAdmin,
    Role::Expert,
    Role::Finance,
];
const HRSS: &[Role] = &[Role::HrssAdmin];

/// The signed-in navigation, in its order (one table: each link is drawn by the same code).
const SIGNED_IN_NAV: &[NavLink] = &[
    link("/home", "工作台", "Workbench", EVERYONE),
    NavLink {
        testid: Some("nav-notifications"),
        ..link("/notifications", "提醒", "Reminders", EVERYONE)
    },
    link(
        "/applications",
        "申报",
        "Applications",
        &[Role::Applicant, Role::Recommender, Role::HrssAdmin],
    ),
    link("/board", "推荐工作台", "Queue", &[Role::Recommender]),
    link("/board", "评审看板", "Board", HRSS),
    link(
        "/panels",
        "评审组",
        "Panels",
        &[Role::Expert, Role::HrssAdmin, Role::Recommender],
    ),
    link(
        "/experts",
        "专家库",
        "Experts",
        &[Role::Recommender, Role::HrssAdmin],
    ),
    link("/admin/users", "用户", "Users", HRSS),
    link("/admin/audit", "审计", "Audit", HRSS),
    link("/admin/holidays", "日历", "Calendar", HRSS),
    link("/admin/units", "单位", "Units", HRSS),
    link("/admin/policies", "口径", "Policies", HRSS),
    link("/admin/imports", "导入", "Imports", HRSS),
];

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
                    let _ = w.alert_with_message(crate::i18n::pick(
                        "退出失败，请检查网络后重试。",
                        "Sign-out failed: check the connection and try again.",
                    ));
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
                    let role = s.user.role;
                    SIGNED_IN_NAV.iter().filter(move |l| l.roles.contains(&role)).map(|l| view! {
                        <a href=l.path rel=crate::rel_for(l.path) data-testid=l.testid>{tr(l.zh, l.en)}</a>
                    }).collect_view()
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
