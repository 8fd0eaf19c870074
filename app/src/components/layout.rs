//! The frame around every page: header with navigation and language switch, footer.

use crate::i18n::{Lang, tr};
use leptos::prelude::*;

#[component]
pub fn Header(lang: RwSignal<Lang>) -> impl IntoView {
    let title = tr("技能大师工作室管理系统", "Skill Master Studio System");
    let region = tr("宁夏回族自治区人力资源和社会保障厅", "Ningxia HRSS");
    let nav_self_check = tr("资格自查", "Self-check");
    let switch_label = move || {
        if lang.get() == Lang::Zh {
            "English"
        } else {
            "中文"
        }
    };
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{tr("跳到正文", "Skip to content")}</a>
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"匠"</span>
                <div>
                    <div class="brand-title">{title}</div>
                    <div class="brand-sub">{region}</div>
                </div>
            </div>
            <nav aria-label=tr("主导航", "Main")>
                <a href="/self-check">{nav_self_check}</a>
            </nav>
            <button
                type="button"
                class="lang-switch"
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
