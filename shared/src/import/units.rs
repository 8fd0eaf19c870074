//! The units file: one row per host unit, keyed by its credit code (GB 32100).

use super::{Column, Row, RowError, pick};
use crate::channel::Affiliation;
use crate::eligibility::UnitKind;
use crate::geo::City;
use crate::registry::{OrgOption, UnitInput, UnitView, county_name};

pub const COLUMNS: [Column; 8] = [
    Column {
        zh: "统一社会信用代码",
        en: "credit_code",
        required: true,
        example: "91640100MA76XY411K",
    },
    Column {
        zh: "单位名称",
        en: "name",
        required: true,
        example: "宁夏示例装备制造有限公司",
    },
    Column {
        zh: "所在市",
        en: "city",
        required: false,
        example: "银川市",
    },
    Column {
        zh: "县（市、区）",
        en: "county",
        required: true,
        example: "兴庆区",
    },
    Column {
        zh: "单位类型",
        en: "kind",
        required: true,
        example: "企业",
    },
    Column {
        zh: "隶属关系",
        en: "affiliation",
        required: true,
        example: "各地企事业单位（含技工院校）",
    },
    Column {
        zh: "所属系统（集团）",
        en: "group_name",
        required: false,
        example: "",
    },
    Column {
        zh: "推荐单位",
        en: "channel_org",
        required: false,
        example: "银川市人力资源和社会保障局",
    },
];

const CODE: usize = 0;
const NAME: usize = 1;
const CITY: usize = 2;
const COUNTY: usize = 3;
const KIND: usize = 4;
const AFFILIATION: usize = 5;
const GROUP: usize = 6;
const ORG: usize = 7;

/// A unit as the file and the registry both say it, its recommending organisation as found (see
/// [`UnitInput::check`]); equal records mean nothing to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    pub input: UnitInput,
}

impl UnitRecord {
    /// The recommending organisation.
    pub fn org(&self) -> Option<i32> {
        self.input.channel_org_id
    }
}

/// The county a cell names: its GB/T 2260 code or its name.
fn county(text: &str) -> Option<u32> {
    if let Ok(code) = text.parse::<u32>() {
        return county_name(code).map(|_| code);
    }
    City::ALL
        .iter()
        .flat_map(|c| c.counties().iter())
        .find(|(_, n)| *n == text)
        .map(|(c, _)| *c)
}

/// One row checked against the registry's organisations; every bad cell is named.
pub fn read(row: &Row, orgs: &[OrgOption]) -> Result<UnitRecord, Vec<RowError>> {
    let mut e = Vec::new();
    let kind = pick(&UnitKind::ALL, UnitKind::label_zh, row.get(KIND));
    if kind.is_none() {
        e.push(row.err(
            KIND,
            "单位类型应为：企业、职业（技工）院校、公共职业技能实训基地或其他事业单位",
            "unknown unit kind",
        ));
    }
    let affiliation = pick(
        &Affiliation::ALL,
        Affiliation::label_zh,
        row.get(AFFILIATION),
    );
    if affiliation.is_none() {
        e.push(row.err(
            AFFILIATION,
            "隶属关系不在第十一条（一）所列之中",
            "unknown affiliation (Art. 11(1))",
        ));
    }
    let county_code = county(row.get(COUNTY));
    match county_code.and_then(City::of_county) {
        None => e.push(row.err(COUNTY, "不是宁夏的县（市、区）", "not a county of Ningxia")),
        Some(city) if !row.get(CITY).is_empty() && row.get(CITY) != city.label_zh() => {
            e.push(row.err(
                CITY,
                format!("{}属于{}", row.get(COUNTY), city.label_zh()),
                format!("that county is in {}", city.label_en()),
            ))
        }
        Some(_) => {}
    }
    let org = match row.get(ORG) {
        "" => None,
        name => match orgs.iter().find(|o| o.name == name) {
            Some(o) => Some(o.id),
            None => {
                e.push(row.err(ORG, "没有这个推荐单位", "no such recommending organisation"));
                None
            }
        },
    };
    let (Some(kind), Some(affiliation), Some(county_code)) = (kind, affiliation, county_code)
    else {
        return Err(e);
    };
    let mut input = UnitInput {
        credit_code: row.get(CODE).to_uppercase(),
        name: row.get(NAME).to_owned(),
        kind,
        affiliation,
        county_code,
        group_name: row.get(GROUP).to_owned(),
        channel_org_id: org,
    };
    match input.check(orgs) {
        Ok((_, org)) if e.is_empty() => {
            input.channel_org_id = org;
            Ok(UnitRecord { input })
        }
        Ok(_) => Err(e),
        Err(fields) => {
            e.extend(fields.into_iter().map(|f| {
                let col = match f.field.as_str() {
                    "credit_code" => CODE,
                    "name" => NAME,
                    "county_code" => COUNTY,
                    "group_name" => GROUP,
                    _ => ORG,
                };
                row.err(col, f.message, f.message_en)
            }));
            Err(e)
        }
    }
}

/// A registered unit in the file's columns (its export).
pub fn cells(u: &UnitView) -> Vec<String> {
    vec![
        u.credit_code.clone(),
        u.name.clone(),
        u.city.label_zh().to_owned(),
        u.county.clone(),
        u.kind.label_zh().to_owned(),
        u.affiliation.label_zh().to_owned(),
        u.group_name.clone(),
        if record(u).org().is_some() {
            u.channel_name.clone()
        } else {
            String::new()
        },
    ]
}

/// A registered unit as a record, to compare with a row (a unit applying to HRSS directly has no
/// recommending organisation, whatever an older record kept).
pub fn record(u: &UnitView) -> UnitRecord {
    let mut input = u.input();
    input.channel_org_id = input
        .channel_org_id
        .filter(|_| u.channel != crate::channel::Channel::HrssDirect);
    UnitRecord { input }
}

/// The record's key, as the registry stores it.
pub fn key(r: &UnitRecord) -> String {
    r.input.credit_code.trim().to_uppercase()
}
