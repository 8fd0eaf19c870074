//! The batch steps of 第四章 that decide on several applications at once, and rounds.

use super::store;
use crate::actor::Actor;
use crate::applications::moves::{self, Change, Move, refusal, same_version};
use crate::applications::service::{listed, round, visible_one};
use crate::applications::view;
use crate::audit::Event;
use crate::entity::{JsonText, inspection_list, recommendation_list};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::account::Role;
use shared::application::ApplicationView;
use shared::procedure::{
    Defended, DefenseScore, InspectionList, InspectionResult, RecommendationList,
    check_defense_score, check_inspection_list,
};
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

/// 第十一条（二）: the channel submits its ranked list with the Party-group meeting; every listed
/// application is recommended with its rank, in one write.
pub async fn recommend(
    state: &AppState,
    actor: &Actor,
    list: RecommendationList,
) -> Result<Vec<ApplicationView>, ApiError> {
    actor.require(&[Role::Recommender])?;
    let org_id = actor.org_id.ok_or(ApiError::forbidden(
        "账号未绑定推荐单位",
        "This account is not linked to a recommending organisation",
    ))?;
    list.check(state.today()).map_err(ApiError::Validation)?;
    round(&state.db, list.round_id).await?;
    let apps = listed(&state.db, actor, list.round_id, &list.ranked, "ranked").await?;
    if store::list_submitted(&state.db, list.round_id, org_id).await? {
        return Err(ApiError::conflict(
            "本轮的推荐名单已经提交，不能重复提交",
            "This round's recommendation list has already been submitted",
        ));
    }
    let w = Write::begin(state, actor).await?;
    let saved = store::insert_list(
        &*w,
        recommendation_list::ActiveModel {
            round_id: Set(list.round_id),
            org_id: Set(org_id),
            party_meeting_date: Set(list.party_meeting_date),
            party_meeting_ref: Set(list.party_meeting_ref.trim().to_owned()),
            submitted_by: Set(actor.username.clone()),
            submitted_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let mut out = Vec::new();
    for (i, m) in apps.iter().enumerate() {
        let rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let ctx = GuardContext {
            today: Some(w.today()),
            hrss_direct: m.hrss_direct,
            rank: Some(rank),
            party_meeting_date: Some(list.party_meeting_date),
            ..GuardContext::default()
        };
        let to = workflow::transition(m.state, Action::Recommend, Role::Recommender, &ctx)
            .map_err(refusal)?;
        let mv = Move::new("recommend", to)
            .with(Change::Rank(i32::try_from(rank).ok()))
            .with(Change::PartyMeetingDate(Some(list.party_meeting_date)))
            .with(Change::RecommendationId(saved.id));
        out.push(moves::apply(&w, m, mv).await?);
    }
    w.done(
        Event::new(
            "recommendation_list.submit",
            "recommendation_list",
            saved.id,
        )
        .after(&list),
    )
    .await?;
    view::views(&state.db, out, state.today()).await
}

/// 第十一条（三）: the defense panel's aggregate for one application (entered by HRSS when no
/// tablet panel scored it).
pub async fn defense_score(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: DefenseScore,
) -> Result<ApplicationView, ApiError> {
    let m = visible_one(&state.db, actor, id).await?;
    check_defense_score(req.score).map_err(ApiError::Validation)?;
    same_version(req.version, &m)?;
    if m.state != Stage::DefenseReview {
        return Err(ApiError::conflict(
            "只有处于答辩评审阶段的申报才能录入答辩得分",
            "A defense score can be recorded only for an application in the defense review",
        ));
    }
    // A panel's aggregate is the panel's to record (when its chair closes scoring).
    if crate::applications::service::on_a_panel(&state.db, id).await? {
        return Err(ApiError::conflict(
            "该申报由答辩评审组评分，得分在组长结束评分时自动汇总",
            "A panel scores this application; its score is aggregated when the chair closes scoring",
        ));
    }
    let w = Write::begin(state, actor).await?;
    let mv = Move::new("defense_score", Stage::DefenseReview)
        .with(Change::DefenseScore(req.score))
        .reason(Some(format!("答辩得分 {}", req.score)));
    let updated = moves::apply(&w, &m, mv).await?;
    w.commit().await?;
    view::view(&state.db, updated, state.today()).await
}

fn defended(m: &crate::entity::application::Model) -> Defended {
    Defended {
        id: m.id,
        state: m.state,
        level: m.level,
        defense_score: m.defense_score.map(shared::Tenths::from_tenths),
    }
}

/// 第十一条（四）: the 差额 field-inspection list of one level: at least two defended candidates, in
/// the defense ranking unless a reason is given.
pub async fn inspection_list(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    list: InspectionList,
) -> Result<Vec<ApplicationView>, ApiError> {
    store::round(&state.db, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let w = Write::begin(state, actor).await?;
    let apps = listed(&*w, actor, round_id, &list.candidates, "candidates").await?;
    let pool = crate::applications::service::defended_pool(&*w, round_id, list.level).await?;
    let listed_ = apps.iter().map(defended).collect::<Vec<_>>();
    let pool = pool.iter().map(defended).collect::<Vec<_>>();
    check_inspection_list(&list, &listed_, &pool).map_err(ApiError::Validation)?;
    let reason = list
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let saved = store::insert_inspection_list(
        &*w,
        inspection_list::ActiveModel {
            round_id: Set(round_id),
            level: Set(list.level),
            candidates: Set(JsonText(list.candidates.clone())),
            reason: Set(reason.clone()),
            created_by: Set(actor.username.clone()),
            created_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let ctx = GuardContext {
        today: Some(w.today()),
        inspection_candidates: list.candidates.len(),
        ..GuardContext::default()
    };
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    let mut out = Vec::new();
    for (i, m) in apps.iter().enumerate() {
        let to = workflow::transition(m.state, Action::SelectForInspection, role, &ctx)
            .map_err(refusal)?;
        let note = format!(
            "差额考察：{} 名候选，考察顺序第 {} 位{}",
            list.candidates.len(),
            i + 1,
            reason
                .as_deref()
                .map(|r| format!("（未按答辩排名：{r}）"))
                .unwrap_or_default()
        );
        let mv = Move::new("select_for_inspection", to)
            .with(Change::InspectionListId(saved.id))
            .reason(Some(note));
        out.push(moves::apply(&w, m, mv).await?);
    }
    w.commit().await?;
    view::views(&state.db, out, state.today()).await
}

/// 第十一条（四）: the outcome and notes of one field inspection.
pub async fn inspection_result(
    state: &AppState,
    actor: &Actor,
    id: i32,
    req: InspectionResult,
) -> Result<ApplicationView, ApiError> {
    let m = visible_one(&state.db, actor, id).await?;
    req.check().map_err(ApiError::Validation)?;
    same_version(req.version, &m)?;
    if m.state != Stage::FieldInspection {
        return Err(ApiError::conflict(
            "只有处于实地考察阶段的申报才能录入考察结果",
            "An inspection result can be recorded only for an application under inspection",
        ));
    }
    let notes = req.notes.trim().to_owned();
    let reason = format!(
        "实地考察{}{}",
        if req.passed { "通过" } else { "未通过" },
        if notes.is_empty() {
            String::new()
        } else {
            format!("：{notes}")
        }
    );
    let w = Write::begin(state, actor).await?;
    let mv = Move::new("inspection_result", Stage::FieldInspection)
        .with(Change::Inspection {
            passed: req.passed,
            notes: Some(notes).filter(|n| !n.is_empty()),
        })
        .reason(Some(reason));
    let updated = moves::apply(&w, &m, mv).await?;
    w.commit().await?;
    view::view(&state.db, updated, state.today()).await
}
