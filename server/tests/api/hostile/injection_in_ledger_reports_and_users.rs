//! Injection in a ledger entry, an annual report and a user's display name: stored verbatim; a NUL
//! character in free text is refused naming the field.

use super::{
    DECEMBER_DAY, FINANCE, Field, HRSS, YC, YC_BUILDING, answer, hostile_report, payloads, short,
    sorted, studio_count, studio_id, today_is, too_long_for, unless_refused,
};
use crate::helpers::{
    facts, json, new_application, spawn_app_in_round, spawn_app_with_clock, validation_fields,
};
use serde_json::{Value, json};

/// The texts of a disbursement and their limits (`shared::ledger::NewEntry`).
const LEDGER_FIELDS: [Field; 3] = [
    ("description", 1000),
    ("voucher_no", 64),
    ("paying_office", 64),
];

fn hostile_disbursement(text: &str, refused: &[String]) -> Value {
    json!({
        "kind": "disbursement", "amount_fen": 100, "occurred_on": DECEMBER_DAY,
        "purpose": null, "reverses": null,
        "description": unless_refused("description", refused, text, "技能大师工作室建设补助资金"),
        "voucher_no": unless_refused("voucher_no", refused, text, "宁财社〔2026〕88号"),
        "paying_office": unless_refused("paying_office", refused, text, "自治区财政厅"),
    })
}

#[tokio::test]
async fn a_ledger_entrys_texts_are_stored_verbatim() {
    // Arrange
    let (app, clock) = spawn_app_with_clock().await;
    today_is(&clock, DECEMBER_DAY);
    let hrss = app.login(HRSS).await;
    let finance = app.login(FINANCE).await;
    let studio = studio_id(&app, &hrss, YC_BUILDING).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/studios/{studio}/ledger");

    for text in payloads() {
        let refused_fields = too_long_for(&text, &LEDGER_FIELDS);
        if !refused_fields.is_empty() {
            let all_hostile = hostile_disbursement(&text, &[]);
            let response = app.post_as(&finance, &path, &all_hostile).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_disbursement(&text, &refused_fields);

        // Act
        let (status, after) = answer(app.post_as(&finance, &path, &sent).await).await;
        let (read_status, ledger) = answer(app.get_as(&hrss, &path).await).await;

        // Assert
        assert_eq!(status, 201, "{}: {after}", short(&text));
        assert_eq!(read_status, 200, "{ledger}");
        let newest = ledger["entries"]
            .as_array()
            .expect("entries is not an array")
            .iter()
            .max_by_key(|e| e["id"].as_i64())
            .unwrap_or_else(|| panic!("no entries in {ledger}"))
            .clone();
        for (field, _) in LEDGER_FIELDS {
            assert_eq!(newest[field], sent[field], "{field} of {newest}");
        }
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

/// The texts of an annual report and their limits (`shared::life::report`).
const REPORT_FIELDS: [Field; 5] = [
    ("summary", 20_000),
    ("plan", 20_000),
    ("figures.media_evidence", 2_000),
    ("figures.lectures[0].topic", 200),
    ("figures.trainees[0].name", 64),
];

#[tokio::test]
async fn an_annual_reports_texts_are_stored_verbatim() {
    // Arrange: the unit's applicant drafts the 2026 report of its building studio.
    let (app, clock) = spawn_app_with_clock().await;
    today_is(&clock, DECEMBER_DAY);
    let hrss = app.login(HRSS).await;
    let yc = app.login(YC).await;
    let studio = studio_id(&app, &hrss, YC_BUILDING).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/studios/{studio}/reports");

    for text in payloads() {
        let refused_fields = too_long_for(&text, &REPORT_FIELDS);
        if !refused_fields.is_empty() {
            let response = app.put_as(&yc, &path, &hostile_report(&text, &[])).await;
            assert_eq!(
                sorted(validation_fields(response).await),
                refused_fields,
                "{}",
                short(&text)
            );
        }
        let sent = hostile_report(&text, &refused_fields);

        // Act
        let (status, saved) = answer(app.put_as(&yc, &path, &sent).await).await;
        let life_path = format!("/api/studios/{studio}/life");
        let (read_status, life) = answer(app.get_as(&hrss, &life_path).await).await;

        // Assert
        assert_eq!(status, 200, "{}: {saved}", short(&text));
        assert_eq!(read_status, 200, "{life}");
        let read = &life["reports"][0];
        for report in [&saved, read] {
            assert_eq!(report["summary"], sent["summary"], "{}", short(&text));
            assert_eq!(report["plan"], sent["plan"], "{}", short(&text));
            assert_eq!(report["figures"], sent["figures"], "{}", short(&text));
        }
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_users_display_name_is_stored_verbatim() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let user = app.user_id(&hrss, YC).await;
    let studios = studio_count(&app, &hrss).await;
    let path = format!("/api/admin/users/{user}");

    for text in payloads() {
        let body = json!({ "display_name": text });
        if text.chars().count() > 64 {
            // Act & Assert: too long, refused naming the field.
            let response = app.patch_as(&hrss, &path, &body).await;
            assert_eq!(validation_fields(response).await, ["display_name"]);
            continue;
        }

        // Act
        let (status, updated) = answer(app.patch_as(&hrss, &path, &body).await).await;
        let (_, users) = answer(app.get_as(&hrss, "/api/admin/users").await).await;
        let (_, me) = answer(app.get_as(&app.login(YC).await, "/api/auth/me").await).await;

        // Assert
        assert_eq!(status, 200, "{}: {updated}", short(&text));
        assert_eq!(updated["display_name"], json!(text), "{updated}");
        let listed = users
            .as_array()
            .expect("not an array")
            .iter()
            .find(|u| u["id"] == user)
            .unwrap_or_else(|| panic!("user {user} not listed"));
        assert_eq!(listed["display_name"], json!(text), "{listed}");
        assert_eq!(me["user"]["display_name"], json!(text), "{me}");
    }
    assert_eq!(studio_count(&app, &hrss).await, studios);
}

#[tokio::test]
async fn a_nul_character_in_free_text_is_refused_naming_the_field() {
    // Arrange: PostgreSQL cannot store NUL in text, so no database ever gets it: 422 on both.
    let (app, _clock) = spawn_app_in_round().await;
    let hrss = app.login(HRSS).await;
    let yc = app.login(YC).await;
    let user = app.user_id(&hrss, YC).await;
    let round = app.round_id(&yc, 2026).await;
    let text = "张\u{0}三";
    let mut application = new_application(round, facts("enterprise"));
    application["profile"]["plan"] = json!(text);

    // Act
    let renamed = app
        .patch_as(
            &hrss,
            &format!("/api/admin/users/{user}"),
            &json!({ "display_name": text }),
        )
        .await;
    let drafted = app.post_as(&yc, "/api/applications", &application).await;

    // Assert
    for (response, field) in [(renamed, "display_name"), (drafted, "profile.plan")] {
        let status = response.status().as_u16();
        let body = json(response).await;
        assert_eq!(status, 422, "{field}: {body}");
        assert_eq!(body["code"], "validation", "{body}");
        assert_eq!(body["fields"][0]["field"], field, "{body}");
    }
    let searched = app
        .get_as(&hrss, "/api/board?round_id=1&q=%E5%BC%A0%00")
        .await;
    assert_eq!(searched.status().as_u16(), 422);
    assert_eq!(json(searched).await["fields"][0]["field"], "q");
}
