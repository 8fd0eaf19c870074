//! The JSON API under `/api`: one file per resource, thin handlers.

pub mod admin;
pub mod applications;
pub mod attachments;
pub mod auth;
pub mod board;
pub mod dashboard;
pub mod health;
pub mod holidays;
pub mod ledger;
pub mod life;
pub mod panels;
pub mod procedure;
pub mod public;
pub mod registry;
pub mod rounds;
pub mod rules;
pub mod studios;

use crate::startup::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post, put};

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/rules/eligibility", post(rules::eligibility))
        .route("/rules/assessment-score", post(rules::assessment_score))
        .route("/rules/articles", get(rules::article))
        .route("/calendar/notice-end", get(rules::notice_end))
        .route("/public/studios", get(public::studios))
        .route("/public/notices", get(public::notices))
        .route("/public/objections", post(public::file_objection))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/session", get(auth::session_state))
        .route("/auth/password", post(auth::change_password))
        .route("/rounds", get(rounds::list).post(rounds::create))
        .route(
            "/applications",
            get(applications::list).post(applications::create),
        )
        .route(
            "/applications/{id}",
            get(applications::get).put(applications::update),
        )
        .route(
            "/applications/{id}/transition",
            post(applications::transition),
        )
        .route("/applications/{id}/history", get(board::history))
        .route(
            "/applications/{id}/attachments",
            get(attachments::list)
                .post(attachments::upload)
                .layer(DefaultBodyLimit::max(
                    shared::procedure::ATTACHMENT_MAX_BYTES + 1024,
                )),
        )
        .route(
            "/attachments/{id}",
            get(attachments::download).delete(attachments::remove),
        )
        .route(
            "/applications/{id}/defense-score",
            post(procedure::defense_score),
        )
        .route(
            "/applications/{id}/inspection-result",
            post(procedure::inspection_result),
        )
        .route("/recommendations", post(procedure::recommend))
        .route("/rounds/{id}/inspection", post(procedure::inspection_list))
        .route("/rounds/{id}/notices", post(procedure::publish_notice))
        .route("/rounds/{id}/close", post(procedure::close_round))
        .route("/objections", get(procedure::objections))
        .route(
            "/objections/{id}/resolve",
            post(procedure::resolve_objection),
        )
        .route("/panels", get(panels::list).post(panels::create))
        .route("/panels/{id}", get(panels::get))
        .route("/panels/{id}/rubric", put(panels::update_rubric))
        .route("/panels/{id}/recusals", post(panels::recuse))
        .route("/panels/{id}/close", post(panels::close))
        .route("/panels/{id}/export", get(panels::export))
        .route("/sheets/{id}/reopen", post(panels::reopen))
        .route("/scoring/sync", post(panels::sync))
        .route(
            "/admin/users/{id}/affiliations",
            get(panels::get_affiliations).put(panels::put_affiliations),
        )
        .route("/board", get(board::board))
        .route("/board/export", get(board::export))
        .route("/studios", get(studios::list))
        .route("/studios/{id}", get(studios::get))
        .route(
            "/studios/{id}/ledger",
            get(ledger::get).post(ledger::create),
        )
        .route("/studios/{id}/life", get(life::get))
        .route("/studios/{id}/reports", put(life::save_report))
        .route("/studios/{id}/changes", post(life::request_change))
        .route("/studios/{id}/exit", post(life::exit))
        .route("/changes/{id}/join", post(life::join_change))
        .route("/changes/{id}/decide", post(life::decide))
        .route(
            "/admin/ban-overrides",
            get(life::list_overrides).post(life::grant_override),
        )
        .route("/notifications", get(life::notifications))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/dashboard/export", get(dashboard::export))
        .route("/public/dashboard", get(dashboard::public))
        .route(
            "/admin/users",
            get(admin::list_users).post(admin::create_user),
        )
        .route("/admin/users/{id}", patch(admin::update_user))
        .route("/admin/scopes", get(admin::scopes))
        .route(
            "/admin/units",
            get(registry::list_units).post(registry::create_unit),
        )
        .route("/admin/units/{id}", put(registry::update_unit))
        .route("/admin/orgs", get(registry::list_orgs))
        .route(
            "/admin/policies",
            get(registry::get_policies).put(registry::put_policies),
        )
        .route("/admin/audit", get(admin::audit_log))
        .route("/admin/holidays", get(holidays::list))
        .route("/admin/holidays/{id}", put(holidays::put))
        .route("/admin/audit/verify", get(admin::verify_audit))
        .route("/openapi.json", get(crate::openapi::document))
        .fallback(|| async { crate::error::ApiError::NotFound })
        .method_not_allowed_fallback(|| async { crate::error::ApiError::MethodNotAllowed })
}
