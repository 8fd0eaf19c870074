//! How a panel's experts' totals become a candidate's score (mean or trimmed mean, in integer
//! tenths), the order of candidates with declared tie-breakers, and outlying totals.

use crate::Tenths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a panel's experts' totals become the candidate's score, declared before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Aggregation {
    Mean,
    /// Drop one highest and one lowest total when at least `min_experts` totals count.
    TrimmedMean {
        min_experts: u32,
    },
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation::TrimmedMean { min_experts: 5 }
    }
}

impl Aggregation {
    pub fn label_zh(self) -> String {
        match self {
            Aggregation::Mean => "算术平均".into(),
            Aggregation::TrimmedMean { min_experts } => {
                format!("去掉一个最高分和一个最低分后平均（{min_experts} 人及以上时）")
            }
        }
    }

    /// The English label of [`Aggregation::label_zh`].
    pub fn label_en(self) -> String {
        match self {
            Aggregation::Mean => "arithmetic mean".into(),
            Aggregation::TrimmedMean { min_experts } => format!(
                "mean after dropping the highest and the lowest score (with {min_experts} or more experts)"
            ),
        }
    }
}

/// The aggregate of one candidate: the score and which experts' totals were dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Aggregate {
    /// The mean shown, in tenths (rounded half up); grades are taken on `mean`.
    pub score: Tenths,
    /// The exact mean of the counted totals.
    pub mean: crate::assessment::Mean,
    /// Indices (into the totals given) that were dropped by the trimmed mean.
    pub dropped: Vec<usize>,
    pub counted: usize,
}

/// Aggregates the counted totals (recused and unsigned sheets are left out by the caller). The
/// highest and lowest dropped are the first of equal values, so the choice is stable.
pub fn aggregate(totals: &[Tenths], how: Aggregation) -> Option<Aggregate> {
    if totals.is_empty() {
        return None;
    }
    let n = totals.len();
    let mut dropped = Vec::new();
    if let Aggregation::TrimmedMean { min_experts } = how
        && n >= usize::try_from(min_experts.max(3)).unwrap_or(usize::MAX)
    {
        let hi = (0..n).max_by_key(|&i| (totals[i], std::cmp::Reverse(i)))?;
        let lo = (0..n)
            .filter(|&i| i != hi)
            .min_by_key(|&i| (totals[i], i))?;
        dropped = vec![hi, lo];
        dropped.sort_unstable();
    }
    let counted: Vec<i64> = (0..n)
        .filter(|i| !dropped.contains(i))
        .map(|i| i64::from(totals[i].tenths()))
        .collect();
    let exact = crate::assessment::Mean {
        sum: counted.iter().sum(),
        count: i64::try_from(counted.len()).unwrap_or(1),
    };
    Some(Aggregate {
        score: exact.rounded(),
        mean: exact,
        dropped,
        counted: counted.len(),
    })
}

/// What breaks a tie between equal aggregates, in the panel's declared order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "by", content = "item")]
pub enum TieBreaker {
    /// The higher mean on this rubric item.
    Item(String),
    /// The better (lower) rank on the channel's recommendation list.
    ChannelRank,
}

/// One candidate's figures for ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing {
    pub candidate: i32,
    /// The mean shown (tenths).
    pub score: Tenths,
    /// The exact mean, which ranks (the shown one is rounded).
    pub mean: crate::assessment::Mean,
    /// Mean per item of the counted sheets (tenths, rounded half up).
    pub item_means: BTreeMap<String, Tenths>,
    pub channel_rank: Option<u32>,
}

/// Orders candidates best first: the exact mean (never the rounded figure), then each
/// tie-breaker in turn, then the candidate id (the last resort is stated on the ranking so nobody
/// reads it as a judgement). Returns the positions, equal only when every declared tie-breaker is
/// equal too.
pub fn rank(standings: &mut [Standing], breakers: &[TieBreaker]) -> Vec<u32> {
    let better = |a: &Standing, b: &Standing| -> std::cmp::Ordering {
        // Higher mean first: compare a.sum/a.count with b.sum/b.count without dividing.
        let by_mean = (i128::from(b.mean.sum) * i128::from(a.mean.count.max(1)))
            .cmp(&(i128::from(a.mean.sum) * i128::from(b.mean.count.max(1))));
        breakers.iter().fold(by_mean, |order, br| {
            order.then_with(|| match br {
                TieBreaker::Item(item) => {
                    let m = |s: &Standing| s.item_means.get(item).map_or(0, |t| t.tenths());
                    m(b).cmp(&m(a))
                }
                TieBreaker::ChannelRank => a
                    .channel_rank
                    .map_or(u64::MAX, u64::from)
                    .cmp(&b.channel_rank.map_or(u64::MAX, u64::from)),
            })
        })
    };
    standings.sort_by(|a, b| better(a, b).then(a.candidate.cmp(&b.candidate)));
    let mut positions = Vec::with_capacity(standings.len());
    for i in 0..standings.len() {
        let p = if i > 0 && better(&standings[i], &standings[i - 1]).is_eq() {
            positions[i - 1]
        } else {
            u32::try_from(i + 1).unwrap_or(u32::MAX)
        };
        positions.push(p);
    }
    positions
}

/// A total this far (or further) from the median of the other experts' totals is flagged.
pub const OUTLIER_DISTANCE: Tenths = Tenths::points(15);

/// Indices of totals far from the median of the others (needs at least 3 totals).
pub fn outliers(totals: &[Tenths]) -> Vec<usize> {
    if totals.len() < 3 {
        return Vec::new();
    }
    (0..totals.len())
        .filter(|&i| {
            let mut others: Vec<i32> = (0..totals.len())
                .filter(|&j| j != i)
                .map(|j| totals[j].tenths())
                .collect();
            others.sort_unstable();
            let m = others.len();
            // Twice the median, to stay in integers.
            let twice_median = if m % 2 == 1 {
                2 * others[m / 2]
            } else {
                others[m / 2 - 1] + others[m / 2]
            };
            (2 * totals[i].tenths() - twice_median).abs() >= 2 * OUTLIER_DISTANCE.tenths()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[i32]) -> Vec<Tenths> {
        v.iter().map(|p| Tenths::from_tenths(*p)).collect()
    }

    #[test]
    fn trimmed_mean_drops_one_highest_and_one_lowest_from_five() {
        let a = aggregate(&t(&[800, 850, 900, 700, 950]), Aggregation::default()).expect("a value");
        assert_eq!(a.dropped, vec![3, 4]);
        assert_eq!(a.score, Tenths::from_tenths(850));
        assert_eq!(a.counted, 3);
    }

    #[test]
    fn trimmed_mean_with_four_experts_is_the_plain_mean() {
        let a = aggregate(&t(&[800, 855, 900, 700]), Aggregation::default()).expect("a value");
        assert!(a.dropped.is_empty());
        // 3255 / 4 = 813.75 tenths, rounded half up to 814 tenths (81.4 points).
        assert_eq!(a.score, Tenths::from_tenths(814));
    }

    #[test]
    fn equal_extremes_drop_one_each_and_stay_stable() {
        let a = aggregate(&t(&[900, 900, 800, 800, 850]), Aggregation::default()).expect("a value");
        assert_eq!(a.dropped, vec![0, 2]);
        assert_eq!(a.score, Tenths::from_tenths(850));
    }

    #[test]
    fn mean_rounds_half_up_in_tenths() {
        assert_eq!(
            aggregate(&t(&[851, 852]), Aggregation::Mean)
                .expect("a value")
                .score,
            Tenths::from_tenths(852)
        );
        assert_eq!(
            aggregate(&t(&[850, 851, 851]), Aggregation::Mean)
                .expect("a value")
                .score,
            Tenths::from_tenths(851)
        );
        assert!(aggregate(&[], Aggregation::Mean).is_none());
    }

    #[test]
    fn ties_follow_the_declared_breakers_then_share_a_place() {
        let s = |c, score: i32, skill, rank| Standing {
            candidate: c,
            score: Tenths::from_tenths(score),
            mean: crate::assessment::Mean::of(Tenths::from_tenths(score)),
            item_means: BTreeMap::from([("skill".to_owned(), Tenths::from_tenths(skill))]),
            channel_rank: rank,
        };
        let mut list = vec![
            s(1, 850, 200, Some(2)),
            s(2, 850, 220, Some(1)),
            s(3, 900, 100, None),
            s(4, 850, 220, Some(1)),
        ];
        let places = rank(
            &mut list,
            &[TieBreaker::Item("skill".into()), TieBreaker::ChannelRank],
        );
        let order: Vec<i32> = list.iter().map(|s| s.candidate).collect();
        assert_eq!(order, [3, 2, 4, 1]);
        assert_eq!(places, [1, 2, 2, 4]);
    }

    #[test]
    fn outliers_are_far_from_the_others_median() {
        assert_eq!(outliers(&t(&[850, 860, 700, 855])), vec![2]);
        assert!(outliers(&t(&[850, 700])).is_empty());
        assert!(outliers(&t(&[850, 860, 710, 855])).is_empty());
    }
}
