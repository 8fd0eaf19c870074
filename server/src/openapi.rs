//! The OpenAPI document, generated from the handlers' annotations: `GET /api/openapi.json`.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "技能大师工作室管理系统 API",
        description = "Ningxia skill master studio system"
    ),
    // Query parameters' enums are referenced, not collected from bodies: listed here.
    components(schemas(
        crate::export::ExportFormat,
        crate::routes::board::BoardSort,
        crate::routes::board::Direction
    )),
    paths(
        crate::routes::health::health,
        crate::routes::rules::eligibility,
        crate::routes::rules::assessment_score,
        crate::routes::rules::article,
        crate::routes::rules::notice_end,
        crate::routes::public::studios,
        crate::routes::public::notices,
        crate::routes::public::file_objection,
        crate::routes::auth::login,
        crate::routes::auth::logout,
        crate::routes::auth::me,
        crate::routes::auth::session_state,
        crate::routes::registry::list_units,
        crate::routes::registry::create_unit,
        crate::routes::registry::update_unit,
        crate::routes::registry::list_orgs,
        crate::routes::registry::get_policies,
        crate::routes::registry::put_policies,
        crate::routes::auth::change_password,
        crate::routes::rounds::list,
        crate::routes::rounds::create,
        crate::routes::applications::list,
        crate::routes::applications::get,
        crate::routes::applications::create,
        crate::routes::applications::update,
        crate::routes::applications::transition,
        crate::routes::board::history,
        crate::routes::board::board,
        crate::routes::board::export,
        crate::routes::attachments::list,
        crate::routes::attachments::upload,
        crate::routes::attachments::download,
        crate::routes::attachments::remove,
        crate::routes::procedure::recommend,
        crate::routes::procedure::defense_score,
        crate::routes::procedure::inspection_list,
        crate::routes::procedure::inspection_result,
        crate::routes::procedure::publish_notice,
        crate::routes::procedure::objections,
        crate::routes::procedure::resolve_objection,
        crate::routes::procedure::close_round,
        crate::routes::panels::create,
        crate::routes::panels::list,
        crate::routes::panels::get,
        crate::routes::panels::update_rubric,
        crate::routes::panels::recuse,
        crate::routes::panels::close,
        crate::routes::panels::export,
        crate::routes::panels::reopen,
        crate::routes::panels::sync,
        crate::routes::panels::get_affiliations,
        crate::routes::panels::put_affiliations,
        crate::routes::studios::list,
        crate::routes::studios::get,
        crate::routes::ledger::get,
        crate::routes::ledger::create,
        crate::routes::life::get,
        crate::routes::life::save_report,
        crate::routes::life::request_change,
        crate::routes::life::join_change,
        crate::routes::life::decide,
        crate::routes::life::exit,
        crate::routes::life::list_overrides,
        crate::routes::life::grant_override,
        crate::routes::life::notifications,
        crate::routes::dashboard::dashboard,
        crate::routes::dashboard::public,
        crate::routes::dashboard::export,
        crate::routes::admin::list_users,
        crate::routes::admin::create_user,
        crate::routes::admin::update_user,
        crate::routes::admin::scopes,
        crate::routes::admin::audit_log,
        crate::routes::admin::verify_audit,
        crate::routes::holidays::list,
        crate::routes::holidays::put,
    )
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
