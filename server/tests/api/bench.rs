//! Figures, not tests (ignored by default): the HRSS round board over 5,000 applications and the
//! public notice page, timed over HTTP on loopback. Run on SQLite, and on PostgreSQL with
//! `TEST_DATABASE_URL`:
//!
//! ```text
//! cargo test --release -p server --test api bench -- --ignored --nocapture
//! TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres cargo test --release -p server --test api bench -- --ignored --nocapture
//! ```

use crate::helpers::{facts, json, profile, spawn_app_in_round};
use sea_orm::{ActiveValue::Set, EntityTrait};
use server::entity::{JsonText, application, notice};
use shared::ledger::EntryKind;
use shared::workflow::AppState;
use std::time::{Duration, Instant};

const APPLICATIONS: usize = 5_000;
const STATES: [AppState; 6] = [
    AppState::Submitted,
    AppState::Recommended,
    AppState::DefenseReview,
    AppState::FieldInspection,
    AppState::Proposed,
    AppState::NotSelected,
];

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "bench {name}: n={} p50={:.2} ms p99={:.2} ms max={:.2} ms",
        times.len(),
        percentile(&times, 50).as_secs_f64() * 1e3,
        percentile(&times, 99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn round_board_and_notice_page() {
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login("hrss").await;
    let round = app.round_id(&hrss, 2026).await as i32;
    let db = app.db().await;
    let units: Vec<i32> = server::entity::unit::Entity::find()
        .all(&db)
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.id)
        .collect();
    let orgs: Vec<Option<i32>> = server::entity::unit::Entity::find()
        .all(&db)
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.channel_org_id)
        .collect();
    let now = chrono::Utc::now();
    let notice = notice::Entity::insert(notice::ActiveModel {
        round_id: Set(round),
        starts_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 10, 12).expect("a date")),
        ends_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 10, 16).expect("a date")),
        published_by: Set("hrss".into()),
        published_at: Set(now),
        ..Default::default()
    })
    .exec(&db)
    .await
    .expect("notice")
    .last_insert_id;
    let facts: shared::eligibility::EligibilityInput =
        serde_json::from_value(facts("enterprise")).expect("facts");
    let profile: shared::application::StudioProfile =
        serde_json::from_value(profile()).expect("profile");
    let started = Instant::now();
    for chunk in (0..APPLICATIONS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|&i| {
            let state = STATES[i % STATES.len()];
            let unit = i % units.len();
            application::ActiveModel {
                round_id: Set(round),
                unit_id: Set(units[unit]),
                level: Set(shared::Level::Regional),
                state: Set(state),
                facts: Set(JsonText(facts.clone())),
                justifications: Set(JsonText(Default::default())),
                profile: Set(JsonText(profile.clone())),
                channel_org_id: Set(orgs[unit]),
                hrss_direct: Set(orgs[unit].is_none()),
                rank: Set(Some((i % 40 + 1) as i32)),
                defense_score: Set((state != AppState::Submitted
                    && state != AppState::Recommended)
                    .then_some((600 + i % 400) as i32)),
                notice_id: Set((state == AppState::Proposed && i < 200).then_some(notice)),
                version: Set(3),
                created_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(Some(now)),
                ..Default::default()
            }
        });
        application::Entity::insert_many(rows)
            .exec(&db)
            .await
            .expect("insert applications");
    }
    println!(
        "bench seeded {APPLICATIONS} applications in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let queries = [
        format!("round_id={round}"),
        format!("round_id={round}&state=defense_review&sort=defense_score&dir=desc"),
        format!("round_id={round}&city=yinchuan&sort=submitted_at&dir=desc"),
        format!("round_id={round}&q=%E6%9C%BA%E5%BA%8A&level=regional"),
        format!("round_id={round}&sort=rank&page=40"),
    ];
    // Warm-up, then timed requests, each a full page of 50 rows (or what the filter leaves).
    for q in &queries {
        let page = json(app.get_as(&hrss, &format!("/api/board?{q}")).await).await;
        assert!(page["total"].as_u64().is_some(), "{page}");
    }
    let mut times = Vec::new();
    for i in 0..500 {
        let q = &queries[i % queries.len()];
        let t = Instant::now();
        let response = app.get_as(&hrss, &format!("/api/board?{q}")).await;
        assert_eq!(response.status(), 200);
        response.bytes().await.expect("body");
        times.push(t.elapsed());
    }
    report(
        "round board (5,000 applications, 50 rows a page)",
        times.clone(),
    );
    for (k, q) in queries.iter().enumerate() {
        let mine: Vec<Duration> = times
            .iter()
            .skip(k)
            .step_by(queries.len())
            .copied()
            .collect();
        report(&format!("  board {q}"), mine);
    }

    let first = json(app.get("/api/public/notices").await).await;
    let entries = first[0]["entries"].as_array().map(Vec::len).unwrap_or(0);
    let mut times = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        let response = app.get("/api/public/notices").await;
        assert_eq!(response.status(), 200);
        response.bytes().await.expect("body");
        times.push(t.elapsed());
    }
    report(&format!("public notice page ({entries} entries)"), times);

    let t = Instant::now();
    let csv = app
        .get_as(
            &hrss,
            &format!("/api/board/export?format=xlsx&round_id={round}"),
        )
        .await
        .bytes()
        .await
        .expect("xlsx");
    println!(
        "bench xlsx export of {APPLICATIONS} rows: {:.0} ms, {} bytes",
        t.elapsed().as_secs_f64() * 1e3,
        csv.len()
    );
}

/// Tablets syncing at once, each sending batches of score changes as after a reconnect.
const TABLETS: usize = 32;
const SYNCS_PER_TABLET: usize = 40;
const CHANGES_PER_SYNC: usize = 10;

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn score_sync_throughput_with_32_tablets() {
    use server::entity::{panel, panel_candidate, panel_member, score_sheet, user_account};
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login("hrss").await;
    let round = app.round_id(&hrss, 2026).await as i32;
    let db = app.db().await;
    let template = user_account::Entity::find()
        .all(&db)
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.username == "expert.zhang")
        .expect("expert.zhang");
    let now = chrono::Utc::now();
    let unit = server::entity::unit::Entity::find()
        .one(&db)
        .await
        .expect("unit")
        .expect("a unit");
    // 32 experts on 4 panels of 8, each panel scoring 10 applications.
    let mut experts = Vec::new();
    for i in 0..TABLETS {
        let u = user_account::Entity::insert(user_account::ActiveModel {
            username: Set(format!("bench.expert{i}")),
            display_name: Set(format!("压测专家{i}")),
            password_hash: Set(template.password_hash.clone()),
            role: Set(shared::account::Role::Expert),
            disabled: Set(false),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&db)
        .await
        .expect("expert")
        .last_insert_id;
        experts.push(u);
    }
    let rubric = shared::scoring::defense_rubric();
    let mut sheets_of: Vec<Vec<i32>> = vec![Vec::new(); TABLETS];
    for p in 0..4 {
        let panel_id = panel::Entity::insert(panel::ActiveModel {
            purpose: Set(shared::scoring::PanelPurpose::Defense),
            title: Set(format!("压测评审组{p}")),
            occupation_group: Set(String::new()),
            location: Set(String::new()),
            rubric: Set(JsonText(rubric.clone())),
            aggregation: Set(JsonText(shared::scoring::Aggregation::Mean)),
            tie_breakers: Set(JsonText(Vec::new())),
            chair_id: Set(experts[p * 8]),
            state: Set(shared::scoring::PanelState::Open),
            created_by: Set("bench".into()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&db)
        .await
        .expect("panel")
        .last_insert_id;
        let members = &experts[p * 8..p * 8 + 8];
        for e in members {
            panel_member::Entity::insert(panel_member::ActiveModel {
                panel_id: Set(panel_id),
                expert_id: Set(*e),
                ..Default::default()
            })
            .exec(&db)
            .await
            .expect("member");
        }
        for c in 0..10 {
            let app_id = application::Entity::insert(application::ActiveModel {
                round_id: Set(round),
                unit_id: Set(unit.id),
                level: Set(shared::Level::Regional),
                state: Set(AppState::DefenseReview),
                facts: Set(JsonText(
                    serde_json::from_value(facts("enterprise")).expect("facts"),
                )),
                justifications: Set(JsonText(Default::default())),
                profile: Set(JsonText(
                    serde_json::from_value(profile()).expect("profile"),
                )),
                channel_org_id: Set(unit.channel_org_id),
                hrss_direct: Set(unit.channel_org_id.is_none()),
                version: Set(3),
                created_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(Some(now)),
                ..Default::default()
            })
            .exec(&db)
            .await
            .expect("application")
            .last_insert_id;
            let cand = panel_candidate::Entity::insert(panel_candidate::ActiveModel {
                panel_id: Set(panel_id),
                application_id: Set(Some(app_id)),
                position: Set(c + 1),
                ..Default::default()
            })
            .exec(&db)
            .await
            .expect("candidate")
            .last_insert_id;
            for (k, e) in members.iter().enumerate() {
                let sheet = score_sheet::Entity::insert(score_sheet::ActiveModel {
                    panel_id: Set(panel_id),
                    candidate_id: Set(cand),
                    expert_id: Set(*e),
                    ..Default::default()
                })
                .exec(&db)
                .await
                .expect("sheet")
                .last_insert_id;
                sheets_of[p * 8 + k].push(sheet);
            }
        }
    }
    let mut sessions = Vec::new();
    for i in 0..TABLETS {
        sessions.push(app.login(&format!("bench.expert{i}")).await);
    }
    let items = ["skill", "innovation", "mentoring", "unit", "plan"];
    let started = Instant::now();
    let tasks = sessions.into_iter().enumerate().map(|(t, session)| {
        let app = &app;
        let sheets = sheets_of[t].clone();
        async move {
            let mut times = Vec::new();
            for s in 0..SYNCS_PER_TABLET {
                let changes: Vec<serde_json::Value> = (0..CHANGES_PER_SYNC)
                    .map(|c| {
                        let n = s * CHANGES_PER_SYNC + c;
                        serde_json::json!({
                            "id": format!("bench-{t}-{n}"),
                            "sheet_id": sheets[n % sheets.len()],
                            "item": items[n % items.len()],
                            "value": 5.0 + (n % 10) as f64,
                            "client_at": chrono::Utc::now(),
                        })
                    })
                    .collect();
                let body = serde_json::json!({ "changes": changes, "signs": [] });
                let t0 = Instant::now();
                let response = app.post_as(&session, "/api/scoring/sync", &body).await;
                assert_eq!(response.status(), 200);
                let result = json(response).await;
                assert_eq!(
                    result["accepted"].as_array().map(Vec::len),
                    Some(CHANGES_PER_SYNC),
                    "{result}"
                );
                times.push(t0.elapsed());
            }
            times
        }
    });
    let all: Vec<Duration> = futures_join_all(tasks)
        .await
        .into_iter()
        .flatten()
        .collect();
    let elapsed = started.elapsed();
    let total = TABLETS * SYNCS_PER_TABLET * CHANGES_PER_SYNC;
    let stored = server::entity::score_change::Entity::find()
        .all(&db)
        .await
        .expect("changes")
        .len();
    assert_eq!(stored, total, "every change stored exactly once");
    println!(
        "bench score sync: {TABLETS} tablets × {SYNCS_PER_TABLET} syncs × {CHANGES_PER_SYNC} changes = {total} changes in {:.2} s → {:.0} changes/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    report("score sync request (10 changes, 32 tablets at once)", all);
}

/// Runs futures concurrently on the test's runtime (no extra dependency).
async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out = Vec::with_capacity(set.len());
    // Poll them all together.
    let results = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for (i, f) in set.into_iter().enumerate() {
        let results = results.clone();
        handles.push(async move {
            let r = f.await;
            results.lock().expect("lock").push((i, r));
        });
    }
    join_vec(handles).await;
    let mut r = std::mem::take(&mut *results.lock().expect("lock"));
    r.sort_by_key(|(i, _)| *i);
    out.extend(r.into_iter().map(|(_, v)| v));
    out
}

async fn join_vec<F: std::future::Future<Output = ()>>(futures: Vec<F>) {
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    std::future::poll_fn(move |cx| {
        futures.retain_mut(|f| f.as_mut().poll(cx).is_pending());
        if futures.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await
}

const STUDIOS: usize = 20_000;
const ENTRIES_PER_STUDIO: usize = 50;

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn dashboard_with_20000_studios_and_a_million_ledger_entries() {
    use server::entity::{ledger_entry, studio, studio_balance};
    use std::collections::BTreeMap;
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login("hrss").await;
    let db = app.db().await;
    let units: Vec<i32> = server::entity::unit::Entity::find()
        .all(&db)
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.id)
        .collect();
    let now = chrono::Utc::now();
    let started = Instant::now();
    let first_id = {
        let mut rows = Vec::new();
        for i in 0..STUDIOS {
            let year = 2023 + (i % 4) as i32;
            let national = i % 5 == 0;
            let start = chrono::NaiveDate::from_ymd_opt(year, 3, 1).expect("a date");
            rows.push(studio::ActiveModel {
                plaque_no: Set(format!("压测〔{year}〕{i:05}号")),
                name: Set(format!("压测工作室{i}")),
                unit_id: Set(units[i % units.len()]),
                leader_name: Set("压测".into()),
                level: Set(if national {
                    shared::Level::National
                } else {
                    shared::Level::Regional
                }),
                national_category: Set(national.then_some(shared::NationalCategory::Manufacturing)),
                occupation: Set("焊工".into()),
                industry: Set("制造".into()),
                approved_on: Set(start),
                term_start: Set(start),
                term_end: Set(shared::deadlines::default_term_end(start)),
                status: Set(shared::life::StudioStatus::Building),
                entitlement_fen: Set(if national { 30_000_000 } else { 10_000_000 }),
                ..Default::default()
            });
        }
        let before = studio::Entity::find()
            .all(&db)
            .await
            .expect("studios")
            .len();
        for chunk in rows.chunks(1000) {
            studio::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .expect("insert studios");
        }
        let all = studio::Entity::find().all(&db).await.expect("studios");
        assert_eq!(all.len(), before + STUDIOS);
        all.iter().map(|s| s.id).max().expect("ids") - STUDIOS as i32 + 1
    };
    let mut balances: BTreeMap<(i32, i32), (i64, i64, i64)> = BTreeMap::new();
    let mut batch = Vec::with_capacity(2000);
    for i in 0..STUDIOS {
        let studio_id = first_id + i as i32;
        for k in 0..ENTRIES_PER_STUDIO {
            let (kind, amount) = match k % 10 {
                0..=3 => (EntryKind::Disbursement, 20_000 + (k as i64) * 10),
                4..=8 => (EntryKind::Usage, 10_000 + (k as i64) * 3),
                _ => (EntryKind::Return, 1_000),
            };
            let year = 2023 + ((i + k) % 4) as i32;
            let day = chrono::NaiveDate::from_ymd_opt(year, 6, 1).expect("a date");
            let b = balances.entry((studio_id, year)).or_default();
            match kind {
                EntryKind::Disbursement => b.0 += amount,
                EntryKind::Usage => b.1 += amount,
                _ => b.2 += amount,
            }
            batch.push(ledger_entry::ActiveModel {
                studio_id: Set(studio_id),
                kind: Set(kind),
                effect_kind: Set(kind),
                amount_fen: Set(amount),
                signed_fen: Set(amount),
                description: Set(String::new()),
                voucher_no: Set(format!("V{i}-{k}")),
                paying_office: Set(String::new()),
                occurred_on: Set(day),
                recorded_by: Set("bench".into()),
                recorded_at: Set(now),
                ..Default::default()
            });
            if batch.len() == 2000 {
                ledger_entry::Entity::insert_many(std::mem::take(&mut batch))
                    .exec_without_returning(&db)
                    .await
                    .expect("insert entries");
            }
        }
    }
    let rows: Vec<studio_balance::ActiveModel> = balances
        .iter()
        .map(|((s, y), (d, u, r))| studio_balance::ActiveModel {
            studio_id: Set(*s),
            year: Set(*y),
            disbursed_fen: Set(*d),
            used_fen: Set(*u),
            returned_fen: Set(*r),
        })
        .collect();
    for chunk in rows.chunks(5000) {
        studio_balance::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&db)
            .await
            .expect("insert balances");
    }
    println!(
        "bench seeded {STUDIOS} studios and {} ledger entries in {:.1} s",
        STUDIOS * ENTRIES_PER_STUDIO,
        started.elapsed().as_secs_f64()
    );
    let queries = [
        "/api/dashboard",
        "/api/dashboard?level=national",
        "/api/dashboard?year=2024&category=manufacturing",
        "/api/public/dashboard",
        "/api/dashboard?city=guyuan",
    ];
    for q in &queries {
        let v = json(app.get_as(&hrss, q).await).await;
        assert!(v["totals"]["studios"].as_i64().is_some(), "{v}");
    }
    let mut times = Vec::new();
    for i in 0..200 {
        let q = queries[i % queries.len()];
        let t = Instant::now();
        let response = app.get_as(&hrss, q).await;
        assert_eq!(response.status(), 200);
        response.bytes().await.expect("body");
        times.push(t.elapsed());
    }
    report(
        "dashboard (20,000 studios, 1,000,000 entries)",
        times.clone(),
    );
    for (k, q) in queries.iter().enumerate() {
        let mine: Vec<Duration> = times
            .iter()
            .skip(k)
            .step_by(queries.len())
            .copied()
            .collect();
        report(&format!("  dashboard {q}"), mine);
    }
}
