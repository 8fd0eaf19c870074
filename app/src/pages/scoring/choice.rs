//! An assessment item's controls: 附件 gives each item fixed scores, so the expert picks one of
//! them — large buttons for a handful (media, filing, yes/no), a stepper through the list with a
//! picker for the count items — and never a score the text does not give.

use crate::i18n::{pick, tr};
use leptos::prelude::*;
use shared::Tenths;
use shared::assessment::Choice;

/// The next different score after (`delta > 0`) or before `now` in `list`; from nothing, `+`
/// starts at the first and `−` at the last.
pub fn step(list: &[Choice], now: Option<Tenths>, delta: i32) -> Option<Tenths> {
    let Some(v) = now.filter(|v| list.iter().any(|c| c.value == *v)) else {
        let end = if delta > 0 { list.first() } else { list.last() };
        return end.map(|c| c.value);
    };
    let values = list.iter().map(|c| c.value);
    let found = if delta > 0 {
        values.skip_while(|x| *x != v).find(|x| *x != v)
    } else {
        values.rev().skip_while(|x| *x != v).find(|x| *x != v)
    };
    Some(found.unwrap_or(v))
}

/// The few-choices case shows every choice at once; a long list steps.
const BUTTONS_UP_TO: usize = 6;

#[component]
pub fn ChoiceControl(
    label: String,
    key: String,
    list: Vec<Choice>,
    value: Memo<Option<Tenths>>,
    locked: Memo<bool>,
    on_pick: Callback<Tenths>,
) -> impl IntoView {
    let chosen_label = {
        let list = list.clone();
        move || {
            value.get().and_then(|v| {
                list.iter()
                    .find(|c| c.value == v)
                    .map(|c| pick(c.label_zh.clone(), c.label_en.clone()))
            })
        }
    };
    if list.len() <= BUTTONS_UP_TO {
        return view! {
            <div class="choice-buttons" role="radiogroup" aria-label=label.clone() data-testid=format!("choices-{key}")>
                {list.into_iter().map(|c| {
                    let v = c.value;
                    view! {
                        <button type="button" role="radio" class="choice-button"
                            aria-checked=move || if value.get() == Some(v) { "true" } else { "false" }
                            disabled=move || locked.get()
                            on:click=move |_| on_pick.run(v)>
                            {move || pick(c.label_zh.clone(), c.label_en.clone())}
                        </button>
                    }
                }).collect_view()}
            </div>
        }
        .into_any();
    }
    let list = StoredValue::new(list);
    let move_by = move |delta: i32| {
        if let Some(v) = list.with_value(|l| step(l, value.get_untracked(), delta))
            && Some(v) != value.get_untracked()
        {
            on_pick.run(v);
        }
    };
    let prev_label = {
        let l = label.clone();
        move || pick(format!("{l} 上一档"), format!("{l}: previous score"))
    };
    let next_label = {
        let l = label.clone();
        move || pick(format!("{l} 下一档"), format!("{l}: next score"))
    };
    let pick_label = move || pick(format!("{label} 分档"), format!("{label}: score"));
    view! {
        <div class="stepper choices" data-testid=format!("choices-{key}")>
            <button type="button" class="step" aria-label=prev_label disabled=move || locked.get() on:click=move |_| move_by(-1)>"−"</button>
            <output class="value" data-testid=format!("value-{key}")>{move || value.get().map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</output>
            <button type="button" class="step" aria-label=next_label disabled=move || locked.get() on:click=move |_| move_by(1)>"+"</button>
            <select aria-label=pick_label disabled=move || locked.get()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<i32>() { on_pick.run(Tenths::from_tenths(v)); }
                }>
                <option value="" selected=move || value.get().is_none() disabled=true>{tr("请选择", "Choose…")}</option>
                {list.get_value().into_iter().map(|c| {
                    let v = c.value;
                    view! { <option value=v.tenths().to_string() selected=move || value.get() == Some(v)>{move || pick(c.label_zh.clone(), c.label_en.clone())}</option> }
                }).collect_view()}
            </select>
        </div>
        <p class="muted chosen" aria-live="polite">{chosen_label}</p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(values: &[i32]) -> Vec<Choice> {
        values
            .iter()
            .map(|v| Choice {
                value: Tenths::from_tenths(*v),
                label_zh: String::new(),
                label_en: String::new(),
            })
            .collect()
    }

    #[test]
    fn steps_move_to_the_next_different_score_and_stop_at_the_ends() {
        let l = list(&[0, 271, 272, 300]);
        assert_eq!(step(&l, None, 1), Some(Tenths::from_tenths(0)));
        assert_eq!(step(&l, None, -1), Some(Tenths::from_tenths(300)));
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(0)), 1),
            Some(Tenths::from_tenths(271))
        );
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(271)), -1),
            Some(Tenths::from_tenths(0))
        );
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(300)), 1),
            Some(Tenths::from_tenths(300))
        );
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(0)), -1),
            Some(Tenths::from_tenths(0))
        );
        // A score that is not a choice (typed before the rule) starts over from an end.
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(150)), 1),
            Some(Tenths::from_tenths(0))
        );
    }

    #[test]
    fn equal_scores_of_different_counts_are_stepped_over() {
        let l = list(&[188, 188, 190]);
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(188)), 1),
            Some(Tenths::from_tenths(190))
        );
        assert_eq!(
            step(&l, Some(Tenths::from_tenths(190)), -1),
            Some(Tenths::from_tenths(188))
        );
        assert_eq!(step(&[], None, 1), None);
    }
}
