//! Expert panels: the list (HRSS forms new ones; experts open their tablet), and the panel page —
//! the chair's and HRSS's live progress per expert and candidate, outliers, reopening a signed
//! sheet, closing scoring, then the ranking with every raw score and which were dropped.

use crate::api;
use crate::components::dialog;
use crate::i18n::{pick, tr};
use crate::pages::common::failure_text;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use new_panel::NewPanelForm;
use shared::account::Role;
use shared::panel::{PanelState, PanelView, Reopen, SheetStatus};
mod new_panel;

#[component]
pub fn PanelList() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Result<Vec<shared::panel::PanelSummary>, api::ApiFailure>>);
    let reload = move || {
        spawn_local(async move {
            list.set(Some(api::get::<shared::api::panels::ListPanels>(&[]).await))
        })
    };
    reload();
    view! {
        <section class="page">
            <h1>{tr("评审组", "Expert panels")}</h1>
            {move || match list.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr("暂无评审组。", "No panels yet.")}</p> }.into_any(),
                Some(Ok(rows)) => view! {
                    <ul class="panel-list">
                        {rows.into_iter().map(|p| view! {
                            <li class="card" data-testid="panel-row">
                                <h2>{p.title.clone()}</h2>
                                <p class="muted">{
                                    let purpose = pick(p.purpose.label_zh(), p.purpose.label_en());
                                    let (group, experts, candidates, chair) = (&p.occupation_group, p.experts, p.candidates, &p.chair_name);
                                    let (closed_zh, closed_en) = if p.state == PanelState::Closed { (" · 已结束", " · closed") } else { ("", "") };
                                    pick(
                                        format!("{purpose} · {group} · 专家 {experts} 名 · 评审对象 {candidates} 个 · 组长 {chair}{closed_zh}"),
                                        format!("{purpose} · {group} · {experts} experts · {candidates} candidates · chair {chair}{closed_en}"),
                                    )
                                }</p>
                                <div class="actions">
                                    {p.i_score.then(|| view! { <a class="button primary big" href=format!("/scoring/{}", p.id) rel=crate::rel_for("/scoring/0")>{tr("进入评分（平板）", "Score (tablet)")}</a> })}
                                    {(p.i_chair || !p.i_score).then(|| view! { <a class="button" href=format!("/panels/{}", p.id)>{tr("进度与排名", "Progress and ranking")}</a> })}
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <Show when=move || matches!(session.role(), Some(Role::HrssAdmin | Role::Recommender))>
                <NewPanelForm on_created=move || reload() />
            </Show>
        </section>
    }
}

#[component]
pub fn PanelPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()))
        .unwrap_or(0);
    let panel = RwSignal::new(None::<Result<PanelView, api::ApiFailure>>);
    let reload = move || {
        spawn_local(async move {
            panel.set(Some(api::get::<shared::api::panels::GetPanel>(&[id]).await))
        })
    };
    reload();
    // Live progress: the chair's view refreshes while scoring is open.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if panel.with_untracked(|p| matches!(p, Some(Ok(v)) if v.state == PanelState::Open)) {
                reload();
            }
        },
        std::time::Duration::from_secs(5),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <section class="page panel-page">
            {move || match panel.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(v)) => view! { <PanelBody v=v on_change=move |next| panel.set(Some(Ok(next))) /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PanelBody(
    v: PanelView,
    on_change: impl Fn(PanelView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let failure = RwSignal::new(None::<String>);
    let id = v.id;
    let close = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "结束评分后将按声明的规则汇总排名，所有专家的分数将公开给评审组。确定结束吗？",
            "Closing scoring ranks the candidates by the declared rule and shows every expert's scores to the panel. Close it?",
        );
        spawn_local(async move {
            if !dialog::confirm(question.to_owned()).await {
                return;
            }
            match api::send::<shared::api::panels::ClosePanel>(&[id], &(), &csrf).await {
                Ok(next) => on_change(next),
                Err(e) => failure.set(Some(failure_text(&e))),
            }
        });
    };
    let reopen = move |sheet: i32| {
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "重新开启后，专家须重新签名提交该评分表。请填写重新开启的理由：",
            "Once reopened, the expert must sign and submit this sheet again. Give the reason for reopening it:",
        );
        spawn_local(async move {
            let Some(reason) = dialog::reason(question.to_owned()).await else {
                return;
            };
            match api::send::<shared::api::panels::ReopenSheet>(&[sheet], &Reopen { reason }, &csrf)
                .await
            {
                Ok(next) => on_change(next),
                Err(e) => failure.set(Some(failure_text(&e))),
            }
        });
    };
    let experts: Vec<(i32, String)> = {
        let mut e: Vec<(i32, String)> = v
            .sheets
            .iter()
            .map(|s| (s.expert_id, s.expert_name.clone()))
            .collect();
        e.dedup();
        let mut seen = std::collections::HashSet::new();
        e.retain(|(id, _)| seen.insert(*id));
        e
    };
    let open = v.state == PanelState::Open;
    let i_chair = v.i_chair;
    let signed = v
        .sheets
        .iter()
        .filter(|s| matches!(s.status, SheetStatus::Signed | SheetStatus::Recused))
        .count();
    let total = v.sheets.len();
    let aggregation = v.aggregation;
    let lead = {
        let purpose = v.purpose;
        let (group, rubric, chair) = (
            v.occupation_group.clone(),
            v.rubric.name.clone(),
            v.chair_name.clone(),
        );
        move || {
            let purpose = pick(purpose.label_zh(), purpose.label_en());
            let how = pick(aggregation.label_zh(), aggregation.label_en());
            pick(
                format!("{purpose} · {group} · {rubric} · 组长 {chair} · {how}"),
                format!("{purpose} · {group} · {rubric} · chair {chair} · {how}"),
            )
        }
    };
    view! {
        <h1>{v.title.clone()}</h1>
        <p class="lead">{lead}</p>
        {(!v.rubric.from_text).then(|| view! { <p class="notice">{v.rubric.note.clone()}</p> })}
        <p data-testid="progress">{move || pick(format!("评分进度：{signed} / {total} 张评分表已签名或回避"), format!("Progress: {signed} of {total} sheets signed or recused"))}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=tr("评分进度", "Scoring progress")>
            <table class="data progress-grid" data-testid="progress-grid">
                <thead><tr>
                    <th scope="col">{tr("评审对象", "Candidate")}</th>
                    {experts.iter().map(|(_, n)| view! { <th scope="col">{n.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {v.candidates.iter().map(|c| {
                        let cid = c.id;
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {}", c.position, c.studio_name)}</th>
                                {experts.iter().map(|(e, _)| {
                                    let s = v.sheets.iter().find(|s| s.candidate_id == cid && s.expert_id == *e).cloned();
                                    match s {
                                        None => view! { <td>"—"</td> }.into_any(),
                                        Some(s) => {
                                            let sid = s.id;
                                            let (label_zh, label_en) = match s.status {
                                                SheetStatus::Empty => ("未开始".to_owned(), "Not started".to_owned()),
                                                SheetStatus::Draft => {
                                                    let n = s.changes;
                                                    (format!("评分中（{n} 条）"), format!("Scoring ({n} changes)"))
                                                }
                                                SheetStatus::Signed => match s.total {
                                                    Some(t) => (format!("已签名 {t}"), format!("Signed {t}")),
                                                    None => ("已签名".to_owned(), "Signed".to_owned()),
                                                },
                                                SheetStatus::Recused => ("回避".to_owned(), "Recused".to_owned()),
                                            };
                                            let label = move || pick(label_zh.clone(), label_en.clone());
                                            view! {
                                                <td class=format!("sheet-{}", shared::wire::enum_name(&s.status)) class:outlier=s.outlier title=s.recusal.clone().unwrap_or_default()>
                                                    {label}
                                                    {s.outlier.then(|| view! { <span class="badge sev-warning" title=tr("与其他专家的合计相差 15 分以上", "Total differs from the other experts' totals by more than 15 points")>{tr(" 偏离", " Outlier")}</span> })}
                                                    {(open && i_chair && s.status == SheetStatus::Signed).then(|| view! {
                                                        <button type="button" class="small" on:click=move |_| reopen(sid)>{tr("重新开启", "Reopen")}</button>
                                                    })}
                                                </td>
                                            }.into_any()
                                        }
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(open && i_chair).then(|| view! {
            <button type="button" class="primary" on:click=close>{tr("结束评分并汇总排名", "Close scoring and rank")}</button>
        })}
        {v.ranking.clone().map(|rows| view! {
            <h2>{tr("排名", "Ranking")}</h2>
            <p class="muted">{move || {
                let how = pick(aggregation.label_zh(), aggregation.label_en());
                pick(
                    format!("汇总方法：{how}。同分依次比较声明的规则，仍相同则并列。"),
                    format!("Aggregation: {how}. Equal scores are compared by the declared rules in turn; if still equal, they share the place."),
                )
            }}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=tr("排名", "Ranking")>
                <table class="data ranking" data-testid="ranking">
                    <thead><tr>
                        <th scope="col">{tr("名次", "Place")}</th>
                        <th scope="col">{tr("评审对象", "Candidate")}</th>
                        {rows.first().map(|r| r.totals.iter().map(|(n, _)| view! { <th scope="col" class="num">{n.clone()}</th> }).collect_view())}
                        <th scope="col" class="num">{tr("汇总得分", "Score")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|r| view! {
                            <tr>
                                <td>{r.place}</td>
                                <td>{
                                    let (studio, unit) = (r.studio_name.clone(), r.unit_name.clone());
                                    move || pick(format!("{studio}（{unit}）"), format!("{studio} ({unit})"))
                                }</td>
                                {r.totals.iter().map(|(n, t)| {
                                    let dropped = r.dropped.contains(n);
                                    let score = t.map(|t| t.to_string());
                                    view! { <td class="num" class:dropped=dropped title=move || if dropped { pick("去掉的分数", "Dropped score") } else { "" }>{move || score.clone().unwrap_or_else(|| pick("回避", "Recused").into())}</td> }
                                }).collect_view()}
                                <td class="num"><strong>{r.score.to_string()}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="exports">
                <a href=format!("/api/panels/{id}/export") download="">{tr("导出评分表和排名（xlsx）", "Export sheets and ranking (xlsx)")}</a>
                " · "
                <button type="button" class="small" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{tr("打印", "Print")}</button>
            </p>
        })}
        {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
    }
}
