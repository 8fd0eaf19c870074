//! The board reviewers work from (第四章): the recommender's queue, where the channel ranks its
//! applications and submits the list, and the HRSS round board, where each later stage is decided
//! in a batch. Both share the filtered, sorted, paged table with CSV/xlsx export.

mod recommend;
mod stages;

use crate::api;
use crate::components::parse_enum;
use crate::components::table::{DataTable, col, num};
use crate::i18n::{Lang, pick, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::api::procedure::BoardExport;
use shared::api::query::{BoardQuery, ExportFormat, ExportQuery};
use shared::application::Round;
use shared::geo::City;
use shared::procedure::BoardPage;
use shared::workflow::AppState;

pub(crate) use super::common::{failure_text, state_label};

/// The states a board filters by: every state but a draft (a board never sees drafts).
fn states() -> impl Iterator<Item = AppState> {
    AppState::ALL.into_iter().filter(|s| *s != AppState::Draft)
}

/// The rows of one page of the table.
const PER_PAGE: u64 = 20;

/// The export links' URL for the table's filter (every page of it).
fn export_url(filter: &BoardQuery, format: ExportFormat) -> String {
    let filter = BoardQuery {
        page: None,
        per_page: None,
        ..filter.clone()
    };
    shared::api::url::<BoardExport>(&[], &ExportQuery { format, filter })
}

#[component]
pub fn Board() -> impl IntoView {
    let session = use_session();
    let rounds = LocalResource::new(|| api::get::<shared::api::procedure::ListRounds>(&[]));
    view! {
        <section class="page board">
            {move || match session.role() {
                Some(Role::Recommender) => view! { <h1>{tr("推荐工作台", "Recommendation queue")}</h1> }.into_any(),
                _ => view! { <h1>{tr("评审看板", "Round board")}</h1> }.into_any(),
            }}
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || rounds.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{tr("尚无申报轮次。", "No rounds yet.")}</p> }.into_any(),
                    Ok(list) => view! { <RoundBoard rounds=list /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RoundBoard(rounds: Vec<Round>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let current = RwSignal::new(rounds[0].clone());
    let filter = RwSignal::new(BoardQuery {
        round_id: Some(rounds[0].id),
        page: Some(1),
        per_page: Some(PER_PAGE),
        ..BoardQuery::default()
    });
    let page = RwSignal::new(None::<Result<BoardPage, api::ApiFailure>>);
    // Bumped after every decision, so the table and the stage panels reload.
    let changed = RwSignal::new(0);
    Effect::new(move |_| {
        let q = filter.get();
        changed.track();
        spawn_local(async move {
            page.set(Some(
                api::get_with::<shared::api::procedure::Board>(&[], &q).await,
            ))
        });
    });
    let set = move |f: fn(&mut BoardQuery, String)| {
        move |ev| {
            let v = event_target_value(&ev);
            filter.update(|flt| {
                f(flt, v);
                flt.page = Some(1);
            });
        }
    };
    let rounds_for_select = rounds.clone();
    let hrss = move || session.role() == Some(Role::HrssAdmin);
    view! {
        <div class="toolbar" role="search">
            <div class="field">
                <label for="board-round">{tr("轮次", "Round")}</label>
                <select id="board-round" on:change=move |ev| {
                    let id: i32 = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some(r) = rounds_for_select.iter().find(|r| r.id == id) {
                        current.set(r.clone());
                        filter.update(|f| { f.round_id = Some(id); f.page = Some(1); });
                    }
                }>
                    {rounds.iter().map(|r| view! { <option value=r.id.to_string()>{r.title.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="board-state">{tr("状态", "State")}</label>
                <select id="board-state" on:change=set(|f, v| f.state = parse_enum(&v))>
                    <option value="">{tr("全部", "All")}</option>
                    {states().map(|s| view! {
                        <option value=crate::pages::common::shared_state(s)>{move || state_label(s, lang.get())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="board-city">{tr("地市", "City")}</label>
                <select id="board-city" on:change=set(|f, v| f.city = parse_enum(&v))>
                    <option value="">{tr("全部", "All")}</option>
                    {City::ALL.into_iter().map(|c| view! {
                        <option value=shared::wire::enum_name(&c)>{move || if lang.get() == Lang::En { c.label_en() } else { c.label_zh() }}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="board-level">{tr("级别", "Level")}</label>
                <select id="board-level" on:change=set(|f, v| f.level = parse_enum(&v))>
                    <option value="">{tr("全部", "All")}</option>
                    <option value="regional">{tr("自治区级", "Regional")}</option>
                    <option value="national">{tr("国家级", "National")}</option>
                </select>
            </div>
            <div class="field">
                <label for="board-q">{tr("单位名称", "Unit name")}</label>
                <input id="board-q" type="search" on:input=set(|f, v| f.q = Some(v.trim().to_owned()).filter(|t| !t.is_empty())) />
            </div>
            <div class="field">
                <label for="board-sort">{tr("排序", "Sort")}</label>
                <select id="board-sort" on:change=set(|f, v| {
                    let (sort, dir) = v.split_once(':').unwrap_or(("id", "asc"));
                    f.sort = parse_enum(sort).unwrap_or_default();
                    f.dir = parse_enum(dir).unwrap_or_default();
                })>
                    <option value="id:asc">{tr("编号", "Number")}</option>
                    <option value="submitted_at:desc">{tr("最近提交", "Latest submitted")}</option>
                    <option value="rank:asc">{tr("推荐排序", "Rank")}</option>
                    <option value="defense_score:desc">{tr("答辩得分（高→低）", "Defense score (high first)")}</option>
                    <option value="state:asc">{tr("状态", "State")}</option>
                </select>
            </div>
        </div>
        <p class="exports">
            {tr("导出当前筛选结果：", "Export this view: ")}
            <a href=move || filter.with(|f| export_url(f, ExportFormat::Xlsx)) download="" data-testid="export-xlsx">"Excel (xlsx)"</a>
            " · "
            <a href=move || filter.with(|f| export_url(f, ExportFormat::Csv)) download="" data-testid="export-csv">"CSV"</a>
        </p>
        {move || match page.get() {
            None => view! { <p>"…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
            Some(Ok(p)) => view! { <BoardTable page=p filter=filter /> }.into_any(),
        }}
        {move || match session.role() {
            Some(Role::Recommender) => view! { <recommend::RecommendPanel round=current.get() changed=changed /> }.into_any(),
            _ if hrss() => view! { <stages::StagePanels round=current.get() changed=changed /> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

#[component]
fn BoardTable(page: BoardPage, filter: RwSignal<BoardQuery>) -> impl IntoView {
    let lang = use_lang();
    let pages = page.total.div_ceil(page.per_page).max(1);
    let current = page.page;
    let total = page.total;
    view! {
        <p class="muted" data-testid="board-total">{move || pick(format!("共 {total} 份申报 · 第 {current} / {pages} 页"), format!("{total} applications · page {current} of {pages}"))}</p>
        <DataTable testid="board" columns=vec![col("#", "#"), col("申报单位", "Unit"), col("地市", "City"), col("工作室 / 领办人", "Studio / leader"), col("级别", "Level"), col("状态", "State"), num("排序", "Rank"), num("答辩", "Defense"), col("考察", "Inspection")]>
                    {page.rows.into_iter().map(|r| {
                        let state = r.state;
                        let (city, level, passed) = (r.city, r.level, r.inspection_passed);
                        view! {
                            <tr data-state=crate::pages::common::shared_state(state) data-id=r.id>
                                <td><a href=format!("/applications/{}", r.id)>{format!("#{}", r.id)}</a></td>
                                <td>{r.unit_name.clone()}</td>
                                <td>{move || pick(city.label_zh(), city.label_en())}{if r.county.is_empty() { String::new() } else { format!(" · {}", r.county) }}</td>
                                <td>{r.studio_name.clone()}<br/><span class="muted">{format!("{} · {}", r.leader_name, r.occupation)}</span></td>
                                <td>{move || pick(level.label_zh(), level.label_en())}</td>
                                <td><span class="state-badge" data-state=crate::pages::common::shared_state(state)>{move || state_label(state, lang.get())}</span></td>
                                <td class="num">{r.rank.map(|x| x.to_string()).unwrap_or_default()}</td>
                                <td class="num">{r.defense_score.map(|x| x.to_string()).unwrap_or_default()}</td>
                                <td>{move || match passed { Some(true) => pick("通过", "Passed"), Some(false) => pick("未通过", "Not passed"), None => "" }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
        <nav class="pager" aria-label=tr("分页", "Pages")>
            <button type="button" class="small" disabled={current <= 1} on:click=move |_| filter.update(|f| f.page = Some(f.page.unwrap_or(1).saturating_sub(1).max(1)))>{tr("上一页", "Previous")}</button>
            <button type="button" class="small" disabled={current >= pages} on:click=move |_| filter.update(|f| f.page = Some(f.page.unwrap_or(1) + 1))>{tr("下一页", "Next")}</button>
        </nav>
    }
}
