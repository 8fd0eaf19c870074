//! The expert roster: HRSS sees every expert, a city bureau the ones it may use, each with where
//! they work and worked and whether that still counts (3 years back, 第十一条（三）'s conflicts of
//! interest), and for a bureau which of its studios each may not assess.

use crate::api;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use shared::account::Role;
use shared::registry::ExpertView;

#[component]
pub fn ExpertRoster() -> impl IntoView {
    let session = use_session();
    let roster = LocalResource::new(|| api::get::<shared::api::admin::ListExperts>(&[]));
    let q = RwSignal::new(String::new());
    let hrss = move || session.role() == Some(Role::HrssAdmin);
    let matches = move |e: &ExpertView| {
        let needle = q.get();
        let needle = needle.trim();
        needle.is_empty()
            || e.name.contains(needle)
            || e.occupation_group.contains(needle)
            || e.affiliations.iter().any(|a| a.place.contains(needle))
    };
    view! {
        <section class="page">
            <h1>{tr("评审专家库", "Expert roster")}</h1>
            <p class="muted">{move || if hrss() {
                tr("全部专家账号。任职经历中“计入回避”的，组建评审组时自动回避该单位的申报或工作室（现任及近 3 年内任职）。批量登记请用“数据导入”。", "Every expert. Employment marked “counts” recuses the expert from that unit's candidates (current or within 3 years). Use Imports to register many.")()
            } else {
                tr("本单位可选用的专家（已启用）。列出了每位专家须回避的本辖区工作室；组建年度考核组时这些评分表会自动回避。", "The enabled experts you may use, each with the studios of yours they must not assess; forming an annual panel recuses those sheets.")()
            }}</p>
            <div class="form row">
                <div class="field">
                    <label for="roster-q">{tr("按姓名、组别或任职单位查找", "Find by name, group or employer")}</label>
                    <input id="roster-q" type="search" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
                </div>
                {move || hrss().then(|| view! {
                    <a class="button" href="/admin/imports" rel=crate::rel_for("/admin/imports")>{tr("数据导入", "Imports")}</a>
                })}
            </div>
            {move || match roster.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(list)) => {
                    let shown: Vec<ExpertView> = list.into_iter().filter(|e| matches(e)).collect();
                    let n = shown.len();
                    view! {
                        <p class="muted" role="status">{move || pick(format!("共 {n} 名专家"), format!("{n} experts"))}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label=tr("评审专家", "Experts")>
                        <table class="data" data-testid="expert-roster">
                            <caption class="visually-hidden">{tr("评审专家", "Experts")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("姓名", "Name")}</th>
                                <th scope="col">{tr("职业（工种）组别", "Occupation group")}</th>
                                <th scope="col">{tr("身份证号", "ID number")}</th>
                                <th scope="col">{tr("任职经历（近 3 年回避）", "Employment (3-year look-back)")}</th>
                                <th scope="col">{tr("须回避的工作室", "Studios to recuse from")}</th>
                            </tr></thead>
                            <tbody>
                                {shown.into_iter().map(|e| view! {
                                    <tr data-testid="expert-row">
                                        <th scope="row">{e.name.clone()}<div class="muted small">{e.username.clone()}{e.disabled.then(|| pick("（已停用）", " (disabled)"))}</div></th>
                                        <td>{e.occupation_group.clone()}</td>
                                        <td>{e.id_number.clone()}</td>
                                        <td>{e.affiliations.is_empty().then_some("—")}<ul class="plain">
                                            {e.affiliations.iter().map(|a| {
                                                let from = a.from.to_string();
                                                let until = a.until.map_or(pick("今", "now").to_owned(), |u| u.to_string());
                                                let span = pick(format!("{from} 至 {until}"), format!("{from} to {until}"));
                                                let (badge, text) = if a.in_look_back { ("badge warn", pick("计入回避", "Counts")) } else { ("badge", pick("已超过 3 年", "Over 3 years ago")) };
                                                view! { <li>{a.place.clone()}" · "{span}" "<span class=badge>{text}</span></li> }
                                            }).collect_view()}
                                        </ul></td>
                                        <td>{if e.conflicts.is_empty() { "—".to_owned() } else { e.conflicts.join(pick("、", ", ")) }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
