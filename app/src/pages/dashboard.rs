//! Journey 3: subsidy money by city — a map of Ningxia's five cities coloured by disbursement,
//! bars by city, the year-over-year line and the round's funnel, each with its table beside it.
//! Every figure comes from one server answer, so charts and tables agree to the fen. Click a city
//! to drill down to its counties (and, for HRSS and finance, its studios). Public visitors see the
//! same summary without studio lines.

use crate::api;
use crate::components::ningxia_outlines::{CITIES, VIEW_BOX};
use crate::components::parse_enum;
use crate::components::table::{DataTable, col, num};
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Fen;
use shared::account::Role;
use shared::api::query::{DashboardFilter, ExportFormat, ExportQuery};
use shared::dashboard::{DashboardView, Money, Row};
use shared::geo::City;

/// The export link of the page's table.
fn export_url(filter: &DashboardFilter, format: ExportFormat) -> String {
    let q = ExportQuery {
        format,
        filter: filter.clone(),
    };
    shared::api::url::<shared::api::dashboard::DashboardExport>(&[], &q)
}

/// Five shades from light to the brand red, by share of the largest value.
fn shade(v: i64, max: i64) -> &'static str {
    const SHADES: [&str; 6] = [
        "#f3f4f6", "#fde2e2", "#f8b4b4", "#f17f7f", "#d9474a", "#a61b21",
    ];
    if v <= 0 || max <= 0 {
        return SHADES[0];
    }
    let step = (v.saturating_mul(5) + max - 1) / max;
    SHADES[usize::try_from(step.clamp(1, 5)).unwrap_or(1)]
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = use_session();
    let filter = RwSignal::new(DashboardFilter::default());
    let data = RwSignal::new(None::<Result<DashboardView, api::ApiFailure>>);
    // The channel list comes with the first answer and stays while filters change.
    let channels = RwSignal::new(Vec::<shared::dashboard::ChannelOption>::new());
    Effect::new(move |_| {
        if let Some(Ok(v)) = data.get() {
            if channels.with_untracked(Vec::is_empty) {
                channels.set(v.channels.clone());
            }
            // Navigation → figures on screen, read by the browser suite.
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("dashboard-ready");
            }
        }
    });
    let detailed = move || matches!(session.role(), Some(Role::HrssAdmin | Role::Finance));
    Effect::new(move |_| {
        let q = filter.get();
        let d = detailed();
        if !session.known.get() {
            return;
        }
        spawn_local(async move {
            let found = if d {
                api::get_with::<shared::api::dashboard::Dashboard>(&[], &q).await
            } else {
                api::get_with::<shared::api::public::PublicDashboard>(&[], &q).await
            };
            data.set(Some(found));
        });
    });
    let set = move |f: fn(&mut DashboardFilter, String)| {
        move |ev| {
            let v = event_target_value(&ev);
            filter.update(|x| f(x, v));
        }
    };
    let this_year = {
        let d = js_sys::Date::new_0();
        d.get_full_year() as i32
    };
    view! {
        <section class="page dashboard">
            <h1>{tr("技能大师工作室补助资金", "Skill master studio subsidies")}</h1>
            <p class="lead">{tr("核定（第十二条）、拨付、使用（第十三条）与缴回（第十八条）情况，按工作室所在地市统计。", "Entitled (Art. 12), disbursed, used (Art. 13) and returned (Art. 18), by the city of each studio's unit.")}</p>
            <div class="toolbar" role="search">
                <div class="field">
                    <label for="dash-year">{tr("批准年度", "Approved in")}</label>
                    <select id="dash-year" on:change=set(|f, v| f.year = v.parse().ok())>
                        <option value="">{tr("全部", "All")}</option>
                        {(2023..=this_year).rev().map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-level">{tr("级别", "Level")}</label>
                    <select id="dash-level" on:change=set(|f, v| f.level = parse_enum(&v))>
                        <option value="">{tr("全部", "All")}</option>
                        <option value="regional">{tr("自治区级", "Regional")}</option>
                        <option value="national">{tr("国家级", "National")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="dash-category">{tr("国家级类别", "National category")}</label>
                    <select id="dash-category" on:change=set(|f, v| f.category = parse_enum(&v))>
                        <option value="">{tr("全部", "All")}</option>
                        <option value="manufacturing">{tr("生产制造类", "Manufacturing")}</option>
                        <option value="services">{tr("社会生产和生活服务类", "Social production and life services")}</option>
                        <option value="other">{tr("其他类", "Other")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="dash-channel">{tr("推荐渠道", "Channel")}</label>
                    <select id="dash-channel" on:change=set(|f, v| f.channel_org_id = v.parse().ok())>
                        <option value="">{tr("全部", "All")}</option>
                        {move || channels.get().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </div>
                {move || filter.with(|f| f.city).map(|c| {
                    let zh = c.label_zh();
                    let en = c.label_en();
                    view! {
                        <button type="button" class="small" on:click=move |_| filter.update(|f| f.city = None)>{move || pick(format!("‹ 返回全区（当前：{zh}）"), format!("‹ Back to all cities (now: {en})"))}</button>
                    }
                })}
            </div>
            {move || detailed().then(|| {
                let (xlsx, csv) = filter.with(|f| (export_url(f, ExportFormat::Xlsx), export_url(f, ExportFormat::Csv)));
                view! {
                    <p class="exports">
                        {tr("导出当前视图：", "Export this view: ")}
                        <a href=xlsx download="">"Excel (xlsx)"</a>" · "
                        <a href=csv download="">"CSV"</a>" · "
                        <button type="button" class="small" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{tr("打印", "Print")}</button>
                    </p>
                }
            })}
            {move || match data.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(v)) => view! { <Body v=v filter=filter /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Tiles(m: Money) -> impl IntoView {
    view! {
        <div class="tiles" data-testid="totals">
            <div class="tile"><span>{tr("工作室", "Studios")}</span><strong>{m.studios}</strong></div>
            <div class="tile"><span>{tr("核定补助", "Entitled subsidy")}</span><strong data-testid="total-entitled">{m.entitled_fen.to_string()}</strong></div>
            <div class="tile"><span>{tr("已拨付", "Disbursed")}</span><strong data-testid="total-disbursed">{m.disbursed_fen.to_string()}</strong></div>
            <div class="tile"><span>{tr("已使用", "Used")}</span><strong>{m.used_fen.to_string()}</strong></div>
            <div class="tile"><span>{tr("已缴回", "Returned")}</span><strong>{m.returned_fen.to_string()}</strong></div>
            <div class="tile"><span>{tr("待拨付", "Outstanding")}</span><strong>{m.outstanding_fen.to_string()}</strong></div>
        </div>
    }
}

#[component]
fn Body(v: DashboardView, filter: RwSignal<DashboardFilter>) -> impl IntoView {
    let city = filter.with_untracked(|f| f.city);
    view! {
        <Tiles m=v.totals />
        {match city {
            None => view! {
                <div class="chart-grid">
                    <Map rows=v.rows.clone() filter=filter />
                    <Bars rows=v.rows.clone() filter=filter />
                </div>
            }.into_any(),
            Some(c) => {
                let zh = c.label_zh();
                let en = c.label_en();
                view! {
                    <h2>{move || pick(format!("{zh} · 按县（市、区）"), format!("{en} · by county"))}</h2>
                    <Bars rows=v.rows.clone() filter=filter />
                }.into_any()
            }
        }}
        <MoneyTable rows=v.rows.clone() title=if city.is_some() { ("县（市、区）", "County") } else { ("地市", "City") } testid="rows-table" filter=Some(filter).filter(|_| city.is_none()) />
        {(!v.studios.is_empty()).then(|| view! {
            <h2>{tr("工作室明细", "Studios")}</h2>
            <MoneyTable rows=v.studios.clone() title=("工作室", "Studio") testid="studios-table" filter=None />
        })}
        <div class="chart-grid">
            <YearLine v=v.clone() />
            {v.funnel.clone().map(|f| view! { <FunnelChart f=f /> })}
        </div>
    }
}

#[component]
fn MoneyTable(
    rows: Vec<Row>,
    title: (&'static str, &'static str),
    testid: &'static str,
    filter: Option<RwSignal<DashboardFilter>>,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=tr(title.0, title.1) id=testid>
            <table class="data" data-testid=testid>
                <thead><tr>
                    <th scope="col">{tr(title.0, title.1)}</th><th scope="col" class="num">{tr("工作室", "Studios")}</th><th scope="col" class="num">{tr("核定补助", "Entitled subsidy")}</th>
                    <th scope="col" class="num">{tr("已拨付", "Disbursed")}</th><th scope="col" class="num">{tr("已使用", "Used")}</th><th scope="col" class="num">{tr("已缴回", "Returned")}</th><th scope="col" class="num">{tr("待拨付", "Outstanding")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let key = r.key.clone();
                        let label = match filter {
                            Some(flt) => {
                                let city = shared::wire::from_enum_name::<City>(&key).ok();
                                view! { <a href="#" on:click=move |ev| { ev.prevent_default(); flt.update(|f| f.city = city); }>{row_label(&r)}</a> }.into_any()
                            }
                            None => view! { <span>{row_label(&r)}</span> }.into_any(),
                        };
                        view! {
                            <tr data-key=r.key.clone()>
                                <th scope="row">{label}</th>
                                <td class="num">{r.money.studios}</td>
                                <td class="num">{r.money.entitled_fen.to_string()}</td>
                                <td class="num" data-testid="disbursed">{r.money.disbursed_fen.to_string()}</td>
                                <td class="num">{r.money.used_fen.to_string()}</td>
                                <td class="num">{r.money.returned_fen.to_string()}</td>
                                <td class="num">{r.money.outstanding_fen.to_string()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Ningxia's five cities, coloured by disbursement; click to drill down.
#[component]
fn Map(rows: Vec<Row>, filter: RwSignal<DashboardFilter>) -> impl IntoView {
    let max = rows
        .iter()
        .map(|r| r.money.disbursed_fen.fen())
        .max()
        .unwrap_or(0);
    view! {
        <figure class="card chart map" data-testid="map">
            <figcaption>{tr("各地市已拨付（颜色越深越多，点击查看县区）", "Disbursed by city (darker is more; click to drill down)")}</figcaption>
            <p class="chart-table-link"><a href="#rows-table">{tr("各地市数字见下表", "The figures are in the table below")}</a></p>
            // The map is a group of five named, focusable cities (Enter or Space drills down).
            <svg viewBox=VIEW_BOX role="group" aria-label=tr("宁夏五地市补助资金拨付地图", "Map of subsidies disbursed in Ningxia's five cities") aria-describedby="rows-table">
                {CITIES.iter().map(|(key, path, x, y)| {
                    let row = rows.iter().find(|r| r.key == *key).cloned();
                    let disbursed = row.as_ref().map_or(Fen::ZERO, |r| r.money.disbursed_fen);
                    let city = shared::wire::from_enum_name::<City>(key).ok();
                    let name: &'static str = city.map(|c| c.label_zh()).unwrap_or(*key);
                    let name_en: &'static str = city.map(|c| c.label_en()).unwrap_or(*key);
                    let label = move || pick(format!("{name}：已拨付 {disbursed}（查看县区）"), format!("{name_en}: {disbursed} disbursed (show counties)"));
                    view! {
                        <g class="city" data-city=*key tabindex="0" role="button" aria-label=label
                            on:click=move |_| filter.update(|f| f.city = city)
                            on:keydown=move |ev| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    filter.update(|f| f.city = city);
                                }
                            }>
                            <title>{move || pick(format!("{name}：已拨付 {disbursed}"), format!("{name_en}: {disbursed} disbursed"))}</title>
                            <path d=*path fill=shade(disbursed.fen(), max) />
                            <text x=*x y=*y text-anchor="middle" class="city-name">{move || pick(name, name_en)}</text>
                            <text x=*x y=*y + 44 text-anchor="middle" class="city-amount">{disbursed.to_string()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// Horizontal bars: entitled (outline) and disbursed (filled) per row, exact figures at the end.
/// A row's name in the page's language: a city's from its key, a county's or a studio's as the
/// server names it (data).
fn row_label(r: &Row) -> impl Fn() -> String + use<> {
    let city = shared::wire::from_enum_name::<City>(&r.key).ok();
    let label = r.label.clone();
    move || match city {
        Some(c) => pick(c.label_zh(), c.label_en()).to_owned(),
        None => label.clone(),
    }
}

#[component]
fn Bars(rows: Vec<Row>, filter: RwSignal<DashboardFilter>) -> impl IntoView {
    let max = rows
        .iter()
        .map(|r| r.money.entitled_fen.fen().max(r.money.disbursed_fen.fen()))
        .max()
        .unwrap_or(1)
        .max(1);
    let height = 40 * rows.len().max(1) + 30;
    let w = |v: i64| (v as f64 / max as f64 * 300.0).round();
    view! {
        <figure class="card chart bars" data-testid="bars">
            <figcaption>{tr("核定与已拨付", "Entitled and disbursed")}</figcaption>
            <p class="chart-table-link"><a href="#rows-table">{tr("数字见下表", "The figures are in the table below")}</a></p>
            <svg viewBox=format!("0 0 600 {height}") role="img" aria-label=tr("核定与已拨付柱状图", "Bar chart of entitled and disbursed subsidies") aria-describedby="rows-table">
                {rows.iter().enumerate().map(|(i, r)| {
                    let y = 30 + 40 * i;
                    let city = shared::wire::from_enum_name::<City>(&r.key).ok();
                    let clickable = filter.with_untracked(|f| f.city.is_none());
                    view! {
                        <g class="bar" data-key=r.key.clone() on:click=move |_| if clickable { filter.update(|f| f.city = city) }>
                            <text x="0" y=y + 20 class="bar-label">{row_label(r)}</text>
                            <rect x="100" y=y + 4 width=w(r.money.entitled_fen.fen()) height="24" class="entitled" />
                            <rect x="100" y=y + 8 width=w(r.money.disbursed_fen.fen()) height="16" class="disbursed" />
                            <text x=108.0 + w(r.money.entitled_fen.fen().max(r.money.disbursed_fen.fen())) y=y + 21 class="bar-value" data-testid="bar-disbursed">
                                {r.money.disbursed_fen.to_string()}
                            </text>
                        </g>
                    }
                }).collect_view()}
                <g class="legend"><rect x="100" y="4" width="14" height="14" class="entitled" /><text x="120" y="16">{tr("核定", "Entitled")}</text>
                    <rect x="180" y="4" width="14" height="14" class="disbursed" /><text x="200" y="16">{tr("已拨付", "Disbursed")}</text></g>
            </svg>
        </figure>
    }
}

/// Disbursed, used and returned by year, with the table of the same figures.
#[component]
fn YearLine(v: DashboardView) -> impl IntoView {
    let years = v.by_year.clone();
    let max = years
        .iter()
        .map(|y| y.disbursed_fen.fen().max(y.used_fen.fen()))
        .max()
        .unwrap_or(1)
        .max(1);
    let n = years.len().max(2) - 1;
    let x = |i: usize| 60.0 + i as f64 * (480.0 / n as f64);
    let y = |v: i64| 220.0 - v as f64 / max as f64 * 180.0;
    let line = |get: fn(&shared::dashboard::YearRow) -> Fen| {
        years
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{:.1},{:.1}", x(i), y(get(r).fen())))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let disbursed = line(|r| r.disbursed_fen);
    let used = line(|r| r.used_fen);
    view! {
        <figure class="card chart years" data-testid="years">
            <figcaption>{tr("逐年拨付与使用", "Disbursed and used by year")}</figcaption>
            {if years.is_empty() {
                view! { <p class="empty">{tr("尚无资金记录。", "No money recorded yet.")}</p> }.into_any()
            } else {
                view! {
                    <svg viewBox="0 0 600 250" role="img" aria-label=tr("逐年拨付与使用折线图（数字见下表）", "Line chart of disbursed and used by year (figures in the table below)") aria-describedby="years-table">
                        <line x1="60" y1="220" x2="560" y2="220" class="axis" />
                        <polyline points=disbursed class="line disbursed" />
                        <polyline points=used class="line used" />
                        {years.iter().enumerate().map(|(i, r)| {
                            let year = r.year;
                            let amount = r.disbursed_fen;
                            view! {
                                <circle cx=x(i) cy=y(r.disbursed_fen.fen()) r="5" class="dot disbursed"><title>{move || pick(format!("{year}年 已拨付 {amount}"), format!("{year}: {amount} disbursed"))}</title></circle>
                                <text x=x(i) y="242" text-anchor="middle">{r.year}</text>
                                <text x=x(i) y=y(r.disbursed_fen.fen()) - 10.0 text-anchor="middle" class="point-label">{r.disbursed_fen.to_string()}</text>
                            }
                        }).collect_view()}
                    </svg>
                    <DataTable class="compact" testid="years-table" caption=("逐年拨付与使用", "Disbursed and used by year") columns=vec![col("年度", "Year"), num("已拨付", "Disbursed"), num("已使用", "Used"), num("已缴回", "Returned")]>{years.iter().map(|r| view! {
                            <tr><td>{r.year}</td><td class="num">{r.disbursed_fen.to_string()}</td><td class="num">{r.used_fen.to_string()}</td><td class="num">{r.returned_fen.to_string()}</td></tr>
                        }).collect_view()}</DataTable>
                }.into_any()
            }}
        </figure>
    }
}

#[component]
fn FunnelChart(f: shared::dashboard::Funnel) -> impl IntoView {
    let steps = [
        ("申报", "Applied", f.applied),
        ("推荐", "Recommended", f.recommended),
        ("答辩", "Defended", f.defended),
        ("考察", "Inspected", f.inspected),
        ("批准", "Approved", f.approved),
    ];
    let max = f.applied.max(1);
    let year = f.round_year;
    view! {
        <figure class="card chart funnel" data-testid="funnel">
            <figcaption>{move || pick(format!("{year} 年度申报漏斗"), format!("{year} application funnel"))}</figcaption>
            {(f.applied == 0).then(|| view! { <p class="empty">{tr("本轮尚无提交的申报。", "Nothing submitted in this round yet.")}</p> })}
            <svg viewBox="0 0 600 230" role="img" aria-label=tr("申报漏斗（数字见下表）", "Application funnel (figures in the table below)") aria-describedby="funnel-table">
                {steps.iter().enumerate().map(|(i, (zh, en, n))| {
                    let width = (*n as f64 / max as f64 * 440.0).max(2.0);
                    let x = 80.0 + (440.0 - width) / 2.0;
                    let y = 10 + i * 44;
                    view! {
                        <text x="0" y=y + 26>{tr(zh, en)}</text>
                        <rect x=x y=y width=width height="36" rx="6" class=format!("step step-{i}") />
                        <text x="300" y=y + 24 text-anchor="middle" class="step-value">{*n}</text>
                    }
                }).collect_view()}
            </svg>
            <div class="table-wrap" tabindex="0" role="region" aria-label=tr("申报漏斗表", "Funnel table")>
                <table class="data compact" id="funnel-table">
                    <caption class="visually-hidden">{move || pick(format!("{year} 年度申报漏斗"), format!("{year} application funnel"))}</caption>
                    <thead><tr>{steps.iter().map(|(zh, en, _)| view! { <th scope="col" class="num">{tr(zh, en)}</th> }).collect_view()}</tr></thead>
                    <tbody><tr>{steps.iter().map(|(_, _, n)| view! { <td class="num">{*n}</td> }).collect_view()}</tr></tbody>
                </table>
            </div>
        </figure>
    }
}
