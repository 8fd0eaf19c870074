//! The public use cases that are not another domain's: health and the rules engine.

use crate::error::ApiError;
use crate::state::AppState;
use chrono::NaiveDate;
use shared::api::public::{ArticleText, HealthView, NoticeEndView, ScoreView};
use shared::assessment::{self, AssessmentInput};
use shared::eligibility::{self, EligibilityInput, EligibilityReport};
use shared::wire::FieldError;

/// Whether the database answers (`false`: the reply is 503 with the same body).
pub async fn health(state: &AppState) -> (bool, HealthView) {
    let up = match state.db.ping().await {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            false
        }
    };
    let view = HealthView {
        status: if up { "ok" } else { "degraded" }.into(),
        database: if up { "ok" } else { "unreachable" }.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        now: state.now(),
        today: state.today(),
    };
    (up, view)
}

/// 第十条 and 第十八条 on facts typed anywhere; a what-if without a date is evaluated as of today
/// (an application is, until submitted).
pub fn eligibility(
    state: &AppState,
    mut input: EligibilityInput,
) -> Result<EligibilityReport, ApiError> {
    if input.application_date == NaiveDate::default() {
        input.application_date = state.today();
    }
    eligibility::check(&input).map_err(ApiError::Validation)
}

/// 第十五条 and 附件: the rubric's items, total and grade.
pub fn assessment_score(input: AssessmentInput) -> Result<ScoreView, ApiError> {
    let (score, grade) = assessment::assess(&input).map_err(ApiError::Validation)?;
    Ok(ScoreView {
        total: score.total,
        grade: grade.grade,
        items: score.items,
        article: grade.article,
        policy_note: grade.policy_note,
    })
}

pub fn article(citation: String) -> Result<ArticleText, ApiError> {
    let text = shared::articles::text(&citation).ok_or(ApiError::NotFound)?;
    Ok(ArticleText { citation, text })
}

/// 第十一条（五）: the last day of a notice starting on `start`, on the published calendar.
pub async fn notice_end(state: &AppState, start: &str) -> Result<NoticeEndView, ApiError> {
    let start = NaiveDate::parse_from_str(start, "%Y-%m-%d").map_err(|_| {
        ApiError::Validation(vec![FieldError::new(
            "start",
            "日期格式应为 YYYY-MM-DD",
            "date must be YYYY-MM-DD",
        )])
    })?;
    let calendar = state.calendar().await?;
    let end = shared::deadlines::notice_end(&calendar, start)
        .map_err(|e| ApiError::Validation(vec![e.field_error("start")]))?;
    Ok(NoticeEndView {
        start,
        end,
        working_days: shared::deadlines::NOTICE_WORKING_DAYS,
        article: "第十一条（五）".into(),
    })
}
