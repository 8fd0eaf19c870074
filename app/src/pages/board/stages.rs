//! HRSS's decisions on a round, stage by stage (第十一条（三）至（五）): start the defense review,
//! choose the field-inspection candidates (差额: more inspected than selected, in ranking order
//! unless a reason is given), put the passed ones on public
//! notice (5 working days), resolve objections, and close the round. Scores, inspection outcomes
//! and approvals are recorded on each application's page.

use super::failure_text;
use crate::api;
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Level;
use shared::api::query::{BoardQuery, BoardSort, Direction, NoticeQuery, ObjectionFilter};
use shared::application::{Round, TransitionRequest};
use shared::procedure::{
    BoardRow, CloseRound, Defended, InspectionList, NewNotice, ObjectionResolution, ObjectionView,
    check_inspection_list, proposal_cap,
};
use shared::workflow::{Action, AppState};

/// The round's applications in `state`, best defense score first.
async fn rows(round: i32, state: AppState) -> Vec<BoardRow> {
    let q = BoardQuery {
        round_id: Some(round),
        state: Some(state),
        sort: BoardSort::DefenseScore,
        dir: Direction::Desc,
        per_page: Some(200),
        ..Default::default()
    };
    api::get_with::<shared::api::procedure::Board>(&[], &q)
        .await
        .map(|p| p.rows)
        .unwrap_or_default()
}

#[component]
pub fn StagePanels(round: Round, changed: RwSignal<i32>) -> impl IntoView {
    let session = use_session();
    let round_id = round.id;
    let recommended = RwSignal::new(Vec::<BoardRow>::new());
    let defended = RwSignal::new(Vec::<BoardRow>::new());
    let inspected = RwSignal::new(Vec::<BoardRow>::new());
    let objections = RwSignal::new(Vec::<ObjectionView>::new());
    Effect::new(move |_| {
        changed.track();
        spawn_local(async move {
            recommended.set(rows(round_id, AppState::Recommended).await);
            defended.set(rows(round_id, AppState::DefenseReview).await);
            inspected.set(rows(round_id, AppState::FieldInspection).await);
            let q = ObjectionFilter {
                round_id: Some(round_id),
            };
            let found = api::get_with::<shared::api::procedure::ListObjections>(&[], &q).await;
            objections.set(found.unwrap_or_default());
        });
    });
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let report = move |r: Result<String, api::ApiFailure>| match r {
        Ok(m) => {
            failure.set(None);
            done.set(Some(m));
            changed.update(|n| *n += 1);
        }
        Err(e) => {
            done.set(None);
            failure.set(Some(failure_text(&e)));
        }
    };

    // 答辩评审: every recommended application enters the defense review.
    let start_defense = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let list = recommended.get_untracked();
        spawn_local(async move {
            let mut n = 0;
            for r in &list {
                let req = TransitionRequest {
                    action: Action::StartDefense,
                    version: r.version,
                    reason: None,
                    rank: None,
                    party_meeting_date: None,
                };
                if let Err(e) =
                    api::send::<shared::api::applications::Transition>(&[r.id], &req, &csrf).await
                {
                    report(Err(e));
                    return;
                }
                n += 1;
            }
            report(Ok(pick(
                format!("{n} 份申报已进入答辩评审。"),
                format!("{n} application(s) moved to the defense review."),
            )));
        });
    };

    // 差额实地考察: candidates of one level, inspected in the defense ranking's order (the rows come
    // sorted by score); leaving out someone ranked higher needs a reason.
    let level = RwSignal::new(Level::Regional);
    let picked = RwSignal::new(Vec::<i32>::new());
    let reason = RwSignal::new(String::new());
    let slots = move || match level.get() {
        Level::Regional => round.regional_slots,
        Level::National => round.national_slots,
    };
    let as_defended = |r: &BoardRow| Defended {
        id: r.id,
        state: r.state,
        level: r.level,
        defense_score: r.defense_score,
    };
    let list = move || {
        let chosen = picked.get();
        let ordered: Vec<i32> = defended.with(|d| {
            d.iter()
                .filter(|r| chosen.contains(&r.id))
                .map(|r| r.id)
                .collect()
        });
        InspectionList {
            level: level.get(),
            candidates: ordered,
            reason: Some(reason.get()).filter(|r| !r.trim().is_empty()),
        }
    };
    let check = move || {
        let l = list();
        let pool: Vec<Defended> = defended.with(|d| d.iter().map(as_defended).collect());
        let listed: Vec<Defended> = l
            .candidates
            .iter()
            .filter_map(|id| pool.iter().find(|d| d.id == *id).copied())
            .collect();
        check_inspection_list(&l, &listed, &pool).err()
    };
    let slots_check = move || check().map(|e| pick(e[0].message.clone(), e[0].message_en.clone()));
    let needs_reason = move || check().is_some_and(|e| e.iter().any(|f| f.field == "reason"));
    let none_picked = move || picked.with(Vec::is_empty);
    let send_inspection = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let body = list();
        spawn_local(async move {
            let r = api::send::<shared::api::procedure::InspectionList>(&[round_id], &body, &csrf)
                .await;
            if r.is_ok() {
                picked.set(Vec::new());
                reason.set(String::new());
            }
            report(r.map(|v| {
                let n = v.len();
                pick(
                    format!("{n} 名候选进入实地考察。"),
                    format!("{n} candidate(s) moved to field inspection."),
                )
            }));
        });
    };

    // 公示: passed inspections, from a start date; the end date is computed by the server's calendar.
    let notice_start = RwSignal::new(String::new());
    let notice_end = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| {
        let start = notice_start.get();
        if start.is_empty() {
            return;
        }
        spawn_local(async move {
            notice_end.set(Some(
                api::get_with::<shared::api::public::NoticeEnd>(&[], &NoticeQuery { start })
                    .await
                    .map(|d| d.end.to_string())
                    .map_err(|e| failure_text(&e)),
            ));
        });
    });
    let publish = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let Ok(starts_on) = notice_start.get_untracked().parse() else {
            failure.set(Some(
                pick("请选择公示开始日期", "Choose the date the notice starts").into(),
            ));
            return;
        };
        let applications: Vec<i32> = inspected
            .get_untracked()
            .into_iter()
            .filter(|r| r.inspection_passed == Some(true))
            .map(|r| r.id)
            .collect();
        let body = NewNotice {
            starts_on,
            applications,
        };
        spawn_local(async move {
            let r =
                api::send::<shared::api::procedure::PublishNotice>(&[round_id], &body, &csrf).await;
            report(r.map(|n| {
                let (from, to, count) = (n.starts_on, n.ends_on, n.entries.len());
                pick(
                    format!("已发布公示：{from} 至 {to}，共 {count} 份。"),
                    format!("Public notice published: {from} to {to}, {count} application(s)."),
                )
            }));
        });
    };

    let close_reason = RwSignal::new(String::new());
    let close = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "结束本轮后，所有未批准的申报将标记为未入选。确定结束吗？",
            "Closing the round marks every application not approved as not selected. Close it?",
        );
        let body = CloseRound {
            reason: close_reason.get_untracked(),
        };
        spawn_local(async move {
            if !dialog::confirm(question.to_owned()).await {
                return;
            }
            let r =
                api::send::<shared::api::procedure::CloseRound>(&[round_id], &body, &csrf).await;
            report(r.map(|s| {
                let (left_out, with_channel) = (s.not_selected, s.left_with_channel);
                pick(
                    format!("本轮已结束：{left_out} 份未入选，{with_channel} 份仍在推荐单位初审。"),
                    format!("Round closed: {left_out} not selected, {with_channel} still under review by the recommending organisation."),
                )
            }));
        });
    };

    view! {
        <div class="stages">
            {move || done.get().map(|m| view! { <p class="notice good" role="status" data-testid="stage-done">{m}</p> })}
            {move || failure.get().map(|m| view! { <p class="error" role="alert" data-testid="stage-error">{m}</p> })}

            <section class="card stage" aria-labelledby="stage-defense">
                <h2 id="stage-defense">{tr("一、答辩评审（第十一条（三））", "1. Defense review (Art. 11(3))")}</h2>
                <p>{move || {
                    let n = recommended.with(Vec::len);
                    pick(
                        format!("已推荐、待答辩：{n} 份。答辩得分在各申报详情页录入（评审组汇总）。"),
                        format!("Recommended, awaiting the defense: {n}. Defense scores are recorded on each application's page (the panel's aggregate)."),
                    )
                }}</p>
                <button type="button" class="primary" disabled=move || recommended.with(Vec::is_empty) on:click=start_defense>{tr("全部进入答辩评审", "Start the defense review for all")}</button>
            </section>

            <section class="card stage" aria-labelledby="stage-inspection">
                <h2 id="stage-inspection">{tr("二、差额实地考察（第十一条（四））", "2. Competitive field inspection (Art. 11(4))")}</h2>
                <div class="field">
                    <label for="inspection-level">{tr("级别", "Level")}</label>
                    <select id="inspection-level" on:change=move |ev| {
                        level.set(if event_target_value(&ev) == "national" { Level::National } else { Level::Regional });
                        picked.set(Vec::new());
                    }>
                        <option value="regional">{move || {
                            let n = round.regional_slots;
                            pick(format!("自治区级（名额 {n}）"), format!("Regional ({n} places)"))
                        }}</option>
                        <option value="national">{move || {
                            let n = round.national_slots;
                            pick(format!("国家级推荐（名额 {n}）"), format!("National recommendation ({n} places)"))
                        }}</option>
                    </select>
                </div>
                <ul class="pick-list" data-testid="defended">
                    {move || defended.get().into_iter().filter(|r| r.level == level.get() && r.defense_score.is_some()).map(|r| {
                        let id = r.id;
                        let (unit, studio) = (&r.unit_name, &r.studio_name);
                        let score = r.defense_score.map(|s| s.to_string()).unwrap_or_default();
                        let label = pick(
                            format!(" #{id} {unit} · {studio} · 答辩 {score}"),
                            format!(" #{id} {unit} · {studio} · defense {score}"),
                        );
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&id)) on:change=move |_| picked.update(|p| if let Some(i) = p.iter().position(|x| *x == id) { p.remove(i); } else { p.push(id); }) />
                                    {label}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class:error=move || !none_picked() && slots_check().is_some() class:good=move || slots_check().is_none() data-testid="slots-check">
                    {move || if none_picked() {
                        let places = slots();
                        pick(
                            format!("按答辩排名勾选考察对象：至少 2 名，考察人数须多于拟入选人数（差额）；名额 {places} 个。"),
                            format!("Tick the candidates to inspect in defense ranking order: at least 2, and more inspected than can be proposed; {places} place(s)."),
                        )
                    } else {
                        let n = picked.with(Vec::len);
                        let (cap, places) = (proposal_cap(slots(), n), slots());
                        slots_check().unwrap_or_else(|| pick(
                            format!("已选 {n} 名，按答辩排名依次考察；考察后本级别最多可拟入选 {cap} 名（名额 {places} 个，且少于考察人数）。"),
                            format!("{n} selected, inspected in ranking order; afterwards at most {cap} can be proposed at this level ({places} place(s), and fewer than those inspected)."),
                        ))
                    }}
                </p>
                {move || needs_reason().then(|| view! {
                    <div class="field">
                        <label for="inspection-reason">{tr("不按答辩排名的理由", "Why the list departs from the ranking")}</label>
                        <input id="inspection-reason" type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                    </div>
                })}
                <button type="button" class="primary" disabled=move || none_picked() || slots_check().is_some() on:click=send_inspection>{tr("确定考察名单", "Confirm the inspection list")}</button>
            </section>

            <section class="card stage" aria-labelledby="stage-notice">
                <h2 id="stage-notice">{tr("三、建议名单公示（第十一条（五））", "3. Public notice (Art. 11(5))")}</h2>
                <p>{move || {
                    let n = inspected.with(|v| v.iter().filter(|r| r.inspection_passed == Some(true)).count());
                    pick(format!("考察通过、待公示：{n} 份。"), format!("Passed inspection, awaiting the notice: {n}."))
                }}</p>
                <div class="row">
                    <div class="field">
                        <label for="notice-start">{tr("公示开始日期", "Notice starts on")}</label>
                        <input id="notice-start" type="date" prop:value=move || notice_start.get() on:input=move |ev| notice_start.set(event_target_value(&ev)) />
                    </div>
                    <p class="computed" data-testid="notice-end">
                        {move || match notice_end.get() {
                            Some(Ok(d)) => pick(format!("公示期 5 个工作日，截止 {d}"), format!("Notice period of 5 working days, ending {d}")),
                            Some(Err(e)) => e,
                            None => String::new(),
                        }}
                    </p>
                </div>
                <button type="button" class="primary" on:click=publish>{tr("发布公示", "Publish the notice")}</button>
            </section>

            <section class="card stage" aria-labelledby="stage-objections">
                <h2 id="stage-objections">{tr("四、异议处理", "4. Objections")}</h2>
                {move || objections.with(Vec::is_empty).then(|| view! { <p class="empty">{tr("没有异议。", "No objections.")}</p> })}
                <ul class="objections" data-testid="objections">
                    {move || objections.get().into_iter().map(|o| view! { <Objection o=o on_done=report /> }).collect_view()}
                </ul>
            </section>

            <section class="card stage" aria-labelledby="stage-close">
                <h2 id="stage-close">{tr("五、结束本轮", "5. Close the round")}</h2>
                <p class="muted">{tr("在各申报详情页批准公示期满且无未决异议的申报后，结束本轮：其余申报标记为未入选。", "After approving on each application's page, close the round: the rest are not selected.")}</p>
                <div class="field">
                    <label for="close-reason">{tr("未入选说明", "Reason given to the others")}</label>
                    <input id="close-reason" type="text" prop:value=move || close_reason.get() on:input=move |ev| close_reason.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="small" on:click=close>{tr("结束本轮", "Close the round")}</button>
            </section>
        </div>
    }
}

#[component]
fn Objection(
    o: ObjectionView,
    on_done: impl Fn(Result<String, api::ApiFailure>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let outcome = RwSignal::new(String::new());
    let id = o.id;
    let resolve = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let body = ObjectionResolution {
            outcome: outcome.get_untracked(),
        };
        spawn_local(async move {
            on_done(
                api::send::<shared::api::procedure::ResolveObjection>(&[id], &body, &csrf)
                    .await
                    .map(|_| {
                        pick(
                            format!("异议 #{id} 已处理。"),
                            format!("Objection #{id} resolved."),
                        )
                    }),
            );
        });
    };
    let filed = crate::i18n::local_minute(o.filed_at);
    view! {
        <li class:resolved=o.outcome.is_some() data-testid="objection">
            <p>
                <strong>{format!("#{} ", o.id)}</strong>
                {o.application_id.map(|a| view! { <a href=format!("/applications/{a}")>{move || pick(format!("申报 #{a}"), format!("Application #{a}"))}</a> })}
                {format!(" · {} · {} · {}", o.name, o.contact, filed)}
            </p>
            <blockquote>{o.text.clone()}</blockquote>
            {match o.outcome.clone() {
                Some(out) => {
                    let by = o.resolved_by.clone().unwrap_or_default();
                    view! { <p class="notice good">{move || pick(format!("处理结果（{by}）：{out}"), format!("Outcome ({by}): {out}"))}</p> }.into_any()
                }
                None => view! {
                    <div class="field">
                        <label for=format!("outcome-{id}")>{tr("核查结论", "Outcome")}</label>
                        <textarea id=format!("outcome-{id}") rows="2" prop:value=move || outcome.get() on:input=move |ev| outcome.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="button" class="primary" on:click=resolve>{tr("记录处理结果", "Record the outcome")}</button>
                }.into_any(),
            }}
        </li>
    }
}
