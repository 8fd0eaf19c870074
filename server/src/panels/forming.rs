//! Forming a panel (第十一条（三）, 第十五条): who may organise it, its experts and candidates, its rubric,
//! and the conflicts of interest found from the experts' affiliations.

use super::store;
use super::view::{self};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{JsonText, panel, panel_candidate, score_sheet};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::life::NotAssessable;
use shared::panel::{NewPanel, PanelState, PanelView};
use shared::scoring::{PanelPurpose, assessment_rubric, conflict, defense_rubric};
use shared::wire::FieldError;
use shared::workflow::AppState as Stage;

/// A candidate as the panel stores it: the application or studio, its unit and recommending
/// organisation (for conflicts of interest).
struct Candidate {
    id: i32,
    unit_id: i32,
    org: Option<i32>,
}

/// 第十五条（一）: a city bureau (or department) organises the annual assessment of its studios;
/// every other panel is HRSS's.
fn organiser(actor: &Actor, purpose: PanelPurpose) -> Result<Option<i32>, ApiError> {
    match actor.role {
        Some(Role::HrssAdmin) => Ok(None),
        Some(Role::Recommender) if purpose == PanelPurpose::Annual && actor.org_id.is_some() => {
            Ok(actor.org_id)
        }
        _ => Err(ApiError::forbidden(
            "评审组由自治区人社厅组建；年度考核可由市人社局或主管部门组建",
            "Panels are formed by HRSS; an annual assessment panel may also be formed by a city bureau or a supervising department",
        )),
    }
}

/// Candidates: applications in the defense review, or studios for an assessment on the day it
/// sits (an end of term only after the term, a re-assessment only after the year of
/// rectification) within the organiser's scope.
async fn candidates<C: ConnectionTrait>(
    db: &C,
    new: &NewPanel,
    organiser: Option<i32>,
    sits_on: chrono::NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<Candidate>, ApiError> {
    let mut out = Vec::new();
    for (i, id) in new.candidates.iter().enumerate() {
        let field = format!("candidates[{i}]");
        let found = if new.purpose == PanelPurpose::Defense {
            store::application(db, *id)
                .await?
                .filter(|m| m.state == Stage::DefenseReview)
                .filter(|m| new.round_id.is_none_or(|r| r == m.round_id))
                .map(|m| Candidate {
                    id: m.id,
                    unit_id: m.unit_id,
                    org: m.channel_org_id,
                })
        } else {
            match crate::life::assessments::studio_of(db, *id).await? {
                Some(s) => {
                    if let Err(why @ NotAssessable::NotYet { .. }) =
                        crate::life::assessments::assessable(&s, new.purpose, sits_on)
                    {
                        errors.push(FieldError::new(
                            field,
                            format!("“{}”：{}", s.name, why.message_zh()),
                            why.message_en(),
                        ));
                        continue;
                    }
                    let org = store::unit(db, s.unit_id)
                        .await?
                        .and_then(|u| u.channel_org_id);
                    let kind = shared::life::assessment_kind(
                        new.purpose == PanelPurpose::EndOfTerm,
                        s.status,
                    );
                    let in_scope = organiser.is_none() || org == organiser;
                    (kind.is_some() && in_scope).then_some(Candidate {
                        id: s.id,
                        unit_id: s.unit_id,
                        org,
                    })
                }
                None => None,
            }
        };
        match found {
            Some(c) => out.push(c),
            None => errors.push(FieldError::new(
                field,
                if new.purpose == PanelPurpose::Defense {
                    "不是处于答辩评审阶段的申报"
                } else {
                    "不是可以参加此项考核的工作室（年度考核：建设中；期满考核：建设期满或整改中）"
                },
                "not a candidate this panel can score",
            )),
        }
    }
    Ok(out)
}

/// The experts must be enabled expert accounts.
async fn check_experts<C: ConnectionTrait>(
    db: &C,
    new: &NewPanel,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    let accounts = store::accounts(db, new.experts.clone()).await?;
    for (i, id) in new.experts.iter().enumerate() {
        let ok = accounts
            .iter()
            .any(|u| u.id == *id && u.role == Role::Expert && !u.disabled);
        if !ok {
            errors.push(FieldError::new(
                format!("experts[{i}]"),
                "不是可用的评审专家账号",
                "not an enabled expert account",
            ));
        }
    }
    Ok(())
}

/// HRSS (or a bureau, for its annual assessments) forms a panel: its experts (one the chair), the
/// candidates, the rubric (default by purpose) and how scores aggregate. Conflicts of interest are
/// found now, from the experts' affiliations.
pub async fn create(state: &AppState, actor: &Actor, new: NewPanel) -> Result<PanelView, ApiError> {
    let organiser = organiser(actor, new.purpose)?;
    new.check().map_err(ApiError::Validation)?;
    let rubric = new.rubric.clone().unwrap_or_else(|| match new.purpose {
        PanelPurpose::Defense => defense_rubric(),
        _ => assessment_rubric(),
    });
    let mut errors = rubric.check_tie_breakers(&new.tie_breakers);
    check_experts(&state.db, &new, &mut errors).await?;
    let sits_on = new.session_on.unwrap_or_else(|| state.today());
    let cands = candidates(&state.db, &new, organiser, sits_on, &mut errors).await?;
    errors.extend(new.check_reported());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let w = Write::begin(state, actor).await?;
    let saved = store::insert_panel(
        &*w,
        panel::ActiveModel {
            purpose: Set(new.purpose),
            round_id: Set(new.round_id),
            title: Set(new.title.trim().to_owned()),
            occupation_group: Set(new.occupation_group.trim().to_owned()),
            session_on: Set(new.session_on),
            location: Set(new.location.trim().to_owned()),
            rubric: Set(JsonText(rubric)),
            aggregation: Set(JsonText(new.aggregation)),
            tie_breakers: Set(JsonText(new.tie_breakers.clone())),
            chair_id: Set(new.chair),
            state: Set(PanelState::Open),
            created_by: Set(actor.username.clone()),
            created_at: Set(w.now()),
            assessed_year: Set(new.year),
            organiser_org_id: Set(organiser),
            ..Default::default()
        },
    )
    .await?;
    for e in &new.experts {
        store::insert_member(&*w, saved.id, *e).await?;
    }
    let mut affiliations = Vec::new();
    for e in &new.experts {
        affiliations.push((*e, crate::admin::service::affiliations::of(&*w, *e).await?));
    }
    let mut flagged = Vec::new();
    for (pos, c) in cands.iter().enumerate() {
        // Figures given with the panel, or else the studio's own annual report.
        let reported = match new.reported.iter().find(|r| r.studio_id == c.id) {
            _ if new.purpose == PanelPurpose::Defense => None,
            Some(r) => Some(r.input.clone()),
            None => {
                let s = crate::life::assessments::studio_of(&*w, c.id)
                    .await?
                    .ok_or(ApiError::NotFound)?;
                Some(
                    crate::life::assessments::reported_input(
                        &*w,
                        &s,
                        new.purpose,
                        new.year,
                        sits_on,
                    )
                    .await?,
                )
            }
        };
        let defense = new.purpose == PanelPurpose::Defense;
        let row = store::insert_candidate(
            &*w,
            panel_candidate::ActiveModel {
                panel_id: Set(saved.id),
                application_id: Set(defense.then_some(c.id)),
                studio_id: Set((!defense).then_some(c.id)),
                position: Set(i32::try_from(pos + 1).unwrap_or(i32::MAX)),
                reported: Set(reported.map(JsonText)),
                ..Default::default()
            },
        )
        .await?;
        for (e, list) in &affiliations {
            let why = conflict(list, c.unit_id, c.org, w.today());
            if why.is_some() {
                flagged.push(serde_json::json!({ "expert": e, "candidate": c.id }));
            }
            store::insert_sheet(
                &*w,
                score_sheet::ActiveModel {
                    panel_id: Set(saved.id),
                    candidate_id: Set(row.id),
                    expert_id: Set(*e),
                    conflict: Set(why),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    w.done(
        Event::new("panel.create", "panel", saved.id).after(&serde_json::json!({
            "title": new.title, "experts": new.experts, "chair": new.chair,
            "candidates": new.candidates, "aggregation": new.aggregation,
            "conflicts": flagged,
        })),
    )
    .await?;
    view::view(&state.db, actor, saved).await
}
