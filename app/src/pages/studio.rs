//! One studio. Outside the caller's scope the server answers 404, shown as "not found".

use crate::api;
use crate::components::studio_table::level_label;
use crate::i18n::{Lang, tr, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StudioPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let studio = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::studio(id).await,
                None => Err(api::ApiFailure::Network("bad id".into())),
            }
        }
    });
    view! {
        <section class="page">
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || {
                    studio
                        .get()
                        .map(|r| match r {
                            Ok(s) => {
                                let level = level_label(&s, lang.get());
                                let city = s.city;
                                view! {
                                    <h1>{s.name.clone()}</h1>
                                    <dl class="facts card">
                                        <dt>{tr("牌匾编号", "Plaque no.")}</dt><dd>{s.plaque_no.clone()}</dd>
                                        <dt>{tr("依托单位", "Host unit")}</dt><dd>{s.unit_name.clone()}</dd>
                                        <dt>{tr("属地", "City")}</dt><dd>{move || if lang.get() == Lang::En { city.label_en() } else { city.label_zh() }}</dd>
                                        <dt>{tr("带头人", "Leader")}</dt><dd>{s.leader_name.clone()}</dd>
                                        <dt>{tr("级别", "Level")}</dt><dd>{level}</dd>
                                        <dt>{tr("职业（工种）", "Occupation")}</dt><dd>{s.occupation.clone()}</dd>
                                        <dt>{tr("批准日期", "Approved")}</dt><dd>{s.approved_on.to_string()}</dd>
                                        <dt>{tr("建设期满", "Term ends")}</dt><dd>{s.term_end.to_string()}</dd>
                                        <dt>{tr("补助资金（第十二条）", "Subsidy (Art. 12)")}</dt><dd>{s.entitlement_fen.to_string()}</dd>
                                    </dl>
                                }
                                .into_any()
                            }
                            Err(e) if e.code() != Some(shared::wire::ErrorCode::NotFound) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                            Err(_) => view! {
                                <h1 data-testid="not-found">{tr("未找到", "Not found")}</h1>
                                <p>{tr("该工作室不存在，或不在您的查看范围内。", "This studio does not exist or is outside what you may see.")}</p>
                                <p><a href="/home">{tr("返回工作台", "Back to the workbench")}</a></p>
                            }
                            .into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
