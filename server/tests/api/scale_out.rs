//! Several server processes on one PostgreSQL (issue 17): three real `server` processes share a
//! database; experts sync scores, finance records disbursements and HRSS creates accounts through
//! all three at once; one process is killed with SIGKILL in the middle. Afterwards the audit chain
//! verifies, every acknowledged write is there, no score change is stored twice, and every ledger
//! keeps its invariants. Runs when `TEST_DATABASE_URL` is PostgreSQL (the CI's PostgreSQL stage);
//! one process on SQLite is the rest of the suite.

use crate::helpers::{DEMO_PASSWORD, fresh_postgres_database, temp_dir};
use reqwest::Client;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A day inside the demo's round, whatever the real date.
const DAY: &str = "2027-03-01";

struct Process {
    child: Child,
    address: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(database_url: &str, seed: bool, work: &std::path::Path, n: usize) -> Process {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .args(["--database-url", database_url])
        .args(["--dist", &work.join("no-dist").display().to_string()])
        .args([
            "--upload-dir",
            &work.join(format!("uploads-{n}")).display().to_string(),
        ])
        .args(["--seed-demo", if seed { "true" } else { "false" }])
        .args(["--test-clock", "true", "--test-clock-start", DAY])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    Process {
        child,
        address: format!("http://127.0.0.1:{port}"),
    }
}

async fn wait_healthy(client: &Client, address: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{address}/api/health")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{address} did not become healthy");
}

/// A session made on one process, used on any (sessions live in the database).
#[derive(Clone)]
struct Who {
    cookie: String,
    csrf: String,
    id: i64,
}

async fn login(client: &Client, address: &str, username: &str) -> Who {
    let r = client
        .post(format!("{address}/api/auth/login"))
        .json(&json!({ "username": username, "password": DEMO_PASSWORD }))
        .send()
        .await
        .expect("login answered");
    let cookie = r
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("{username}: no session cookie"));
    let body: Value = r.json().await.expect("a login body");
    Who {
        cookie,
        csrf: body["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_owned(),
        id: body["user"]["id"].as_i64().expect("a user id"),
    }
}

/// `method path` as `who` on `address`; `None` when the process did not answer (killed).
async fn call(
    client: &Client,
    address: &str,
    who: &Who,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
) -> Option<(u16, Value)> {
    let mut r = client
        .request(method, format!("{address}{path}"))
        .header(reqwest::header::COOKIE, &who.cookie)
        .header("x-csrf-token", &who.csrf)
        .timeout(Duration::from_secs(20));
    if let Some(b) = body {
        r = r.json(b);
    }
    let response = r.send().await.ok()?;
    let status = response.status().as_u16();
    let value = response.json().await.unwrap_or(Value::Null);
    Some((status, value))
}

/// What the load got acknowledged.
#[derive(Default)]
struct Acknowledged {
    changes: BTreeSet<String>,
    entries: BTreeSet<i64>,
    users: BTreeSet<String>,
    /// Calls no process answered (the killed one, mid-request).
    unanswered: usize,
}

#[tokio::test]
async fn three_processes_on_one_postgresql_survive_a_kill_without_losing_or_doubling_anything() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: the three-process test needs TEST_DATABASE_URL=postgres://…");
        return;
    };
    if !admin_url.starts_with("postgres://") {
        eprintln!("skipped: the three-process test needs PostgreSQL");
        return;
    }
    // Arrange: one seeding process, then two more on the same database.
    let database_url = fresh_postgres_database(&admin_url).await;
    let work = temp_dir();
    let client = Client::new();
    let mut processes = vec![start(&database_url, true, work.path(), 0)];
    wait_healthy(&client, &processes[0].address).await;
    for n in 1..3 {
        processes.push(start(&database_url, false, work.path(), n));
    }
    for p in &processes {
        wait_healthy(&client, &p.address).await;
    }
    let addresses: Vec<String> = processes.iter().map(|p| p.address.clone()).collect();
    let hrss = login(&client, &addresses[0], "hrss").await;
    let finance = login(&client, &addresses[1], "finance").await;
    // The experts of the demo's open defense panel and their sheets still to score.
    let mut tablets = Vec::new();
    for expert in [
        "expert.zhang",
        "expert.ma",
        "expert.li",
        "expert.wang",
        "expert.zhao",
    ] {
        let who = login(&client, &addresses[2], expert).await;
        let (_, panels) = call(
            &client,
            &addresses[0],
            &who,
            reqwest::Method::GET,
            "/api/panels",
            None,
        )
        .await
        .expect("panels answered");
        for p in panels.as_array().into_iter().flatten() {
            if p["state"] != "open" || p["i_score"] != true {
                continue;
            }
            let path = format!("/api/panels/{}", p["id"]);
            let (_, panel) = call(
                &client,
                &addresses[1],
                &who,
                reqwest::Method::GET,
                &path,
                None,
            )
            .await
            .expect("a panel answered");
            let items: Vec<String> = panel["rubric"]["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["key"].as_str().map(str::to_owned))
                .collect();
            for s in panel["sheets"].as_array().into_iter().flatten() {
                // The chair sees every sheet; an expert scores only their own.
                let mine = s["expert_id"].as_i64() == Some(who.id);
                if mine && s["status"] != "signed" && s["status"] != "recused" {
                    tablets.push((
                        who.clone(),
                        s["id"].as_i64().expect("a sheet id"),
                        items.clone(),
                    ));
                }
            }
        }
    }
    assert!(
        !tablets.is_empty(),
        "the demo has an open panel with sheets to score"
    );
    let (_, studios) = call(
        &client,
        &addresses[0],
        &hrss,
        reqwest::Method::GET,
        "/api/studios",
        None,
    )
    .await
    .expect("studios answered");
    let building: Vec<i64> = studios["studios"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["status"] == "building")
        .filter_map(|s| s["id"].as_i64())
        .take(6)
        .collect();
    assert!(!building.is_empty(), "the demo has studios in construction");

    // Act: load through all three processes; the middle one is killed after a second.
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let addresses = Arc::new(addresses);
    let mut load = Vec::new();
    for (t, (who, sheet, items)) in tablets.into_iter().enumerate() {
        let (client, acked, addresses) = (client.clone(), acked.clone(), addresses.clone());
        load.push(tokio::spawn(async move {
            for round in 0..40 {
                let id = format!("scale-{t}-{round}");
                let item = &items[round % items.len()];
                let body = json!({ "changes": [{
                    "id": id, "sheet_id": sheet, "item": item, "value": 0,
                    "client_at": format!("{DAY}T0{}:{:02}:00Z", 1 + round / 60, round % 60),
                }] });
                // Sent twice, to two processes: a tablet resending after a lost answer.
                for hop in 0..2 {
                    let address = &addresses[(t + round + hop) % 3];
                    match call(
                        &client,
                        address,
                        &who,
                        reqwest::Method::POST,
                        "/api/scoring/sync",
                        Some(&body),
                    )
                    .await
                    {
                        Some((200, r))
                            if r["accepted"]
                                .as_array()
                                .is_some_and(|a| a.contains(&json!(id))) =>
                        {
                            acked.lock().await.changes.insert(id.clone());
                        }
                        Some((status, r)) => panic!("sync refused with {status}: {r}"),
                        None => acked.lock().await.unanswered += 1,
                    }
                }
            }
        }));
    }
    for (f, studio) in building.iter().copied().enumerate() {
        let (client, acked, addresses, who) = (
            client.clone(),
            acked.clone(),
            addresses.clone(),
            finance.clone(),
        );
        load.push(tokio::spawn(async move {
            for round in 0..15 {
                let body = json!({
                    "kind": "disbursement", "amount_fen": 100 + round, "occurred_on": DAY,
                    "description": "扩展测试拨付", "voucher_no": format!("SCALE-{f}-{round}"),
                    "paying_office": "自治区财政厅"
                });
                let address = &addresses[(f + round as usize) % 3];
                let path = format!("/api/studios/{studio}/ledger");
                match call(
                    &client,
                    address,
                    &who,
                    reqwest::Method::POST,
                    &path,
                    Some(&body),
                )
                .await
                {
                    Some((201, view)) => {
                        let newest = view["entries"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter(|e| e["voucher_no"] == body["voucher_no"])
                            .filter_map(|e| e["id"].as_i64())
                            .max()
                            .expect("the recorded entry is in the answer");
                        acked.lock().await.entries.insert(newest);
                    }
                    Some((status, r)) => panic!("disbursement refused with {status}: {r}"),
                    None => acked.lock().await.unanswered += 1,
                }
            }
        }));
    }
    {
        let (client, acked, addresses, who) = (
            client.clone(),
            acked.clone(),
            addresses.clone(),
            hrss.clone(),
        );
        load.push(tokio::spawn(async move {
            for n in 0..20 {
                let username = format!("scale.user{n}");
                let body = json!({
                    "username": username, "display_name": format!("扩展测试 {n}"),
                    "password": "Scale-out-2027!", "role": "finance",
                });
                match call(
                    &client,
                    &addresses[n % 3],
                    &who,
                    reqwest::Method::POST,
                    "/api/admin/users",
                    Some(&body),
                )
                .await
                {
                    Some((201, _)) => {
                        acked.lock().await.users.insert(username);
                    }
                    Some((status, r)) => panic!("account refused with {status}: {r}"),
                    None => acked.lock().await.unanswered += 1,
                }
            }
        }));
    }
    // Killed once the load is well under way (some changes acknowledged), not before it starts.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.lock().await.changes.len() < 20 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    processes[1]
        .child
        .kill()
        .expect("SIGKILL reaches the process");
    let _ = processes[1].child.wait();
    for task in load {
        task.await.expect("a load task finished");
    }

    // Assert: on a surviving process.
    let live = &addresses[0];
    let (status, verified) = call(
        &client,
        live,
        &hrss,
        reqwest::Method::GET,
        "/api/admin/audit/verify",
        None,
    )
    .await
    .expect("verify answered");
    assert_eq!(status, 200);
    assert_eq!(verified["ok"], true, "the audit chain breaks: {verified}");
    let acked = acked.lock().await;
    let db = sea_orm::Database::connect(&database_url)
        .await
        .expect("the database");
    use sea_orm::{ConnectionTrait, Statement};
    let backend = db.get_database_backend();
    for id in &acked.changes {
        let n = db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM score_change WHERE client_change_id = $1",
                [id.clone().into()],
            ))
            .await
            .expect("a count")
            .and_then(|r| r.try_get::<i64>("", "n").ok());
        assert_eq!(n, Some(1), "score change {id} stored {n:?} times");
    }
    // Each item's kept change count is the number of its changes stored (none counted twice).
    let uncounted = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT CAST((SELECT COUNT(*) FROM score_change) - \
             (SELECT COALESCE(SUM(changes), 0) FROM score_value) AS BIGINT) AS n",
        ))
        .await
        .expect("a count")
        .and_then(|r| r.try_get::<i64>("", "n").ok());
    assert_eq!(uncounted, Some(0), "stored changes minus kept counts");
    // Each ledger read once: its invariants, and the entries it holds.
    let mut ids = BTreeSet::new();
    for studio in &building {
        let (_, ledger) = call(
            &client,
            live,
            &finance,
            reqwest::Method::GET,
            &format!("/api/studios/{studio}/ledger"),
            None,
        )
        .await
        .expect("a ledger answered");
        let b = &ledger["balance"];
        let fen = |k: &str| b[k].as_i64().unwrap_or_else(|| panic!("{k} in {b}"));
        assert!(fen("disbursed") <= fen("entitled"), "{b}");
        assert!(fen("used") <= fen("disbursed"), "{b}");
        assert!(fen("returned") <= fen("disbursed") - fen("used"), "{b}");
        ids.extend(
            ledger["entries"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["id"].as_i64()),
        );
    }
    let lost: Vec<&i64> = acked.entries.difference(&ids).collect();
    assert!(
        lost.is_empty(),
        "acknowledged ledger entries lost: {lost:?}"
    );
    let (_, users) = call(
        &client,
        live,
        &hrss,
        reqwest::Method::GET,
        "/api/admin/users",
        None,
    )
    .await
    .expect("users answered");
    let names: BTreeSet<String> = users
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["username"].as_str().map(str::to_owned))
        .collect();
    let missing: Vec<&String> = acked.users.difference(&names).collect();
    assert!(
        missing.is_empty(),
        "acknowledged accounts lost: {missing:?}"
    );
    assert!(
        acked.changes.len() > 20 && acked.entries.len() > 10,
        "the load ran"
    );
    assert!(
        acked.unanswered > 0,
        "the kill came after the load: no call went unanswered"
    );
    eprintln!(
        "three processes: {} score changes, {} ledger entries, {} accounts acknowledged; {} calls unanswered after the kill",
        acked.changes.len(),
        acked.entries.len(),
        acked.users.len(),
        acked.unanswered
    );
    for mut p in processes {
        let _ = p.child.kill();
        let _ = p.child.wait();
    }
}
