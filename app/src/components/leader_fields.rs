//! The one leader-facts form (第十条（一）): date of birth, the four basic conditions and the three
//! routes — titles, senior technician with innovation, unique skills and crafts. The application's
//! eligibility form and the leader-change request both ask these questions with it.

use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::{enum_value, mark_input, parse_enum};
use crate::form::FormState;
use crate::i18n::{Lang, tr, use_lang};
use leptos::prelude::*;
use shared::eligibility::{SkillLevel, Title};
use shared::wire::FieldError;

/// The leader's facts of `form`; errors are read at `leader.*`.
#[component]
pub fn LeaderFields(form: RwSignal<FormState>, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let lang = use_lang();
    let (skill_value, set_skill) = bind_enum!(form, skill_level);
    let (birth, set_birth) = bind!(form, birth_date);
    // The typed fields' labels and hints, each Chinese with its English.
    let (birth_zh, birth_en) = ("出生日期", "Date of birth");
    let (birth_hint_zh, birth_hint_en) = (
        "年龄按周岁计算：满 N 周岁自生日的次日起算。",
        "Age in full years: one turns N the day after the Nth birthday.",
    );
    let (skill_zh, skill_en) = ("技能等级", "Skill level");
    let title_checks = Title::ALL
        .into_iter()
        .map(|t| {
            let id = format!("title-{}", enum_value(&t));
            let checked = Signal::derive(move || form.with(|f| f.titles.contains(&t)));
            let on_change = Callback::new(move |on: bool| {
                mark_input();
                form.update(|f| {
                    f.titles.retain(|x| *x != t);
                    if on {
                        f.titles.push(t);
                    }
                })
            });
            view! {
                <div class="field check">
                    <input
                        id=id.clone()
                        type="checkbox"
                        prop:checked=move || checked.get()
                        on:change=move |ev| on_change.run(event_target_checked(&ev))
                    />
                    <label for=id>{move || if lang.get() == Lang::En { t.label_en() } else { t.label_zh() }}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <TextField
            id="birth-date"
            zh=birth_zh
            en=birth_en
            kind="date"
            path="leader.birth_date"
            value=birth
            on_input=set_birth
            errors=errors
            hint_zh=birth_hint_zh
            hint_en=birth_hint_en
        />
        {check!(form, "top-skill", top_skill, "技能拔尖、技艺精湛，有较强创新创造能力和社会影响力", "Top skills, innovation and social influence")}
        {check!(form, "mentoring", mentoring_experience, "带徒传技经验丰富", "Rich mentoring experience")}
        {check!(form, "healthy", healthy, "身体健康", "Healthy")}
        {check!(form, "can-run", can_run_studio, "能够承担工作室日常工作", "Can run the studio day to day")}
        <div class="group" role="group" aria-labelledby="route1-title">
            <h3 id="route1-title">{tr("条件一：荣誉称号", "Route 1: titles")}</h3>
            {title_checks}
        </div>
        <div class="group" role="group" aria-labelledby="route2-title">
            <h3 id="route2-title">{tr("条件二：高级技师以上并有创新成果", "Route 2: senior technician with innovation")}</h3>
            <SelectField
                id="skill-level"
                zh=skill_zh
                en=skill_en
                choices=SkillLevel::ALL.iter().map(|s| (enum_value(s), s.label_zh(), s.label_en())).collect()
                value=skill_value
                on_change=set_skill
            />
            {check!(form, "active-innovation", active_innovation, "积极开展技术技能革新", "Actively innovates")}
            {check!(form, "invention", influential_invention, "取得有一定影响的发明创造", "Influential invention")}
            {check!(form, "benefit", economic_benefit, "产生较大经济效益", "Large economic benefit")}
        </div>
        <div class="group" role="group" aria-labelledby="route3-title">
            <h3 id="route3-title">{tr("条件三：绝技绝活与传统工艺", "Route 3: unique skills and crafts")}</h3>
            {check!(form, "unique-skills", unique_skills, "具有一定的绝技绝活", "Unique skills")}
            {check!(form, "craft", craft_contribution, "在传承传统工艺、民族工艺上做出较大贡献", "Major contribution to traditional or ethnic crafts")}
        </div>
    }
}
