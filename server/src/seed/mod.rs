//! Deterministic demo data: organisations, units in all five cities (`data/demo-units.tsv`), and
//! studios of both levels and all categories approved 2023–2026 (`data/demo-studios.tsv`). Written
//! only into an empty database. Names are fictional.

mod life;

use crate::entity::{enum_text, holiday, org, studio, text_enum, unit, user_account};
use crate::startup::AppState;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use shared::channel::{Affiliation, Channel, channel};
use shared::eligibility::UnitKind;
use shared::geo::City;
use shared::{Level, NationalCategory};

const UNITS_TSV: &str = include_str!("../../data/demo-units.tsv");
const STUDIOS_TSV: &str = include_str!("../../data/demo-studios.tsv");
const USERS_TSV: &str = include_str!("../../data/demo-users.tsv");
const AFFILIATIONS_TSV: &str = include_str!("../../data/demo-affiliations.tsv");

/// The password of every demo account (demo data only; printed at start).
pub const DEMO_PASSWORD: &str = "Demo-2026-studio";

/// The data rows of a TSV file (comments and blank lines skipped).
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn bad(what: &str, row: &[&str]) -> sea_orm::DbErr {
    sea_orm::DbErr::Custom(format!("demo data: bad {what} in row {row:?}"))
}

/// The approval date of each demo round (third Monday of November).
fn approved_on(year: i32) -> NaiveDate {
    let day = match year {
        2023 => 20,
        2024 => 18,
        2025 => 17,
        _ => 16,
    };
    NaiveDate::from_ymd_opt(year, 11, day).unwrap_or(NaiveDate::MIN)
}

fn org_code(c: Channel) -> String {
    match c {
        Channel::CityBureau { city } => format!("city_bureau:{}", enum_text(&city)),
        Channel::RegionalDepartment => "regional_department:agriculture".into(),
        Channel::EducationDepartment => "education_department".into(),
        Channel::Sasac => "sasac".into(),
        Channel::HrssDirect => "hrss".into(),
    }
}

/// Inserts the holiday calendar (always, if empty) and the demo data (if `demo` and empty).
pub async fn seed(state: &AppState, demo: bool, demo_money: bool) -> anyhow::Result<()> {
    let txn = state.db.begin().await?;
    if holiday::Entity::find().count(&txn).await? == 0 {
        let rows = shared::calendar::embedded_entries()
            .into_iter()
            .map(|e| holiday::ActiveModel {
                date: Set(e.date),
                kind: Set(enum_text(&e.kind)),
                name: Set(e.name),
            });
        holiday::Entity::insert_many(rows).exec(&txn).await?;
    }
    if !demo || org::Entity::find().count(&txn).await? > 0 {
        return Ok(txn.commit().await?);
    }
    let mut orgs: Vec<(String, String, &str, Option<String>)> = vec![
        (
            "hrss".into(),
            "宁夏回族自治区人力资源和社会保障厅".into(),
            "hrss",
            None,
        ),
        (
            "education_department".into(),
            "宁夏回族自治区教育厅".into(),
            "education_department",
            None,
        ),
        (
            "sasac".into(),
            "宁夏回族自治区国有资产监督管理委员会".into(),
            "sasac",
            None,
        ),
        (
            "regional_department:agriculture".into(),
            "宁夏回族自治区农业农村厅".into(),
            "regional_department",
            None,
        ),
    ];
    for city in City::ALL {
        orgs.push((
            org_code(Channel::CityBureau { city }),
            format!("{}人力资源和社会保障局", city.label_zh()),
            "city_bureau",
            Some(enum_text(&city)),
        ));
    }
    let mut org_ids = std::collections::HashMap::new();
    for (code, name, kind, city) in orgs {
        let res = org::Entity::insert(org::ActiveModel {
            code: Set(code.clone()),
            name: Set(name),
            kind: Set(kind.to_owned()),
            city: Set(city),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        org_ids.insert(code, res.last_insert_id);
    }
    let mut unit_ids = Vec::new();
    for row in rows(UNITS_TSV) {
        let [name, kind, affiliation, county] = row[..] else {
            return Err(bad("columns", &row).into());
        };
        let kind: UnitKind = text_enum(kind)?;
        let affiliation: Affiliation = text_enum(affiliation)?;
        let county: u32 = county.parse().map_err(|_| bad("county", &row))?;
        let city = City::of_county(county).ok_or_else(|| bad("county", &row))?;
        let res = unit::Entity::insert(unit::ActiveModel {
            credit_code: Set(format!(
                "91{county}{:010}",
                7_300_000_000u64 + unit_ids.len() as u64 * 7919
            )),
            name: Set(name.to_owned()),
            kind: Set(enum_text(&kind)),
            affiliation: Set(enum_text(&affiliation)),
            city: Set(enum_text(&city)),
            county_code: Set(i32::try_from(county).map_err(|_| bad("county", &row))?),
            channel_org_id: Set(org_ids.get(&org_code(channel(affiliation, city))).copied()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        unit_ids.push(res.last_insert_id);
    }
    let mut seq_in_year = std::collections::HashMap::new();
    for row in rows(STUDIOS_TSV) {
        let [
            unit_row,
            leader,
            level,
            category,
            occupation,
            industry,
            year,
            status,
        ] = row[..]
        else {
            return Err(bad("columns", &row).into());
        };
        let unit_id = unit_row
            .parse::<usize>()
            .ok()
            .and_then(|i| unit_ids.get(i).copied())
            .ok_or_else(|| bad("unit row", &row))?;
        let level: Level = text_enum(level)?;
        let category: Option<NationalCategory> = if category == "-" {
            None
        } else {
            Some(text_enum(category)?)
        };
        let year: i32 = year.parse().map_err(|_| bad("year", &row))?;
        let seq = seq_in_year.entry(year).and_modify(|n| *n += 1).or_insert(1);
        let start = approved_on(year);
        let entitlement =
            shared::subsidy::entitlement(level, category).ok_or_else(|| bad("category", &row))?;
        studio::Entity::insert(studio::ActiveModel {
            plaque_no: Set(shared::procedure::plaque_no(year, *seq)),
            name: Set(format!("{leader}{occupation}技能大师工作室")),
            unit_id: Set(unit_id),
            leader_name: Set(leader.to_owned()),
            level: Set(enum_text(&level)),
            national_category: Set(category.map(|c| enum_text(&c))),
            occupation: Set(occupation.to_owned()),
            industry: Set(industry.to_owned()),
            approved_on: Set(start),
            term_start: Set(start),
            term_end: Set(shared::deadlines::default_term_end(start)),
            status: Set(status.to_owned()),
            entitlement_fen: Set(entitlement.0),
            // 第十七条: the demo's rectifying studio failed its end of term on 2026-03-10.
            rectification_until: Set((status == "rectifying").then(|| {
                shared::deadlines::rectification_due(shared::calendar::date(2026, 3, 10))
            })),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        if status == "exited" {
            // 第十八条（二）, decided 2025-06-30: the unit is barred until 2028-06-30.
            let id = studio::Entity::find()
                .filter(studio::Column::PlaqueNo.eq(shared::procedure::plaque_no(year, *seq)))
                .one(&txn)
                .await?
                .map(|s| s.id)
                .ok_or_else(|| bad("studio", &row))?;
            let decided = shared::calendar::date(2025, 6, 30);
            crate::entity::studio_exit::Entity::insert(crate::entity::studio_exit::ActiveModel {
                studio_id: Set(id),
                unit_id: Set(unit_id),
                leader_name: Set(leader.to_owned()),
                leader_birth_date: Set(None),
                exit_case: Set("leader_unable".into()),
                evidence: Set(
                    "带头人调离本单位且未按规定带徒，市人社局核查报告（示例数据）".into(),
                ),
                investigation: Set(String::new()),
                decided_on: Set(decided),
                ban_until: Set(shared::deadlines::ban_until(decided)),
                return_due_fen: Set(0),
                decided_by: Set("hrss".into()),
                recorded_at: Set(state.now()),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        if demo_money {
            let id = studio::Entity::find()
                .filter(studio::Column::PlaqueNo.eq(shared::procedure::plaque_no(year, *seq)))
                .one(&txn)
                .await?
                .map(|s| s.id)
                .ok_or_else(|| bad("studio", &row))?;
            demo_ledger(&txn, id, entitlement.0, status, start, state.today()).await?;
        }
    }
    let hash = crate::auth::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = state.now();
    for row in rows(USERS_TSV) {
        let [username, display_name, role, scope] = row[..] else {
            return Err(bad("columns", &row).into());
        };
        let role: shared::account::Role = text_enum(role)?;
        let (unit_id, org_id) = match scope.split_once(':') {
            Some(("unit", i)) => (
                i.parse::<usize>()
                    .ok()
                    .and_then(|i| unit_ids.get(i).copied()),
                None,
            ),
            Some(("org", code)) => (None, org_ids.get(code).copied()),
            _ => (None, None),
        };
        user_account::Entity::insert(user_account::ActiveModel {
            username: Set(username.to_owned()),
            display_name: Set(display_name.to_owned()),
            password_hash: Set(hash.clone()),
            role: Set(enum_text(&role)),
            unit_id: Set(unit_id),
            org_id: Set(org_id),
            disabled: Set(false),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    for row in rows(AFFILIATIONS_TSV) {
        let [username, place, from, until] = row[..] else {
            return Err(bad("columns", &row).into());
        };
        let user = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(username))
            .one(&txn)
            .await?
            .ok_or_else(|| bad("username", &row))?;
        let (unit_id, org_id) = match place.strip_prefix("org:") {
            Some(code) => (
                None,
                Some(*org_ids.get(code).ok_or_else(|| bad("org", &row))?),
            ),
            None => (
                Some(
                    place
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| unit_ids.get(i).copied())
                        .ok_or_else(|| bad("unit row", &row))?,
                ),
                None,
            ),
        };
        let date =
            |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad("date", &row));
        crate::entity::expert_affiliation::ActiveModel {
            user_id: Set(user.id),
            unit_id: Set(unit_id),
            org_id: Set(org_id),
            from_date: Set(date(from)?),
            until_date: Set(if until == "-" {
                None
            } else {
                Some(date(until)?)
            }),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    if demo_money {
        life::seed(&txn, state.today()).await?;
    }
    // The current year's call, open all year, so the demo can always be tried.
    let year = chrono::Datelike::year(&state.today());
    crate::entity::round::ActiveModel {
        year: Set(year),
        title: Set(format!("{year}年度自治区级、国家级技能大师工作室申报")),
        opens_on: Set(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)),
        closes_on: Set(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN)),
        regional_slots: Set(20),
        national_slots: Set(4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::append(
        &txn,
        now,
        &crate::audit::Actor::system(),
        crate::audit::Event::new("seed.demo", "database", "demo"),
    )
    .await?;
    Ok(txn.commit().await?)
}

/// The demo logins, for the start-up banner: (username, role, scope).
pub fn demo_logins() -> Vec<(&'static str, &'static str)> {
    rows(USERS_TSV)
        .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
        .collect()
}

/// A plausible money history for a demo studio (`--demo-money`): paid in its approval year, spent
/// over the next year, and what was left returned when the term ended; nothing after `today`.
async fn demo_ledger<C: sea_orm::ConnectionTrait>(
    db: &C,
    studio_id: i32,
    entitlement: i64,
    status: &str,
    approved: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    use crate::entity::{ledger_entry, studio_balance};
    use chrono::Datelike;
    let paid = if status == "building" {
        entitlement * 6 / 10
    } else {
        entitlement
    };
    let plan = [
        ("disbursement", paid, 25, None, "首期建设补助"),
        (
            "usage",
            paid / 2,
            200,
            Some("equipment_and_materials"),
            "实训设备与耗材购置",
        ),
        (
            "usage",
            paid * 4 / 10,
            330,
            Some("skill_exchange"),
            "技能交流推广活动",
        ),
        (
            "return",
            paid - paid / 2 - paid * 4 / 10,
            760,
            None,
            "建设期满结余缴回",
        ),
    ];
    for (i, (kind, amount, days, purpose, text)) in plan.into_iter().enumerate() {
        let on = approved + chrono::Duration::days(days);
        if on > today || amount <= 0 || (kind == "return" && status == "building") {
            continue;
        }
        ledger_entry::ActiveModel {
            studio_id: Set(studio_id),
            kind: Set(kind.into()),
            effect_kind: Set(kind.into()),
            amount_fen: Set(amount),
            signed_fen: Set(amount),
            purpose: Set(purpose.map(str::to_owned)),
            description: Set(text.into()),
            voucher_no: Set(if kind == "usage" {
                String::new()
            } else {
                format!("演示〔{}〕{studio_id:03}-{i}", on.year())
            }),
            paying_office: Set(if kind == "disbursement" {
                "自治区财政厅".into()
            } else {
                String::new()
            }),
            occurred_on: Set(on),
            recorded_by: Set("demo".into()),
            recorded_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let (d, u, r) = match kind {
            "disbursement" => (amount, 0, 0),
            "usage" => (0, amount, 0),
            _ => (0, 0, amount),
        };
        let key = (studio_id, on.year());
        match studio_balance::Entity::find_by_id(key).one(db).await? {
            Some(b) => {
                let mut a: studio_balance::ActiveModel = b.clone().into();
                a.disbursed_fen = Set(b.disbursed_fen + d);
                a.used_fen = Set(b.used_fen + u);
                a.returned_fen = Set(b.returned_fen + r);
                a.update(db).await?;
            }
            None => {
                studio_balance::ActiveModel {
                    studio_id: Set(studio_id),
                    year: Set(on.year()),
                    disbursed_fen: Set(d),
                    used_fen: Set(u),
                    returned_fen: Set(r),
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}
