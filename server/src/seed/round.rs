//! The demo's selection round in flight (`data/demo-round.tsv`), seeded through the real API: each
//! unit's contact drafts and submits, the channels return or recommend with their Party-group
//! meetings, HRSS forms two defense panels (one closed after every expert signed, one partly
//! scored), sends the heard candidates to field inspection in ranking order, and puts the first of
//! them on public notice, where someone objects. Everything goes through the same handlers, rules
//! and audit trail as a person's clicks would, on the server's clock.

use super::{Seeded, bad, rows};
use crate::entity::{unit, user_account};
use crate::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use shared::eligibility::UnitKind;
use std::collections::BTreeMap;
use tower::ServiceExt;

const ROUND_TSV: &str = include_str!("../../data/demo-round.tsv");
const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// One signed-in demo actor calling the API in-process.
struct Actor {
    name: String,
    cookie: String,
    csrf: String,
    hash: String,
}

struct Api<'a> {
    state: &'a AppState,
    router: Router,
    actors: Vec<Actor>,
}

impl Api<'_> {
    /// A session for `username` (no password: the seed acts for the demo accounts it created).
    async fn actor(&mut self, username: &str) -> anyhow::Result<usize> {
        if let Some(i) = self.actors.iter().position(|a| a.name == username) {
            return Ok(i);
        }
        let user = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(username))
            .one(&self.state.db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo round: no account {username}"))?;
        let (token, csrf) = crate::accounts::service::start(self.state, user.id)
            .await
            .map_err(|e| anyhow::anyhow!("demo round: session for {username}: {e:?}"))?;
        self.actors.push(Actor {
            name: username.into(),
            hash: crate::accounts::service::token_hash(&token),
            cookie: format!("{}={token}", crate::accounts::http::session::COOKIE),
            csrf,
        });
        Ok(self.actors.len() - 1)
    }

    /// `method path` as `username` (or nobody) with a JSON body; the answer's JSON, or an error
    /// naming the call when the server refused it.
    async fn call(
        &mut self,
        username: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("/api{path}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(u) = username {
            let i = self.actor(u).await?;
            let a = &self.actors[i];
            req = req
                .header(header::COOKIE, &a.cookie)
                .header(crate::accounts::http::session::CSRF_HEADER, &a.csrf);
        }
        let mut req = req.body(match &body {
            Some(b) => Body::from(serde_json::to_vec(b)?),
            None => Body::empty(),
        })?;
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [127, 0, 0, 1],
                0,
            ))));
        let response = self.router.clone().oneshot(req).await?;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if !status.is_success() {
            anyhow::bail!("demo round: {method} {path} as {username:?}: {status} {value}");
        }
        Ok(value)
    }

    async fn post(&mut self, who: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        self.call(Some(who), "POST", path, Some(body)).await
    }

    /// Ends the seed's sessions.
    async fn sign_out(&self) -> anyhow::Result<()> {
        for a in &self.actors {
            crate::accounts::service::end(self.state, &a.hash)
                .await
                .map_err(|e| anyhow::anyhow!("demo round: {e:?}"))?;
        }
        Ok(())
    }
}

/// One application of the demo round.
struct Entry {
    unit_row: usize,
    contact: &'static str,
    leader: &'static str,
    birth: &'static str,
    level: &'static str,
    category: Option<&'static str>,
    occupation: &'static str,
    industry: &'static str,
    stage: &'static str,
    unit_id: i32,
    channel_org: Option<i32>,
    id: i32,
    version: i64,
}

fn facts(e: &Entry, kind: &UnitKind, today: chrono::NaiveDate) -> Value {
    let school = *kind == UnitKind::School;
    json!({
        "level": e.level,
        "national_category": e.category,
        "application_date": today,
        "leader": {
            "birth_date": e.birth,
            "titles": if e.level == "national" { json!(["national_technical_expert"]) } else { json!(["saishang_skill_master"]) },
            "skill_level": "senior_technician",
            "active_innovation": true, "influential_invention": true, "economic_benefit": true,
            "unique_skills": false, "craft_contribution": false,
            "top_skill": true, "mentoring_experience": true, "healthy": true, "can_run_studio": true,
            "teacher_qualification": school, "integrated_teacher": school,
            "front_line_teaching": school, "enterprise_experience": school,
        },
        "unit": {
            "kind": kind,
            "employees": if school { 0 } else { 380 + 17 * e.unit_row },
            "skilled_employees": if school { 0 } else { 140 + 5 * e.unit_row },
            "talent_policies": true, "funding_and_premises": true, "training_results": true,
            "has_approved_regional_studio": false,
        }
    })
}

fn profile(e: &Entry, id_number: &str) -> Value {
    json!({
        "studio_name": "",
        "leader_name": e.leader,
        "leader_id_number": id_number,
        "occupation": e.occupation,
        "industry": e.industry,
        "plan": format!(
            "三年内培养{}高级工以上技能人才 20 名、青年技术骨干 10 名；每年开展专业技术讲座不少于 4 次；\
             与 3 所院校、企业共建实训基地，开展关键技术攻关 2 项。（示例数据）",
            e.occupation
        ),
    })
}

/// A score for an item (maximum `max`, step `step`, in tenths) from expert `n` for candidate `c`:
/// between 70 % and 97 % of the maximum, in the rubric's steps.
fn score(max: i64, step: i64, n: usize, c: usize) -> shared::Tenths {
    let pct = 97 - i64::try_from((n * 7 + c * 11) % 28).unwrap_or(0);
    let tenths = max * pct / 100 / step.max(1) * step.max(1);
    shared::Tenths::from_tenths(i32::try_from(tenths).unwrap_or(0))
}

/// Seeds the in-flight round into `seeded.round_id`, as the demo accounts would have done it today.
pub async fn in_flight_round(
    state: &AppState,
    router: Router,
    seeded: &Seeded,
) -> anyhow::Result<()> {
    let today = state.today();
    let mut entries = Vec::new();
    for row in rows(ROUND_TSV) {
        let [
            unit_row,
            contact,
            leader,
            birth,
            level,
            category,
            occupation,
            industry,
            stage,
        ] = row[..]
        else {
            return Err(bad("columns", &row).into());
        };
        entries.push(Entry {
            unit_row: unit_row.parse().map_err(|_| bad("unit row", &row))?,
            contact,
            leader,
            birth,
            level,
            category: (category != "-").then_some(category),
            occupation,
            industry,
            stage,
            unit_id: 0,
            channel_org: None,
            id: 0,
            version: 0,
        });
    }
    let mut api = Api {
        state,
        router,
        actors: Vec::new(),
    };
    let result = run(&mut api, seeded, &mut entries, today).await;
    api.sign_out().await?;
    result
}

async fn run(
    api: &mut Api<'_>,
    seeded: &Seeded,
    entries: &mut [Entry],
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    let round = seeded.round_id;
    // Drafts, with a written justification for every warning (第十条 "一般", 第九条 "主要").
    for e in entries.iter_mut() {
        let unit = unit_of(api, seeded, e.unit_row).await?;
        e.unit_id = unit.id;
        e.channel_org = unit.channel_org_id;
        let kind = unit.kind;
        let birth = chrono::NaiveDate::parse_from_str(e.birth, "%Y-%m-%d")?;
        let id_number = seeded
            .registry
            .leader_id(
                e.unit_row,
                birth,
                false,
                300 + u32::try_from(e.unit_row).unwrap_or(0),
            )
            .ok_or_else(|| anyhow::anyhow!("demo round: no identity number for {}", e.leader))?;
        let body = json!({
            "round_id": round, "facts": facts(e, &kind, today), "profile": profile(e, &id_number)
        });
        let mut view = api.post(e.contact, "/applications", body.clone()).await?;
        let unjustified: Vec<String> = serde_json::from_value(view["unjustified"].clone())?;
        if !unjustified.is_empty() {
            let justifications: BTreeMap<String, String> = unjustified
                .into_iter()
                .map(|rule| {
                    (
                        rule,
                        "带头人技艺精湛、仍在生产一线带徒，单位党委研究后推荐（示例数据）"
                            .to_owned(),
                    )
                })
                .collect();
            let path = format!("/applications/{}", view["id"]);
            let edit = json!({ "version": view["version"], "facts": body["facts"], "profile": body["profile"], "justifications": justifications });
            view = api.call(Some(e.contact), "PUT", &path, Some(edit)).await?;
        }
        e.id = i32::try_from(view["id"].as_i64().unwrap_or(0))?;
        e.version = view["version"].as_i64().unwrap_or(0);
        if e.stage != "draft" {
            let moved = transition(
                api,
                e.contact,
                e.id,
                e.version,
                json!({ "action": "submit" }),
            )
            .await?;
            e.version = moved["version"].as_i64().unwrap_or(0);
        }
    }
    // The channels: one returns an application for correction; each recommends its list.
    let mut lists: BTreeMap<i32, (String, Vec<i32>)> = BTreeMap::new();
    for e in entries
        .iter_mut()
        .filter(|e| e.stage != "draft" && e.stage != "submitted")
    {
        let view = api
            .call(
                Some(e.contact),
                "GET",
                &format!("/applications/{}", e.id),
                None,
            )
            .await?;
        let Some(org_id) = e.channel_org else {
            continue;
        };
        let reviewer = recommender_of(api, org_id).await?;
        if e.stage == "returned" {
            let reason = "请补充近三年培训高技能人才的名单和证书编号（示例数据）";
            transition(
                api,
                &reviewer,
                e.id,
                view["version"].as_i64().unwrap_or(0),
                json!({ "action": "return_for_correction", "reason": reason }),
            )
            .await?;
            continue;
        }
        lists
            .entry(org_id)
            .or_insert_with(|| (reviewer, Vec::new()))
            .1
            .push(e.id);
    }
    let meeting = today.pred_opt().unwrap_or(today);
    for (org_id, (reviewer, ranked)) in &lists {
        api.post(reviewer, "/recommendations", json!({
            "round_id": round, "party_meeting_date": meeting,
            "party_meeting_ref": format!("党组会议纪要〔{}〕{org_id}号（示例）", chrono::Datelike::year(&today)),
            "ranked": ranked,
        })).await?;
    }
    // HRSS takes the heard and the defense candidates into the defense review.
    for e in entries
        .iter()
        .filter(|e| e.stage == "heard" || e.stage == "defense")
    {
        let view = api
            .call(
                Some("hrss"),
                "GET",
                &format!("/applications/{}", e.id),
                None,
            )
            .await?;
        transition(
            api,
            "hrss",
            e.id,
            view["version"].as_i64().unwrap_or(0),
            json!({ "action": "start_defense" }),
        )
        .await?;
    }
    let experts = expert_ids(
        api,
        &[
            "expert.zhang",
            "expert.li",
            "expert.wang",
            "expert.ma",
            "expert.zhao",
        ],
    )
    .await?;
    // Panel one heard its candidates, every expert signed, the chair closed it: defense scores.
    let heard: Vec<i32> = entries
        .iter()
        .filter(|e| e.stage == "heard")
        .map(|e| e.id)
        .collect();
    let one = api.post("hrss", "/panels", json!({
        "purpose": "defense", "round_id": round, "title": "答辩评审第一组（综合类）",
        "occupation_group": "综合类", "session_on": today, "location": "自治区人社厅 3 楼会议室",
        "chair": experts[0], "experts": [experts[0], experts[1], experts[2]], "candidates": heard,
        "aggregation": { "method": "mean" },
    })).await?;
    let one_id = one["id"].as_i64().unwrap_or(0);
    for (n, expert) in ["expert.zhang", "expert.li", "expert.wang"]
        .into_iter()
        .enumerate()
    {
        score_sheets(api, expert, one_id, n, (usize::MAX, usize::MAX, false)).await?;
    }
    let closed = api
        .post(
            "expert.zhang",
            &format!("/panels/{one_id}/close"),
            json!({}),
        )
        .await?;
    let order: Vec<i32> = closed["ranking"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["candidate_id"].as_i64())
        .filter_map(|c| {
            closed["candidates"]
                .as_array()?
                .iter()
                .find(|x| x["id"].as_i64() == Some(c))?["application_id"]
                .as_i64()
        })
        .filter_map(|id| i32::try_from(id).ok())
        .collect();
    // 第十一条（四）: field inspection in ranking order; three inspected and found as reported.
    api.post(
        "hrss",
        &format!("/rounds/{round}/inspection"),
        json!({ "level": "regional", "candidates": order }),
    )
    .await?;
    for id in order.iter().take(3) {
        let view = api
            .call(Some("hrss"), "GET", &format!("/applications/{id}"), None)
            .await?;
        api.post(
            "hrss",
            &format!("/applications/{id}/inspection-result"),
            json!({
                "version": view["version"], "passed": true,
                "notes": "实训场地、设备与申报材料一致，带徒记录完整（示例数据）",
            }),
        )
        .await?;
    }
    // 第十一条（五）: the first two on notice from today; someone objects to the second.
    let proposed: Vec<i32> = order.iter().take(2).copied().collect();
    match api
        .post(
            "hrss",
            &format!("/rounds/{round}/notices"),
            json!({ "starts_on": today, "applications": proposed }),
        )
        .await
    {
        Ok(notice) => {
            api.call(
                None,
                "POST",
                "/public/objections",
                Some(json!({
                    "notice_id": notice["id"], "application_id": proposed.get(1),
                    "name": "李先生（示例）", "contact": "0951-0000000",
                    "text": "反映该工作室申报材料中的带徒人数与实际不符，请核实。（示例数据）",
                })),
            )
            .await?;
        }
        // A notice needs the working-day calendar of the days it runs through; without the
        // year's holiday schedule it cannot start (HRSS enters it at /admin/holidays).
        Err(e) => tracing::warn!("demo round: no public notice today: {e}"),
    }
    // Panel two is still scoring: the chair signed one sheet, two experts are part-way.
    let open: Vec<i32> = entries
        .iter()
        .filter(|e| e.stage == "defense")
        .map(|e| e.id)
        .collect();
    let two = api.post("hrss", "/panels", json!({
        "purpose": "defense", "round_id": round, "title": "答辩评审第二组（传统技艺与服务类）",
        "occupation_group": "传统技艺与服务类", "session_on": today, "location": "自治区人社厅 5 楼会议室",
        "chair": experts[0], "experts": [experts[0], experts[3], experts[4]], "candidates": open,
        "aggregation": { "method": "mean" },
    })).await?;
    let two_id = two["id"].as_i64().unwrap_or(0);
    score_sheets(api, "expert.zhang", two_id, 0, (2, 1, true)).await?;
    score_sheets(api, "expert.zhao", two_id, 4, (1, 0, false)).await?;
    Ok(())
}

async fn unit_of(api: &Api<'_>, seeded: &Seeded, row: usize) -> anyhow::Result<unit::Model> {
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

async fn transition(
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
async fn recommender_of(api: &Api<'_>, org_id: i32) -> anyhow::Result<String> {
    user_account::Entity::find()
        .filter(user_account::Column::OrgId.eq(org_id))
        .filter(user_account::Column::Role.eq("recommender"))
        .one(&api.state.db)
        .await?
        .map(|u| u.username)
        .ok_or_else(|| anyhow::anyhow!("demo round: no recommender of organisation {org_id}"))
}

async fn expert_ids(api: &Api<'_>, names: &[&str]) -> anyhow::Result<Vec<i64>> {
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
async fn score_sheets(
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
