//! A panel's ranking from its sheets: which sheets count, each candidate's aggregate and item
//! means, every expert's total, who was dropped, and the places with the declared tie-breakers.
//! The server stores what this returns when the chair closes scoring.

use super::{Aggregation, Rubric, Standing, TieBreaker, aggregate, outliers, rank};
use crate::Tenths;
use crate::assessment::Mean;
use std::collections::BTreeMap;

/// One sheet as the ranking reads it.
#[derive(Debug, Clone, Copy)]
pub struct RankedSheet<'a> {
    pub candidate: i32,
    pub expert: i32,
    /// Whether it counts ([`super::SheetFacts::counts`]).
    pub counts: bool,
    pub values: &'a BTreeMap<String, Tenths>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingCandidate {
    pub id: i32,
    pub channel_rank: Option<u32>,
}

/// A candidate's place and the figures behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub place: u32,
    pub candidate: i32,
    /// The mean shown (tenths, half up); grades are taken on `mean`.
    pub score: Tenths,
    pub mean: Mean,
    pub item_means: BTreeMap<String, Tenths>,
    /// Each expert's total in the panel's expert order; `None` where the sheet does not count.
    pub totals: Vec<(i32, Option<Tenths>)>,
    /// Experts whose totals the trimmed mean dropped.
    pub dropped: Vec<i32>,
}

/// A candidate no counted sheet scores: the panel cannot rank it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unranked {
    pub candidate: i32,
}

/// Each expert's total and the experts dropped, per candidate.
type Detail = (Vec<(i32, Option<Tenths>)>, Vec<i32>);

/// The counted sheets of `candidate`, in the order given.
fn counted<'s, 'a>(sheets: &'s [RankedSheet<'a>], candidate: i32) -> Vec<&'s RankedSheet<'a>> {
    sheets
        .iter()
        .filter(|s| s.candidate == candidate && s.counts)
        .collect()
}

/// Ranks every candidate on the sheets that count, best first.
pub fn rank_sheets(
    rubric: &Rubric,
    how: Aggregation,
    breakers: &[TieBreaker],
    candidates: &[RankingCandidate],
    experts: &[i32],
    sheets: &[RankedSheet<'_>],
) -> Result<Vec<Placed>, Unranked> {
    let mut standings = Vec::with_capacity(candidates.len());
    let mut detail: BTreeMap<i32, Detail> = BTreeMap::new();
    for c in candidates {
        let list = counted(sheets, c.id);
        let totals: Vec<Tenths> = list.iter().map(|s| rubric.total(s.values).0).collect();
        let agg = aggregate(&totals, how).ok_or(Unranked { candidate: c.id })?;
        let kept: Vec<&RankedSheet<'_>> = list
            .iter()
            .enumerate()
            .filter(|(i, _)| !agg.dropped.contains(i))
            .map(|(_, s)| *s)
            .collect();
        let item_means = rubric
            .items
            .iter()
            .map(|item| {
                let sum = kept
                    .iter()
                    .map(|s| i64::from(s.values.get(&item.key).map_or(0, |t| t.tenths())))
                    .sum();
                let count = i64::try_from(kept.len()).unwrap_or(1).max(1);
                (item.key.clone(), Mean { sum, count }.rounded())
            })
            .collect();
        let per_expert = experts
            .iter()
            .map(|e| {
                let t = list
                    .iter()
                    .find(|s| s.expert == *e)
                    .map(|s| rubric.total(s.values).0);
                (*e, t)
            })
            .collect();
        let dropped = agg.dropped.iter().map(|&i| list[i].expert).collect();
        detail.insert(c.id, (per_expert, dropped));
        standings.push(Standing {
            candidate: c.id,
            score: agg.score,
            mean: agg.mean,
            item_means,
            channel_rank: c.channel_rank,
        });
    }
    let places = rank(&mut standings, breakers);
    Ok(standings
        .into_iter()
        .zip(places)
        .map(|(s, place)| {
            let (totals, dropped) = detail.remove(&s.candidate).unwrap_or_default();
            Placed {
                place,
                candidate: s.candidate,
                score: s.score,
                mean: s.mean,
                item_means: s.item_means,
                totals,
                dropped,
            }
        })
        .collect())
}

/// Indices (into `sheets`) of counted sheets far from the other experts' totals of their candidate.
pub fn outlier_sheets(rubric: &Rubric, sheets: &[RankedSheet<'_>]) -> Vec<usize> {
    let mut candidates: Vec<i32> = sheets.iter().map(|s| s.candidate).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    for c in candidates {
        let at: Vec<usize> = (0..sheets.len())
            .filter(|&i| sheets[i].candidate == c && sheets[i].counts)
            .collect();
        let totals: Vec<Tenths> = at
            .iter()
            .map(|&i| rubric.total(sheets[i].values).0)
            .collect();
        out.extend(outliers(&totals).into_iter().map(|k| at[k]));
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::defense_rubric;

    fn values(t: [i32; 5]) -> BTreeMap<String, Tenths> {
        ["skill", "innovation", "mentoring", "unit", "plan"]
            .iter()
            .zip(t)
            .map(|(k, v)| ((*k).to_owned(), Tenths::from_tenths(v)))
            .collect()
    }

    #[test]
    fn counted_sheets_rank_with_item_means_and_dropped_experts() {
        let rubric = defense_rubric();
        let a = [
            values([200, 150, 150, 100, 150]), // 75.0
            values([250, 200, 200, 150, 200]), // 100.0: dropped (highest)
            values([150, 100, 100, 100, 100]), // 55.0: dropped (lowest)
            values([200, 200, 150, 100, 150]), // 80.0
            values([200, 150, 200, 100, 150]), // 80.0
        ];
        let b = values([150, 150, 150, 150, 150]); // 75.0
        let mut sheets: Vec<RankedSheet<'_>> = a
            .iter()
            .enumerate()
            .map(|(i, v)| RankedSheet {
                candidate: 1,
                expert: 10 + i32::try_from(i).unwrap_or(0),
                counts: true,
                values: v,
            })
            .collect();
        sheets.push(RankedSheet {
            candidate: 2,
            expert: 10,
            counts: true,
            values: &b,
        });
        // A recused sheet never counts.
        sheets.push(RankedSheet {
            candidate: 2,
            expert: 11,
            counts: false,
            values: &a[1],
        });
        let cands = [
            RankingCandidate {
                id: 2,
                channel_rank: Some(1),
            },
            RankingCandidate {
                id: 1,
                channel_rank: Some(2),
            },
        ];
        let placed = rank_sheets(
            &rubric,
            Aggregation::default(),
            &[],
            &cands,
            &[10, 11, 12, 13, 14],
            &sheets,
        )
        .expect("ranked");
        assert_eq!(placed[0].candidate, 1);
        assert_eq!(placed[0].score, Tenths::from_tenths(783)); // 2350 / 3 = 783.3 tenths
        assert_eq!(placed[0].dropped, [11, 12]);
        assert_eq!(placed[0].item_means["skill"], Tenths::points(20));
        assert_eq!(placed[1].candidate, 2);
        assert_eq!(placed[1].totals[1], (11, None));
        assert_eq!((placed[0].place, placed[1].place), (1, 2));
        let none = [RankingCandidate {
            id: 3,
            channel_rank: None,
        }];
        assert_eq!(
            rank_sheets(&rubric, Aggregation::Mean, &[], &none, &[10], &sheets),
            Err(Unranked { candidate: 3 })
        );
    }
}
