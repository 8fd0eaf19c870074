//! Reusable view pieces.

/// Today's marks and enum names, shared by the forms.
pub use eligibility_form::{enum_value, mark_input, parse_enum};

/// A (getter, setter) pair bound to one field of the form.
macro_rules! bind {
    ($form:ident, $field:ident) => {
        (
            Signal::derive(move || $form.with(|s| s.$field.clone())),
            Callback::new(move |v| {
                mark_input();
                $form.update(|s| s.$field = v)
            }),
        )
    };
}

/// A select bound to an enum field (its serde name is the option value).
macro_rules! bind_enum {
    ($form:ident, $field:ident) => {
        (
            Signal::derive(move || $form.with(|s| enum_value(&s.$field))),
            Callback::new(move |v: String| {
                mark_input();
                if let Some(x) = parse_enum(&v) {
                    $form.update(|s| s.$field = x)
                }
            }),
        )
    };
}

/// A checkbox bound to a boolean field.
macro_rules! check {
    ($form:ident, $id:literal, $field:ident, $zh:literal, $en:literal) => {{
        let (get, set) = bind!($form, $field);
        view! { <CheckField id=$id zh=$zh en=$en checked=get on_change=set /> }
    }};
}

#[cfg(feature = "signed-in")]
pub mod dialog;
pub mod eligibility_form;
pub mod fields;
pub mod layout;
pub mod leader_fields;
#[cfg(feature = "dashboard")]
pub mod ningxia_outlines;
#[cfg(feature = "office")]
pub mod studio_table;
pub mod table;
pub mod verdict;
