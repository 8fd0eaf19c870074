//! The workbench: what each role sees first after signing in.

use crate::api;
use crate::components::studio_table::StudioTable;
use crate::i18n::{Lang, pick, tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use shared::account::Role;

#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    view! {
        <section class="page">
            {move || match (session.known.get(), session.info.get()) {
                (false, _) => view! { <p>{tr("加载中…", "Loading…")}</p> }.into_any(),
                (true, None) => view! {
                    <h1>{tr("我的工作台", "My workbench")}</h1>
                    <p>{tr("请先登录。", "Please sign in.")} " " <a href="/login">{tr("登录", "Sign in")}</a></p>
                }
                .into_any(),
                (true, Some(info)) => {
                    let role = info.user.role;
                    let (heading_zh, heading_en) = match role {
                        Role::Applicant => ("申报单位工作台", "Applicant workbench"),
                        Role::Recommender => ("推荐单位工作台", "Recommender workbench"),
                        Role::HrssAdmin => ("自治区人社厅工作台", "HRSS workbench"),
                        Role::Expert => ("评审专家工作台", "Expert workbench"),
                        Role::Finance => ("财务工作台", "Finance workbench"),
                    };
                    let heading = tr(heading_zh, heading_en);
                    view! {
                        <h1 data-testid="home-title" data-role=shared::wire::enum_name(&role)>{heading}</h1>
                        <p class="lead">
                            {info.user.display_name.clone()} " · "
                            {move || if lang.get() == Lang::En { role.label_en() } else { role.label_zh() }}
                            {info.user.scope_name.clone().map(|s| format!(" · {s}"))}
                        </p>
                        <RoleBody role=role />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn RoleBody(role: Role) -> impl IntoView {
    let studios = LocalResource::new(|| api::get::<shared::api::life::ListStudios>(&[]));
    let (title_zh, title_en) = match role {
        Role::Applicant => ("本单位的技能大师工作室", "Your unit's studios"),
        Role::Recommender => ("本渠道推荐的技能大师工作室", "Studios of your channel"),
        Role::HrssAdmin => ("全区技能大师工作室", "All studios in the region"),
        Role::Finance => ("补助资金：全区工作室", "Subsidies: all studios"),
        Role::Expert => ("分配给我的评审", "Reviews assigned to me"),
    };
    let links = match role {
        Role::HrssAdmin => view! {
            <nav class="cards" aria-label=tr("管理", "Administration")>
                <a class="card link-card" href="/admin/users">{tr("用户与权限", "Users and roles")}</a>
                <a class="card link-card" href="/admin/audit">{tr("审计日志", "Audit trail")}</a>
            </nav>
        }
        .into_any(),
        Role::Applicant => view! {
            <nav class="cards" aria-label=tr("申报", "Apply")>
                <a class="card link-card" href="/self-check" rel=crate::rel_for("/self-check")>{tr("申报资格自查", "Eligibility self-check")}</a>
            </nav>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        {links}
        <h2>{tr(title_zh, title_en)}</h2>
        {if role == Role::Expert {
            view! { <p class="empty">{tr("目前没有分配给您的评审任务。", "No reviews are assigned to you yet.")}</p> }.into_any()
        } else {
            view! {
                <Suspense fallback=|| view! { <p>"…"</p> }>
                    {move || {
                        studios
                            .get()
                            .map(|r| match r {
                                Ok(list) => {
                                    let n = list.studios.len();
                                    view! {
                                        <p class="summary">
                                            {move || pick(format!("共 {n} 个工作室，应拨补助合计 "), format!("{n} studios, entitled subsidies in all "))}
                                            <strong>{list.total_entitlement_fen.to_string()}</strong>
                                        </p>
                                        <StudioTable rows=list.studios />
                                    }
                                    .into_any()
                                }
                                Err(e) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                            })
                    }}
                </Suspense>
            }
            .into_any()
        }}
    }
}
