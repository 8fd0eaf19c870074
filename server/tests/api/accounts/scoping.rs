//! `GET /api/studios` lists what each role may see: an applicant its unit's studios, a recommender
//! those of units routed to it (第十一条（一）), HRSS and finance all, an expert none. The expected
//! sets are worked out here from the demo data files, not from the server.

use crate::helpers::{TestApp, json, spawn_app};
use serde_json::Value;
use std::collections::BTreeSet;

const UNITS_TSV: &str = include_str!("../../../data/demo-units.tsv");
const STUDIOS_TSV: &str = include_str!("../../../data/demo-studios.tsv");

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The recommender account a unit applies through: local units through their city's bureau, the
/// others through their department; central public institutions go to HRSS directly (`None`).
fn channel_account(affiliation: &str, county: &str) -> Option<&'static str> {
    match affiliation {
        "local" => Some(match &county[..4] {
            "6401" => "yc.bureau",
            "6402" => "szs.bureau",
            "6403" => "wz.bureau",
            "6404" => "gy.bureau",
            "6405" => "zw.bureau",
            other => panic!("no city for county prefix {other}"),
        }),
        "regional_department_affiliate" => Some("agri"),
        "regional_vocational_college" => Some("edu"),
        "regional_state_owned_enterprise" | "central_enterprise" => Some("sasac"),
        "central_public_institution" => None,
        other => panic!("unknown affiliation {other}"),
    }
}

/// Each demo studio's name and the row of its unit in `demo-units.tsv`.
fn demo_studios() -> Vec<(String, usize)> {
    rows(STUDIOS_TSV)
        .map(|r| {
            let unit: usize = r[0].parse().expect("unit row");
            (format!("{}{}技能大师工作室", r[1], r[6]), unit)
        })
        .collect()
}

/// Names of the demo studios whose unit row satisfies `keep`.
fn expected(keep: impl Fn(usize, &[&str]) -> bool) -> BTreeSet<String> {
    let units: Vec<Vec<&str>> = rows(UNITS_TSV).collect();
    demo_studios()
        .into_iter()
        .filter(|(_, unit)| keep(*unit, &units[*unit]))
        .map(|(name, _)| name)
        .collect()
}

/// The studio list `username` gets for `query`, checked for a consistent total.
async fn list_as(app: &TestApp, username: &str, query: &str) -> Vec<Value> {
    let session = app.login(username).await;
    let response = app.get_as(&session, &format!("/api/studios{query}")).await;
    assert_eq!(response.status().as_u16(), 200, "{username}");
    let list = json(response).await;
    let studios = list["studios"].as_array().expect("studios").clone();
    let sum: i64 = studios
        .iter()
        .map(|s| s["entitlement_fen"].as_i64().expect("fen"))
        .sum();
    assert_eq!(list["total_entitlement_fen"], sum, "{username}: {list}");
    studios
}

fn names(studios: &[Value]) -> BTreeSet<String> {
    studios
        .iter()
        .map(|s| s["name"].as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test]
async fn an_applicant_lists_only_its_own_units_studios() {
    // Arrange
    let app = spawn_app().await;
    let own = expected(|unit, _| unit == 0);
    assert_eq!(own.len(), 2, "the demo data changed: {own:?}");

    // Act
    let studios = list_as(&app, "yc.saishang", "").await;

    // Assert
    assert_eq!(names(&studios), own);
    assert!(
        studios
            .iter()
            .all(|s| s["unit_name"] == "银川塞上机床制造有限公司"),
        "{studios:?}"
    );
}

#[tokio::test]
async fn each_applicant_lists_exactly_its_units_studios() {
    // Arrange
    let app = spawn_app().await;

    for (username, unit_row) in [
        ("yc.saishang", 0),
        ("nx.hanjie", 1),
        ("wz.yibiao", 15),
        ("gy.jigong", 20),
    ] {
        // Act
        let studios = list_as(&app, username, "").await;

        // Assert
        let own = expected(|unit, _| unit == unit_row);
        assert!(!own.is_empty(), "{username}: no demo studio");
        assert_eq!(names(&studios), own, "{username}");
    }
}

#[tokio::test]
async fn the_guyuan_bureau_lists_only_studios_of_local_units_in_guyuan() {
    // Arrange
    let app = spawn_app().await;
    let guyuan = expected(|_, u| u[2] == "local" && u[3].starts_with("6404"));
    assert_eq!(guyuan.len(), 5, "the demo data changed: {guyuan:?}");

    // Act
    let studios = list_as(&app, "gy.bureau", "").await;

    // Assert
    assert_eq!(names(&studios), guyuan);
    assert!(studios.iter().all(|s| s["city"] == "guyuan"), "{studios:?}");
}

#[tokio::test]
async fn each_recommender_lists_exactly_the_studios_routed_to_it() {
    // Arrange
    let app = spawn_app().await;
    let recommenders = [
        "yc.bureau",
        "szs.bureau",
        "wz.bureau",
        "gy.bureau",
        "zw.bureau",
        "edu",
        "sasac",
        "agri",
    ];

    for username in recommenders {
        // Act
        let studios = list_as(&app, username, "").await;

        // Assert
        let routed = expected(|_, u| channel_account(u[2], u[3]) == Some(username));
        assert!(!routed.is_empty(), "{username}: no demo studio");
        assert_eq!(names(&studios), routed, "{username}");
    }
}

#[tokio::test]
async fn an_expert_lists_no_studios() {
    // Arrange
    let app = spawn_app().await;

    for username in ["expert.zhang", "expert.ma"] {
        // Act
        let studios = list_as(&app, username, "").await;

        // Assert
        assert!(studios.is_empty(), "{username}: {studios:?}");
    }
}

#[tokio::test]
async fn hrss_and_finance_list_every_studio() {
    // Arrange
    let app = spawn_app().await;
    let all = expected(|_, _| true);
    assert_eq!(
        all.len(),
        demo_studios().len(),
        "studio names are not unique"
    );

    for username in ["hrss", "finance"] {
        // Act
        let studios = list_as(&app, username, "").await;

        // Assert
        assert_eq!(names(&studios), all, "{username}");
    }
}

#[tokio::test]
async fn filters_narrow_the_callers_scope_and_never_widen_it() {
    // Arrange
    let app = spawn_app().await;
    // Cohort 0 is approved in the clock's year (2026): a month before 2026-03-02.
    let years: BTreeSet<String> = rows(STUDIOS_TSV)
        .filter(|r| r[8] == "0")
        .map(|r| format!("{}{}技能大师工作室", r[1], r[6]))
        .collect();
    let yinchuan = expected(|_, u| channel_account(u[2], u[3]) == Some("yc.bureau"));

    // Act
    let other_city = list_as(&app, "yc.bureau", "?city=guyuan").await;
    let this_year = list_as(&app, "yc.bureau", "?year=2026").await;

    // Assert
    assert!(other_city.is_empty(), "{other_city:?}");
    let expected: BTreeSet<String> = yinchuan.intersection(&years).cloned().collect();
    assert!(!expected.is_empty(), "the demo data changed");
    assert_eq!(names(&this_year), expected);
}
