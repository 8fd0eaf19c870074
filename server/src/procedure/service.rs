//! The batch steps of 第四章 that decide on several applications at once, and rounds.

use super::store;
use crate::actor::Actor;
use crate::applications::moves::{self, Change, Move, refusal, same_version};
use crate::applications::service::{listed, round, visible_one};
use crate::applications::view;
use crate::audit::Event;
use crate::entity::{JsonText, inspection_list, notice, recommendation_list, round};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::Level;
use shared::account::Role;
use shared::application::{ApplicationView, NewRound, Round};
use shared::procedure::{
    CloseRound, CloseSummary, Defended, DefenseScore, InspectionList, InspectionResult, NewNotice,
    NoticeView, RecommendationList, check_defense_score, check_inspection_list, check_proposals,
    check_reason,
};
use shared::wire::FieldError;
use shared::workflow::{self, Action, AppState as Stage, GuardContext};

pub fn round_wire(m: round::Model) -> Round {
    Round {
        id: m.id,
        year: m.year,
        title: m.title,
        opens_on: m.opens_on,
        closes_on: m.closes_on,
        regional_slots: m.regional_slots,
        national_slots: m.national_slots,
    }
}

pub async fn rounds(state: &AppState) -> Result<Vec<Round>, ApiError> {
    Ok(store::rounds(&state.db)
        .await?
        .into_iter()
        .map(round_wire)
        .collect())
}

/// HRSS opens a yearly call with its slots per level (第四条).
pub async fn open_round(state: &AppState, actor: &Actor, new: NewRound) -> Result<Round, ApiError> {
    new.check().map_err(ApiError::Validation)?;
    if store::round_of_year(&state.db, new.year).await?.is_some() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "year",
            "该年度已有申报轮次",
            "a round for this year exists",
        )]));
    }
    let w = Write::begin(state, actor).await?;
    let created = store::insert_round(
        &*w,
        round::ActiveModel {
            year: Set(new.year),
            title: Set(new.title.trim().to_owned()),
            opens_on: Set(new.opens_on),
            closes_on: Set(new.closes_on),
            regional_slots: Set(new.regional_slots),
            national_slots: Set(new.national_slots),
            created_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let wire = round_wire(created);
    w.done(Event::new("round.create", "round", wire.id).after(&wire))
        .await?;
    Ok(wire)
}

/// 第十一条（二）: the channel submits its ranked list with the Party-group meeting; every listed
/// application is recommended with its rank, in one write.
pub async fn recommend(
    state: &AppState,
    actor: &Actor,
    list: RecommendationList,
) -> Result<Vec<ApplicationView>, ApiError> {
    actor.require(&[Role::Recommender])?;
    let org_id = actor
        .org_id
        .ok_or(ApiError::Forbidden("账号未绑定推荐单位".into()))?;
    list.check(state.today()).map_err(ApiError::Validation)?;
    round(&state.db, list.round_id).await?;
    let apps = listed(&state.db, actor, list.round_id, &list.ranked, "ranked").await?;
    if store::list_submitted(&state.db, list.round_id, org_id).await? {
        return Err(ApiError::Conflict(
            "本轮的推荐名单已经提交，不能重复提交".into(),
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
        return Err(ApiError::Conflict(
            "只有处于答辩评审阶段的申报才能录入答辩得分".into(),
        ));
    }
    // A panel's aggregate is the panel's to record (when its chair closes scoring).
    if crate::applications::service::on_a_panel(&state.db, id).await? {
        return Err(ApiError::Conflict(
            "该申报由答辩评审组评分，得分在组长结束评分时自动汇总".into(),
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
        return Err(ApiError::Conflict(
            "只有处于实地考察阶段的申报才能录入考察结果".into(),
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

fn slots(r: &round::Model, level: Level) -> i32 {
    match level {
        Level::Regional => r.regional_slots,
        Level::National => r.national_slots,
    }
}

/// 第十一条（五）: the proposed list goes on public notice for 5 working days from `starts_on`.
pub async fn publish_notice(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    req: NewNotice,
) -> Result<NoticeView, ApiError> {
    let r = store::round(&state.db, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = state.today();
    let mut errors = Vec::new();
    if req.starts_on < today {
        errors.push(FieldError::new(
            "starts_on",
            "公示开始日期不能早于今天",
            "the notice cannot start in the past",
        ));
    }
    if req.applications.is_empty() {
        errors.push(FieldError::new(
            "applications",
            "公示名单不能为空",
            "the list is empty",
        ));
    }
    let calendar = state.calendar().await?;
    let ends_on = match shared::deadlines::notice_end(&calendar, req.starts_on) {
        Ok(d) => d,
        Err(e) => {
            errors.push(e.field_error("starts_on"));
            req.starts_on
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let apps = listed(
        &state.db,
        actor,
        round_id,
        &req.applications,
        "applications",
    )
    .await?;
    // The proposed list fills at most min(slots, inspected − 1) per level (第十一条（四）（五）),
    // counting those already proposed or approved in this round.
    let round_apps = crate::applications::service::of_round(&state.db, round_id).await?;
    let mut over_slots = None;
    for level in [Level::Regional, Level::National] {
        let of_level = |m: &&crate::entity::application::Model| m.level == level;
        let already = round_apps
            .iter()
            .filter(of_level)
            .filter(|m| m.state == Stage::Proposed || m.state == Stage::Approved)
            .count();
        let inspected = round_apps
            .iter()
            .filter(of_level)
            .filter(|m| m.inspection_list_id.is_some())
            .count();
        let adding = apps.iter().filter(of_level).count();
        if let Err(e) = check_proposals(level, slots(&r, level), inspected, already, adding) {
            over_slots = Some(ApiError::Validation(vec![e]));
        }
    }
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    let w = Write::begin(state, actor).await?;
    let saved = store::insert_notice(
        &*w,
        notice::ActiveModel {
            round_id: Set(round_id),
            starts_on: Set(req.starts_on),
            ends_on: Set(ends_on),
            published_by: Set(actor.username.clone()),
            published_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    for m in &apps {
        let ctx = GuardContext {
            today: Some(today),
            inspection_passed: m.inspection_passed,
            ..GuardContext::default()
        };
        let to = workflow::transition(m.state, Action::Propose, role, &ctx).map_err(refusal)?;
        let mv = Move::new("propose", to)
            .with(Change::NoticeId(saved.id))
            .reason(Some(format!("公示 {} 至 {}", req.starts_on, ends_on)));
        moves::apply(&w, m, mv).await?;
    }
    // Each candidate's own refusal first (it names the problem); then the slots. Returning drops
    // the write: nothing is written.
    if let Some(e) = over_slots {
        return Err(e);
    }
    w.done(
        Event::new("notice.publish", "notice", saved.id).after(&serde_json::json!({
            "round": r.year, "starts_on": req.starts_on, "ends_on": ends_on,
            "applications": req.applications,
        })),
    )
    .await?;
    super::notices::view(&state.db, saved, today).await
}

/// Closes a round: every application HRSS holds that was not approved is not selected, with the
/// reason. Refused while a notice is still running or objections are open.
pub async fn close_round(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    req: CloseRound,
) -> Result<CloseSummary, ApiError> {
    check_reason("reason", &req.reason).map_err(ApiError::Validation)?;
    store::round(&state.db, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let apps = crate::applications::service::visible_in_round(&state.db, actor, round_id).await?;
    let today = state.today();
    let reason = req.reason.trim().to_owned();
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    let mut summary = CloseSummary {
        not_selected: 0,
        left_with_channel: 0,
    };
    let w = Write::begin(state, actor).await?;
    for m in &apps {
        if m.state == Stage::Submitted && !m.hrss_direct {
            summary.left_with_channel += 1;
            continue;
        }
        if m.state == Stage::Proposed {
            let (end, open) = crate::applications::service::notice_status(&*w, m).await?;
            if end.is_some_and(|e| today <= e) || open > 0 {
                return Err(ApiError::Conflict(format!(
                    "申报 {} 的公示尚未结束或仍有未处理的异议，不能结束本轮",
                    m.id
                )));
            }
        }
        if workflow::permitted(m.state, Action::Reject, role, m.hrss_direct).is_err() {
            continue;
        }
        let ctx = GuardContext {
            reason: Some(reason.clone()),
            ..GuardContext::default()
        };
        let to = workflow::transition(m.state, Action::Reject, role, &ctx).map_err(refusal)?;
        let mv = Move::new("reject", to)
            .with(Change::LastReason(Some(reason.clone())))
            .reason(Some(reason.clone()));
        moves::apply(&w, m, mv).await?;
        summary.not_selected += 1;
    }
    w.done(
        Event::new("round.close", "round", round_id)
            .after(&summary)
            .reason(Some(reason)),
    )
    .await?;
    Ok(summary)
}
