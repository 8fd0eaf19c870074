//! The demo's organisations, host units (`data/demo-units.tsv`), accounts (`data/demo-users.tsv`)
//! and the experts' affiliations (`data/demo-affiliations.tsv`).

use super::{bad, rows};
use crate::entity::{org, unit, user_account};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use shared::channel::{Affiliation, Channel, channel};
use shared::eligibility::UnitKind;
use shared::geo::City;
use shared::registry::OrgKind;
use std::collections::HashMap;

const UNITS_TSV: &str = include_str!("../../data/demo-units.tsv");
const USERS_TSV: &str = include_str!("../../data/demo-users.tsv");
const AFFILIATIONS_TSV: &str = include_str!("../../data/demo-affiliations.tsv");

/// What the rest of the demo refers to: organisations by code, units by their row in the TSV.
pub struct Registry {
    pub orgs: HashMap<String, i32>,
    pub units: Vec<i32>,
    /// Each unit's county (GB/T 2260), by row.
    pub counties: Vec<u32>,
}

impl Registry {
    /// A valid identity number for a demo leader of unit `row` (fictional: the unit's county, the
    /// birth date, a sequence odd for men and even for women).
    pub fn leader_id(&self, row: usize, birth: NaiveDate, woman: bool, n: u32) -> Option<String> {
        let county = *self.counties.get(row)?;
        let seq = 100 + (n % 400) * 2 + u32::from(!woman);
        shared::identity::IdNumber::compose(county, birth, seq).map(String::from)
    }
}

fn org_code(c: Channel) -> String {
    match c {
        Channel::CityBureau { city } => format!("city_bureau:{}", shared::wire::enum_name(&city)),
        Channel::RegionalDepartment => "regional_department:agriculture".into(),
        Channel::EducationDepartment => "education_department".into(),
        Channel::Sasac => "sasac".into(),
        Channel::HrssDirect => "hrss".into(),
    }
}

/// A valid unified social credit code for demo unit `row` in `county` (GB 32100, with the
/// GB 11714 organisation code inside): fictional, but every check passes.
pub fn credit_code(row: usize, county: u32) -> Result<String, sea_orm::DbErr> {
    let body = format!("{:08}", 73_000_000 + row * 7919);
    shared::identity::CreditCode::compose("91", county, &body)
        .map(|c| c.as_str().to_owned())
        .ok_or_else(|| sea_orm::DbErr::Custom(format!("demo data: no credit code for row {row}")))
}

pub async fn seed<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    password_hash: &str,
) -> anyhow::Result<Registry> {
    let mut orgs: Vec<(String, String, OrgKind, Option<City>)> = vec![
        (
            "hrss".into(),
            "宁夏回族自治区人力资源和社会保障厅".into(),
            OrgKind::Hrss,
            None,
        ),
        (
            "education_department".into(),
            "宁夏回族自治区教育厅".into(),
            OrgKind::EducationDepartment,
            None,
        ),
        (
            "sasac".into(),
            "宁夏回族自治区国有资产监督管理委员会".into(),
            OrgKind::Sasac,
            None,
        ),
        (
            "regional_department:agriculture".into(),
            "宁夏回族自治区农业农村厅".into(),
            OrgKind::RegionalDepartment,
            None,
        ),
    ];
    for city in City::ALL {
        orgs.push((
            org_code(Channel::CityBureau { city }),
            format!("{}人力资源和社会保障局", city.label_zh()),
            OrgKind::CityBureau,
            Some(city),
        ));
    }
    let mut org_ids = HashMap::new();
    for (code, name, kind, city) in orgs {
        let res = org::Entity::insert(org::ActiveModel {
            code: Set(code.clone()),
            name: Set(name),
            kind: Set(kind),
            city: Set(city),
            ..Default::default()
        })
        .exec(db)
        .await?;
        org_ids.insert(code, res.last_insert_id);
    }
    let mut unit_ids = Vec::new();
    let mut counties = Vec::new();
    for row in rows(UNITS_TSV) {
        // The fifth column, the system (集团) a unit belongs to, is optional.
        let (name, kind, affiliation, county, group) = match row[..] {
            [n, k, a, c] => (n, k, a, c, None),
            [n, k, a, c, g] => (n, k, a, c, Some(g.to_owned())),
            _ => return Err(bad("columns", &row).into()),
        };
        let kind: UnitKind = super::name(kind)?;
        let affiliation: Affiliation = super::name(affiliation)?;
        let county: u32 = county.parse().map_err(|_| bad("county", &row))?;
        let city = City::of_county(county).ok_or_else(|| bad("county", &row))?;
        let res = unit::Entity::insert(unit::ActiveModel {
            credit_code: Set(credit_code(unit_ids.len(), county)?),
            name: Set(name.to_owned()),
            kind: Set(kind),
            affiliation: Set(affiliation),
            city: Set(city),
            county_code: Set(i32::try_from(county).map_err(|_| bad("county", &row))?),
            channel_org_id: Set(org_ids.get(&org_code(channel(affiliation, city))).copied()),
            group_name: Set(group),
            ..Default::default()
        })
        .exec(db)
        .await?;
        unit_ids.push(res.last_insert_id);
        counties.push(county);
    }
    let registry = Registry {
        orgs: org_ids,
        units: unit_ids,
        counties,
    };
    for row in rows(USERS_TSV) {
        let [username, display_name, role, scope] = row[..] else {
            return Err(bad("columns", &row).into());
        };
        let scope = match scope.split_once(':') {
            Some(("unit", i)) => Scope::Unit(i.parse().map_err(|_| bad("unit row", &row))?),
            Some(("org", code)) => Scope::Org(code),
            _ => Scope::None,
        };
        add_user(
            db,
            &registry,
            (username, display_name, super::name(role)?),
            scope,
            password_hash,
            now,
        )
        .await?;
    }
    for row in rows(AFFILIATIONS_TSV) {
        let [username, place, from, until] = row[..] else {
            return Err(bad("columns", &row).into());
        };
        let user = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(username))
            .one(db)
            .await?
            .ok_or_else(|| bad("username", &row))?;
        let (unit_id, org_id) = match place.strip_prefix("org:") {
            Some(code) => (
                None,
                Some(*registry.orgs.get(code).ok_or_else(|| bad("org", &row))?),
            ),
            None => (
                Some(
                    place
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| registry.units.get(i).copied())
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
        .insert(db)
        .await?;
    }
    roster(db).await?;
    Ok(registry)
}

/// The demo experts' identity numbers and occupation groups (the roster's natural key).
async fn roster<C: sea_orm::ConnectionTrait>(db: &C) -> anyhow::Result<()> {
    const GROUPS: [&str; 4] = [
        "装备制造类",
        "化工与能源类",
        "建筑与交通类",
        "生活服务与特色技艺类",
    ];
    let experts = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(shared::account::Role::Expert))
        .all(db)
        .await?;
    for (n, u) in experts.into_iter().enumerate() {
        let n = u32::try_from(n).unwrap_or(0);
        let birth = NaiveDate::from_ymd_opt(
            1965 + i32::try_from(n % 20).unwrap_or(0),
            1 + n % 12,
            1 + n % 28,
        )
        .ok_or_else(|| anyhow::anyhow!("demo data: birth date"))?;
        let id = shared::identity::IdNumber::compose(640104, birth, 11 + 2 * n)
            .ok_or_else(|| anyhow::anyhow!("demo data: identity number"))?;
        let group = GROUPS[usize::try_from(n).unwrap_or(0) % GROUPS.len()];
        let mut a: user_account::ActiveModel = u.into();
        a.id_number = Set(Some(id.as_str().to_owned()));
        a.occupation_group = Set(Some(group.to_owned()));
        a.update(db).await?;
    }
    Ok(())
}

/// Where an account belongs.
pub enum Scope<'a> {
    None,
    /// A unit by its row in `demo-units.tsv`.
    Unit(usize),
    /// An organisation by its code.
    Org(&'a str),
}

/// One demo account (username, display name, role) with the demo password.
pub async fn add_user<C: sea_orm::ConnectionTrait>(
    db: &C,
    registry: &Registry,
    (username, display_name, role): (&str, &str, shared::account::Role),
    scope: Scope<'_>,
    password_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<i32> {
    let (unit_id, org_id) = match scope {
        Scope::Unit(i) => (
            Some(
                *registry
                    .units
                    .get(i)
                    .ok_or_else(|| anyhow::anyhow!("demo data: no unit row {i}"))?,
            ),
            None,
        ),
        Scope::Org(code) => (
            None,
            Some(
                *registry
                    .orgs
                    .get(code)
                    .ok_or_else(|| anyhow::anyhow!("demo data: no organisation {code}"))?,
            ),
        ),
        Scope::None => (None, None),
    };
    let res = user_account::Entity::insert(user_account::ActiveModel {
        username: Set(username.to_owned()),
        display_name: Set(display_name.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        role: Set(role),
        unit_id: Set(unit_id),
        org_id: Set(org_id),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(res.last_insert_id)
}

/// The demo logins of `demo-users.tsv`, for the start-up banner: (username, who, role).
pub fn logins() -> Vec<(&'static str, &'static str, shared::account::Role)> {
    rows(USERS_TSV)
        .filter_map(|r| Some((*r.first()?, *r.get(1)?, super::name(r.get(2)?).ok()?)))
        .collect()
}
