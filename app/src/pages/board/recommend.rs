//! 第十一条（二）: the channel puts the applications it recommends in rank order and submits the list
//! with the Party-group (党组/党委) meeting that decided it. Applications it does not list stay in the
//! queue to be returned for correction or rejected one by one.

use super::failure_text;
use crate::api;
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::application::Round;
use shared::procedure::{BoardRow, RecommendationList};

#[component]
pub fn RecommendPanel(round: Round, changed: RwSignal<i32>) -> impl IntoView {
    let session = use_session();
    let queue = RwSignal::new(Vec::<BoardRow>::new());
    // Application ids on the list, in rank order.
    let ranked = RwSignal::new(Vec::<i32>::new());
    let meeting_date = RwSignal::new(String::new());
    let meeting_ref = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let round_id = round.id;
    Effect::new(move |_| {
        changed.track();
        spawn_local(async move {
            let q = shared::api::query::BoardQuery {
                round_id: Some(round_id),
                state: Some(shared::workflow::AppState::Submitted),
                per_page: Some(200),
                ..Default::default()
            };
            if let Ok(p) = api::get_with::<shared::api::procedure::Board>(&[], &q).await {
                queue.set(p.rows);
            }
        });
    });
    let toggle = move |id: i32| {
        ranked.update(|r| {
            if let Some(i) = r.iter().position(|x| *x == id) {
                r.remove(i);
            } else {
                r.push(id);
            }
        })
    };
    let shift = move |id: i32, up: bool| {
        ranked.update(|r| {
            if let Some(i) = r.iter().position(|x| *x == id) {
                let j = if up {
                    i.checked_sub(1)
                } else {
                    Some(i + 1).filter(|j| *j < r.len())
                };
                if let Some(j) = j {
                    r.swap(i, j);
                }
            }
        })
    };
    let submit = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let Ok(date) = meeting_date.get_untracked().parse() else {
            failure.set(Some(
                pick(
                    "请填写党组（党委）会议日期",
                    "Enter the date of the Party-group meeting",
                )
                .into(),
            ));
            return;
        };
        let list = RecommendationList {
            round_id,
            party_meeting_date: date,
            party_meeting_ref: meeting_ref.get_untracked(),
            ranked: ranked.get_untracked(),
        };
        // The list's own rule (the server's) before asking: a missing reference is named first.
        if let Err(errors) = list.check(crate::components::eligibility_form::today_in_yinchuan()) {
            let said: Vec<String> = errors
                .into_iter()
                .map(|e| pick(e.message, e.message_en))
                .collect();
            failure.set(Some(said.join(pick("；", "; "))));
            return;
        }
        let n = list.ranked.len();
        let question = pick(
            format!("提交后名单即报送自治区人社厅，不能再改。确定提交 {n} 份申报的推荐名单吗？"),
            format!(
                "Once submitted, the list goes to HRSS and cannot change. Submit the list of {n} application(s)?"
            ),
        );
        spawn_local(async move {
            if !dialog::confirm(question).await {
                return;
            }
            match api::send::<shared::api::procedure::Recommend>(&[], &list, &csrf).await {
                Ok(views) => {
                    failure.set(None);
                    let n = views.len();
                    done.set(Some(pick(
                        format!("已提交推荐名单，共 {n} 份。"),
                        format!("Recommendation list submitted: {n} application(s)."),
                    )));
                    ranked.set(Vec::new());
                    changed.update(|n| *n += 1);
                }
                Err(e) => failure.set(Some(failure_text(&e))),
            }
        });
    };
    let name_of = move |id: i32| {
        queue.with(|q| {
            q.iter()
                .find(|r| r.id == id)
                .map(|r| format!("#{} {} · {}", r.id, r.unit_name, r.studio_name))
                .unwrap_or_else(|| format!("#{id}"))
        })
    };
    view! {
        <section class="card stage" aria-labelledby="recommend-title">
            <h2 id="recommend-title">{tr("推荐名单（第十一条（二））", "Recommendation list (Art. 11(2))")}</h2>
            <p class="muted">{tr("勾选拟推荐的申报并排序；名单须经本单位党组（党委）会议研究后一次提交。未列入的申报可在详情页退回修改或不予推荐。", "Tick the applications to recommend and order them; submit the list once, after the Party-group meeting. Others can be returned or rejected on their page.")}</p>
            {move || queue.with(|q| q.is_empty()).then(|| view! { <p class="empty">{tr("没有待初审的申报。", "Nothing waiting for review.")}</p> })}
            <ul class="pick-list" data-testid="queue">
                {move || queue.get().into_iter().map(|r| {
                    let id = r.id;
                    view! {
                        <li>
                            <label>
                                <input type="checkbox" prop:checked=move || ranked.with(|x| x.contains(&id)) on:change=move |_| toggle(id) />
                                {format!(" #{} {} · {} · {}", r.id, r.unit_name, r.studio_name, r.occupation)}
                            </label>
                            <a href=format!("/applications/{id}")>{tr("查看", "Open")}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{tr("推荐排序", "Rank order")}</h3>
            <ol class="rank-list" data-testid="ranked">
                {move || ranked.get().into_iter().map(|id| view! {
                    <li>
                        <span>{name_of(id)}</span>
                        <button type="button" class="small" aria-label=tr("上移", "Move up") on:click=move |_| shift(id, true)>"↑"</button>
                        <button type="button" class="small" aria-label=tr("下移", "Move down") on:click=move |_| shift(id, false)>"↓"</button>
                    </li>
                }).collect_view()}
            </ol>
            <div class="row">
                <div class="field">
                    <label for="meeting-date">{tr("党组（党委）会议日期", "Party-group meeting date")}</label>
                    <input id="meeting-date" type="date" prop:value=move || meeting_date.get() on:input=move |ev| meeting_date.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="meeting-ref">{tr("会议纪要或文件编号", "Minutes or reference")}</label>
                    <input id="meeting-ref" type="text" prop:value=move || meeting_ref.get() on:input=move |ev| meeting_ref.set(event_target_value(&ev)) />
                </div>
            </div>
            <button type="button" class="primary" disabled=move || ranked.with(|r| r.is_empty()) on:click=submit>{tr("提交推荐名单", "Submit the list")}</button>
            {move || done.get().map(|m| view! { <p class="notice good" role="status">{m}</p> })}
            {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
    }
}
