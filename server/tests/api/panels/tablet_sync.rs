//! The tablet's sync (`POST /api/scoring/sync`): each change is stored exactly once, the latest by
//! client time wins, each expert writes only their own sheet, and refused values are never stored.

use super::{
    AT, LI, WANG, ZHANG, accepted, change, fresh_id, panel_as, rejection, scene, sheet_in,
    sheet_of, sync, trimmed,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use server::entity::score_change;

#[tokio::test]
async fn a_change_resent_with_the_same_id_is_stored_once_and_acknowledged_each_time() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let once = change(
        "3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b",
        sheet,
        "skill",
        22.5,
        AT,
    );

    // Act: twice in one request, then two more requests.
    let (s1, first) = sync(
        &s.app,
        s.expert(1),
        vec![once.clone(), once.clone()],
        vec![],
    )
    .await;
    let (s2, second) = sync(&s.app, s.expert(1), vec![once.clone()], vec![]).await;
    let (s3, third) = sync(&s.app, s.expert(1), vec![once.clone()], vec![]).await;

    // Assert
    for (status, result) in [(s1, &first), (s2, &second), (s3, &third)] {
        assert_eq!(status, 200, "{result}");
        assert!(
            accepted(result).contains(&"3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b".to_owned()),
            "{result}"
        );
        assert_eq!(result["rejected"], json!([]), "{result}");
        let view = sheet_in(&result["sheets"], sheet);
        assert_eq!(view["changes"], 1, "{view}");
        assert_eq!(view["values"], json!({ "skill": 22.5 }), "{view}");
    }
    let db = s.app.db().await;
    let rows = score_change::Entity::find()
        .filter(score_change::Column::ClientChangeId.eq("3f2b8c1e-0d4a-4f6e-9b7a-1c2d3e4f5a6b"))
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(rows, 1);
    let all = score_change::Entity::find()
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(all, 1);
    let view = panel_as(&s.app, s.expert(1), s.id()).await;
    let mine = sheet_of(&view, s.expert_id(1), s.apps[0]);
    assert_eq!(mine["values"], json!({ "skill": 22.5 }), "{mine}");
    assert_eq!(mine["status"], "draft", "{mine}");
}

#[tokio::test]
async fn the_same_new_change_sent_twice_at_once_is_stored_once() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(2, 0);
    let once = change(
        "c0ffee00-1111-4222-8333-444455556666",
        sheet,
        "plan",
        17.5,
        AT,
    );

    // Act
    let (a, b) = tokio::join!(
        sync(&s.app, s.expert(2), vec![once.clone()], vec![]),
        sync(&s.app, s.expert(2), vec![once.clone()], vec![]),
    );

    // Assert
    for (status, result) in [a, b] {
        assert_eq!(status, 200, "{result}");
        assert_eq!(
            accepted(&result),
            ["c0ffee00-1111-4222-8333-444455556666"],
            "{result}"
        );
    }
    let db = s.app.db().await;
    let rows = score_change::Entity::find()
        .filter(score_change::Column::SheetId.eq(i32::try_from(sheet).expect("an i32 id")))
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn two_experts_score_the_same_candidate_at_once_and_each_sees_only_their_own_sheet() {
    // Arrange: zhang chairs; li and wang score candidate 0.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let (li_sheet, wang_sheet) = (s.sheet(1, 0), s.sheet(2, 0));
    let li_changes = vec![
        change(&fresh_id("li"), li_sheet, "skill", 24.0, AT),
        change(&fresh_id("li"), li_sheet, "plan", 18.5, AT),
    ];
    let wang_changes = vec![
        change(&fresh_id("wang"), wang_sheet, "skill", 20.5, AT),
        change(&fresh_id("wang"), wang_sheet, "unit", 12.0, AT),
    ];

    // Act
    let ((li_status, li_result), (wang_status, wang_result)) = tokio::join!(
        sync(&s.app, s.expert(1), li_changes, vec![]),
        sync(&s.app, s.expert(2), wang_changes, vec![]),
    );

    // Assert
    assert_eq!(li_status, 200, "{li_result}");
    assert_eq!(wang_status, 200, "{wang_result}");
    assert_eq!(accepted(&li_result).len(), 2, "{li_result}");
    assert_eq!(accepted(&wang_result).len(), 2, "{wang_result}");
    let li_view = panel_as(&s.app, s.expert(1), s.id()).await;
    let li_sheets = li_view["sheets"].as_array().expect("sheets");
    assert_eq!(
        li_sheets.len(),
        1,
        "an expert sees only their own sheets: {li_view}"
    );
    assert_eq!(li_sheets[0]["id"], li_sheet, "{li_view}");
    assert_eq!(
        li_sheets[0]["values"],
        json!({ "skill": 24.0, "plan": 18.5 }),
        "{li_view}"
    );
    let wang_view = panel_as(&s.app, s.expert(2), s.id()).await;
    let wang_sheets = wang_view["sheets"].as_array().expect("sheets");
    assert_eq!(wang_sheets.len(), 1, "{wang_view}");
    assert_eq!(wang_sheets[0]["id"], wang_sheet, "{wang_view}");
    assert_eq!(
        wang_sheets[0]["values"],
        json!({ "skill": 20.5, "unit": 12.0 }),
        "{wang_view}"
    );
    // The chair sees everyone's progress, not their values, before closing.
    let chair_view = panel_as(&s.app, s.expert(0), s.id()).await;
    assert_eq!(
        chair_view["sheets"].as_array().map(Vec::len),
        Some(3),
        "{chair_view}"
    );
    for sheet in [li_sheet, wang_sheet] {
        let seen = sheet_in(&chair_view["sheets"], sheet);
        assert_eq!(seen["status"], "draft", "{seen}");
        assert_eq!(seen["changes"], 2, "{seen}");
        assert_eq!(seen["values"], json!({}), "{seen}");
        assert_eq!(seen["total"], Value::Null, "{seen}");
    }

    // li cannot write into wang's sheet.
    let intrusion = fresh_id("li-into-wang");
    let (status, result) = sync(
        &s.app,
        s.expert(1),
        vec![change(
            &intrusion,
            wang_sheet,
            "skill",
            5.0,
            "2026-10-15T02:00:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result), Vec::<String>::new(), "{result}");
    assert!(!rejection(&result, &intrusion).is_empty(), "{result}");
    let wang_view = panel_as(&s.app, s.expert(2), s.id()).await;
    assert_eq!(
        sheet_in(&wang_view["sheets"], wang_sheet)["values"],
        json!({ "skill": 20.5, "unit": 12.0 }),
        "{wang_view}"
    );
}

#[tokio::test]
async fn the_later_edit_by_client_time_wins_whatever_the_order_it_arrives_in() {
    // Arrange: t1 < t2 < t3 < t4; t4 is given in Beijing time (01:00:05Z).
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let t1 = "2026-10-15T01:00:00Z";
    let t2 = "2026-10-15T01:00:00.250Z";
    let t3 = "2026-10-15T01:00:03Z";
    let t4 = "2026-10-15T09:00:05+08:00";

    // Act: skill: t2 (20.0) arrives before t1 (15.0); innovation: t4 (18.0), then t3 (11.0) and
    // t1 (9.5) in one request.
    let (status, first) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&fresh_id("t2"), sheet, "skill", 20.0, t2),
            change(&fresh_id("t4"), sheet, "innovation", 18.0, t4),
        ],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&fresh_id("t1"), sheet, "skill", 15.0, t1),
            change(&fresh_id("t3"), sheet, "innovation", 11.0, t3),
            change(&fresh_id("t1"), sheet, "innovation", 9.5, t1),
        ],
        vec![],
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{second}");
    assert_eq!(accepted(&second).len(), 3, "{second}");
    let synced = sheet_in(&second["sheets"], sheet);
    assert_eq!(
        synced["values"],
        json!({ "skill": 20.0, "innovation": 18.0 }),
        "{synced}"
    );
    assert_eq!(synced["changes"], 5, "{synced}");
    let view = panel_as(&s.app, s.expert(1), s.id()).await;
    assert_eq!(
        sheet_in(&view["sheets"], sheet)["values"],
        json!({ "skill": 20.0, "innovation": 18.0 }),
        "{view}"
    );
}

#[tokio::test]
async fn a_value_above_the_maximum_or_off_the_step_is_rejected_with_the_reason() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let (above, off_step, negative, unknown, fine) = (
        fresh_id("above"),
        fresh_id("step"),
        fresh_id("negative"),
        fresh_id("unknown"),
        fresh_id("fine"),
    );

    // Act
    let (status, result) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&above, sheet, "skill", 25.5, AT),
            change(&off_step, sheet, "innovation", 12.3, AT),
            change(&negative, sheet, "unit", -0.5, AT),
            change(&unknown, sheet, "charisma", 5.0, AT),
            change(&fine, sheet, "skill", 25.0, AT),
        ],
        vec![],
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result), std::slice::from_ref(&fine), "{result}");
    let why = rejection(&result, &above);
    assert!(why.contains("25.0"), "{why}");
    let why = rejection(&result, &off_step);
    assert!(why.contains("0.5") && why.contains("整数倍"), "{why}");
    assert!(!rejection(&result, &negative).is_empty(), "{result}");
    assert!(
        rejection(&result, &unknown).contains("charisma"),
        "{result}"
    );
    let view = sheet_in(&result["sheets"], sheet);
    assert_eq!(view["values"], json!({ "skill": 25.0 }), "{view}");
    assert_eq!(view["changes"], 1, "{view}");
    let db = s.app.db().await;
    let stored = score_change::Entity::find()
        .count(&db)
        .await
        .expect("cannot count the score changes");
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn a_refused_change_sent_twice_in_one_request_is_not_acknowledged_as_stored() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let sheet = s.sheet(1, 0);
    let above = change(&fresh_id("above"), sheet, "skill", 30.0, AT);
    let above_id = above["id"].as_str().expect("id").to_owned();

    // Act
    let (status, result) = sync(&s.app, s.expert(1), vec![above.clone(), above], vec![]).await;

    // Assert
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &above_id).is_empty(), "{result}");
    assert_eq!(accepted(&result), Vec::<String>::new(), "{result}");
    assert_eq!(sheet_in(&result["sheets"], sheet)["changes"], 0, "{result}");
}
