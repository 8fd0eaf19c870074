//! The panel's rubric: changed until the first score and locked after; a new rubric must keep the
//! tie-breaker's item.

use super::{
    AT, LI, WANG, ZHANG, accepted, answer, change, fresh_id, panel_as, rejection, scene, sync,
    trimmed,
};
use serde_json::json;

#[tokio::test]
async fn the_rubric_can_be_changed_until_the_first_score_and_is_locked_after() {
    // Arrange
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    assert_eq!(s.panel["rubric_editable"], true, "{}", s.panel);
    let path = format!("/api/panels/{}/rubric", s.id());
    let rubric = json!({
        "name": "答辩评审评分表（本组）", "from_text": false, "note": "评审组调整",
        "items": [
            { "key": "skill", "label": "技能水平", "max": 60, "step": 0.5, "guidance": "" },
            { "key": "plan", "label": "建设方案", "max": 40, "step": 0.5, "guidance": "" }
        ]
    });

    // Act
    let (status, changed) = answer(
        s.app
            .put_as(&s.hrss, &path, &json!({ "rubric": rubric }))
            .await,
    )
    .await;

    // Assert
    assert_eq!(status, 200, "{changed}");
    let keys: Vec<&str> = changed["rubric"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["key"].as_str())
        .collect();
    assert_eq!(keys, ["skill", "plan"], "{changed}");
    assert_eq!(
        changed["rubric"]["items"][0]["max"],
        json!(60.0),
        "{changed}"
    );
    // The new rubric applies: 45.5 on skill (above the default 25) is taken, innovation is gone.
    let sheet = s.sheet(1, 0);
    let (big, gone) = (fresh_id("skill"), fresh_id("innovation"));
    let (_, result) = sync(
        &s.app,
        s.expert(1),
        vec![
            change(&big, sheet, "skill", 45.5, AT),
            change(&gone, sheet, "innovation", 10.0, AT),
        ],
        vec![],
    )
    .await;
    assert_eq!(accepted(&result), std::slice::from_ref(&big), "{result}");
    assert!(!rejection(&result, &gone).is_empty(), "{result}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric_editable"], false, "{view}");
    let (status, refused) = answer(
        s.app
            .put_as(&s.hrss, &path, &json!({ "rubric": s.panel["rubric"] }))
            .await,
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric"]["name"], "答辩评审评分表（本组）", "{view}");
    assert_eq!(
        view["rubric"]["items"].as_array().map(Vec::len),
        Some(2),
        "{view}"
    );
}

#[tokio::test]
async fn a_new_rubric_without_the_tie_breaker_item_is_refused() {
    // Arrange: the panel breaks ties on skill.
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let rubric = json!({
        "name": "答辩评审评分表（无技能项）", "from_text": false, "note": "",
        "items": [
            { "key": "innovation", "label": "创新创造", "max": 50, "step": 0.5, "guidance": "" },
            { "key": "plan", "label": "建设方案", "max": 50, "step": 0.5, "guidance": "" }
        ]
    });

    // Act
    let response = s
        .app
        .put_as(
            &s.hrss,
            &format!("/api/panels/{}/rubric", s.id()),
            &json!({ "rubric": rubric }),
        )
        .await;

    // Assert
    let (status, body) = answer(response).await;
    assert_eq!(status, 422, "{body}");
    let view = panel_as(&s.app, &s.hrss, s.id()).await;
    assert_eq!(view["rubric"], s.panel["rubric"], "{view}");
}
