//! Imports, templates and exports of the registries (HRSS).

use super::plan::{Change, Plan, expert_record, places, plan, studio_record};
use super::{read, store};
use crate::actor::Actor;
use crate::audit::Event;
use crate::entity::{ledger_entry, studio, user_account};
use crate::error::ApiError;
use crate::export::{Download, XLSX_MIME};
use crate::state::AppState;
use crate::work::Write;
use chrono::{Datelike, NaiveDate};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use sha2::{Digest, Sha256};
use shared::account::Role;
use shared::import::studios::StudioRecord;
use shared::import::{ImportKind, ImportReport, experts, studios, units};
use shared::ledger::EntryKind;
use shared::wire::FieldError;

/// The file's SHA-256 in hex, as evidence files are keyed.
fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The dry run: nothing is written.
pub async fn preview(
    state: &AppState,
    kind: ImportKind,
    bytes: &[u8],
) -> Result<ImportReport, ApiError> {
    let table = read::table(kind, bytes)?;
    Ok(
        plan(&state.db, kind, &table, sha256_hex(bytes), state.today())
            .await?
            .report,
    )
}

/// The confirm step: the same plan, made again inside one transaction, written only without an
/// error; audited with the file's SHA-256.
pub async fn apply(
    state: &AppState,
    actor: &Actor,
    kind: ImportKind,
    expected: Option<String>,
    bytes: &[u8],
) -> Result<ImportReport, ApiError> {
    let sha = sha256_hex(bytes);
    match expected {
        None => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "sha256",
                "请先预览文件，再确认导入",
                "preview the file first, then confirm",
            )]));
        }
        Some(e) if !e.eq_ignore_ascii_case(&sha) => {
            return Err(ApiError::conflict(
                "文件与预览时的不一致，请重新预览",
                "The file differs from the one previewed: preview it again",
            ));
        }
        Some(_) => {}
    }
    let table = read::table(kind, bytes)?;
    let w = Write::begin(state, actor).await?;
    let Plan {
        mut report,
        changes,
    } = plan(&*w, kind, &table, sha.clone(), w.today()).await?;
    if !report.errors.is_empty() {
        return Err(ApiError::Validation(
            report
                .errors
                .iter()
                .take(200)
                .map(|e| {
                    FieldError::new(
                        format!("{}!{}:{}", e.sheet, e.row, e.column),
                        e.zh.clone(),
                        e.en.clone(),
                    )
                })
                .collect(),
        ));
    }
    let mut touched_studios = Vec::new();
    for change in changes {
        match change {
            Change::Unit(id, record) => {
                let mut a = match id {
                    Some(id) => crate::admin::store::unit(&*w, id)
                        .await?
                        .ok_or(ApiError::NotFound)?
                        .into_active_model(),
                    None => Default::default(),
                };
                crate::admin::service::registry::apply(&mut a, &record.input, record.org())?;
                crate::admin::store::save_unit(&*w, a).await?;
            }
            Change::Expert(id, record) => write_expert(&*w, &w, id, record).await?,
            Change::Studio(id, record, unit_id) => {
                touched_studios.push(write_studio(&*w, &w, id, &record, unit_id).await?);
            }
        }
    }
    // A studio's reminder windows follow its rows (life's store keeps them).
    if touched_studios.len() > 200 {
        crate::life::store::reminders::rebuild_all(&*w).await?;
    } else {
        for id in &touched_studios {
            crate::life::store::reminders::refresh(&*w, *id).await?;
        }
    }
    let keys: Vec<&str> = report
        .outcomes
        .iter()
        .filter(|o| o.action != shared::import::RowAction::Unchanged)
        .map(|o| o.key.as_str())
        .collect();
    w.done(
        Event::new(&format!("import.{}", kind.file_stem()), "import", &sha).after(
            &serde_json::json!({
                "kind": kind, "sha256": sha, "rows": report.rows, "created": report.created,
                "updated": report.updated, "unchanged": report.unchanged, "changed": keys,
            }),
        ),
    )
    .await?;
    report.applied = true;
    Ok(report)
}

async fn write_expert<C: ConnectionTrait>(
    db: &C,
    w: &Write<'_>,
    id: Option<i32>,
    r: experts::ExpertRecord,
) -> Result<(), ApiError> {
    let group = Some(r.occupation_group.clone()).filter(|g| !g.is_empty());
    let saved = match id {
        Some(id) => {
            let mut a = crate::admin::store::user(db, id)
                .await?
                .ok_or(ApiError::NotFound)?
                .into_active_model();
            a.display_name = Set(r.name.clone());
            a.username = Set(r.username.clone());
            a.occupation_group = Set(group);
            store::update(db, a).await?
        }
        // No password: HRSS sets one on the accounts page before the expert signs in.
        None => {
            store::insert(
                db,
                user_account::ActiveModel {
                    username: Set(r.username.clone()),
                    display_name: Set(r.name.clone()),
                    password_hash: Set("!imported".into()),
                    role: Set(Role::Expert),
                    disabled: Set(false),
                    created_at: Set(w.now()),
                    id_number: Set(Some(r.id_number.clone())),
                    occupation_group: Set(group),
                    ..Default::default()
                },
            )
            .await?
        }
    };
    crate::admin::store::replace_affiliations(db, saved.id, &r.affiliations).await?;
    Ok(())
}

fn fill(a: &mut studio::ActiveModel, r: &StudioRecord, unit_id: i32) {
    let f = &r.facts;
    a.plaque_no = Set(f.plaque_no.clone());
    a.name = Set(f.name.clone());
    a.unit_id = Set(unit_id);
    a.leader_name = Set(f.leader_name.clone());
    a.level = Set(f.level);
    a.national_category = Set(f.category);
    a.occupation = Set(f.occupation.clone());
    a.industry = Set(f.industry.clone());
    a.approved_on = Set(f.approved_on);
    a.term_start = Set(f.term_start);
    a.term_end = Set(f.term_end);
    a.status = Set(f.status);
    a.leader_id_number = Set(Some(f.leader_id_number.clone()));
}

/// Writes a studio; a new one gets its opening entries (what was disbursed, used and returned
/// before this system), dated on its approval.
async fn write_studio<C: ConnectionTrait>(
    db: &C,
    w: &Write<'_>,
    id: Option<i32>,
    r: &StudioRecord,
    unit_id: i32,
) -> Result<i32, ApiError> {
    if let Some(id) = id {
        let mut a = crate::studios::store::studio(db, id)
            .await?
            .ok_or(ApiError::NotFound)?
            .into_active_model();
        fill(&mut a, r, unit_id);
        store::update(db, a).await?;
        return Ok(id);
    }
    let mut a = studio::ActiveModel {
        entitlement_fen: Set(r.money.entitled.fen()),
        ..Default::default()
    };
    fill(&mut a, r, unit_id);
    let saved = store::insert(db, a).await?;
    let on: NaiveDate = r.facts.approved_on.min(w.today());
    for (kind, amount) in [
        (EntryKind::Disbursement, r.money.disbursed),
        (EntryKind::Usage, r.money.used),
        (EntryKind::Return, r.money.returned),
    ] {
        if amount.fen() == 0 {
            continue;
        }
        store::insert(
            db,
            ledger_entry::ActiveModel {
                studio_id: Set(saved.id),
                kind: Set(kind),
                effect_kind: Set(kind),
                amount_fen: Set(amount.fen()),
                signed_fen: Set(amount.fen()),
                purpose: Set((kind == EntryKind::Usage).then_some(shared::subsidy::Purpose::Other)),
                description: Set("期初余额：本系统启用前的金额（自原台账导入）".into()),
                voucher_no: Set("期初导入".into()),
                paying_office: Set(if kind == EntryKind::Disbursement {
                    "期初导入".into()
                } else {
                    String::new()
                }),
                occurred_on: Set(on),
                recorded_by: Set(w.actor().username.clone()),
                recorded_at: Set(w.now()),
                ..Default::default()
            },
        )
        .await?;
    }
    let (d, u, ret) = (
        r.money.disbursed.fen(),
        r.money.used.fen(),
        r.money.returned.fen(),
    );
    if d + u + ret > 0 {
        crate::ledger::store::add_to_balance(db, saved.id, on.year(), (d, u, ret)).await?;
    }
    Ok(saved.id)
}

/// The template: the header and the example row.
pub fn template(kind: ImportKind) -> Result<Download, ApiError> {
    workbook(kind, &[kind.example()], "template")
}

fn workbook(kind: ImportKind, rows: &[Vec<String>], what: &str) -> Result<Download, ApiError> {
    let headers: Vec<&str> = kind.columns().iter().map(|c| c.zh).collect();
    let bytes = crate::export::xlsx(kind.sheet(), &headers, rows)?;
    let mut d = Download::new(
        format!("{}-{what}.xlsx", kind.file_stem()),
        XLSX_MIME,
        bytes,
    );
    d.utf8_name = Some(format!(
        "{}{}.xlsx",
        kind.label_zh(),
        if what == "template" {
            "导入模板"
        } else {
            "登记表"
        }
    ));
    Ok(d)
}

/// The registry in the import's columns.
pub async fn export(state: &AppState, kind: ImportKind) -> Result<Download, ApiError> {
    let db = &state.db;
    let rows: Vec<Vec<String>> = match kind {
        ImportKind::Units => {
            let orgs = crate::admin::service::registry::orgs(db).await?;
            crate::admin::store::units(db, None)
                .await?
                .into_iter()
                .map(|u| units::cells(&crate::admin::service::registry::unit_view(u, &orgs)))
                .collect()
        }
        ImportKind::Experts => {
            let places = places(db).await?;
            let mut affiliations = crate::admin::store::all_affiliations(db).await?;
            store::experts(db, true)
                .await?
                .iter()
                .map(|u| {
                    let r = expert_record(u, affiliations.remove(&u.id).unwrap_or_default());
                    experts::cells(&r, &places)
                })
                .collect()
        }
        ImportKind::Studios => {
            let codes: std::collections::HashMap<i32, String> =
                store::unit_codes(db).await?.into_iter().collect();
            let all = store::studios(db).await?;
            let balances = crate::ledger::service::balances_of(db, &all).await?;
            all.iter()
                .map(|s| {
                    let money = balances.get(&s.id).copied().unwrap_or_default();
                    let code = codes.get(&s.unit_id).map_or("", String::as_str);
                    studios::cells(&studio_record(s, code, money))
                })
                .collect()
        }
    };
    workbook(kind, &rows, "export")
}
