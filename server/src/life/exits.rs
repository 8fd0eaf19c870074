//! 第十七条, 第十八条: an exit decided by HRSS — unused funds become a return due and the unit and
//! the leader are barred for 3 years — and the lapse of what a revoked or exited studio was owed.

use super::store;
use super::view::{self};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{studio, studio_exit};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use shared::account::Role;
use shared::life::{ChangeStep, NewExit, StudioLife, StudioStatus};
use shared::wire::FieldError;

/// 第十七条, 第十八条: a revoked or exited studio is owed nothing more. Its entitlement becomes
/// what was disbursed, so 待拨付 is zero on the ledger and the dashboard; returns go on. Returns the
/// entitlement before and after.
pub async fn lapse_entitlement<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
) -> Result<(i64, i64), ApiError> {
    let b = crate::ledger::service::balance_of(db, s).await?;
    let after = b.disbursed.fen().clamp(0, s.entitlement_fen);
    if after != s.entitlement_fen {
        let mut a = s.clone().into_active_model();
        a.entitlement_fen = Set(after);
        store::update(db, a).await?;
    }
    Ok((s.entitlement_fen, after))
}

/// 第十八条: HRSS decides an exit. Unused funds (disbursed − used − returned) become a return due,
/// and the unit and the leader are barred from applying for 3 years.
pub async fn exit(
    state: &AppState,
    actor: &Actor,
    id: i32,
    new: NewExit,
) -> Result<StudioLife, ApiError> {
    actor.require(&[Role::HrssAdmin])?;
    let today = state.today();
    new.check(today).map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    let s = store::studio(&*w, id).await?.ok_or(ApiError::NotFound)?;
    let before = s.status;
    if before == StudioStatus::Exited {
        return Err(ApiError::conflict(
            "工作室已退出",
            "The studio has already exited",
        ));
    }
    if new.decided_on < s.approved_on {
        return Err(ApiError::Validation(vec![FieldError::new(
            "decided_on",
            "决定日期不能早于工作室命名日期",
            "the decision cannot precede the studio's approval",
        )]));
    }
    let held = crate::ledger::service::balance_of(&*w, &s).await?.held();
    store::insert_exit(
        &*w,
        studio_exit::ActiveModel {
            studio_id: Set(id),
            unit_id: Set(s.unit_id),
            leader_name: Set(s.leader_name.clone()),
            leader_birth_date: Set(s.leader_facts.as_ref().map(|l| l.birth_date)),
            leader_id_number: Set(s.leader_id_number.clone()),
            exit_case: Set(new.case),
            evidence: Set(new.evidence.trim().to_owned()),
            investigation: Set(new.investigation.trim().to_owned()),
            decided_on: Set(new.decided_on),
            ban_until: Set(new.ban_until()),
            return_due_fen: Set(held.fen().max(0)),
            decided_by: Set(actor.username.clone()),
            recorded_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    let mut a = s.clone().into_active_model();
    a.status = Set(StudioStatus::Exited);
    let s = store::update(&*w, a).await?;
    let (entitled_before, entitled_after) = lapse_entitlement(&*w, &s).await?;
    let s = store::studio(&*w, id).await?.ok_or(ApiError::NotFound)?;
    // Changes still open end with the studio.
    for c in store::changes(&*w, id).await? {
        if let Ok(lapsed) = shared::life::change_transition(c.state, ChangeStep::StudioExits) {
            let mut ch = c.into_active_model();
            ch.state = Set(lapsed);
            ch.decided_on = Set(Some(today));
            ch.decision_reason = Set(Some(format!(
                "工作室已于 {} 退出（{}），变更申请终止",
                new.decided_on,
                new.case.article()
            )));
            store::update_change(&*w, ch).await?;
        }
    }
    w.done(
        Event::new("studio.exit", "studio", id)
            .before(&serde_json::json!({ "status": before }))
            .after(&serde_json::json!({
                "status": StudioStatus::Exited,
                "case": new.case,
                "article": new.case.article(),
                "decided_on": new.decided_on,
                "ban_until": new.ban_until(),
                "return_due_fen": held.fen().max(0),
                "entitlement_fen": { "before": entitled_before, "after": entitled_after },
            })),
    )
    .await?;
    view::life(&state.db, &s, today).await
}
