//! 第十一条（五）: the public notice of proposed studios (no sign-in), with its end date counted in
//! Chinese working days, and the form anyone can use to object while it runs.

use crate::api;
use crate::components::table::{DataTable, col};
use crate::i18n::{Lang, pick, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::procedure::{NewObjection, NoticeView};

#[component]
pub fn NoticePage() -> impl IntoView {
    let notices = LocalResource::new(|| api::get::<shared::api::public::PublicNotices>(&[]));
    view! {
        <section class="page notice-page">
            <h1>{tr("技能大师工作室建议名单公示", "Proposed skill master studios: public notice")}</h1>
            <p class="lead">{tr(
                "依据《宁夏回族自治区技能大师工作室建设管理办法》第十一条（五），建议名单向社会公示不少于 5 个工作日。对名单有异议的，可在公示期内实名提出。",
                "Under Art. 11(5) of the measures, the proposed list is published for at least 5 working days. Anyone may object, under their own name, while it runs.",
            )}</p>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || notices.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="empty" data-testid="no-notice">{tr("当前没有正在公示的名单。", "No list is on public notice now.")}</p> }.into_any(),
                    Ok(list) => list.into_iter().map(|n| view! { <Notice n=n /> }).collect_view().into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Notice(n: NoticeView) -> impl IntoView {
    let lang = use_lang();
    let open = n.open;
    let (year, starts, ends) = (n.year, n.starts_on, n.ends_on);
    let entries = n.entries.clone();
    // One reactive piece for the list in the page's language (the public bundle stays small);
    // the objection form beside it keeps what was typed across a language switch.
    let list = move || {
        let en = lang.get() == Lang::En;
        let rows = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (level, city) = if en {
                    (e.level.label_en(), e.city.label_en())
                } else {
                    (e.level.label_zh(), e.city.label_zh())
                };
                let level = match e.national_category {
                    Some(c) => {
                        let (cz, ce) = (c.label_zh(), c.label_en());
                        pick(format!("{level}（{cz}）"), format!("{level} ({ce})"))
                    }
                    None => level.to_owned(),
                };
                view! {
                    <tr>
                        <td>{i + 1}</td>
                        <td>{e.studio_name.clone()}</td>
                        <td>{e.leader_name.clone()}</td>
                        <td>{e.occupation.clone()}</td>
                        <td>{e.unit_name.clone()}</td>
                        <td>{city}</td>
                        <td>{level}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <header>
                <h2>{pick(format!("{year} 年度技能大师工作室建议名单"), format!("Proposed skill master studios, {year}"))}</h2>
                <p>
                    <span class=if open { "badge sev-pass" } else { "badge" }>{if open { pick("公示中", "On notice") } else { pick("公示已结束", "Notice ended") }}</span>
                    <span data-testid="notice-period">{pick(format!(" 公示期：{starts} 至 {ends}（5 个工作日）"), format!(" Notice period: {starts} to {ends} (5 working days)"))}</span>
                </p>
            </header>
            <DataTable columns=vec![col("序号", "No."), col("工作室名称", "Studio"), col("领办人", "Leader"), col("职业（工种）", "Occupation"), col("依托单位", "Host unit"), col("地市", "City"), col("级别", "Level")]>
                {rows}
            </DataTable>
        }
    };
    view! {
        <article class="card notice-card" data-testid="notice" data-open=open.to_string()>
            {list}
            {open.then(|| view! { <ObjectionForm n=n.clone() /> })}
        </article>
    }
}

#[component]
fn ObjectionForm(n: NoticeView) -> impl IntoView {
    let notice_id = n.id;
    let about = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<api::ApiFailure>);
    // The number of the objection received.
    let receipt = RwSignal::new(None::<i32>);
    let busy = RwSignal::new(false);
    let field_error =
        move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body = NewObjection {
            notice_id,
            application_id: about.get_untracked().parse().ok(),
            name: name.get_untracked(),
            contact: contact.get_untracked(),
            text: text.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            match api::send::<shared::api::public::FileObjection>(&[], &body, "").await {
                Ok(r) => {
                    failure.set(None);
                    text.set(String::new());
                    receipt.set(Some(r.id));
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let prefix = format!("objection-{notice_id}");
    view! {
        <details class="objection-form">
            <summary>{tr("提出异议", "Object to this list")}</summary>
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for=format!("{prefix}-about")>{tr("异议对象", "About")}</label>
                    <select id=format!("{prefix}-about") on:change=move |ev| about.set(event_target_value(&ev))>
                        <option value="">{tr("整个名单", "The whole list")}</option>
                        {n.entries.iter().map(|e| {
                            let (studio, unit) = (&e.studio_name, &e.unit_name);
                            // Names (data); the brackets follow the language the form opened in.
                            view! { <option value=e.application_id.to_string()>{pick(format!("{studio}（{unit}）"), format!("{studio} ({unit})"))}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="row">
                    <div class="field" class:invalid=move || field_error("name")().is_some()>
                        <label for=format!("{prefix}-name")>{tr("姓名", "Name")}</label>
                        <input id=format!("{prefix}-name") type="text" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                        {move || field_error("name")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                    </div>
                    <div class="field" class:invalid=move || field_error("contact")().is_some()>
                        <label for=format!("{prefix}-contact")>{tr("联系方式（电话或邮箱）", "Phone or e-mail")}</label>
                        <input id=format!("{prefix}-contact") type="text" autocomplete="tel" prop:value=move || contact.get() on:input=move |ev| contact.set(event_target_value(&ev)) />
                        {move || field_error("contact")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                    </div>
                </div>
                <div class="field" class:invalid=move || field_error("text")().is_some()>
                    <label for=format!("{prefix}-text")>{tr("异议内容及依据", "The objection and its grounds")}</label>
                    <textarea id=format!("{prefix}-text") rows="5" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    {move || field_error("text")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                </div>
                <button type="submit" class="primary" disabled=move || busy.get()>{tr("提交异议", "Submit the objection")}</button>
                {move || failure.with(|f| f.as_ref().filter(|e| e.field("name").is_none() && e.field("contact").is_none() && e.field("text").is_none()).map(|e| e.message())).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                {move || receipt.get().map(|id| view! { <p class="notice good" role="status" data-testid="objection-receipt">{pick(format!("异议已收到（编号 {id}）。自治区人社厅将核查处理。"), format!("Objection received (no. {id}). HRSS will look into it."))}</p> })}
            </form>
        </details>
    }
}
