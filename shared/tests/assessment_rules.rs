//! 附件 考核细则 and 第十五条: every rubric item around its threshold, the grade boundaries, and the
//! invariants of the score as properties.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use shared::Level;
use shared::Tenths;
use shared::assessment::{
    AssessmentInput, Grade, MediaLevel, RubricScore, SixtyPolicy, assess, grade, score,
};
use shared::deadlines::ReportFiling;

/// Full marks on every item.
fn full(level: Level) -> AssessmentInput {
    let (training, senior, partners, exchange) = match level {
        Level::National => (50, 10, 5, 5),
        Level::Regional => (30, 6, 3, 3),
    };
    AssessmentInput {
        level,
        training_person_times: training,
        senior_trained: senior,
        partner_count: partners,
        exchange_staff: exchange,
        team_training: true,
        media_level: MediaLevel::Central,
        report: ReportFiling::OnTime,
        exactly_sixty: None,
    }
}

fn item(s: &RubricScore, no: u8) -> i32 {
    s.items
        .iter()
        .find(|i| i.item == no)
        .map(|i| i.score.tenths())
        .unwrap()
}

type Set = fn(&mut AssessmentInput, i64);

const ITEMS_1_TO_4: [(u8, &str, Set); 4] = [
    (1, "training_person_times", |i, n| {
        i.training_person_times = n
    }),
    (2, "senior_trained", |i, n| i.senior_trained = n),
    (3, "partner_count", |i, n| i.partner_count = n),
    (4, "exchange_staff", |i, n| i.exchange_staff = n),
];

fn setter(no: u8) -> Set {
    ITEMS_1_TO_4
        .iter()
        .find(|(n, _, _)| *n == no)
        .map(|(_, _, s)| *s)
        .unwrap()
}

/// Scores one item with every other item at full marks, checking the total moves with it.
fn score_of(level: Level, no: u8, n: i64) -> i32 {
    let mut input = full(level);
    setter(no)(&mut input, n);
    let s = score(&input);
    let others: i32 = s
        .items
        .iter()
        .filter(|i| i.item != no)
        .map(|i| i.score.tenths())
        .sum();
    assert_eq!(
        others,
        1000 - s.items.iter().find(|i| i.item == no).unwrap().max.tenths()
    );
    assert_eq!(s.total.tenths(), others + item(&s, no));
    item(&s, no)
}

// ---------------------------------------------------------------- items 1–4

#[test]
fn each_count_item_scores_as_written_one_below_at_and_one_above_its_threshold() {
    // (item, level, count, tenths)
    let cases: &[(u8, Level, i64, i32)] = &[
        // 第1项: ≥ 50 / 30 → 30; else 0.1 off per person below.
        (1, Level::National, 49, 299),
        (1, Level::National, 50, 300),
        (1, Level::National, 51, 300),
        (1, Level::Regional, 29, 299),
        (1, Level::Regional, 30, 300),
        (1, Level::Regional, 31, 300),
        // 第2项: ≥ 10 / 6 → 20; else 0.2 off per person below.
        (2, Level::National, 9, 198),
        (2, Level::National, 10, 200),
        (2, Level::National, 11, 200),
        (2, Level::Regional, 5, 198),
        (2, Level::Regional, 6, 200),
        (2, Level::Regional, 7, 200),
        // 第3项: ≥ 5 / 3 → 10; else 2 off per partner below.
        (3, Level::National, 4, 80),
        (3, Level::National, 5, 100),
        (3, Level::National, 6, 100),
        (3, Level::Regional, 2, 80),
        (3, Level::Regional, 3, 100),
        (3, Level::Regional, 4, 100),
        // 第4项: as 第3项.
        (4, Level::National, 4, 80),
        (4, Level::National, 5, 100),
        (4, Level::National, 6, 100),
        (4, Level::Regional, 2, 80),
        (4, Level::Regional, 3, 100),
        (4, Level::Regional, 4, 100),
    ];
    for &(no, level, n, expected) in cases {
        assert_eq!(
            score_of(level, no, n),
            expected,
            "item {no}, {level:?}, n = {n}"
        );
    }
}

#[test]
fn the_worked_examples_of_the_domain_brief_hold() {
    let cases: &[(u8, Level, i64, i32)] = &[
        (1, Level::Regional, 29, 299),
        (1, Level::National, 1, 251),
        (1, Level::Regional, 1, 271),
        (1, Level::National, 0, 0),
        (1, Level::Regional, 0, 0),
        (2, Level::National, 0, 180),
        (2, Level::Regional, 0, 188),
        (2, Level::Regional, 4, 196),
        (3, Level::National, 1, 20),
        (3, Level::National, 0, 0),
        (3, Level::Regional, 0, 40),
        (4, Level::National, 1, 20),
        (4, Level::National, 0, 0),
        (4, Level::Regional, 0, 40),
        (4, Level::Regional, 1, 60),
    ];
    for &(no, level, n, expected) in cases {
        assert_eq!(
            score_of(level, no, n),
            expected,
            "item {no}, {level:?}, n = {n}"
        );
    }
}

#[test]
fn item_2_has_no_zero_clause_and_says_so() {
    let mut input = full(Level::National);
    input.senior_trained = 0;
    let s = score(&input);
    let it = s.items.iter().find(|i| i.item == 2).unwrap();
    assert_eq!(it.score, Tenths::from_tenths(180));
    assert!(
        it.explanation_en.contains("no 'none"),
        "{}",
        it.explanation_en
    );
}

// ---------------------------------------------------------------- items 5–7

#[test]
fn team_training_media_and_report_items_score_their_fixed_points() {
    type Change = fn(&mut AssessmentInput);
    let cases: [(&str, u8, Change, i32); 10] = [
        ("team training", 5, |i| i.team_training = true, 100),
        ("no team training", 5, |i| i.team_training = false, 0),
        (
            "central media",
            6,
            |i| i.media_level = MediaLevel::Central,
            100,
        ),
        (
            "regional media",
            6,
            |i| i.media_level = MediaLevel::Regional,
            80,
        ),
        ("city media", 6, |i| i.media_level = MediaLevel::City, 60),
        (
            "county media",
            6,
            |i| i.media_level = MediaLevel::County,
            40,
        ),
        ("no media", 6, |i| i.media_level = MediaLevel::None, 0),
        (
            "report on time",
            7,
            |i| i.report = ReportFiling::OnTime,
            100,
        ),
        ("report late", 7, |i| i.report = ReportFiling::Late, 50),
        ("report missing", 7, |i| i.report = ReportFiling::Missing, 0),
    ];
    for level in [Level::National, Level::Regional] {
        for (name, no, change, expected) in cases {
            let mut input = full(level);
            change(&mut input);
            let s = score(&input);
            assert_eq!(item(&s, no), expected, "{name}, {level:?}");
            assert_eq!(s.total.tenths(), 1000 - 100 + expected, "{name}, {level:?}");
        }
    }
}

#[test]
fn every_item_cites_the_annex_and_explains_itself() {
    let s = score(&full(Level::Regional));
    assert_eq!(
        s.items.iter().map(|i| i.item).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(
        s.items.iter().map(|i| i.max.tenths()).collect::<Vec<_>>(),
        [300, 200, 100, 100, 100, 100, 100]
    );
    for i in &s.items {
        assert!(
            i.article.contains("附件") && i.article.contains(&format!("第{}项", i.item)),
            "{}",
            i.article
        );
        assert!(!i.explanation.is_empty() && !i.explanation_en.is_empty());
    }
    assert_eq!(s.total, Tenths::from_tenths(1000));
}

// ---------------------------------------------------------------- grades

#[test]
fn grade_boundaries_follow_article_15() {
    // (total, grade under SixtyPolicy::Qualified, grade under SixtyPolicy::Unqualified, note?)
    let cases: [(i32, Grade, Grade, bool); 10] = [
        (0, Grade::Unqualified, Grade::Unqualified, false),
        (599, Grade::Unqualified, Grade::Unqualified, false),
        (600, Grade::Qualified, Grade::Unqualified, true),
        (601, Grade::Qualified, Grade::Qualified, false),
        (700, Grade::Qualified, Grade::Qualified, false),
        (849, Grade::Qualified, Grade::Qualified, false),
        (850, Grade::Excellent, Grade::Excellent, false),
        (851, Grade::Excellent, Grade::Excellent, false),
        (1000, Grade::Excellent, Grade::Excellent, false),
        (1, Grade::Unqualified, Grade::Unqualified, false),
    ];
    for (total, if_qualified, if_unqualified, note) in cases {
        for (policy, expected) in [
            (SixtyPolicy::Qualified, if_qualified),
            (SixtyPolicy::Unqualified, if_unqualified),
        ] {
            let g = grade(Tenths::from_tenths(total), policy);
            assert_eq!(
                g.grade,
                expected,
                "{} under {policy:?}",
                Tenths::from_tenths(total)
            );
            assert_eq!(g.article, "第十五条");
            assert_eq!(
                g.policy_note.is_some(),
                note,
                "{} under {policy:?}",
                Tenths::from_tenths(total)
            );
        }
    }
}

#[test]
fn the_sixty_point_note_says_the_text_is_silent_and_which_policy_applied() {
    let q = grade(Tenths::from_tenths(600), SixtyPolicy::Qualified)
        .policy_note
        .unwrap();
    assert!(
        q.contains("第十五条") && q.contains("合格") && q.contains("qualified"),
        "{q}"
    );
    let u = grade(Tenths::from_tenths(600), SixtyPolicy::Unqualified)
        .policy_note
        .unwrap();
    assert!(u.contains("不合格") && u.contains("unqualified"), "{u}");
}

/// National: items 1, 2 and 6 at full marks (30 + 20 + 10), everything else at zero.
fn exactly_sixty(policy: Option<SixtyPolicy>) -> AssessmentInput {
    AssessmentInput {
        partner_count: 0,
        exchange_staff: 0,
        team_training: false,
        report: ReportFiling::Missing,
        exactly_sixty: policy,
        ..full(Level::National)
    }
}

#[test]
fn assess_grades_exactly_sixty_as_qualified_by_default() {
    let (s, g) = assess(&exactly_sixty(None)).unwrap();
    assert_eq!(s.total, Tenths::from_tenths(600));
    assert_eq!(g.grade, Grade::Qualified);
    assert!(g.policy_note.is_some());
}

#[test]
fn assess_follows_a_configured_sixty_policy() {
    let (_, g) = assess(&exactly_sixty(Some(SixtyPolicy::Unqualified))).unwrap();
    assert_eq!(g.grade, Grade::Unqualified);
    assert!(g.policy_note.is_some());
    let (_, g) = assess(&exactly_sixty(Some(SixtyPolicy::Qualified))).unwrap();
    assert_eq!(g.grade, Grade::Qualified);
}

#[test]
fn assess_grades_just_around_sixty_and_eighty_five() {
    // 59.9: training one short nationally (29.9) instead of full.
    let mut input = exactly_sixty(Some(SixtyPolicy::Qualified));
    input.training_person_times = 49;
    let (s, g) = assess(&input).unwrap();
    assert_eq!(
        (s.total, g.grade, g.policy_note.is_some()),
        (Tenths::from_tenths(599), Grade::Unqualified, false)
    );
    // 84.9 and 85.0.
    let mut input = full(Level::Regional);
    input.media_level = MediaLevel::None; // 90.0
    input.report = ReportFiling::Late; // 85.0
    let (s, g) = assess(&input).unwrap();
    assert_eq!(
        (s.total, g.grade),
        (Tenths::from_tenths(850), Grade::Excellent)
    );
    input.training_person_times = 29; // 84.9
    let (s, g) = assess(&input).unwrap();
    assert_eq!(
        (s.total, g.grade),
        (Tenths::from_tenths(849), Grade::Qualified)
    );
}

#[test]
fn negative_counts_are_rejected_naming_the_field() {
    for (_, field, set) in ITEMS_1_TO_4 {
        let mut input = full(Level::National);
        set(&mut input, -1);
        let errors = assess(&input).expect_err("a negative count must be rejected");
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            [field]
        );
    }
}

#[test]
fn unknown_media_levels_and_filings_are_rejected_on_the_wire() {
    let mut v = serde_json::to_value(full(Level::National)).unwrap();
    assert!(serde_json::from_value::<AssessmentInput>(v.clone()).is_ok());
    v["media_level"] = "provincial".into();
    assert!(serde_json::from_value::<AssessmentInput>(v.clone()).is_err());
    let mut v = serde_json::to_value(full(Level::National)).unwrap();
    v["report"] = "early".into();
    assert!(serde_json::from_value::<AssessmentInput>(v).is_err());
}

// ---------------------------------------------------------------- properties

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::National), Just(Level::Regional)]
}

fn media() -> impl Strategy<Value = MediaLevel> {
    prop_oneof![
        Just(MediaLevel::None),
        Just(MediaLevel::County),
        Just(MediaLevel::City),
        Just(MediaLevel::Regional),
        Just(MediaLevel::Central),
    ]
}

fn report() -> impl Strategy<Value = ReportFiling> {
    prop_oneof![
        Just(ReportFiling::OnTime),
        Just(ReportFiling::Late),
        Just(ReportFiling::Missing)
    ]
}

fn sixty() -> impl Strategy<Value = SixtyPolicy> {
    prop_oneof![Just(SixtyPolicy::Qualified), Just(SixtyPolicy::Unqualified)]
}

/// Mostly counts around the thresholds, sometimes anywhere in the valid range.
fn count() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 0i64..=60, 1 => 0i64..=10_000_000]
}

fn input() -> impl Strategy<Value = AssessmentInput> {
    (
        level(),
        count(),
        count(),
        count(),
        count(),
        any::<bool>(),
        media(),
        report(),
        proptest::option::of(sixty()),
    )
        .prop_map(
            |(
                level,
                training,
                senior,
                partners,
                exchange,
                team_training,
                media_level,
                report,
                exactly_sixty,
            )| {
                AssessmentInput {
                    level,
                    training_person_times: training,
                    senior_trained: senior,
                    partner_count: partners,
                    exchange_staff: exchange,
                    team_training,
                    media_level,
                    report,
                    exactly_sixty,
                }
            },
        )
}

proptest! {
    #[test]
    fn the_total_is_the_sum_of_the_seven_items(input in input()) {
        let s = score(&input);
        prop_assert_eq!(s.items.len(), 7);
        prop_assert_eq!(s.total.tenths(), s.items.iter().map(|i| i.score.tenths()).sum::<i32>());
    }

    #[test]
    fn the_total_stays_within_0_and_100_points(input in input()) {
        let t = score(&input).total.tenths();
        prop_assert!((0..=1000).contains(&t), "total {}", t);
    }

    #[test]
    fn every_item_stays_within_0_and_its_maximum(input in input()) {
        for i in score(&input).items {
            prop_assert!((0..=i.max.tenths()).contains(&i.score.tenths()), "item {} = {} of {}", i.item, i.score, i.max);
        }
    }

    #[test]
    fn assess_accepts_every_valid_input_and_grades_its_total(input in input()) {
        let (s, g) = assess(&input).unwrap();
        prop_assert_eq!(&s, &score(&input));
        prop_assert_eq!(g, grade(s.total, input.exactly_sixty.unwrap_or_default()));
    }

    #[test]
    fn the_grade_never_falls_as_the_total_rises(a in 0i32..=1000, b in 0i32..=1000, policy in sixty()) {
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(grade(Tenths::from_tenths(lo), policy).grade <= grade(Tenths::from_tenths(hi), policy).grade, "{} vs {}", lo, hi);
    }

    #[test]
    fn only_exactly_sixty_carries_a_policy_note(t in 0i32..=1000, policy in sixty()) {
        prop_assert_eq!(grade(Tenths::from_tenths(t), policy).policy_note.is_some(), t == 600);
    }

    #[test]
    fn no_item_score_falls_as_its_count_rises(input in input(), more in 0i64..=60) {
        let before = score(&input);
        for (no, _, set) in ITEMS_1_TO_4 {
            let mut bigger = input.clone();
            let n = match no {
                1 => input.training_person_times,
                2 => input.senior_trained,
                3 => input.partner_count,
                _ => input.exchange_staff,
            };
            set(&mut bigger, (n + more).min(10_000_000));
            let after = score(&bigger);
            prop_assert!(item(&after, no) >= item(&before, no), "item {} fell from {} to {}", no, item(&before, no), item(&after, no));
            prop_assert!(after.total >= before.total);
        }
    }

    #[test]
    fn a_higher_media_level_never_scores_less(input in input(), other in media()) {
        let mut a = input.clone();
        let mut b = input;
        let (lo, hi) = (a.media_level.min(other), a.media_level.max(other));
        a.media_level = lo;
        b.media_level = hi;
        prop_assert!(item(&score(&a), 6) <= item(&score(&b), 6));
    }
}
