//! 第十一条（五）: the public notice of the proposed list, as anyone sees it, and the objections
//! filed during it (anyone may file; HRSS records how each was decided).

use super::store;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{notice, objection};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use shared::procedure::{
    NewObjection, NoticeEntry, NoticeView, ObjectionReceipt, ObjectionResolution, ObjectionView,
    check_reason,
};
use shared::wire::FieldError;
use std::net::IpAddr;

/// Notices shown publicly: running ones and those that ended in the last 90 days.
const NOTICE_SHOWN_DAYS: i64 = 90;
/// Objections one address may file per hour.
pub const OBJECTIONS_PER_HOUR: u64 = 5;

/// A notice with the applications listed on it, as the public sees it.
pub async fn view<C: ConnectionTrait>(
    db: &C,
    n: notice::Model,
    today: chrono::NaiveDate,
) -> Result<NoticeView, ApiError> {
    let round = store::round(db, n.round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut entries = Vec::new();
    for m in store::on_notice(db, n.id).await? {
        let u = store::unit(db, m.unit_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let p = m.profile.0;
        entries.push(NoticeEntry {
            application_id: m.id,
            studio_name: p.display_name(),
            leader_name: p.leader_name,
            occupation: p.occupation,
            unit_name: u.name,
            city: u.city,
            level: m.facts.level,
            national_category: m.facts.national_category,
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

/// The public notices of proposed studios, newest first.
pub async fn public(state: &AppState) -> Result<Vec<NoticeView>, ApiError> {
    let today = state.today();
    let since = today - chrono::Duration::days(NOTICE_SHOWN_DAYS);
    let mut out = Vec::new();
    for n in store::notices_since(&state.db, since, today).await? {
        out.push(view(&state.db, n, today).await?);
    }
    Ok(out)
}

/// Anyone may object to a proposed studio while its notice runs; at most 5 per address per hour.
pub async fn file(
    state: &AppState,
    req: NewObjection,
    from: IpAddr,
) -> Result<ObjectionReceipt, ApiError> {
    req.check().map_err(ApiError::Validation)?;
    let today = state.today();
    let n = store::notice(&state.db, req.notice_id)
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
        let ends = n.ends_on;
        return Err(ApiError::conflict(
            format!("公示期已于 {ends} 结束，不再受理异议"),
            format!("The public notice ended on {ends}; objections are no longer accepted"),
        ));
    }
    if let Some(app) = req.application_id {
        let listed = store::application(&state.db, app)
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
    let address = from.to_string();
    let public = Actor::anonymous(format!("public:{}", req.name.trim()));
    let w = Write::begin(state, &public).await?;
    // Counted and written in the audited write, so racing requests cannot pass the limit together.
    let now = w.now();
    let recent = store::objections_from(&*w, &address, now - chrono::Duration::hours(1)).await?;
    if recent.len() as u64 >= OBJECTIONS_PER_HOUR {
        let oldest = recent.first().map(|o| o.filed_at).unwrap_or(now);
        let wait = (oldest + chrono::Duration::hours(1) - now)
            .num_seconds()
            .max(1);
        return Err(ApiError::RateLimited {
            retry_after_secs: u64::try_from(wait).unwrap_or(3600),
        });
    }
    let saved = store::save_objection(
        &*w,
        objection::ActiveModel {
            notice_id: Set(n.id),
            application_id: Set(req.application_id),
            name: Set(req.name.trim().to_owned()),
            contact: Set(req.contact.trim().to_owned()),
            text: Set(req.text.trim().to_owned()),
            filed_at: Set(now),
            address: Set(address),
            ..Default::default()
        },
    )
    .await?;
    w.done(
        Event::new("objection.file", "objection", saved.id).after(&serde_json::json!({
            "notice_id": n.id, "application_id": req.application_id,
        })),
    )
    .await?;
    Ok(ObjectionReceipt {
        id: saved.id,
        filed_at: now,
    })
}

fn objection_view(o: objection::Model) -> ObjectionView {
    ObjectionView {
        id: o.id,
        notice_id: o.notice_id,
        application_id: o.application_id,
        name: o.name,
        contact: o.contact,
        text: o.text,
        filed_at: o.filed_at,
        outcome: o.outcome,
        resolved_by: o.resolved_by,
        resolved_at: o.resolved_at,
    }
}

/// Every objection (of a round's notices), open ones first.
pub async fn objections(
    state: &AppState,
    round_id: Option<i32>,
) -> Result<Vec<ObjectionView>, ApiError> {
    let mut rows: Vec<ObjectionView> = store::objections(&state.db, round_id)
        .await?
        .into_iter()
        .map(objection_view)
        .collect();
    rows.sort_by_key(|o| (o.outcome.is_some(), o.id));
    Ok(rows)
}

/// HRSS records how an objection was checked and decided.
pub async fn resolve(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: ObjectionResolution,
) -> Result<ObjectionView, ApiError> {
    check_reason("outcome", &req.outcome).map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    let o = store::objection(&*w, id).await?.ok_or(ApiError::NotFound)?;
    if o.outcome.is_some() {
        return Err(ApiError::conflict(
            "该异议已处理",
            "This objection has already been resolved",
        ));
    }
    let mut active = o.into_active_model();
    active.outcome = Set(Some(req.outcome.trim().to_owned()));
    active.resolved_by = Set(Some(actor.username.clone()));
    active.resolved_at = Set(Some(w.now()));
    let saved = store::save_objection(&*w, active).await?;
    w.done(
        Event::new("objection.resolve", "objection", id)
            .reason(Some(req.outcome.trim().to_owned())),
    )
    .await?;
    Ok(objection_view(saved))
}
