//! 第十八条's ban: the exits on record that concern an application (its unit, its leader by
//! identity number, or by name where an exit has no number) and HRSS's exceptions, each for one
//! exit, one round and one subject.

use super::store;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::ban_override;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::application::StudioProfile;
use shared::deadlines::ban_until;
use shared::eligibility::{
    BanException, BanSubject, EligibilityInput, EligibilityPolicy, ExitOnRecord,
};
use shared::life::{BanExitView, BanOverride, NewBanOverride};
use shared::wire::FieldError;

/// The eligibility policy of an application in `round_id`: the programme's policies, the exits on
/// record and the exceptions granted for its round; with the exits that bar it on the facts' date,
/// for the page where HRSS may except them.
pub async fn context<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    round_id: i32,
    profile: &StudioProfile,
    facts: &EligibilityInput,
) -> Result<(EligibilityPolicy, Vec<BanExitView>), ApiError> {
    let mut policy = crate::admin::service::policies::current(db)
        .await?
        .eligibility();
    let leader_id = profile.leader_id();
    let found = store::exits_of(
        db,
        unit_id,
        leader_id.as_ref().map(|i| i.as_str()),
        profile.leader_name.trim(),
        facts.leader.birth_date,
    )
    .await?;
    let tagged =
        |list: Vec<_>, subject, by_name| list.into_iter().map(move |e| (e, subject, by_name));
    let exits: Vec<_> = tagged(found.of_unit, BanSubject::Unit, false)
        .chain(tagged(found.of_leader, BanSubject::Leader, false))
        .chain(tagged(found.by_name, BanSubject::Leader, true))
        .collect();
    policy.exits = exits
        .iter()
        .map(|(e, subject, by_name)| ExitOnRecord {
            exit_id: e.id,
            decided_on: e.decided_on,
            subject: *subject,
            by_name_only: *by_name,
        })
        .collect();
    policy.round_id = Some(round_id);
    policy.exceptions = store::exceptions_for(db, round_id)
        .await?
        .into_iter()
        .filter_map(|o| {
            Some(BanException {
                exit_id: o.exit_id?,
                round_id: o.round_id?,
                subject: o.subject,
                reason: o.reason,
            })
        })
        .collect();
    let mut views = Vec::new();
    for (on_record, excepted) in policy.barring(facts.application_date) {
        let Some((e, _, _)) = exits
            .iter()
            .find(|(e, s, _)| e.id == on_record.exit_id && *s == on_record.subject)
        else {
            continue;
        };
        let studio_name = store::studio(db, e.studio_id)
            .await?
            .map(|s| s.name)
            .unwrap_or_default();
        views.push(BanExitView {
            exit_id: e.id,
            studio_name,
            subject: on_record.subject,
            decided_on: e.decided_on,
            ban_until: ban_until(e.decided_on),
            by_name_only: on_record.by_name_only,
            excepted,
        });
    }
    Ok((policy, views))
}

async fn override_view<C: ConnectionTrait>(
    db: &C,
    m: ban_override::Model,
) -> Result<BanOverride, ApiError> {
    let unit_name = store::unit_name(db, Some(m.unit_id)).await?;
    let exit = match m.exit_id {
        Some(id) => store::exit(db, id).await?,
        None => None,
    };
    let studio_name = match &exit {
        Some(e) => store::studio(db, e.studio_id)
            .await?
            .map(|s| s.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let round_year = match m.round_id {
        Some(id) => store::round_year(db, id).await?,
        None => None,
    };
    Ok(BanOverride {
        id: m.id,
        exit_id: m.exit_id,
        round_id: m.round_id,
        round_year,
        subject: m.subject,
        unit_id: m.unit_id,
        unit_name,
        studio_name,
        reason: m.reason,
        granted_by: m.granted_by,
        granted_at: m.granted_at,
    })
}

/// HRSS's exceptions to 第十八条's ban, newest first.
pub async fn exceptions(state: &AppState) -> Result<Vec<BanOverride>, ApiError> {
    let mut out = Vec::new();
    for m in store::exceptions(&state.db).await? {
        out.push(override_view(&state.db, m).await?);
    }
    Ok(out)
}

/// 第十八条 "原则上": HRSS lifts the ban of one exit, for one round and one subject (the unit or the
/// leader), with a recorded reason. Nothing else is lifted: another exit, another round or the
/// other subject still bars.
pub async fn grant(
    state: &AppState,
    actor: &Actor,
    new: NewBanOverride,
) -> Result<BanOverride, ApiError> {
    let mut errors = new.check().err().unwrap_or_default();
    let w = Write::begin(state, actor).await?;
    let exit = store::exit(&*w, new.exit_id).await?;
    if exit.is_none() {
        errors.push(FieldError::new(
            "exit_id",
            "没有这项退出记录",
            "no such exit",
        ));
    }
    if store::round_year(&*w, new.round_id).await?.is_none() {
        errors.push(FieldError::new(
            "round_id",
            "没有这个申报轮次",
            "no such round",
        ));
    }
    let Some(exit) = exit.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    if store::exception_exists(&*w, new.exit_id, new.round_id, new.subject).await? {
        return Err(ApiError::conflict(
            "本轮已就这项退出准予例外，无须重复",
            "An exception for this exit has already been granted in this round",
        ));
    }
    let saved = store::insert_exception(
        &*w,
        ban_override::ActiveModel {
            unit_id: Set(exit.unit_id),
            exit_id: Set(Some(new.exit_id)),
            round_id: Set(Some(new.round_id)),
            subject: Set(new.subject),
            reason: Set(new.reason.trim().to_owned()),
            granted_by: Set(actor.username.clone()),
            granted_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    w.done(
        Event::new("ban.override", "studio_exit", new.exit_id)
            .after(&new)
            .reason(Some(new.reason.trim().to_owned())),
    )
    .await?;
    override_view(&state.db, saved).await
}
