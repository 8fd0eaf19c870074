//! 第六章 on the studio page: where the studio stands, what is due, its annual reports with the
//! 第八条 targets, its assessments with every item explained, changes with their 60-day countdown,
//! and, for HRSS, decisions on changes and the exit of 第十八条.

use crate::api::{self, ApiFailure};
use crate::components::table::{DataTable, col, num};
use crate::i18n::tr;
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
    view! {
        <section class=status_class data-testid="studio-status" aria-labelledby="status-title">
            <h2 id="status-title">{tr("工作室状态", "Status")}": "<strong data-testid="status-label">{l.status.label_zh()}</strong></h2>
            <p>
                {format!("建设期 {} 至 {}；期满考核应在 {} 至 {} 进行（第十五条（二））。", l.term_start, l.term_end, l.end_of_term_from, l.end_of_term_until)}
            </p>
            {l.rectification_until.filter(|_| l.status == StudioStatus::Rectifying).map(|d| view! {
                <p class="warn" data-testid="rectification">{format!(
                    "期满考核不合格，限期整改至 {d}，{} 起复核；仍不合格的取消项目称号（第十七条）。",
                    d.succ_opt().unwrap_or(d)
                )}</p>
            })}
            {l.validity.iter().map(|f| view! {
                <p class="warn" data-testid="validity">{format!("{}（{}）", f.message_zh, f.article)}</p>
            }).collect_view()}
            {exit.map(|e| view! {
                <div class="exit" data-testid="exit">
                    <p><strong>{format!("已于 {} 决定退出：{}（{}）", e.decided_on, e.case.label_zh(), e.article)}</strong></p>
                    <p>{format!("原则上 {} 前不得再次申报（第十八条）。", e.ban_until)}</p>
                    <p data-testid="return-due">{format!("应缴回未使用资金 {}，已缴回 {}，尚欠 {}。", e.return_due, e.returned_since, e.outstanding)}</p>
                    <p class="muted">{format!("依据：{}", e.evidence)}</p>
                </div>
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
                        let items: Vec<String> = r.items.iter().map(|i| match i.due {
                            Some(d) => format!("{}（期限 {d}）", i.label),
                            None => i.label.clone(),
                        }).collect();
                        view! {
                            <li class:overdue=r.overdue data-kind=shared::wire::enum_name(&r.kind)>
                                <strong>{r.title.clone()}</strong>" "<span class="cite">{r.article.clone()}</span>
                                <div class="muted">{items.join("；")}</div>
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
            {l.assessments.is_empty().then(|| view! { <p class="muted">"尚无考核结果。"</p> })}
            {l.assessments.clone().into_iter().map(|a| {
                let grade_class = format!("grade grade-{}", shared::wire::enum_name(&a.grade.grade));
                view! {
                    <details class="assessment" data-kind=shared::wire::enum_name(&a.kind)>
                        <summary>
                            <strong>{format!("{} {} 年", a.kind.label_zh(), a.year)}</strong>" "
                            <span class="num">{format!("{} 分", a.total)}</span>" "
                            {a.exact_mean.clone().filter(|m| *m != a.total.to_string()).map(|m| view! { <span class="muted">{format!("（精确平均 {m}）")}</span> })}" "
                            <span class=grade_class>{a.grade.grade.label_zh()}</span>" · "
                            <span>{a.outcome.label_zh()}</span>
                            <span class="muted">{if a.panel_title.is_empty() { format!("（{}）", a.decided_on) } else { format!("（{}，{}）", a.panel_title, a.decided_on) }}</span>
                        </summary>
                        {a.grade.policy_note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                        <DataTable columns=vec![col("考核项目", "考核项目"), num("得分", "得分"), num("满分", "满分"), col("依据", "依据")]>
                                {a.items.iter().map(|i| view! {
                                    <tr><td>{i.label.clone()}</td><td class="num">{i.score.to_string()}</td><td class="num">{i.max.to_string()}</td><td>{i.explanation.clone()}</td></tr>
                                }).collect_view()}
                            </DataTable>
                        {(!a.comments.is_empty()).then(|| view! {
                            <h4>"考核组评语"</h4>
                            <ul>{a.comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                        })}
                    </details>
                }
            }).collect_view()}
        </section>
    }
}
