//! A table of studios (the same columns wherever studios are listed).

use crate::components::table::{DataTable, col, num};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use shared::studio::StudioRow;

pub fn level_label(r: &StudioRow, lang: Lang) -> String {
    let (zh, en) = match (r.level, r.national_category) {
        (shared::Level::National, Some(c)) => {
            let (czh, cen) = (c.label_zh(), c.label_en());
            (format!("国家级 · {czh}"), format!("national · {cen}"))
        }
        (l, _) => (l.label_zh().to_owned(), l.label_en().to_owned()),
    };
    if lang == Lang::En { en } else { zh }
}

#[component]
pub fn StudioTable(rows: Vec<StudioRow>) -> impl IntoView {
    let lang = use_lang();
    let t = move |zh: &'static str, en: &'static str| if lang.get() == Lang::En { en } else { zh };
    if rows.is_empty() {
        return view! { <p class="empty">{move || t("暂无可查看的工作室。", "No studios to show.")}</p> }.into_any();
    }
    view! {
        <DataTable columns=vec![col("工作室", "Studio"), col("依托单位", "Host unit"), col("属地", "City"), col("级别", "Level"), col("批准日期", "Approved"), num("应拨补助（第十二条）", "Entitled subsidy")]>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let href = format!("/studios/{}", r.id);
                            let city = r.city;
                            let level = r.clone();
                            view! {
                                <tr>
                                    <td>
                                        <a href=href>{r.name.clone()}</a>
                                        <div class="sub">{r.plaque_no.clone()}</div>
                                    </td>
                                    <td>{r.unit_name.clone()}</td>
                                    <td>{move || if lang.get() == Lang::En { city.label_en() } else { city.label_zh() }}</td>
                                    <td>{move || level_label(&level, lang.get())}</td>
                                    <td class="nowrap">{r.approved_on.to_string()}</td>
                                    <td class="num">{r.entitlement_fen.to_string()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </DataTable>
    }
    .into_any()
}
