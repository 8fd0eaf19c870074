//! The browser client (Leptos CSR → wasm32). Pages per journey; every rule comes from `shared`.

pub mod api;
pub mod components;
pub mod form;
pub mod i18n;
pub mod pages;
pub mod session;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let lang = i18n::provide();
    session::provide();
    view! {
        <Router>
            <components::layout::Header lang=lang />
            <main id="main">
                <Routes fallback=|| view! { <pages::not_found::NotFound /> }>
                    <Route path=path!("/") view=pages::self_check::SelfCheck />
                    <Route path=path!("/self-check") view=pages::self_check::SelfCheck />
                    <Route path=path!("/notice") view=pages::notice::NoticePage />
                    <OfficeRoutes />
                </Routes>
            </main>
            <components::layout::Footer />
        </Router>
    }
}

/// The signed-in back office; absent from the public bundle, whose links to it load the full app.
#[cfg(feature = "office")]
#[component(transparent)]
fn OfficeRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <leptos_router::components::ParentRoute path=path!("") view=leptos_router::components::Outlet>
            <Route path=path!("/login") view=pages::login::Login />
            <Route path=path!("/account") view=pages::account::Account />
            <Route path=path!("/home") view=pages::home::Home />
            <Route path=path!("/applications") view=pages::applications::ApplicationList />
            <Route path=path!("/applications/new") view=pages::applications::ApplicationEditor />
            <Route path=path!("/applications/:id") view=pages::applications::ApplicationPage />
            <Route path=path!("/applications/:id/edit") view=pages::applications::ApplicationEditor />
            <Route path=path!("/studios/:id") view=pages::studio::StudioPage />
            <Route path=path!("/board") view=pages::board::Board />
            <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage />
            <Route path=path!("/notifications") view=pages::notifications::Notifications />
            <Route path=path!("/panels") view=pages::panels::PanelList />
            <Route path=path!("/panels/:id") view=pages::panels::PanelPage />
            <Route path=path!("/scoring/:id") view=pages::scoring::ScoringPage />
            <Route path=path!("/admin/users") view=pages::admin_users::AdminUsers />
            <Route path=path!("/admin/audit") view=pages::admin_audit::AdminAudit />
            <Route path=path!("/admin/holidays") view=pages::admin_holidays::AdminHolidays />
            <Route path=path!("/admin/units") view=pages::admin_units::AdminUnits />
            <Route path=path!("/admin/policies") view=pages::admin_policies::AdminPolicies />
        </leptos_router::components::ParentRoute>
    }
    .into_inner()
}

#[cfg(not(feature = "office"))]
#[component(transparent)]
fn OfficeRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/__office") view=|| () /> }.into_inner()
}

/// `rel` for links into the back office: the public bundle hands them to the browser (a full load
/// of the office bundle); the office bundle routes them itself.
pub fn office_rel() -> Option<&'static str> {
    if cfg!(feature = "office") {
        None
    } else {
        Some("external")
    }
}

/// Entry point called by the generated JS glue.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    let window = web_sys::window();
    if let Some(body) = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-ready", "true");
    }
    // Navigation → usable form, read by the end-to-end suite.
    if let Some(p) = window.and_then(|w| w.performance()) {
        let _ = p.mark("app-ready");
    }
}
