//! The approved studios file: one row per studio, keyed by its plaque number, with the money
//! already paid, used and returned, which become the studio's opening ledger entries.

use super::{Column, Row, RowError, parse_date, pick};
use crate::identity::IdNumber;
use crate::ledger::{Balance, MAX_ENTRY};
use crate::life::StudioStatus;
use crate::money::Fen;
use crate::{Level, NationalCategory};
use chrono::NaiveDate;

pub const COLUMNS: [Column; 17] = [
    Column {
        zh: "牌匾编号",
        en: "plaque_no",
        required: true,
        example: "宁人社技大师〔2021〕008号",
    },
    Column {
        zh: "工作室名称",
        en: "name",
        required: true,
        example: "王示例焊工技能大师工作室",
    },
    Column {
        zh: "级别",
        en: "level",
        required: true,
        example: "自治区级",
    },
    Column {
        zh: "国家级类别",
        en: "national_category",
        required: false,
        example: "",
    },
    Column {
        zh: "职业（工种）",
        en: "occupation",
        required: true,
        example: "焊工",
    },
    Column {
        zh: "所属行业",
        en: "industry",
        required: false,
        example: "装备制造",
    },
    Column {
        zh: "依托单位统一社会信用代码",
        en: "unit_credit_code",
        required: true,
        example: "91640100MA76XY411K",
    },
    Column {
        zh: "领办人姓名",
        en: "leader_name",
        required: true,
        example: "王示例",
    },
    Column {
        zh: "领办人身份证号",
        en: "leader_id_number",
        required: true,
        example: "64010419800315001X",
    },
    Column {
        zh: "批准日期",
        en: "approved_on",
        required: true,
        example: "2021-06-18",
    },
    Column {
        zh: "建设期开始",
        en: "term_start",
        required: false,
        example: "2021-06-18",
    },
    Column {
        zh: "建设期结束",
        en: "term_end",
        required: false,
        example: "2023-06-17",
    },
    Column {
        zh: "状态",
        en: "status",
        required: false,
        example: "建设中",
    },
    Column {
        zh: "核定补助（元）",
        en: "entitlement_yuan",
        required: true,
        example: "200000.00",
    },
    Column {
        zh: "已拨付（元）",
        en: "disbursed_yuan",
        required: false,
        example: "200000.00",
    },
    Column {
        zh: "已使用（元）",
        en: "used_yuan",
        required: false,
        example: "156320.50",
    },
    Column {
        zh: "已缴回（元）",
        en: "returned_yuan",
        required: false,
        example: "0.00",
    },
];

const PLAQUE: usize = 0;
const NAME: usize = 1;
const LEVEL: usize = 2;
const CATEGORY: usize = 3;
const OCCUPATION: usize = 4;
const INDUSTRY: usize = 5;
const UNIT: usize = 6;
const LEADER: usize = 7;
const LEADER_ID: usize = 8;
const APPROVED: usize = 9;
const START: usize = 10;
const END: usize = 11;
const STATUS: usize = 12;
const ENTITLED: usize = 13;
const DISBURSED: usize = 14;
const USED: usize = 15;
const RETURNED: usize = 16;

/// The statuses a studio can be imported in: the others need records (an exit, a failed
/// assessment) that a spreadsheet does not carry.
pub const IMPORTABLE: [StudioStatus; 2] = [StudioStatus::Building, StudioStatus::Completed];

/// What a studio is, apart from its money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudioFacts {
    pub plaque_no: String,
    pub name: String,
    pub level: Level,
    pub category: Option<NationalCategory>,
    pub occupation: String,
    pub industry: String,
    pub unit_credit_code: String,
    pub leader_name: String,
    pub leader_id_number: String,
    pub approved_on: NaiveDate,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub status: StudioStatus,
}

/// A studio as the file and the registry both say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudioRecord {
    pub facts: StudioFacts,
    /// Entitled, and what was disbursed, used and returned before this system.
    pub money: Balance,
}

fn text(row: &Row, i: usize, max: usize, required: bool, e: &mut Vec<RowError>) -> String {
    let t = row.get(i);
    if required && t.is_empty() {
        e.push(row.required(i));
    } else if t.chars().count() > max {
        e.push(row.err(
            i,
            format!("最多 {max} 字"),
            format!("at most {max} characters"),
        ));
    }
    t.to_owned()
}

fn amount(row: &Row, i: usize, e: &mut Vec<RowError>) -> Fen {
    match row.get(i) {
        "" => Fen::ZERO,
        t => match Fen::parse_yuan(t) {
            Some(f) if f <= MAX_ENTRY => f,
            _ => {
                e.push(row.err(
                    i,
                    "金额应为元，最多两位小数，不超过 1000 万元（如 200000.00）",
                    "an amount in yuan with at most two decimals, at most ¥10,000,000",
                ));
                Fen::ZERO
            }
        },
    }
}

fn date(row: &Row, i: usize, e: &mut Vec<RowError>) -> Option<NaiveDate> {
    match row.get(i) {
        "" => {
            if COLUMNS[i].required {
                e.push(row.required(i));
            }
            None
        }
        t => {
            let d = parse_date(t);
            if d.is_none() {
                e.push(row.err(
                    i,
                    "日期无法识别（如 2021-06-18）",
                    "the date cannot be read (e.g. 2021-06-18)",
                ));
            }
            d
        }
    }
}

/// One row checked on `today`; every bad cell is named.
pub fn read(row: &Row, today: NaiveDate) -> Result<StudioRecord, Vec<RowError>> {
    let mut e = Vec::new();
    let plaque_no = text(row, PLAQUE, 32, true, &mut e);
    let name = text(row, NAME, 128, true, &mut e);
    let occupation = text(row, OCCUPATION, 64, true, &mut e);
    let industry = text(row, INDUSTRY, 64, false, &mut e);
    let leader_name = text(row, LEADER, 64, true, &mut e);
    let unit_credit_code = row.get(UNIT).to_uppercase();
    if unit_credit_code.is_empty() {
        e.push(row.required(UNIT));
    }
    let level = pick(
        &[Level::Regional, Level::National],
        Level::label_zh,
        row.get(LEVEL),
    );
    if level.is_none() {
        e.push(row.err(
            LEVEL,
            "级别应为“国家级”或“自治区级”",
            "national or regional",
        ));
    }
    let categories = [
        NationalCategory::Manufacturing,
        NationalCategory::Services,
        NationalCategory::Other,
    ];
    let category = match row.get(CATEGORY) {
        "" => None,
        t => {
            let c = pick(&categories, NationalCategory::label_zh, t);
            if c.is_none() {
                e.push(row.err(
                    CATEGORY,
                    "类别应为生产制造类、社会生产和生活服务类或其他类",
                    "unknown category",
                ));
            }
            c
        }
    };
    match (level, category, row.get(CATEGORY).is_empty()) {
        (Some(Level::National), None, true) => e.push(row.err(
            CATEGORY,
            "国家级工作室须填写类别（第十二条）",
            "a national studio needs its category (Art. 12)",
        )),
        (Some(Level::Regional), _, false) => e.push(row.err(
            CATEGORY,
            "自治区级工作室不填类别",
            "a regional studio has no category",
        )),
        _ => {}
    }
    let leader_id = IdNumber::parse(row.get(LEADER_ID));
    if let Err(err) = &leader_id {
        e.push(row.err(LEADER_ID, err.zh.clone(), err.en.clone()));
    }
    let approved_on = date(row, APPROVED, &mut e);
    if approved_on.is_some_and(|d| d > today) {
        e.push(row.err(APPROVED, "批准日期不能晚于今天", "approved in the future"));
    }
    let term_start = date(row, START, &mut e).or(approved_on);
    let term_end = date(row, END, &mut e).or(term_start.map(crate::deadlines::default_term_end));
    if let (Some(s), Some(end)) = (term_start, term_end)
        && end <= s
    {
        e.push(row.err(
            END,
            "建设期结束应晚于开始",
            "the term ends before it starts",
        ));
    }
    let status = match row.get(STATUS) {
        "" => Some(StudioStatus::Building),
        t => {
            let all = [
                StudioStatus::Building,
                StudioStatus::Rectifying,
                StudioStatus::Completed,
                StudioStatus::Revoked,
                StudioStatus::Exited,
            ];
            let s = pick(&all, StudioStatus::label_zh, t);
            if s.is_none() {
                e.push(row.err(
                    STATUS,
                    "状态应为“建设中”或“期满考核合格”",
                    "building or completed",
                ));
            }
            s
        }
    };
    let entitled = amount(row, ENTITLED, &mut e);
    if row.get(ENTITLED).is_empty() {
        e.push(row.required(ENTITLED));
    } else if entitled == Fen::ZERO {
        e.push(row.err(
            ENTITLED,
            "核定补助须大于 0",
            "the entitlement must be above 0",
        ));
    }
    let money = Balance {
        entitled,
        disbursed: amount(row, DISBURSED, &mut e),
        used: amount(row, USED, &mut e),
        returned: amount(row, RETURNED, &mut e),
    };
    if money.disbursed > money.entitled {
        e.push(row.err(
            DISBURSED,
            format!(
                "已拨付 {} 超过核定补助 {}（第十二条）",
                money.disbursed, money.entitled
            ),
            "disbursed exceeds the entitlement",
        ));
    }
    if money.used > money.disbursed {
        e.push(row.err(
            USED,
            format!("已使用 {} 超过已拨付 {}", money.used, money.disbursed),
            "used exceeds disbursed",
        ));
    }
    if money.used <= money.disbursed && money.held().fen() < 0 {
        e.push(row.err(
            RETURNED,
            format!(
                "已缴回 {} 超过结余 {}",
                money.returned,
                Fen::from_fen(money.disbursed.fen() - money.used.fen())
            ),
            "returned exceeds what was held",
        ));
    }
    match (level, status, leader_id, approved_on, term_start, term_end) {
        (
            Some(level),
            Some(status),
            Ok(id),
            Some(approved_on),
            Some(term_start),
            Some(term_end),
        ) if e.is_empty() => Ok(StudioRecord {
            facts: StudioFacts {
                plaque_no,
                name,
                level,
                category,
                occupation,
                industry,
                unit_credit_code,
                leader_name,
                leader_id_number: id.as_str().to_owned(),
                approved_on,
                term_start,
                term_end,
                status,
            },
            money,
        }),
        _ => Err(e),
    }
}

/// A studio in the file's columns (its export).
pub fn cells(r: &StudioRecord) -> Vec<String> {
    let f = &r.facts;
    vec![
        f.plaque_no.clone(),
        f.name.clone(),
        f.level.label_zh().to_owned(),
        f.category
            .map(|c| c.label_zh().to_owned())
            .unwrap_or_default(),
        f.occupation.clone(),
        f.industry.clone(),
        f.unit_credit_code.clone(),
        f.leader_name.clone(),
        f.leader_id_number.clone(),
        f.approved_on.to_string(),
        f.term_start.to_string(),
        f.term_end.to_string(),
        f.status.label_zh().to_owned(),
        r.money.entitled.plain_yuan(),
        r.money.disbursed.plain_yuan(),
        r.money.used.plain_yuan(),
        r.money.returned.plain_yuan(),
    ]
}

/// A status the import may not set: a new studio is imported building or completed (the others
/// need records, an exit or a failed assessment, that a spreadsheet does not carry), and a stored
/// studio's status changes only through the procedure that decides it.
pub fn check_status(
    row: &Row,
    record: &StudioRecord,
    stored: Option<StudioStatus>,
) -> Option<RowError> {
    let status = record.facts.status;
    match stored {
        None if !IMPORTABLE.contains(&status) => Some(row.err(
            STATUS,
            "新导入的工作室状态应为“建设中”或“期满考核合格”（整改、撤销、退出须在系统中办理）",
            "a new studio is building or completed (rectification, revocation and exit are recorded in the system)",
        )),
        Some(s) if s != status => Some(row.err(
            STATUS,
            format!("系统中为“{}”：状态变化须在系统中办理，不通过导入修改", s.label_zh()),
            "the status changes through the system's procedure, not an import",
        )),
        _ => None,
    }
}

/// Where a row's money differs from the ledger the system already keeps: opening amounts are
/// written once, when the studio is created; later money goes through the ledger.
pub fn money_differs(row: &Row, file: &Balance, kept: &Balance) -> Vec<RowError> {
    let mut e = Vec::new();
    if file.entitled != kept.entitled {
        e.push(row.err(
            ENTITLED,
            format!(
                "与系统中的核定补助 {} 不一致：核定补助不通过导入修改",
                kept.entitled
            ),
            "differs from the entitlement recorded; an import does not change it",
        ));
    }
    for (col, f, k) in [
        (DISBURSED, file.disbursed, kept.disbursed),
        (USED, file.used, kept.used),
        (RETURNED, file.returned, kept.returned),
    ] {
        if f != k {
            e.push(row.err(
                col,
                format!("与系统台账（{k}）不一致：期初金额只在首次导入时记入，之后请在资金台账中登记"),
                format!("differs from the ledger ({k}): opening amounts are written once; record later money in the ledger"),
            ));
        }
    }
    e
}
