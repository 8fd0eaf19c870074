//! The browser client (Leptos CSR → wasm32). Pages per journey; every rule comes from `shared`.
//! Built as one bundle per role (see `Cargo.toml`'s features): what one bundle leaves out, another
//! serves, so a partial build does not use everything it compiles.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

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
                    <BundleRoutes />
                </Routes>
            </main>
            <components::layout::Footer />
        </Router>
    }
}

/// One bundle's routes, compiled when its feature is on (the server sends the other pages with the
/// bundles that have them).
macro_rules! section {
    ($(#[$doc:meta])* $name:ident, $feature:literal, $({ $($route:tt)* })*) => {
        $(#[$doc])*
        #[cfg(feature = $feature)]
        #[component(transparent)]
        fn $name() -> impl leptos_router::MatchNestedRoutes + Clone {
            // A tuple of flat routes (no parent route, no outlet: nothing nested to carry).
            ($(view! { $($route)* }.into_inner(),)*)
        }

    };
}

section!(
    /// The public pages: the self-check and the notice.
    PublicRoutes, "public",
    { <Route path=path!("/") view=pages::self_check::SelfCheck /> }
    { <Route path=path!("/self-check") view=pages::self_check::SelfCheck /> }
    { <Route path=path!("/notice") view=pages::notice::NoticePage /> }
);

section!(
    /// The signed-in back office's core: the workbench, reminders, applications, studios.
    OfficeRoutes, "office",
    { <Route path=path!("/login") view=pages::login::Login /> }
    { <Route path=path!("/account") view=pages::account::Account /> }
    { <Route path=path!("/home") view=pages::home::Home /> }
    { <Route path=path!("/applications") view=pages::applications::ApplicationList /> }
    { <Route path=path!("/applications/:id") view=pages::applications::ApplicationPage /> }
    { <Route path=path!("/studios/:id") view=pages::studio::StudioPage /> }
    { <Route path=path!("/notifications") view=pages::notifications::Notifications /> }
);

section!(
    /// The selection procedure: the recommender's queue, HRSS's board, the panels.
    SelectionRoutes, "selection",
    { <Route path=path!("/board") view=pages::board::Board /> }
    { <Route path=path!("/panels") view=pages::panels::PanelList /> }
    { <Route path=path!("/panels/:id") view=pages::panels::PanelPage /> }
    { <Route path=path!("/experts") view=pages::experts::ExpertRoster /> }
);

section!(
    /// Administration.
    AdminRoutes, "admin",
    { <Route path=path!("/admin/users") view=pages::admin_users::AdminUsers /> }
    { <Route path=path!("/admin/audit") view=pages::admin_audit::AdminAudit /> }
    { <Route path=path!("/admin/holidays") view=pages::admin_holidays::AdminHolidays /> }
    { <Route path=path!("/admin/units") view=pages::admin_units::AdminUnits /> }
    { <Route path=path!("/admin/policies") view=pages::admin_policies::AdminPolicies /> }
    { <Route path=path!("/admin/imports") view=pages::admin_imports::AdminImports /> }
);

section!(
    /// The subsidy dashboard (its charts and map).
    DashboardRoutes, "dashboard",
    { <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage /> }
);

section!(
    /// The expert's tablet: the panels to score, and scoring.
    TabletRoutes, "tablet",
    { <Route path=path!("/scoring") view=pages::scoring::MyPanels /> }
    { <Route path=path!("/scoring/:id") view=pages::scoring::ScoringPage /> }
);

section!(
    /// The applicant's editor.
    EditorRoutes, "applicant",
    { <Route path=path!("/applications/new") view=pages::applications::ApplicationEditor /> }
    { <Route path=path!("/applications/:id/edit") view=pages::applications::ApplicationEditor /> }
);

/// Sign-in, in a signed-in bundle without the office's core (the tablet's, the editor's, …).
#[cfg(all(feature = "signed-in", not(feature = "office")))]
#[component(transparent)]
fn LoginRoute() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/login") view=LoginHere /> }.into_inner()
}

/// Every page: the full client of the native tests and of clippy (the default features).
#[cfg(feature = "full")]
#[component(transparent)]
fn BundleRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    (
        PublicRoutes(),
        OfficeRoutes(),
        SelectionRoutes(),
        AdminRoutes(),
        DashboardRoutes(),
        TabletRoutes(),
        EditorRoutes(),
    )
}

/// One bundle's pages (a bundle is built with its feature alone, see `xtask/src/client.rs`), with
/// its own sign-in where it is a signed-in bundle without the office's core.
macro_rules! bundle {
    ($feature:literal, $routes:ident $(, $login:ident)?) => {
        #[cfg(all(feature = $feature, not(feature = "full")))]
        #[component(transparent)]
        fn BundleRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            ($routes(), $($login(),)?)
        }
    };
}

bundle!("public", PublicRoutes);
bundle!("office", OfficeRoutes);
bundle!("selection", SelectionRoutes, LoginRoute);
bundle!("admin", AdminRoutes, LoginRoute);
bundle!("dashboard", DashboardRoutes, LoginRoute);
bundle!("tablet", TabletRoutes, LoginRoute);
bundle!("applicant", EditorRoutes, LoginRoute);

#[cfg(all(feature = "signed-in", not(feature = "office")))]
#[component]
fn LoginHere() -> impl IntoView {
    view! { <pages::login::Login /> }
}

/// Which bundle serves `path` (the server serves the same split: `server::startup::BUNDLE_PAGES`):
/// the expert's tablet under `/scoring`, the applicant's editor at `/applications/new` and
/// `/applications/:id/edit`, the public pages, the selection procedure (`/board`, `/panels`,
/// `/experts`),
/// administration (`/admin`), the dashboard, and the office's core for every other page (every
/// signed-in bundle also signs in at `/login`).
fn routed_here(path: &str) -> bool {
    let tablet = path == "/scoring" || path.starts_with("/scoring/");
    let editor = path == "/applications/new"
        || (path.starts_with("/applications/") && path.ends_with("/edit"));
    let public = matches!(path, "/" | "/self-check" | "/notice");
    let under = |p: &str| path == p || path.starts_with(&format!("{p}/"));
    if tablet {
        cfg!(feature = "tablet")
    } else if editor {
        cfg!(feature = "applicant")
    } else if public {
        cfg!(feature = "public")
    } else if under("/board") || under("/panels") || path == "/experts" {
        cfg!(feature = "selection")
    } else if under("/admin") {
        cfg!(feature = "admin")
    } else if path == "/dashboard" {
        cfg!(feature = "dashboard")
    } else {
        cfg!(feature = "office") || (path == "/login" && cfg!(feature = "signed-in"))
    }
}

/// `rel` for a link: a page of another bundle is handed to the browser (`external`: a full load
/// of that bundle); a page of this one is routed here.
pub fn rel_for(path: &str) -> Option<&'static str> {
    (!routed_here(path)).then_some("external")
}

/// Goes to `path`: routed here when this bundle has it, else loaded by the browser.
pub fn go(navigate: &impl Fn(&str, leptos_router::NavigateOptions), path: &str) {
    if routed_here(path) {
        navigate(path, Default::default());
    } else if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
}

/// Where a sign-in leads: the tablet's panel list on the tablet, the workbench elsewhere.
pub fn landing() -> &'static str {
    if cfg!(feature = "tablet") && !cfg!(feature = "office") {
        "/scoring"
    } else {
        "/home"
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
