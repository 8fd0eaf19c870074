//! 第十六条（二）: the leader moved to another unit; the new and the old unit report it jointly,
//! either moving the studio (变更举办单位) or building it on together (合作共建). The new unit is
//! picked from the registry by name or credit code.

use super::Life;
use super::reload;
use crate::api::{self, ApiFailure};
use crate::i18n::{pick, tr};
use crate::pages::common::today;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::query::UnitQuery;
use shared::life::{ChangeKind, HostMode, NewChange};
use shared::registry::UnitOption;

#[component]
pub(super) fn HostChangeForm(studio: i32, life: Life) -> impl IntoView {
    let session = use_session();
    let event_on = RwSignal::new(today());
    let cause = RwSignal::new(String::new());
    let mode = RwSignal::new(None::<HostMode>);
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<UnitOption>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let err = move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    let options = LocalResource::new(move || {
        let q = search.get();
        async move {
            if q.trim().chars().count() < 2 {
                return Vec::new();
            }
            let query = UnitQuery {
                q: Some(q.trim().to_owned()),
                city: None,
            };
            api::get_with::<shared::api::admin::PickUnits>(&[], &query)
                .await
                .unwrap_or_default()
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let body = NewChange {
            kind: ChangeKind::Host,
            event_on: event_on.get_untracked().parse().unwrap_or_default(),
            cause: cause.get_untracked(),
            new_leader_name: String::new(),
            new_leader: None,
            new_leader_id_number: String::new(),
            new_leader_same_unit: false,
            new_unit_id: chosen.get_untracked().map(|u| u.id),
            mode: mode.get_untracked(),
        };
        spawn_local(async move {
            match api::send::<shared::api::life::RequestChange>(&[studio], &body, &csrf).await {
                Ok(_) => reload(studio, life),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <form class="change-form" on:submit=submit data-testid="host-change-form">
            <h3>{tr("申请变更举办单位或合作共建（第十六条（二））", "Change of host or co-building (Art. 16(2))")}</h3>
            <p class="muted">{tr("带头人调到其他单位时，由新、原单位联合上报；新单位在系统中确认后报自治区人社厅审批。", "When the leader moves to another unit, both units report it; the new unit confirms here before HRSS decides.")}</p>
            <div class="grid-2">
                <label class="field"><span>{tr("调动日期", "Date of the move")}</span><input type="date" name="event_on" prop:value=move || event_on.get() on:input=move |ev| event_on.set(event_target_value(&ev)) /><span class="error">{err("event_on")}</span></label>
                <div class="field">
                    <label for="host-mode">{tr("方式", "How")}</label>
                    <select id="host-mode" name="mode" on:change=move |ev| mode.set(shared::wire::from_enum_name(&event_target_value(&ev)).ok())>
                        <option value="" selected=move || mode.get().is_none()>{tr("请选择", "Choose")}</option>
                        <option value="transfer">{tr("变更举办单位（工作室随带头人迁入新单位）", "Transfer to the new unit")}</option>
                        <option value="co_build">{tr("合作共建（新、原单位共同建设）", "Co-build with the new unit")}</option>
                    </select>
                    <span class="error">{err("mode")}</span>
                </div>
            </div>
            <div class="field unit-picker">
                <label for="host-unit-search">{tr("带头人调入的单位（输入名称或统一社会信用代码查找）", "The unit the leader moved to (search by name or credit code)")}</label>
                <input id="host-unit-search" type="search" autocomplete="off" aria-controls="host-unit-options"
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev)) />
                <fieldset id="host-unit-options" class="pick-list" data-testid="unit-options">
                    <legend class="visually-hidden">{tr("查到的单位", "Units found")}</legend>
                    {move || {
                        let list = options.get().unwrap_or_default();
                        if list.is_empty() {
                            return view! { <p class="muted small" role="status">{move || if search.get().trim().chars().count() < 2 { tr("至少输入 2 个字。", "Type at least 2 characters.")() } else { tr("没有找到，请核对名称或信用代码；未登记的单位请联系自治区人社厅登记。", "None found; unregistered units are registered by HRSS.")() }}</p> }.into_any();
                        }
                        list.into_iter().map(|u| {
                            let id = u.id;
                            let (name, code, county) = (&u.name, &u.credit_code, &u.county);
                            let (city_zh, city_en) = (u.city.label_zh(), u.city.label_en());
                            let label = pick(format!(" {name}（{code} · {city_zh}{county}）"), format!(" {name} ({code} · {city_en} {county})"));
                            let pick = u.clone();
                            view! {
                                <label class="pick"><input type="radio" name="new_unit_id" prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == id)) on:change=move |_| chosen.set(Some(pick.clone())) />{label}</label>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <p class="muted" role="status" data-testid="unit-chosen">{move || chosen.get().map(|u| {
                    let name = u.name;
                    pick(format!("已选择：{name}"), format!("Chosen: {name}"))
                })}</p>
                <span class="error">{err("new_unit_id")}</span>
            </div>
            <label class="field"><span>{tr("变更原因", "Cause")}</span><textarea name="cause" rows="3" prop:value=move || cause.get() on:input=move |ev| cause.set(event_target_value(&ev))></textarea><span class="error">{err("cause")}</span></label>
            <p class="error" role="alert">{move || failure.with(|f| f.as_ref().map(|f| f.message()))}</p>
            <button type="submit" class="primary">{tr("提交变更申请", "Submit the request")}</button>
        </form>
    }
}
