//! Onboarding real data (issue #19): each registry's template imports its example row, a file with
//! errors writes nothing and names every bad cell, a repeated import changes nothing, a GB18030
//! CSV reads as its UTF-8 twin, and each registry's export imports back unchanged.

use crate::helpers::{Session, TestApp, json, spawn_app};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;
use server::entity::{audit_log, ledger_entry, studio, unit, user_account};
use shared::import::{ImportKind, ImportReport, RowAction};

fn kind_name(kind: ImportKind) -> String {
    shared::wire::enum_name(&kind)
}

async fn get_file(app: &TestApp, s: &Session, path: &str) -> Vec<u8> {
    let r = app.get_as(s, path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.bytes().await.expect("bytes").to_vec()
}

async fn template(app: &TestApp, s: &Session, kind: ImportKind) -> Vec<u8> {
    get_file(
        app,
        s,
        &format!("/api/admin/imports/template?kind={}", kind_name(kind)),
    )
    .await
}

async fn export(app: &TestApp, s: &Session, kind: ImportKind) -> Vec<u8> {
    get_file(
        app,
        s,
        &format!("/api/admin/imports/export?kind={}", kind_name(kind)),
    )
    .await
}

async fn upload(app: &TestApp, s: &Session, path: &str, file: &[u8]) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}{path}", app.address))
        .header(reqwest::header::COOKIE, &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(file.to_vec())
        .send()
        .await
        .expect("upload");
    (r.status().as_u16(), json(r).await)
}

async fn preview(app: &TestApp, s: &Session, kind: ImportKind, file: &[u8]) -> ImportReport {
    let (status, body) = upload(
        app,
        s,
        &format!("/api/admin/imports/preview?kind={}", kind_name(kind)),
        file,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a report")
}

async fn apply(
    app: &TestApp,
    s: &Session,
    kind: ImportKind,
    file: &[u8],
    sha: &str,
) -> (u16, Value) {
    upload(
        app,
        s,
        &format!("/api/admin/imports?kind={}&sha256={sha}", kind_name(kind)),
        file,
    )
    .await
}

/// Preview, then confirm: the report of the import.
async fn import(app: &TestApp, s: &Session, kind: ImportKind, file: &[u8]) -> ImportReport {
    let dry = preview(app, s, kind, file).await;
    assert!(dry.errors.is_empty(), "{:?}", dry.errors);
    let (status, body) = apply(app, s, kind, file, &dry.sha256).await;
    assert_eq!(status, 200, "{body}");
    let done: ImportReport = serde_json::from_value(body).expect("a report");
    assert!(done.applied);
    assert_eq!(
        (done.created, done.updated, done.unchanged),
        (dry.created, dry.updated, dry.unchanged),
        "the import does what its dry run said"
    );
    done
}

/// Rows of every table an import writes.
async fn counts(app: &TestApp) -> [u64; 4] {
    let db = app.db().await;
    [
        unit::Entity::find().count(&db).await.expect("units"),
        user_account::Entity::find()
            .count(&db)
            .await
            .expect("accounts"),
        studio::Entity::find().count(&db).await.expect("studios"),
        ledger_entry::Entity::find()
            .count(&db)
            .await
            .expect("entries"),
    ]
}

fn csv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn header(kind: ImportKind) -> Vec<String> {
    kind.columns().iter().map(|c| c.zh.to_owned()).collect()
}

#[tokio::test]
async fn each_template_imports_its_example_once_and_a_repeated_import_changes_nothing() {
    // Arrange
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;

    for kind in ImportKind::ALL {
        // Act: the template as downloaded, uploaded back.
        let file = template(&app, &hrss, kind).await;
        let first = import(&app, &hrss, kind, &file).await;
        let before = counts(&app).await;
        let again = import(&app, &hrss, kind, &file).await;

        // Assert
        assert_eq!((first.rows, first.created), (1, 1), "{kind:?}");
        assert_eq!(first.outcomes[0].row, 2);
        assert_eq!(
            (again.created, again.updated, again.unchanged),
            (0, 0, 1),
            "{kind:?}"
        );
        assert_eq!(
            counts(&app).await,
            before,
            "{kind:?}: the repeated import wrote nothing"
        );
        assert_eq!(again.sha256, first.sha256);
    }
    // The studio's opening entries carry what the file said was paid, used and returned.
    let studios = app.all_studios(&hrss).await;
    let imported = studios
        .iter()
        .find(|s| s["plaque_no"] == "宁人社技大师〔2021〕008号")
        .expect("the example studio");
    let id = imported["id"].as_i64().expect("id");
    let ledger = json(
        app.get_as(&hrss, &format!("/api/studios/{id}/ledger"))
            .await,
    )
    .await;
    assert_eq!(ledger["balance"]["disbursed"], 20_000_000, "{ledger}");
    assert_eq!(ledger["balance"]["used"], 15_632_050);
    assert_eq!(
        ledger["entries"].as_array().map(Vec::len),
        Some(2),
        "no return entry for 0.00"
    );
    // Each import is audited with its file's SHA-256.
    let db = app.db().await;
    let audited: Vec<audit_log::Model> = audit_log::Entity::find().all(&db).await.expect("audit");
    let imports: Vec<&audit_log::Model> = audited
        .iter()
        .filter(|a| a.object_type == "import")
        .collect();
    assert_eq!(imports.len(), 6, "three kinds imported twice");
    let sha = imports[0].object_id.clone();
    assert_eq!(sha.len(), 64);
    assert!(imports[0].action.starts_with("import."));
    app.assert_reminders_kept(app_today()).await;
}

fn app_today() -> chrono::NaiveDate {
    crate::helpers::TestClock::start().date_naive()
}

#[tokio::test]
async fn a_file_with_errors_in_several_rows_writes_nothing_and_names_every_error() {
    // Arrange
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;
    let good = ImportKind::Units.example();
    let mut bad_code = good.clone();
    bad_code[0] = "91640100MA76XY411A".into();
    bad_code[1] = "第二家单位".into();
    let mut bad_place = good.clone();
    bad_place[0] = shared::identity::CreditCode::compose("91", 640100, "MA76XY42")
        .expect("code")
        .as_str()
        .into();
    bad_place[3] = "海淀区".into();
    bad_place[4] = "公司".into();
    let mut repeated = good.clone();
    repeated[1] = "重复的单位".into();
    let file = csv(&[
        header(ImportKind::Units),
        good,
        bad_code,
        bad_place,
        vec![String::new(); 8],
        repeated,
    ]);
    let before = counts(&app).await;

    // Act
    let dry = preview(&app, &hrss, ImportKind::Units, file.as_bytes()).await;
    let (status, refused) =
        apply(&app, &hrss, ImportKind::Units, file.as_bytes(), &dry.sha256).await;

    // Assert: every bad cell, by sheet, row and column; the blank row 5 is skipped.
    let named: Vec<(u32, &str)> = dry
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (3, "统一社会信用代码"),
            (4, "县（市、区）"),
            (4, "单位类型"),
            (6, "统一社会信用代码")
        ],
        "{:?}",
        dry.errors
    );
    assert!(
        dry.errors
            .iter()
            .all(|e| e.sheet == "单位" && !e.zh.is_empty() && !e.en.is_empty())
    );
    assert_eq!(
        (dry.rows, dry.created),
        (4, 1),
        "the good row would be created"
    );
    assert_eq!(status, 422, "{refused}");
    let fields: Vec<&str> = refused["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "单位!3:统一社会信用代码",
            "单位!4:县（市、区）",
            "单位!4:单位类型",
            "单位!6:统一社会信用代码"
        ]
    );
    assert_eq!(
        counts(&app).await,
        before,
        "nothing written, not even the good row"
    );
}

#[tokio::test]
async fn a_gb18030_csv_reads_as_its_utf8_twin() {
    // Arrange
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;
    let text = csv(&[header(ImportKind::Units), ImportKind::Units.example()]);
    let (gb, _, lossy) = encoding_rs::GB18030.encode(&text);
    assert!(!lossy);
    let utf8 = format!("\u{FEFF}{text}");

    // Act
    let a = preview(&app, &hrss, ImportKind::Units, &gb).await;
    let b = preview(&app, &hrss, ImportKind::Units, utf8.as_bytes()).await;
    let done = import(&app, &hrss, ImportKind::Units, &gb).await;

    // Assert
    assert_eq!((a.errors.len(), a.created), (0, 1));
    assert_eq!(a.outcomes, b.outcomes);
    assert_eq!(done.outcomes[0].name, "宁夏示例装备制造有限公司");
    let units = json(app.get_as(&hrss, "/api/admin/units?q=MA76XY411K").await).await;
    assert_eq!(units[0]["name"], "宁夏示例装备制造有限公司", "{units}");
}

#[tokio::test]
async fn each_registry_exports_what_imports_back_unchanged() {
    // Arrange: the demo's registries.
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;

    for kind in ImportKind::ALL {
        // Act
        let file = export(&app, &hrss, kind).await;
        let report = import(&app, &hrss, kind, &file).await;
        let again = export(&app, &hrss, kind).await;

        // Assert: every row read back as what is stored, cell for cell.
        assert!(report.rows > 5, "{kind:?}: {}", report.rows);
        assert_eq!(
            (report.created, report.updated, report.unchanged),
            (0, 0, report.rows),
            "{kind:?}"
        );
        let (a, b) = (
            server::imports::read::table(kind, &file).expect("export"),
            server::imports::read::table(kind, &again).expect("export"),
        );
        assert_eq!(a, b, "{kind:?}");
        assert_eq!(a.rows[0], header(kind));
    }
}

#[tokio::test]
async fn a_changed_row_updates_and_money_already_on_the_ledger_is_not_rewritten() {
    // Arrange
    let app = spawn_app().await;
    let hrss = app.login("hrss").await;
    let file = export(&app, &hrss, ImportKind::Studios).await;
    let mut table = server::imports::read::table(ImportKind::Studios, &file).expect("export");
    table.rows[1][1] = format!("{}（更名）", table.rows[1][1]);
    let renamed = csv(&table.rows);
    table.rows[2][14] = "1.00".into();
    let paid = csv(&table.rows);

    // Act
    let update = import(&app, &hrss, ImportKind::Studios, renamed.as_bytes()).await;
    let refused = preview(&app, &hrss, ImportKind::Studios, paid.as_bytes()).await;

    // Assert
    assert_eq!((update.updated, update.created), (1, 0));
    assert_eq!(
        update
            .outcomes
            .iter()
            .find(|o| o.action == RowAction::Update)
            .map(|o| o.row),
        Some(2)
    );
    assert_eq!(refused.errors.len(), 1, "{:?}", refused.errors);
    assert_eq!(
        (refused.errors[0].row, refused.errors[0].column.as_str()),
        (3, "已拨付（元）")
    );
    assert!(
        refused.errors[0].zh.contains("资金台账"),
        "{}",
        refused.errors[0].zh
    );
}

#[tokio::test]
async fn only_hrss_imports_a_bureau_reads_its_roster_and_anyone_signed_in_picks_a_unit() {
    // Arrange
    let app = spawn_app().await;
    let bureau = app.login("yc.bureau").await;
    let applicant = app.login("yc.saishang").await;
    let file = csv(&[header(ImportKind::Units), ImportKind::Units.example()]);

    // Act
    let (by_bureau, _) = upload(
        &app,
        &bureau,
        "/api/admin/imports/preview?kind=units",
        file.as_bytes(),
    )
    .await;
    let (unconfirmed, body) = upload(
        &app,
        &app.login("hrss").await,
        "/api/admin/imports?kind=units",
        file.as_bytes(),
    )
    .await;
    let roster = json(app.get_as(&bureau, "/api/experts").await).await;
    let by_applicant = app
        .get_as(&applicant, "/api/experts")
        .await
        .status()
        .as_u16();
    let picked = json(
        app.get_as(&applicant, "/api/units?q=%E5%9B%BA%E5%8E%9F")
            .await,
    )
    .await;

    // Assert
    assert_eq!(by_bureau, 403);
    assert_eq!(unconfirmed, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "sha256");
    let experts = roster.as_array().expect("a roster");
    assert!(experts.len() >= 5, "{roster}");
    assert!(
        experts.iter().all(|e| e["disabled"] == false
            && e["id_number"].as_str().is_some_and(|n| n.contains("****")))
    );
    assert!(
        experts
            .iter()
            .any(|e| e["affiliations"].as_array().is_some_and(|a| !a.is_empty())),
        "{roster}"
    );
    assert_eq!(by_applicant, 403);
    let picked = picked.as_array().expect("units");
    assert!(
        !picked.is_empty()
            && picked
                .iter()
                .all(|u| u["name"].as_str().is_some_and(|n| n.contains("固原"))),
        "{picked:?}"
    );
}
