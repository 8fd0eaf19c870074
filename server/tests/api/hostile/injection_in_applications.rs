//! Injection in an application: its profile and justifications are stored verbatim, and the board
//! and its CSV export keep hostile profiles verbatim and inert.

use super::{
    Field, HRSS, answer, payloads, short, sorted, studio_count, too_long_for, unless_refused,
};
use crate::helpers::{
    ENTERPRISE_CONTACTS, facts, id, new_application, spawn_app_in_round, validation_fields,
};
use serde_json::{Value, json};

/// The texts of an application and their limits (`shared::application`).
const APPLICATION_FIELDS: [Field; 6] = [
    ("profile.studio_name", 64),
    ("profile.leader_name", 64),
    ("profile.occupation", 64),
    ("profile.industry", 64),
    ("profile.plan", 5000),
    ("justifications.leader.age", 2000),
];

/// A draft of `round` whose every free text is `text`, except the `refused` fields, which are
/// ordinary. The justification map is keyed by `text` too.
fn hostile_application(round: i64, text: &str, refused: &[String]) -> Value {
    let mut body = new_application(round, facts("enterprise"));
    for (field, plain) in [
        ("studio_name", "李明技能大师工作室"),
        ("leader_name", "李明"),
        ("occupation", "焊工"),
        ("industry", "装备制造"),
        ("plan", "三年内培养高级工以上技能人才 20 名。"),
    ] {
        body["profile"][field] = unless_refused(&format!("profile.{field}"), refused, text, plain);
    }
    let justification = unless_refused("justifications.leader.age", refused, text, "年龄说明");
    body["justifications"] = json!({ "leader.age": justification, text: "另附说明" });
    body
}

#[tokio::test]
async fn an_applications_profile_and_justifications_are_stored_verbatim() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = app.round_id(&hrss, 2026).await;
    let studios = studio_count(&app, &hrss).await;

    // One application per unit and round: each payload from another enterprise.
    for (text, contact) in payloads().into_iter().zip(ENTERPRISE_CONTACTS) {
        let yc = app.login(contact).await;
        let refused_fields = too_long_for(&text, &APPLICATION_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_application(round, &text, &[]);
            let response = app.post_as(&yc, "/api/applications", &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_application(round, &text, &refused_fields);

        // Act
        let created = app.create_application(&yc, &sent).await;
        let (status, read) = answer(app.application(&yc, id(&created)).await).await;

        // Assert: every text as sent; the identity number is shown masked (and stored whole).
        assert_eq!(status, 200, "{read}");
        let mut shown = sent["profile"].clone();
        shown["leader_id_number"] = json!(shared::identity::mask_id(
            sent["profile"]["leader_id_number"]
                .as_str()
                .unwrap_or_default()
        ));
        assert_eq!(created["profile"], shown, "{}", short(&text));
        assert_eq!(read["profile"], shown, "{}", short(&text));
        assert_eq!(
            read["justifications"],
            sent["justifications"],
            "{}",
            short(&text)
        );
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

/// The board's CSV cells of `text`: a cell a spreadsheet would run as a formula gets a leading `'`.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The rows of an RFC 4180 CSV (quoted cells, `""` for a quote, CRLF between records).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[tokio::test]
async fn the_board_and_its_csv_export_keep_hostile_profiles_verbatim_and_inert() {
    // Arrange: one submitted application per payload short enough for a name, whose studio,
    // leader and occupation are all that payload.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let round = app.round_id(&hrss, 2026).await;
    let mut submitted = Vec::new();
    let short = payloads().into_iter().filter(|t| t.chars().count() <= 64);
    for (text, contact) in short.zip(ENTERPRISE_CONTACTS) {
        let yc = app.login(contact).await;
        let mut body = new_application(round, facts("enterprise"));
        for field in ["studio_name", "leader_name", "occupation"] {
            body["profile"][field] = json!(text);
        }
        let draft = app.create_application(&yc, &body).await;
        let view = app.submit(&yc, &draft).await;
        submitted.push((id(&view), text));
    }

    // Act
    let (status, board) = answer(
        app.get_as(&hrss, &format!("/api/board?round_id={round}&per_page=200"))
            .await,
    )
    .await;
    let export = app
        .get_as(
            &hrss,
            &format!("/api/board/export?format=csv&round_id={round}&sort=id"),
        )
        .await;
    let export_status = export.status().as_u16();
    let raw = export.text().await.expect("no CSV body");

    // Assert: the board's JSON carries the texts as sent.
    assert_eq!(status, 200, "{board}");
    let rows = board["rows"].as_array().expect("rows is not an array");
    for (application, text) in &submitted {
        let row = rows
            .iter()
            .find(|r| r["id"] == *application)
            .unwrap_or_else(|| panic!("application {application} is not on the board"));
        for field in ["studio_name", "leader_name", "occupation"] {
            assert_eq!(row[field], json!(text), "{field} of {row}");
        }
    }
    // The CSV: every formula-led cell starts with `'`; the rest are as sent.
    assert_eq!(export_status, 200, "{raw}");
    let csv = parse_csv(raw.strip_prefix('\u{FEFF}').expect("no byte-order mark"));
    for (application, text) in &submitted {
        let line = csv
            .iter()
            .find(|r| r.first() == Some(&application.to_string()))
            .unwrap_or_else(|| panic!("application {application} is not in the CSV: {raw}"));
        assert_eq!(line.len(), 14, "{line:?}");
        assert_eq!(
            line[6..9],
            [inert(text), inert(text), inert(text)],
            "{line:?}"
        );
    }
    for cell in csv.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "a cell a spreadsheet would run: {cell:?}"
        );
    }
    assert!(
        raw.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","),
        "the formula with quotes and a comma is not one quoted, inert cell: {raw}"
    );
    assert!(
        raw.contains(",'+cmd|'/c calc'!A1,"),
        "the DDE cell is not inert: {raw}"
    );
    assert!(studio_count(&app, &hrss).await > 0);
}
