//! HRSS forms a panel: purpose, experts and chair, candidates, aggregation.

use crate::api;
use crate::i18n::{pick, tr};
use crate::pages::common::failure_text;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::account::Role;
use shared::life::StudioStatus;
use shared::panel::{NewPanel, SheetStatus};
use shared::scoring::{Aggregation, PanelPurpose, TieBreaker};

#[component]
pub(super) fn NewPanelForm(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let session = use_session();
    let title = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let session_on = RwSignal::new(String::new());
    let experts = RwSignal::new(Vec::<i32>::new());
    let chair = RwSignal::new(None::<i32>);
    let candidates = RwSignal::new(Vec::<i32>::new());
    let trimmed = RwSignal::new(true);
    let min_experts = RwSignal::new("5".to_owned());
    let by_channel_rank = RwSignal::new(true);
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    // 第十五条（一）: a city bureau (or department) forms the annual assessment of its studios only.
    let bureau = session.role() == Some(Role::Recommender);
    let purposes: Vec<PanelPurpose> = if bureau {
        vec![PanelPurpose::Annual]
    } else {
        vec![
            PanelPurpose::Defense,
            PanelPurpose::Annual,
            PanelPurpose::EndOfTerm,
        ]
    };
    let purpose = RwSignal::new(purposes[0]);
    let year = RwSignal::new(String::new());
    let studios = LocalResource::new(|| api::get::<shared::api::life::ListStudios>(&[]));
    let roster = LocalResource::new(|| api::get::<shared::api::admin::ListExperts>(&[]));
    let defended = LocalResource::new(|| {
        let q = shared::api::query::BoardQuery {
            state: Some(shared::workflow::AppState::DefenseReview),
            per_page: Some(200),
            ..Default::default()
        };
        async move { api::get_with::<shared::api::procedure::Board>(&[], &q).await }
    });
    let toggle = |list: RwSignal<Vec<i32>>, id: i32| {
        list.update(|l| {
            if let Some(i) = l.iter().position(|x| *x == id) {
                l.remove(i);
            } else {
                l.push(id);
            }
        })
    };
    let submit = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let kind = purpose.get_untracked();
        let new = NewPanel {
            year: (kind == PanelPurpose::Annual)
                .then(|| year.get_untracked().trim().parse().unwrap_or(0)),
            purpose: kind,
            round_id: None,
            title: title.get_untracked(),
            occupation_group: group.get_untracked(),
            session_on: session_on.get_untracked().parse().ok(),
            location: location.get_untracked(),
            rubric: None,
            aggregation: if trimmed.get_untracked() {
                Aggregation::TrimmedMean {
                    min_experts: min_experts.get_untracked().parse().unwrap_or(5),
                }
            } else {
                Aggregation::Mean
            },
            tie_breakers: if kind != PanelPurpose::Defense {
                Vec::new()
            } else {
                let mut b = vec![TieBreaker::Item("skill".into())];
                if by_channel_rank.get_untracked() {
                    b.push(TieBreaker::ChannelRank);
                }
                b
            },
            chair: chair.get_untracked().unwrap_or(0),
            experts: experts.get_untracked(),
            candidates: candidates.get_untracked(),
            reported: Vec::new(),
        };
        spawn_local(async move {
            match api::send::<shared::api::panels::CreatePanel>(&[], &new, &csrf).await {
                Ok(p) => {
                    let conflicts = p
                        .sheets
                        .iter()
                        .filter(|s| s.status == SheetStatus::Recused)
                        .count();
                    let name = p.title;
                    done.set(Some(pick(
                        format!("已组建评审组“{name}”，{conflicts} 张评分表因利益冲突自动回避。"),
                        format!("Panel \"{name}\" formed; {conflicts} sheet(s) recused automatically for conflicts of interest."),
                    )));
                    failure.set(None);
                    on_created();
                }
                Err(e) => failure.set(Some(failure_text(&e))),
            }
        });
    };
    view! {
            <section class="card form stage" aria-labelledby="new-panel">
                <h2 id="new-panel">{if bureau { tr("组建年度考核组", "Form an annual assessment panel") } else { tr("组建评审组 / 考核组", "Form a panel") }}</h2>
                {bureau.then(|| view! { <p class="muted">{tr("第十五条（一）：由市人社局组织对本辖区工作室进行年度考核。专家名单见“专家库”。", "Art. 15(1): the city bureau assesses its studios every year. See the expert roster.")} " " <a href="/experts" rel=crate::rel_for("/experts")>{tr("专家库", "Expert roster")}</a></p> })}
                <div class="row">
                    <div class="field"><label for="panel-purpose">{tr("用途", "Purpose")}</label>
                        <select id="panel-purpose" on:change=move |ev| {
                            purpose.set(shared::wire::from_enum_name(&event_target_value(&ev)).unwrap_or(PanelPurpose::Defense));
                            candidates.set(Vec::new());
                        }>
                            {purposes.into_iter().map(|p| view! {
                                <option value=shared::wire::enum_name(&p)>{move || pick(p.label_zh(), p.label_en())}</option>
                            }).collect_view()}
                        </select></div>
                    <Show when=move || purpose.get() == PanelPurpose::Annual>
                        <div class="field"><label for="panel-year">{tr("考核年度", "Year assessed")}</label>
                            <input id="panel-year" type="number" inputmode="numeric" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) /></div>
                    </Show>
                </div>
                <div class="row">
                    <div class="field"><label for="panel-title">{tr("评审组名称", "Title")}</label>
                        <input id="panel-title" type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></div>
                    <div class="field"><label for="panel-group">{tr("职业组别", "Occupation group")}</label>
                        <input id="panel-group" type="text" prop:value=move || group.get() on:input=move |ev| group.set(event_target_value(&ev)) /></div>
                </div>
                <div class="row">
                    <div class="field"><label for="panel-date">{tr("评审日期", "Session date")}</label>
                        <input id="panel-date" type="date" prop:value=move || session_on.get() on:input=move |ev| session_on.set(event_target_value(&ev)) /></div>
                    <div class="field"><label for="panel-location">{tr("地点", "Location")}</label>
                        <input id="panel-location" type="text" prop:value=move || location.get() on:input=move |ev| location.set(event_target_value(&ev)) /></div>
                </div>
                <fieldset>
                    <legend>{tr("评审专家（勾选，并指定组长）", "Experts (tick them and pick the chair)")}</legend>
                    <ul class="pick-list" data-testid="panel-experts">
                        {move || roster.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|e| !e.disabled).map(|e| {
                            let id = e.id;
                            let note = match e.conflicts.len() {
                                0 => String::new(),
                                n => pick(format!("（须回避 {n} 个工作室）"), format!(" (must recuse from {n} studios)")),
                            };
                            view! {
                                <li>
                                    <label><input type="checkbox" prop:checked=move || experts.with(|x| x.contains(&id)) on:change=move |_| toggle(experts, id) />{format!(" {} · {}", e.name, e.occupation_group)}<span class="muted">{note}</span></label>
                                    <label class="chair-pick"><input type="radio" name="panel-chair" prop:checked=move || chair.get() == Some(id) on:change=move |_| chair.set(Some(id)) />{tr(" 组长", " Chair")}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset>
                    <legend>{move || match purpose.get() {
                        PanelPurpose::Defense => tr("评审对象（答辩评审阶段的申报）", "Candidates (applications in the defense review)")(),
                        PanelPurpose::Annual => tr("考核对象（建设中的工作室；数据取自其年度总结）", "Studios in their term (figures from their annual reports)")(),
                        PanelPurpose::EndOfTerm => tr("考核对象（建设期满或整改中的工作室）", "Studios after their term or rectifying")(),
                    }}</legend>
                    <ul class="pick-list" data-testid="panel-candidates">
                        {move || {
                            let rows: Vec<(i32, String)> = match purpose.get() {
                                PanelPurpose::Defense => defended.get().and_then(Result::ok).map(|p| p.rows).unwrap_or_default().into_iter()
                                    .map(|r| (r.id, format!(" #{} {} · {}", r.id, r.studio_name, r.unit_name))).collect(),
                                p => {
                                    let today: chrono::NaiveDate = crate::pages::common::today().parse().unwrap_or_default();
                                    studios.get().and_then(Result::ok).map(|l| l.studios).unwrap_or_default().into_iter()
                                        .filter(|s| match p {
                                            PanelPurpose::Annual => s.status == StudioStatus::Building,
                                            _ => (s.status == StudioStatus::Building && s.term_end < today) || s.status == StudioStatus::Rectifying,
                                        })
                                        .map(|s| (s.id, format!(" {} · {} · {}", s.name, s.unit_name, pick(s.status.label_zh(), s.status.label_en())))).collect()
                                }
                            };
                            rows.into_iter().map(|(id, label)| view! {
                                <li><label><input type="checkbox" prop:checked=move || candidates.with(|c| c.contains(&id)) on:change=move |_| toggle(candidates, id) />{label}</label></li>
                            }).collect_view()
                        }}
                    </ul>
                </fieldset>
                <div class="row">
                    <div class="field check"><input id="panel-trimmed" type="checkbox" prop:checked=move || trimmed.get() on:change=move |ev| trimmed.set(event_target_checked(&ev)) />
                        <label for="panel-trimmed">{tr("去掉一个最高分和一个最低分", "Drop the highest and lowest")}</label></div>
                    <div class="field"><label for="panel-min">{tr("至少几名专家时去掉", "…when at least this many experts")}</label>
                        <input id="panel-min" type="number" min="3" max="15" prop:value=move || min_experts.get() on:input=move |ev| min_experts.set(event_target_value(&ev)) /></div>
                </div>
    <Show when=move || purpose.get() == PanelPurpose::Defense>
                <div class="field check"><input id="panel-tie" type="checkbox" prop:checked=move || by_channel_rank.get() on:change=move |ev| by_channel_rank.set(event_target_checked(&ev)) />
                    <label for="panel-tie">{tr("同分时先比“技能水平与荣誉”，再比推荐排序", "Ties: skill item first, then the channel's rank")}</label></div>
                </Show>
                <p class="muted">{tr("评分细则默认采用依据第十条编制的答辩评分表（非《办法》原文），首个评分前可调整。", "The default rubric is built from Art. 10 (not the measures' text); it can change until the first score.")}</p>
                <button type="button" class="primary" on:click=submit>{tr("组建评审组", "Form the panel")}</button>
                {move || done.get().map(|m| view! { <p class="notice good" role="status">{m}</p> })}
                {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </section>
        }
}
