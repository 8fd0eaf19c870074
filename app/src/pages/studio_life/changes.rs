//! 第十六条: changes of leader or host with their 60-day countdown, requested by the unit and
//! decided by HRSS.

use super::Life;
use super::reload;
use crate::api::{self, ApiFailure};
use crate::components::dialog;
use crate::components::leader_fields::LeaderFields;
use crate::form::FormState;
use crate::i18n::{pick, tr};
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
        spawn_local(async move {
            let Some(reason) = dialog::decision_reason(approve).await else {
                return;
            };
            match api::decide_change(id, join, &Decision { approve, reason }, &csrf).await {
                Ok(_) => reload(studio, life),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card changes" data-testid="changes" aria-labelledby="changes-title">
            <h2 id="changes-title">{tr("带头人或举办单位变更（第十六条）", "Changes (Art. 16)")}</h2>
            {l.changes.is_empty().then(|| view! { <p class="muted">{tr("没有变更申请。", "No change requests.")}</p> })}
            <ul class="change-list">
                {l.changes.iter().map(|c| {
                    let id = c.id;
                    let (open, overdue, due) = (c.state.open(), c.overdue, c.due);
                    let (days, late) = (c.days_left, -c.days_left);
                    let decided = c.decided_on.map(|d| d.to_string()).unwrap_or_default();
                    let countdown = move || if open {
                        if overdue { pick(format!("已超过 60 日期限 {late} 天（截止 {due}）"), format!("{late} days past the 60-day limit (due {due})")) } else { pick(format!("剩余 {days} 天（截止 {due}）"), format!("{days} days left (due {due})")) }
                    } else if overdue {
                        pick(format!("{decided} 办结，超过 60 日期限（截止 {due}）"), format!("Completed on {decided}, past the 60-day limit (due {due})"))
                    } else {
                        pick(format!("{decided} 办结（截止 {due}）"), format!("Completed on {decided} (due {due})"))
                    };
                    let (kind, state, mode) = (c.kind, c.state, c.mode);
                    let (old_leader, new_leader) = (c.old_leader_name.clone(), c.new_leader_name.clone());
                    let (old_unit, new_unit) = (c.old_unit_name.clone(), c.new_unit_name.clone());
                    let who = move || match kind {
                        ChangeKind::Leader => format!("{old_leader} → {new_leader}"),
                        ChangeKind::Host => {
                            let how = match mode { Some(shared::life::HostMode::CoBuild) => pick("合作共建", "co-building"), _ => pick("变更举办单位", "change of host") };
                            pick(format!("{old_unit} → {new_unit}（{how}）"), format!("{old_unit} → {new_unit} ({how})"))
                        }
                    };
                    let (cause, event_on) = (c.cause.clone(), c.event_on);
                    let hrss_open = role == Some(Role::HrssAdmin) && c.state == ChangeState::Submitted;
                    view! {
                        <li class:overdue=c.overdue data-testid="change">
                            <strong>{move || pick(kind.label_zh(), kind.label_en())}</strong>" "{who}" · "<span>{move || pick(state.label_zh(), state.label_en())}</span>
                            <div class="countdown" data-testid="countdown">{countdown}</div>
                            {c.due_provisional.then_some(view! { <div class="muted">{tr("截止日所在年度的节假日安排尚未录入，仅按周末顺延（民法典第二百零三条），录入后以工作日为准。", "The holiday schedule of the due date's year is not entered yet: the due date skips weekends only (Civil Code Art. 203) and will follow working days once it is entered.")}</div> })}
                            {(role == Some(Role::HrssAdmin)).then(|| c.findings.iter().filter(|f| f.severity != shared::Severity::Pass).map(|f| {
                                let (zh, en, article) = (f.message_zh.clone(), f.message_en.clone(), f.article.clone());
                                view! {
                                    <div class="warn" data-testid="change-finding">{move || pick(format!("{zh}（{article}）"), format!("{en} ({article})"))}</div>
                                }
                            }).collect_view())}
                            <div class="muted">{move || pick(format!("事由：{cause}（{event_on}）"), format!("Cause: {cause} ({event_on})"))}</div>
                            {c.decision_reason.clone().map(|r| view! { <div class="muted">{move || pick(format!("意见：{r}"), format!("Decision note: {r}"))}</div> })}
                            {hrss_open.then(|| view! {
                                <div class="actions">
                                    <button type="button" on:click=move |_| decide(id, false, true)>{tr("批准变更", "Approve")}</button>
                                    <button type="button" class="secondary" on:click=move |_| decide(id, false, false)>{tr("不批准", "Reject")}</button>
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
            <h3>{tr("申请变更带头人（第十六条（一））", "Change of leader (Art. 16(1))")}</h3>
            <p class="muted">{tr("因带头人退休、重大疾病等不可抗拒因素，由本单位具备同等及以上条件的高技能人才继续带头建设；须在 60 日内完成。举办单位变更请由新、原单位联合上报。", "When the leader retires, falls seriously ill or meets another force majeure, a highly skilled worker of the unit meeting the same or higher requirements takes over; this must be completed within 60 days. A change of host unit is reported jointly by the new and the old unit.")}</p>
            <div class="grid-2">
                <label class="field"><span>{tr("事件发生日期", "Date of the event")}</span><input type="date" name="event_on" prop:value=move || event_on.get() on:input=move |ev| event_on.set(event_target_value(&ev)) /><span class="error">{err("event_on")}</span></label>
                <label class="field"><span>{tr("新带头人姓名", "New leader's name")}</span><input type="text" name="new_leader_name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /><span class="error">{err("new_leader_name")}</span></label>
                <label class="field"><span>{tr("新带头人身份证号", "New leader's identity number")}</span><input type="text" name="new_leader_id_number" autocomplete="off" prop:value=move || id_number.get() on:input=move |ev| id_number.set(event_target_value(&ev)) /><span class="error">{err("new_leader_id_number")}</span></label>
            </div>
            <fieldset class="leader-facts">
                <legend>{tr("新带头人的条件（第十条（一））", "New leader's qualifications (Art. 10(1))")}</legend>
                <LeaderFields form=leader errors=leader_errors />
                <span class="error">{err("new_leader.route")}</span>
            </fieldset>
            <label class="field"><span>{tr("变更原因", "Cause")}</span><textarea name="cause" rows="3" prop:value=move || cause.get() on:input=move |ev| cause.set(event_target_value(&ev))></textarea><span class="error">{err("cause")}</span></label>
            <label class="check"><input type="checkbox" name="new_leader_same_unit" prop:checked=move || same_unit.get() on:change=move |ev| same_unit.set(event_target_checked(&ev)) />{tr(" 新带头人为本单位人员（第十六条（一）“由本单位…人员接任”）", " The new leader works for this unit (Art. 16(1): “taken over by … of the unit”)")}</label>
            <span class="error">{err("new_leader_same_unit")}</span>
            <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
            <button type="submit">{tr("提交变更申请", "Submit the request")}</button>
        </form>
    }
}
