//! The tablet's sync (`POST /api/scoring/sync`): queued score changes, comments and signatures.
//! Each change is stored exactly once (its client id is unique: a resend is acknowledged, not
//! stored again); every edit is decided by `shared`'s one ladder, the same the tablet asks before
//! queueing, and a refusal is answered with its reason so the tablet stops resending it. One
//! transaction, one audit entry.

use super::store;
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{panel, score_change, score_sheet};
use crate::error::ApiError;
use crate::panels::view::{self, SheetData};
use crate::state::AppState;
use crate::work::Write;
use sea_orm::ActiveValue::Set;
use shared::account::Role;
use shared::panel::{PanelState, Rejected, SheetView, SyncRequest, SyncResult};
use shared::scoring::{Edit, EditDecision, EditRules, PanelPurpose, SheetFacts, decide_edit};
use std::collections::{HashMap, HashSet};

/// What the ladder reads: the expert's own sheets among those named, their panels, and the level
/// of each assessed studio (附件's fixed choices depend on it).
struct Context {
    sheets: HashMap<i32, score_sheet::Model>,
    panels: HashMap<i32, panel::Model>,
    levels: HashMap<i32, shared::Level>,
}

impl Context {
    async fn load(w: &Write<'_>, expert: i32, ids: Vec<i32>) -> Result<Context, ApiError> {
        let sheets = store::by_id(store::sheets_of_expert(&**w, ids, expert).await?);
        let panel_ids: HashSet<i32> = sheets.values().map(|s| s.panel_id).collect();
        let panels: HashMap<i32, panel::Model> =
            store::panels_by_id(&**w, panel_ids.into_iter().collect())
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        let assessed: Vec<i32> = panels
            .values()
            .filter(|p| p.purpose != PanelPurpose::Defense)
            .map(|p| p.id)
            .collect();
        let levels = store::candidate_levels(&**w, assessed).await?;
        Ok(Context {
            sheets,
            panels,
            levels,
        })
    }

    /// `shared`'s answer to `edit` of `sheet_id` (a sheet not the expert's is refused as such).
    fn decide(&self, sheet_id: i32, edit: &Edit) -> EditDecision {
        let sheet = self.sheets.get(&sheet_id);
        let Some((sheet, p)) = sheet.and_then(|s| self.panels.get(&s.panel_id).map(|p| (s, p)))
        else {
            let rubric = shared::scoring::defense_rubric();
            let rules = EditRules {
                purpose: PanelPurpose::Defense,
                rubric: &rubric,
                level: None,
            };
            let facts = SheetFacts {
                mine: false,
                panel_closed: false,
                excluded: None,
                signed: false,
            };
            return decide_edit(&facts, &rules, edit);
        };
        let rules = EditRules {
            purpose: p.purpose,
            rubric: &p.rubric.0,
            level: self.levels.get(&sheet.candidate_id).copied(),
        };
        decide_edit(
            &view::facts(sheet, true, p.state == PanelState::Closed),
            &rules,
            edit,
        )
    }
}

/// What one sync did, for the audit trail and the answer.
#[derive(Default)]
struct Outcome {
    accepted: Vec<String>,
    rejected: Vec<Rejected>,
    stored: Vec<serde_json::Value>,
    signed: Vec<i32>,
    commented: Vec<i32>,
}

pub async fn sync(
    state: &AppState,
    actor: &Actor,
    req: SyncRequest,
) -> Result<SyncResult, ApiError> {
    actor.require(&[Role::Expert])?;
    req.check().map_err(ApiError::Validation)?;
    // The sync's audit entry waits to be linked: many tablets must not queue on the chain's head.
    let w = Write::begin_unchained(state, actor).await?;
    let touched = req.sheet_ids();
    let mut ctx = Context::load(&w, actor.user_id(), touched.clone()).await?;
    let mut out = Outcome::default();
    scores(&w, &ctx, &req, &mut out).await?;
    comments(&w, &mut ctx, &req, &mut out).await?;
    signatures(&w, &mut ctx, &req, &mut out).await?;
    if !out.stored.is_empty() || !out.signed.is_empty() || !out.commented.is_empty() {
        let ids: Vec<String> = touched.iter().map(i32::to_string).collect();
        w.record(
            Event::new("score.sync", "score_sheet", ids.join(",")).after(&serde_json::json!({
                "stored": out.stored,
                "signed": out.signed,
                "commented": out.commented,
                "rejected": out.rejected.len(),
            })),
        )
        .await?;
    }
    let rows: Vec<score_sheet::Model> = ctx.sheets.values().cloned().collect();
    let data = view::with_values(&*w, rows).await?;
    w.commit().await?;
    let mut sheets: Vec<SheetView> = data
        .iter()
        .filter_map(|d: &SheetData| {
            let p = ctx.panels.get(&d.sheet.panel_id)?;
            Some(view::sheet_view(
                d,
                &p.rubric.0,
                &actor.display_name,
                true,
                false,
            ))
        })
        .collect();
    sheets.sort_by_key(|v| v.id);
    Ok(SyncResult {
        accepted: out.accepted,
        rejected: out.rejected,
        sheets,
    })
}

async fn scores(
    w: &Write<'_>,
    ctx: &Context,
    req: &SyncRequest,
    out: &mut Outcome,
) -> Result<(), ApiError> {
    let mut seen = HashSet::new();
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for c in &req.changes {
        // A copy later in the same request shares the first copy's answer.
        if !seen.insert(c.id.clone()) {
            continue;
        }
        let edit = Edit::Score {
            item: c.item.clone(),
            value: c.value,
        };
        match ctx.decide(c.sheet_id, &edit) {
            EditDecision::Refuse(why) => refused.push((c, why)),
            EditDecision::Accept | EditDecision::AlreadyDone => accepted.push(c),
        }
    }
    // A refused change already stored (a resend after the sheet was signed) is acknowledged, so
    // the tablet stops resending it: the only case that asks what is held.
    let held = if refused.is_empty() {
        HashSet::new()
    } else {
        store::held(&**w, refused.iter().map(|(c, _)| c.id.clone()).collect()).await?
    };
    for (c, why) in refused {
        if held.contains(&c.id) {
            out.accepted.push(c.id.clone());
        } else {
            out.rejected.push(Rejected::new(&c.id, why));
        }
    }
    let inserts = accepted.iter().map(|c| score_change::ActiveModel {
        sheet_id: Set(c.sheet_id),
        expert_id: Set(w.actor().user_id()),
        item_key: Set(c.item.clone()),
        value: Set(c.value.tenths()),
        client_change_id: Set(c.id.clone()),
        client_at: Set(c.client_at),
        server_at: Set(w.now()),
        ..Default::default()
    });
    // What this sync stored (a resend of a stored change is acknowledged, not stored or counted).
    let stored = store::insert_changes(&**w, inserts.collect()).await?;
    let mut current = Vec::new();
    for c in accepted {
        out.accepted.push(c.id.clone());
        if stored.contains(&c.id) {
            out.stored.push(serde_json::json!({
                "id": c.id, "sheet": c.sheet_id, "item": c.item, "value": c.value,
            }));
            current.push((c.sheet_id, c.item.clone(), c.value.tenths(), c.client_at));
        }
    }
    store::keep_current(&**w, current).await?;
    Ok(())
}

/// Comments (考核组评语): the latest by client time is kept; a resend changes nothing.
async fn comments(
    w: &Write<'_>,
    ctx: &mut Context,
    req: &SyncRequest,
    out: &mut Outcome,
) -> Result<(), ApiError> {
    for c in &req.comments {
        let edit = Edit::Comment {
            text: c.text.clone(),
        };
        if let EditDecision::Refuse(why) = ctx.decide(c.sheet_id, &edit) {
            out.rejected.push(Rejected::new(&c.id, why));
            continue;
        }
        out.accepted.push(c.id.clone());
        let Some(sheet) = ctx.sheets.get(&c.sheet_id).cloned() else {
            continue;
        };
        if sheet.comment_at.is_none_or(|at| at <= c.client_at) {
            let mut active: score_sheet::ActiveModel = sheet.into();
            active.comment = Set(Some(c.text.trim().to_owned()).filter(|t| !t.is_empty()));
            active.comment_at = Set(Some(c.client_at));
            let saved = store::update_sheet(&**w, active).await?;
            ctx.sheets.insert(saved.id, saved);
            out.commented.push(c.sheet_id);
        }
    }
    Ok(())
}

/// Signatures: every item scored, then the sheet is locked.
async fn signatures(
    w: &Write<'_>,
    ctx: &mut Context,
    req: &SyncRequest,
    out: &mut Outcome,
) -> Result<(), ApiError> {
    for s in &req.signs {
        let unscored = match ctx
            .sheets
            .get(&s.sheet_id)
            .and_then(|sh| ctx.panels.get(&sh.panel_id).map(|p| (sh, p)))
        {
            Some((sheet, p)) => {
                let values = view::with_values(&**w, vec![sheet.clone()])
                    .await?
                    .pop()
                    .map(|d| d.values)
                    .unwrap_or_default();
                p.rubric.0.total(&values).1.len()
            }
            None => 0,
        };
        let edit = Edit::Sign {
            signature: s.signature.clone(),
            unscored,
        };
        match ctx.decide(s.sheet_id, &edit) {
            EditDecision::Refuse(why) => out.rejected.push(Rejected::new(&s.id, why)),
            EditDecision::AlreadyDone => out.accepted.push(s.id.clone()),
            EditDecision::Accept => {
                let Some(sheet) = ctx.sheets.get(&s.sheet_id).cloned() else {
                    continue;
                };
                let mut active: score_sheet::ActiveModel = sheet.into();
                active.signed_at = Set(Some(w.now()));
                active.signature = Set(Some(s.signature.clone()));
                active.reopened_reason = Set(None);
                let saved = store::update_sheet(&**w, active).await?;
                out.accepted.push(s.id.clone());
                out.signed.push(saved.id);
                ctx.sheets.insert(saved.id, saved);
            }
        }
    }
    Ok(())
}
