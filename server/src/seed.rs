//! Deterministic demo data: organisations, units in all five cities, and studios of both levels and
//! all categories approved 2023–2026. Written only into an empty database. Names are fictional.

use crate::entity::{enum_text, holiday, org, studio, unit};
use chrono::NaiveDate;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, TransactionTrait};
use shared::channel::{Affiliation, Channel, channel};
use shared::eligibility::UnitKind;
use shared::geo::City;
use shared::{Level, NationalCategory};

struct DemoUnit {
    name: &'static str,
    kind: UnitKind,
    affiliation: Affiliation,
    county: u32,
}

const fn u(name: &'static str, kind: UnitKind, affiliation: Affiliation, county: u32) -> DemoUnit {
    DemoUnit {
        name,
        kind,
        affiliation,
        county,
    }
}

use Affiliation::*;
use UnitKind::*;

const UNITS: &[DemoUnit] = &[
    u("银川塞上机床制造有限公司", Enterprise, Local, 640106),
    u(
        "宁夏长城焊接装备有限公司",
        Enterprise,
        RegionalStateOwnedEnterprise,
        640104,
    ),
    u("银川市高级技工学校", School, Local, 640105),
    u(
        "宁夏贺兰山职业技术学院",
        School,
        RegionalVocationalCollege,
        640105,
    ),
    u("银川市公共职业技能实训基地", TrainingBase, Local, 640104),
    u(
        "中电宁夏电力检修有限公司",
        Enterprise,
        CentralEnterprise,
        640106,
    ),
    u(
        "宁夏农业技术实训中心",
        TrainingBase,
        RegionalDepartmentAffiliate,
        640106,
    ),
    u(
        "国家地质调查宁夏实验中心",
        TrainingBase,
        CentralPublicInstitution,
        640104,
    ),
    u("灵武宁东煤化工有限公司", Enterprise, Local, 640181),
    u("永宁枸杞精深加工有限公司", Enterprise, Local, 640121),
    u("贺兰山东麓酿酒有限公司", Enterprise, Local, 640122),
    u("石嘴山钢铁铸造有限公司", Enterprise, Local, 640202),
    u("石嘴山市技师学院", School, Local, 640202),
    u("惠农电石化工有限公司", Enterprise, Local, 640205),
    u("平罗县民族刺绣有限公司", Enterprise, Local, 640221),
    u("吴忠精密仪表有限公司", Enterprise, Local, 640302),
    u("吴忠市技工学校", School, Local, 640302),
    u(
        "青铜峡铝业加工有限公司",
        Enterprise,
        RegionalStateOwnedEnterprise,
        640381,
    ),
    u("盐池滩羊食品有限公司", Enterprise, Local, 640323),
    u("同心县民族服饰工坊有限公司", Enterprise, Local, 640324),
    u("固原市高级技工学校", School, Local, 640402),
    u("西吉马铃薯加工有限公司", Enterprise, Local, 640422),
    u("隆德县砖雕文化传承有限公司", Enterprise, Local, 640423),
    u("泾源县公共职业技能实训基地", TrainingBase, Local, 640424),
    u("彭阳县建筑安装有限公司", Enterprise, Local, 640425),
    u("中卫沙坡头旅游服务有限公司", Enterprise, Local, 640502),
    u("中宁枸杞产业有限公司", Enterprise, Local, 640521),
    u("海原县职业技术学校", School, Local, 640522),
    u(
        "中卫云计算数据中心运维有限公司",
        Enterprise,
        CentralEnterprise,
        640502,
    ),
];

/// (unit index, leader, level, category, occupation, industry, approval year, status)
type DemoStudio = (
    usize,
    &'static str,
    Level,
    Option<NationalCategory>,
    &'static str,
    &'static str,
    i32,
    &'static str,
);

const N: Level = Level::National;
const R: Level = Level::Regional;
const MF: Option<NationalCategory> = Some(NationalCategory::Manufacturing);
const SV: Option<NationalCategory> = Some(NationalCategory::Services);
const OT: Option<NationalCategory> = Some(NationalCategory::Other);

const STUDIOS: &[DemoStudio] = &[
    (
        0,
        "马建国",
        R,
        None,
        "数控车工",
        "先进装备制造",
        2023,
        "completed",
    ),
    (
        1,
        "王立军",
        N,
        MF,
        "焊工",
        "先进装备制造",
        2023,
        "completed",
    ),
    (2, "李慧敏", R, None, "电工", "新型电力", 2023, "completed"),
    (
        11,
        "张铁成",
        R,
        None,
        "铸造工",
        "新型材料",
        2023,
        "rectifying",
    ),
    (
        15,
        "杨志强",
        N,
        MF,
        "仪器仪表维修工",
        "先进装备制造",
        2023,
        "completed",
    ),
    (
        21,
        "海天明",
        R,
        None,
        "农产品食品检验员",
        "现代农业",
        2023,
        "exited",
    ),
    (25, "刘沙", N, SV, "导游", "文化旅游", 2023, "completed"),
    (
        3,
        "周文静",
        R,
        None,
        "工业机器人系统运维员",
        "数字经济",
        2024,
        "building",
    ),
    (
        5,
        "赵电",
        N,
        MF,
        "变电设备检修工",
        "新型电力",
        2024,
        "building",
    ),
    (
        8,
        "冯煤",
        R,
        None,
        "化工总控工",
        "现代煤化工",
        2024,
        "building",
    ),
    (
        12,
        "孙技",
        R,
        None,
        "钳工",
        "先进装备制造",
        2024,
        "building",
    ),
    (14, "马秀兰", N, OT, "刺绣工", "文化旅游", 2024, "building"),
    (
        17,
        "白铝",
        R,
        None,
        "铝电解工",
        "新型材料",
        2024,
        "building",
    ),
    (
        20,
        "田固",
        R,
        None,
        "汽车维修工",
        "现代服务业",
        2024,
        "building",
    ),
    (22, "杨砖雕", N, OT, "砖雕工", "文化旅游", 2024, "building"),
    (
        26,
        "石枸杞",
        R,
        None,
        "农艺工",
        "现代农业",
        2024,
        "building",
    ),
    (
        9,
        "何宁",
        R,
        None,
        "食品加工工",
        "现代农业",
        2025,
        "building",
    ),
    (10, "陈酿", N, SV, "酿酒师", "葡萄酒", 2025, "building"),
    (
        13,
        "韩电石",
        R,
        None,
        "化工总控工",
        "新型材料",
        2025,
        "building",
    ),
    (
        16,
        "吴仪",
        R,
        None,
        "电子仪器仪表装调工",
        "数字经济",
        2025,
        "building",
    ),
    (
        18,
        "苏羊",
        N,
        SV,
        "中式烹调师",
        "现代服务业",
        2025,
        "building",
    ),
    (19, "马服", R, None, "服装制版师", "轻纺", 2025, "building"),
    (24, "彭建", R, None, "建筑电工", "建筑业", 2025, "building"),
    (
        27,
        "海教",
        R,
        None,
        "计算机程序设计员",
        "数字经济",
        2025,
        "building",
    ),
    (
        28,
        "云运维",
        N,
        MF,
        "信息通信网络运行管理员",
        "数字经济",
        2025,
        "building",
    ),
    (
        0,
        "马建华",
        R,
        None,
        "加工中心操作工",
        "先进装备制造",
        2026,
        "building",
    ),
    (
        6,
        "农技",
        R,
        None,
        "农业技术员",
        "现代农业",
        2026,
        "building",
    ),
    (7, "地质", R, None, "地质调查员", "其他", 2026, "building"),
    (
        4,
        "实训",
        R,
        None,
        "健康照护师",
        "现代服务业",
        2026,
        "building",
    ),
    (
        23,
        "泾源",
        R,
        None,
        "养老护理员",
        "现代服务业",
        2026,
        "building",
    ),
    (
        3,
        "周智",
        N,
        MF,
        "智能制造工程技术人员",
        "数字经济",
        2026,
        "building",
    ),
    (
        25,
        "沙漠",
        N,
        OT,
        "民族乐器制作工",
        "文化旅游",
        2026,
        "building",
    ),
];

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
pub async fn seed(db: &sea_orm::DatabaseConnection, demo: bool) -> Result<(), sea_orm::DbErr> {
    let txn = db.begin().await?;
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
        return txn.commit().await;
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
    let mut unit_ids = Vec::with_capacity(UNITS.len());
    for d in UNITS {
        let city = City::of_county(d.county).unwrap_or(City::Yinchuan);
        let ch = channel(d.affiliation, city);
        let res = unit::Entity::insert(unit::ActiveModel {
            credit_code: Set(format!(
                "91{}{:010}",
                d.county,
                7_300_000_000u64 + unit_ids.len() as u64 * 7919
            )),
            name: Set(d.name.to_owned()),
            kind: Set(enum_text(&d.kind)),
            affiliation: Set(enum_text(&d.affiliation)),
            city: Set(enum_text(&city)),
            county_code: Set(i32::try_from(d.county).unwrap_or_default()),
            channel_org_id: Set(org_ids.get(&org_code(ch)).copied()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        unit_ids.push(res.last_insert_id);
    }
    let mut seq_in_year = std::collections::HashMap::new();
    for &(ui, leader, level, category, occupation, industry, year, status) in STUDIOS {
        let seq = seq_in_year.entry(year).and_modify(|n| *n += 1).or_insert(1);
        let start = approved_on(year);
        let entitlement = shared::subsidy::entitlement(level, category).unwrap_or_default();
        studio::Entity::insert(studio::ActiveModel {
            plaque_no: Set(format!("宁人社工作室〔{year}〕{seq:03}号")),
            name: Set(format!("{leader}{occupation}技能大师工作室")),
            unit_id: Set(unit_ids[ui]),
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
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await
}
