//! The dashboard agrees with the ledgers: it adds up by city, county and studio under every
//! filter, moves with each disbursement and reversal, and channel 0 selects the studios of units
//! that report directly to HRSS.

use super::{
    FINANCE, GY_STUDIO, HRSS, NATIONAL_STUDIO, REGIONAL_FEN, TODAY, YC_BUREAU, YC_STUDIO, answer,
    by_year, dashboard, disbursement, fen, ledger, money, money_by_key, newest, record,
    reversal_of, rows, studio_id, sum, text,
};
use crate::helpers::{Session, TestApp, spawn_app_in_round};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const YC_BUREAU_ORG: &str = "银川市人力资源和社会保障局";
/// Regional, approved 2026, of unit row 7 (国家地质调查宁夏实验中心, a central public institution
/// that reports directly to regional HRSS, 第十一条（一）).
const HRSS_DIRECT_STUDIO: &str = "郭振宇地质调查员技能大师工作室";

/// The ids of the studios `session` may list.
async fn visible_studio_ids(app: &TestApp, session: &Session) -> BTreeSet<i64> {
    let (status, list) = answer(app.get_as(session, "/api/studios").await).await;
    assert_eq!(status, 200, "{list}");
    rows(&list, "studios")
        .iter()
        .map(|s| s["id"].as_i64().expect("studio id"))
        .collect()
}

/// A dashboard filter and the studios (as HRSS lists them) it selects.
struct Filter {
    query: String,
    year: Option<&'static str>,
    level: Option<&'static str>,
    category: Option<&'static str>,
    /// The ids of the studios of the channel.
    channel: Option<BTreeSet<i64>>,
}

impl Filter {
    fn new(query: &str) -> Filter {
        Filter {
            query: query.to_owned(),
            year: None,
            level: None,
            category: None,
            channel: None,
        }
    }

    fn selects(&self, studio: &Value) -> bool {
        let id = studio["id"].as_i64().expect("studio id");
        self.year
            .is_none_or(|y| text(studio, "approved_on").starts_with(y))
            && self.level.is_none_or(|l| studio["level"] == l)
            && self
                .category
                .is_none_or(|c| studio["national_category"] == c)
            && self.channel.as_ref().is_none_or(|ids| ids.contains(&id))
    }

    fn with_city(&self, city: &str) -> String {
        if self.query.is_empty() {
            format!("city={city}")
        } else {
            format!("{}&city={city}", self.query)
        }
    }
}

/// Checks the dashboard at `filter` against itself (rows sum to totals; each city equals its
/// counties and its studios) and against the studios and what was disbursed to each.
async fn assert_dashboard_agrees(
    app: &TestApp,
    hrss: &Session,
    studios: &[Value],
    disbursed: &BTreeMap<i64, i64>,
    filter: &Filter,
) {
    let q = &filter.query;
    let view = dashboard(app, hrss, q).await;
    let by_city = money_by_key(&view, "rows");
    assert_eq!(
        sum(by_city.values().copied()),
        money(&view["totals"]),
        "?{q}: the rows do not add up to the totals: {view}"
    );
    assert!(
        rows(&view, "studios").is_empty(),
        "?{q}: studios without a city: {view}"
    );
    let selected: Vec<&Value> = studios.iter().filter(|s| filter.selects(s)).collect();
    let expected_cities: BTreeSet<&str> = selected.iter().map(|s| text(s, "city")).collect();
    assert_eq!(
        by_city.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        expected_cities,
        "?{q}: the cities of the rows: {view}"
    );
    for (city, row) in &by_city {
        let city_studios: Vec<&&Value> = selected.iter().filter(|s| s["city"] == **city).collect();
        let entitled: i64 = city_studios
            .iter()
            .map(|s| fen(&s["entitlement_fen"]))
            .sum();
        let paid: i64 = city_studios
            .iter()
            .map(|s| {
                disbursed
                    .get(&s["id"].as_i64().expect("id"))
                    .copied()
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(
            row[0],
            city_studios.len() as i64,
            "?{q}: studios in {city}: {view}"
        );
        assert_eq!(row[1], entitled, "?{q}: entitled in {city}: {view}");
        assert_eq!(row[2], paid, "?{q}: disbursed in {city}: {view}");
        assert_eq!(
            row[5],
            row[1] - row[2],
            "?{q}: outstanding in {city}: {view}"
        );
        let cq = filter.with_city(city);
        let drill = dashboard(app, hrss, &cq).await;
        assert_eq!(
            money(&drill["totals"]),
            *row,
            "?{cq}: totals ≠ the city row: {drill}"
        );
        let counties = money_by_key(&drill, "rows");
        assert_eq!(
            sum(counties.values().copied()),
            *row,
            "?{cq}: counties: {drill}"
        );
        for (code, r) in rows(&drill, "rows").iter().map(|r| (text(r, "key"), r)) {
            assert!(
                code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
                "?{cq}: a county key {code}"
            );
            assert_ne!(
                r["label"], code,
                "?{cq}: county {code} has no name: {drill}"
            );
        }
        let per_studio = money_by_key(&drill, "studios");
        assert_eq!(
            sum(per_studio.values().copied()),
            *row,
            "?{cq}: studios: {drill}"
        );
        let ids: BTreeSet<String> = city_studios
            .iter()
            .map(|s| s["id"].as_i64().expect("id").to_string())
            .collect();
        assert_eq!(
            per_studio.keys().cloned().collect::<BTreeSet<_>>(),
            ids,
            "?{cq}: the studio lines: {drill}"
        );
        for s in &city_studios {
            let id = s["id"].as_i64().expect("id");
            let m = per_studio[&id.to_string()];
            let paid = disbursed.get(&id).copied().unwrap_or(0);
            let entitled = fen(&s["entitlement_fen"]);
            assert_eq!(
                m,
                [1, entitled, paid, 0, 0, entitled - paid],
                "?{cq}: studio {id}: {drill}"
            );
        }
    }
    // The year-over-year movement of the selected studios.
    let mut years: BTreeMap<i64, [i64; 3]> = BTreeMap::new();
    for (y, d) in by_year(&view) {
        assert!(
            d[1] == 0 && d[2] == 0,
            "?{q}: nothing was used or returned: {view}"
        );
        years.insert(y, d);
    }
    let total: i64 = years.values().map(|d| d[0]).sum();
    assert_eq!(
        total,
        money(&view["totals"])[2],
        "?{q}: by_year ≠ disbursed: {view}"
    );
}

#[tokio::test]
async fn the_dashboard_adds_up_by_city_county_and_studio_and_follows_the_ledger() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let bureau = app.login(YC_BUREAU).await;
    let studios = app.all_studios(&hrss).await;
    let yc = studio_id(&app, &hrss, YC_STUDIO).await;
    let national = studio_id(&app, &hrss, NATIONAL_STUDIO).await;
    let gy = studio_id(&app, &hrss, GY_STUDIO).await;
    let bureau_org = app.scope_id(&hrss, "orgs", YC_BUREAU_ORG).await;
    let bureau_studios = visible_studio_ids(&app, &bureau).await;
    assert!(bureau_studios.contains(&yc) && !bureau_studios.contains(&national));
    let payments = [
        (yc, "yinchuan", 2_000_000, "2024-05-10"),
        (national, "yinchuan", 5_000_000, "2025-06-01"),
        (gy, "guyuan", 3_000_000, "2025-07-01"),
    ];
    let mut disbursed = BTreeMap::new();

    // Act and assert: each disbursement moves exactly its city and its year.
    for (studio, city, amount, on) in payments {
        let before = dashboard(&app, &hrss, "").await;
        let paid = record(&app, &finance, studio, &disbursement(amount, on)).await;
        let after = dashboard(&app, &hrss, "").await;
        *disbursed.entry(studio).or_insert(0) += amount;
        assert_eq!(fen(&paid["balance"]["disbursed"]), disbursed[&studio]);
        assert_moved_by(&before, &after, city, on, amount);
    }

    // Assert: every filter adds up.
    let filter = |query: &str| Filter::new(query);
    let filters = [
        filter(""),
        Filter {
            level: Some("regional"),
            ..filter("level=regional")
        },
        Filter {
            level: Some("national"),
            ..filter("level=national")
        },
        Filter {
            category: Some("manufacturing"),
            ..filter("category=manufacturing")
        },
        Filter {
            year: Some("2023"),
            ..filter("year=2023")
        },
        Filter {
            year: Some("2024"),
            ..filter("year=2024")
        },
        Filter {
            year: Some("2023"),
            level: Some("national"),
            ..filter("year=2023&level=national")
        },
        Filter {
            channel: Some(bureau_studios.clone()),
            ..filter(&format!("channel_org_id={bureau_org}"))
        },
        Filter {
            channel: Some(bureau_studios.clone()),
            level: Some("regional"),
            ..filter(&format!("channel_org_id={bureau_org}&level=regional"))
        },
    ];
    for f in &filters {
        assert_dashboard_agrees(&app, &hrss, &studios, &disbursed, f).await;
    }
    // Channel 0 (HRSS direct): at least consistent with itself.
    let direct = dashboard(&app, &hrss, "channel_org_id=0").await;
    assert_eq!(
        sum(money_by_key(&direct, "rows").into_values()),
        money(&direct["totals"]),
        "{direct}"
    );

    // Act and assert: a reversal brings it back.
    let before = dashboard(&app, &hrss, "").await;
    let gy_ledger = ledger(&app, &finance, gy).await;
    let gy_entry = newest(&gy_ledger)["id"].as_i64().expect("id");
    record(&app, &finance, gy, &reversal_of(gy_entry)).await;
    let after = dashboard(&app, &hrss, "").await;
    assert_moved_by(&before, &after, "guyuan", "2025-07-01", -3_000_000);
    disbursed.remove(&gy);
    assert_dashboard_agrees(&app, &hrss, &studios, &disbursed, &filter("")).await;
}

/// Asserts that `after` differs from `before` by `amount` disbursed in `city` and in the year of
/// `on`, and in nothing else (studio counts, entitlements, other cities and years).
fn assert_moved_by(before: &Value, after: &Value, city: &str, on: &str, amount: i64) {
    let moved = |mut m: [i64; 6]| {
        m[2] += amount;
        m[5] -= amount;
        m
    };
    assert_eq!(
        money(&after["totals"]),
        moved(money(&before["totals"])),
        "totals: {before} → {after}"
    );
    let (rows_before, rows_after) = (money_by_key(before, "rows"), money_by_key(after, "rows"));
    assert_eq!(
        rows_before.keys().collect::<Vec<_>>(),
        rows_after.keys().collect::<Vec<_>>()
    );
    for (key, m) in &rows_before {
        let expected = if key == city { moved(*m) } else { *m };
        assert_eq!(rows_after[key], expected, "city {key}: {before} → {after}");
    }
    let year: i64 = on[..4].parse().expect("a year");
    let (years_before, years_after) = (by_year(before), by_year(after));
    let keys: BTreeSet<i64> = years_before
        .keys()
        .chain(years_after.keys())
        .copied()
        .collect();
    for y in keys {
        let b = years_before.get(&y).copied().unwrap_or_default();
        let a = years_after.get(&y).copied().unwrap_or_default();
        let expected = if y == year {
            [b[0] + amount, b[1], b[2]]
        } else {
            b
        };
        assert_eq!(a, expected, "by_year {y}: {before} → {after}");
    }
    assert_eq!(before["funnel"], after["funnel"]);
}

#[tokio::test]
async fn channel_0_selects_the_studios_of_units_that_report_directly_to_hrss() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let direct = studio_id(&app, &hrss, HRSS_DIRECT_STUDIO).await;
    record(&app, &finance, direct, &disbursement(1_500_000, TODAY)).await;

    // Act
    let view = dashboard(&app, &hrss, "channel_org_id=0").await;
    let drill = dashboard(&app, &hrss, "channel_org_id=0&city=yinchuan").await;

    // Assert
    assert_eq!(
        money(&view["totals"]),
        [1, REGIONAL_FEN, 1_500_000, 0, 0, REGIONAL_FEN - 1_500_000],
        "{view}"
    );
    assert_eq!(
        money_by_key(&drill, "studios")
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        [direct.to_string()],
        "{drill}"
    );
}
