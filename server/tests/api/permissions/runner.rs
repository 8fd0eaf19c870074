//! Runs the matrix against a server: signs every caller in, creates the application fixtures,
//! resolves `{id}`, sends each row and collects the rows whose answer differs.

use super::matrix::{APPLICANT, Csrf, Fixture, HRSS, ROLES, Row, Target};
use crate::helpers::{Auth, Session, TestApp, id, json, version};
use serde_json::Value;
use std::collections::BTreeMap;

/// The `ErrorBody` code each error status must carry.
pub fn code_of(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        422 => "validation",
        _ => return None,
    })
}

struct Ids {
    studios: BTreeMap<String, i64>,
    users: BTreeMap<String, i64>,
    applications: BTreeMap<Fixture, i64>,
    /// The 2026 demo round.
    round: i64,
    /// A round in which no unit has applied yet (new applications of the matrix).
    spare_round: i64,
}

/// A round of `year` open on the clock's day (2026-10-15), for applications that cannot be in the
/// demo round (one per unit and round).
async fn spare_round(app: &TestApp, hrss: &Session, year: i32) -> i64 {
    let response = app
        .post_as(
            hrss,
            "/api/rounds",
            &serde_json::json!({
                "year": year, "title": format!("{year}年度申报（提前受理）"), "opens_on": "2026-10-01",
                "closes_on": format!("{year}-12-31"), "regional_slots": 10, "national_slots": 2
            }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201, "the {year} round");
    crate::helpers::json(response).await["id"]
        .as_i64()
        .expect("round id")
}

/// Creates the [`Fixture`]s, checking the versions the matrix's bodies assume.
async fn fixtures(app: &TestApp, sessions: &BTreeMap<&str, Session>) -> BTreeMap<Fixture, i64> {
    let yc_submitted = app.submitted(&sessions[APPLICANT], "enterprise").await;
    // One application per unit and round: the draft is the unit's in a round of its own.
    let next = spare_round(app, &sessions["hrss"], 2028).await;
    let yc_draft = app
        .create_application(
            &sessions[APPLICANT],
            &crate::helpers::new_application(next, crate::helpers::facts("enterprise")),
        )
        .await;
    let hanjie_submitted = app.submitted(&sessions["nx.hanjie"], "enterprise").await;
    for (view, expected) in [(&yc_submitted, 2), (&yc_draft, 1), (&hanjie_submitted, 2)] {
        assert_eq!(
            version(view),
            expected,
            "a fixture the matrix does not expect: {view}"
        );
    }
    BTreeMap::from([
        (Fixture::YcSubmitted, id(&yc_submitted)),
        (Fixture::YcDraft, id(&yc_draft)),
        (Fixture::HanjieSubmitted, id(&hanjie_submitted)),
    ])
}

impl Ids {
    async fn load(app: &TestApp, sessions: &BTreeMap<&str, Session>) -> Ids {
        let admin = &sessions[HRSS];
        let studios = app
            .all_studios(admin)
            .await
            .iter()
            .map(|s| {
                let name = s["name"].as_str().expect("studio name").to_owned();
                (name, s["id"].as_i64().expect("studio id"))
            })
            .collect();
        let users = json(app.get_as(admin, "/api/admin/users").await)
            .await
            .as_array()
            .expect("user list")
            .iter()
            .map(|u| {
                let name = u["username"].as_str().expect("username").to_owned();
                (name, u["id"].as_i64().expect("user id"))
            })
            .collect();
        Ids {
            studios,
            users,
            applications: fixtures(app, sessions).await,
            round: app.round_id(admin, 2026).await,
            spare_round: spare_round(app, admin, 2029).await,
        }
    }

    fn resolve(&self, row: &Row) -> String {
        let user = |name: &str| {
            *self
                .users
                .get(name)
                .unwrap_or_else(|| panic!("no account {name}"))
        };
        let id = match row.target {
            Target::Nothing => return row.path.to_owned(),
            Target::Studio(name) => *self
                .studios
                .get(name)
                .unwrap_or_else(|| panic!("no studio {name}")),
            Target::User(name) => user(name),
            Target::Application(f) => self.applications[&f],
            Target::Caller => user(row.caller.unwrap_or(HRSS)),
            Target::Missing => 987_654,
        };
        row.path
            .replace("{id}", &id.to_string())
            .replace("{year}", &id.to_string())
    }
}

/// Runs every row and returns a line per row whose answer differs from the matrix.
pub async fn run(app: &TestApp, rows: &[Row]) -> Vec<String> {
    let mut sessions = BTreeMap::new();
    for (username, _) in ROLES {
        sessions.insert(username, app.login(username).await);
    }
    let ids = Ids::load(app, &sessions).await;
    let mut mismatches = Vec::new();
    for row in rows {
        let path = ids.resolve(row);
        let fresh;
        let foreign;
        let auth = match row.caller {
            None => Auth::Anonymous,
            Some(user) => {
                // Logging out ends the session, so each logout gets its own.
                let session = if row.path == "/api/auth/logout" {
                    fresh = app.login(user).await;
                    &fresh
                } else {
                    &sessions[user]
                };
                match row.csrf {
                    Csrf::Valid => Auth::Session(session),
                    Csrf::Missing => Auth::WithoutCsrf(session),
                    Csrf::Foreign => {
                        foreign = app.login(user).await;
                        Auth::WithCsrf(session, &foreign.csrf)
                    }
                }
            }
        };
        let response = app
            .send(
                row.method.clone(),
                &path,
                auth,
                row.body.json(ids.round, ids.spare_round).as_ref(),
            )
            .await;
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        let who = row.caller.unwrap_or("anonymous");
        let label = format!("{} {path} as {who} (csrf {:?})", row.method, row.csrf);
        if status != row.expected {
            mismatches.push(format!(
                "{label}: expected {}, got {status}: {text}",
                row.expected
            ));
        } else if let Some(code) = code_of(status) {
            let body: Value = serde_json::from_str(&text).unwrap_or_default();
            if body["code"] != code {
                mismatches.push(format!("{label}: expected code {code} in {text}"));
            }
        }
    }
    mismatches
}
