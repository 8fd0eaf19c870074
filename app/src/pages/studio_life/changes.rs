//! 第十六条: changes of leader or host with their 60-day countdown, requested by the unit and
//! decided by HRSS.

use super::Life;
use super::reload;
use crate::api::{self, ApiFailure};
use crate::components::leader_fields::LeaderFields;
use crate::form::FormState;
use crate::i18n::tr;
use crate::pages::common::today;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::life::{ChangeKind, ChangeState, Decision, NewChange, StudioLife};
use shared::wire::FieldError;

#[component]
pub(super) fn Changes(l: StudioLife, studio: i32, life: Life, may_request: bool) -> impl IntoView {
    let session = use_session();
    let role = session.role();
    let failure = RwSignal::new(None::<ApiFailure>);
    let decide = move |id: i32, join: bool, approve: bool| {
        let Some(csrf) = session.csrf() else { return };
        let reason = if approve {
            String::new()
        } else {
            match web_sys::window()
                .and_then(|w| w.prompt_with_message("不同意的理由：").ok().flatten())
            {
                Some(r) if !r.trim().is_empty() => r,
                _ => return,
            }
        };
        spawn_local(async move {
            match api::decide_change(id, join, &Decision { approve, reason }, &csrf).await {
                Ok(_) => reload(studio, life),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card changes" data-testid="changes" aria-labelledby="changes-title">
            <h2 id="changes-title">{tr("带头人或举办单位变更（第十六条）", "Changes (Art. 16)")}</h2>
            {l.changes.is_empty().then(|| view! { <p class="muted">"没有变更申请。"</p> })}
            <ul class="change-list">
                {l.changes.iter().map(|c| {
                    let id = c.id;
                    let countdown = if c.state.open() {
                        if c.overdue { format!("已超过 60 日期限 {} 天（截止 {}）", -c.days_left, c.due) } else { format!("剩余 {} 天（截止 {}）", c.days_left, c.due) }
                    } else if c.overdue {
                        format!("{} 办结，超过 60 日期限（截止 {}）", c.decided_on.map(|d| d.to_string()).unwrap_or_default(), c.due)
                    } else {
                        format!("{} 办结（截止 {}）", c.decided_on.map(|d| d.to_string()).unwrap_or_default(), c.due)
                    };
                    let who = match c.kind {
                        ChangeKind::Leader => format!("{} → {}", c.old_leader_name, c.new_leader_name),
                        ChangeKind::Host => format!("{} → {}（{}）", c.old_unit_name, c.new_unit_name, match c.mode { Some(shared::life::HostMode::CoBuild) => "合作共建", _ => "变更举办单位" }),
                    };
                    let hrss_open = role == Some(Role::HrssAdmin) && c.state == ChangeState::Submitted;
                    view! {
                        <li class:overdue=c.overdue data-testid="change">
                            <strong>{c.kind.label_zh()}</strong>" "{who}" · "<span>{c.state.label_zh()}</span>
                            <div class="countdown" data-testid="countdown">{countdown}</div>
                            {c.due_provisional.then_some(view! { <div class="muted">"截止日所在年度的节假日安排尚未录入，仅按周末顺延（民法典第二百零三条），录入后以工作日为准。"</div> })}
                            {(role == Some(Role::HrssAdmin)).then(|| c.findings.iter().filter(|f| f.severity != shared::Severity::Pass).map(|f| view! {
                                <div class="warn" data-testid="change-finding">{format!("{}（{}）", f.message_zh, f.article)}</div>
                            }).collect_view())}
                            <div class="muted">{format!("事由：{}（{}）", c.cause, c.event_on)}</div>
                            {c.decision_reason.clone().map(|r| view! { <div class="muted">{format!("意见：{r}")}</div> })}
                            {hrss_open.then(|| view! {
                                <div class="actions">
                                    <button type="button" on:click=move |_| decide(id, false, true)>"批准变更"</button>
                                    <button type="button" class="secondary" on:click=move |_| decide(id, false, false)>"不批准"</button>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
            {(may_request && !l.changes.iter().any(|c| c.state.open())).then(|| view! {
                <LeaderChangeForm studio=studio life=life />
                <super::host_change::HostChangeForm studio=studio life=life />
            })}
        </section>
    }
}

#[component]
pub(super) fn LeaderChangeForm(studio: i32, life: Life) -> impl IntoView {
    let session = use_session();
    let event_on = RwSignal::new(today());
    let cause = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let same_unit = RwSignal::new(false);
    // The new leader's facts, asked with the same form as an application's leader.
    let leader = RwSignal::new(FormState::default());
    let failure = RwSignal::new(None::<ApiFailure>);
    let err = move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    // The server names the new leader's fields `new_leader.*`; the leader form reads `leader.*`.
    let leader_errors = Signal::derive(move || {
        failure.with(|f| match f {
            Some(ApiFailure::Server(b)) => b
                .fields
                .iter()
                .filter_map(|e| {
                    let rest = e.field.strip_prefix("new_leader.")?;
                    Some(FieldError {
                        field: format!("leader.{rest}"),
                        ..e.clone()
                    })
                })
                .collect(),
            _ => Vec::new(),
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let facts = match leader.get_untracked().leader_facts() {
            Ok(facts) => facts,
            Err(_) => {
                failure.set(Some(ApiFailure::invalid(
                    "new_leader.birth_date",
                    "请填写新带头人的出生日期",
                    "enter the new leader's date of birth",
                )));
                return;
            }
        };
        let body = NewChange {
            kind: ChangeKind::Leader,
            event_on: event_on.get_untracked().parse().unwrap_or_default(),
            cause: cause.get_untracked(),
            new_leader_name: name.get_untracked(),
            new_leader: Some(facts),
            new_leader_id_number: id_number.get_untracked(),
            new_leader_same_unit: same_unit.get_untracked(),
            new_unit_id: None,
            mode: None,
        };
        spawn_local(async move {
            match api::send::<shared::api::life::RequestChange>(&[studio], &body, &csrf).await {
                Ok(_) => reload(studio, life),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <form class="change-form" on:submit=submit>
            <h3>"申请变更带头人（第十六条（一））"</h3>
            <p class="muted">"因带头人退休、重大疾病等不可抗拒因素，由本单位具备同等及以上条件的高技能人才继续带头建设；须在 60 日内完成。举办单位变更请由新、原单位联合上报。"</p>
            <div class="grid-2">
                <label class="field"><span>"事件发生日期"</span><input type="date" name="event_on" prop:value=move || event_on.get() on:input=move |ev| event_on.set(event_target_value(&ev)) /><span class="error">{err("event_on")}</span></label>
                <label class="field"><span>"新带头人姓名"</span><input type="text" name="new_leader_name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /><span class="error">{err("new_leader_name")}</span></label>
                <label class="field"><span>"新带头人身份证号"</span><input type="text" name="new_leader_id_number" autocomplete="off" prop:value=move || id_number.get() on:input=move |ev| id_number.set(event_target_value(&ev)) /><span class="error">{err("new_leader_id_number")}</span></label>
            </div>
            <fieldset class="leader-facts">
                <legend>"新带头人的条件（第十条（一））"</legend>
                <LeaderFields form=leader errors=leader_errors />
                <span class="error">{err("new_leader.route")}</span>
            </fieldset>
            <label class="field"><span>"变更原因"</span><textarea name="cause" rows="3" prop:value=move || cause.get() on:input=move |ev| cause.set(event_target_value(&ev))></textarea><span class="error">{err("cause")}</span></label>
            <label class="check"><input type="checkbox" name="new_leader_same_unit" prop:checked=move || same_unit.get() on:change=move |ev| same_unit.set(event_target_checked(&ev)) />" 新带头人为本单位人员（第十六条（一）“由本单位…人员接任”）"</label>
            <span class="error">{err("new_leader_same_unit")}</span>
            <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
            <button type="submit">"提交变更申请"</button>
        </form>
    }
}
