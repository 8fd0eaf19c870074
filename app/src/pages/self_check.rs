//! Journey 1: an applicant self-checks eligibility. The verdict is recomputed by `shared` (in wasm)
//! on every keystroke; the server check posts the same input to the authoritative endpoint.

use crate::api;
use crate::components::eligibility_form::{EligibilityForm, performance};
use crate::components::verdict::{VerdictPanel, headline, verdict_key};
use crate::i18n::{Lang, pick, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::eligibility::{self, EligibilityPolicy};

#[component]
pub fn SelfCheck() -> impl IntoView {
    let lang = use_lang();
    let mut kept = crate::storage::load_form().unwrap_or_default();
    // Age and the ban are counted on today here; an application is counted on its submission day.
    kept.application_date = crate::components::eligibility_form::today_in_yinchuan().to_string();
    let form = RwSignal::new(kept);
    let result = Memo::new(move |_| {
        form.with(|f| f.to_input())
            .map(|input| eligibility::evaluate(&input, &EligibilityPolicy::default()))
    });
    let errors =
        Signal::derive(move || result.with(|r| r.as_ref().err().cloned().unwrap_or_default()));

    Effect::new(move |_| form.with(crate::storage::save_form));
    Effect::new(move |_| {
        result.track();
        if let Some(p) = performance()
            && p.get_entries_by_name("input").length() > 0
        {
            let _ = p.measure_with_start_mark("keystroke-to-verdict", "input");
            p.clear_marks_with_mark_name("input");
        }
    });

    // The authoritative check on the server, on demand.
    let server = RwSignal::new(None::<Result<shared::Severity, String>>);
    let checking = RwSignal::new(false);
    let run_server_check = move |_| {
        let Ok(input) = form.with(|f| f.to_input()) else {
            server.set(Some(Err(pick(
                "请先完善信息。",
                "Complete the form first.",
            )
            .into())));
            return;
        };
        checking.set(true);
        spawn_local(async move {
            // The failure in the page's language (the server's message, or the network's).
            let outcome = api::send::<shared::api::public::Eligibility>(&[], &input, "")
                .await
                .map(|report| report.verdict)
                .map_err(|e| e.message());
            server.set(Some(outcome));
            checking.set(false);
        });
    };
    let local_key = move || result.with(verdict_key);

    view! {
            <div class="page self-check">
                <div class="page-head">
                    <h1>{tr("技能大师工作室申报资格自查", "Eligibility self-check")}</h1>
                    <p class="lead">
                        {tr(
                            "填写带头人和申报单位的情况，结论随输入即时更新，每条结论均注明《管理办法》条款。填写内容仅保存在本机浏览器中。",
                            "Describe the leader and the unit; the verdict updates as you type and cites the measures' articles. What you type stays in this browser.",
                        )}
                    </p>
                </div>
                <div class="self-check-grid">
    <EligibilityForm form=form errors=errors date_note=Signal::derive(move || {
        let (zh, en) = (
            "年龄和限制按今天核验（正式申报以提交当日为准）：",
            "Age and the ban are counted as of today (an application: on the day it is submitted): ",
        );
        if lang.get() == Lang::En { en.to_owned() } else { zh.to_owned() }
    }) />
                    <aside class="card result">
                        <VerdictPanel result=result />
                        <div class="server-check">
                            <button type="button" class="primary" on:click=run_server_check disabled=move || checking.get()>
                                {tr("服务器核验", "Check on the server")}
                            </button>
                            {move || {
                                server
                                    .get()
                                    .map(|outcome| match outcome {
                                        Ok(v) => {
                                            let same = shared::wire::enum_name(&v) == local_key();
                                            let label = if lang.get() == Lang::En { v.label_en() } else { v.label_zh() };
                                            let (agree_zh, agree_en) = if same {
                                                ("与本页结论一致", "same as this page")
                                            } else {
                                                ("与本页结论不同，以服务器为准", "differs from this page: the server decides")
                                            };
                                            let (zh, en) = (format!("（{agree_zh}）"), format!(" ({agree_en})"));
                                            let agree = if lang.get() == Lang::En { en } else { zh };
                                            view! {
                                                <p class="server-verdict" data-testid="server-verdict" data-verdict=shared::wire::enum_name(&v)>
                                                    {tr("服务器结论：", "Server: ")}
                                                    <strong>{label}</strong>
                                                    {agree}
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        Err(message) => view! { <p class="server-verdict error" role="alert" data-testid="server-verdict" data-verdict="error">{message}</p> }.into_any(),
                                    })
                            }}
                        </div>
                    </aside>
                </div>
                // On narrow screens the panel sits below the form: this bar keeps the verdict in view.
                <a class="verdict-bar" href="#verdict-title" data-verdict=local_key aria-hidden="true" tabindex="-1">
                    <span class="verdict-bar-label">{move || headline(&local_key(), lang.get())}</span>
                    <span class="verdict-bar-more">{tr("查看详情 ↓", "Details ↓")}</span>
                </a>
            </div>
        }
}
