//! The eligibility form: every input the rules read, labelled, bound to a [`FormState`] signal.
//! Used by the self-check page and by the application editor, so both ask the same questions.

use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::leader_fields::LeaderFields;
use crate::form::FormState;
use crate::i18n::tr;
use leptos::prelude::*;
use shared::eligibility::UnitKind;
use shared::wire::FieldError;
use shared::{Level, NationalCategory};

pub fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Marks a keystroke; the verdict effect measures from here.
pub fn mark_input() {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name("input");
        let _ = p.mark("input");
    }
}

pub fn enum_value<T: serde::Serialize>(v: &T) -> String {
    shared::wire::enum_name(v)
}

pub fn parse_enum<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    shared::wire::from_enum_name(s).ok()
}

/// Today in Yinchuan (UTC+8), the calendar every date of the measures is counted in, whatever the
/// browser's own time zone.
pub fn today_in_yinchuan() -> chrono::NaiveDate {
    let ms = js_sys::Date::now();
    let secs = (ms / 1000.0) as i64 + 8 * 3600;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// The facts the eligibility rules read. The date they count age and the ban on is never typed:
/// `date_note` says which day it is (today for a self-check and a draft, the first submission's
/// day once submitted).
#[component]
pub fn EligibilityForm(
    form: RwSignal<FormState>,
    errors: Signal<Vec<FieldError>>,
    #[prop(into)] date_note: Signal<String>,
) -> impl IntoView {
    let is_national = move || form.with(|f| f.level == Level::National);
    let kind = move || form.with(|f| f.unit_kind);

    let (level_value, set_level) = bind_enum!(form, level);
    let category_value = Signal::derive(move || {
        form.with(|f| {
            f.national_category
                .map(|c| enum_value(&c))
                .unwrap_or_default()
        })
    });
    let set_category = Callback::new(move |v: String| {
        mark_input();
        form.update(|f| f.national_category = parse_enum::<NationalCategory>(&v));
    });
    let (kind_value, set_kind) = bind_enum!(form, unit_kind);
    let evaluated_on = move || form.with(|f| f.application_date.clone());
    let (employees, set_employees) = bind!(form, employees);
    let (skilled, set_skilled) = bind!(form, skilled_employees);
    let (exit, set_exit) = bind!(form, last_exit_date);
    // The typed fields' labels and hints, each Chinese with its English.
    let (level_zh, level_en) = ("申报级别", "Level");
    let (category_zh, category_en) = ("国家级类别", "National category");
    let (kind_zh, kind_en) = ("单位类型", "Kind of unit");
    let (employees_zh, employees_en) = ("员工总数", "All employees");
    let (skilled_zh, skilled_en) = ("技能人才人数", "Skilled workers");
    let (skilled_hint_zh, skilled_hint_en) = (
        "技能人才应占员工总数的 30% 以上（含 30%）。",
        "Skilled workers must be at least 30 % of all employees.",
    );
    let (exit_zh, exit_en) = ("上次退出决定日期", "Date of the last exit decision");
    let (exit_hint_zh, exit_hint_en) = (
        "本单位的工作室曾被决定退出的，填写决定日期；从未退出则留空。",
        "If a studio of this unit was made to exit, the date of that decision; otherwise leave empty.",
    );

    view! {
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate=true aria-labelledby="eligibility-form-title">
            // The form's own heading, so its groups' headings (h3) follow the page's h1 in order.
            <h2 id="eligibility-form-title" class="visually-hidden">{tr("资格条件", "Conditions")}</h2>
            <fieldset>
                <legend>{tr("申报信息", "Application")}</legend>
                <SelectField
                    id="level"
                    zh=level_zh
                    en=level_en
                    choices=vec![("regional".into(), "自治区级", "Regional"), ("national".into(), "国家级", "National")]
                    value=level_value
                    on_change=set_level
                />
                <Show when=is_national>
                    <SelectField
                        id="national-category"
                        zh=category_zh
                        en=category_en
                        choices=vec![
                            (String::new(), "请选择", "Choose…"),
                            ("manufacturing".into(), "生产制造类", "Manufacturing"),
                            ("services".into(), "社会生产和生活服务类", "Social production and life services"),
                            ("other".into(), "其他类（地方或民族特色技艺职业）", "Other (local or ethnic crafts)"),
                        ]
                        value=category_value
                        on_change=set_category
                    />
                </Show>
                <p class="computed" data-testid="evaluated-on">
                    {move || date_note.get()}
                    {move || evaluated_on()}
                </p>
            </fieldset>
            <fieldset>
                <legend>{tr("带头人", "Leader")}</legend>
                <LeaderFields form=form errors=errors />
            </fieldset>
            <fieldset>
                <legend>{tr("申报单位", "Unit")}</legend>
                <SelectField
                    id="unit-kind"
                    zh=kind_zh
                    en=kind_en
                    choices=UnitKind::ALL.iter().map(|k| (enum_value(k), k.label_zh(), k.label_en())).collect()
                    value=kind_value
                    on_change=set_kind
                />
                <Show when=move || kind() == UnitKind::Enterprise>
                    <div class="row">
                        <TextField id="employees" zh=employees_zh en=employees_en kind="number" path="unit.employees" value=employees on_input=set_employees errors=errors />
                        <TextField
                            id="skilled-employees"
                            zh=skilled_zh
                            en=skilled_en
                            kind="number"
                            path="unit.skilled_employees"
                            value=skilled
                            on_input=set_skilled
                            errors=errors
                            hint_zh=skilled_hint_zh
                            hint_en=skilled_hint_en
                        />
                    </div>
                </Show>
                <Show when=move || kind() == UnitKind::School>
                    <div class="group" role="group" aria-labelledby="school-title">
                        <h3 id="school-title">{tr("院校带头人条件", "Leader at a school")}</h3>
                        {check!(form, "teacher-qualification", teacher_qualification, "具有教师资格", "Teacher qualification")}
                        {check!(form, "integrated-teacher", integrated_teacher, "“一体化”教师", "Integrated teacher")}
                        {check!(form, "front-line-teaching", front_line_teaching, "在教学一线从事教学工作", "Teaches on the front line")}
                        {check!(form, "enterprise-experience", enterprise_experience, "具有企业生产一线工作经历", "Front-line enterprise experience")}
                    </div>
                </Show>
                {check!(form, "talent-policies", talent_policies, "建立了技能人才培养、评价、选拔、使用和激励政策制度", "Policies for training, evaluating, selecting, using and rewarding skilled workers")}
                {check!(form, "funding", funding_and_premises, "能够提供资金支持及场所、设备等必要工作条件", "Provides funding, premises and equipment")}
                {check!(form, "results", training_results, "在技能人才培养方面取得效果", "Results in training skilled workers")}
                <Show when=is_national>
                    {check!(form, "regional-studio", has_approved_regional_studio, "本工作室已获批自治区级技能大师工作室", "This studio is an approved regional studio")}
                </Show>
                <TextField
                    id="last-exit-date"
                    zh=exit_zh
                    en=exit_en
                    kind="date"
                    path="unit.last_exit_date"
                    value=exit
                    on_input=set_exit
                    errors=errors
                    hint_zh=exit_hint_zh
                    hint_en=exit_hint_en
                />
            </fieldset>
        </form>
    }
}
