//! A studio's ledger and balance, and recording one entry.

use super::store;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{ledger_entry, studio};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::Write;
use chrono::Datelike;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use shared::Fen;
use shared::ledger::{
    Balance, Entry, EntryKind, EntryView, LedgerError, LedgerView, NewEntry, balance, check_entry,
};

fn rules_entry(m: &ledger_entry::Model) -> Entry {
    Entry {
        id: m.id,
        kind: m.kind,
        amount: Fen::from_fen(m.amount_fen),
        reverses: m.reverses_id,
    }
}

/// A studio's balance from its ledger.
pub async fn balance_of<C: ConnectionTrait>(
    db: &C,
    s: &studio::Model,
) -> Result<Balance, ApiError> {
    balances_of(db, std::slice::from_ref(s))
        .await?
        .remove(&s.id)
        .ok_or(ApiError::NotFound)
}

/// The balances of several studios, from their ledgers in a few queries (the one place a balance
/// is computed).
pub async fn balances_of<C: ConnectionTrait>(
    db: &C,
    studios: &[studio::Model],
) -> Result<std::collections::HashMap<i32, Balance>, ApiError> {
    let ids: Vec<i32> = studios.iter().map(|s| s.id).collect();
    let mut by_studio: std::collections::HashMap<i32, Vec<Entry>> =
        std::collections::HashMap::new();
    for m in store::entries_of(db, &ids).await? {
        by_studio
            .entry(m.studio_id)
            .or_default()
            .push(rules_entry(&m));
    }
    Ok(studios
        .iter()
        .map(|s| {
            let entries = by_studio.get(&s.id).map_or(&[][..], Vec::as_slice);
            (s.id, balance(Fen::from_fen(s.entitlement_fen), entries))
        })
        .collect())
}

async fn view<C: ConnectionTrait>(db: &C, s: &studio::Model) -> Result<LedgerView, ApiError> {
    let rows = store::entries(db, s.id).await?;
    let b = balance_of(db, s).await?;
    let entries = rows
        .iter()
        .map(|m| EntryView {
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
        .collect();
    Ok(LedgerView {
        studio_id: s.id,
        studio_name: s.name.clone(),
        outstanding_fen: b.outstanding(),
        held_fen: b.held(),
        balance: b,
        entries,
    })
}

/// A studio's ledger and balance, for whoever may see the studio.
pub async fn get(state: &AppState, actor: &Actor, id: i32) -> Result<LedgerView, ApiError> {
    let s = crate::studios::service::visible_one(&state.db, actor, id).await?;
    view(&state.db, &s).await
}

/// Records one entry. An entry that would break an invariant is refused with 409 naming the
/// figures; nothing is written.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: i32,
    new: NewEntry,
) -> Result<LedgerView, ApiError> {
    let s = crate::studios::service::visible_one(&state.db, actor, id).await?;
    new.check(state.today()).map_err(ApiError::Validation)?;
    let w = Write::begin(state, actor).await?;
    let rows = store::entries(&*w, id).await?;
    let target = new
        .reverses
        .and_then(|r| rows.iter().find(|m| m.id == r))
        .cloned();
    let effect = shared::ledger::effect_of(new.kind, target.as_ref().map(|t| t.effect_kind));
    let role = actor.role.ok_or(ApiError::Unauthorized)?;
    shared::ledger::may_record(role, new.kind, effect, s.status).map_err(|r| {
        if r.code == "ledger.not_yours" {
            ApiError::Forbidden(r.into())
        } else {
            ApiError::Conflict(r.into())
        }
    })?;
    let rules: Vec<Entry> = rows.iter().map(rules_entry).collect();
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
        Err(LedgerError::Invariant(r)) => return Err(ApiError::Conflict(r.into())),
    }
    let amount = candidate.amount.fen();
    let signed = if new.kind == EntryKind::Reversal {
        -amount
    } else {
        amount
    };
    let saved = store::insert(
        &*w,
        ledger_entry::ActiveModel {
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
            recorded_by: Set(actor.username.clone()),
            recorded_at: Set(w.now()),
            ..Default::default()
        },
    )
    .await?;
    // The balance of the year the money moved in (a reversal corrects its entry's year).
    let year = target
        .as_ref()
        .map_or(new.occurred_on, |t| t.occurred_on)
        .year();
    let moved = match effect {
        EntryKind::Disbursement => (signed, 0, 0),
        EntryKind::Usage => (0, signed, 0),
        _ => (0, 0, signed),
    };
    store::add_to_balance(&*w, id, year, moved).await?;
    let result = view(&*w, &s).await?;
    w.done(
        Event::new(
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
    Ok(result)
}
