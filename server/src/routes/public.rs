//! Public pages' data (no login): approved studios, filterable by city, level and year; the public
//! notices of proposed studios, and objections to them.

use crate::entity::{application, notice, objection, round, unit};
use crate::error::ApiError;
use crate::extract::{JsonBody, QueryParams};
use crate::repo::studio::{self, StudioFilter, StudioList, Visibility};
use crate::startup::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use shared::procedure::{NewObjection, NoticeEntry, NoticeView, ObjectionReceipt};
use shared::wire::{ErrorBody, FieldError};
use std::net::SocketAddr;

#[utoipa::path(get, path = "/api/public/studios", params(StudioFilter), responses((status = 200, body = StudioList)))]
pub async fn studios(
    State(state): State<AppState>,
    QueryParams(f): QueryParams<StudioFilter>,
) -> Result<Json<StudioList>, ApiError> {
    studio::list(&state.db, &f, Visibility::Public)
        .await
        .map(Json)
}

/// Notices shown publicly: running ones and those that ended in the last 90 days.
const NOTICE_SHOWN_DAYS: i64 = 90;
/// Objections one address may file per hour.
pub const OBJECTIONS_PER_HOUR: u64 = 5;

/// A notice with the applications listed on it, as the public sees it.
pub async fn notice_view<C: sea_orm::ConnectionTrait>(
    db: &C,
    n: crate::entity::notice::Model,
    today: chrono::NaiveDate,
) -> Result<NoticeView, ApiError> {
    let round = round::Entity::find_by_id(n.round_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let apps = application::Entity::find()
        .filter(application::Column::NoticeId.eq(n.id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let mut entries = Vec::with_capacity(apps.len());
    for m in apps {
        let (facts, _) = crate::repo::application::facts(&m)?;
        let p = crate::repo::application::profile(&m)?;
        let u = unit::Entity::find_by_id(m.unit_id)
            .one(db)
            .await?
            .ok_or(ApiError::NotFound)?;
        entries.push(NoticeEntry {
            application_id: m.id,
            studio_name: p.display_name(),
            leader_name: p.leader_name,
            occupation: p.occupation,
            unit_name: u.name,
            city: u.city,
            level: facts.level,
            national_category: facts.national_category,
        });
    }
    Ok(NoticeView {
        id: n.id,
        round_id: n.round_id,
        year: round.year,
        starts_on: n.starts_on,
        ends_on: n.ends_on,
        open: (n.starts_on..=n.ends_on).contains(&today),
        entries,
    })
}

#[utoipa::path(get, path = "/api/public/notices", responses((status = 200, body = [NoticeView])))]
/// 第十一条（五）: the public notices of proposed studios, newest first.
pub async fn notices(State(state): State<AppState>) -> Result<Json<Vec<NoticeView>>, ApiError> {
    let today = state.today();
    let since = today - chrono::Duration::days(NOTICE_SHOWN_DAYS);
    let rows = notice::Entity::find()
        .filter(notice::Column::EndsOn.gte(since))
        .filter(notice::Column::StartsOn.lte(today))
        .order_by_desc(notice::Column::StartsOn)
        .order_by_desc(notice::Column::Id)
        .all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for n in rows {
        out.push(notice_view(&state.db, n, today).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/public/objections", request_body = NewObjection,
    responses((status = 201, body = ObjectionReceipt), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
/// Anyone may object to a proposed studio while its notice runs; at most 5 per address per hour.
pub async fn file_objection(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    JsonBody(req): JsonBody<NewObjection>,
) -> Result<(StatusCode, Json<ObjectionReceipt>), ApiError> {
    crate::extract::require_json(&headers)?;
    req.check().map_err(ApiError::Validation)?;
    let today = state.today();
    let n = notice::Entity::find_by_id(req.notice_id)
        .one(&state.db)
        .await?
        .filter(|n| n.starts_on <= today)
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "notice_id",
                "没有这个公示",
                "no such notice",
            )])
        })?;
    if today > n.ends_on {
        return Err(ApiError::Conflict(format!(
            "公示期已于 {} 结束，不再受理异议",
            n.ends_on
        )));
    }
    if let Some(app) = req.application_id {
        let listed = application::Entity::find_by_id(app)
            .one(&state.db)
            .await?
            .is_some_and(|m| m.notice_id == Some(n.id));
        if !listed {
            return Err(ApiError::Validation(vec![FieldError::new(
                "application_id",
                "该申报不在本次公示名单中",
                "the application is not on this notice",
            )]));
        }
    }
    let now = state.now();
    let address = addr.ip().to_string();
    let txn = state.begin_audited().await?;
    // Counted and written under the audit lock, so racing requests cannot pass the limit together.
    let window = now - chrono::Duration::hours(1);
    let recent = objection::Entity::find()
        .filter(objection::Column::Address.eq(address.clone()))
        .filter(objection::Column::FiledAt.gt(window))
        .order_by_asc(objection::Column::FiledAt)
        .all(&*txn)
        .await?;
    if recent.len() as u64 >= OBJECTIONS_PER_HOUR {
        let oldest = recent.first().map(|o| o.filed_at).unwrap_or(now);
        let wait = (oldest + chrono::Duration::hours(1) - now)
            .num_seconds()
            .max(1);
        return Err(ApiError::RateLimited {
            retry_after_secs: u64::try_from(wait).unwrap_or(3600),
        });
    }
    let saved = objection::ActiveModel {
        notice_id: Set(n.id),
        application_id: Set(req.application_id),
        name: Set(req.name.trim().to_owned()),
        contact: Set(req.contact.trim().to_owned()),
        text: Set(req.text.trim().to_owned()),
        filed_at: Set(now),
        address: Set(address),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    crate::audit::append(
        &*txn,
        now,
        &crate::audit::Actor::anonymous(format!("public:{}", req.name.trim())),
        crate::audit::Event::new("objection.file", "objection", saved.id).after(
            &serde_json::json!({
                "notice_id": n.id, "application_id": req.application_id,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(ObjectionReceipt {
            id: saved.id,
            filed_at: now,
        }),
    ))
}
