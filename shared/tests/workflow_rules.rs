//! 第四章 as a state machine: who may move an application where, and the guards on each move; plus
//! 第十一条（一）'s channel routing and 第十二条's subsidy.
#![allow(clippy::unwrap_used)]

use shared::calendar::date;
use shared::channel::{Affiliation, Channel, channel};
use shared::geo::City;
use shared::subsidy::entitlement;
use shared::workflow::{Action, AppState, GuardContext, Refusal, Role, transition};
use shared::{Fen, Level, NationalCategory, Severity};

const STATES: [AppState; 10] = AppState::ALL;

const ACTIONS: [Action; 9] = [
    Action::Submit,
    Action::ReturnForCorrection,
    Action::Recommend,
    Action::StartDefense,
    Action::SelectForInspection,
    Action::Propose,
    Action::Approve,
    Action::Reject,
    Action::Withdraw,
];

const ROLES: [Role; 5] = [
    Role::Applicant,
    Role::Recommender,
    Role::HrssAdmin,
    Role::Expert,
    Role::Finance,
];

/// A context in which every guard is satisfied.
fn ok_ctx(hrss_direct: bool) -> GuardContext {
    GuardContext {
        today: Some(date(2025, 6, 20)),
        hrss_direct,
        eligibility: Some(Severity::Pass),
        unjustified_warnings: 0,
        reason: Some("材料不全".into()),
        rank: Some(1),
        party_meeting_date: Some(date(2025, 5, 10)),
        inspection_candidates: 3,
        inspection_passed: Some(true),
        notice_end: Some(date(2025, 6, 10)),
        open_objections: 0,
    }
}

/// Every allowed move: (from, action, role, to). The channel's reviewer is the Recommender, or
/// HRSS itself for a central public institution (hrss_direct).
fn allowed(hrss_direct: bool) -> Vec<(AppState, Action, Role, AppState)> {
    use Action::*;
    use AppState::*;
    let reviewer = if hrss_direct {
        Role::HrssAdmin
    } else {
        Role::Recommender
    };
    vec![
        (Draft, Submit, Role::Applicant, Submitted),
        (Returned, Submit, Role::Applicant, Submitted),
        (Submitted, ReturnForCorrection, reviewer, Returned),
        (Submitted, Recommend, reviewer, Recommended),
        (Submitted, Reject, reviewer, NotSelected),
        (Recommended, StartDefense, Role::HrssAdmin, DefenseReview),
        (
            DefenseReview,
            SelectForInspection,
            Role::HrssAdmin,
            FieldInspection,
        ),
        (FieldInspection, Propose, Role::HrssAdmin, Proposed),
        (Proposed, Approve, Role::HrssAdmin, Approved),
        (Recommended, Reject, Role::HrssAdmin, NotSelected),
        (DefenseReview, Reject, Role::HrssAdmin, NotSelected),
        (FieldInspection, Reject, Role::HrssAdmin, NotSelected),
        (Proposed, Reject, Role::HrssAdmin, NotSelected),
        (Draft, Withdraw, Role::Applicant, Withdrawn),
        (Submitted, Withdraw, Role::Applicant, Withdrawn),
        (Returned, Withdraw, Role::Applicant, Withdrawn),
    ]
}

fn assert_cited(r: &Refusal) {
    assert!(r.article.starts_with('第'), "{r:?}");
    assert!(
        !r.message_zh.is_empty() && !r.message_en.is_empty(),
        "{r:?}"
    );
}

/// A guard refusal (not a role refusal) for an otherwise allowed move.
fn guard_refusal(from: AppState, action: Action, role: Role, ctx: &GuardContext) -> Refusal {
    let r = transition(from, action, role, ctx).expect_err("the guard should refuse");
    assert!(!r.forbidden, "a guard refusal is not a role refusal: {r:?}");
    assert_cited(&r);
    r
}

// ---------------------------------------------------------------- roles × states × actions

#[test]
fn every_allowed_move_succeeds_for_its_role_and_every_other_role_is_forbidden() {
    for direct in [false, true] {
        let ctx = ok_ctx(direct);
        let table = allowed(direct);
        for (from, action, role, to) in &table {
            assert_eq!(
                transition(*from, *action, *role, &ctx),
                Ok(*to),
                "{from:?} {action:?} by {role:?}, direct {direct}"
            );
            for other in ROLES.into_iter().filter(|r| r != role) {
                let r = transition(*from, *action, other, &ctx)
                    .expect_err("another role must be refused");
                assert!(
                    r.forbidden,
                    "{from:?} {action:?} by {other:?}, direct {direct}: {r:?}"
                );
                assert_cited(&r);
            }
        }
    }
}

#[test]
fn every_move_not_in_the_table_is_impossible_in_that_state_for_every_role() {
    for direct in [false, true] {
        let ctx = ok_ctx(direct);
        let table = allowed(direct);
        for from in STATES {
            for action in ACTIONS {
                if table.iter().any(|(f, a, _, _)| *f == from && *a == action) {
                    continue;
                }
                for role in ROLES {
                    let r = transition(from, action, role, &ctx).expect_err("no such move");
                    assert!(
                        !r.forbidden,
                        "{from:?} {action:?} by {role:?}: not a role question"
                    );
                    assert_cited(&r);
                }
            }
        }
    }
}

#[test]
fn final_states_accept_nothing() {
    for from in [
        AppState::Approved,
        AppState::NotSelected,
        AppState::Withdrawn,
    ] {
        assert!(from.is_final());
        for direct in [false, true] {
            for action in ACTIONS {
                for role in ROLES {
                    assert!(
                        transition(from, action, role, &ok_ctx(direct)).is_err(),
                        "{from:?} {action:?} {role:?}"
                    );
                }
            }
        }
    }
    for from in STATES.into_iter().filter(|s| {
        !matches!(
            s,
            AppState::Approved | AppState::NotSelected | AppState::Withdrawn
        )
    }) {
        assert!(!from.is_final(), "{from:?}");
    }
}

#[test]
fn experts_and_finance_can_move_nothing() {
    for role in [Role::Expert, Role::Finance] {
        for from in STATES {
            for action in ACTIONS {
                assert!(
                    transition(from, action, role, &ok_ctx(false)).is_err(),
                    "{from:?} {action:?} {role:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- submit (第十条)

#[test]
fn submit_is_refused_with_a_failed_or_missing_eligibility_verdict() {
    for eligibility in [Some(Severity::Fail), None] {
        let ctx = GuardContext {
            eligibility,
            ..ok_ctx(false)
        };
        for from in [AppState::Draft, AppState::Returned] {
            let r = guard_refusal(from, Action::Submit, Role::Applicant, &ctx);
            assert_eq!(r.article, "第十条");
        }
    }
}

#[test]
fn submit_is_refused_while_a_warning_lacks_its_justification() {
    let ctx = GuardContext {
        eligibility: Some(Severity::Warning),
        unjustified_warnings: 1,
        ..ok_ctx(false)
    };
    guard_refusal(AppState::Draft, Action::Submit, Role::Applicant, &ctx);
    let ctx = GuardContext {
        unjustified_warnings: 0,
        ..ctx
    };
    assert_eq!(
        transition(AppState::Draft, Action::Submit, Role::Applicant, &ctx),
        Ok(AppState::Submitted)
    );
}

#[test]
fn submit_is_allowed_for_a_case_that_needs_manual_review() {
    let ctx = GuardContext {
        eligibility: Some(Severity::ManualReview),
        ..ok_ctx(false)
    };
    assert_eq!(
        transition(AppState::Draft, Action::Submit, Role::Applicant, &ctx),
        Ok(AppState::Submitted)
    );
}

#[test]
fn a_role_refusal_comes_before_the_guards() {
    let ctx = GuardContext {
        eligibility: Some(Severity::Fail),
        ..ok_ctx(false)
    };
    assert!(
        transition(AppState::Draft, Action::Submit, Role::Recommender, &ctx)
            .unwrap_err()
            .forbidden
    );
}

// ---------------------------------------------------------------- return / reject (第十一条（二）)

#[test]
fn return_and_reject_need_a_reason() {
    let cases = [
        (
            AppState::Submitted,
            Action::ReturnForCorrection,
            Role::Recommender,
        ),
        (AppState::Submitted, Action::Reject, Role::Recommender),
        (AppState::Recommended, Action::Reject, Role::HrssAdmin),
        (AppState::Proposed, Action::Reject, Role::HrssAdmin),
    ];
    for (from, action, role) in cases {
        for reason in [None, Some(String::new()), Some("   ".to_owned())] {
            let ctx = GuardContext {
                reason: reason.clone(),
                ..ok_ctx(false)
            };
            guard_refusal(from, action, role, &ctx);
        }
    }
}

// ---------------------------------------------------------------- recommend (第十一条（二）)

#[test]
fn a_recommendation_needs_a_rank() {
    let ctx = GuardContext {
        rank: None,
        ..ok_ctx(false)
    };
    let r = guard_refusal(
        AppState::Submitted,
        Action::Recommend,
        Role::Recommender,
        &ctx,
    );
    assert_eq!(r.article, "第十一条（二）");
}

#[test]
fn a_channel_recommendation_needs_the_party_group_meeting_date() {
    let ctx = GuardContext {
        party_meeting_date: None,
        ..ok_ctx(false)
    };
    guard_refusal(
        AppState::Submitted,
        Action::Recommend,
        Role::Recommender,
        &ctx,
    );
}

#[test]
fn hrss_recommends_a_direct_application_itself_without_a_party_group_meeting() {
    let ctx = GuardContext {
        party_meeting_date: None,
        ..ok_ctx(true)
    };
    assert_eq!(
        transition(
            AppState::Submitted,
            Action::Recommend,
            Role::HrssAdmin,
            &ctx
        ),
        Ok(AppState::Recommended)
    );
    let r = transition(
        AppState::Submitted,
        Action::Recommend,
        Role::Recommender,
        &ctx,
    )
    .unwrap_err();
    assert!(r.forbidden);
}

#[test]
fn hrss_recommends_a_direct_application_without_a_channel_rank() {
    let ctx = GuardContext {
        rank: None,
        party_meeting_date: None,
        ..ok_ctx(true)
    };
    assert_eq!(
        transition(
            AppState::Submitted,
            Action::Recommend,
            Role::HrssAdmin,
            &ctx
        ),
        Ok(AppState::Recommended)
    );
}

// ---------------------------------------------------------------- field inspection (第十一条（四）)

#[test]
fn field_inspection_needs_at_least_two_candidates_whatever_the_slots() {
    // 差额: more inspected than selected. The slots cap what is proposed later, not who is inspected.
    for (candidates, ok) in [(0, false), (1, false), (2, true), (3, true), (11, true)] {
        let ctx = GuardContext {
            inspection_candidates: candidates,
            ..ok_ctx(false)
        };
        let result = transition(
            AppState::DefenseReview,
            Action::SelectForInspection,
            Role::HrssAdmin,
            &ctx,
        );
        if ok {
            assert_eq!(result, Ok(AppState::FieldInspection), "{candidates}");
        } else {
            let r = result.unwrap_err();
            assert!(!r.forbidden);
            assert_eq!(r.article, "第十一条（四）", "{candidates}");
        }
    }
}

#[test]
fn a_proposal_needs_a_passed_field_inspection() {
    for passed in [None, Some(false)] {
        let ctx = GuardContext {
            inspection_passed: passed,
            ..ok_ctx(false)
        };
        guard_refusal(
            AppState::FieldInspection,
            Action::Propose,
            Role::HrssAdmin,
            &ctx,
        );
    }
}

// ---------------------------------------------------------------- approve (第十一条（五）)

#[test]
fn approval_waits_until_the_day_after_the_notice_ends() {
    let end = date(2025, 6, 10);
    for (today, ok) in [
        (date(2025, 6, 9), false),
        (end, false),
        (date(2025, 6, 11), true),
    ] {
        let ctx = GuardContext {
            today: Some(today),
            notice_end: Some(end),
            ..ok_ctx(false)
        };
        let result = transition(AppState::Proposed, Action::Approve, Role::HrssAdmin, &ctx);
        if ok {
            assert_eq!(result, Ok(AppState::Approved), "{today}");
        } else {
            assert_eq!(
                guard_refusal(AppState::Proposed, Action::Approve, Role::HrssAdmin, &ctx).article,
                "第十一条（五）"
            );
        }
    }
}

#[test]
fn approval_is_refused_while_an_objection_is_open() {
    let ctx = GuardContext {
        today: Some(date(2025, 6, 11)),
        notice_end: Some(date(2025, 6, 10)),
        open_objections: 1,
        ..ok_ctx(false)
    };
    guard_refusal(AppState::Proposed, Action::Approve, Role::HrssAdmin, &ctx);
}

#[test]
fn approval_is_refused_when_no_notice_ran_or_the_date_is_unknown() {
    for (today, notice_end) in [
        (Some(date(2025, 6, 11)), None),
        (None, Some(date(2025, 6, 10))),
        (None, None),
    ] {
        let ctx = GuardContext {
            today,
            notice_end,
            ..ok_ctx(false)
        };
        guard_refusal(AppState::Proposed, Action::Approve, Role::HrssAdmin, &ctx);
    }
}

// ---------------------------------------------------------------- 第十二条: subsidy

#[test]
fn each_studio_is_entitled_to_the_subsidy_of_article_12() {
    let cases = [
        (
            Level::National,
            Some(NationalCategory::Manufacturing),
            Some(Fen::from_fen(30_000_000)),
        ),
        (
            Level::National,
            Some(NationalCategory::Services),
            Some(Fen::from_fen(20_000_000)),
        ),
        (
            Level::National,
            Some(NationalCategory::Other),
            Some(Fen::from_fen(10_000_000)),
        ),
        (Level::National, None, None),
        (Level::Regional, None, Some(Fen::from_fen(10_000_000))),
        (
            Level::Regional,
            Some(NationalCategory::Manufacturing),
            Some(Fen::from_fen(10_000_000)),
        ),
        (
            Level::Regional,
            Some(NationalCategory::Services),
            Some(Fen::from_fen(10_000_000)),
        ),
        (
            Level::Regional,
            Some(NationalCategory::Other),
            Some(Fen::from_fen(10_000_000)),
        ),
    ];
    for (level, category, expected) in cases {
        assert_eq!(
            entitlement(level, category),
            expected,
            "{level:?} {category:?}"
        );
    }
    assert_eq!(Fen::yuan(300_000).to_string(), "¥300,000.00");
}

// ---------------------------------------------------------------- 第十一条（一）: channel

#[test]
fn each_unit_is_routed_to_the_channel_of_article_11() {
    for city in City::ALL {
        let cases = [
            (Affiliation::Local, Channel::CityBureau { city }),
            (
                Affiliation::RegionalDepartmentAffiliate,
                Channel::RegionalDepartment,
            ),
            (
                Affiliation::RegionalVocationalCollege,
                Channel::EducationDepartment,
            ),
            (Affiliation::RegionalStateOwnedEnterprise, Channel::Sasac),
            (Affiliation::CentralEnterprise, Channel::Sasac),
            (Affiliation::CentralPublicInstitution, Channel::HrssDirect),
        ];
        for (affiliation, expected) in cases {
            let c = channel(affiliation, city);
            assert_eq!(c, expected, "{affiliation:?} in {city:?}");
            // Only the direct route skips the channel's review, ranking and Party-group meeting.
            assert_eq!(
                c.has_preliminary_review(),
                affiliation != Affiliation::CentralPublicInstitution
            );
        }
    }
    assert_eq!(
        channel(Affiliation::Local, City::Guyuan).label_zh(),
        "固原市人力资源和社会保障局"
    );
}

#[test]
fn each_move_names_the_fields_it_needs_before_any_guard() {
    use shared::workflow::{TransitionRequest, required_fields};
    let req = |action, reason: Option<&str>, rank, meeting| TransitionRequest {
        action,
        version: 1,
        reason: reason.map(str::to_owned),
        rank,
        party_meeting_date: meeting,
    };
    let fields = |r: &TransitionRequest, direct| -> Vec<String> {
        required_fields(r, direct)
            .into_iter()
            .map(|f| f.field)
            .collect()
    };
    assert_eq!(
        fields(
            &req(Action::ReturnForCorrection, Some("  "), None, None),
            false
        ),
        ["reason"]
    );
    assert_eq!(
        fields(&req(Action::Reject, Some("材料不全"), None, None), false),
        Vec::<String>::new()
    );
    assert_eq!(
        fields(&req(Action::Recommend, None, Some(0), None), false),
        ["rank", "party_meeting_date"]
    );
    assert_eq!(
        fields(
            &req(
                Action::Recommend,
                None,
                Some(10_001),
                Some(date(2026, 5, 1))
            ),
            false
        ),
        ["rank"]
    );
    // HRSS reviews central public institutions itself: no rank, no Party-group meeting.
    assert!(fields(&req(Action::Recommend, None, None, None), true).is_empty());
    assert!(fields(&req(Action::Submit, None, None, None), false).is_empty());
}
