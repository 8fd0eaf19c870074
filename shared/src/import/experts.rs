//! The experts file: one row per expert, keyed by the identity number, with where they work and
//! worked (for conflicts of interest, 3 years back) in one cell.

use super::{Column, Row, RowError, parse_date};
use crate::account::check_username;
use crate::identity::IdNumber;
use crate::registry::OrgOption;
use crate::scoring::{Affiliation, check_affiliations};
use chrono::NaiveDate;

pub const COLUMNS: [Column; 5] = [
    Column {
        zh: "身份证号",
        en: "id_number",
        required: true,
        example: "64010419800315001X",
    },
    Column {
        zh: "姓名",
        en: "name",
        required: true,
        example: "王示例",
    },
    Column {
        zh: "登录名",
        en: "username",
        required: true,
        example: "expert.wangsl",
    },
    Column {
        zh: "职业（工种）组别",
        en: "occupation_group",
        required: false,
        example: "装备制造类",
    },
    Column {
        zh: "任职经历",
        en: "affiliations",
        required: false,
        example: "91640100MA76XY411K 2015-03-01~2022-06-30；宁夏回族自治区人力资源和社会保障厅 2022-07-01~",
    },
];

const ID: usize = 0;
const NAME: usize = 1;
const USERNAME: usize = 2;
const GROUP: usize = 3;
const AFFILIATIONS: usize = 4;

/// An expert as the file and the roster both say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertRecord {
    pub id_number: String,
    pub name: String,
    pub username: String,
    pub occupation_group: String,
    /// Sorted (see [`sorted`]), so equal rosters compare equal.
    pub affiliations: Vec<Affiliation>,
}

/// Where the roster's units and organisations are: credit codes and names to ids and back.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub units: Vec<(i32, String)>,
    pub orgs: Vec<OrgOption>,
}

impl Places {
    fn find(&self, text: &str) -> Option<(Option<i32>, Option<i32>)> {
        let upper = text.to_uppercase();
        if let Some((id, _)) = self.units.iter().find(|(_, code)| *code == upper) {
            return Some((Some(*id), None));
        }
        self.orgs
            .iter()
            .find(|o| o.name == text)
            .map(|o| (None, Some(o.id)))
    }

    fn name(&self, a: &Affiliation) -> String {
        let unit = a
            .unit_id
            .and_then(|id| self.units.iter().find(|(u, _)| *u == id))
            .map(|(_, c)| c.clone());
        let org = a
            .org_id
            .and_then(|id| self.orgs.iter().find(|o| o.id == id))
            .map(|o| o.name.clone());
        unit.or(org).unwrap_or_default()
    }
}

pub fn sorted(mut list: Vec<Affiliation>) -> Vec<Affiliation> {
    list.sort_by_key(|a| {
        (
            a.from,
            a.until.unwrap_or(NaiveDate::MAX),
            a.unit_id,
            a.org_id,
        )
    });
    list
}

/// The cell's entries: `place from~until` (or `from~` while still there), separated by `；`.
fn affiliations(row: &Row, places: &Places) -> Result<Vec<Affiliation>, Vec<RowError>> {
    let mut out = Vec::new();
    let mut e = Vec::new();
    for (n, entry) in row
        .get(AFFILIATIONS)
        .split(['；', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        let n = n + 1;
        let bad = |zh: &str, en: &str| {
            row.err(
                AFFILIATIONS,
                format!("第 {n} 条“{entry}”：{zh}"),
                format!("entry {n}: {en}"),
            )
        };
        let Some((place, span)) = entry.rsplit_once(char::is_whitespace) else {
            e.push(bad(
                "应写成“单位信用代码或组织名称 起始日期~结束日期”",
                "write “place from~until”",
            ));
            continue;
        };
        let Some((from, until)) = span.split_once(['~', '～', '至']) else {
            e.push(bad(
                "日期应写成“起始日期~结束日期”（仍在职则不写结束日期）",
                "write “from~until”",
            ));
            continue;
        };
        let Some(from) = parse_date(from) else {
            e.push(bad("起始日期无法识别", "the start date cannot be read"));
            continue;
        };
        let until = match until.trim() {
            "" | "今" | "至今" => None,
            t => match parse_date(t) {
                Some(d) => Some(d),
                None => {
                    e.push(bad("结束日期无法识别", "the end date cannot be read"));
                    continue;
                }
            },
        };
        let Some((unit_id, org_id)) = places.find(place.trim()) else {
            e.push(bad(
                "单位（按统一社会信用代码）或组织（按名称）未登记",
                "no registered unit or organisation",
            ));
            continue;
        };
        out.push(Affiliation {
            unit_id,
            org_id,
            from,
            until,
        });
    }
    for f in check_affiliations(&out) {
        e.push(row.err(AFFILIATIONS, f.message, f.message_en));
    }
    if e.is_empty() {
        Ok(sorted(out))
    } else {
        Err(e)
    }
}

/// One row checked; every bad cell is named.
pub fn read(row: &Row, places: &Places) -> Result<ExpertRecord, Vec<RowError>> {
    let mut e = Vec::new();
    let id = IdNumber::parse(row.get(ID));
    if let Err(err) = &id {
        e.push(row.err(ID, err.zh.clone(), err.en.clone()));
    }
    let name = row.get(NAME);
    if name.is_empty() || name.chars().count() > 64 {
        e.push(row.err(
            NAME,
            "请填写姓名（最多 64 字）",
            "enter the name (at most 64 characters)",
        ));
    }
    if let Err(f) = check_username(row.get(USERNAME)) {
        e.push(row.err(USERNAME, f.message, f.message_en));
    }
    if row.get(GROUP).chars().count() > 64 {
        e.push(row.err(GROUP, "最多 64 字", "at most 64 characters"));
    }
    let list = affiliations(row, places).map_err(|errs| e.extend(errs));
    match (id, list) {
        (Ok(id), Ok(affiliations)) if e.is_empty() => Ok(ExpertRecord {
            id_number: id.as_str().to_owned(),
            name: name.to_owned(),
            username: row.get(USERNAME).to_owned(),
            occupation_group: row.get(GROUP).to_owned(),
            affiliations,
        }),
        _ => Err(e),
    }
}

/// An expert in the file's columns (their export).
pub fn cells(r: &ExpertRecord, places: &Places) -> Vec<String> {
    let list: Vec<String> = r
        .affiliations
        .iter()
        .map(|a| {
            let until = a.until.map(|d| d.to_string()).unwrap_or_default();
            format!("{} {}~{until}", places.name(a), a.from)
        })
        .collect();
    vec![
        r.id_number.clone(),
        r.name.clone(),
        r.username.clone(),
        r.occupation_group.clone(),
        list.join("；"),
    ]
}
