//! The public rules engine: the same `shared` functions the browser runs, authoritative here.

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::extract::QueryParams;
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::assessment::{self, AssessmentInput, Grade, ItemScore};
use shared::eligibility::{self, EligibilityInput, EligibilityReport};
use shared::score::Tenths;
use shared::wire::{ErrorBody, FieldError};

#[utoipa::path(
    post,
    path = "/api/rules/eligibility",
    request_body = EligibilityInput,
    responses(
        (status = 200, description = "Verdict and cited findings", body = EligibilityReport),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Invalid input; `fields` names each field", body = ErrorBody)
    )
)]
pub async fn eligibility(
    State(state): State<AppState>,
    JsonBody(mut input): JsonBody<EligibilityInput>,
) -> Result<Json<EligibilityReport>, ApiError> {
    // A what-if without a date is evaluated as of today (an application is, until submitted).
    if input.application_date == NaiveDate::default() {
        input.application_date = state.today();
    }
    eligibility::check(&input)
        .map(Json)
        .map_err(ApiError::Validation)
}

/// The rubric's result: items, total and grade (第十五条, 附件).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssessmentScore {
    pub total: Tenths,
    pub grade: Grade,
    pub items: Vec<ItemScore>,
    pub article: String,
    /// Set when the total is exactly 60.0, which the text leaves in no grade.
    pub policy_note: Option<String>,
}

#[utoipa::path(
    post,
    path = "/api/rules/assessment-score",
    request_body = AssessmentInput,
    responses(
        (status = 200, body = AssessmentScore),
        (status = 400, body = ErrorBody),
        (status = 422, body = ErrorBody)
    )
)]
pub async fn assessment_score(
    JsonBody(input): JsonBody<AssessmentInput>,
) -> Result<Json<AssessmentScore>, ApiError> {
    let (score, grade) = assessment::assess(&input).map_err(ApiError::Validation)?;
    Ok(Json(AssessmentScore {
        total: score.total,
        grade: grade.grade,
        items: score.items,
        article: grade.article,
        policy_note: grade.policy_note,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ArticleQuery {
    /// A citation as findings carry it, e.g. `第十条（一）2`.
    pub citation: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleText {
    pub citation: String,
    pub text: String,
}

#[utoipa::path(get, path = "/api/rules/articles", params(ArticleQuery),
    responses((status = 200, body = ArticleText), (status = 404, body = ErrorBody)))]
pub async fn article(
    QueryParams(q): QueryParams<ArticleQuery>,
) -> Result<Json<ArticleText>, ApiError> {
    let text = shared::articles::text(&q.citation).ok_or(ApiError::NotFound)?;
    Ok(Json(ArticleText {
        citation: q.citation,
        text,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct NoticeQuery {
    /// First day of the public notice (YYYY-MM-DD).
    pub start: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoticeEnd {
    pub start: NaiveDate,
    /// Last day of the notice: the 5th working day counted from `start`.
    pub end: NaiveDate,
    pub working_days: u32,
    pub article: &'static str,
}

#[utoipa::path(get, path = "/api/calendar/notice-end", params(NoticeQuery),
    responses((status = 200, body = NoticeEnd), (status = 422, body = ErrorBody)))]
pub async fn notice_end(
    State(state): State<AppState>,
    QueryParams(q): QueryParams<NoticeQuery>,
) -> Result<Json<NoticeEnd>, ApiError> {
    let start = NaiveDate::parse_from_str(&q.start, "%Y-%m-%d").map_err(|_| {
        ApiError::Validation(vec![FieldError::new(
            "start",
            "日期格式应为 YYYY-MM-DD",
            "date must be YYYY-MM-DD",
        )])
    })?;
    let calendar = crate::db::calendar(&state.db).await?;
    let end = shared::deadlines::notice_end(&calendar, start)
        .map_err(|e| ApiError::Validation(vec![e.field_error("start")]))?;
    Ok(Json(NoticeEnd {
        start,
        end,
        working_days: shared::deadlines::NOTICE_WORKING_DAYS,
        article: "第十一条（五）",
    }))
}
