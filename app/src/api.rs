//! One function per API endpoint; errors decode the shared `ErrorBody`. State-changing requests
//! carry the session's CSRF token; the session cookie travels by itself (same origin).
// The public bundle uses only some of these; the office bundle uses them all.
#![cfg_attr(not(feature = "office"), allow(dead_code))]

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::account::{
    AuditEntry, AuditVerification, LoginRequest, NewUser, SessionInfo, UserSummary, UserUpdate,
};
use shared::application::{
    ApplicationEdit, ApplicationView, NewApplication, Round, TransitionRequest,
};
use shared::eligibility::{EligibilityInput, EligibilityReport};
use shared::wire::{ErrorBody, ErrorCode};

/// What went wrong talking to the server.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error body.
    Server(ErrorBody),
    /// No answer (offline, server down) or an unreadable one.
    Network(String),
}

impl ApiFailure {
    /// A field refused in the browser before anything is sent, shaped like the server's 422.
    pub fn invalid(field: &str, message: &str, message_en: &str) -> ApiFailure {
        ApiFailure::Server(ErrorBody {
            code: ErrorCode::Validation,
            message: message.into(),
            fields: vec![shared::wire::FieldError::new(field, message, message_en)],
            current_version: None,
        })
    }
    pub fn message(&self) -> String {
        match self {
            ApiFailure::Server(b) => b.message.clone(),
            ApiFailure::Network(_) => "无法连接服务器，请检查网络后重试".into(),
        }
    }
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Server(b) => Some(b.code),
            ApiFailure::Network(_) => None,
        }
    }
    /// The message for one field, if the server named it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiFailure::Server(b) => b
                .fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| f.message.clone()),
            ApiFailure::Network(_) => None,
        }
    }
}

fn net(e: impl std::fmt::Display) -> ApiFailure {
    ApiFailure::Network(e.to_string())
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if response.ok() {
        response.json().await.map_err(net)
    } else {
        Err(error_of(response).await)
    }
}

async fn error_of(response: Response) -> ApiFailure {
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => ApiFailure::Server(body),
        Err(_) => ApiFailure::Network(format!("HTTP {status}")),
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    decode(Request::get(url).send().await.map_err(net)?).await
}

fn with_csrf(builder: RequestBuilder, csrf: Option<&str>) -> RequestBuilder {
    match csrf {
        Some(token) => builder.header("x-csrf-token", token),
        None => builder,
    }
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
    csrf: Option<&str>,
) -> Result<T, ApiFailure> {
    let request = with_csrf(builder, csrf).json(body).map_err(net)?;
    decode(request.send().await.map_err(net)?).await
}

pub async fn check_eligibility(input: &EligibilityInput) -> Result<EligibilityReport, ApiFailure> {
    send_json(Request::post("/api/rules/eligibility"), input, None).await
}

pub async fn login(username: &str, password: &str) -> Result<SessionInfo, ApiFailure> {
    let body = LoginRequest {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    send_json(Request::post("/api/auth/login"), &body, None).await
}

/// The current session, or `None` when not signed in (a 200 either way: no console error for
/// visitors of the public pages).
pub async fn me() -> Result<Option<SessionInfo>, ApiFailure> {
    get::<shared::account::SessionState>("/api/auth/session")
        .await
        .map(|s| s.session)
}

pub async fn logout(csrf: &str) -> Result<(), ApiFailure> {
    let response = with_csrf(Request::post("/api/auth/logout"), Some(csrf))
        .send()
        .await
        .map_err(net)?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

pub use shared::studio::{StudioList, StudioRow};

pub async fn studios() -> Result<StudioList, ApiFailure> {
    get("/api/studios").await
}

pub async fn studio(id: i32) -> Result<StudioRow, ApiFailure> {
    get(&format!("/api/studios/{id}")).await
}

pub async fn users() -> Result<Vec<UserSummary>, ApiFailure> {
    get("/api/admin/users").await
}

pub async fn create_user(user: &NewUser, csrf: &str) -> Result<UserSummary, ApiFailure> {
    send_json(Request::post("/api/admin/users"), user, Some(csrf)).await
}

pub async fn update_user(
    id: i32,
    change: &UserUpdate,
    csrf: &str,
) -> Result<UserSummary, ApiFailure> {
    send_json(
        Request::patch(&format!("/api/admin/users/{id}")),
        change,
        Some(csrf),
    )
    .await
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct ScopeOption {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Scopes {
    pub units: Vec<ScopeOption>,
    pub orgs: Vec<ScopeOption>,
}

pub async fn scopes() -> Result<Scopes, ApiFailure> {
    get("/api/admin/scopes").await
}

/// The newest entries, optionally of one object (e.g. `user`, `7`).
pub async fn audit_log(
    object_type: String,
    object_id: String,
) -> Result<Vec<AuditEntry>, ApiFailure> {
    let mut url = String::from("/api/admin/audit?limit=300");
    for (key, value) in [("object_type", object_type), ("object_id", object_id)] {
        let value = value.trim().to_owned();
        if !value.is_empty() {
            url.push_str(&format!("&{key}={}", js_sys::encode_uri_component(&value)));
        }
    }
    get(&url).await
}

pub async fn change_password(current: &str, new: &str, csrf: &str) -> Result<(), ApiFailure> {
    let body = shared::account::PasswordChange {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    let request = with_csrf(Request::post("/api/auth/password"), Some(csrf))
        .json(&body)
        .map_err(net)?;
    let response = request.send().await.map_err(net)?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

pub async fn verify_audit() -> Result<AuditVerification, ApiFailure> {
    get("/api/admin/audit/verify").await
}

pub async fn rounds() -> Result<Vec<Round>, ApiFailure> {
    get("/api/rounds").await
}

pub async fn applications() -> Result<Vec<ApplicationView>, ApiFailure> {
    get("/api/applications").await
}

pub async fn application(id: i32) -> Result<ApplicationView, ApiFailure> {
    get(&format!("/api/applications/{id}")).await
}

pub async fn create_application(
    new: &NewApplication,
    csrf: &str,
) -> Result<ApplicationView, ApiFailure> {
    send_json(Request::post("/api/applications"), new, Some(csrf)).await
}

pub async fn update_application(
    id: i32,
    edit: &ApplicationEdit,
    csrf: &str,
) -> Result<ApplicationView, ApiFailure> {
    send_json(
        Request::put(&format!("/api/applications/{id}")),
        edit,
        Some(csrf),
    )
    .await
}

pub async fn transition(
    id: i32,
    request: &TransitionRequest,
    csrf: &str,
) -> Result<ApplicationView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/applications/{id}/transition")),
        request,
        Some(csrf),
    )
    .await
}

use shared::procedure::{
    AttachmentKind, AttachmentView, BoardPage, CloseRound, CloseSummary, DefenseScore,
    HistoryEntry, InspectionList, InspectionResult, NewNotice, NewObjection, NoticeView,
    ObjectionReceipt, ObjectionResolution, ObjectionView, RecommendationList,
};

pub async fn history(id: i32) -> Result<Vec<HistoryEntry>, ApiFailure> {
    get(&format!("/api/applications/{id}/history")).await
}

pub async fn attachments(id: i32) -> Result<Vec<AttachmentView>, ApiFailure> {
    get(&format!("/api/applications/{id}/attachments")).await
}

/// Uploads a file chosen in the browser; the body is the file itself.
pub async fn upload(
    id: i32,
    kind: AttachmentKind,
    file: web_sys::File,
    csrf: &str,
) -> Result<AttachmentView, ApiFailure> {
    let url = format!(
        "/api/applications/{id}/attachments?kind={}&filename={}",
        shared::wire::enum_name(&kind),
        js_sys::encode_uri_component(&file.name())
    );
    let request = with_csrf(Request::post(&url), Some(csrf))
        .header("content-type", &file.type_())
        .body(wasm_bindgen::JsValue::from(file))
        .map_err(net)?;
    decode(request.send().await.map_err(net)?).await
}

pub async fn remove_attachment(id: i32, csrf: &str) -> Result<(), ApiFailure> {
    let response = with_csrf(
        Request::delete(&format!("/api/attachments/{id}")),
        Some(csrf),
    )
    .send()
    .await
    .map_err(net)?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

/// The board with a query string built by the page (`round_id=1&state=submitted&page=2`).
pub async fn board(query: &str) -> Result<BoardPage, ApiFailure> {
    get(&format!("/api/board?{query}")).await
}

pub async fn recommend_list(
    list: &RecommendationList,
    csrf: &str,
) -> Result<Vec<ApplicationView>, ApiFailure> {
    send_json(Request::post("/api/recommendations"), list, Some(csrf)).await
}

pub async fn defense_score(
    id: i32,
    body: &DefenseScore,
    csrf: &str,
) -> Result<ApplicationView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/applications/{id}/defense-score")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn inspection_list(
    round: i32,
    body: &InspectionList,
    csrf: &str,
) -> Result<Vec<ApplicationView>, ApiFailure> {
    send_json(
        Request::post(&format!("/api/rounds/{round}/inspection")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn inspection_result(
    id: i32,
    body: &InspectionResult,
    csrf: &str,
) -> Result<ApplicationView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/applications/{id}/inspection-result")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn publish_notice(
    round: i32,
    body: &NewNotice,
    csrf: &str,
) -> Result<NoticeView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/rounds/{round}/notices")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn close_round(
    round: i32,
    body: &CloseRound,
    csrf: &str,
) -> Result<CloseSummary, ApiFailure> {
    send_json(
        Request::post(&format!("/api/rounds/{round}/close")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn objections(round: i32) -> Result<Vec<ObjectionView>, ApiFailure> {
    get(&format!("/api/objections?round_id={round}")).await
}

pub async fn resolve_objection(
    id: i32,
    body: &ObjectionResolution,
    csrf: &str,
) -> Result<ObjectionView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/objections/{id}/resolve")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn public_notices() -> Result<Vec<NoticeView>, ApiFailure> {
    get("/api/public/notices").await
}

pub async fn file_objection(body: &NewObjection) -> Result<ObjectionReceipt, ApiFailure> {
    send_json(Request::post("/api/public/objections"), body, None).await
}

/// The last day of a notice starting on `start` (5 working days, 第十一条（五）).
pub async fn notice_end(start: &str) -> Result<chrono::NaiveDate, ApiFailure> {
    #[derive(serde::Deserialize)]
    struct End {
        end: chrono::NaiveDate,
    }
    let e: End = get(&format!("/api/calendar/notice-end?start={start}")).await?;
    Ok(e.end)
}

use shared::panel::{NewPanel, PanelSummary, PanelView, Recusal, Reopen, SyncRequest, SyncResult};

pub async fn panels() -> Result<Vec<PanelSummary>, ApiFailure> {
    get("/api/panels").await
}

pub async fn panel(id: i32) -> Result<PanelView, ApiFailure> {
    get(&format!("/api/panels/{id}")).await
}

pub async fn create_panel(new: &NewPanel, csrf: &str) -> Result<PanelView, ApiFailure> {
    send_json(Request::post("/api/panels"), new, Some(csrf)).await
}

pub async fn score_sync(batch: &SyncRequest, csrf: &str) -> Result<SyncResult, ApiFailure> {
    send_json(Request::post("/api/scoring/sync"), batch, Some(csrf)).await
}

pub async fn close_panel(id: i32, csrf: &str) -> Result<PanelView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/panels/{id}/close")),
        &serde_json::json!({}),
        Some(csrf),
    )
    .await
}

pub async fn reopen_sheet(id: i32, body: &Reopen, csrf: &str) -> Result<PanelView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/sheets/{id}/reopen")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn recuse(panel: i32, body: &Recusal, csrf: &str) -> Result<PanelView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/panels/{panel}/recusals")),
        body,
        Some(csrf),
    )
    .await
}

use shared::dashboard::DashboardView;
use shared::ledger::{LedgerView, NewEntry};

pub async fn ledger(studio: i32) -> Result<LedgerView, ApiFailure> {
    get(&format!("/api/studios/{studio}/ledger")).await
}

pub async fn add_entry(
    studio: i32,
    entry: &NewEntry,
    csrf: &str,
) -> Result<LedgerView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/studios/{studio}/ledger")),
        entry,
        Some(csrf),
    )
    .await
}

/// The detailed dashboard (HRSS, finance) or the public summary, with a query string.
pub async fn dashboard(detailed: bool, query: &str) -> Result<DashboardView, ApiFailure> {
    let base = if detailed {
        "/api/dashboard"
    } else {
        "/api/public/dashboard"
    };
    get(&format!("{base}?{query}")).await
}

use shared::life::{
    AnnualReportInput, AnnualReportView, ChangeView, Decision, Digest, NewChange, NewExit,
    StudioLife,
};

/// 第六章: a studio's reports, assessments, changes, exit and what is due.
pub async fn studio_life(studio: i32) -> Result<StudioLife, ApiFailure> {
    get(&format!("/api/studios/{studio}/life")).await
}

pub async fn save_report(
    studio: i32,
    body: &AnnualReportInput,
    csrf: &str,
) -> Result<AnnualReportView, ApiFailure> {
    send_json(
        Request::put(&format!("/api/studios/{studio}/reports")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn request_change(
    studio: i32,
    body: &NewChange,
    csrf: &str,
) -> Result<ChangeView, ApiFailure> {
    send_json(
        Request::post(&format!("/api/studios/{studio}/changes")),
        body,
        Some(csrf),
    )
    .await
}

/// `join`: the new unit joins a host change; otherwise HRSS decides.
pub async fn decide_change(
    id: i32,
    join: bool,
    body: &Decision,
    csrf: &str,
) -> Result<ChangeView, ApiFailure> {
    let verb = if join { "join" } else { "decide" };
    send_json(
        Request::post(&format!("/api/changes/{id}/{verb}")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn exit_studio(
    studio: i32,
    body: &NewExit,
    csrf: &str,
) -> Result<StudioLife, ApiFailure> {
    send_json(
        Request::post(&format!("/api/studios/{studio}/exit")),
        body,
        Some(csrf),
    )
    .await
}

pub async fn notifications() -> Result<Digest, ApiFailure> {
    get("/api/notifications").await
}

use shared::calendar::{HolidaySchedule, ScheduleYear};

/// The working-day calendar's schedules (HRSS).
pub async fn holidays() -> Result<Vec<ScheduleYear>, ApiFailure> {
    get("/api/admin/holidays").await
}

pub async fn save_holidays(s: &HolidaySchedule, csrf: &str) -> Result<ScheduleYear, ApiFailure> {
    send_json(
        Request::put(&format!("/api/admin/holidays/{}", s.year)),
        s,
        Some(csrf),
    )
    .await
}

pub async fn grant_ban_override(
    body: &shared::life::NewBanOverride,
    csrf: &str,
) -> Result<shared::life::BanOverride, ApiFailure> {
    send_json(Request::post("/api/admin/ban-overrides"), body, Some(csrf)).await
}

pub async fn units(query: &str) -> Result<Vec<shared::registry::UnitView>, ApiFailure> {
    get(&format!("/api/admin/units?{query}")).await
}

pub async fn orgs() -> Result<Vec<shared::registry::OrgOption>, ApiFailure> {
    get("/api/admin/orgs").await
}

pub async fn save_unit(
    id: Option<i32>,
    body: &shared::registry::UnitInput,
    csrf: &str,
) -> Result<shared::registry::UnitView, ApiFailure> {
    match id {
        Some(id) => {
            send_json(
                Request::put(&format!("/api/admin/units/{id}")),
                body,
                Some(csrf),
            )
            .await
        }
        None => send_json(Request::post("/api/admin/units"), body, Some(csrf)).await,
    }
}

pub async fn policies() -> Result<shared::policy::PoliciesView, ApiFailure> {
    get("/api/admin/policies").await
}

pub async fn put_policies(
    body: &shared::policy::PolicyChange,
    csrf: &str,
) -> Result<shared::policy::PoliciesView, ApiFailure> {
    send_json(Request::put("/api/admin/policies"), body, Some(csrf)).await
}
