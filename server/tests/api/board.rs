//! The board reviewers work from: the recommender's queue (its channel's applications) and the HRSS
//! round board (every submitted application), filtered, sorted and paged, and its CSV and xlsx exports.

use crate::helpers::{
    Session, TestApp, facts, id, json, new_application, spawn_app_in_round, validation_fields,
};
use serde_json::{Value, json};

const HRSS: &str = "hrss";
/// The header line of the CSV export.
const CSV_HEADER: &str = "编号,申报单位,地市,县区,推荐渠道,级别,工作室名称,领办人,职业（工种）,状态,推荐排序,答辩得分,实地考察,提交时间";

fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

/// The applications of the 2026 demo round (one per unit, 第四章), created in this order:
/// - `y1`: yc.saishang (银川塞上机床, 金凤区), recommended with rank 2 by 银川市人社局;
/// - `y2`: yc.jigong (银川市高级技工学校), leader `=SUM(1)`, occupation `车工,钳工`, rank 1;
/// - a draft of yc.gouqi (永宁枸杞), never submitted;
/// - `g1`: gy.jigong (固原, 原州区), recommended with rank 1 by 固原市人社局;
/// - `n1`: nx.hanjie (银川, regional SOE), national manufacturing, submitted to 自治区国资委.
struct Board {
    app: TestApp,
    hrss: Session,
    y1: i64,
    y2: i64,
    g1: i64,
    n1: i64,
}

async fn board_scene() -> Board {
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = app.round_id(&hrss, 2026).await;
    let yc = app.login("yc.saishang").await;
    let gy = app.login("gy.jigong").await;
    let nx = app.login("nx.hanjie").await;
    let y1 = app.submitted(&yc, "enterprise").await;
    let school = app.login("yc.jigong").await;
    let mut formula = new_application(round, facts("school"));
    formula["profile"]["leader_name"] = json!("=SUM(1)");
    formula["profile"]["occupation"] = json!("车工,钳工");
    let y2 = app.create_application(&school, &formula).await;
    let y2 = app.submit(&school, &y2).await;
    app.draft(&app.login("yc.gouqi").await, "enterprise").await;
    let g1 = app.submitted(&gy, "school").await;
    let mut national = facts("enterprise");
    national["level"] = json!("national");
    national["national_category"] = json!("manufacturing");
    national["unit"]["has_approved_regional_studio"] = json!(true);
    let n1 = app
        .create_application(&nx, &new_application(round, national))
        .await;
    let n1 = app.submit(&nx, &n1).await;
    let (y1, y2, g1, n1) = (id(&y1), id(&y2), id(&g1), id(&n1));
    app.recommended(&app.login("yc.bureau").await, round, &[y2, y1])
        .await;
    app.recommended(&app.login("gy.bureau").await, round, &[g1])
        .await;
    Board {
        app,
        hrss,
        y1,
        y2,
        g1,
        n1,
    }
}

/// `GET /api/board{query}` as `session`, asserting 200.
async fn page(app: &TestApp, session: &Session, query: &str) -> Value {
    let response = app.get_as(session, &format!("/api/board{query}")).await;
    let status = code(&response);
    let body = json(response).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

/// The ids of the rows of a board page.
fn ids(page: &Value) -> Vec<i64> {
    page["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows in {page}"))
        .iter()
        .map(id)
        .collect()
}

#[tokio::test]
async fn hrss_sees_every_submitted_application_and_filters_them() {
    // Arrange
    let Board {
        app,
        hrss,
        y1,
        y2,
        g1,
        n1,
    } = board_scene().await;
    let cases: [(&str, Vec<i64>); 9] = [
        ("", vec![y1, y2, g1, n1]),
        ("?state=recommended", vec![y1, y2, g1]),
        ("?state=submitted", vec![n1]),
        ("?state=draft", vec![]),
        ("?city=guyuan", vec![g1]),
        ("?city=yinchuan", vec![y1, y2, n1]),
        ("?level=national", vec![n1]),
        ("?q=塞上机床", vec![y1]),
        ("?city=yinchuan&level=regional&q=银川", vec![y1, y2]),
    ];

    for (query, expected) in cases {
        // Act
        let body = page(&app, &hrss, query).await;

        // Assert
        assert_eq!(ids(&body), expected, "{query}: {body}");
        assert_eq!(
            body["total"].as_u64(),
            u64::try_from(expected.len()).ok(),
            "{query}"
        );
    }
    let body = page(
        &app,
        &hrss,
        &format!("?city=guyuan&round_id={}", app.round_id(&hrss, 2026).await),
    )
    .await;
    let row = &body["rows"][0];
    assert_eq!(row["unit_name"], "固原市高级技工学校", "{row}");
    assert_eq!(row["city"], "guyuan", "{row}");
    assert_eq!(row["county"], "原州区", "{row}");
    assert_eq!(row["channel"], "固原市人力资源和社会保障局", "{row}");
    assert_eq!(row["level"], "regional", "{row}");
    assert_eq!(row["state"], "recommended", "{row}");
    assert_eq!(row["rank"], 1, "{row}");
    assert_eq!(row["leader_name"], "李明", "{row}");
    assert_eq!(row["studio_name"], "李明技能大师工作室", "{row}");
    assert_eq!(row["defense_score"], Value::Null, "{row}");
    assert_eq!(row["submitted_at"], "2026-10-15T01:00:00Z", "{row}");
    let other_round = page(&app, &hrss, "?round_id=999999").await;
    assert_eq!(other_round["total"], 0, "{other_round}");
    let bad_state = app.get_as(&hrss, "/api/board?state=archived").await;
    assert_eq!(validation_fields(bad_state).await, ["state"]);
}

#[tokio::test]
async fn the_board_sorts_by_rank_descending() {
    // Arrange
    let Board {
        app,
        hrss,
        y1,
        y2,
        g1,
        n1,
    } = board_scene().await;

    // Act
    let desc = page(&app, &hrss, "?state=recommended&sort=rank&dir=desc").await;
    let asc = page(&app, &hrss, "?state=recommended&sort=rank&dir=asc").await;
    let by_id_desc = page(&app, &hrss, "?sort=id&dir=desc").await;

    // Assert: equal ranks keep the id order.
    assert_eq!(ids(&desc), [y1, y2, g1], "{desc}");
    assert_eq!(ids(&asc), [y2, g1, y1], "{asc}");
    assert_eq!(ids(&by_id_desc), [n1, g1, y2, y1], "{by_id_desc}");
    let bad = app.get_as(&hrss, "/api/board?sort=unit_name").await;
    assert_eq!(validation_fields(bad).await, ["sort"]);
}

#[tokio::test]
async fn the_board_is_paged_with_the_total_of_every_page() {
    // Arrange
    let Board {
        app,
        hrss,
        y1,
        y2,
        g1,
        n1,
    } = board_scene().await;

    // Act
    let first = page(&app, &hrss, "?per_page=3").await;
    let second = page(&app, &hrss, "?per_page=3&page=2").await;
    let beyond = page(&app, &hrss, "?per_page=3&page=3").await;

    // Assert
    assert_eq!(ids(&first), [y1, y2, g1], "{first}");
    assert_eq!(ids(&second), [n1], "{second}");
    assert_eq!(ids(&beyond), Vec::<i64>::new(), "{beyond}");
    for (body, number) in [(&first, 1), (&second, 2), (&beyond, 3)] {
        assert_eq!(body["total"], 4, "{body}");
        assert_eq!(body["page"], number, "{body}");
        assert_eq!(body["per_page"], 3, "{body}");
    }
    let default = page(&app, &hrss, "").await;
    assert_eq!(
        (default["page"].clone(), default["per_page"].clone()),
        (json!(1), json!(50))
    );
    assert_eq!(page(&app, &hrss, "?per_page=200").await["total"], 4);
    for per_page in ["0", "201", "x"] {
        let response = app
            .get_as(&hrss, &format!("/api/board?per_page={per_page}"))
            .await;
        assert_eq!(
            validation_fields(response).await,
            ["per_page"],
            "per_page={per_page}"
        );
    }
}

#[tokio::test]
async fn a_recommender_sees_only_its_channels_applications() {
    // Arrange
    let Board {
        app,
        y1,
        y2,
        g1,
        n1,
        ..
    } = board_scene().await;
    let cases: [(&str, &str, Vec<i64>); 5] = [
        ("yc.bureau", "", vec![y1, y2]),
        ("yc.bureau", "?city=guyuan", vec![]),
        ("yc.bureau", "?q=固原", vec![]),
        ("gy.bureau", "", vec![g1]),
        ("sasac", "", vec![n1]),
    ];

    for (who, query, expected) in cases {
        let session = app.login(who).await;

        // Act
        let body = page(&app, &session, query).await;

        // Assert
        assert_eq!(ids(&body), expected, "{who}{query}: {body}");
        assert_eq!(
            body["total"].as_u64(),
            u64::try_from(expected.len()).ok(),
            "{who}{query}"
        );
    }
    for who in ["yc.saishang", "gy.jigong", "expert.zhang", "finance"] {
        let session = app.login(who).await;
        assert_eq!(
            code(&app.get_as(&session, "/api/board").await),
            403,
            "{who}"
        );
        let export = app.get_as(&session, "/api/board/export?format=csv").await;
        assert_eq!(code(&export), 403, "{who} exported the board");
    }
    assert_eq!(code(&app.get("/api/board").await), 401);
    assert_eq!(code(&app.get("/api/board/export?format=csv").await), 401);
}

/// The CSV export of `query` as `session`, asserting 200 and the CSV content type.
async fn csv(app: &TestApp, session: &Session, query: &str) -> Vec<u8> {
    let response = app
        .get_as(session, &format!("/api/board/export?format=csv{query}"))
        .await;
    assert_eq!(code(&response), 200, "{query}");
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "text/csv; charset=utf-8");
    response.bytes().await.expect("no body").to_vec()
}

/// The lines of a CSV export after its byte-order mark.
fn csv_lines(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("the CSV is not UTF-8");
    let text = text.strip_prefix('\u{FEFF}').expect("no byte-order mark");
    text.split("\r\n").map(str::to_owned).collect()
}

#[tokio::test]
async fn the_csv_export_has_a_bom_a_header_and_quoted_inert_cells() {
    // Arrange
    let Board {
        app,
        hrss,
        y1,
        y2,
        g1,
        n1,
    } = board_scene().await;

    // Act
    let bytes = csv(&app, &hrss, "&sort=id").await;

    // Assert
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let lines = csv_lines(&bytes);
    assert_eq!(lines.len(), 6, "header, 4 rows and the end: {lines:?}");
    assert_eq!(lines[0], CSV_HEADER);
    assert_eq!(
        lines[2],
        format!(
            "{y2},银川市高级技工学校,银川市,西夏区,银川市人力资源和社会保障局,自治区级,\
             '=SUM(1)技能大师工作室,'=SUM(1),\"车工,钳工\",已推荐,1,,,2026-10-15 09:00"
        )
    );
    assert!(
        lines[1].starts_with(&format!("{y1},银川塞上机床制造有限公司,")),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with(&format!("{g1},固原市高级技工学校,固原市,原州区,")),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].starts_with(&format!(
            "{n1},宁夏长城焊接装备有限公司,银川市,兴庆区,宁夏回族自治区国有资产监督管理委员会,国家级（生产制造类）,"
        )),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5], "");
    // The export keeps the board's filters and the recommender's scope.
    assert_eq!(lines_of(&app, &hrss, "&city=guyuan").await, 3);
    let yc_bureau = app.login("yc.bureau").await;
    let scoped = csv_lines(&csv(&app, &yc_bureau, "").await);
    assert_eq!(scoped.len(), 4, "{scoped:?}");
    assert!(scoped[1].starts_with(&format!("{y1},")), "{scoped:?}");
    assert!(scoped[2].starts_with(&format!("{y2},")), "{scoped:?}");
}

async fn lines_of(app: &TestApp, session: &Session, query: &str) -> usize {
    csv_lines(&csv(app, session, query).await).len()
}

#[tokio::test]
async fn the_xlsx_export_is_a_spreadsheet_download() {
    // Arrange
    let Board { app, hrss, .. } = board_scene().await;

    // Act
    let response = app.get_as(&hrss, "/api/board/export?format=xlsx").await;

    // Assert
    assert_eq!(code(&response), 200);
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header(reqwest::header::CONTENT_TYPE),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        header(reqwest::header::CONTENT_DISPOSITION),
        "attachment; filename=\"board-20261015.xlsx\""
    );
    let bytes = response.bytes().await.expect("no body");
    assert!(bytes.starts_with(b"PK\x03\x04"), "not a zip file");
    assert!(bytes.len() > 1000, "{} bytes", bytes.len());
    for format in ["", "&format=pdf"] {
        let response = app
            .get_as(&hrss, &format!("/api/board/export?sort=id{format}"))
            .await;
        assert_eq!(validation_fields(response).await, ["format"], "{format}");
    }
}

#[tokio::test]
async fn a_search_matches_the_text_literally_not_as_a_like_pattern() {
    // Arrange: no unit's name contains `%` or `_`.
    let Board { app, hrss, .. } = board_scene().await;

    for q in ["%25", "_", "%25%25", "塞上%25"] {
        // Act
        let body = page(&app, &hrss, &format!("?q={q}")).await;

        // Assert
        assert_eq!(body["total"], 0, "q={q} matched: {body}");
    }
    let long = app
        .get_as(&hrss, &format!("/api/board?q={}", "机".repeat(65)))
        .await;
    assert_eq!(validation_fields(long).await, ["q"]);
}
