//! How long the two rules the browser runs on every keystroke take: the eligibility check and the rubric.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use shared::assessment::{AssessmentInput, MediaLevel, assess};
use shared::calendar::date;
use shared::deadlines::ReportFiling;
use shared::eligibility::{
    EligibilityInput, LeaderFacts, SkillLevel, Title, UnitFacts, UnitKind, check,
};
use shared::{Level, NationalCategory};
use std::hint::black_box;

/// A qualified national candidate hosted by a vocational school (the school branch has the most rules).
fn national_school() -> EligibilityInput {
    EligibilityInput {
        level: Level::National,
        national_category: Some(NationalCategory::Manufacturing),
        application_date: date(2025, 6, 15),
        leader: LeaderFacts {
            birth_date: date(1975, 3, 10),
            titles: vec![Title::SaishangSkillMaster],
            skill_level: SkillLevel::SeniorTechnician,
            active_innovation: true,
            influential_invention: true,
            economic_benefit: true,
            unique_skills: true,
            craft_contribution: true,
            top_skill: true,
            mentoring_experience: true,
            healthy: true,
            can_run_studio: true,
            teacher_qualification: true,
            integrated_teacher: true,
            front_line_teaching: true,
            enterprise_experience: true,
            last_exit_date: None,
        },
        unit: UnitFacts {
            kind: UnitKind::School,
            employees: 800,
            skilled_employees: 300,
            talent_policies: true,
            funding_and_premises: true,
            training_results: true,
            has_approved_regional_studio: true,
            last_exit_date: Some(date(2015, 1, 1)),
        },
    }
}

fn assessment() -> AssessmentInput {
    AssessmentInput {
        level: Level::National,
        training_person_times: 37,
        senior_trained: 4,
        partner_count: 2,
        exchange_staff: 6,
        team_training: true,
        media_level: MediaLevel::City,
        report: ReportFiling::Late,
        exactly_sixty: None,
    }
}

fn eligibility_full(c: &mut Criterion) {
    let input = national_school();
    assert!(check(&input).is_ok());
    c.bench_function("eligibility_full", |b| b.iter(|| check(black_box(&input))));
}

fn assessment_score(c: &mut Criterion) {
    let input = assessment();
    assert!(assess(&input).is_ok());
    c.bench_function("assessment_score", |b| b.iter(|| assess(black_box(&input))));
}

criterion_group!(benches, eligibility_full, assessment_score);
criterion_main!(benches);
