//! The one data table: a scrollable frame, column headings in the current language with their
//! scope, an optional caption for screen readers, and the rows the page gives.

use crate::i18n::tr;
use leptos::prelude::*;

/// A column: its heading in Chinese and English, and whether it holds numbers (right-aligned).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub numeric: bool,
}

/// A column of text.
pub const fn col(zh: &'static str, en: &'static str) -> Column {
    Column {
        zh,
        en,
        numeric: false,
    }
}

/// A column of numbers or amounts.
pub const fn num(zh: &'static str, en: &'static str) -> Column {
    Column {
        zh,
        en,
        numeric: true,
    }
}

#[component]
pub fn DataTable(
    /// Extra classes besides `data` (e.g. `compact`, `audit`).
    #[prop(optional)]
    class: &'static str,
    /// `data-testid`, for the browser suite.
    #[prop(optional)]
    testid: &'static str,
    /// What the table shows, for screen readers (visually hidden).
    #[prop(optional)]
    caption: Option<(&'static str, &'static str)>,
    columns: Vec<Column>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "data".to_owned()
    } else {
        format!("data {class}")
    };
    let testid = (!testid.is_empty()).then_some(testid);
    // A table wider than the screen scrolls inside its wrapper, which the keyboard can reach and
    // a screen reader names (WCAG 2.1.1; axe `scrollable-region-focusable`).
    let (zh, en) = caption.unwrap_or(("表格", "Table"));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=tr(zh, en) id=testid>
            <table class=class data-testid=testid>
                {caption.map(|(zh, en)| view! { <caption class="visually-hidden">{tr(zh, en)}</caption> })}
                <thead>
                    <tr>
                        {columns
                            .into_iter()
                            .map(|c| {
                                let class = c.numeric.then_some("num");
                                view! { <th scope="col" class=class>{tr(c.zh, c.en)}</th> }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
