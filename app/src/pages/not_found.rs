use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr("页面不存在", "Page not found")}</h1>
            <p>
                <a href="/" rel=crate::rel_for("/")>{tr("返回资格自查", "Back to the self-check")}</a>
            </p>
        </section>
    }
}
