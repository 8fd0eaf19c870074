//! HRSS: the choices the measures leave open where they decide an outcome — the grade of exactly
//! 60 points (第十五条) and whom the 3-year ban binds (第十八条). A change needs a reason and is
//! audited; results decided by a policy cite it.

use crate::api::{self, ApiFailure};
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::assessment::SixtyPolicy;
use shared::policy::{BanBinds, Policies, PolicyChange};
use shared::wire::FieldError;

const SIXTY: [(SixtyPolicy, &str, &str); 2] = [
    (
        SixtyPolicy::Qualified,
        "合格（60 分及以上为合格）",
        "Qualified (60 and above)",
    ),
    (
        SixtyPolicy::Unqualified,
        "不合格（60 分以上才合格）",
        "Not qualified (only above 60)",
    ),
];

const BAN: [BanBinds; 3] = [
    BanBinds::UnitAndLeader,
    BanBinds::UnitOnly,
    BanBinds::LeaderOnly,
];

#[component]
pub fn AdminPolicies() -> impl IntoView {
    let session = use_session();
    let current = LocalResource::new(|| api::get::<shared::api::admin::GetPolicies>(&[]));
    let chosen = RwSignal::new(None::<Policies>);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The outcome of the last save.
    let saved = RwSignal::new(None::<Result<(), ApiFailure>>);
    Effect::new(move |_| {
        if let Some(Ok(v)) = current.get() {
            chosen.set(Some(v.policies));
        }
    });
    let reason_error = move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == "reason")
                .map(|e| e.message.clone())
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(policies) = chosen.get_untracked() else {
            return;
        };
        let change = PolicyChange {
            policies,
            reason: reason.get_untracked(),
        };
        if let Err(e) = change.check() {
            errors.set(e);
            return;
        }
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            match api::send::<shared::api::admin::PutPolicies>(&[], &change, &csrf).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    reason.set(String::new());
                    saved.set(Some(Ok(())));
                    current.refetch();
                }
                Err(ApiFailure::Server(b)) if !b.fields.is_empty() => errors.set(b.fields),
                Err(e) => saved.set(Some(Err(e))),
            }
        });
    };

    view! {
        <section class="page">
            <h1>{tr("政策口径", "Policies")}</h1>
            <p class="lead">{tr(
                "《办法》未作规定、但会决定结果的两处口径由自治区人社厅确定。修改须说明理由，记入审计日志；此后按新口径作出的结果会注明所依口径。",
                "Two choices the measures leave open decide outcomes; HRSS sets them. A change needs a reason and is audited; results decided by a policy cite it.",
            )}</p>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || current.get().map(|r| match r {
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(v) => view! {
                        <p class="hint" data-testid="policies-updated">{match (v.updated_by, v.updated_at) {
                            (Some(by), Some(at)) => {
                                let at = crate::i18n::local_minute(at);
                                pick(format!("最近由 {by} 于 {at} 修改。"), format!("Last changed by {by} on {at}."))
                            }
                            _ => pick("尚未修改，使用默认口径。", "Not changed yet: the defaults apply.").to_owned(),
                        }}</p>
                    }.into_any(),
                })}
            </Suspense>
            <form class="card form" on:submit=save>
                <fieldset class="choices">
                    <legend>{tr("第十五条：总分恰为 60 分的等次", "Art. 15: the grade of exactly 60")}</legend>
                    <p class="hint">{tr(
                        "第十五条规定“60 分以上为合格，60 分以下为不合格”，恰为 60 分未作规定。",
                        "Art. 15 says above 60 qualifies and below 60 does not; exactly 60 is not placed.",
                    )}</p>
                    {SIXTY.into_iter().map(|(p, zh, en)| view! {
                        <label class="choice">
                            <input type="radio" name="sixty" prop:checked=move || chosen.get().is_some_and(|c| c.sixty == p)
                                on:change=move |_| chosen.update(|c| if let Some(c) = c { c.sixty = p }) />
                            <span>{tr(zh, en)}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="choices">
                    <legend>{tr("第十八条：3 年内不得再次申报的对象", "Art. 18: whom the 3-year ban binds")}</legend>
                    <p class="hint">{tr(
                        "第十八条规定被撤销命名的工作室“原则上 3 年内不得再次申报”，未说明限制的是依托单位还是带头人。",
                        "Art. 18 bars a revoked studio from applying again for 3 years without saying whether the unit or the leader is barred.",
                    )}</p>
                    {BAN.into_iter().map(|b| view! {
                        <label class="choice">
                            <input type="radio" name="ban_binds" prop:checked=move || chosen.get().is_some_and(|c| c.ban_binds == b)
                                on:change=move |_| chosen.update(|c| if let Some(c) = c { c.ban_binds = b }) />
                            <span>{move || pick(b.label_zh(), b.label_en())}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field" class:invalid=move || reason_error().is_some()>
                    <label for="policy-reason">{tr("修改理由（记入审计日志）", "Reason (recorded in the audit log)")}</label>
                    <textarea id="policy-reason" name="reason" rows="3" prop:value=move || reason.get()
                        aria-invalid=move || if reason_error().is_some() { "true" } else { "false" }
                        aria-describedby="policy-reason-error"
                        on:input=move |ev| { errors.set(Vec::new()); reason.set(event_target_value(&ev)); }></textarea>
                    {move || reason_error().map(|m| view! { <p class="error" role="alert" id="policy-reason-error">{m}</p> })}
                </div>
                <p class="ok" role="status">{move || saved.get().map(|r| match r {
                    Ok(()) => pick("已保存，并记入审计日志。", "Saved and recorded in the audit log.").to_owned(),
                    Err(e) => e.message(),
                })}</p>
                <button type="submit" class="primary">{tr("保存", "Save")}</button>
            </form>
        </section>
    }
}
