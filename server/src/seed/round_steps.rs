//! The demo round's steps that several stages share: finding a unit, its channel's recommender,
//! the experts, moving an application, and scoring a panel's sheets.

use super::Seeded;
use super::client::Api;
use crate::entity::{unit, user_account};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

pub(super) async fn unit_of(
    api: &Api<'_>,
    seeded: &Seeded,
    row: usize,
) -> anyhow::Result<unit::Model> {
    let id = seeded
        .registry
        .units
        .get(row)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("demo round: no unit row {row}"))?;
    unit::Entity::find_by_id(id)
        .one(&api.state.db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo round: no unit {id}"))
}

pub(super) async fn transition(
    api: &mut Api<'_>,
    who: &str,
    id: i32,
    version: i64,
    mut body: Value,
) -> anyhow::Result<Value> {
    body["version"] = json!(version);
    api.post(who, &format!("/applications/{id}/transition"), body)
        .await
}

/// The first recommender account of a channel organisation.
pub(super) async fn recommender_of(api: &Api<'_>, org_id: i32) -> anyhow::Result<String> {
    user_account::Entity::find()
        .filter(user_account::Column::OrgId.eq(org_id))
        .filter(user_account::Column::Role.eq("recommender"))
        .one(&api.state.db)
        .await?
        .map(|u| u.username)
        .ok_or_else(|| anyhow::anyhow!("demo round: no recommender of organisation {org_id}"))
}

pub(super) async fn expert_ids(api: &Api<'_>, names: &[&str]) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for n in names {
        let u = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(*n))
            .one(&api.state.db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo round: no expert {n}"))?;
        ids.push(i64::from(u.id));
    }
    Ok(ids)
}

/// `expert` (the `n`th, for varied scores) scores the first `scored` of their sheets on `panel`
/// (the last of them only half-way when `half_last`) and signs the first `signed`.
pub(super) async fn score_sheets(
    api: &mut Api<'_>,
    expert: &str,
    panel: i64,
    n: usize,
    (scored, signed, half_last): (usize, usize, bool),
) -> anyhow::Result<()> {
    let view = api
        .call(Some(expert), "GET", &format!("/panels/{panel}"), None)
        .await?;
    let me = api.call(Some(expert), "GET", "/auth/me", None).await?;
    let my_id = me["user"]["id"].as_i64();
    let items = view["rubric"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let sheets: Vec<Value> = view["sheets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["expert_id"].as_i64() == my_id)
        .cloned()
        .collect();
    let at = api.state.now();
    let tenths =
        |v: &Value| shared::Tenths::parse(&v.to_string()).map_or(0, |t| i64::from(t.tenths()));
    let mut changes = Vec::new();
    let mut signs = Vec::new();
    let count = sheets.len().min(scored);
    for (c, sheet) in sheets.iter().take(count).enumerate() {
        let take = if half_last && c + 1 == count {
            items.len() / 2
        } else {
            items.len()
        };
        for item in items.iter().take(take) {
            let key = item["key"].as_str().unwrap_or_default();
            changes.push(json!({
                "id": format!("demo-{panel}-{}-{key}", sheet["id"]),
                "sheet_id": sheet["id"], "item": key, "client_at": at,
                "value": score(tenths(&item["max"]), tenths(&item["step"]), n, c),
            }));
        }
        if c < signed {
            signs.push(json!({
                "id": format!("demo-sign-{panel}-{}", sheet["id"]),
                "sheet_id": sheet["id"], "signature": SIGNATURE, "client_at": at,
            }));
        }
    }
    let result = api
        .post(
            expert,
            "/scoring/sync",
            json!({ "changes": changes, "signs": signs, "comments": [] }),
        )
        .await?;
    if result["rejected"].as_array().is_some_and(|r| !r.is_empty()) {
        anyhow::bail!(
            "demo round: {expert}'s scores refused: {}",
            result["rejected"]
        );
    }
    Ok(())
}

const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// A score for an item (maximum `max`, step `step`, in tenths) from expert `n` for candidate `c`:
/// between 70 % and 97 % of the maximum, in the rubric's steps.
fn score(max: i64, step: i64, n: usize, c: usize) -> shared::Tenths {
    let pct = 97 - i64::try_from((n * 7 + c * 11) % 28).unwrap_or(0);
    let tenths = max * pct / 100 / step.max(1) * step.max(1);
    shared::Tenths::from_tenths(i32::try_from(tenths).unwrap_or(0))
}
