//! Boundary cases of 第三章 (第九条, 第十条), 第十八条's ban and 第二十一条's validity, one article at a
//! time: each case starts from a fully qualified application and changes one thing.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use shared::calendar::date;
use shared::eligibility::{
    BanException, BanSubject, EligibilityInput, EligibilityPolicy, EligibilityReport, ExitOnRecord,
    LeaderFacts, SkillLevel, Title, UnitFacts, UnitKind, check, evaluate,
};
use shared::{Finding, Level, NationalCategory, Severity};

/// A regional enterprise application that meets every condition through route 1 (a title) only.
fn qualified() -> EligibilityInput {
    EligibilityInput {
        level: Level::Regional,
        national_category: None,
        application_date: date(2025, 6, 15),
        leader: LeaderFacts {
            birth_date: date(1975, 3, 10),
            titles: vec![Title::RegionalTechnicalExpert],
            skill_level: SkillLevel::Technician,
            active_innovation: false,
            influential_invention: false,
            economic_benefit: false,
            unique_skills: false,
            craft_contribution: false,
            top_skill: true,
            mentoring_experience: true,
            healthy: true,
            can_run_studio: true,
            teacher_qualification: false,
            integrated_teacher: false,
            front_line_teaching: false,
            enterprise_experience: false,
            last_exit_date: None,
        },
        unit: UnitFacts {
            kind: UnitKind::Enterprise,
            employees: 1000,
            skilled_employees: 400,
            talent_policies: true,
            funding_and_premises: true,
            training_results: true,
            has_approved_regional_studio: false,
            last_exit_date: None,
        },
    }
}

/// The same application hosted by a vocational school whose leader meets the teacher conditions.
fn qualified_school() -> EligibilityInput {
    let mut i = qualified();
    i.unit.kind = UnitKind::School;
    i.leader.teacher_qualification = true;
    i.leader.integrated_teacher = true;
    i.leader.front_line_teaching = true;
    i.leader.enterprise_experience = true;
    i
}

/// A national manufacturing candidate that is already an approved regional studio.
fn qualified_national() -> EligibilityInput {
    let mut i = qualified();
    i.level = Level::National;
    i.national_category = Some(NationalCategory::Manufacturing);
    i.unit.has_approved_regional_studio = true;
    i
}

/// Every report must be explainable: cited, bilingual, and its verdict the worst finding.
fn assert_well_formed(report: &EligibilityReport) {
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        assert!(
            f.article.starts_with('第'),
            "{}: article {:?} does not start with 第",
            f.rule,
            f.article
        );
        assert!(
            !f.message_zh.trim().is_empty(),
            "{}: empty zh message",
            f.rule
        );
        assert!(
            !f.message_en.trim().is_empty(),
            "{}: empty en message",
            f.rule
        );
        assert!(!f.rule.is_empty());
        assert!(!f.inputs.is_empty(), "{}: no input recorded", f.rule);
    }
    let worst = report.findings.iter().map(|f| f.severity).max().unwrap();
    assert_eq!(report.verdict, worst, "verdict is not the worst severity");
    assert!(!report.notes.is_empty(), "the 主要参考 note is missing");
}

fn run(input: &EligibilityInput) -> EligibilityReport {
    let report = check(input).unwrap_or_else(|e| panic!("input rejected: {e:?}"));
    assert_well_formed(&report);
    report
}

fn run_with(input: &EligibilityInput, policy: &EligibilityPolicy) -> EligibilityReport {
    input
        .check()
        .unwrap_or_else(|e| panic!("input rejected: {e:?}"));
    let report = evaluate(input, policy);
    assert_well_formed(&report);
    report
}

fn finding<'a>(report: &'a EligibilityReport, rule: &str) -> &'a Finding {
    report
        .findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| {
            panic!(
                "no finding {rule} in {:?}",
                report.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
            )
        })
}

fn fact<'a>(f: &'a Finding, field: &str) -> &'a str {
    f.inputs
        .iter()
        .find(|x| x.field == field)
        .map(|x| x.value.as_str())
        .unwrap_or_else(|| panic!("{} did not read {field}", f.rule))
}

fn has_rule(report: &EligibilityReport, rule: &str) -> bool {
    report.findings.iter().any(|f| f.rule == rule)
}

type Mutation = fn(&mut EligibilityInput);

/// One table row: what changes, which rule must answer, with which severity and article.
struct Case {
    name: &'static str,
    change: Mutation,
    rule: &'static str,
    severity: Severity,
    article: &'static str,
}

fn run_table(base: fn() -> EligibilityInput, cases: &[Case]) {
    for c in cases {
        let mut input = base();
        (c.change)(&mut input);
        let report = run(&input);
        let f = finding(&report, c.rule);
        assert_eq!(f.severity, c.severity, "{}: {} severity", c.name, c.rule);
        assert_eq!(f.article, c.article, "{}: {} article", c.name, c.rule);
        // Only the changed rule moves, so it decides the verdict.
        assert_eq!(report.verdict, c.severity, "{}: verdict", c.name);
    }
}

// ---------------------------------------------------------------- baselines

#[test]
fn the_qualified_baselines_pass_every_rule() {
    for input in [qualified(), qualified_school(), qualified_national()] {
        let report = run(&input);
        assert_eq!(report.verdict, Severity::Pass, "{:?}", report.findings);
        assert!(report.findings.iter().all(|f| f.severity == Severity::Pass));
    }
}

#[test]
fn an_enterprise_application_answers_every_leader_and_enterprise_rule() {
    let report = run(&qualified());
    for rule in [
        "leader.top_skill",
        "leader.mentoring",
        "leader.healthy",
        "leader.can_run_studio",
        "leader.age",
        "leader.route",
        "enterprise.skilled_share",
        "enterprise.talent_policies",
        "enterprise.funding_and_premises",
        "enterprise.training_results",
        "ban.reapplication",
        "validity.window",
    ] {
        assert!(has_rule(&report, rule), "{rule} missing");
    }
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("school.") || f.rule.starts_with("national."))
    );
}

// ---------------------------------------------------------------- 第十条（一）: age

#[test]
fn the_leader_is_still_55_on_the_56th_birthday_and_56_the_day_after() {
    // (birth date, application date, 周岁, severity)
    let cases: [(NaiveDate, NaiveDate, &str, Severity); 9] = [
        (date(1969, 6, 15), date(2025, 6, 14), "55", Severity::Pass),
        (date(1969, 6, 15), date(2025, 6, 15), "55", Severity::Pass),
        (
            date(1969, 6, 15),
            date(2025, 6, 16),
            "56",
            Severity::Warning,
        ),
        (date(1970, 3, 1), date(2026, 3, 1), "55", Severity::Pass),
        (date(1970, 3, 1), date(2026, 3, 2), "56", Severity::Warning),
        (date(1969, 12, 31), date(2025, 12, 31), "55", Severity::Pass),
        (
            date(1969, 12, 31),
            date(2026, 1, 1),
            "56",
            Severity::Warning,
        ),
        (date(1970, 6, 16), date(2025, 6, 16), "54", Severity::Pass),
        (date(1960, 1, 1), date(2025, 6, 15), "65", Severity::Warning),
    ];
    for (birth, on, years, severity) in cases {
        let mut input = qualified();
        input.leader.birth_date = birth;
        input.application_date = on;
        let report = run(&input);
        let f = finding(&report, "leader.age");
        assert_eq!(f.severity, severity, "born {birth}, applying {on}");
        assert_eq!(f.article, "第十条（一）");
        assert_eq!(
            fact(f, "age_full_years"),
            years,
            "born {birth}, applying {on}"
        );
        assert_eq!(
            report.verdict, severity,
            "an age warning is the only non-pass"
        );
    }
}

#[test]
fn the_submission_day_decides_the_age_not_a_typed_date() {
    // The example: the leader turns 56 eleven days before the submission and typed a date
    // fifteen days earlier than it, when still 55.
    let submitted = date(2027, 4, 20);
    let mut input = qualified();
    input.leader.birth_date = date(1971, 4, 9); // 56th birthday 2027-04-09, 11 days before
    input.application_date = date(2027, 4, 5);
    assert_eq!(finding(&run(&input), "leader.age").severity, Severity::Pass);
    // A draft previews on today; the first submission's day stays through a resubmission.
    let draft = shared::application::dated(input.clone(), None, submitted);
    assert_eq!(draft.application_date, submitted);
    let f = finding(&run(&draft), "leader.age").clone();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(&f, "age_full_years"), "56");
    let resubmitted = shared::application::dated(input.clone(), Some(submitted), date(2027, 5, 30));
    assert_eq!(resubmitted.application_date, submitted);
}

#[test]
fn a_29_february_birthday_falls_on_28_february_in_common_years() {
    let born = date(1968, 2, 29);
    let cases: [(NaiveDate, &str, Severity); 6] = [
        // 55th birthday in a common year: observed on 28 Feb, so 55 only from 1 March.
        (date(2023, 2, 28), "54", Severity::Pass),
        (date(2023, 3, 1), "55", Severity::Pass),
        // 56th birthday in a leap year (1968 + 56 = 2024): still 55 on 29 Feb, 56 from 1 March.
        (date(2024, 2, 28), "55", Severity::Pass),
        (date(2024, 2, 29), "55", Severity::Pass),
        (date(2024, 3, 1), "56", Severity::Warning),
        // 57th birthday in a common year.
        (date(2025, 2, 28), "56", Severity::Warning),
    ];
    for (on, years, severity) in cases {
        let mut input = qualified();
        input.leader.birth_date = born;
        input.application_date = on;
        let report = run(&input);
        let f = finding(&report, "leader.age");
        assert_eq!(fact(f, "age_full_years"), years, "applying {on}");
        assert_eq!(f.severity, severity, "applying {on}");
    }
}

#[test]
fn an_over_age_leader_is_a_warning_that_asks_for_a_justification_not_a_fail() {
    let mut input = qualified();
    input.leader.birth_date = date(1950, 1, 1);
    let report = run(&input);
    let f = finding(&report, "leader.age");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message_zh.contains("说明"));
    assert!(f.message_en.contains("justification"));
    assert_eq!(report.verdict, Severity::Warning);
}

// ---------------------------------------------------------------- 第十条（一）: basic conditions

#[test]
fn each_basic_leader_condition_is_required() {
    run_table(
        qualified,
        &[
            Case {
                name: "no top skill",
                change: |i| i.leader.top_skill = false,
                rule: "leader.top_skill",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no mentoring experience",
                change: |i| i.leader.mentoring_experience = false,
                rule: "leader.mentoring",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "not healthy",
                change: |i| i.leader.healthy = false,
                rule: "leader.healthy",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "cannot run the studio",
                change: |i| i.leader.can_run_studio = false,
                rule: "leader.can_run_studio",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
        ],
    );
}

// ---------------------------------------------------------------- 第十条（一）1–3: routes

fn no_route(i: &mut EligibilityInput) {
    i.leader.titles.clear();
    i.leader.skill_level = SkillLevel::Technician;
    i.leader.active_innovation = false;
    i.leader.influential_invention = false;
    i.leader.economic_benefit = false;
    i.leader.unique_skills = false;
    i.leader.craft_contribution = false;
}

fn route_2_only(i: &mut EligibilityInput) {
    no_route(i);
    i.leader.skill_level = SkillLevel::SeniorTechnician;
    i.leader.active_innovation = true;
    i.leader.influential_invention = true;
    i.leader.economic_benefit = true;
}

fn route_3_only(i: &mut EligibilityInput) {
    no_route(i);
    i.leader.unique_skills = true;
    i.leader.craft_contribution = true;
}

#[test]
fn each_title_alone_meets_route_1() {
    for title in Title::ALL {
        let mut input = qualified();
        no_route(&mut input);
        input.leader.titles = vec![title];
        let report = run(&input);
        let f = finding(&report, "leader.route");
        assert_eq!(f.severity, Severity::Pass, "{title:?}");
        assert_eq!(f.article, "第十条（一）1", "{title:?}");
        assert!(f.message_zh.contains(title.label_zh()), "{title:?}");
        assert_eq!(report.verdict, Severity::Pass);
    }
}

#[test]
fn each_route_alone_is_enough_and_no_route_fails() {
    run_table(
        qualified,
        &[
            Case {
                name: "route 1 only (baseline)",
                change: |_| {},
                rule: "leader.route",
                severity: Severity::Pass,
                article: "第十条（一）1",
            },
            Case {
                name: "route 2 only, senior technician",
                change: route_2_only,
                rule: "leader.route",
                severity: Severity::Pass,
                article: "第十条（一）2",
            },
            Case {
                name: "route 2 only, principal technician",
                change: |i| {
                    route_2_only(i);
                    i.leader.skill_level = SkillLevel::PrincipalTechnician;
                },
                rule: "leader.route",
                severity: Severity::Pass,
                article: "第十条（一）2",
            },
            Case {
                name: "route 2 only, chief technician",
                change: |i| {
                    route_2_only(i);
                    i.leader.skill_level = SkillLevel::ChiefTechnician;
                },
                rule: "leader.route",
                severity: Severity::Pass,
                article: "第十条（一）2",
            },
            Case {
                name: "route 3 only",
                change: route_3_only,
                rule: "leader.route",
                severity: Severity::Pass,
                article: "第十条（一）3",
            },
            Case {
                name: "no route at all",
                change: no_route,
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
        ],
    );
}

#[test]
fn route_2_fails_when_any_one_of_its_parts_is_missing() {
    run_table(
        qualified,
        &[
            Case {
                name: "技师 is below 高级技师",
                change: |i| {
                    route_2_only(i);
                    i.leader.skill_level = SkillLevel::Technician;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "高级工 (senior worker) is below 高级技师",
                change: |i| {
                    route_2_only(i);
                    i.leader.skill_level = SkillLevel::Senior;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no skill level",
                change: |i| {
                    route_2_only(i);
                    i.leader.skill_level = SkillLevel::None;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no active innovation",
                change: |i| {
                    route_2_only(i);
                    i.leader.active_innovation = false;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no influential invention",
                change: |i| {
                    route_2_only(i);
                    i.leader.influential_invention = false;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no economic benefit",
                change: |i| {
                    route_2_only(i);
                    i.leader.economic_benefit = false;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
        ],
    );
}

#[test]
fn route_3_fails_without_unique_skills_or_without_a_craft_contribution() {
    run_table(
        qualified,
        &[
            Case {
                name: "no unique skills",
                change: |i| {
                    route_3_only(i);
                    i.leader.unique_skills = false;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
            Case {
                name: "no craft contribution",
                change: |i| {
                    route_3_only(i);
                    i.leader.craft_contribution = false;
                },
                rule: "leader.route",
                severity: Severity::Fail,
                article: "第十条（一）",
            },
        ],
    );
}

#[test]
fn a_failed_route_says_what_each_route_lacks() {
    let mut input = qualified();
    route_2_only(&mut input);
    input.leader.skill_level = SkillLevel::Senior;
    let report = run(&input);
    let f = finding(&report, "leader.route");
    assert!(f.message_zh.contains("高级工"), "{}", f.message_zh);
    assert!(
        f.message_en.contains("below senior technician"),
        "{}",
        f.message_en
    );
    assert_eq!(fact(f, "leader.skill_level"), "senior");
}

#[test]
fn a_leader_meeting_several_routes_is_cited_by_the_first_and_lists_all() {
    let mut input = qualified();
    input.leader.unique_skills = true;
    input.leader.craft_contribution = true;
    let report = run(&input);
    let f = finding(&report, "leader.route");
    assert_eq!(f.article, "第十条（一）1");
    assert!(
        f.message_zh.contains("第十条（一）1") && f.message_zh.contains("第十条（一）3"),
        "{}",
        f.message_zh
    );
}

// ---------------------------------------------------------------- 第十条（二）1: enterprise

#[test]
fn thirty_percent_skilled_workers_is_enough_and_one_less_is_not() {
    // (employees, skilled, severity, displayed share)
    let cases: [(i64, i64, Severity, &str); 9] = [
        (1000, 300, Severity::Pass, "30.0%"),
        (1000, 299, Severity::Fail, "29.9%"),
        (1000, 301, Severity::Pass, "30.1%"),
        (10, 3, Severity::Pass, "30.0%"),
        (10, 2, Severity::Fail, "20.0%"),
        (7, 2, Severity::Fail, "28.5%"),
        (1, 0, Severity::Fail, "0.0%"),
        (1, 1, Severity::Pass, "100.0%"),
        (10_000_000, 2_999_999, Severity::Fail, "29.9%"),
    ];
    for (employees, skilled, severity, share) in cases {
        let mut input = qualified();
        input.unit.employees = employees;
        input.unit.skilled_employees = skilled;
        let report = run(&input);
        let f = finding(&report, "enterprise.skilled_share");
        assert_eq!(f.severity, severity, "{skilled}/{employees}");
        assert_eq!(f.article, "第十条（二）1（2）");
        assert_eq!(fact(f, "unit.employees"), employees.to_string());
        assert_eq!(fact(f, "unit.skilled_employees"), skilled.to_string());
        assert_eq!(fact(f, "skilled_share"), share, "{skilled}/{employees}");
        assert_eq!(report.verdict, severity);
    }
}

#[test]
fn each_enterprise_condition_is_required() {
    run_table(
        qualified,
        &[
            Case {
                name: "no talent policies",
                change: |i| i.unit.talent_policies = false,
                rule: "enterprise.talent_policies",
                severity: Severity::Fail,
                article: "第十条（二）1（2）",
            },
            Case {
                name: "no funding or premises",
                change: |i| i.unit.funding_and_premises = false,
                rule: "enterprise.funding_and_premises",
                severity: Severity::Fail,
                article: "第十条（二）1（3）",
            },
            Case {
                name: "no training results",
                change: |i| i.unit.training_results = false,
                rule: "enterprise.training_results",
                severity: Severity::Fail,
                article: "第十条（二）1（4）",
            },
        ],
    );
}

#[test]
fn an_enterprise_leader_needs_no_teacher_qualification() {
    let input = qualified();
    assert!(!input.leader.teacher_qualification);
    assert_eq!(run(&input).verdict, Severity::Pass);
}

// ---------------------------------------------------------------- 第十条（二）2: school

#[test]
fn each_school_condition_is_required() {
    run_table(
        qualified_school,
        &[
            Case {
                name: "no teacher qualification",
                change: |i| i.leader.teacher_qualification = false,
                rule: "school.teacher_qualification",
                severity: Severity::Fail,
                article: "第十条（二）2（1）",
            },
            Case {
                name: "not an integrated teacher",
                change: |i| i.leader.integrated_teacher = false,
                rule: "school.integrated_teacher",
                severity: Severity::Fail,
                article: "第十条（二）2（1）",
            },
            Case {
                name: "not teaching on the front line",
                change: |i| i.leader.front_line_teaching = false,
                rule: "school.front_line_teaching",
                severity: Severity::Fail,
                article: "第十条（二）2（1）",
            },
            Case {
                name: "no enterprise experience",
                change: |i| i.leader.enterprise_experience = false,
                rule: "school.enterprise_experience",
                severity: Severity::Fail,
                article: "第十条（二）2（1）",
            },
            Case {
                name: "no talent policies",
                change: |i| i.unit.talent_policies = false,
                rule: "school.talent_policies",
                severity: Severity::Fail,
                article: "第十条（二）2（2）",
            },
            Case {
                name: "no funding or premises",
                change: |i| i.unit.funding_and_premises = false,
                rule: "school.funding_and_premises",
                severity: Severity::Fail,
                article: "第十条（二）2（3）",
            },
            Case {
                name: "no clear training results",
                change: |i| i.unit.training_results = false,
                rule: "school.training_results",
                severity: Severity::Fail,
                article: "第十条（二）2（4）",
            },
        ],
    );
}

#[test]
fn a_school_is_not_held_to_the_enterprise_skilled_share() {
    let mut input = qualified_school();
    input.unit.employees = 0;
    input.unit.skilled_employees = 0;
    let report = run(&input);
    assert_eq!(report.verdict, Severity::Pass);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("enterprise."))
    );

    let mut input = qualified_school();
    input.unit.employees = 100;
    input.unit.skilled_employees = 1;
    assert_eq!(run(&input).verdict, Severity::Pass);
}

// ---------------------------------------------------------------- 第三条: training base

#[test]
fn a_training_base_goes_to_manual_review() {
    let mut input = qualified();
    input.unit.kind = UnitKind::TrainingBase;
    let report = run(&input);
    let f = finding(&report, "unit.training_base");
    assert_eq!(f.severity, Severity::ManualReview);
    assert!(
        f.article.contains("第三条") && f.article.contains("第十条"),
        "{}",
        f.article
    );
    assert_eq!(report.verdict, Severity::ManualReview);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("enterprise.") || f.rule.starts_with("school."))
    );
}

#[test]
fn a_fail_outweighs_the_manual_review_of_a_training_base() {
    let mut input = qualified();
    input.unit.kind = UnitKind::TrainingBase;
    input.leader.healthy = false;
    assert_eq!(run(&input).verdict, Severity::Fail);
}

// ---------------------------------------------------------------- 第九条, 第十二条: national

#[test]
fn a_national_application_without_a_category_fails() {
    run_table(
        qualified_national,
        &[Case {
            name: "no national category",
            change: |i| i.national_category = None,
            rule: "national.category",
            severity: Severity::Fail,
            article: "第十二条",
        }],
    );
}

#[test]
fn a_national_studio_that_is_not_an_approved_regional_studio_is_a_warning() {
    run_table(
        qualified_national,
        &[Case {
            name: "no approved regional studio",
            change: |i| i.unit.has_approved_regional_studio = false,
            rule: "national.from_regional",
            severity: Severity::Warning,
            article: "第九条",
        }],
    );
}

#[test]
fn every_national_category_passes() {
    for c in [
        NationalCategory::Manufacturing,
        NationalCategory::Services,
        NationalCategory::Other,
    ] {
        let mut input = qualified_national();
        input.national_category = Some(c);
        let report = run(&input);
        assert_eq!(
            finding(&report, "national.category").severity,
            Severity::Pass,
            "{c:?}"
        );
    }
}

#[test]
fn a_regional_application_has_no_national_rules_and_one_note_less() {
    let regional = run(&qualified());
    assert!(!has_rule(&regional, "national.category"));
    assert!(!has_rule(&regional, "national.from_regional"));
    let national = run(&qualified_national());
    assert!(has_rule(&national, "national.category"));
    assert!(has_rule(&national, "national.from_regional"));
    assert_eq!(national.notes.len(), regional.notes.len() + 1);
}

// ---------------------------------------------------------------- 第十八条: the ban

fn exited_unit(exit: NaiveDate, applying: NaiveDate) -> EligibilityInput {
    let mut input = qualified();
    input.unit.last_exit_date = Some(exit);
    input.application_date = applying;
    input
}

#[test]
fn the_third_anniversary_of_an_exit_is_still_banned_and_the_day_after_is_free() {
    let exit = date(2021, 6, 10);
    let cases = [
        (date(2021, 6, 11), Severity::Fail),
        (date(2024, 6, 9), Severity::Fail),
        (date(2024, 6, 10), Severity::Fail),
        (date(2024, 6, 11), Severity::Pass),
        (date(2025, 1, 1), Severity::Pass),
    ];
    for (applying, severity) in cases {
        let report = run(&exited_unit(exit, applying));
        let f = finding(&report, "ban.reapplication");
        assert_eq!(f.severity, severity, "applying {applying}");
        assert_eq!(f.article, "第十八条");
        assert_eq!(fact(f, "unit.last_exit_date"), "2021-06-10");
        assert_eq!(report.verdict, severity, "applying {applying}");
    }
}

#[test]
fn an_exit_on_29_february_bans_until_28_february_three_years_on() {
    let exit = date(2024, 2, 29);
    let banned = run(&exited_unit(exit, date(2027, 2, 28)));
    assert_eq!(
        finding(&banned, "ban.reapplication").severity,
        Severity::Fail
    );
    assert!(
        finding(&banned, "ban.reapplication")
            .message_zh
            .contains("2027-02-28")
    );
    let free = run(&exited_unit(exit, date(2027, 3, 1)));
    assert_eq!(finding(&free, "ban.reapplication").severity, Severity::Pass);
}

#[test]
fn a_leaders_exit_also_bars_by_default() {
    let mut input = qualified();
    input.leader.last_exit_date = Some(date(2023, 1, 5));
    let report = run(&input);
    let f = finding(&report, "ban.reapplication");
    assert_eq!(f.severity, Severity::Fail);
    assert_eq!(fact(f, "leader.last_exit_date"), "2023-01-05");
    assert_eq!(report.verdict, Severity::Fail);

    input.application_date = date(2026, 1, 6);
    assert_eq!(
        finding(&run(&input), "ban.reapplication").severity,
        Severity::Pass
    );
}

#[test]
fn a_policy_that_does_not_bar_leaders_ignores_the_leaders_exit() {
    let mut input = qualified();
    input.leader.last_exit_date = Some(date(2023, 1, 5));
    let policy = EligibilityPolicy {
        ban_bars_leader: false,
        ..EligibilityPolicy::default()
    };
    let report = run_with(&input, &policy);
    assert_eq!(
        finding(&report, "ban.reapplication").severity,
        Severity::Pass
    );
    assert_eq!(report.verdict, Severity::Pass);

    // …while the unit is still barred under the same policy.
    input.unit.last_exit_date = Some(date(2023, 1, 5));
    assert_eq!(
        finding(&run_with(&input, &policy), "ban.reapplication").severity,
        Severity::Fail
    );
}

#[test]
fn a_policy_that_does_not_bar_units_ignores_the_units_exit() {
    let input = exited_unit(date(2023, 1, 5), date(2025, 6, 15));
    let policy = EligibilityPolicy {
        ban_bars_unit: false,
        ..EligibilityPolicy::default()
    };
    assert_eq!(
        finding(&run_with(&input, &policy), "ban.reapplication").severity,
        Severity::Pass
    );
}

#[test]
fn an_old_unit_exit_does_not_hide_a_recent_leader_exit() {
    let mut input = exited_unit(date(2010, 1, 1), date(2025, 6, 15));
    input.leader.last_exit_date = Some(date(2024, 12, 1));
    let f = finding(&run(&input), "ban.reapplication").clone();
    assert_eq!(f.severity, Severity::Fail);
    assert!(f.message_zh.contains("带头人"), "{}", f.message_zh);
}

fn record(exit_id: i32, on: NaiveDate, subject: BanSubject) -> ExitOnRecord {
    ExitOnRecord {
        exit_id,
        decided_on: on,
        subject,
        by_name_only: false,
    }
}

fn exception(exit_id: i32, round_id: i32, subject: BanSubject, reason: &str) -> BanException {
    BanException {
        exit_id,
        round_id,
        subject,
        reason: reason.into(),
    }
}

fn applying_on(day: NaiveDate) -> EligibilityInput {
    let mut input = qualified();
    input.application_date = day;
    input
}

#[test]
fn an_hrss_exception_for_this_exit_and_round_turns_the_ban_into_a_warning() {
    let reason = "经厅务会研究同意例外申报";
    let policy = EligibilityPolicy {
        exits: vec![record(7, date(2023, 1, 5), BanSubject::Unit)],
        exceptions: vec![exception(7, 3, BanSubject::Unit, reason)],
        round_id: Some(3),
        ..EligibilityPolicy::default()
    };
    let report = run_with(&applying_on(date(2025, 6, 15)), &policy);
    let f = finding(&report, "ban.reapplication");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message_zh.contains(reason));
    assert!(f.message_en.contains(reason));
    assert_eq!(report.verdict, Severity::Warning);
}

#[test]
fn an_exception_lifts_only_the_exit_round_and_subject_it_names() {
    let base = EligibilityPolicy {
        exits: vec![record(7, date(2023, 1, 5), BanSubject::Unit)],
        round_id: Some(3),
        ..EligibilityPolicy::default()
    };
    let input = applying_on(date(2025, 6, 15));
    let severity = |exceptions: Vec<BanException>, exits: Vec<ExitOnRecord>| {
        let policy = EligibilityPolicy {
            exceptions,
            exits,
            ..base.clone()
        };
        finding(&run_with(&input, &policy), "ban.reapplication").severity
    };
    let unit7 = || vec![record(7, date(2023, 1, 5), BanSubject::Unit)];
    // Another round, another exit, the other subject, a blank reason: the ban stands.
    assert_eq!(
        severity(vec![exception(7, 2, BanSubject::Unit, "例外")], unit7()),
        Severity::Fail
    );
    assert_eq!(
        severity(vec![exception(8, 3, BanSubject::Unit, "例外")], unit7()),
        Severity::Fail
    );
    assert_eq!(
        severity(vec![exception(7, 3, BanSubject::Leader, "例外")], unit7()),
        Severity::Fail
    );
    assert_eq!(
        severity(vec![exception(7, 3, BanSubject::Unit, "  ")], unit7()),
        Severity::Fail
    );
    // A later exit of the same unit is not covered by the exception granted for the first.
    let both = vec![
        record(7, date(2023, 1, 5), BanSubject::Unit),
        record(9, date(2024, 9, 1), BanSubject::Unit),
    ];
    assert_eq!(
        severity(vec![exception(7, 3, BanSubject::Unit, "例外")], both),
        Severity::Fail
    );
    // The leader's own ban is not lifted by the unit's exception.
    let unit_and_leader = vec![
        record(7, date(2023, 1, 5), BanSubject::Unit),
        record(7, date(2023, 1, 5), BanSubject::Leader),
    ];
    assert_eq!(
        severity(
            vec![exception(7, 3, BanSubject::Unit, "例外")],
            unit_and_leader.clone()
        ),
        Severity::Fail
    );
    assert_eq!(
        severity(
            vec![
                exception(7, 3, BanSubject::Unit, "例外"),
                exception(7, 3, BanSubject::Leader, "例外")
            ],
            unit_and_leader
        ),
        Severity::Warning
    );
}

#[test]
fn a_leader_matched_only_by_name_goes_to_manual_review() {
    let policy = EligibilityPolicy {
        exits: vec![ExitOnRecord {
            by_name_only: true,
            ..record(4, date(2024, 5, 1), BanSubject::Leader)
        }],
        ..EligibilityPolicy::default()
    };
    let f = finding(
        &run_with(&applying_on(date(2025, 6, 15)), &policy),
        "ban.reapplication",
    )
    .clone();
    assert_eq!(f.severity, Severity::ManualReview);
    assert!(f.message_zh.contains("身份证号"), "{}", f.message_zh);
}

#[test]
fn an_exception_without_a_ban_changes_nothing() {
    let policy = EligibilityPolicy {
        exceptions: vec![exception(7, 3, BanSubject::Unit, "例外")],
        round_id: Some(3),
        ..EligibilityPolicy::default()
    };
    assert_eq!(run_with(&qualified(), &policy).verdict, Severity::Pass);
}

// ---------------------------------------------------------------- 第二十一条: validity

#[test]
fn applications_outside_the_measures_validity_get_a_warning() {
    let cases = [
        (date(2023, 7, 31), Severity::Warning),
        (date(2023, 8, 1), Severity::Pass),
        (date(2028, 7, 31), Severity::Pass),
        (date(2028, 8, 1), Severity::Warning),
    ];
    for (applying, severity) in cases {
        let mut input = qualified();
        input.application_date = applying;
        let report = run(&input);
        let f = finding(&report, "validity.window");
        assert_eq!(f.severity, severity, "{applying}");
        assert_eq!(f.article, "第二十一条");
        assert_eq!(report.verdict, severity, "{applying}");
    }
}

// ---------------------------------------------------------------- validation

fn rejected_fields(input: &EligibilityInput) -> Vec<String> {
    let errors = check(input).expect_err("the input should be rejected");
    for e in &errors {
        assert!(!e.message.is_empty() && !e.message_en.is_empty(), "{e:?}");
    }
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn impossible_input_is_rejected_naming_the_field() {
    let cases: [(&str, Mutation, &str); 10] = [
        (
            "more skilled than employees",
            |i| i.unit.skilled_employees = 1001,
            "unit.skilled_employees",
        ),
        (
            "negative employees",
            |i| i.unit.employees = -1,
            "unit.employees",
        ),
        (
            "negative skilled employees",
            |i| i.unit.skilled_employees = -1,
            "unit.skilled_employees",
        ),
        (
            "employees beyond the range",
            |i| i.unit.employees = 10_000_001,
            "unit.employees",
        ),
        (
            "born on the application date",
            |i| i.leader.birth_date = i.application_date,
            "leader.birth_date",
        ),
        (
            "born after the application date",
            |i| i.leader.birth_date = date(2030, 1, 1),
            "leader.birth_date",
        ),
        (
            "born before 1900",
            |i| i.leader.birth_date = date(1899, 12, 31),
            "leader.birth_date",
        ),
        (
            "an enterprise with no employees",
            |i| {
                i.unit.employees = 0;
                i.unit.skilled_employees = 0;
            },
            "unit.employees",
        ),
        (
            "a school with more skilled than employees",
            |i| {
                i.unit.kind = UnitKind::School;
                i.unit.employees = 5;
                i.unit.skilled_employees = 6;
            },
            "unit.skilled_employees",
        ),
        (
            "a training base with negative employees",
            |i| {
                i.unit.kind = UnitKind::TrainingBase;
                i.unit.employees = -5;
                i.unit.skilled_employees = -5;
            },
            "unit.employees",
        ),
    ];
    for (name, change, field) in cases {
        let mut input = qualified();
        change(&mut input);
        let fields = rejected_fields(&input);
        assert!(
            fields.iter().any(|f| f == field),
            "{name}: {field} not in {fields:?}"
        );
    }
}

#[test]
fn only_the_bad_field_is_named() {
    let mut input = qualified();
    input.unit.skilled_employees = 1001;
    assert_eq!(rejected_fields(&input), ["unit.skilled_employees"]);
    let mut input = qualified();
    input.unit.employees = 0;
    input.unit.skilled_employees = 0;
    assert_eq!(rejected_fields(&input), ["unit.employees"]);
}

#[test]
fn a_non_enterprise_may_leave_the_employee_counts_at_zero() {
    for kind in [UnitKind::School, UnitKind::TrainingBase] {
        let mut input = qualified_school();
        input.unit.kind = kind;
        input.unit.employees = 0;
        input.unit.skilled_employees = 0;
        assert!(check(&input).is_ok(), "{kind:?}");
    }
}

// ---------------------------------------------------------------- wire format

fn baseline_json() -> serde_json::Value {
    serde_json::to_value(qualified()).unwrap()
}

fn parses(v: &serde_json::Value) -> bool {
    serde_json::from_value::<EligibilityInput>(v.clone()).is_ok()
}

#[test]
fn the_baseline_round_trips_through_json() {
    let back: EligibilityInput = serde_json::from_value(baseline_json()).unwrap();
    assert_eq!(back, qualified());
}

#[test]
fn unknown_enum_values_are_rejected() {
    let cases: [(&str, &str, serde_json::Value); 6] = [
        ("", "level", "provincial".into()),
        ("", "national_category", "mining".into()),
        ("unit", "kind", "factory".into()),
        ("leader", "skill_level", "grandmaster".into()),
        ("leader", "titles", serde_json::json!(["nobel_prize"])),
        ("leader", "skill_level", "SeniorTechnician".into()),
    ];
    for (parent, key, value) in cases {
        let mut v = baseline_json();
        let target = if parent.is_empty() {
            &mut v
        } else {
            &mut v[parent]
        };
        target[key] = value.clone();
        assert!(!parses(&v), "{parent}.{key} = {value} was accepted");
    }
}

#[test]
fn missing_required_fields_are_rejected() {
    // `application_date` is not among them: the server sets it (the submission day, or today).
    let cases: [(&str, &str); 5] = [
        ("", "level"),
        ("", "leader"),
        ("", "unit"),
        ("leader", "birth_date"),
        ("unit", "kind"),
    ];
    for (parent, key) in cases {
        let mut v = baseline_json();
        let target = if parent.is_empty() {
            &mut v
        } else {
            &mut v[parent]
        };
        target.as_object_mut().unwrap().remove(key);
        assert!(!parses(&v), "accepted without {parent}.{key}");
    }
}

#[test]
fn optional_facts_default_to_not_met_when_omitted() {
    let mut v = baseline_json();
    v["leader"]
        .as_object_mut()
        .unwrap()
        .retain(|k, _| k == "birth_date");
    v["unit"]
        .as_object_mut()
        .unwrap()
        .retain(|k, _| k == "kind");
    v.as_object_mut().unwrap().remove("national_category");
    let input: EligibilityInput = serde_json::from_value(v).unwrap();
    assert!(input.leader.titles.is_empty());
    assert_eq!(input.leader.skill_level, SkillLevel::None);
    assert!(!input.leader.healthy);
    assert_eq!(input.unit.employees, 0);
    assert_eq!(input.national_category, None);
    // An enterprise that gives no employee count is rejected, not silently passed.
    assert_eq!(rejected_fields(&input), ["unit.employees"]);
}

#[test]
fn dates_on_the_wire_are_iso_8601() {
    let mut v = baseline_json();
    assert_eq!(v["application_date"], "2025-06-15");
    v["application_date"] = "15/06/2025".into();
    assert!(!parses(&v));
}
