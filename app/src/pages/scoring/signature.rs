//! The signature drawn on the screen, sent as a PNG; or, for whoever cannot draw (the keyboard, a
//! screen reader), the name typed and written onto the pad, sent the same way, so the rules that
//! accept a drawn signature accept it too.

use crate::i18n::tr;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A signature drawn with a finger or stylus; submitting locks the sheet.
#[component]
pub(super) fn Signature(
    locked: Memo<bool>,
    complete: Signal<bool>,
    on_sign: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drawing = StoredValue::new(false);
    let strokes = RwSignal::new(0u32);
    let ctx = move || -> Option<web_sys::CanvasRenderingContext2d> {
        let c: web_sys::HtmlCanvasElement = canvas.get_untracked()?.unchecked_into();
        c.get_context("2d").ok()??.dyn_into().ok()
    };
    let point = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c: web_sys::HtmlCanvasElement = canvas.get_untracked()?.unchecked_into();
        let r = c.get_bounding_client_rect();
        let sx = f64::from(c.width()) / r.width().max(1.0);
        let sy = f64::from(c.height()) / r.height().max(1.0);
        Some((
            (f64::from(ev.client_x()) - r.left()) * sx,
            (f64::from(ev.client_y()) - r.top()) * sy,
        ))
    };
    let down = move |ev: web_sys::PointerEvent| {
        if locked.get_untracked() {
            return;
        }
        ev.prevent_default();
        let (Some(g), Some((x, y))) = (ctx(), point(&ev)) else {
            return;
        };
        g.set_line_width(3.0);
        g.set_line_cap("round");
        g.begin_path();
        g.move_to(x, y);
        drawing.set_value(true);
    };
    let moved = move |ev: web_sys::PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        ev.prevent_default();
        let (Some(g), Some((x, y))) = (ctx(), point(&ev)) else {
            return;
        };
        g.line_to(x, y);
        g.stroke();
    };
    let up = move |_: web_sys::PointerEvent| {
        if drawing.get_value() {
            drawing.set_value(false);
            strokes.update(|n| *n += 1);
        }
    };
    let wipe = move || {
        if let (Some(g), Some(c)) = (ctx(), canvas.get_untracked()) {
            let c: web_sys::HtmlCanvasElement = c.unchecked_into();
            g.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
        }
    };
    let typed = RwSignal::new(String::new());
    let clear = move |_| {
        wipe();
        typed.set(String::new());
        strokes.set(0);
    };
    // The typed name replaces whatever was drawn: written large on the pad, it is the signature.
    let type_name = move |name: String| {
        wipe();
        let name_now = name.trim().to_owned();
        if let (Some(g), false) = (ctx(), name_now.is_empty()) {
            g.set_font("italic 56px serif");
            g.set_fill_style_str("#1d2330");
            let _ = g.fill_text(&name_now, 24.0, 100.0);
        }
        strokes.set(u32::from(!name_now.is_empty()));
        typed.set(name);
    };
    let submit = move |_| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let c: web_sys::HtmlCanvasElement = c.unchecked_into();
        if let Ok(data) = c.to_data_url() {
            on_sign(data);
        }
    };
    view! {
        <div class="signature">
            {move || if locked.get() {
                view! { <p class="notice good" data-testid="signed">{tr("已签名提交，本表已锁定（如需修改请联系组长重新开启）。", "Signed and locked (the chair can reopen it).")}</p> }.into_any()
            } else {
                view! {
                    <p>{tr("全部项目评分后，请在下方签名并提交：", "When every item is scored, sign below and submit:")}</p>
                }.into_any()
            }}
            <canvas node_ref=canvas width="600" height="160" class="pad" data-testid="signature-pad" class:hidden=move || locked.get()
                role="img" aria-label=tr("签名板：用手指或触控笔手写签名，或在下方输入姓名", "Signature pad: draw with a finger or stylus, or type your name below")
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointerleave=up></canvas>
            <div class="field typed-signature" class:hidden=move || locked.get()>
                <label for="typed-signature">{tr("无法手写时，输入姓名作为签名", "Cannot draw? Type your name as the signature")}</label>
                <input id="typed-signature" type="text" autocomplete="name" prop:value=move || typed.get()
                    on:input=move |ev| type_name(event_target_value(&ev)) />
            </div>
            <div class="actions" class:hidden=move || locked.get()>
                <button type="button" class="small" on:click=clear>{tr("清除签名", "Clear")}</button>
                <button type="button" class="primary big" disabled=move || !complete.get() || strokes.get() == 0 on:click=submit>{tr("签名提交", "Sign and submit")}</button>
            </div>
        </div>
    }
}
