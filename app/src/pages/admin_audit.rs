//! HRSS: the audit trail (第十九条) and a check that no entry was altered or removed.

use crate::api;
use crate::components::table::{DataTable, col};
use crate::i18n::{pick, tr};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An RFC 3339 UTC time as Beijing time (UTC+8), to the second.
fn beijing_time(at: &str) -> String {
    // Plain parsing and Display keep chrono's formatting engine out of the bundle.
    let utc = at
        .get(..19)
        .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok());
    match utc.and_then(|t| t.checked_add_signed(chrono::Duration::hours(8))) {
        Some(t) => t.to_string(),
        None => at.to_owned(),
    }
}

#[component]
pub fn AdminAudit() -> impl IntoView {
    let object_type = RwSignal::new(String::new());
    let object_id = RwSignal::new(String::new());
    let entries = LocalResource::new(move || {
        let given = |s: String| Some(s.trim().to_owned()).filter(|t| !t.is_empty());
        let q = shared::api::query::AuditQuery {
            object_type: given(object_type.get()),
            object_id: given(object_id.get()),
            limit: Some(300),
        };
        async move { api::get_with::<shared::api::admin::AuditLog>(&[], &q).await }
    });
    let verification = RwSignal::new(None::<Result<shared::account::AuditVerification, String>>);
    let verify = move |_| {
        spawn_local(async move {
            verification.set(Some(
                api::get::<shared::api::admin::VerifyAudit>(&[])
                    .await
                    .map_err(|e| e.message()),
            ));
        });
    };
    view! {
        <section class="page">
            <h1>{tr("审计日志", "Audit trail")}</h1>
            <p class="lead">
                {tr(
                    "每一次登录、账号与权限变更、申报轮次和申报流转都按顺序记录（评分与资金记录上线后同样记录），并与前一条记录哈希相连；任何修改或删除都会被校验发现。",
                    "Every login, account and permission change, round and application move is recorded in order (scores and money records will be too), hash-linked to the previous entry; any edit or deletion is detected.",
                )}
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=verify>{tr("校验审计链", "Verify the chain")}</button>
                {move || verification.get().map(|v| match v {
                    Ok(v) => {
                        view! {
                            <p class=if v.ok { "notice ok" } else { "notice bad" } role="status" data-testid="audit-verification" data-ok=v.ok.to_string()>{pick(v.message, v.message_en)}</p>
                        }.into_any()
                    }
                    Err(m) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                })}
            </div>
            <div class="filters" role="search">
                <div class="field">
                    <label for="audit-object-type">{tr("对象类型", "Object type")}</label>
                    <select id="audit-object-type" on:change=move |ev| object_type.set(event_target_value(&ev))>
                        <option value="">{tr("全部", "All")}</option>
                        <option value="user">{tr("账号 (user)", "Account (user)")}</option>
                        <option value="application">{tr("申报 (application)", "Application")}</option>
                        <option value="round">{tr("申报轮次 (round)", "Round")}</option>
                        <option value="database">{tr("数据库 (database)", "Database")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="audit-object-id">{tr("对象编号", "Object id")}</label>
                    <input id="audit-object-id" inputmode="numeric" prop:value=move || object_id.get() on:change=move |ev| object_id.set(event_target_value(&ev)) />
                </div>
            </div>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || entries.get().map(|r| match r {
                    Ok(list) => view! {
                        <DataTable class="audit" columns=vec![col("#", "#"), col("时间（北京时间）", "Time (Beijing)"), col("操作人", "Actor"), col("操作", "Action"), col("对象", "Object"), col("变更 / 理由", "Change / reason")]>
                                    {list.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{e.seq}</td>
                                            <td class="nowrap">{beijing_time(&e.at)}</td>
                                            <td>{e.actor.clone()}{e.role.map(|r| {
                                                let (zh, en) = (r.label_zh(), r.label_en());
                                                pick(format!("（{zh}）"), format!(" ({en})"))
                                            })}</td>
                                            <td><code>{e.action.clone()}</code></td>
                                            <td>{format!("{} #{}", e.object_type, e.object_id)}</td>
                                            <td class="change">
                                                {e.before.clone().map(|b| view! { <div class="before">{b}</div> })}
                                                {e.after.clone().map(|a| view! { <div class="after">{a}</div> })}
                                                {e.reason.clone().map(|r| view! { <div class="reason">{r}</div> })}
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </DataTable>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
