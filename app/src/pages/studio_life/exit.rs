//! 第十八条: HRSS decides an exit.

use super::Life;
use crate::api::{self, ApiFailure};
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::pages::common::today;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::life::{ExitCase, NewExit};

#[component]
pub(super) fn ExitForm(studio: i32, life: Life) -> impl IntoView {
    let session = use_session();
    let case = RwSignal::new("funds_misused".to_owned());
    let evidence = RwSignal::new(String::new());
    let investigation = RwSignal::new(String::new());
    let decided = RwSignal::new(today());
    let failure = RwSignal::new(None::<ApiFailure>);
    let err = move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "退出决定作出后，未使用资金应予缴回，单位和带头人原则上 3 年内不得再次申报。确定吗？",
            "After an exit decision, unused funds are to be returned, and the unit and the leader may not apply again for 3 years as a rule. Decide the exit?",
        );
        let body = NewExit {
            case: shared::wire::from_enum_name(&case.get_untracked())
                .unwrap_or(ExitCase::FundsMisused),
            evidence: evidence.get_untracked(),
            investigation: investigation.get_untracked(),
            decided_on: decided.get_untracked().parse().unwrap_or_default(),
        };
        spawn_local(async move {
            if !dialog::confirm(question.to_owned()).await {
                return;
            }
            match api::send::<shared::api::life::Exit>(&[studio], &body, &csrf).await {
                Ok(l) => life.set(Some(Ok(l))),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <details class="card exit-form">
            <summary><strong>{tr("决定退出（第十八条）", "Decide an exit (Art. 18)")}</strong></summary>
            <form on:submit=submit>
                <label class="field"><span>{tr("退出情形", "Ground for exit")}</span>
                    <select name="case" on:change=move |ev| case.set(event_target_value(&ev)) prop:value=move || case.get()>
                        {ExitCase::ALL.iter().map(|c| {
                            let c = *c;
                            view! { <option value=shared::wire::enum_name(&c)>{move || format!("{} {}", c.article(), pick(c.label_zh(), c.label_en()))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>{tr("决定日期", "Date of decision")}</span><input type="date" name="decided_on" prop:value=move || decided.get() on:input=move |ev| decided.set(event_target_value(&ev)) /><span class="error">{err("decided_on")}</span></label>
                <label class="field"><span>{tr("依据与证据", "Grounds and evidence")}</span><textarea name="evidence" rows="3" prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev))></textarea><span class="error">{err("evidence")}</span></label>
                <label class="field"><span>{tr("调查核实情况（第（四）、（五）项必填）", "Findings of the investigation (required for grounds (4) and (5))")}</span><textarea name="investigation" rows="3" prop:value=move || investigation.get() on:input=move |ev| investigation.set(event_target_value(&ev))></textarea><span class="error">{err("investigation")}</span></label>
                <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
                <button type="submit" class="danger" data-testid="exit-submit">{tr("作出退出决定", "Decide the exit")}</button>
            </form>
        </details>
    }
}
