//! Who sees a panel: HRSS and the panel's own experts only; others are refused its list, view,
//! sync, recusals, closing, export and forming.

use super::{
    AT, LI, MA, SUN, WANG, YC, YC_BUREAU, ZHANG, ZHAO, candidate, change, close, code,
    create_panel, fresh_id, panel_body, panel_id, rejection, scene, sync, trimmed, user_ids,
};
use crate::helpers::json;
use serde_json::{Value, json};

#[tokio::test]
async fn panels_are_seen_by_hrss_and_their_own_experts_only() {
    // Arrange: panel p (zhang chairs li, wang) and panel q (ma chairs zhao, sun).
    let s = scene(&[ZHANG, LI, WANG], 1, trimmed()).await;
    let app = &s.app;
    let ids = user_ids(app, &s.hrss, &[MA, ZHAO, SUN]).await;
    let q = panel_id(&create_panel(app, &s.hrss, &panel_body(ids[0], &ids, &s.apps)).await);
    let p = s.id();
    let zhao = app.login(ZHAO).await;

    // Act & Assert
    for name in [YC, YC_BUREAU, "finance"] {
        let other = app.login(name).await;
        let list = app.get_as(&other, "/api/panels").await;
        if name == YC_BUREAU {
            // A bureau lists only the annual panels it organised: none here.
            assert_eq!(json(list).await, serde_json::json!([]), "{name}");
        } else {
            assert_eq!(code(&list), 403, "{name}");
        }
        assert_eq!(
            code(&app.get_as(&other, &format!("/api/panels/{p}")).await),
            404,
            "{name}"
        );
    }
    let listed = |list: &Value| -> Vec<i64> {
        list.as_array()
            .expect("panel list")
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect()
    };
    let all = json(app.get_as(&s.hrss, "/api/panels").await).await;
    assert_eq!(listed(&all), [q, p], "{all}");
    let mine = json(app.get_as(s.expert(1), "/api/panels").await).await;
    assert_eq!(listed(&mine), [p], "{mine}");
    assert_eq!(mine[0]["i_score"], true, "{mine}");
    assert_eq!(mine[0]["i_chair"], false, "{mine}");
    let chair = json(app.get_as(s.expert(0), "/api/panels").await).await;
    assert_eq!(chair[0]["i_chair"], true, "{chair}");
    assert_eq!(chair[0]["experts"], 3, "{chair}");
    let zhaos = json(app.get_as(&zhao, "/api/panels").await).await;
    assert_eq!(listed(&zhaos), [q], "{zhaos}");
    assert_eq!(
        code(&app.get_as(&zhao, &format!("/api/panels/{p}")).await),
        404
    );
    let foreign = fresh_id("zhao");
    let (status, result) = sync(
        app,
        &zhao,
        vec![change(&foreign, s.sheet(1, 0), "skill", 20.0, AT)],
        vec![],
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert!(!rejection(&result, &foreign).is_empty(), "{result}");
    let recusal = json!({ "candidate_id": candidate(&s.panel, s.apps[0]), "reason": "回避" });
    assert_eq!(
        code(
            &app.post_as(&zhao, &format!("/api/panels/{p}/recusals"), &recusal)
                .await
        ),
        404
    );
    let (status, body) = close(app, s.expert(1), p).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = close(app, &s.hrss, p).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        code(
            &app.get_as(s.expert(1), &format!("/api/panels/{p}/export"))
                .await
        ),
        403
    );
    let (status, body) = sync(app, &s.hrss, vec![], vec![]).await;
    assert_eq!(status, 403, "{body}");
    let ids = user_ids(app, &s.hrss, &[ZHANG, LI, WANG]).await;
    let by_expert = app
        .post_as(
            s.expert(0),
            "/api/panels",
            &panel_body(ids[0], &ids, &s.apps),
        )
        .await;
    assert_eq!(code(&by_expert), 403);
}
