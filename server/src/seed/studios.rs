//! The demo's approved studios (`data/demo-studios.tsv`), approved in four yearly cohorts counted
//! back from the day of seeding, the exit behind the exited one, and (with `--demo-money`) a
//! plausible ledger.

use super::{Registry, bad, rows};
use crate::entity::{JsonText, ledger_entry, studio, studio_balance, studio_exit};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use shared::calendar::{anniversary, date, days_after};
use shared::eligibility::{LeaderFacts, SkillLevel, Title};
use shared::ledger::EntryKind;
use shared::life::StudioStatus;
use shared::subsidy::Purpose;
use shared::{Level, NationalCategory};
use std::collections::HashMap;

const STUDIOS_TSV: &str = include_str!("../../data/demo-studios.tsv");

/// The approval day of each cohort on `today`: cohort 0 about a month earlier (never before
/// 1 January of this year, so the newest studios always report for this year), cohort k the same
/// day k years before.
pub fn cohort_approvals(today: NaiveDate) -> [NaiveDate; 4] {
    let c0 = (today - chrono::Duration::days(30)).max(date(today.year(), 1, 1).min(today));
    [
        c0,
        anniversary(c0, -1),
        anniversary(c0, -2),
        anniversary(c0, -3),
    ]
}

/// When the demo's completed and rectifying studios had their end-of-term assessment: about two
/// months after the term ended, never later than yesterday.
pub fn end_of_term_decided(term_end: NaiveDate, today: NaiveDate, weak: bool) -> NaiveDate {
    let after = if weak { 60 } else { 53 };
    days_after(term_end, after).min(today.pred_opt().unwrap_or(today))
}

/// The leader facts on record for a demo studio (第十六条 compares a successor with them): a
/// 技师 and 自治区技术能手 at a regional studio, a 高级技师 and 全国技术能手 at a national one.
fn leader_facts(birth: NaiveDate, level: Level) -> LeaderFacts {
    let national = level == Level::National;
    LeaderFacts {
        birth_date: birth,
        titles: vec![if national {
            Title::NationalTechnicalExpert
        } else {
            Title::RegionalTechnicalExpert
        }],
        skill_level: if national {
            SkillLevel::SeniorTechnician
        } else {
            SkillLevel::Technician
        },
        ..shared::life::minimum_leader()
    }
}

/// One demo studio as inserted, for the life history and the money.
pub struct Seeded {
    pub id: i32,
    pub status: StudioStatus,
    pub approved: NaiveDate,
    pub entitlement: i64,
}

pub async fn seed<C: ConnectionTrait>(
    db: &C,
    registry: &Registry,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Vec<Seeded>> {
    let cohorts = cohort_approvals(today);
    let mut seq_in_year: HashMap<i32, u32> = HashMap::new();
    let mut out = Vec::new();
    for row in rows(STUDIOS_TSV) {
        let [
            unit_row,
            leader,
            birth,
            sex,
            level,
            category,
            occupation,
            industry,
            cohort,
            status,
        ] = row[..]
        else {
            return Err(bad("columns", &row).into());
        };
        let row_no: usize = unit_row.parse().map_err(|_| bad("unit row", &row))?;
        let unit_id = registry
            .units
            .get(row_no)
            .copied()
            .ok_or_else(|| bad("unit row", &row))?;
        let birth = NaiveDate::parse_from_str(birth, "%Y-%m-%d").map_err(|_| bad("birth", &row))?;
        let id_number = registry
            .leader_id(
                row_no,
                birth,
                sex == "f",
                u32::try_from(out.len()).unwrap_or(0),
            )
            .ok_or_else(|| bad("identity number", &row))?;
        let level: Level = super::name(level)?;
        let category: Option<NationalCategory> = if category == "-" {
            None
        } else {
            Some(super::name(category)?)
        };
        let status: StudioStatus = super::name(status)?;
        let start = cohort
            .parse::<usize>()
            .ok()
            .and_then(|c| cohorts.get(c).copied())
            .ok_or_else(|| bad("cohort", &row))?;
        let seq = seq_in_year
            .entry(start.year())
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let term_end = shared::deadlines::default_term_end(start);
        let entitlement =
            shared::subsidy::entitlement(level, category).ok_or_else(|| bad("category", &row))?;
        let facts = leader_facts(birth, level);
        let saved = studio::ActiveModel {
            plaque_no: Set(shared::procedure::plaque_no(start.year(), *seq)),
            name: Set(format!("{leader}{occupation}技能大师工作室")),
            unit_id: Set(unit_id),
            leader_name: Set(leader.to_owned()),
            level: Set(level),
            national_category: Set(category),
            occupation: Set(occupation.to_owned()),
            industry: Set(industry.to_owned()),
            approved_on: Set(start),
            term_start: Set(start),
            term_end: Set(term_end),
            status: Set(status),
            entitlement_fen: Set(entitlement.fen()),
            leader_facts: Set(Some(JsonText(facts.clone()))),
            leader_id_number: Set(Some(id_number.clone())),
            // 第十七条: the rectifying studio failed its end of term; one year from that day.
            rectification_until: Set((status == StudioStatus::Rectifying).then(|| {
                shared::deadlines::rectification_due(end_of_term_decided(term_end, today, true))
            })),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if status == StudioStatus::Exited {
            // 第十八条（二）, decided during its term: the unit and the leader are barred for 3 years.
            let decided = days_after(start, 500).min(today);
            studio_exit::ActiveModel {
                studio_id: Set(saved.id),
                unit_id: Set(unit_id),
                leader_name: Set(leader.to_owned()),
                leader_birth_date: Set(Some(birth)),
                leader_id_number: Set(Some(id_number.clone())),
                exit_case: Set(shared::life::ExitCase::LeaderUnable),
                evidence: Set(
                    "带头人调离本单位且未按规定带徒，市人社局核查报告（示例数据）".into(),
                ),
                investigation: Set(String::new()),
                decided_on: Set(decided),
                ban_until: Set(shared::deadlines::ban_until(decided)),
                return_due_fen: Set(0),
                decided_by: Set("hrss".into()),
                recorded_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        out.push(Seeded {
            id: saved.id,
            status,
            approved: start,
            entitlement: entitlement.fen(),
        });
    }
    Ok(out)
}

/// A plausible money history for a demo studio (`--demo-money`): paid in its approval year, spent
/// over the next year, and what was left returned when the term ended; nothing after `today`.
pub async fn ledger<C: ConnectionTrait>(
    db: &C,
    s: &Seeded,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let building = s.status == StudioStatus::Building;
    let paid = if building {
        s.entitlement * 6 / 10
    } else {
        s.entitlement
    };
    let plan = [
        (EntryKind::Disbursement, paid, 25, None, "首期建设补助"),
        (
            EntryKind::Usage,
            paid / 2,
            200,
            Some(Purpose::EquipmentAndMaterials),
            "实训设备与耗材购置",
        ),
        (
            EntryKind::Usage,
            paid * 4 / 10,
            330,
            Some(Purpose::SkillExchange),
            "技能交流推广活动",
        ),
        (
            EntryKind::Return,
            paid - paid / 2 - paid * 4 / 10,
            760,
            None,
            "建设期满结余缴回",
        ),
    ];
    for (i, (kind, amount, days, purpose, text)) in plan.into_iter().enumerate() {
        let on = days_after(s.approved, days);
        if on > today || amount <= 0 || (kind == EntryKind::Return && building) {
            continue;
        }
        ledger_entry::ActiveModel {
            studio_id: Set(s.id),
            kind: Set(kind),
            effect_kind: Set(kind),
            amount_fen: Set(amount),
            signed_fen: Set(amount),
            purpose: Set(purpose),
            description: Set(text.into()),
            voucher_no: Set(if kind == EntryKind::Usage {
                String::new()
            } else {
                format!("演示〔{}〕{:03}-{i}", on.year(), s.id)
            }),
            paying_office: Set(if kind == EntryKind::Disbursement {
                "自治区财政厅".into()
            } else {
                String::new()
            }),
            occurred_on: Set(on),
            recorded_by: Set("demo".into()),
            recorded_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let (d, u, r) = match kind {
            EntryKind::Disbursement => (amount, 0, 0),
            EntryKind::Usage => (0, amount, 0),
            _ => (0, 0, amount),
        };
        let key = (s.id, on.year());
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
                    studio_id: Set(s.id),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohorts_are_a_year_apart_and_the_newest_is_this_year() {
        let c = cohort_approvals(date(2027, 3, 1));
        assert_eq!(
            c,
            [
                date(2027, 1, 30),
                date(2026, 1, 30),
                date(2025, 1, 30),
                date(2024, 1, 30)
            ]
        );
        let c = cohort_approvals(date(2027, 1, 2));
        assert_eq!(c[0], date(2027, 1, 1));
        assert_eq!(c[1], date(2026, 1, 1));
        let c = cohort_approvals(date(2028, 6, 15));
        assert_eq!(c[0], date(2028, 5, 16));
        assert_eq!(c[3], date(2025, 5, 16));
    }

    #[test]
    fn the_oldest_cohort_was_assessed_after_its_term_and_before_today() {
        for today in [
            date(2027, 1, 1),
            date(2027, 3, 1),
            date(2028, 6, 15),
            date(2026, 12, 31),
        ] {
            let c3 = cohort_approvals(today)[3];
            let end = shared::deadlines::default_term_end(c3);
            for weak in [false, true] {
                let d = end_of_term_decided(end, today, weak);
                assert!(d > end && d < today, "{today}: {d} after {end}");
            }
            // The studio that is rectifying still is on `today`.
            let until = shared::deadlines::rectification_due(end_of_term_decided(end, today, true));
            assert!(until >= today, "{today}: rectifying until {until}");
        }
    }
}
