//! Journey 3 on the wire: subsidy money by city, county and studio, by year, and the round's funnel.

use crate::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub studios: i64,
    pub entitled_fen: Fen,
    pub disbursed_fen: Fen,
    pub used_fen: Fen,
    pub returned_fen: Fen,
    /// Entitled − disbursed.
    pub outstanding_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row {
    /// `yinchuan`, a county code, or a studio id, by view.
    pub key: String,
    pub label: String,
    pub money: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearRow {
    pub year: i32,
    pub disbursed_fen: Fen,
    pub used_fen: Fen,
    pub returned_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    pub round_year: i32,
    pub applied: i64,
    pub recommended: i64,
    pub defended: i64,
    pub inspected: i64,
    pub approved: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardView {
    pub totals: Money,
    /// By city (no `city` filter), or by county of that city.
    pub rows: Vec<Row>,
    /// The studios of the city (drill-down only, and never on the public summary).
    pub studios: Vec<Row>,
    pub by_year: Vec<YearRow>,
    pub funnel: Option<Funnel>,
    /// The recommending channels the `channel_org_id` filter takes (`0`: HRSS directly).
    #[serde(default)]
    pub channels: Vec<ChannelOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelOption {
    pub id: i32,
    pub name: String,
}

impl Funnel {
    /// How many submitted applications of a round reached each stage (or went beyond it).
    pub fn of(round_year: i32, states: &[crate::workflow::AppState]) -> Funnel {
        use crate::workflow::AppState::*;
        let reached = |at: &[crate::workflow::AppState]| {
            i64::try_from(states.iter().filter(|s| at.contains(s)).count()).unwrap_or(i64::MAX)
        };
        Funnel {
            round_year,
            applied: i64::try_from(states.len()).unwrap_or(i64::MAX),
            recommended: reached(&[
                Recommended,
                DefenseReview,
                FieldInspection,
                Proposed,
                Approved,
            ]),
            defended: reached(&[FieldInspection, Proposed, Approved]),
            inspected: reached(&[Proposed, Approved]),
            approved: reached(&[Approved]),
        }
    }
}

impl Money {
    /// The sum of two rows (outstanding included, so a total agrees with its rows to the fen).
    pub fn plus(self, other: Money) -> Money {
        let add = |a: Fen, b: Fen| Fen::from_fen(a.fen() + b.fen());
        Money {
            studios: self.studios + other.studios,
            entitled_fen: add(self.entitled_fen, other.entitled_fen),
            disbursed_fen: add(self.disbursed_fen, other.disbursed_fen),
            used_fen: add(self.used_fen, other.used_fen),
            returned_fen: add(self.returned_fen, other.returned_fen),
            outstanding_fen: add(self.outstanding_fen, other.outstanding_fen),
        }
    }

    pub fn total(rows: &[Row]) -> Money {
        rows.iter().fold(Money::default(), |a, r| a.plus(r.money))
    }
}

/// The columns of the dashboard's table, as the page and its export show them.
pub const TABLE_HEADERS: [&str; 7] = [
    "地区/工作室",
    "工作室数",
    "核定补助（元）",
    "已拨付（元）",
    "已使用（元）",
    "已缴回（元）",
    "待拨付（元）",
];

fn money_cells(label: &str, m: &Money) -> Vec<String> {
    vec![
        label.to_owned(),
        m.studios.to_string(),
        m.entitled_fen.plain_yuan(),
        m.disbursed_fen.plain_yuan(),
        m.used_fen.plain_yuan(),
        m.returned_fen.plain_yuan(),
        m.outstanding_fen.plain_yuan(),
    ]
}

impl DashboardView {
    /// The view as one table under [`TABLE_HEADERS`]: its rows, then the city's studios, the
    /// total, and then the year and funnel views each under its own heading row. Amounts in yuan
    /// with two decimals, exactly.
    pub fn table(&self) -> Vec<Vec<String>> {
        let mut table: Vec<Vec<String>> = self
            .rows
            .iter()
            .chain(&self.studios)
            .map(|r| money_cells(&r.label, &r.money))
            .collect();
        table.push(money_cells("合计", &self.totals));
        table.push(Vec::new());
        table.push(
            [
                "年度",
                "",
                "",
                "已拨付（元）",
                "已使用（元）",
                "已缴回（元）",
                "",
            ]
            .map(str::to_owned)
            .to_vec(),
        );
        for y in &self.by_year {
            table.push(vec![
                y.year.to_string(),
                String::new(),
                String::new(),
                y.disbursed_fen.plain_yuan(),
                y.used_fen.plain_yuan(),
                y.returned_fen.plain_yuan(),
                String::new(),
            ]);
        }
        if let Some(f) = &self.funnel {
            table.push(Vec::new());
            table.push(vec![
                format!("{} 年度申报漏斗", f.round_year),
                "申报数".into(),
            ]);
            for (label, n) in [
                ("申报", f.applied),
                ("推荐", f.recommended),
                ("答辩", f.defended),
                ("考察", f.inspected),
                ("批准", f.approved),
            ] {
                table.push(vec![label.to_owned(), n.to_string()]);
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(entitled: i64, disbursed: i64) -> Money {
        Money {
            studios: 1,
            entitled_fen: Fen::from_fen(entitled),
            disbursed_fen: Fen::from_fen(disbursed),
            used_fen: Fen::from_fen(0),
            returned_fen: Fen::from_fen(-5),
            outstanding_fen: Fen::from_fen(entitled - disbursed),
        }
    }

    #[test]
    fn the_funnel_counts_each_stage_and_beyond() {
        use crate::workflow::AppState::*;
        let f = Funnel::of(
            2026,
            &[Submitted, Recommended, DefenseReview, Approved, NotSelected],
        );
        assert_eq!(
            (
                f.applied,
                f.recommended,
                f.defended,
                f.inspected,
                f.approved
            ),
            (5, 3, 1, 1, 1)
        );
    }

    #[test]
    fn the_table_totals_its_rows_to_the_fen() {
        let rows = vec![
            Row {
                key: "yinchuan".into(),
                label: "银川市".into(),
                money: money(10_000_001, 1),
            },
            Row {
                key: "wuzhong".into(),
                label: "吴忠市".into(),
                money: money(99, 100),
            },
        ];
        let view = DashboardView {
            totals: Money::total(&rows),
            rows,
            studios: Vec::new(),
            by_year: vec![YearRow {
                year: 2025,
                disbursed_fen: Fen::from_fen(101),
                used_fen: Fen::from_fen(0),
                returned_fen: Fen::from_fen(0),
            }],
            funnel: None,
            channels: Vec::new(),
        };
        let t = view.table();
        assert_eq!(
            t[0],
            [
                "银川市",
                "1",
                "100000.01",
                "0.01",
                "0.00",
                "-0.05",
                "100000.00"
            ]
        );
        assert_eq!(t[1][6], "-0.01");
        assert_eq!(
            t[2],
            [
                "合计",
                "2",
                "100001.00",
                "1.01",
                "0.00",
                "-0.10",
                "99999.99"
            ]
        );
        assert_eq!(t[5][3], "1.01");
    }
}
