//! 第十一条（三）'s impartial review: when an expert may not score a candidate.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an expert works or worked: a unit, or an organisation (a recommending channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Affiliation {
    #[serde(default)]
    pub unit_id: Option<i32>,
    #[serde(default)]
    pub org_id: Option<i32>,
    pub from: NaiveDate,
    /// `None` while still there.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// Years back an employment still conflicts.
pub const CONFLICT_YEARS: i32 = 3;

/// Why an expert may not score a candidate, if they may not: employed by the candidate's unit now
/// or within the last 3 years, or belonging to its recommending organisation.
pub fn conflict(
    affiliations: &[Affiliation],
    candidate_unit: i32,
    candidate_org: Option<i32>,
    today: NaiveDate,
) -> Option<String> {
    let since = crate::calendar::anniversary(today, -CONFLICT_YEARS);
    for a in affiliations {
        let recent = a.until.is_none_or(|u| u >= since);
        if a.unit_id == Some(candidate_unit) && recent {
            return Some(if a.until.is_none() {
                "评审专家现任职于申报单位".into()
            } else {
                "评审专家近 3 年内曾任职于申报单位".into()
            });
        }
        if a.org_id.is_some() && a.org_id == candidate_org && a.until.is_none() {
            return Some("评审专家属于该申报的推荐单位".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_cover_three_years_and_the_channel() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("a value");
        let today = d(2026, 10, 15);
        let past = |until| Affiliation {
            unit_id: Some(7),
            org_id: None,
            from: d(2010, 1, 1),
            until: Some(until),
        };
        assert!(conflict(&[past(d(2023, 10, 15))], 7, None, today).is_some());
        assert!(conflict(&[past(d(2023, 10, 14))], 7, None, today).is_none());
        assert!(conflict(&[past(d(2025, 1, 1))], 8, None, today).is_none());
        let org = Affiliation {
            unit_id: None,
            org_id: Some(3),
            from: d(2020, 1, 1),
            until: None,
        };
        assert!(conflict(std::slice::from_ref(&org), 8, Some(3), today).is_some());
        assert!(conflict(&[org], 8, Some(4), today).is_none());
    }
}
