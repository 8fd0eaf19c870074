//! 第六章 on the studio page: where the studio stands, what is due, its annual reports with the
//! 第八条 targets, its assessments with every item explained, changes with their 60-day countdown,
//! and, for HRSS, decisions on changes and the exit of 第十八条.

use crate::api::{self, ApiFailure};
use crate::components::table::{DataTable, col, num};
use crate::i18n::{pick, tr};
use crate::session::use_session;
use changes::Changes;
use exit::ExitForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use reports::Reports;
use shared::account::Role;
use shared::life::{StudioLife, StudioStatus};
mod changes;
mod exit;
mod host_change;
mod reports;

type Life = RwSignal<Option<Result<StudioLife, ApiFailure>>>;

fn reload(studio: i32, life: Life) {
    spawn_local(async move {
        life.set(Some(
            api::get::<shared::api::life::StudioLife>(&[studio]).await,
        ))
    });
}

#[component]
pub fn StudioLifePanel(studio: i32, regional: bool) -> impl IntoView {
    let life: Life = RwSignal::new(None);
    reload(studio, life);
    view! {
        {move || match life.get() {
            None => view! { <p>"…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
            Some(Ok(l)) => view! { <LifeView l=l studio=studio regional=regional life=life /> }.into_any(),
        }}
    }
}

#[component]
fn LifeView(l: StudioLife, studio: i32, regional: bool, life: Life) -> impl IntoView {
    let session = use_session();
    let role = session.role();
    let active = matches!(l.status, StudioStatus::Building | StudioStatus::Rectifying);
    let status_class = format!(
        "status-banner card status-{}",
        shared::wire::enum_name(&l.status)
    );
    let exit = l.exit.clone();
    let status = l.status;
    let (ts, te, ef, eu) = (
        l.term_start,
        l.term_end,
        l.end_of_term_from,
        l.end_of_term_until,
    );
    view! {
        <section class=status_class data-testid="studio-status" aria-labelledby="status-title">
            <h2 id="status-title">{tr("工作室状态", "Status")}": "<strong data-testid="status-label">{move || pick(status.label_zh(), status.label_en())}</strong></h2>
            <p>
                {move || pick(
                    format!("建设期 {ts} 至 {te}；期满考核应在 {ef} 至 {eu} 进行（第十五条（二））。"),
                    format!("Construction period {ts} to {te}; the end-of-term assessment is due between {ef} and {eu} (Art. 15(2))."),
                )}
            </p>
            {l.rectification_until.filter(|_| l.status == StudioStatus::Rectifying).map(|d| {
                let from = d.succ_opt().unwrap_or(d);
                view! {
                    <p class="warn" data-testid="rectification">{move || pick(
                        format!("期满考核不合格，限期整改至 {d}，{from} 起复核；仍不合格的取消项目称号（第十七条）。"),
                        format!("Unqualified at the end of term: rectification until {d}, re-assessment from {from}; a studio still unqualified then loses its title (Art. 17)."),
                    )}</p>
                }
            })}
            {l.validity.iter().map(|f| {
                let (zh, en, article) = (f.message_zh.clone(), f.message_en.clone(), f.article.clone());
                view! {
                    <p class="warn" data-testid="validity">{move || pick(format!("{zh}（{article}）"), format!("{en} ({article})"))}</p>
                }
            }).collect_view()}
            {exit.map(|e| {
                let (on, case, article, ban) = (e.decided_on, e.case, e.article.clone(), e.ban_until);
                let (due, returned, owed) = (e.return_due, e.returned_since, e.outstanding);
                let evidence = e.evidence.clone();
                view! {
                    <div class="exit" data-testid="exit">
                        <p><strong>{move || {
                            let (case_zh, case_en) = (case.label_zh(), case.label_en());
                            pick(format!("已于 {on} 决定退出：{case_zh}（{article}）"), format!("Exit decided on {on}: {case_en} ({article})"))
                        }}</strong></p>
                        <p>{move || pick(format!("原则上 {ban} 前不得再次申报（第十八条）。"), format!("As a rule, no new application before {ban} (Art. 18)."))}</p>
                        <p data-testid="return-due">{move || pick(format!("应缴回未使用资金 {due}，已缴回 {returned}，尚欠 {owed}。"), format!("Unused funds to return: {due}; returned: {returned}; still owed: {owed}."))}</p>
                        <p class="muted">{move || pick(format!("依据：{evidence}"), format!("Grounds: {evidence}"))}</p>
                    </div>
                }
            })}
        </section>
        <Reminders l=l.clone() />
        <Reports l=l.clone() studio=studio life=life may_file={role == Some(Role::Applicant) && active} />
        <Assessments l=l.clone() />
        <Changes l=l.clone() studio=studio life=life may_request={role == Some(Role::Applicant) && regional && l.status.in_being()} />
        {(role == Some(Role::HrssAdmin) && l.status != StudioStatus::Exited).then(|| view! { <ExitForm studio=studio life=life /> })}
    }
}

#[component]
fn Reminders(l: StudioLife) -> impl IntoView {
    (!l.reminders.is_empty()).then(|| {
        view! {
            <section class="card reminders" data-testid="reminders" aria-labelledby="due-title">
                <h2 id="due-title">{tr("待办与期限", "Due and overdue")}</h2>
                <ul>
                    {l.reminders.iter().map(|r| {
                        let items: Vec<_> = r.items.iter().map(|i| (i.label.clone(), i.label_en.clone(), i.due)).collect();
                        let kind = r.kind;
                        view! {
                            <li class:overdue=r.overdue data-kind=shared::wire::enum_name(&r.kind)>
                                <strong>{move || pick(kind.title_zh(), kind.title_en())}</strong>" "<span class="cite">{r.article.clone()}</span>
                                <div class="muted">{move || items.iter().map(|(label, label_en, due)| match due {
                                    Some(d) => pick(format!("{label}（期限 {d}）"), format!("{label_en} (due {d})")),
                                    None => pick(label, label_en).clone(),
                                }).collect::<Vec<_>>().join(pick("；", "; "))}</div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Assessments(l: StudioLife) -> impl IntoView {
    view! {
        <section class="card assessments" data-testid="assessments" aria-labelledby="ass-title">
            <h2 id="ass-title">{tr("考核结果（第十五条、附件）", "Assessments (Art. 15)")}</h2>
            {l.assessments.is_empty().then(|| view! { <p class="muted">{tr("尚无考核结果。", "No assessment results yet.")}</p> })}
            {l.assessments.clone().into_iter().map(|a| {
                let grade_class = format!("grade grade-{}", shared::wire::enum_name(&a.grade.grade));
                let (kind, year, total, grade, outcome) = (a.kind, a.year, a.total, a.grade.grade, a.outcome);
                let (panel, on) = (a.panel_title.clone(), a.decided_on);
                view! {
                    <details class="assessment" data-kind=shared::wire::enum_name(&a.kind)>
                        <summary>
                            <strong>{move || {
                                let (kind_zh, kind_en) = (kind.label_zh(), kind.label_en());
                                pick(format!("{kind_zh} {year} 年"), format!("{kind_en} {year}"))
                            }}</strong>" "
                            <span class="num">{move || pick(format!("{total} 分"), format!("{total} points"))}</span>" "
                            {a.exact_mean.clone().filter(|m| *m != a.total.to_string()).map(|m| view! { <span class="muted">{move || pick(format!("（精确平均 {m}）"), format!(" (exact mean {m})"))}</span> })}" "
                            <span class=grade_class>{move || pick(grade.label_zh(), grade.label_en())}</span>" · "
                            <span>{move || pick(outcome.label_zh(), outcome.label_en())}</span>
                            <span class="muted">{move || if panel.is_empty() { pick(format!("（{on}）"), format!(" ({on})")) } else { pick(format!("（{panel}，{on}）"), format!(" ({panel}, {on})")) }}</span>
                        </summary>
                        {a.grade.policy_note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                        <DataTable columns=vec![col("考核项目", "Item"), num("得分", "Score"), num("满分", "Max"), col("依据", "Basis")]>
                                {a.items.iter().map(|i| {
                                    let (why, why_en) = (i.explanation.clone(), i.explanation_en.clone());
                                    view! {
                                    <tr><td>{i.label.clone()}</td><td class="num">{i.score.to_string()}</td><td class="num">{i.max.to_string()}</td><td>{move || if why_en.is_empty() { why.clone() } else { pick(why.clone(), why_en.clone()) }}</td></tr>
                                }}).collect_view()}
                            </DataTable>
                        {(!a.comments.is_empty()).then(|| view! {
                            <h4>{tr("考核组评语", "Panel comments")}</h4>
                            <ul>{a.comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                        })}
                    </details>
                }
            }).collect_view()}
        </section>
    }
}
