//! Closing and ranking: the declared aggregation (trimmed mean or mean, rounded half up) and the
//! tie-breakers decide each candidate's score and place.

use super::{
    GY_BUREAU, GY_UNITS, HRSS, LI, LI_NAME, MA, MA_NAME, WANG, ZHANG, ZHANG_NAME, ZHAO, close,
    create_panel, defense_score, in_defense, panel_as, panel_body, panel_id, round, row_of, scene,
    score, sheet_id, sheet_of, split, trimmed, user_ids,
};
use crate::helpers::spawn_app_in_round;
use serde_json::{Value, json};

/// 宁夏长城焊接装备有限公司, recommended by 自治区国资委.
const NX: &str = "nx.hanjie";
const SASAC: &str = "sasac";

const WANG_NAME: &str = "王淑芬（评审专家）";
const ZHAO_NAME: &str = "赵振宇（评审专家）";

#[tokio::test]
async fn with_five_experts_the_highest_and_lowest_totals_are_dropped() {
    // Arrange: totals 80.0, 85.5, 90.0, 70.0 (wang, lowest) and 95.0 (zhao, highest).
    let s = scene(&[ZHANG, MA, LI, WANG, ZHAO], 1, trimmed()).await;
    for (i, total) in [80.0, 85.5, 90.0, 70.0, 95.0].into_iter().enumerate() {
        score(&s.app, s.expert(i), s.sheet(i, 0), split(total), true).await;
    }
    // Before closing, the chair sees outliers only: 70.0 is 17.75 from the others' median 87.75.
    let progress = panel_as(&s.app, s.expert(0), s.id()).await;
    let flags: Vec<Value> = (0..5)
        .map(|i| sheet_of(&progress, s.expert_id(i), s.apps[0])["outlier"].clone())
        .collect();
    assert_eq!(
        flags,
        [
            json!(false),
            json!(false),
            json!(false),
            json!(true),
            json!(false)
        ],
        "{progress}"
    );

    // Act
    let (status, closed) = close(&s.app, s.expert(0), s.id()).await;

    // Assert: (80.0 + 85.5 + 90.0) / 3 = 85.17 → 85.2.
    assert_eq!(status, 200, "{closed}");
    let row = row_of(&closed, s.apps[0]);
    assert_eq!(row["place"], 1, "{row}");
    assert_eq!(row["score"], json!(85.2), "{row}");
    assert_eq!(row["dropped"], json!([WANG_NAME, ZHAO_NAME]), "{row}");
    assert_eq!(
        row["totals"],
        json!([
            [ZHANG_NAME, 80.0],
            [MA_NAME, 85.5],
            [LI_NAME, 90.0],
            [WANG_NAME, 70.0],
            [ZHAO_NAME, 95.0]
        ]),
        "{row}"
    );
    // Item means of the kept sheets only: plan 0.0, 5.5 and 10.0 → 5.2 (with all five: 3.4).
    assert_eq!(row["item_means"]["plan"], json!(5.2), "{row}");
    assert_eq!(row["item_means"]["skill"], json!(25.0), "{row}");
    assert_eq!(defense_score(&s.app, &s.hrss, s.apps[0]).await, json!(85.2));
}

#[tokio::test]
async fn with_four_experts_the_trimmed_mean_is_the_plain_mean_rounded_half_up() {
    // Arrange: totals 80.0, 85.5, 90.0, 69.5: 325.0 / 4 = 81.25.
    let s = scene(&[ZHANG, MA, LI, WANG], 1, trimmed()).await;
    for (i, total) in [80.0, 85.5, 90.0, 69.5].into_iter().enumerate() {
        score(&s.app, s.expert(i), s.sheet(i, 0), split(total), true).await;
    }

    // Act
    let (status, closed) = close(&s.app, s.expert(0), s.id()).await;

    // Assert: half up to 81.3 (not 81.2).
    assert_eq!(status, 200, "{closed}");
    let row = row_of(&closed, s.apps[0]);
    assert_eq!(row["score"], json!(81.3), "{row}");
    assert_eq!(row["dropped"], json!([]), "{row}");
    assert_eq!(defense_score(&s.app, &s.hrss, s.apps[0]).await, json!(81.3));
}

#[tokio::test]
async fn equal_aggregates_follow_the_declared_tie_breakers_and_share_a_place_when_equal_on_all() {
    // Arrange: 固原's list ranks a (1), b (2), d (3); 国资委's lists c (1). Every total is 85.0;
    // b scores 25 on skill, the others 22.5.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = round(&app, &hrss).await;
    let gy = in_defense(&app, &hrss, round, GY_BUREAU, &GY_UNITS).await;
    let (a, b, d) = (gy[0], gy[1], gy[2]);
    let c = in_defense(&app, &hrss, round, SASAC, &[(NX, "enterprise")]).await[0];
    let ids = user_ids(&app, &hrss, &[ZHANG, LI, WANG]).await;
    let mut body = panel_body(ids[0], &ids, &[a, b, c, d]);
    body["aggregation"] = json!({ "method": "mean" });
    let panel = create_panel(&app, &hrss, &body).await;
    let experts = [
        app.login(ZHANG).await,
        app.login(LI).await,
        app.login(WANG).await,
    ];
    for (expert, session) in ids.iter().zip(&experts) {
        for application in [a, b, c, d] {
            let values = if application == b {
                [25.0, 20.0, 20.0, 15.0, 5.0]
            } else {
                [22.5, 20.0, 20.0, 15.0, 7.5]
            };
            let sheet = sheet_id(&panel, *expert, application);
            score(&app, session, sheet, values, true).await;
        }
    }

    // Act
    let (status, closed) = close(&app, &experts[0], panel_id(&panel)).await;

    // Assert
    assert_eq!(status, 200, "{closed}");
    let places: Vec<(i64, Value, Value)> = [a, b, c, d]
        .into_iter()
        .map(|x| {
            let row = row_of(&closed, x);
            (x, row["place"].clone(), row["score"].clone())
        })
        .collect();
    assert_eq!(
        places,
        [
            (a, json!(2), json!(85.0)),
            (b, json!(1), json!(85.0)),
            (c, json!(2), json!(85.0)),
            (d, json!(4), json!(85.0)),
        ]
    );
    let order: Vec<i64> = closed["ranking"]
        .as_array()
        .expect("ranking")
        .iter()
        .filter_map(|r| r["place"].as_i64())
        .collect();
    assert_eq!(order, [1, 2, 2, 4], "{closed}");
    assert_eq!(row_of(&closed, b)["item_means"]["skill"], json!(25.0));
    assert_eq!(row_of(&closed, a)["item_means"]["skill"], json!(22.5));
}
