//! 第五章 the money of each studio: finance records disbursements, returns and reversals; the
//! studio's unit reports usage by purpose. Each entry is checked by `shared::ledger` against the
//! ledger as it stands inside the same audited transaction (which serialises writers), and the
//! per-studio balance is updated in that transaction too. Nothing is ever edited or deleted.

use crate::auth::CurrentUser;
use crate::entity::{ledger_entry, studio, studio_balance};
use crate::error::ApiError;
use crate::extract::{IdPath, JsonBody};
use crate::repo::studio::{self as studios, Visibility};
use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Datelike;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use shared::Fen;
use shared::account::Role;
use shared::ledger::{
    Entry, EntryKind, EntryView, LedgerError, LedgerView, NewEntry, balance, check_entry,
};
use shared::wire::ErrorBody;

fn rules_entry(m: &ledger_entry::Model) -> Result<Entry, ApiError> {
    Ok(Entry {
        id: m.id,
        kind: m.kind,
        amount: Fen::from_fen(m.amount_fen),
        reverses: m.reverses_id,
    })
}

async fn entries<C: ConnectionTrait>(
    db: &C,
    studio_id: i32,
) -> Result<Vec<ledger_entry::Model>, ApiError> {
    Ok(ledger_entry::Entity::find()
        .filter(ledger_entry::Column::StudioId.eq(studio_id))
        .order_by_asc(ledger_entry::Column::OccurredOn)
        .order_by_asc(ledger_entry::Column::Id)
        .all(db)
        .await?)
}

/// A studio's balance from its ledger.
pub(crate) async fn balance_of<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
) -> Result<shared::ledger::Balance, ApiError> {
    let rows = entries(db, s.id).await?;
    let rules: Vec<Entry> = rows.iter().map(rules_entry).collect::<Result<_, _>>()?;
    Ok(balance(Fen::from_fen(s.entitlement_fen), &rules))
}

async fn view<C: ConnectionTrait>(db: &C, s: &studio::Model) -> Result<LedgerView, ApiError> {
    let rows = entries(db, s.id).await?;
    let b = balance_of(db, s).await?;
    let entries = rows
        .iter()
        .map(|m| {
            Ok(EntryView {
                id: m.id,
                kind: m.kind,
                amount_fen: Fen::from_fen(m.amount_fen),
                purpose: m.purpose,
                description: m.description.clone(),
                voucher_no: m.voucher_no.clone(),
                paying_office: m.paying_office.clone(),
                occurred_on: m.occurred_on,
                reverses: m.reverses_id,
                reversed_by: rows
                    .iter()
                    .find(|r| r.reverses_id == Some(m.id))
                    .map(|r| r.id),
                recorded_by: m.recorded_by.clone(),
                recorded_at: m.recorded_at,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(LedgerView {
        studio_id: s.id,
        studio_name: s.name.clone(),
        outstanding_fen: b.outstanding(),
        held_fen: b.held(),
        balance: b,
        entries,
    })
}

pub(crate) async fn visible_studio(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
) -> Result<studio::Model, ApiError> {
    studios::get(&state.db, id, Visibility::of(user)).await?;
    studio::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(get, path = "/api/studios/{id}/ledger", params(("id" = i32, Path)),
    responses((status = 200, body = LedgerView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// A studio's ledger and balance, for whoever may see the studio.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<LedgerView>, ApiError> {
    let s = visible_studio(&state, &user, id).await?;
    Ok(Json(view(&state.db, &s).await?))
}

#[utoipa::path(post, path = "/api/studios/{id}/ledger", params(("id" = i32, Path)), request_body = NewEntry,
    responses((status = 201, body = LedgerView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Records one entry. Finance: disbursements, returns, and reversals of them; the studio's unit:
/// usage, and reversals of its own usage. An entry that would break an invariant is refused with
/// 409 naming the figures; nothing is written.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath,
    JsonBody(new): JsonBody<NewEntry>,
) -> Result<(StatusCode, Json<LedgerView>), ApiError> {
    let s = visible_studio(&state, &user, id).await?;
    new.check(state.today()).map_err(ApiError::Validation)?;
    let now = state.now();
    let txn = state.begin_audited().await?;
    let rows = entries(&*txn, id).await?;
    let target = new
        .reverses
        .and_then(|r| rows.iter().find(|m| m.id == r))
        .cloned();
    // Who may write what: the kind the entry affects decides.
    let effect: EntryKind = match (&new.kind, &target) {
        // A reversal belongs to whoever owns the money it corrects (a reversal's own effect is
        // the original's kind, so reversing a reversal is refused by the rules, not the role).
        (EntryKind::Reversal, Some(t)) => t.effect_kind,
        (kind, _) => *kind,
    };
    let allowed = match effect {
        EntryKind::Usage => user.role == Role::Applicant,
        _ => user.role == Role::Finance,
    };
    if !allowed {
        return Err(ApiError::Forbidden(
            "拨付、缴回由财务人员录入；资金使用由工作室所在单位填报".into(),
        ));
    }
    // 第十八条: an exited or revoked studio gets no new money and reports no new spending; returns
    // (and corrections) go on.
    if matches!(
        s.status,
        shared::life::StudioStatus::Exited | shared::life::StudioStatus::Revoked
    ) && matches!(new.kind, EntryKind::Disbursement | EntryKind::Usage)
    {
        return Err(ApiError::Conflict(
            "工作室已退出或被取消称号，不能再拨付或填报使用；未使用资金应予缴回".into(),
        ));
    }
    let rules: Vec<Entry> = rows.iter().map(rules_entry).collect::<Result<_, _>>()?;
    let candidate = Entry {
        id: i32::MAX,
        kind: new.kind,
        amount: target
            .as_ref()
            .map_or(new.amount_fen, |t| Fen::from_fen(t.amount_fen)),
        reverses: new.reverses,
    };
    match check_entry(Fen::from_fen(s.entitlement_fen), &rules, &candidate) {
        Ok(_) => {}
        Err(LedgerError::Field(f)) => return Err(ApiError::Validation(vec![f])),
        Err(LedgerError::Invariant(m)) => return Err(ApiError::Conflict(m)),
    }
    let amount = candidate.amount.fen();
    let signed = if new.kind == EntryKind::Reversal {
        -amount
    } else {
        amount
    };
    let saved = ledger_entry::ActiveModel {
        studio_id: Set(id),
        kind: Set(new.kind),
        effect_kind: Set(effect),
        amount_fen: Set(amount),
        signed_fen: Set(signed),
        purpose: Set(new.purpose),
        description: Set(new.description.trim().to_owned()),
        voucher_no: Set(new.voucher_no.trim().to_owned()),
        paying_office: Set(new.paying_office.trim().to_owned()),
        occurred_on: Set(new.occurred_on),
        reverses_id: Set(new.reverses),
        recorded_by: Set(user.user.username.clone()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    // The balance of the year the money moved in (a reversal corrects its entry's year).
    let year = target
        .as_ref()
        .map_or(new.occurred_on, |t| t.occurred_on)
        .year();
    let (d, u, r) = match effect {
        EntryKind::Disbursement => (signed, 0, 0),
        EntryKind::Usage => (0, signed, 0),
        _ => (0, 0, signed),
    };
    studio_balance::Entity::insert(studio_balance::ActiveModel {
        studio_id: Set(id),
        year: Set(year),
        disbursed_fen: Set(d),
        used_fen: Set(u),
        returned_fen: Set(r),
    })
    .on_conflict(
        OnConflict::columns([
            studio_balance::Column::StudioId,
            studio_balance::Column::Year,
        ])
        .value(
            studio_balance::Column::DisbursedFen,
            Expr::col((studio_balance::Entity, studio_balance::Column::DisbursedFen)).add(d),
        )
        .value(
            studio_balance::Column::UsedFen,
            Expr::col((studio_balance::Entity, studio_balance::Column::UsedFen)).add(u),
        )
        .value(
            studio_balance::Column::ReturnedFen,
            Expr::col((studio_balance::Entity, studio_balance::Column::ReturnedFen)).add(r),
        )
        .to_owned(),
    )
    .exec_without_returning(&*txn)
    .await?;
    crate::audit::append(
        &*txn,
        now,
        &user.actor(),
        crate::audit::Event::new(
            &format!("ledger.{}", shared::wire::enum_name(&new.kind)),
            "studio",
            id,
        )
        .after(&serde_json::json!({
            "entry": saved.id, "amount_fen": amount, "effect": effect,
            "occurred_on": new.occurred_on, "voucher_no": saved.voucher_no,
            "reverses": new.reverses,
        }))
        .reason(Some(new.description.trim().to_owned()).filter(|d| !d.is_empty())),
    )
    .await?;
    let result = view(&*txn, &s).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(result)))
}
