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

/// An expert's affiliations as HRSS records them: each a unit or an organisation (not both), not
/// ending before it starts; at most 50. Every bad entry is named.
pub fn check_affiliations(list: &[Affiliation]) -> Vec<crate::wire::FieldError> {
    use crate::wire::FieldError;
    let mut errors = Vec::new();
    for (i, a) in list.iter().enumerate() {
        if a.unit_id.is_some() == a.org_id.is_some() {
            errors.push(FieldError::new(
                format!("[{i}]"),
                "每条须填写单位或组织之一",
                "give a unit or an organisation",
            ));
        }
        if a.until.is_some_and(|u| u < a.from) {
            errors.push(FieldError::new(
                format!("[{i}].until"),
                "结束日期不能早于开始日期",
                "ends before it starts",
            ));
        }
    }
    if list.len() > 50 {
        errors.push(FieldError::new("[]", "最多 50 条", "at most 50"));
    }
    errors
}

/// Years back an employment still conflicts.
pub const CONFLICT_YEARS: i32 = 3;

/// Whether an employment still counts for conflicts on `today`: current, or ended within the last
/// 3 years; an organisation counts while the expert belongs to it.
pub fn in_look_back(a: &Affiliation, today: NaiveDate) -> bool {
    if a.org_id.is_some() {
        return a.until.is_none();
    }
    let since = crate::calendar::anniversary(today, -CONFLICT_YEARS);
    a.until.is_none_or(|u| u >= since)
}

/// Why an expert may not score a candidate, if they may not: employed by the candidate's unit now
/// or within the last 3 years, or belonging to its recommending organisation.
pub fn conflict(
    affiliations: &[Affiliation],
    candidate_unit: i32,
    candidate_org: Option<i32>,
    today: NaiveDate,
) -> Option<String> {
    for a in affiliations {
        if a.unit_id == Some(candidate_unit) && in_look_back(a, today) {
            return Some(if a.until.is_none() {
                "评审专家现任职于申报单位".into()
            } else {
                "评审专家近 3 年内曾任职于申报单位".into()
            });
        }
        if a.org_id.is_some() && a.org_id == candidate_org && in_look_back(a, today) {
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
