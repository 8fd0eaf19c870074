//! The one modal question, instead of the browser's `confirm` and `prompt`: a `<dialog>`
//! shown modally (the page behind it is inert), labelled by its question, in the page's language,
//! with 44 px buttons. Focus moves into it, Tab and Shift+Tab wrap inside it, Escape or 取消 answer
//! no (and so does leaving the page with the browser's Back), and focus returns to the control that
//! opened it.
//!
//! Each question mounts its own small view and awaits the answer, so a page asks in line:
//! `if !dialog::confirm(q).await { return; }`. Nothing of it is linked into a bundle that never asks.

use crate::i18n::{pick, tr};
use futures_channel::oneshot;
use leptos::html;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;

thread_local! {
    /// Each question's own element ids (a question asked from another's answer never shares them).
    static ASKED: Cell<u32> = const { Cell::new(0) };
}

/// What the dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Yes or no.
    Confirm,
    /// A reason, which may not be empty.
    Reason,
}

/// Asks before a move that cannot be undone; `true` only for an explicit 确定.
pub async fn confirm(question: String) -> bool {
    ask(question, Kind::Confirm).await.is_some()
}

/// Asks for the reason of a move (a refusal, a reversal, a recusal); `None` when cancelled. The
/// answer is trimmed and never empty.
pub async fn reason(question: String) -> Option<String> {
    ask(question, Kind::Reason).await
}

/// The reason of a decision on a change request: none to approve; to refuse, asked (and required,
/// since the unit will read it). `None` when the refusal is cancelled.
pub async fn decision_reason(approve: bool) -> Option<String> {
    if approve {
        return Some(String::new());
    }
    let question = pick(
        "不同意须说明理由，申请单位将看到该理由。",
        "A refusal needs its reason, which the applicant unit will see.",
    );
    reason(question.to_owned()).await
}

async fn ask(text: String, kind: Kind) -> Option<String> {
    let document = web_sys::window().and_then(|w| w.document())?;
    let (Some(body), Ok(host)) = (document.body(), document.create_element("div")) else {
        return None;
    };
    let opener = document
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if body.append_child(&host).is_err() {
        return None;
    }
    let (tx, rx) = oneshot::channel();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let answer = move |a: Option<String>| {
        if let Some(tx) = tx.borrow_mut().take() {
            let _ = tx.send(a);
        }
    };
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <Ask text=text kind=kind answer=answer /> }
    });
    let got = rx.await.ok().flatten();
    drop(mounted);
    host.remove();
    // Back to the control that asked; if it is gone or disabled meanwhile, to the page's content.
    match opener.filter(|o| o.is_connected() && !o.has_attribute("disabled")) {
        Some(o) => {
            let _ = o.focus();
        }
        None => {
            if let Some(main) = document
                .get_element_by_id("main")
                .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
            {
                // Focusable by script only (not a stop of the Tab order).
                let _ = main.set_attribute("tabindex", "-1");
                let _ = main.focus();
            }
        }
    }
    got
}

#[component]
fn Ask(
    text: String,
    kind: Kind,
    answer: impl Fn(Option<String>) + Clone + 'static,
) -> impl IntoView {
    let n = ASKED.with(|a| {
        a.set(a.get() + 1);
        a.get()
    });
    let (title_id, text_id, field_id, error_id) = (
        format!("ask-title-{n}"),
        format!("ask-text-{n}"),
        format!("ask-reason-{n}"),
        format!("ask-reason-error-{n}"),
    );
    let dialog = NodeRef::<html::Dialog>::new();
    let field = NodeRef::<html::Textarea>::new();
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(d) = dialog.get()
            && !d.open()
        {
            let _ = d.show_modal();
        }
    });
    let done = {
        let answer = answer.clone();
        move || {
            if kind != Kind::Reason {
                answer(Some(String::new()));
                return;
            }
            let r = reason.get_untracked().trim().to_owned();
            if r.is_empty() {
                missing.set(true);
                if let Some(f) = field.get_untracked() {
                    let _ = f.focus();
                }
            } else {
                answer(Some(r));
            }
        }
    };
    let cancel = {
        let answer = answer.clone();
        move || answer(None)
    };
    let on_cancel = {
        let cancel = cancel.clone();
        // Escape: the browser would close the dialog itself; the answer closes it instead.
        move |ev: web_sys::Event| {
            ev.prevent_default();
            cancel();
        }
    };
    // Tab and Shift+Tab wrap inside the dialog, whatever the browser does at its ends.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get_untracked() else {
            return;
        };
        let Ok(all) = d.query_selector_all("textarea, button") else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..all.length())
            .filter_map(|i| all.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let at = |e: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == e.as_ref() as &web_sys::Element)
        };
        let inside = items.iter().any(&at);
        if ev.shift_key() && (at(first) || !inside) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && (at(last) || !inside) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    let title = match kind {
        Kind::Confirm => tr("请确认", "Please confirm"),
        Kind::Reason => tr("请填写理由", "Give the reason"),
    };
    let on_done = {
        let done = done.clone();
        move |_| done()
    };
    // Leaving the page (the browser's Back) answers no: the question belongs to the page left.
    let on_leave = cancel.clone();
    let leaving = window_event_listener(leptos::ev::popstate, move |_| on_leave());
    on_cleanup(move || leaving.remove());
    let on_no = move |_| cancel();
    view! {
        <dialog
            node_ref=dialog
            class="ask"
            data-testid="ask"
            data-kind=match kind {
                Kind::Confirm => "confirm",
                Kind::Reason => "reason",
            }
            aria-labelledby=title_id.clone()
            aria-describedby=text_id.clone()
            on:cancel=on_cancel
            on:keydown=on_key
        >
            <h2 id=title_id.clone()>{title}</h2>
            <p id=text_id.clone()>{text}</p>
            {(kind == Kind::Reason).then(|| view! {
                <div class="field">
                    <label for=field_id.clone()>{tr("理由", "Reason")}</label>
                    <textarea
                        id=field_id
                        node_ref=field
                        rows="3"
                        autofocus=true
                        aria-invalid=move || if missing.get() { "true" } else { "false" }
                        aria-describedby={
                            let error_id = error_id.clone();
                            move || missing.get().then(|| error_id.clone())
                        }
                        on:input=move |ev| {
                            reason.set(event_target_value(&ev));
                            missing.set(false);
                        }
                    ></textarea>
                    <Show when=move || missing.get()>
                        <p class="error" id=error_id.clone() role="alert">
                            {tr("请填写理由（理由为必填项）", "The reason is required")}
                        </p>
                    </Show>
                </div>
            })}
            <div class="actions">
                <button type="button" class="primary" on:click=on_done>
                    {tr("确定", "Confirm")}
                </button>
                // Irreversible moves: the least harmful answer has the focus first.
                <button type="button" autofocus=kind == Kind::Confirm on:click=on_no>
                    {tr("取消", "Cancel")}
                </button>
            </div>
        </dialog>
    }
}
