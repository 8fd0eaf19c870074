//! 第六章 on the studio page: where the studio stands, what is due, its annual reports with the
//! 第八条 targets, its assessments with every item explained, changes with their 60-day countdown,
//! and, for HRSS, decisions on changes and the exit of 第十八条.

use crate::api::{self, ApiFailure};
use crate::i18n::tr;
use crate::pages::applications::{confirmed, today};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::assessment::MediaLevel;
use shared::deadlines::ReportFiling;
use shared::eligibility::{LeaderFacts, SkillLevel, Title};
use shared::life::{
    AnnualFigures, AnnualReportInput, ChangeKind, ChangeState, Decision, ExitCase, Lecture,
    NewChange, NewExit, StudioLife, StudioStatus, Trainee,
};

type Life = RwSignal<Option<Result<StudioLife, ApiFailure>>>;

fn reload(studio: i32, life: Life) {
    spawn_local(async move {
        life.set(Some(
            api::get::<shared::api::life::StudioLife>(&[studio]).await,
        ))
    });
}

fn filing_label(f: ReportFiling) -> &'static str {
    match f {
        ReportFiling::OnTime => "按时报送",
        ReportFiling::Late => "逾期报送",
        ReportFiling::Missing => "未报送",
    }
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

#[derive(Clone, Default)]
struct TraineeRow {
    name: String,
    birth: String,
    level: String,
}

#[derive(Clone, Default)]
struct LectureRow {
    topic: String,
    held_on: String,
}

#[component]
fn Reports(l: StudioLife, studio: i32, life: Life, may_file: bool) -> impl IntoView {
    let session = use_session();
    let t = l.targets.clone();
    let filed_years: Vec<i32> = l
        .reports
        .iter()
        .filter(|r| r.filed_on.is_some())
        .map(|r| r.year)
        .collect();
    let this_year: i32 = today()
        .get(0..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let first_open = (l
        .term_start
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(this_year)
        ..=this_year.min(
            l.term_end
                .format("%Y")
                .to_string()
                .parse()
                .unwrap_or(this_year),
        ))
        .find(|y| !filed_years.contains(y));
    let draft = first_open.and_then(|y| l.reports.iter().find(|r| r.year == y).cloned());
    let f = draft
        .as_ref()
        .map(|d| d.figures.clone())
        .unwrap_or_default();
    let year = RwSignal::new(first_open.map(|y| y.to_string()).unwrap_or_default());
    let training = RwSignal::new(f.training_person_times.to_string());
    let senior = RwSignal::new(f.senior_trained.to_string());
    let partners = RwSignal::new(f.partner_count.to_string());
    let exchange = RwSignal::new(f.exchange_staff.to_string());
    let team = RwSignal::new(f.team_training);
    let media = RwSignal::new(shared::wire::enum_name(&f.media_level));
    let evidence = RwSignal::new(f.media_evidence.clone());
    let summary = RwSignal::new(
        draft
            .as_ref()
            .map(|d| d.summary.clone())
            .unwrap_or_default(),
    );
    let plan = RwSignal::new(draft.as_ref().map(|d| d.plan.clone()).unwrap_or_default());
    let trainees = StoredValue::new(
        f.trainees
            .iter()
            .map(|t| TraineeRow {
                name: t.name.clone(),
                birth: t.birth_date.to_string(),
                level: shared::wire::enum_name(&t.level),
            })
            .collect::<Vec<_>>(),
    );
    let trainee_count = RwSignal::new(f.trainees.len());
    let lectures = StoredValue::new(
        f.lectures
            .iter()
            .map(|l| LectureRow {
                topic: l.topic.clone(),
                held_on: l.held_on.to_string(),
            })
            .collect::<Vec<_>>(),
    );
    let lecture_count = RwSignal::new(f.lectures.len());
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(None::<String>);
    let err =
        move |name: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(name)));
    let count = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>().unwrap_or(-1);
    let save = move |submit: bool| {
        let Some(csrf) = session.csrf() else { return };
        if submit && !confirmed("报送后不能再修改。确定报送本年度工作总结和下一年工作计划吗？")
        {
            return;
        }
        let mut rows = Vec::new();
        for (i, r) in trainees.get_value().into_iter().enumerate() {
            let Ok(birth) = r.birth.parse() else {
                failure.set(Some(ApiFailure::invalid(
                    &format!("figures.trainees[{i}].birth_date"),
                    "请填写出生日期",
                    "请填写出生日期",
                )));
                return;
            };
            rows.push(Trainee {
                name: r.name,
                birth_date: birth,
                level: shared::wire::from_enum_name(&r.level).unwrap_or_default(),
            });
        }
        let mut talks = Vec::new();
        for (i, r) in lectures.get_value().into_iter().enumerate() {
            let Ok(on) = r.held_on.parse() else {
                failure.set(Some(ApiFailure::invalid(
                    &format!("figures.lectures[{i}].held_on"),
                    "请填写讲座日期",
                    "请填写讲座日期",
                )));
                return;
            };
            talks.push(Lecture {
                topic: r.topic,
                held_on: on,
            });
        }
        let body = AnnualReportInput {
            year: year.get_untracked().parse().unwrap_or(0),
            figures: AnnualFigures {
                training_person_times: count(training),
                senior_trained: count(senior),
                partner_count: count(partners),
                exchange_staff: count(exchange),
                team_training: team.get_untracked(),
                media_level: shared::wire::from_enum_name(&media.get_untracked())
                    .unwrap_or(MediaLevel::None),
                media_evidence: evidence.get_untracked(),
                trainees: rows,
                lectures: talks,
            },
            summary: summary.get_untracked(),
            plan: plan.get_untracked(),
            submit,
        };
        spawn_local(async move {
            match api::send::<shared::api::life::SaveReport>(&[studio], &body, &csrf).await {
                Ok(r) => {
                    failure.set(None);
                    saved.set(Some(match r.filed_on {
                        Some(d) => format!(
                            "{} 年度总结已于 {d} 报送（{}）",
                            r.year,
                            filing_label(r.filing)
                        ),
                        None => format!("{} 年度总结草稿已保存", r.year),
                    }));
                    if r.filed_on.is_some() {
                        reload(studio, life);
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let num = move |label: &'static str, field: &'static str, sig: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="number" inputmode="numeric" min="0" name=field prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) />
                <span class="error">{err(field)}</span>
            </label>
        }
    };
    view! {
        <section class="card reports" data-testid="reports" aria-labelledby="reports-title">
            <h2 id="reports-title">{tr("年度工作总结和计划（第十五条）", "Annual reports (Art. 15)")}</h2>
            <p data-testid="targets">
                {format!(
                    "第八条年均目标：青年高级工以上骨干 {}/年（目标 ≥ 5，{}），专业讲座 {}/年（目标 ≥ 4，{}），按 {} 个年度计{}。",
                    t.young_senior_avg, if t.young_senior_met { "达标" } else { "未达标" },
                    t.lectures_avg, if t.lectures_met { "达标" } else { "未达标" }, t.years,
                    if t.missing_years.is_empty() {
                        String::new()
                    } else {
                        let years: Vec<String> = t.missing_years.iter().map(i32::to_string).collect();
                        format!("（其中 {} 年度逾期未报，按零计）", years.join("、"))
                    }
                )}
            </p>
            <div class="table-wrap">
                <table class="data">
                    <thead><tr><th scope="col">{tr("年度", "Year")}</th><th scope="col">{tr("截止", "Due")}</th><th scope="col">{tr("报送", "Filed")}</th><th scope="col">{tr("附件第7项", "Item 7")}</th><th scope="col" class="num">{tr("培训人次", "Training")}</th><th scope="col" class="num">{tr("青年骨干", "Young senior")}</th><th scope="col" class="num">{tr("讲座", "Lectures")}</th></tr></thead>
                    <tbody>
                        {l.reports.iter().map(|r| view! {
                            <tr data-year=r.year>
                                <td>{r.year}</td><td>{r.due.to_string()}</td>
                                <td>{r.filed_on.map(|d| d.to_string()).unwrap_or_else(|| "草稿".into())}</td>
                                <td class=format!("filing-{}", shared::wire::enum_name(&r.filing))>{filing_label(r.filing)}</td>
                                <td class="num">{r.figures.training_person_times}</td><td class="num">{r.young_senior}</td><td class="num">{r.lectures}</td>
                            </tr>
                        }).collect_view()}
                        {l.missing_reports.iter().map(|y| view! {
                            <tr class="overdue" data-year=*y><td>{*y}</td><td>{format!("{y}-12-31")}</td><td>"—"</td><td class="filing-missing">"逾期未报"</td><td></td><td></td><td></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(may_file && first_open.is_some()).then(|| view! {
                <form class="report-form" on:submit=move |ev| { ev.prevent_default(); save(true) }>
                    <h3>{move || format!("填报 {} 年度", year.get())}</h3>
                    <div class="grid-2">
                        {num("面向社会及在职职工培训（人次）", "figures.training_person_times", training)}
                        {num("培养高级工以上技能人才（人）", "figures.senior_trained", senior)}
                        {num("合作院校、企业（家）", "figures.partner_count", partners)}
                        {num("团队成员到合作单位交流（人）", "figures.exchange_staff", exchange)}
                    </div>
                    <label class="check"><input type="checkbox" prop:checked=move || team.get() on:change=move |ev| team.set(event_target_checked(&ev)) />" 团队成员参加培训或技能竞赛"</label>
                    <label class="field">
                        <span>"报道工作室培训经验的最高媒体级别"</span>
                        <select name="figures.media_level" on:change=move |ev| media.set(event_target_value(&ev)) prop:value=move || media.get()>
                            <option value="none">"无"</option><option value="county">"县级"</option><option value="city">"市级"</option><option value="regional">"自治区级"</option><option value="central">"中央级"</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>"报道链接或剪报说明"</span>
                        <input type="text" name="figures.media_evidence" prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev)) />
                        <span class="error">{err("figures.media_evidence")}</span>
                    </label>
                    <fieldset>
                        <legend>"第八条：培养的青年高级工以上骨干（35 周岁以下）"</legend>
                        {move || (0..trainee_count.get()).map(|i| {
                            let row = trainees.with_value(|r| r.get(i).cloned().unwrap_or_default());
                            view! {
                                <div class="row-inputs">
                                    <input type="text" placeholder="姓名" aria-label="姓名" value=row.name on:input=move |ev| trainees.update_value(|r| r[i].name = event_target_value(&ev)) />
                                    <input type="date" aria-label="出生日期" value=row.birth on:input=move |ev| trainees.update_value(|r| r[i].birth = event_target_value(&ev)) />
                                    <select aria-label="技能等级" on:change=move |ev| trainees.update_value(|r| r[i].level = event_target_value(&ev))>
                                        {SkillLevel::ALL.iter().map(|l| { let v = shared::wire::enum_name(l); let sel = v == row.level; view! { <option value=v selected=sel>{l.label_zh()}</option> } }).collect_view()}
                                    </select>
                                    <span class="error">{err_at("figures.trainees", i, "name", failure)}</span>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="secondary" on:click=move |_| { trainees.update_value(|r| r.push(TraineeRow { level: "senior".into(), ..Default::default() })); trainee_count.update(|n| *n += 1); }>"＋ 学员"</button>
                    </fieldset>
                    <fieldset>
                        <legend>"第八条：专业技术讲座"</legend>
                        {move || (0..lecture_count.get()).map(|i| {
                            let row = lectures.with_value(|r| r.get(i).cloned().unwrap_or_default());
                            view! {
                                <div class="row-inputs">
                                    <input type="text" placeholder="讲座主题" aria-label="讲座主题" value=row.topic on:input=move |ev| lectures.update_value(|r| r[i].topic = event_target_value(&ev)) />
                                    <input type="date" aria-label="讲座日期" value=row.held_on on:input=move |ev| lectures.update_value(|r| r[i].held_on = event_target_value(&ev)) />
                                    <span class="error">{err_at("figures.lectures", i, "held_on", failure)}</span>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="secondary" on:click=move |_| { lectures.update_value(|r| r.push(LectureRow::default())); lecture_count.update(|n| *n += 1); }>"＋ 讲座"</button>
                    </fieldset>
                    <label class="field">
                        <span>"本年度工作总结"</span>
                        <textarea name="summary" rows="5" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                        <span class="error">{err("summary")}</span>
                    </label>
                    <label class="field">
                        <span>"下一年工作计划"</span>
                        <textarea name="plan" rows="4" prop:value=move || plan.get() on:input=move |ev| plan.set(event_target_value(&ev))></textarea>
                        <span class="error">{err("plan")}</span>
                    </label>
                    <span class="error">{err("year")}</span>
                    <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
                    <p class="ok" role="status">{move || saved.get()}</p>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| save(false)>"保存草稿"</button>
                        <button type="submit" data-testid="file-report">"报送"</button>
                    </div>
                </form>
            })}
        </section>
    }
}

fn err_at(
    list: &'static str,
    i: usize,
    first: &'static str,
    failure: RwSignal<Option<ApiFailure>>,
) -> impl Fn() -> Option<String> {
    move || {
        failure.with(|e| {
            let e = e.as_ref()?;
            e.field(&format!("{list}[{i}].{first}"))
                .or_else(|| e.field(&format!("{list}[{i}].birth_date")))
                .or_else(|| e.field(&format!("{list}[{i}].topic")))
                .or_else(|| e.field(&format!("{list}[{i}].held_on")))
        })
    }
}

#[component]
fn Assessments(l: StudioLife) -> impl IntoView {
    view! {
        <section class="card assessments" data-testid="assessments" aria-labelledby="ass-title">
            <h2 id="ass-title">{tr("考核结果（第十五条、附件）", "Assessments (Art. 15)")}</h2>
            {l.assessments.is_empty().then(|| view! { <p class="muted">"尚无考核结果。"</p> })}
            {l.assessments.iter().map(|a| {
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
                        <table class="data">
                            <thead><tr><th scope="col">"考核项目"</th><th scope="col" class="num">"得分"</th><th scope="col" class="num">"满分"</th><th scope="col">"依据"</th></tr></thead>
                            <tbody>
                                {a.items.iter().map(|i| view! {
                                    <tr><td>{i.label.clone()}</td><td class="num">{i.score.to_string()}</td><td class="num">{i.max.to_string()}</td><td>{i.explanation.clone()}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
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

#[component]
fn Changes(l: StudioLife, studio: i32, life: Life, may_request: bool) -> impl IntoView {
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
            {(may_request && !l.changes.iter().any(|c| c.state.open())).then(|| view! { <LeaderChangeForm studio=studio life=life /> })}
        </section>
    }
}

#[component]
fn LeaderChangeForm(studio: i32, life: Life) -> impl IntoView {
    let session = use_session();
    let event_on = RwSignal::new(today());
    let cause = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let same_unit = RwSignal::new(false);
    let birth = RwSignal::new(String::new());
    let level = RwSignal::new("senior_technician".to_owned());
    let title = RwSignal::new(String::new());
    let checks: [(&'static str, &'static str, RwSignal<bool>); 9] = [
        ("top_skill", "技能拔尖、技艺精湛", RwSignal::new(false)),
        (
            "mentoring_experience",
            "带徒传技经验丰富",
            RwSignal::new(false),
        ),
        ("healthy", "身体健康", RwSignal::new(false)),
        (
            "can_run_studio",
            "能承担工作室日常工作",
            RwSignal::new(false),
        ),
        (
            "active_innovation",
            "积极开展技术技能革新",
            RwSignal::new(false),
        ),
        (
            "influential_invention",
            "取得有影响的发明创造",
            RwSignal::new(false),
        ),
        ("economic_benefit", "产生较大经济效益", RwSignal::new(false)),
        ("unique_skills", "有绝技绝活", RwSignal::new(false)),
        (
            "craft_contribution",
            "对传统、民族工艺传承有较大贡献",
            RwSignal::new(false),
        ),
    ];
    let failure = RwSignal::new(None::<ApiFailure>);
    let err = move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let get = |k: &str| {
            checks
                .iter()
                .find(|c| c.0 == k)
                .is_some_and(|c| c.2.get_untracked())
        };
        let Ok(birth_date) = birth.get_untracked().parse() else {
            failure.set(Some(ApiFailure::invalid(
                "new_leader.birth_date",
                "请填写新带头人的出生日期",
                "请填写新带头人的出生日期",
            )));
            return;
        };
        let leader = LeaderFacts {
            birth_date,
            titles: shared::wire::from_enum_name::<Title>(&title.get_untracked())
                .ok()
                .into_iter()
                .collect(),
            skill_level: shared::wire::from_enum_name(&level.get_untracked()).unwrap_or_default(),
            active_innovation: get("active_innovation"),
            influential_invention: get("influential_invention"),
            economic_benefit: get("economic_benefit"),
            unique_skills: get("unique_skills"),
            craft_contribution: get("craft_contribution"),
            top_skill: get("top_skill"),
            mentoring_experience: get("mentoring_experience"),
            healthy: get("healthy"),
            can_run_studio: get("can_run_studio"),
            ..LeaderFacts::default()
        };
        let body = NewChange {
            kind: ChangeKind::Leader,
            event_on: event_on.get_untracked().parse().unwrap_or_default(),
            cause: cause.get_untracked(),
            new_leader_name: name.get_untracked(),
            new_leader: Some(leader),
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
                <label class="field"><span>"出生日期"</span><input type="date" name="new_leader.birth_date" prop:value=move || birth.get() on:input=move |ev| birth.set(event_target_value(&ev)) /><span class="error">{err("new_leader.birth_date")}</span></label>
                <label class="field"><span>"技能等级"</span>
                    <select name="new_leader.skill_level" on:change=move |ev| level.set(event_target_value(&ev)) prop:value=move || level.get()>
                        {SkillLevel::ALL.iter().map(|l| view! { <option value=shared::wire::enum_name(l)>{l.label_zh()}</option> }).collect_view()}
                    </select>
                    <span class="error">{err("new_leader.skill_level")}</span>
                </label>
                <label class="field"><span>"最高荣誉称号"</span>
                    <select name="new_leader.titles" on:change=move |ev| title.set(event_target_value(&ev))>
                        <option value="">"无"</option>
                        {Title::ALL.iter().map(|t| view! { <option value=shared::wire::enum_name(t)>{t.label_zh()}</option> }).collect_view()}
                    </select>
                    <span class="error">{err("new_leader.titles")}</span>
                </label>
            </div>
            <fieldset class="checks">
                <legend>"新带头人的条件（第十条（一））"</legend>
                {checks.iter().map(|(k, label, sig)| { let sig = *sig; let k = *k; view! {
                    <label class="check"><input type="checkbox" name=format!("new_leader.{k}") prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev)) />" "{*label}</label>
                }}).collect_view()}
                <span class="error">{err("new_leader.route")}</span>
                <span class="error">{err("new_leader.top_skill")}</span>
            </fieldset>
            <label class="field"><span>"变更原因"</span><textarea name="cause" rows="3" prop:value=move || cause.get() on:input=move |ev| cause.set(event_target_value(&ev))></textarea><span class="error">{err("cause")}</span></label>
            <label class="check"><input type="checkbox" name="new_leader_same_unit" prop:checked=move || same_unit.get() on:change=move |ev| same_unit.set(event_target_checked(&ev)) />" 新带头人为本单位人员（第十六条（一）“由本单位…人员接任”）"</label>
            <span class="error">{err("new_leader_same_unit")}</span>
            <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
            <button type="submit">"提交变更申请"</button>
        </form>
    }
}

#[component]
fn ExitForm(studio: i32, life: Life) -> impl IntoView {
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
        if !confirmed(
            "退出决定作出后，未使用资金应予缴回，单位和带头人原则上 3 年内不得再次申报。确定吗？",
        ) {
            return;
        }
        let body = NewExit {
            case: shared::wire::from_enum_name(&case.get_untracked())
                .unwrap_or(ExitCase::FundsMisused),
            evidence: evidence.get_untracked(),
            investigation: investigation.get_untracked(),
            decided_on: decided.get_untracked().parse().unwrap_or_default(),
        };
        spawn_local(async move {
            match api::send::<shared::api::life::Exit>(&[studio], &body, &csrf).await {
                Ok(l) => life.set(Some(Ok(l))),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <details class="card exit-form">
            <summary><strong>"决定退出（第十八条）"</strong></summary>
            <form on:submit=submit>
                <label class="field"><span>"退出情形"</span>
                    <select name="case" on:change=move |ev| case.set(event_target_value(&ev)) prop:value=move || case.get()>
                        {ExitCase::ALL.iter().map(|c| view! { <option value=shared::wire::enum_name(c)>{format!("{} {}", c.article(), c.label_zh())}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>"决定日期"</span><input type="date" name="decided_on" prop:value=move || decided.get() on:input=move |ev| decided.set(event_target_value(&ev)) /><span class="error">{err("decided_on")}</span></label>
                <label class="field"><span>"依据与证据"</span><textarea name="evidence" rows="3" prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev))></textarea><span class="error">{err("evidence")}</span></label>
                <label class="field"><span>"调查核实情况（第（四）、（五）项必填）"</span><textarea name="investigation" rows="3" prop:value=move || investigation.get() on:input=move |ev| investigation.set(event_target_value(&ev))></textarea><span class="error">{err("investigation")}</span></label>
                <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
                <button type="submit" class="danger" data-testid="exit-submit">"作出退出决定"</button>
            </form>
        </details>
    }
}
