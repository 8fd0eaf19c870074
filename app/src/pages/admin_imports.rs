//! HRSS onboards the programme's history: units, experts and approved studios from the offices'
//! spreadsheets. Each kind: its template, a dry run listing every bad cell (sheet, row, column,
//! reason) and what would be created, updated or left, then a confirm step that writes it all in
//! one transaction or nothing; and the registry's export in the same columns.

use crate::api::{self, ApiFailure};
use crate::i18n::{pick, tr};
use crate::pages::common::failure_text;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::query::ImportQuery;
use shared::import::{ImportKind, ImportReport, RowAction};
use wasm_bindgen::JsCast;

/// How many rows of a report's outcomes the page lists (the counts cover all of them).
const SHOWN: usize = 100;

fn query(kind: ImportKind, sha256: Option<String>) -> ImportQuery {
    ImportQuery { kind, sha256 }
}

#[component]
pub fn AdminImports() -> impl IntoView {
    view! {
        <section class="page imports">
            <h1>{tr("数据导入与导出", "Imports and exports")}</h1>
            <p class="muted">{tr(
                "从各地已有的台账导入：先下载模板（第 1 行为表头，第 2 行为示例），填好后上传预览；预览列出每一处错误（工作表、行、列、原因）和将新增、更新的记录，确认后一次性全部写入或全部不写。同一文件再次导入不会产生变化。支持 .xlsx 和 CSV（UTF-8 或 GB18030/GBK 编码）。请按单位 → 专家 → 工作室的顺序导入。",
                "Import from the registers offices keep: download the template (row 1 the header, row 2 an example), fill it and preview; the preview names every error (sheet, row, column, reason) and what would be created or updated; confirming writes all of it or nothing. Importing the same file again changes nothing. .xlsx and CSV (UTF-8 or GB18030/GBK). Import units, then experts, then studios.",
            )}</p>
            {ImportKind::ALL.into_iter().map(|kind| view! { <ImportCard kind=kind /> }).collect_view()}
        </section>
    }
}

#[component]
fn ImportCard(kind: ImportKind) -> impl IntoView {
    let session = use_session();
    let stem = kind.file_stem();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let report = RwSignal::new(None::<ImportReport>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let file = move || -> Option<web_sys::File> {
        let input: web_sys::HtmlInputElement = input_ref.get_untracked()?.unchecked_into();
        input.files().and_then(|l| l.get(0))
    };
    let run = move |confirm: bool| {
        let Some(csrf) = session.csrf() else { return };
        let Some(f) = file() else {
            failure.set(Some(tr("请先选择文件。", "Choose a file first.")().into()));
            return;
        };
        let sha = report.get_untracked().map(|r| r.sha256).filter(|_| confirm);
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = if confirm {
                api::send_file::<shared::api::admin::ApplyImport>(&query(kind, sha), f, &csrf).await
            } else {
                api::send_file::<shared::api::admin::PreviewImport>(&query(kind, None), f, &csrf)
                    .await
            };
            match result {
                Ok(r) => report.set(Some(r)),
                Err(e) => {
                    if matches!(e, ApiFailure::Server(_)) {
                        report.set(None);
                    }
                    failure.set(Some(failure_text(&e)));
                }
            }
            busy.set(false);
        });
    };
    let id = format!("import-{stem}");
    let heading = format!("{id}-title");
    let template_href =
        shared::api::url::<shared::api::admin::ImportTemplate>(&[], &query(kind, None));
    let export_href =
        shared::api::url::<shared::api::admin::ExportRegistry>(&[], &query(kind, None));
    view! {
        <section class="card import-card" aria-labelledby=heading.clone() data-testid=id.clone()>
            <h2 id=heading.clone()>{move || tr(kind.label_zh(), kind.label_en())()}</h2>
            <div class="actions">
                <a class="button" href=template_href download="">{tr("下载导入模板", "Download the template")}</a>
                <a class="button" href=export_href download="">{tr("导出登记表（可再导入）", "Export the registry (re-importable)")}</a>
            </div>
            <div class="form">
                <div class="field">
                    <label for=format!("{id}-file")>{tr("选择文件（.xlsx 或 .csv）", "File (.xlsx or .csv)")}</label>
                    <input id=format!("{id}-file") type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" node_ref=input_ref
                        on:change=move |_| { report.set(None); failure.set(None); } />
                </div>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| run(false) disabled=move || busy.get()>{tr("预览（不写入）", "Preview (writes nothing)")}</button>
                    <button type="button" class="primary"
                        disabled=move || busy.get() || report.with(|r| r.as_ref().is_none_or(|r| r.applied || !r.errors.is_empty() || r.created + r.updated == 0))
                        on:click=move |_| run(true)>{tr("确认导入", "Confirm the import")}</button>
                </div>
            </div>
            <div aria-live="polite">
                {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                {move || report.get().map(|r| view! { <Report report=r /> })}
            </div>
        </section>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let applied = report.applied;
    let sheet = report.sheet.clone();
    let (rows, created, updated, unchanged) = (
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
    );
    let n_errors = report.errors.len();
    let summary = move || {
        let head = if applied {
            pick("已导入。", "Imported. ")
        } else {
            pick("预览：", "Preview: ")
        };
        let tail = if n_errors == 0 {
            String::new()
        } else {
            pick(
                format!("；{n_errors} 处错误，改正后重新预览"),
                format!("; {n_errors} errors: fix them and preview again"),
            )
        };
        pick(
            format!(
                "{head}工作表“{sheet}”共 {rows} 行：新增 {created}，更新 {updated}，无变化 {unchanged}{tail}。"
            ),
            format!(
                "{head}sheet “{sheet}”, {rows} rows: {created} new, {updated} updated, {unchanged} unchanged{tail}."
            ),
        )
    };
    let sha = report.sha256.clone();
    let class = if report.errors.is_empty() {
        "notice good"
    } else {
        "notice bad"
    };
    let errors = report.errors.clone();
    let shown: Vec<_> = report
        .outcomes
        .iter()
        .filter(|o| o.action != RowAction::Unchanged)
        .take(SHOWN)
        .cloned()
        .collect();
    view! {
        <p class=class role="status" data-testid="import-summary">{summary}</p>
        <p class="muted small">{move || pick(format!("文件 SHA-256：{sha}"), format!("File SHA-256: {sha}"))}</p>
        {(!errors.is_empty()).then(|| view! {
            <table class="data" data-testid="import-errors">
                <caption>{tr("错误（每一处均须改正）", "Errors (each must be fixed)")}</caption>
                <thead><tr><th scope="col">{tr("工作表", "Sheet")}</th><th scope="col">{tr("行", "Row")}</th><th scope="col">{tr("列", "Column")}</th><th scope="col">{tr("原因", "Reason")}</th></tr></thead>
                <tbody>
                    {errors.into_iter().map(|e| {
                        let (zh, en) = (e.zh, e.en);
                        view! {
                            <tr><td>{e.sheet}</td><td class="num">{e.row}</td><td>{e.column}</td><td>{move || pick(zh.clone(), en.clone())}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!shown.is_empty()).then(|| view! {
            <table class="data" data-testid="import-outcomes">
                <caption>{move || pick(format!("将写入的记录（前 {SHOWN} 条）"), format!("Records to be written (first {SHOWN})"))}</caption>
                <thead><tr><th scope="col">{tr("行", "Row")}</th><th scope="col">{tr("编号", "Key")}</th><th scope="col">{tr("名称", "Name")}</th><th scope="col">{tr("操作", "Action")}</th></tr></thead>
                <tbody>
                    {shown.into_iter().map(|o| {
                        let action = o.action;
                        view! {
                            <tr><td class="num">{o.row}</td><td>{o.key}</td><td>{o.name}</td><td>{move || pick(action.label_zh(), action.label_en())}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
