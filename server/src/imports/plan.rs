//! What an import would do: every row checked (shared's rules) and compared with what is stored,
//! by its natural key. The dry run reports the plan; the confirm step makes the same plan inside
//! its transaction and writes it only when it has no error.

use super::store;
use crate::entity::{studio, user_account};
use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use shared::account::Role;
use shared::identity::mask_id;
use shared::import::experts::{ExpertRecord, Places};
use shared::import::studios::{StudioFacts, StudioRecord};
use shared::import::units::UnitRecord;
use shared::import::{
    ImportKind, ImportReport, Row, RowAction, RowError, RowOutcome, Table, duplicates, experts,
    studios, units,
};
use shared::ledger::Balance;
use std::collections::HashMap;

/// One object to write.
pub enum Change {
    Unit(Option<i32>, UnitRecord),
    Expert(Option<i32>, ExpertRecord),
    /// The studio (none: new), its record and its unit.
    Studio(Option<i32>, StudioRecord, i32),
}

pub struct Plan {
    pub report: ImportReport,
    pub changes: Vec<Change>,
}

/// Plans `table` against the database as `db` sees it on `today`.
pub async fn plan<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    table: &Table,
    sha256: String,
    today: chrono::NaiveDate,
) -> Result<Plan, ApiError> {
    let rows = match shared::import::rows(kind, table) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(Plan {
                report: ImportReport::new(kind, sha256, table.sheet.clone(), 0, errors, Vec::new()),
                changes: Vec::new(),
            });
        }
    };
    let mut errors = Vec::new();
    let mut outcomes = Vec::new();
    let changes = match kind {
        ImportKind::Units => plan_units(db, &rows, &mut errors, &mut outcomes).await?,
        ImportKind::Experts => plan_experts(db, &rows, &mut errors, &mut outcomes).await?,
        ImportKind::Studios => plan_studios(db, &rows, today, &mut errors, &mut outcomes).await?,
    };
    let columns = kind.columns();
    errors.sort_by_key(|e| (e.row, columns.iter().position(|c| c.zh == e.column)));
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    Ok(Plan {
        report: ImportReport::new(kind, sha256, table.sheet.clone(), n, errors, outcomes),
        changes,
    })
}

fn outcome(row: &Row, key: String, name: &str, action: RowAction) -> RowOutcome {
    RowOutcome {
        row: row.no,
        key,
        name: name.to_owned(),
        action,
    }
}

/// The rows that repeat an earlier row's key: they are errors, not objects.
fn repeated(errors: &[RowError]) -> std::collections::HashSet<u32> {
    errors.iter().map(|e| e.row).collect()
}

/// Create when `existing` is none, else update or leave it.
fn action<T: PartialEq>(existing: Option<&T>, record: &T) -> RowAction {
    match existing {
        None => RowAction::Create,
        Some(e) if e == record => RowAction::Unchanged,
        Some(_) => RowAction::Update,
    }
}

async fn plan_units<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
    errors: &mut Vec<RowError>,
    outcomes: &mut Vec<RowOutcome>,
) -> Result<Vec<Change>, ApiError> {
    let orgs = crate::admin::service::registry::orgs(db).await?;
    let stored: HashMap<String, shared::registry::UnitView> = crate::admin::store::units(db, None)
        .await?
        .into_iter()
        .map(|u| crate::admin::service::registry::unit_view(u, &orgs))
        .map(|u| (u.credit_code.clone(), u))
        .collect();
    duplicates(rows.iter().map(|r| (r, r.get(0).to_uppercase())), 0, errors);
    let repeated = repeated(errors);
    let mut changes = Vec::new();
    for row in rows {
        match units::read(row, &orgs) {
            Err(e) => errors.extend(e),
            Ok(_) if repeated.contains(&row.no) => {}
            Ok(record) => {
                let key = units::key(&record);
                let existing = stored.get(&key);
                let act = action(existing.map(units::record).as_ref(), &record);
                outcomes.push(outcome(row, key, &record.input.name, act));
                if act != RowAction::Unchanged {
                    changes.push(Change::Unit(existing.map(|u| u.id), record));
                }
            }
        }
    }
    Ok(changes)
}

/// Where the roster's places are, for reading and writing the affiliations cell.
pub async fn places<C: ConnectionTrait>(db: &C) -> Result<Places, ApiError> {
    Ok(Places {
        units: store::unit_codes(db).await?,
        orgs: crate::admin::service::registry::orgs(db).await?,
    })
}

/// A stored expert as a record.
pub fn expert_record(
    u: &user_account::Model,
    affiliations: Vec<shared::scoring::Affiliation>,
) -> ExpertRecord {
    ExpertRecord {
        id_number: u.id_number.clone().unwrap_or_default(),
        name: u.display_name.clone(),
        username: u.username.clone(),
        occupation_group: u.occupation_group.clone().unwrap_or_default(),
        affiliations: experts::sorted(affiliations),
    }
}

async fn plan_experts<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
    errors: &mut Vec<RowError>,
    outcomes: &mut Vec<RowOutcome>,
) -> Result<Vec<Change>, ApiError> {
    let places = places(db).await?;
    let accounts = crate::admin::store::users(db).await?;
    let mut affiliations = crate::admin::store::all_affiliations(db).await?;
    let by_username: HashMap<&str, &user_account::Model> =
        accounts.iter().map(|u| (u.username.as_str(), u)).collect();
    let by_id: HashMap<&str, &user_account::Model> = accounts
        .iter()
        .filter_map(|u| Some((u.id_number.as_deref()?, u)))
        .collect();
    duplicates(rows.iter().map(|r| (r, r.get(0).to_uppercase())), 0, errors);
    duplicates(rows.iter().map(|r| (r, r.get(2).to_owned())), 2, errors);
    let repeated = repeated(errors);
    let mut changes = Vec::new();
    for row in rows {
        let record = match experts::read(row, &places) {
            Err(e) => {
                errors.extend(e);
                continue;
            }
            Ok(_) if repeated.contains(&row.no) => continue,
            Ok(r) => r,
        };
        let existing = by_id.get(record.id_number.as_str()).copied();
        if let Some(u) = existing.filter(|u| u.role != Role::Expert) {
            errors.push(row.err(
                0,
                format!("这个身份证号属于账号“{}”，不是评审专家", u.username),
                "this identity number belongs to an account that is not an expert",
            ));
            continue;
        }
        if let Some(other) = by_username
            .get(record.username.as_str())
            .filter(|o| existing.is_none_or(|e| e.id != o.id))
        {
            errors.push(row.err(
                2,
                format!("登录名已被“{}”使用", other.display_name),
                "the username is taken by another account",
            ));
            continue;
        }
        let stored =
            existing.map(|u| expert_record(u, affiliations.remove(&u.id).unwrap_or_default()));
        let act = action(stored.as_ref(), &record);
        outcomes.push(outcome(row, mask_id(&record.id_number), &record.name, act));
        if act != RowAction::Unchanged {
            changes.push(Change::Expert(existing.map(|u| u.id), record));
        }
    }
    Ok(changes)
}

/// A stored studio as a record.
pub fn studio_record(s: &studio::Model, unit_code: &str, money: Balance) -> StudioRecord {
    StudioRecord {
        facts: StudioFacts {
            plaque_no: s.plaque_no.clone(),
            name: s.name.clone(),
            level: s.level,
            category: s.national_category,
            occupation: s.occupation.clone(),
            industry: s.industry.clone(),
            unit_credit_code: unit_code.to_owned(),
            leader_name: s.leader_name.clone(),
            leader_id_number: s.leader_id_number.clone().unwrap_or_default(),
            approved_on: s.approved_on,
            term_start: s.term_start,
            term_end: s.term_end,
            status: s.status,
        },
        money,
    }
}

async fn plan_studios<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
    today: chrono::NaiveDate,
    errors: &mut Vec<RowError>,
    outcomes: &mut Vec<RowOutcome>,
) -> Result<Vec<Change>, ApiError> {
    let codes = store::unit_codes(db).await?;
    let unit_of: HashMap<&str, i32> = codes.iter().map(|(id, c)| (c.as_str(), *id)).collect();
    let code_of: HashMap<i32, &str> = codes.iter().map(|(id, c)| (*id, c.as_str())).collect();
    let stored = store::studios(db).await?;
    let balances = crate::ledger::service::balances_of(db, &stored).await?;
    let by_plaque: HashMap<&str, &studio::Model> =
        stored.iter().map(|s| (s.plaque_no.as_str(), s)).collect();
    duplicates(rows.iter().map(|r| (r, r.get(0).to_owned())), 0, errors);
    let repeated = repeated(errors);
    let mut changes = Vec::new();
    for row in rows {
        let record = match studios::read(row, today) {
            Err(e) => {
                errors.extend(e);
                continue;
            }
            Ok(_) if repeated.contains(&row.no) => continue,
            Ok(r) => r,
        };
        let Some(&unit_id) = unit_of.get(record.facts.unit_credit_code.as_str()) else {
            errors.push(row.err(
                6,
                "依托单位未登记：请先导入或登记这家单位",
                "the unit is not registered: import or register it first",
            ));
            continue;
        };
        let existing = by_plaque.get(record.facts.plaque_no.as_str()).copied();
        let stored = existing.map(|s| {
            let money = balances.get(&s.id).copied().unwrap_or_default();
            studio_record(
                s,
                code_of.get(&s.unit_id).copied().unwrap_or_default(),
                money,
            )
        });
        if let Some(e) = studios::check_status(row, &record, existing.map(|s| s.status)) {
            errors.push(e);
            continue;
        }
        if let Some(s) = &stored {
            let differs = studios::money_differs(row, &record.money, &s.money);
            if !differs.is_empty() {
                errors.extend(differs);
                continue;
            }
        }
        let act = action(stored.as_ref(), &record);
        outcomes.push(outcome(
            row,
            record.facts.plaque_no.clone(),
            &record.facts.name,
            act,
        ));
        if act != RowAction::Unchanged {
            changes.push(Change::Studio(existing.map(|s| s.id), record, unit_id));
        }
    }
    Ok(changes)
}
