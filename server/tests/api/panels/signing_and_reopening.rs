//! Signing and reopening a sheet: signing needs every item and locks the sheet until the chair
//! reopens it; closing needs every sheet signed, ranks, records the defense score and opens the
//! export.

use super::{
    AT, ITEMS, LI, WANG, ZHANG, accepted, answer, change, close, code, defense_score, fresh_id,
    panel_as, rejection, row_of, scene, score, sheet_in, sheet_of, sign, split, sync, trimmed,
};
use serde_json::{Value, json};

#[tokio::test]
async fn a_signed_sheet_is_locked_until_the_chair_reopens_it_and_closing_ranks_and_records_the_score()
 {
    // Arrange: zhang chairs; li and wang score the one candidate.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let (zhang, li, wang) = (s.expert(0), s.expert(1), s.expert(2));
    let li_sheet = s.sheet(1, 0);
    let application = s.apps[0];
    let export = format!("/api/panels/{}/export", s.id());
    assert_eq!(code(&s.app.get_as(&s.hrss, &export).await), 409);

    // Signing with an item missing is refused; the four changes are kept.
    let missing_sign = fresh_id("sign");
    let four: Vec<Value> = ITEMS[..4]
        .iter()
        .zip([22.0, 18.0, 17.5, 13.0])
        .map(|(item, v)| change(&fresh_id(item), li_sheet, item, v, AT))
        .collect();
    let (status, result) = sync(&s.app, li, four, vec![sign(&missing_sign, li_sheet)]).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(accepted(&result).len(), 4, "{result}");
    assert!(!rejection(&result, &missing_sign).is_empty(), "{result}");
    let draft = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(draft["status"], "draft", "{draft}");
    assert_eq!(draft["signed_at"], Value::Null, "{draft}");

    // The last item and the signature: signed, 88.5 points.
    let (status, result) = sync(
        &s.app,
        li,
        vec![change(&fresh_id("plan"), li_sheet, "plan", 18.0, AT)],
        vec![sign(&fresh_id("sign"), li_sheet)],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["rejected"], json!([]), "{result}");
    let signed = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(signed["status"], "signed", "{signed}");
    assert_eq!(signed["total"], json!(88.5), "{signed}");

    // A change to a signed sheet is refused as locked.
    let locked = fresh_id("locked");
    let (_, result) = sync(
        &s.app,
        li,
        vec![change(
            &locked,
            li_sheet,
            "plan",
            20.0,
            "2026-10-15T02:00:00Z",
        )],
        vec![],
    )
    .await;
    assert!(rejection(&result, &locked).contains("锁定"), "{result}");

    // Only the chair reopens.
    let reopen = format!("/api/sheets/{li_sheet}/reopen");
    let because = json!({ "reason": "专家申请更正建设方案得分" });
    assert_eq!(code(&s.app.post_as(wang, &reopen, &because).await), 403);
    assert_eq!(code(&s.app.post_as(li, &reopen, &because).await), 403);
    assert_eq!(code(&s.app.post_as(&s.hrss, &reopen, &because).await), 403);
    let (status, reopened) = answer(s.app.post_as(zhang, &reopen, &because).await).await;
    assert_eq!(status, 200, "{reopened}");
    let seen = sheet_in(&reopened["sheets"], li_sheet);
    assert_eq!(seen["status"], "draft", "{seen}");
    assert_eq!(
        seen["reopened_reason"], "专家申请更正建设方案得分",
        "{seen}"
    );

    // li changes the plan to 20.0 (now 90.5 points).
    let (_, result) = sync(
        &s.app,
        li,
        vec![change(
            &fresh_id("plan"),
            li_sheet,
            "plan",
            20.0,
            "2026-10-15T02:05:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(result["rejected"], json!([]), "{result}");
    let changed = sheet_in(&result["sheets"], li_sheet);
    assert_eq!(changed["values"]["plan"], json!(20.0), "{changed}");
    assert_eq!(changed["total"], json!(90.5), "{changed}");

    // Closing with unsigned sheets is refused.
    score(&s.app, wang, s.sheet(2, 0), split(90.0), true).await;
    score(&s.app, zhang, s.sheet(0, 0), split(84.0), true).await;
    let (status, refused) = close(&s.app, zhang, s.id()).await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        Value::Null
    );
    let (_, result) = sync(&s.app, li, vec![], vec![sign(&fresh_id("sign"), li_sheet)]).await;
    assert_eq!(result["rejected"], json!([]), "{result}");

    // Act
    let (status, closed) = close(&s.app, zhang, s.id()).await;

    // Assert: (90.5 + 90.0 + 84.0) / 3 = 88.17 → 88.2.
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["state"], "closed", "{closed}");
    let row = row_of(&closed, application);
    assert_eq!(row["place"], 1, "{row}");
    assert_eq!(row["score"], json!(88.2), "{row}");
    assert_eq!(row["dropped"], json!([]), "{row}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        row["score"]
    );
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["ranking"], closed["ranking"], "{view}");
    let totals: Vec<(i64, Value)> = (0..3)
        .map(|i| {
            let sheet = sheet_of(&view, s.expert_id(i), application);
            assert_eq!(
                sheet["values"].as_object().map(|v| v.len()),
                Some(5),
                "{sheet}"
            );
            (s.expert_id(i), sheet["total"].clone())
        })
        .collect();
    assert_eq!(
        totals,
        [
            (s.expert_id(0), json!(84.0)),
            (s.expert_id(1), json!(90.5)),
            (s.expert_id(2), json!(90.0)),
        ]
    );
    let late = fresh_id("late");
    let (status, result) = sync(
        &s.app,
        li,
        vec![change(
            &late,
            li_sheet,
            "skill",
            10.0,
            "2026-10-15T03:00:00Z",
        )],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &late).is_empty(), "{result}");
    assert_eq!(
        defense_score(&s.app, &s.hrss, application).await,
        json!(88.2)
    );
    let (status, again) = close(&s.app, zhang, s.id()).await;
    assert_eq!(status, 409, "{again}");
    let xlsx = s.app.get_as(&s.hrss, &export).await;
    assert_eq!(code(&xlsx), 200);
    let bytes = xlsx.bytes().await.expect("export body");
    assert!(bytes.starts_with(b"PK"), "not an xlsx");
    assert_eq!(code(&s.app.get_as(zhang, &export).await), 200);
}
