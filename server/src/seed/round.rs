//! The demo's selection round in flight (`data/demo-round.tsv`), seeded through the real API: each
//! unit's contact drafts and submits, the channels return or recommend with their Party-group
//! meetings, HRSS forms two defense panels (one closed after every expert signed, one partly
//! scored), sends the heard candidates to field inspection in ranking order, and puts the first of
//! them on public notice, where someone objects. Everything goes through the same handlers, rules
//! and audit trail as a person's clicks would, on the server's clock.

use super::client::Api;
use super::round_steps::{expert_ids, recommender_of, score_sheets, transition, unit_of};
use super::{Seeded, bad, rows};
use crate::state::AppState;
use axum::Router;
use serde_json::{Value, json};
use shared::eligibility::UnitKind;
use std::collections::BTreeMap;

const ROUND_TSV: &str = include_str!("../../data/demo-round.tsv");

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
