//! The HRSS-direct channel (中央驻宁事业单位): such an application goes straight to HRSS, which
//! recommends it without a rank or returns it for correction.

use super::{HRSS, RECOMMENDER, answer, listed, move_, status};
use crate::helpers::{id, spawn_app_in_round, validation_fields, version};
use serde_json::{Value, json};

#[tokio::test]
async fn a_central_public_institution_goes_straight_to_hrss_which_recommends_without_rank() {
    // Arrange: an applicant of 国家地质调查宁夏实验中心 (central public institution, training base, 银川).
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let unit = app
        .scope_id(&admin, "units", "国家地质调查宁夏实验中心")
        .await;
    let account = json!({
        "username": "dizhi.liaison", "display_name": "地质调查实验中心 联络员 罗平",
        "password": "Geology-2026-lab", "role": "applicant", "unit_id": unit
    });
    let created = app.post_as(&admin, "/api/admin/users", &account).await;
    assert_eq!(status(&created), 201);
    let applicant = app.login_with("dizhi.liaison", "Geology-2026-lab").await;
    let draft = app.draft(&applicant, "training_base").await;
    let submitted = app.submit(&applicant, &draft).await;
    let id = id(&submitted);
    let recommend = move_("recommend", version(&submitted));

    // Act
    let mut recommenders = Vec::new();
    for user in [
        RECOMMENDER,
        "szs.bureau",
        "wz.bureau",
        "gy.bureau",
        "zw.bureau",
        "edu",
        "sasac",
        "agri",
    ] {
        let session = app.login(user).await;
        recommenders.push((
            user,
            status(&app.application(&session, id).await),
            listed(&app, &session, "").await,
            status(&app.transition(&session, id, &recommend).await),
        ));
    }
    let seen_by_hrss = status(&app.application(&admin, id).await);
    let listed_by_hrss = listed(&app, &admin, "").await;
    let (status, recommended) = answer(app.transition(&admin, id, &recommend).await).await;

    // Assert
    assert_eq!(draft["hrss_direct"], true, "{draft}");
    assert_eq!(
        draft["channel"], "自治区人力资源和社会保障厅（直报）",
        "{draft}"
    );
    assert_eq!(draft["eligibility"]["verdict"], "manual_review", "{draft}");
    assert_eq!(submitted["state"], "submitted", "{submitted}");
    for (user, get, list, act) in recommenders {
        assert_eq!(get, 404, "{user} sees it");
        assert!(list.is_empty(), "{user} lists {list:?}");
        assert_eq!(act, 404, "{user} acts on it");
    }
    assert_eq!(seen_by_hrss, 200);
    assert_eq!(listed_by_hrss, [id]);
    assert_eq!(status, 200, "{recommended}");
    assert_eq!(recommended["state"], "recommended", "{recommended}");
    assert_eq!(recommended["rank"], Value::Null, "{recommended}");
    assert_eq!(
        recommended["party_meeting_date"],
        Value::Null,
        "{recommended}"
    );
}

#[tokio::test]
async fn hrss_returns_a_direct_application_for_correction_with_a_reason() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let admin = app.login(HRSS).await;
    let unit = app
        .scope_id(&admin, "units", "国家地质调查宁夏实验中心")
        .await;
    let account = json!({
        "username": "dizhi.liaison", "display_name": "地质调查实验中心 联络员 罗平",
        "password": "Geology-2026-lab", "role": "applicant", "unit_id": unit
    });
    assert_eq!(
        status(&app.post_as(&admin, "/api/admin/users", &account).await),
        201
    );
    let applicant = app.login_with("dizhi.liaison", "Geology-2026-lab").await;
    let submitted = app.submitted(&applicant, "training_base").await;

    // Act
    let without = app
        .transition(
            &admin,
            id(&submitted),
            &move_("return_for_correction", version(&submitted)),
        )
        .await;
    let returned = app
        .act(
            &admin,
            &submitted,
            "return_for_correction",
            json!({ "reason": "请补充实训场地证明" }),
        )
        .await;

    // Assert
    assert_eq!(validation_fields(without).await, ["reason"]);
    assert_eq!(returned["state"], "returned", "{returned}");
    assert_eq!(returned["last_reason"], "请补充实训场地证明", "{returned}");
}
