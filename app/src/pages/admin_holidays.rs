//! HRSS: the working-day calendar. 2023–2026 are compiled in; a later year is entered here once
//! the State Council publishes it, and until then a public notice cannot run into that year.

use crate::api::{self, ApiFailure};
use crate::components::table::{DataTable, col, num};
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::calendar::{DayKind, HolidaySchedule};

#[component]
pub fn AdminHolidays() -> impl IntoView {
    let session = use_session();
    let years = LocalResource::new(|| api::get::<shared::api::admin::ListHolidays>(&[]));
    // The year a schedule is usually entered for: next year (published each November).
    let next =
        chrono::Datelike::year(&crate::components::eligibility_form::today_in_yinchuan()) + 1;
    let year = RwSignal::new(next.to_string());
    let text = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Vec<shared::wire::FieldError>>);
    // The year saved and its number of dates, or what went wrong.
    let saved = RwSignal::new(None::<Result<(i32, usize), ApiFailure>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let y: i32 = year.get_untracked().trim().parse().unwrap_or(0);
        // Parsed and checked here with the server's own rules; the server checks again.
        let schedule = match HolidaySchedule::parse(y, &text.get_untracked())
            .and_then(|s| s.check().map(|()| s))
        {
            Ok(s) => s,
            Err(e) => {
                failure.set(Some(e));
                return;
            }
        };
        spawn_local(async move {
            match api::send::<shared::api::admin::PutHolidays>(&[schedule.year], &schedule, &csrf)
                .await
            {
                Ok(s) => {
                    failure.set(None);
                    saved.set(Some(Ok((s.year, s.days.len()))));
                    years.refetch();
                }
                Err(ApiFailure::Server(b)) => failure.set(Some(b.fields)),
                Err(e) => saved.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="page">
            <h1>{tr("节假日安排", "Holiday schedules")}</h1>
            <p class="lead">{tr(
                "公示期按工作日计算（第十一条（五））。2023–2026 年的国务院安排已内置；以后年度请在国务院办公厅公布后录入，未录入的年度不能计算公示截止日。",
                "Notices count working days (Art. 11(5)). 2023–2026 are built in; enter later years once the State Council publishes them — until then a notice cannot end in that year.",
            )}</p>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || years.get().map(|r| match r {
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) => view! {
                        <DataTable testid="holiday-years" columns=vec![col("年度", "Year"), col("来源", "Source"), num("放假日", "Days off"), num("调休上班", "Make-up working days")]>
                                {list.into_iter().map(|y| {
                                    let off = y.days.iter().filter(|d| d.kind == DayKind::Off).count();
                                    let work = y.days.len() - off;
                                    view! { <tr><td>{y.year}</td><td>{if y.embedded { pick("内置", "Built in") } else { pick("管理员录入", "Entered by an administrator") }}</td><td class="num">{off}</td><td class="num">{work}</td></tr> }
                                }).collect_view()}
                            </DataTable>
                    }.into_any(),
                })}
            </Suspense>
            <form class="card form" on:submit=save>
                <h2>{tr("录入或替换一个年度", "Enter or replace a year")}</h2>
                <label class="field"><span>{tr("年度", "Year")}</span>
                    <input type="number" name="year" inputmode="numeric" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{tr("每行一个日期：日期 off（放假）或 work（调休上班） 名称", "One date a line: the date, off (holiday) or work (make-up working day), and a name")}</span>
                    <textarea name="days" rows="12" placeholder=move || pick(format!("{next}-01-01 off 元旦\n{next}-02-20 work 春节"), format!("{next}-01-01 off New Year's Day\n{next}-02-20 work Spring Festival")) prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
                <div role="alert">
                    <ul class="error">
                        {move || failure.get().unwrap_or_default().into_iter().map(|f| {
                            let (field, zh, en) = (f.field, f.message, f.message_en);
                            view! { <li>{pick(format!("{field}：{zh}"), format!("{field}: {en}"))}</li> }
                        }).collect_view()}
                    </ul>
                </div>
                <p class="ok" role="status">{move || saved.get().map(|r| match r {
                    Ok((y, n)) => pick(format!("{y} 年的安排已保存：{n} 个日期。"), format!("The {y} schedule is saved: {n} dates.")),
                    Err(e) => e.message(),
                })}</p>
                <button type="submit" class="primary">{tr("保存", "Save")}</button>
            </form>
        </section>
    }
}
