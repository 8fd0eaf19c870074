//! 第十五条: the annual reports with the 第八条 targets, drafted and filed by the studio's unit.

use super::Life;
use super::reload;
use crate::api::{self, ApiFailure};
use crate::components::dialog;
use crate::components::table::{self, DataTable, col};
use crate::i18n::{pick, tr};
use crate::pages::common::today;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::assessment::MediaLevel;
use shared::eligibility::SkillLevel;
use shared::life::{AnnualFigures, AnnualReportInput, Lecture, StudioLife, Trainee};

#[derive(Clone, Default)]
pub(super) struct TraineeRow {
    name: String,
    birth: String,
    level: String,
}

#[derive(Clone, Default)]
pub(super) struct LectureRow {
    topic: String,
    held_on: String,
}

#[component]
pub(super) fn Reports(l: StudioLife, studio: i32, life: Life, may_file: bool) -> impl IntoView {
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
    // The message after saving, in Chinese and in English.
    let saved = RwSignal::new(None::<(String, String)>);
    let err =
        move |name: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(name)));
    let count = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>().unwrap_or(-1);
    let save = move |submit: bool| {
        let Some(csrf) = session.csrf() else { return };
        let question = pick(
            "报送后不能再修改。确定报送本年度工作总结和下一年工作计划吗？",
            "A filed report can no longer change. File this year's report and next year's plan?",
        );
        let mut rows = Vec::new();
        for (i, r) in trainees.get_value().into_iter().enumerate() {
            let Ok(birth) = r.birth.parse() else {
                failure.set(Some(ApiFailure::invalid(
                    &format!("figures.trainees[{i}].birth_date"),
                    "请填写出生日期",
                    "enter the date of birth",
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
                    "enter the date of the lecture",
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
            if submit && !dialog::confirm(question.to_owned()).await {
                return;
            }
            match api::send::<shared::api::life::SaveReport>(&[studio], &body, &csrf).await {
                Ok(r) => {
                    failure.set(None);
                    let report_year = r.year;
                    saved.set(Some(match r.filed_on {
                        Some(d) => {
                            let (filing_zh, filing_en) = (r.filing.label_zh(), r.filing.label_en());
                            (
                                format!("{report_year} 年度总结已于 {d} 报送（{filing_zh}）"),
                                format!("The {report_year} annual summary was filed on {d} ({filing_en})"),
                            )
                        }
                        None => (
                            format!("{report_year} 年度总结草稿已保存"),
                            format!("The {report_year} annual summary draft is saved"),
                        ),
                    }));
                    if r.filed_on.is_some() {
                        reload(studio, life);
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let num = move |zh: &'static str,
                    en: &'static str,
                    field: &'static str,
                    sig: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{tr(zh, en)}</span>
                <input type="number" inputmode="numeric" min="0" name=field prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) />
                <span class="error">{err(field)}</span>
            </label>
        }
    };
    view! {
        <section class="card reports" data-testid="reports" aria-labelledby="reports-title">
            <h2 id="reports-title">{tr("年度工作总结和计划（第十五条）", "Annual reports (Art. 15)")}</h2>
            <p data-testid="targets">
                {move || {
                    let (ys, ls, n) = (t.young_senior_avg, t.lectures_avg, t.years);
                    let ys_met = if t.young_senior_met { pick("达标", "met") } else { pick("未达标", "not met") };
                    let ls_met = if t.lectures_met { pick("达标", "met") } else { pick("未达标", "not met") };
                    let missing = if t.missing_years.is_empty() {
                        String::new()
                    } else {
                        let years: Vec<String> = t.missing_years.iter().map(i32::to_string).collect();
                        let listed = years.join(pick("、", ", "));
                        pick(format!("（其中 {listed} 年度逾期未报，按零计）"), format!(" (of which {listed} not filed, counted as zero)"))
                    };
                    pick(
                        format!("第八条年均目标：青年高级工以上骨干 {ys}/年（目标 ≥ 5，{ys_met}），专业讲座 {ls}/年（目标 ≥ 4，{ls_met}），按 {n} 个年度计{missing}。"),
                        format!("Art. 8 yearly averages: young senior-level skilled workers {ys}/year (target ≥ 5, {ys_met}), technical lectures {ls}/year (target ≥ 4, {ls_met}), over {n} years{missing}."),
                    )
                }}
            </p>
            <DataTable columns=vec![col("年度", "Year"), col("截止", "Due"), col("报送", "Filed"), col("附件第7项", "Item 7"), table::num("培训人次", "Training"), table::num("青年骨干", "Young senior"), table::num("讲座", "Lectures")]>
                        {l.reports.iter().map(|r| {
                            let (filed, filing) = (r.filed_on, r.filing);
                            view! {
                                <tr data-year=r.year>
                                    <td>{r.year}</td><td>{r.due.to_string()}</td>
                                    <td>{move || filed.map(|d| d.to_string()).unwrap_or_else(|| pick("草稿", "Draft").into())}</td>
                                    <td class=format!("filing-{}", shared::wire::enum_name(&r.filing))>{move || pick(filing.label_zh(), filing.label_en())}</td>
                                    <td class="num">{r.figures.training_person_times}</td><td class="num">{r.young_senior}</td><td class="num">{r.lectures}</td>
                                </tr>
                            }
                        }).collect_view()}
                        {l.missing_reports.iter().map(|y| view! {
                            <tr class="overdue" data-year=*y><td>{*y}</td><td>{format!("{y}-12-31")}</td><td>"—"</td><td class="filing-missing">{tr("逾期未报", "Overdue")}</td><td></td><td></td><td></td></tr>
                        }).collect_view()}
                    </DataTable>
            {(may_file && first_open.is_some()).then(|| view! {
                <form class="report-form" on:submit=move |ev| { ev.prevent_default(); save(true) }>
                    <h3>{move || {
                        let y = year.get();
                        pick(format!("填报 {y} 年度"), format!("Report for {y}"))
                    }}</h3>
                    <div class="grid-2">
                        {num("面向社会及在职职工培训（人次）", "Training for the public and employees (person-times)", "figures.training_person_times", training)}
                        {num("培养高级工以上技能人才（人）", "Skilled workers trained to senior level or above (persons)", "figures.senior_trained", senior)}
                        {num("合作院校、企业（家）", "Partner schools and enterprises (number)", "figures.partner_count", partners)}
                        {num("团队成员到合作单位交流（人）", "Team members on exchange at partners (persons)", "figures.exchange_staff", exchange)}
                    </div>
                    <label class="check"><input type="checkbox" prop:checked=move || team.get() on:change=move |ev| team.set(event_target_checked(&ev)) />{tr(" 团队成员参加培训或技能竞赛", " Team members took part in training or skill contests")}</label>
                    <label class="field">
                        <span>{tr("报道工作室培训经验的最高媒体级别", "Highest level of media that reported the studio's training")}</span>
                        <select name="figures.media_level" on:change=move |ev| media.set(event_target_value(&ev)) prop:value=move || media.get()>
                            <option value="none">{tr("无", "None")}</option><option value="county">{tr("县级", "County")}</option><option value="city">{tr("市级", "City")}</option><option value="regional">{tr("自治区级", "Regional")}</option><option value="central">{tr("中央级", "Central")}</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>{tr("报道链接或剪报说明", "Link to the report or description of the clipping")}</span>
                        <input type="text" name="figures.media_evidence" prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev)) />
                        <span class="error">{err("figures.media_evidence")}</span>
                    </label>
                    <fieldset>
                        <legend>{tr("第八条：培养的青年高级工以上骨干（35 周岁以下）", "Art. 8: young senior-level skilled workers trained (aged 35 or under)")}</legend>
                        {move || (0..trainee_count.get()).map(|i| {
                            let row = trainees.with_value(|r| r.get(i).cloned().unwrap_or_default());
                            view! {
                                <div class="row-inputs">
                                    <input type="text" placeholder=tr("姓名", "Name") aria-label=tr("姓名", "Name") value=row.name on:input=move |ev| trainees.update_value(|r| r[i].name = event_target_value(&ev)) />
                                    <input type="date" aria-label=tr("出生日期", "Date of birth") value=row.birth on:input=move |ev| trainees.update_value(|r| r[i].birth = event_target_value(&ev)) />
                                    <select aria-label=tr("技能等级", "Skill level") on:change=move |ev| trainees.update_value(|r| r[i].level = event_target_value(&ev))>
                                        {SkillLevel::ALL.iter().map(|l| { let l = *l; let v = shared::wire::enum_name(&l); let sel = v == row.level; view! { <option value=v selected=sel>{move || pick(l.label_zh(), l.label_en())}</option> } }).collect_view()}
                                    </select>
                                    <span class="error">{err_at("figures.trainees", i, "name", failure)}</span>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="secondary" on:click=move |_| { trainees.update_value(|r| r.push(TraineeRow { level: "senior".into(), ..Default::default() })); trainee_count.update(|n| *n += 1); }>{tr("＋ 学员", "+ Trainee")}</button>
                    </fieldset>
                    <fieldset>
                        <legend>{tr("第八条：专业技术讲座", "Art. 8: technical lectures")}</legend>
                        {move || (0..lecture_count.get()).map(|i| {
                            let row = lectures.with_value(|r| r.get(i).cloned().unwrap_or_default());
                            view! {
                                <div class="row-inputs">
                                    <input type="text" placeholder=tr("讲座主题", "Lecture topic") aria-label=tr("讲座主题", "Lecture topic") value=row.topic on:input=move |ev| lectures.update_value(|r| r[i].topic = event_target_value(&ev)) />
                                    <input type="date" aria-label=tr("讲座日期", "Date of the lecture") value=row.held_on on:input=move |ev| lectures.update_value(|r| r[i].held_on = event_target_value(&ev)) />
                                    <span class="error">{err_at("figures.lectures", i, "held_on", failure)}</span>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="secondary" on:click=move |_| { lectures.update_value(|r| r.push(LectureRow::default())); lecture_count.update(|n| *n += 1); }>{tr("＋ 讲座", "+ Lecture")}</button>
                    </fieldset>
                    <label class="field">
                        <span>{tr("本年度工作总结", "Summary of this year's work")}</span>
                        <textarea name="summary" rows="5" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                        <span class="error">{err("summary")}</span>
                    </label>
                    <label class="field">
                        <span>{tr("下一年工作计划", "Plan for next year")}</span>
                        <textarea name="plan" rows="4" prop:value=move || plan.get() on:input=move |ev| plan.set(event_target_value(&ev))></textarea>
                        <span class="error">{err("plan")}</span>
                    </label>
                    <span class="error">{err("year")}</span>
                    <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
                    <p class="ok" role="status">{move || saved.get().map(|(zh, en)| pick(zh, en))}</p>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| save(false)>{tr("保存草稿", "Save draft")}</button>
                        <button type="submit" data-testid="file-report">{tr("报送", "File")}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

pub(super) fn err_at(
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
