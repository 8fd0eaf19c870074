//! An application drafted and edited by its unit (第九条, 第十条): in an open round, one per unit and
//! round, facts checked against the unit's kind.

use super::moves::{self, Change, same_version};
use super::service::{ensure_open, round, visible_one};
use super::store;
use super::view::{self, evaluated_facts, profile};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, application};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::account::Role;
use shared::application::{
    ApplicationEdit, ApplicationView, Justifications, NewApplication, StudioProfile,
    check_justifications,
};
use shared::channel::{Channel, channel};
use shared::eligibility::{EligibilityInput, UnitKind};
use shared::wire::FieldError;
use shared::workflow::AppState as Stage;

/// A regional application carries no national category (第十二条 applies to national ones only).
fn normalise(facts: &mut EligibilityInput) {
    if facts.level == shared::Level::Regional {
        facts.national_category = None;
    }
}

/// Field errors of the facts, named under `facts.` as the request body nests them.
fn check_facts(
    facts: &EligibilityInput,
    justifications: &Justifications,
    profile: &StudioProfile,
    registered: UnitKind,
) -> Result<(), ApiError> {
    let mut errors: Vec<FieldError> = facts
        .check()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| FieldError {
            field: format!("facts.{}", e.field),
            ..e
        })
        .collect();
    if facts.unit.kind != registered {
        errors.push(FieldError::new(
            "facts.unit.kind",
            format!("与登记的单位类型（{}）不符", registered.label_zh()),
            format!(
                "does not match the registered kind of unit ({})",
                registered.label_en()
            ),
        ));
    }
    errors.extend(
        check_justifications(justifications)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(profile.check().err().unwrap_or_default());
    errors.extend(profile.check_birth_date(facts.leader.birth_date).err());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn one_per_round(existing: i32) -> ApiError {
    let (which, which_en) = if existing > 0 {
        (format!("（编号 {existing}）"), format!(" (no. {existing})"))
    } else {
        (String::new(), String::new())
    };
    ApiError::conflict(
        format!(
            "本单位在本轮已有一份申报{which}：每个单位每轮只能申报一个工作室，请继续编辑该申报或先撤回"
        ),
        format!(
            "Your unit already has an application in this round{which_en}: one studio per unit per round — edit that application or withdraw it first"
        ),
    )
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    mut new: NewApplication,
) -> Result<ApplicationView, ApiError> {
    actor.require(&[Role::Applicant])?;
    normalise(&mut new.facts);
    let unit_id = actor.unit_id.ok_or(ApiError::forbidden(
        "账号未绑定申报单位",
        "This account is not linked to an applicant unit",
    ))?;
    let unit = store::unit(&state.db, unit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = round(&state.db, new.round_id).await?;
    ensure_open(state.today(), &round)?;
    // The date the rules count on is the server's, never one typed (第十条（一）, 第十八条).
    new.facts.application_date = shared::application::evaluation_day(None, state.today());
    check_facts(&new.facts, &new.justifications, &new.profile, unit.kind)?;
    let ch = channel(unit.affiliation, unit.city);
    if ch != Channel::HrssDirect && unit.channel_org_id.is_none() {
        return Err(ApiError::conflict(
            format!(
                "本单位的推荐渠道（{}）尚未登记，请联系自治区人社厅",
                ch.label_zh()
            ),
            format!(
                "Your unit's recommending channel ({}) is not registered: contact HRSS",
                ch.label_en()
            ),
        ));
    }
    let w = Write::begin(state, actor).await?;
    // 第四章: one application per unit per round (a withdrawn one no longer counts). Checked in
    // the write; the unique index catches a race.
    if let Some(existing) = store::of_unit_in_round(&*w, unit_id, new.round_id).await? {
        return Err(one_per_round(existing.id));
    }
    let row = application::ActiveModel {
        round_id: Set(new.round_id),
        unit_id: Set(unit_id),
        level: Set(new.facts.level),
        state: Set(Stage::Draft),
        facts: Set(JsonText(new.facts.clone())),
        justifications: Set(JsonText(new.justifications.clone())),
        profile: Set(JsonText(new.profile.clone())),
        channel_org_id: Set(unit.channel_org_id),
        hrss_direct: Set(ch == Channel::HrssDirect),
        version: Set(1),
        created_at: Set(w.now()),
        updated_at: Set(w.now()),
        ..Default::default()
    };
    let created = store::insert(&*w, row).await.map_err(|e| match e {
        sea_orm::DbErr::Exec(_) | sea_orm::DbErr::Query(_) => one_per_round(0),
        other => ApiError::Database(other),
    })?;
    store::snapshot(&*w, &created, &actor.username, w.now(), None).await?;
    w.done(Event::new("application.create", "application", created.id).after(&new.facts))
        .await?;
    view::view(&state.db, created, state.today()).await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: i32,
    mut edit: ApplicationEdit,
) -> Result<ApplicationView, ApiError> {
    normalise(&mut edit.facts);
    let m = visible_one(&state.db, actor, id).await?;
    actor.require(&[Role::Applicant])?;
    same_version(edit.version, &m)?;
    if !matches!(m.state, Stage::Draft | Stage::Returned) {
        return Err(ApiError::conflict(
            format!("“{}”状态的申报不能修改", m.state.label_zh()),
            format!(
                "An application that is “{}” cannot be edited",
                m.state.label_en()
            ),
        ));
    }
    let unit = store::unit(&state.db, m.unit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let round = round(&state.db, m.round_id).await?;
    // Never submitted: today, the preview; returned: the first submission's day stays.
    edit.facts.application_date = evaluated_facts(&m, state.today()).0.application_date;
    edit.profile.keep_stored_id(&profile(&m));
    check_facts(&edit.facts, &edit.justifications, &edit.profile, unit.kind)?;
    if m.state == Stage::Draft {
        ensure_open(state.today(), &round)?;
    }
    let w = Write::begin(state, actor).await?;
    let changes = vec![
        Change::Facts(edit.facts.clone()),
        Change::Justifications(edit.justifications.clone()),
        Change::Profile(edit.profile.clone()),
        Change::Level(edit.facts.level),
    ];
    let updated = moves::write(&w, &m, changes, None).await?;
    w.done(
        Event::new("application.update", "application", id)
            .before(&m.facts.0)
            .after(&edit.facts),
    )
    .await?;
    view::view(&state.db, updated, state.today()).await
}
