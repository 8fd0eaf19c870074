//! One studio. Outside the caller's scope the server answers 404, shown as "not found".

use crate::api;
use crate::components::dialog;
use crate::components::studio_table::level_label;
use crate::i18n::{Lang, pick, tr, use_lang};
use crate::pages::common::{failure_text, today};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::Fen;
use shared::account::Role;
use shared::ledger::{EntryKind, LedgerView, NewEntry};
use shared::subsidy::Purpose;

#[component]
pub fn StudioPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let studio = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::get::<shared::api::life::GetStudio>(&[id]).await,
                None => Err(api::ApiFailure::Network("bad id".into())),
            }
        }
    });
    view! {
        <section class="page">
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || {
                    // The role decides which forms show: render again once the session is known
                    // (on a direct load it can arrive after the studio).
                    let _role = session.role();
                    studio
                        .get()
                        .map(|r| match r {
                            Ok(s) => {
                                let level = level_label(&s, lang.get());
                                let city = s.city;
                                let regional = s.level == shared::Level::Regional;
                                let status_zh = s.status.label_zh();
                                let status_en = s.status.label_en();
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
                                        <dt>{tr("补助资金（第十二条）", "Subsidy (Art. 12)")}</dt>
                                        <dd data-testid="entitlement">
                                            {s.entitlement_fen.to_string()}
                                            // A revoked or exited studio is owed nothing more: its entitlement became what was paid.
                                            {shared::subsidy::entitlement(s.level, s.national_category)
                                                .filter(|full| *full != s.entitlement_fen)
                                                .map(|full| view! { <span class="muted">{pick(format!("（原核定 {full}；{status_zh}后未拨付部分不再拨付）"), format!(" (originally entitled {full}; {status_en}: the undisbursed part is no longer paid)"))}</span> })}
                                        </dd>
                                    </dl>
                                    <crate::pages::studio_life::StudioLifePanel studio=s.id regional=regional />
                                    <Ledger studio=s.id />
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

/// 第五章 the studio's money: balance, every entry, and the entry the signed-in role may record.
#[component]
fn Ledger(studio: i32) -> impl IntoView {
    let session = use_session();
    let ledger = RwSignal::new(None::<Result<LedgerView, api::ApiFailure>>);
    spawn_local(async move {
        ledger.set(Some(
            api::get::<shared::api::ledger::GetLedger>(&[studio]).await,
        ))
    });
    let role = session.role();
    let kind = RwSignal::new(if role == Some(Role::Applicant) {
        EntryKind::Usage
    } else {
        EntryKind::Disbursement
    });
    let amount = RwSignal::new(String::new());
    let date = RwSignal::new(today());
    let voucher = RwSignal::new(String::new());
    let office = RwSignal::new("自治区财政厅".to_owned());
    let purpose = RwSignal::new(Purpose::EquipmentAndMaterials);
    let description = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<api::ApiFailure>);
    let submit = move |reverses: Option<i32>| {
        let Some(csrf) = session.csrf() else { return };
        let k = if reverses.is_some() {
            EntryKind::Reversal
        } else {
            kind.get_untracked()
        };
        let amount_fen = if reverses.is_some() {
            Fen::from_fen(0)
        } else {
            match Fen::parse_yuan(&amount.get_untracked()) {
                Some(f) => f,
                None => {
                    failure.set(Some(api::ApiFailure::invalid(
                        "amount_fen",
                        "请输入金额（元，最多两位小数）",
                        "enter the amount in yuan",
                    )));
                    return;
                }
            }
        };
        let question = pick(
            "冲销后原记录保留并标注已冲销。请填写冲销理由：",
            "The reversed entry stays on record, marked as reversed. Give the reason for the reversal:",
        );
        let mut entry = NewEntry {
            kind: k,
            amount_fen,
            occurred_on: date.get_untracked().parse().unwrap_or_default(),
            purpose: (k == EntryKind::Usage).then(|| purpose.get_untracked()),
            description: description.get_untracked(),
            voucher_no: voucher.get_untracked(),
            paying_office: if k == EntryKind::Disbursement {
                office.get_untracked()
            } else {
                String::new()
            },
            reverses,
        };
        spawn_local(async move {
            if reverses.is_some() {
                match dialog::reason(question.to_owned()).await {
                    Some(r) => entry.description = r,
                    None => return,
                }
            }
            match api::send::<shared::api::ledger::RecordEntry>(&[studio], &entry, &csrf).await {
                Ok(v) => {
                    failure.set(None);
                    amount.set(String::new());
                    voucher.set(String::new());
                    description.set(String::new());
                    ledger.set(Some(Ok(v)));
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let field_error =
        move |f: &'static str| move || failure.with(|e| e.as_ref().and_then(|e| e.field(f)));
    let may_write = matches!(role, Some(Role::Finance | Role::Applicant));
    view! {
        <section class="card ledger" aria-labelledby="ledger-title">
            <h2 id="ledger-title">{tr("补助资金台账（第五章）", "Subsidy ledger (ch. 5)")}</h2>
            {move || match ledger.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(v)) => {
                    let b = v.balance;
                    view! {
                        <div class="tiles" data-testid="balance">
                            <div class="tile"><span>{tr("核定补助", "Entitled")}</span><strong data-testid="entitled">{b.entitled.to_string()}</strong></div>
                            <div class="tile"><span>{tr("已拨付", "Disbursed")}</span><strong data-testid="disbursed">{b.disbursed.to_string()}</strong></div>
                            <div class="tile"><span>{tr("已使用", "Used")}</span><strong data-testid="used">{b.used.to_string()}</strong></div>
                            <div class="tile"><span>{tr("已缴回", "Returned")}</span><strong>{b.returned.to_string()}</strong></div>
                            <div class="tile"><span>{tr("结余", "Held")}</span><strong data-testid="held">{v.held_fen.to_string()}</strong></div>
                            <div class="tile"><span>{tr("待拨付", "Outstanding")}</span><strong>{v.outstanding_fen.to_string()}</strong></div>
                        </div>
                        <div class="table-wrap" tabindex="0" role="region" aria-label=tr("资金台账明细", "Ledger entries")>
                            <table class="data" data-testid="entries">
                                <thead><tr>
                                    <th scope="col">"#"</th><th scope="col">{tr("日期", "Date")}</th><th scope="col">{tr("类别", "Kind")}</th>
                                    <th scope="col" class="num">{tr("金额", "Amount")}</th><th scope="col">{tr("凭证号 / 用途", "Voucher / purpose")}</th>
                                    <th scope="col">{tr("说明", "Notes")}</th><th scope="col">{tr("录入", "By")}</th><th scope="col"><span class="visually-hidden">{tr("操作", "Actions")}</span></th>
                                </tr></thead>
                                <tbody>
                                    {v.entries.iter().map(|e| {
                                        let id = e.id;
                                        let mine = match e.kind {
                                            EntryKind::Usage => role == Some(Role::Applicant),
                                            EntryKind::Reversal => false,
                                            _ => role == Some(Role::Finance),
                                        };
                                        view! {
                                            <tr class:reversed=e.reversed_by.is_some()>
                                                <td>{id}</td>
                                                <td>{e.occurred_on.to_string()}</td>
                                                <td>{pick(e.kind.label_zh(), e.kind.label_en())}{e.reverses.map(|r| pick(format!("（冲销 #{r}）"), format!(" (reverses #{r})")))}</td>
                                                <td class="num">{if e.kind == EntryKind::Reversal { format!("-{}", e.amount_fen) } else { e.amount_fen.to_string() }}</td>
                                                <td>{e.purpose.map(|p| pick(p.label_zh(), p.label_en()).to_owned()).unwrap_or_else(|| format!("{} {}", e.voucher_no, e.paying_office))}</td>
                                                <td>{e.description.clone()}{e.reversed_by.map(|r| pick(format!("（已被 #{r} 冲销）"), format!(" (reversed by #{r})")))}</td>
                                                <td>{e.recorded_by.clone()}</td>
                                                <td>{(mine && e.reversed_by.is_none()).then(|| view! {
                                                    <button type="button" class="small" on:click=move |_| submit(Some(id))>{tr("冲销", "Reverse")}</button>
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
            {may_write.then(|| view! {
                <form class="form ledger-form" on:submit=move |ev| { ev.prevent_default(); submit(None); }>
                    <div class="row">
                        <div class="field">
                            <label for="entry-kind">{tr("类别", "Kind")}</label>
                            <select id="entry-kind" on:change=move |ev| kind.set(match event_target_value(&ev).as_str() { "return" => EntryKind::Return, "usage" => EntryKind::Usage, _ => EntryKind::Disbursement })>
                                {(role == Some(Role::Finance)).then(|| view! {
                                    <option value="disbursement">{tr("拨付", "Disbursement")}</option>
                                    <option value="return">{tr("缴回", "Return")}</option>
                                })}
                                {(role == Some(Role::Applicant)).then(|| view! { <option value="usage">{tr("资金使用", "Use of funds")}</option> })}
                            </select>
                        </div>
                        <div class="field" class:invalid=move || field_error("amount_fen")().is_some()>
                            <label for="entry-amount">{tr("金额（元）", "Amount (yuan)")}</label>
                            <input id="entry-amount" type="text" inputmode="decimal" prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
                            {move || field_error("amount_fen")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        </div>
                        <div class="field" class:invalid=move || field_error("occurred_on")().is_some()>
                            <label for="entry-date">{tr("日期", "Date")}</label>
                            <input id="entry-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                            {move || field_error("occurred_on")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        </div>
                    </div>
                    {move || (kind.get() != EntryKind::Usage).then(|| view! {
                        <div class="row">
                            <div class="field" class:invalid=move || field_error("voucher_no")().is_some()>
                                <label for="entry-voucher">{tr("凭证号", "Voucher no.")}</label>
                                <input id="entry-voucher" type="text" prop:value=move || voucher.get() on:input=move |ev| voucher.set(event_target_value(&ev)) />
                                {move || field_error("voucher_no")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                            </div>
                            {(kind.get() == EntryKind::Disbursement).then(|| view! {
                                <div class="field">
                                    <label for="entry-office">{tr("拨付单位", "Paying office")}</label>
                                    <input id="entry-office" type="text" prop:value=move || office.get() on:input=move |ev| office.set(event_target_value(&ev)) />
                                </div>
                            })}
                        </div>
                    })}
                    {move || (kind.get() == EntryKind::Usage).then(|| view! {
                        <div class="field">
                            <label for="entry-purpose">{tr("用途（第十三条）", "Purpose (Art. 13)")}</label>
                            <select id="entry-purpose" on:change=move |ev| purpose.set(shared::wire::from_enum_name(&event_target_value(&ev)).unwrap_or(Purpose::EquipmentAndMaterials))>
                                {Purpose::ALL.map(|p| view! { <option value=shared::wire::enum_name(&p)>{tr(p.label_zh(), p.label_en())}</option> }).collect_view()}
                            </select>
                        </div>
                    })}
                    <div class="field" class:invalid=move || field_error("description")().is_some()>
                        <label for="entry-description">{tr("说明", "Description")}</label>
                        <input id="entry-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev)) />
                        {move || field_error("description")().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                    </div>
                    <button type="submit" class="primary">{tr("记账", "Record")}</button>
                    {move || failure.get().filter(|e| !matches!(e, api::ApiFailure::Server(b) if !b.fields.is_empty())).map(|e| view! { <p class="error" role="alert" data-testid="ledger-error">{failure_text(&e)}</p> })}
                </form>
            })}
        </section>
    }
}
