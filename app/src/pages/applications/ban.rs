//! 第十八条 on an application's page: the exits on record that bar it (the unit's, the leader's by
//! identity number), and for HRSS the exception ("原则上") for this round, one exit and one subject
//! at a time, with its reason.

use crate::api;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::application::ApplicationView;
use shared::life::{BanExitView, NewBanOverride};

#[component]
pub fn BanExits(
    view: ApplicationView,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let hrss = use_session().role() == Some(Role::HrssAdmin);
    let round = view.round_id;
    (!view.ban_exits.is_empty()).then(|| {
        view! {
            <section class="ban-exits" aria-labelledby="ban-exits-title" data-testid="ban-exits">
                <h2 id="ban-exits-title">{tr("第十八条：3 年内不得再次申报", "Article 18: no new application within 3 years")}</h2>
                <ul>
                    {view.ban_exits.clone().into_iter().map(|e| view! { <BanExit exit=e round=round hrss=hrss on_change=on_change /> }).collect_view()}
                </ul>
                <p class="muted">{tr(
                    "例外只对一项退出、本轮、单位或带头人之一有效，须写明理由并记入审计。",
                    "An exception names one exit, this round and whose ban it lifts; it needs a reason and is audited.",
                )}</p>
            </section>
        }
    })
}

#[component]
fn BanExit(
    exit: BanExitView,
    round: i32,
    hrss: bool,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let session = use_session();
    let subject = exit.subject;
    let (studio, on, until) = (exit.studio_name.clone(), exit.decided_on, exit.ban_until);
    let (by_name_only, excepted) = (exit.by_name_only, exit.excepted);
    let grant = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let body = NewBanOverride {
            exit_id: exit.exit_id,
            round_id: round,
            subject: exit.subject,
            reason: reason.get_untracked(),
        };
        spawn_local(async move {
            match api::send::<shared::api::admin::GrantBanOverride>(&[], &body, &csrf).await {
                Ok(_) => {
                    failure.set(None);
                    on_change();
                }
                Err(e) => failure.set(Some(e.field("reason").unwrap_or_else(|| e.message()))),
            }
        });
    };
    let id = format!(
        "ban-reason-{}-{}",
        exit.exit_id,
        shared::wire::enum_name(&exit.subject)
    );
    view! {
        <li data-testid="ban-exit" data-excepted=exit.excepted.to_string()>
            <p>
                {move || {
                    let (who_zh, who_en) = (subject.label_zh(), subject.label_en());
                    pick(
                        format!("{who_zh}：“{studio}” 于 {on} 被决定退出，原则上至 {until} 不得再次申报"),
                        format!("“{studio}” was made to exit on {on}: as a rule, {who_en} may not apply again until {until}"),
                    )
                }}
                {move || by_name_only.then(|| pick("（该退出记录无身份证号，仅姓名相同，须核实）", " (this exit has no identity number on record, only the same name: verify)"))}
                {move || excepted.then(|| pick("；本轮已准予例外。", "; an exception is granted for this round."))}
            </p>
            {(hrss && !exit.excepted).then(|| view! {
                <div class="field">
                    <label for=id.clone()>{move || {
                        let (who_zh, who_en) = (subject.label_zh(), subject.label_en());
                        pick(format!("准予本轮例外的理由（{who_zh}）"), format!("Reason for an exception for this round ({who_en})"))
                    }}</label>
                    <input id=id type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="small" on:click=grant>{tr("准予本轮例外", "Grant an exception for this round")}</button>
                {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            })}
        </li>
    }
}
