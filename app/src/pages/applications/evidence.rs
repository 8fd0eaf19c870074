//! Evidence files of an application: the list (download links) for everyone who may see it, and
//! upload/removal for the applicant while the application is a draft or returned.

use super::failure_text;
use crate::api;
use crate::i18n::{pick, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::procedure::{ATTACHMENT_MAX_BYTES, AttachmentKind, AttachmentView};
use wasm_bindgen::JsCast;

fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{}.{} MB",
            bytes / (1024 * 1024),
            (bytes % (1024 * 1024)) * 10 / (1024 * 1024)
        )
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[component]
pub fn Evidence(application: i32, editable: bool) -> impl IntoView {
    let session = use_session();
    let files = RwSignal::new(None::<Result<Vec<AttachmentView>, api::ApiFailure>>);
    let reload = move || {
        spawn_local(async move {
            files.set(Some(
                api::get::<shared::api::applications::ListAttachments>(&[application]).await,
            ))
        })
    };
    reload();
    let kind = RwSignal::new(AttachmentKind::SkillCertificate);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let upload = move |_| {
        let Some(csrf) = session.csrf() else { return };
        let Some(input) = input_ref.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            failure.set(Some(tr("请先选择文件。", "Choose a file first.")().into()));
            return;
        };
        // The same limits the server enforces, before sending megabytes for nothing.
        if file.size() > ATTACHMENT_MAX_BYTES as f64 {
            failure.set(Some(
                tr("文件不能超过 10 MB。", "The file is larger than 10 MB.")().into(),
            ));
            return;
        }
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::upload(application, kind.get_untracked(), file, &csrf).await {
                Ok(_) => {
                    input.set_value("");
                    reload();
                }
                Err(e) => failure.set(Some(failure_text(&e))),
            }
            busy.set(false);
        });
    };
    let remove = move |id: i32| {
        let Some(csrf) = session.csrf() else { return };
        spawn_local(async move {
            match api::send::<shared::api::applications::RemoveAttachment>(&[id], &(), &csrf).await
            {
                Ok(_) => reload(),
                Err(e) => failure.set(Some(failure_text(&e))),
            }
        });
    };
    view! {
        <section class="evidence" aria-labelledby="evidence-title">
            <h2 id="evidence-title">{tr("佐证材料", "Evidence files")}</h2>
            {move || match files.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr("尚未上传材料。", "No files yet.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="file-list" data-testid="attachments">
                        {list.into_iter().map(|f| {
                            let id = f.id;
                            let file_kind = f.kind;
                            view! {
                                <li>
                                    <span class="badge">{move || pick(file_kind.label_zh(), file_kind.label_en())}</span>
                                    <a href=format!("/api/attachments/{id}") download=f.filename.clone()>{f.filename.clone()}</a>
                                    <span class="muted">{format!(" · {}", size_text(f.size_bytes))}</span>
                                    {editable.then(|| view! {
                                        <button type="button" class="small" on:click=move |_| remove(id)>{tr("删除", "Remove")}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            {editable.then(|| view! {
                <div class="form upload">
                    <div class="row">
                        <div class="field">
                            <label for="upload-kind">{tr("材料类别", "Kind")}</label>
                            <select id="upload-kind" on:change=move |ev| {
                                if let Ok(k) = shared::wire::from_enum_name(&event_target_value(&ev)) { kind.set(k) }
                            }>
                                {AttachmentKind::ALL.into_iter().map(|k| view! {
                                    <option value=shared::wire::enum_name(&k) selected=move || kind.get() == k>{move || pick(k.label_zh(), k.label_en())}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="upload-file">{tr("文件（PDF、JPG、PNG，不超过 10 MB）", "File (PDF, JPG, PNG, at most 10 MB)")}</label>
                            <input id="upload-file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" node_ref=input_ref />
                        </div>
                    </div>
                    <button type="button" class="primary" disabled=move || busy.get() on:click=upload>
                        {move || if busy.get() { tr("上传中…", "Uploading…")() } else { tr("上传", "Upload")() }}
                    </button>
                </div>
            })}
            {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
    }
}
