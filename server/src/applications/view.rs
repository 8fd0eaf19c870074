//! An application as its readers see it: the facts dated as the rules read them, the server's
//! verdict with 第十八条's exits on record, and the names of its round, unit and channel.

use super::store;
use crate::entity::application;
use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use shared::application::{ApplicationView, Justifications, StudioProfile, unjustified_warnings};
use shared::eligibility::{self, EligibilityInput, EligibilityReport};
use shared::life::BanExitView;

/// The facts as the rules evaluate them on `today`: once submitted, on the day of the first
/// submission (stored with them); before that, on `today`, since the submission day will decide
/// (第十条（一）, 第十八条). Also whether that date is final.
pub fn evaluated_facts(
    m: &application::Model,
    today: chrono::NaiveDate,
) -> (EligibilityInput, Justifications, bool) {
    let submitted = m.submitted_at.is_some();
    let first = submitted.then_some(m.facts.application_date);
    (
        shared::application::dated(m.facts.0.clone(), first, today),
        m.justifications.0.clone(),
        submitted,
    )
}

pub fn profile(m: &application::Model) -> StudioProfile {
    m.profile.0.clone()
}

/// The server's verdict on `facts`, with 第十八条's exits on record (the unit's, and the leader's by
/// identity number) and HRSS's exceptions for the round; and the exits that bar it.
pub async fn verdict<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    facts: &EligibilityInput,
) -> Result<(EligibilityReport, Vec<BanExitView>), ApiError> {
    let (policy, exits) =
        crate::life::ban::context(db, m.unit_id, m.round_id, &profile(m), facts).await?;
    Ok((eligibility::evaluate(facts, &policy), exits))
}

pub async fn view<C: ConnectionTrait>(
    db: &C,
    m: application::Model,
    today: chrono::NaiveDate,
) -> Result<ApplicationView, ApiError> {
    let (facts, justifications, date_final) = evaluated_facts(&m, today);
    let (report, ban_exits) = verdict(db, &m, &facts).await?;
    let unjustified = unjustified_warnings(&report, &justifications);
    let round = store::round(db, m.round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let unit = store::unit(db, m.unit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let channel = match m.channel_org_id {
        Some(id) if !m.hrss_direct => store::org_name(db, id).await?.unwrap_or_default(),
        _ => shared::channel::Channel::HrssDirect.label_zh(),
    };
    Ok(ApplicationView {
        id: m.id,
        round_id: m.round_id,
        round_year: round.year,
        unit_id: m.unit_id,
        unit_name: unit.name,
        level: m.level,
        national_category: facts.national_category,
        state: m.state,
        justifications,
        // The identity number is shown masked, to the applicant too (an edit sent back with the
        // mask keeps the stored number).
        profile: profile(&m).masked(),
        channel,
        hrss_direct: m.hrss_direct,
        rank: m.rank.and_then(|r| u32::try_from(r).ok()),
        party_meeting_date: m.party_meeting_date,
        last_reason: m.last_reason,
        version: m.version,
        eligibility: report,
        unjustified,
        defense_score: m.defense_score.map(shared::Tenths::from_tenths),
        inspection_passed: m.inspection_passed,
        inspection_notes: m.inspection_notes,
        notice_id: m.notice_id,
        studio_id: m.studio_id,
        evaluated_on: facts.application_date,
        date_final,
        ban_exits,
        facts,
    })
}

/// The views of several rows.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<application::Model>,
    today: chrono::NaiveDate,
) -> Result<Vec<ApplicationView>, ApiError> {
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        out.push(view(db, m, today).await?);
    }
    Ok(out)
}
