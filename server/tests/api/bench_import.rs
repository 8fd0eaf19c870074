//! A figure, not a test (ignored by default): importing 5,000 approved studios with their opening
//! money (issue #19 asks < 30 s on SQLite), then the same file again (nothing changes).
//!
//! ```text
//! cargo test --release -p server --test api bench_import -- --ignored --nocapture
//! ```

use crate::helpers::{json, spawn_app};
use chrono::NaiveDate;
use shared::import::{ImportKind, ImportReport};
use std::time::Instant;

const STUDIOS: u32 = 5_000;

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn import_of_5000_studios() {
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;
    let units = json(app.get_as(&hrss, "/api/admin/units").await).await;
    let codes: Vec<String> = units
        .as_array()
        .expect("units")
        .iter()
        .filter_map(|u| u["credit_code"].as_str().map(str::to_owned))
        .collect();
    let mut rows = vec![
        ImportKind::Studios
            .columns()
            .iter()
            .map(|c| c.zh.to_owned())
            .collect::<Vec<_>>(),
    ];
    for n in 0..STUDIOS {
        let approved = NaiveDate::from_ymd_opt(
            2016 + i32::try_from(n % 9).unwrap_or(0),
            1 + n % 12,
            1 + n % 28,
        )
        .expect("date");
        let birth = NaiveDate::from_ymd_opt(
            1965 + i32::try_from(n % 25).unwrap_or(0),
            1 + n % 12,
            1 + n % 28,
        )
        .expect("date");
        let id = shared::identity::IdNumber::compose(640104, birth, n % 1000).expect("id");
        let national = n % 5 == 0;
        let entitled: u32 = if national { 500_000 } else { 200_000 };
        let disbursed = entitled / 2 + (n % 7) * 1_000;
        let used = disbursed / 3;
        rows.push(vec![
            format!("旧牌〔{}〕{n:05}号", approved.format("%Y")),
            format!("示例{n}号技能大师工作室"),
            if national {
                "国家级"
            } else {
                "自治区级"
            }
            .into(),
            if national { "生产制造类" } else { "" }.into(),
            "焊工".into(),
            "装备制造".into(),
            codes[usize::try_from(n).unwrap_or(0) % codes.len()].clone(),
            format!("示例{n}"),
            id.as_str().to_owned(),
            approved.to_string(),
            String::new(),
            String::new(),
            "建设中".into(),
            format!("{entitled}.00"),
            format!("{disbursed}.00"),
            format!("{used}.50"),
            if n % 10 == 0 {
                "100.00".into()
            } else {
                String::new()
            },
        ]);
    }
    let file = rows
        .iter()
        .map(|r| r.join(","))
        .collect::<Vec<_>>()
        .join("\r\n")
        .into_bytes();
    let post = |path: String| {
        let (app, hrss, file) = (&app, &hrss, file.clone());
        async move {
            let started = Instant::now();
            let r = app
                .client
                .post(format!("{}{path}", app.address))
                .header(reqwest::header::COOKIE, &hrss.cookie)
                .header("x-csrf-token", &hrss.csrf)
                .body(file)
                .send()
                .await
                .expect("import");
            assert_eq!(r.status().as_u16(), 200);
            let report: ImportReport = r.json().await.expect("report");
            (started.elapsed(), report)
        }
    };
    let (dry_time, dry) = post("/api/admin/imports/preview?kind=studios".into()).await;
    assert!(
        dry.errors.is_empty(),
        "{:?}",
        &dry.errors[..dry.errors.len().min(5)]
    );
    let (apply_time, done) = post(format!(
        "/api/admin/imports?kind=studios&sha256={}",
        dry.sha256
    ))
    .await;
    let (again_time, again) = post(format!(
        "/api/admin/imports?kind=studios&sha256={}",
        dry.sha256
    ))
    .await;
    assert_eq!(done.created, STUDIOS);
    assert_eq!(again.unchanged, STUDIOS);
    println!(
        "bench import of {STUDIOS} studios ({} KB CSV): dry run {:.2} s, import {:.2} s, the same file again {:.2} s (nothing changed)",
        file.len() / 1024,
        dry_time.as_secs_f64(),
        apply_time.as_secs_f64(),
        again_time.as_secs_f64()
    );
    assert!(apply_time.as_secs() < 30, "issue #19: under 30 s on SQLite");
}
