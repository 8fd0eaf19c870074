//! The verdict of an eligibility check, explained: what failed, what needs a justification, what
//! passed, each with its article (and the article's text on demand).

use crate::i18n::{Lang, tr, use_lang};
use leptos::prelude::*;
use shared::Severity;
use shared::eligibility::EligibilityReport;
use shared::finding::Finding;
use shared::wire::FieldError;
use std::collections::HashSet;

/// `incomplete` while the input has errors, else the severity name.
pub fn verdict_key(result: &Result<EligibilityReport, Vec<FieldError>>) -> String {
    match result {
        Ok(r) => shared::wire::enum_name(&r.verdict),
        Err(_) => "incomplete".into(),
    }
}

pub fn headline(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "pass" => ("符合申报条件", "Eligible"),
        "warning" => (
            "基本符合，须书面说明",
            "Eligible with a written justification",
        ),
        "manual_review" => ("需人工审核", "Needs manual review"),
        "fail" => ("不符合申报条件", "Not eligible"),
        _ => ("请完善信息", "Please complete the form"),
    };
    if lang == Lang::En { en } else { zh }
}

fn advice(s: Severity, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match s {
        Severity::Fail => (
            "须满足此条件方可提交申报。",
            "Must be met before you can apply.",
        ),
        Severity::Warning => (
            "可以申报，但须在申报书中书面说明理由。",
            "You may apply, with a written justification.",
        ),
        Severity::ManualReview => (
            "可以申报，由自治区人社厅人工审核。",
            "You may apply; HRSS reviews this by hand.",
        ),
        Severity::Pass => return None,
    };
    Some(if lang == Lang::En { en } else { zh })
}

#[component]
pub fn VerdictPanel(result: Memo<Result<EligibilityReport, Vec<FieldError>>>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(HashSet::<String>::new());
    let key = move || result.with(verdict_key);
    // What a screen reader hears: the verdict alone, announced politely when it changes (a memo:
    // a keystroke that leaves the verdict as it was changes nothing in the live region).
    let spoken = Memo::new(move |_| headline(&key(), lang.get()));
    let counts = move || {
        result.with(|r| match r {
            Ok(r) => {
                let n = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
                let (f, w, m, p) = (
                    n(Severity::Fail),
                    n(Severity::Warning),
                    n(Severity::ManualReview),
                    n(Severity::Pass),
                );
                let (zh, en) = (
                    format!("{f} 项不符合 · {w} 项需说明 · {m} 项需人工审核 · {p} 项符合"),
                    format!("{f} not met · {w} need a justification · {m} manual review · {p} met"),
                );
                if lang.get() == Lang::En { en } else { zh }
            }
            Err(e) => {
                let n = e.len();
                let (zh, en) = (
                    format!("有 {n} 处需填写或更正"),
                    format!("{n} field(s) to complete or correct"),
                );
                if lang.get() == Lang::En { en } else { zh }
            }
        })
    };
    let findings = move || {
        result.with(|r| {
            let mut list: Vec<Finding> = r.as_ref().map(|r| r.findings.clone()).unwrap_or_default();
            // Worst first; the rules' own order within a severity.
            list.sort_by_key(|f| std::cmp::Reverse(f.severity));
            list
        })
    };
    let notes = move || result.with(|r| r.as_ref().map(|r| r.notes.clone()).unwrap_or_default());
    view! {
        <section class="verdict-panel" aria-labelledby="verdict-title">
            <h2 id="verdict-title" class="visually-hidden">{tr("自查结论", "Verdict")}</h2>
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="verdict-live">{move || spoken.get()}</p>
            <div class="verdict" data-testid="verdict" data-verdict=key>
                <span class="verdict-icon" aria-hidden="true">
                    {move || match key().as_str() {
                        "pass" => "✓",
                        "fail" => "✕",
                        "incomplete" => "…",
                        _ => "!",
                    }}
                </span>
                <div>
                    <div class="verdict-headline">{move || headline(&key(), lang.get())}</div>
                    <div class="verdict-counts">{counts}</div>
                </div>
            </div>
            <ul class="findings" data-testid="findings">
                {move || {
                    findings()
                        .into_iter()
                        .map(|f| view! { <FindingItem finding=f open=open /> })
                        .collect_view()
                }}
            </ul>
            <div class="notes">
                {move || {
                    notes()
                        .into_iter()
                        .map(|n| view! { <p class="note">{if lang.get() == Lang::En { n.en } else { n.zh }}</p> })
                        .collect_view()
                }}
            </div>
        </section>
    }
}

#[component]
fn FindingItem(finding: Finding, open: RwSignal<HashSet<String>>) -> impl IntoView {
    let lang = use_lang();
    let rule = finding.rule.clone();
    let rule_for_toggle = rule.clone();
    let rule_for_show = rule.clone();
    let is_open = Signal::derive(move || open.with(|o| o.contains(&rule_for_show)));
    let text = shared::articles::text(&finding.article);
    let severity = finding.severity;
    let text_id = format!("article-{}", rule.replace('.', "-"));
    let text_id2 = text_id.clone();
    view! {
        <li class=format!("finding sev-{}", shared::wire::enum_name(&severity)) data-rule=rule data-severity=shared::wire::enum_name(&severity)>
            <div class="finding-head">
                <span class="badge">{move || if lang.get() == Lang::En { severity.label_en() } else { severity.label_zh() }}</span>
                <span class="article">{finding.article.clone()}</span>
                {text
                    .is_some()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="article-toggle"
                                aria-expanded=move || if is_open.get() { "true" } else { "false" }
                                aria-controls=text_id.clone()
                                on:click=move |_| {
                                    let r = rule_for_toggle.clone();
                                    open.update(|o| {
                                        if !o.remove(&r) {
                                            o.insert(r);
                                        }
                                    })
                                }
                            >
                                {tr("条文", "Article")}
                            </button>
                        }
                    })}
            </div>
            <p class="message">
                {
                    let (zh, en) = (finding.message_zh.clone(), finding.message_en.clone());
                    move || if lang.get() == Lang::En { en.clone() } else { zh.clone() }
                }
            </p>
            {move || advice(severity, lang.get()).map(|a| view! { <p class="advice">{a}</p> })}
            {text.map(|t| view! { <blockquote class="article-text" id=text_id2 hidden=move || !is_open.get()>{t}</blockquote> })}
        </li>
    }
}
