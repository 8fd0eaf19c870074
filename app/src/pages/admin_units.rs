//! HRSS: the unit registry — each host unit's credit code, kind, affiliation, county, system
//! (集团) and recommending organisation (第十一条（一）). The form checks itself with the
//! server's own rules (`UnitInput::check`) on every keystroke; the server checks again.

use crate::api::{self, ApiFailure};
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::query::UnitQuery;
use shared::channel::{Affiliation, channel};
use shared::eligibility::UnitKind;
use shared::geo::City;
use shared::registry::{OrgOption, UnitInput, UnitView};
use shared::wire::FieldError;

/// An enum's wire name, for an `<option value>`.
fn wire<T: Serialize>(t: T) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn unwire<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// The list's query: part of a name or credit code, and a city.
fn unit_query(q: &str, city: &str) -> UnitQuery {
    UnitQuery {
        q: Some(q.trim().to_owned()).filter(|t| !t.is_empty()),
        city: shared::wire::from_enum_name(city).ok(),
    }
}
#[component]
pub fn AdminUnits() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let units = LocalResource::new(move || {
        reload.track();
        let query = unit_query(&q.get(), &city.get());
        async move { api::get_with::<shared::api::admin::ListUnits>(&[], &query).await }
    });
    let orgs = LocalResource::new(|| api::get::<shared::api::admin::ListOrgs>(&[]));
    // None: no form; Some(None): a new unit; Some(Some(view)): editing that unit.
    let editing = RwSignal::new(None::<Option<UnitView>>);
    // The name and credit code of the unit just saved.
    let saved = RwSignal::new(None::<(String, String)>);
    let done = Callback::new(move |u: Option<UnitView>| {
        editing.set(None);
        saved.set(u.map(|u| (u.name, u.credit_code)));
        reload.update(|n| *n += 1);
    });

    view! {
        <section class="page">
            <h1>{tr("单位登记", "Unit registry")}</h1>
            <p class="muted">
                {tr("批量登记或导出全部单位（与导入模板同列，可再导入）：", "Register many units, or export them all (the import's columns): ")}
                <a href="/admin/imports">{tr("数据导入与导出", "Imports and exports")}</a>
            </p>
            <p class="lead">{tr(
                "申报单位按隶属关系和所在地确定推荐渠道（第十一条（一））；所属系统（集团）用于判断依托单位变更是否在同一系统内（第十六条（二））。",
                "A unit's affiliation and place decide its recommending channel (Art. 11(1)); its system (group) decides whether a host change stays within one system (Art. 16(2)).",
            )}</p>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <label class="field"><span>{tr("名称或信用代码", "Name or credit code")}</span>
                    <input type="search" name="q" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{tr("地市", "City")}</span>
                    <select name="city" on:change=move |ev| city.set(event_target_value(&ev))>
                        <option value="">{tr("全部", "All")}</option>
                        {City::ALL.into_iter().map(|c| view! { <option value=wire(c)>{move || pick(c.label_zh(), c.label_en())}</option> }).collect_view()}
                    </select></label>
                <button type="button" class="primary" on:click=move |_| { saved.set(None); editing.set(Some(None)); }>
                    {tr("登记新单位", "Register a unit")}
                </button>
            </form>
            <p class="ok" role="status">{move || saved.get().map(|(name, code)| pick(format!("已保存：{name}（{code}）"), format!("Saved: {name} ({code})")))}</p>
            {move || {
                let orgs = orgs.get().and_then(Result::ok)?;
                editing.get().map(|unit| view! { <UnitForm unit orgs on_done=done /> })
            }}
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || units.get().map(|r| match r {
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{tr("没有符合条件的单位。", "No unit matches.")}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label=tr("单位登记表", "Units")>
                            <table class="data" data-testid="units">
                                <thead><tr>
                                    <th scope="col">{tr("统一社会信用代码", "Credit code")}</th>
                                    <th scope="col">{tr("单位名称", "Name")}</th>
                                    <th scope="col">{tr("类型", "Kind")}</th>
                                    <th scope="col">{tr("区县", "County")}</th>
                                    <th scope="col">{tr("所属系统（集团）", "System")}</th>
                                    <th scope="col">{tr("推荐单位", "Channel")}</th>
                                    <th scope="col"><span class="visually-hidden">{tr("操作", "Actions")}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|u| {
                                        let edited = u.clone();
                                        let name = u.name.clone();
                                        let county = u.county.clone();
                                        let (city_zh, city_en) = (u.city.label_zh(), u.city.label_en());
                                        view! {
                                            <tr>
                                                <td class="mono">{u.credit_code.clone()}</td>
                                                <td>{u.name.clone()}</td>
                                                <td>{pick(u.kind.label_zh(), u.kind.label_en())}</td>
                                                <td>{pick(format!("{city_zh}{county}"), format!("{county}, {city_en}"))}</td>
                                                <td>{if u.group_name.is_empty() { "—".to_owned() } else { u.group_name.clone() }}</td>
                                                <td>{u.channel_name.clone()}</td>
                                                <td><button type="button" class="small" aria-label=pick(format!("修改 {name}"), format!("Edit {name}"))
                                                    on:click=move |_| { saved.set(None); editing.set(Some(Some(edited.clone()))); }>
                                                    {tr("修改", "Edit")}</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn blank() -> UnitInput {
    UnitInput {
        credit_code: String::new(),
        name: String::new(),
        kind: UnitKind::Enterprise,
        affiliation: Affiliation::Local,
        county_code: 640104,
        group_name: String::new(),
        channel_org_id: None,
    }
}

#[component]
fn UnitForm(
    unit: Option<UnitView>,
    orgs: Vec<OrgOption>,
    on_done: Callback<Option<UnitView>>,
) -> impl IntoView {
    let session = use_session();
    let id = unit.as_ref().map(|u| u.id);
    let input = RwSignal::new(unit.as_ref().map(UnitView::input).unwrap_or_else(blank));
    // The fields typed in (all of them once saving is tried): only those show their errors.
    let touched = RwSignal::new(std::collections::BTreeSet::<&'static str>::new());
    let all_touched = RwSignal::new(unit.is_some());
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let orgs = StoredValue::new(orgs);
    // The same check the server runs, on every keystroke.
    let errors = Memo::new(move |_| {
        let local = input.with(|i| orgs.with_value(|o| i.check(o)).err().unwrap_or_default());
        if local.is_empty() {
            return server_errors.get();
        }
        let all = all_touched.get();
        touched.with(|t| {
            local
                .into_iter()
                .filter(|e| all || t.contains(e.field.as_str()))
                .collect()
        })
    });
    let error_of = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        }
    };
    let set = move |field: &'static str, f: &dyn Fn(&mut UnitInput)| {
        touched.update(|t| {
            t.insert(field);
        });
        server_errors.set(Vec::new());
        input.update(|i| f(i));
    };
    let serving = move || {
        let i = input.get();
        let ch = City::of_county(i.county_code).map(|c| channel(i.affiliation, c));
        orgs.with_value(|o| {
            o.iter()
                .filter(|o| ch.is_some_and(|ch| o.serves(ch)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let channel_label = move || {
        let i = input.get();
        City::of_county(i.county_code)
            .map(|c| {
                let ch = channel(i.affiliation, c);
                pick(ch.label_zh(), ch.label_en())
            })
            .unwrap_or_default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        all_touched.set(true);
        let body = input.get_untracked();
        if orgs.with_value(|o| body.check(o)).is_err() {
            return;
        }
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            let saved = match id {
                Some(id) => api::send::<shared::api::admin::UpdateUnit>(&[id], &body, &csrf).await,
                None => api::send::<shared::api::admin::CreateUnit>(&[], &body, &csrf).await,
            };
            match saved {
                Ok(u) => on_done.run(Some(u)),
                Err(ApiFailure::Server(b)) if !b.fields.is_empty() => server_errors.set(b.fields),
                Err(e) => failure.set(Some(e.message())),
            }
        });
    };
    let field_error = move |field: &'static str| {
        let err = error_of(field);
        move || {
            err().map(|m| view! { <p class="error" role="alert" id=format!("unit-{field}-error")>{m}</p> })
        }
    };
    let invalid = move |field: &'static str| {
        let err = error_of(field);
        move || if err().is_some() { "true" } else { "false" }
    };

    view! {
        <form class="card form" data-testid="unit-form" on:submit=submit novalidate>
            <h2>{if id.is_some() { tr("修改单位", "Edit unit") } else { tr("登记新单位", "Register a unit") }}</h2>
            <div class="field">
                <label for="unit-credit-code">{tr("统一社会信用代码", "Unified social credit code")}</label>
                <input id="unit-credit-code" name="credit_code" autocomplete="off" maxlength="18" class="mono"
                    prop:value=move || input.with(|i| i.credit_code.clone())
                    aria-invalid=invalid("credit_code") aria-describedby="unit-credit_code-error"
                    on:input=move |ev| { let v = event_target_value(&ev); set("credit_code", &|i| i.credit_code = v.trim().to_uppercase()); } />
                {field_error("credit_code")}
            </div>
            <div class="field">
                <label for="unit-name">{tr("单位名称", "Name")}</label>
                <input id="unit-name" name="name" prop:value=move || input.with(|i| i.name.clone())
                    aria-invalid=invalid("name") aria-describedby="unit-name-error"
                    on:input=move |ev| { let v = event_target_value(&ev); set("name", &|i| i.name = v.clone()); } />
                {field_error("name")}
            </div>
            <div class="field">
                <label for="unit-kind">{tr("单位类型", "Kind")}</label>
                <select id="unit-kind" name="kind" on:change=move |ev| {
                    if let Some(k) = unwire(&event_target_value(&ev)) { set("kind", &|i| i.kind = k); }
                }>
                    {UnitKind::ALL.into_iter().map(|k| view! {
                        <option value=wire(k) selected=move || input.with(|i| i.kind == k)>{move || pick(k.label_zh(), k.label_en())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="unit-affiliation">{tr("隶属关系", "Affiliation")}</label>
                <select id="unit-affiliation" name="affiliation" on:change=move |ev| {
                    if let Some(a) = unwire(&event_target_value(&ev)) { set("channel_org_id", &|i| { i.affiliation = a; i.channel_org_id = None; }); }
                }>
                    {Affiliation::ALL.into_iter().map(|a| view! {
                        <option value=wire(a) selected=move || input.with(|i| i.affiliation == a)>{move || pick(a.label_zh(), a.label_en())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="unit-county">{tr("所在区县", "County")}</label>
                <select id="unit-county" name="county_code" aria-invalid=invalid("county_code") on:change=move |ev| {
                    if let Ok(c) = event_target_value(&ev).parse::<u32>() { set("county_code", &|i| { i.county_code = c; i.channel_org_id = None; }); }
                }>
                    {City::ALL.into_iter().map(|c| view! {
                        <optgroup label=move || pick(c.label_zh(), c.label_en())>
                            {c.counties().iter().map(|&(code, name)| view! {
                                <option value=code.to_string() selected=move || input.with(|i| i.county_code == code)>{name}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                {field_error("county_code")}
            </div>
            <div class="field">
                <label for="unit-group">{tr("所属系统（集团），没有可不填", "System (group), if any")}</label>
                <input id="unit-group" name="group_name" prop:value=move || input.with(|i| i.group_name.clone())
                    aria-invalid=invalid("group_name") aria-describedby="unit-group_name-error"
                    on:input=move |ev| { let v = event_target_value(&ev); set("group_name", &|i| i.group_name = v.clone()); } />
                {field_error("group_name")}
            </div>
            <div class="field">
                <label for="unit-channel">{tr("推荐单位", "Recommending organisation")}</label>
                <p class="hint">{move || {
                    let ch = channel_label();
                    pick(format!("按第十一条（一）：{ch}"), format!("Under Art. 11(1): {ch}"))
                }}</p>
                <select id="unit-channel" name="channel_org_id" aria-invalid=invalid("channel_org_id")
                    aria-describedby="unit-channel_org_id-error"
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<i32>().ok(); set("channel_org_id", &|i| i.channel_org_id = v); }>
                    <option value="" selected=move || input.with(|i| i.channel_org_id.is_none())>{tr("（自动确定）", "(found automatically)")}</option>
                    {move || serving().into_iter().map(|o| {
                        let oid = o.id;
                        view! { <option value=oid.to_string() selected=move || input.with(|i| i.channel_org_id == Some(oid))>{o.name}</option> }
                    }).collect_view()}
                </select>
                {field_error("channel_org_id")}
            </div>
            {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary">{tr("保存", "Save")}</button>
                <button type="button" on:click=move |_| on_done.run(None)>{tr("取消", "Cancel")}</button>
            </div>
        </form>
    }
}
