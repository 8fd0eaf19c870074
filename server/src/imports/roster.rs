//! The expert roster (HRSS and the recommending organisations) and the unit picker (anyone signed
//! in).

use super::plan::places;
use super::store;
use crate::actor::Actor;
use crate::error::ApiError;
use crate::state::AppState;
use shared::account::Role;
use shared::api::query::UnitQuery;
use shared::import::experts;
use shared::registry::{AffiliationView, ExpertView, UnitOption, county_name};

/// The roster: HRSS sees every expert; a city bureau (or another recommending organisation) the
/// enabled ones, each with the organisation's studios they may not assess.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<ExpertView>, ApiError> {
    let db = &state.db;
    let hrss = actor.role == Some(Role::HrssAdmin);
    let organisation = actor.role == Some(Role::Recommender) && actor.org_id.is_some();
    if !(hrss || organisation) {
        return Err(ApiError::forbidden(
            "只有自治区人社厅和推荐单位查看专家库",
            "Only HRSS and recommending organisations may read the expert roster",
        ));
    }
    let today = state.today();
    let places = places(db).await?;
    let unit_names: std::collections::HashMap<i32, String> = crate::admin::store::units(db, None)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{}（{}）", u.name, u.credit_code)))
        .collect();
    let mut affiliations = crate::admin::store::all_affiliations(db).await?;
    let visibility = crate::studios::service::visibility(actor);
    let studios = if hrss {
        Vec::new()
    } else {
        crate::studios::store::visible(visibility).all(db).await?
    };
    Ok(store::experts(db, hrss)
        .await?
        .into_iter()
        .map(|u| {
            let list = experts::sorted(affiliations.remove(&u.id).unwrap_or_default());
            let conflicts = studios
                .iter()
                .filter(|s| {
                    shared::scoring::conflict(&list, s.unit_id, actor.org_id, today).is_some()
                })
                .map(|s| s.name.clone())
                .collect();
            ExpertView {
                id: u.id,
                username: u.username,
                name: u.display_name,
                id_number: u
                    .id_number
                    .as_deref()
                    .map(shared::identity::mask_id)
                    .unwrap_or_default(),
                occupation_group: u.occupation_group.unwrap_or_default(),
                disabled: u.disabled,
                affiliations: list
                    .iter()
                    .map(|a| AffiliationView {
                        unit_id: a.unit_id,
                        org_id: a.org_id,
                        place: a
                            .unit_id
                            .and_then(|id| unit_names.get(&id).cloned())
                            .or_else(|| {
                                a.org_id.and_then(|id| {
                                    places
                                        .orgs
                                        .iter()
                                        .find(|o| o.id == id)
                                        .map(|o| o.name.clone())
                                })
                            })
                            .unwrap_or_default(),
                        from: a.from,
                        until: a.until,
                        in_look_back: shared::scoring::in_look_back(a, today),
                    })
                    .collect(),
                conflicts,
            }
        })
        .collect())
}

/// Units for a picker: by part of the name or the credit code, at most 20.
pub async fn pick_units(state: &AppState, q: UnitQuery) -> Result<Vec<UnitOption>, ApiError> {
    let needle =
        q.q.as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_uppercase();
    if needle.chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(store::find_units(&state.db, &needle, 20)
        .await?
        .into_iter()
        .filter(|u| q.city.is_none_or(|c| c == u.city))
        .map(|u| {
            let county = u32::try_from(u.county_code)
                .ok()
                .and_then(county_name)
                .unwrap_or_default();
            UnitOption {
                id: u.id,
                name: u.name,
                credit_code: u.credit_code,
                city: u.city,
                county: county.to_owned(),
            }
        })
        .collect())
}
