//! HRSS's unit registry: each host unit's credit code (GB 32100), kind, affiliation, county,
//! system (集团, 第十六条（二）) and the organisation that recommends it (第十一条（一）).

use crate::actor::Actor;
use crate::admin::store;
use crate::audit::Event;
use crate::entity::{org, unit};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use shared::api::query::UnitQuery;
use shared::channel::channel;
use shared::geo::City;
use shared::registry::{OrgOption, UnitInput, UnitView, county_name};
use shared::wire::FieldError;

fn org_option(o: org::Model) -> OrgOption {
    OrgOption {
        id: o.id,
        name: o.name,
        kind: o.kind,
        city: o.city,
    }
}

pub async fn orgs<C: ConnectionTrait>(db: &C) -> Result<Vec<OrgOption>, ApiError> {
    Ok(store::orgs(db).await?.into_iter().map(org_option).collect())
}

pub(crate) fn unit_view(u: unit::Model, orgs: &[OrgOption]) -> UnitView {
    let county_code = u32::try_from(u.county_code).unwrap_or(0);
    let ch = channel(u.affiliation, u.city);
    UnitView {
        id: u.id,
        credit_code: u.credit_code,
        name: u.name,
        kind: u.kind,
        affiliation: u.affiliation,
        city: u.city,
        county_code,
        county: county_name(county_code).unwrap_or_default().to_owned(),
        group_name: u.group_name.unwrap_or_default(),
        channel: ch,
        channel_org_id: u.channel_org_id,
        channel_name: u
            .channel_org_id
            .and_then(|id| orgs.iter().find(|o| o.id == id))
            .map(|o| o.name.clone())
            .unwrap_or_else(|| ch.label_zh()),
    }
}

/// The registry, searched by part of the name or the credit code, and filtered by city.
pub async fn units(state: &AppState, q: UnitQuery) -> Result<Vec<UnitView>, ApiError> {
    let orgs = orgs(&state.db).await?;
    let needle =
        q.q.as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_uppercase();
    Ok(store::units(&state.db, q.city)
        .await?
        .into_iter()
        // Matched literally (no LIKE pattern): a registry is hundreds of rows.
        .filter(|u| {
            needle.is_empty()
                || u.name.to_uppercase().contains(&needle)
                || u.credit_code.contains(&needle)
        })
        .map(|u| unit_view(u, &orgs))
        .collect())
}

/// The unit as written, after [`UnitInput::check`].
pub(crate) fn apply(
    a: &mut unit::ActiveModel,
    input: &UnitInput,
    org: Option<i32>,
) -> Result<(), ApiError> {
    let city = City::of_county(input.county_code).ok_or(ApiError::NotFound)?;
    a.credit_code = Set(input.credit_code.trim().to_uppercase());
    a.name = Set(input.name.trim().to_owned());
    a.kind = Set(input.kind);
    a.affiliation = Set(input.affiliation);
    a.city = Set(city);
    a.county_code =
        Set(i32::try_from(input.county_code).map_err(|_| ApiError::Internal("county".into()))?);
    a.group_name = Set(Some(input.group_name.trim().to_owned()).filter(|g| !g.is_empty()));
    a.channel_org_id = Set(org);
    Ok(())
}

fn taken_code() -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "credit_code",
        "这个统一社会信用代码已登记为另一家单位",
        "another unit is registered with this credit code",
    )])
}

/// HRSS registers a unit (`id` none) or edits one. Applications already made keep the channel they
/// were routed to.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<i32>,
    input: UnitInput,
) -> Result<UnitView, ApiError> {
    let w = Write::begin(state, actor).await?;
    let all = orgs(&*w).await?;
    let current = match id {
        Some(id) => Some(store::unit(&*w, id).await?.ok_or(ApiError::NotFound)?),
        None => None,
    };
    let (_, org) = input.check(&all).map_err(ApiError::Validation)?;
    if store::code_taken(&*w, &input.credit_code.trim().to_uppercase(), id).await? {
        return Err(taken_code());
    }
    let before = current.clone().map(|c| unit_view(c, &all));
    let mut a = current.map_or_else(Default::default, IntoActiveModel::into_active_model);
    apply(&mut a, &input, org)?;
    let saved = store::save_unit(&*w, a).await?;
    let after = unit_view(saved.clone(), &all);
    let event = match before {
        None => Event::new("unit.create", "unit", saved.id).after(&input),
        Some(b) => Event::new("unit.update", "unit", saved.id)
            .before(&b)
            .after(&after),
    };
    w.done(event).await?;
    Ok(after)
}
