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
use server::entity::{application, notice};
use std::time::{Duration, Instant};

const APPLICATIONS: usize = 5_000;
const STATES: [&str; 6] = [
    "submitted",
    "recommended",
    "defense_review",
    "field_inspection",
    "proposed",
    "not_selected",
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
        starts_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()),
        ends_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 10, 16).unwrap()),
        published_by: Set("hrss".into()),
        published_at: Set(now),
        ..Default::default()
    })
    .exec(&db)
    .await
    .expect("notice")
    .last_insert_id;
    let facts = facts("enterprise").to_string();
    let profile = profile().to_string();
    let started = Instant::now();
    for chunk in (0..APPLICATIONS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|&i| {
            let state = STATES[i % STATES.len()];
            let unit = i % units.len();
            application::ActiveModel {
                round_id: Set(round),
                unit_id: Set(units[unit]),
                level: Set("regional".into()),
                state: Set(state.into()),
                facts: Set(facts.clone()),
                justifications: Set("{}".into()),
                profile: Set(profile.clone()),
                channel_org_id: Set(orgs[unit]),
                hrss_direct: Set(orgs[unit].is_none()),
                rank: Set(Some((i % 40 + 1) as i32)),
                defense_score: Set((state != "submitted" && state != "recommended")
                    .then_some((600 + i % 400) as i32)),
                notice_id: Set((state == "proposed" && i < 200).then_some(notice)),
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
