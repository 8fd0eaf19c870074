//! 第十一条（一）: which organisation organises and recommends a unit's application.

use crate::geo::City;
use serde::{Deserialize, Serialize};

/// What a unit is, for routing (domain brief §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "sea-orm",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum Affiliation {
    /// 各地企事业单位（含技工院校）: local enterprise, public institution or technical school.
    Local,
    /// 自治区相关厅局委办直属单位
    RegionalDepartmentAffiliate,
    /// 自治区职业院校
    RegionalVocationalCollege,
    /// 自治区国有企业
    RegionalStateOwnedEnterprise,
    /// 中央驻宁企业
    CentralEnterprise,
    /// 中央驻宁事业单位
    CentralPublicInstitution,
}

impl Affiliation {
    pub const ALL: [Affiliation; 6] = [
        Affiliation::Local,
        Affiliation::RegionalDepartmentAffiliate,
        Affiliation::RegionalVocationalCollege,
        Affiliation::RegionalStateOwnedEnterprise,
        Affiliation::CentralEnterprise,
        Affiliation::CentralPublicInstitution,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            Affiliation::Local => "各地企事业单位（含技工院校）",
            Affiliation::RegionalDepartmentAffiliate => "自治区厅局委办直属单位",
            Affiliation::RegionalVocationalCollege => "自治区职业院校",
            Affiliation::RegionalStateOwnedEnterprise => "自治区国有企业",
            Affiliation::CentralEnterprise => "中央驻宁企业",
            Affiliation::CentralPublicInstitution => "中央驻宁事业单位",
        }
    }
    /// The English label of [`Affiliation::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            Affiliation::Local => {
                "local enterprise or public institution (incl. technical schools)"
            }
            Affiliation::RegionalDepartmentAffiliate => "unit directly under a regional department",
            Affiliation::RegionalVocationalCollege => "regional vocational college",
            Affiliation::RegionalStateOwnedEnterprise => "regional state-owned enterprise",
            Affiliation::CentralEnterprise => "central enterprise in Ningxia",
            Affiliation::CentralPublicInstitution => "central public institution in Ningxia",
        }
    }
}

/// The recommending channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Channel {
    /// The HRSS bureau of the unit's city (属地).
    CityBureau { city: City },
    /// The regional department the unit is directly under.
    RegionalDepartment,
    /// 自治区教育厅
    EducationDepartment,
    /// 自治区国资委
    Sasac,
    /// Straight to regional HRSS: no channel ranking, no Party-group meeting.
    HrssDirect,
}

impl Channel {
    pub fn label_zh(self) -> String {
        match self {
            Channel::CityBureau { city } => format!("{}人力资源和社会保障局", city.label_zh()),
            Channel::RegionalDepartment => "自治区主管厅局委办".into(),
            Channel::EducationDepartment => "自治区教育厅".into(),
            Channel::Sasac => "自治区国资委".into(),
            Channel::HrssDirect => "自治区人力资源和社会保障厅（直报）".into(),
        }
    }

    /// The English label of [`Channel::label_zh`].
    pub fn label_en(self) -> String {
        match self {
            Channel::CityBureau { city } => {
                format!(
                    "{} Human Resources and Social Security Bureau",
                    city.label_en()
                )
            }
            Channel::RegionalDepartment => "supervising regional department".into(),
            Channel::EducationDepartment => "Regional Department of Education".into(),
            Channel::Sasac => {
                "Regional State-owned Assets Supervision and Administration Commission".into()
            }
            Channel::HrssDirect => {
                "Regional Department of Human Resources and Social Security (direct submission)"
                    .into()
            }
        }
    }

    /// 第十一条（二）: whether the channel itself reviews, ranks and records a Party-group meeting.
    pub fn has_preliminary_review(self) -> bool {
        self != Channel::HrssDirect
    }
}

/// 第十一条（一）: 属地 for local units; the supervising department, Education or SASAC otherwise;
/// central public institutions report directly to regional HRSS.
pub fn channel(affiliation: Affiliation, city: City) -> Channel {
    match affiliation {
        Affiliation::Local => Channel::CityBureau { city },
        Affiliation::RegionalDepartmentAffiliate => Channel::RegionalDepartment,
        Affiliation::RegionalVocationalCollege => Channel::EducationDepartment,
        Affiliation::RegionalStateOwnedEnterprise | Affiliation::CentralEnterprise => {
            Channel::Sasac
        }
        Affiliation::CentralPublicInstitution => Channel::HrssDirect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_affiliation_routes_as_article_11_says() {
        let c = City::Guyuan;
        assert_eq!(
            channel(Affiliation::Local, c),
            Channel::CityBureau { city: City::Guyuan }
        );
        assert_eq!(
            channel(Affiliation::RegionalDepartmentAffiliate, c),
            Channel::RegionalDepartment
        );
        assert_eq!(
            channel(Affiliation::RegionalVocationalCollege, c),
            Channel::EducationDepartment
        );
        assert_eq!(
            channel(Affiliation::RegionalStateOwnedEnterprise, c),
            Channel::Sasac
        );
        assert_eq!(channel(Affiliation::CentralEnterprise, c), Channel::Sasac);
        assert_eq!(
            channel(Affiliation::CentralPublicInstitution, c),
            Channel::HrssDirect
        );
        assert!(!Channel::HrssDirect.has_preliminary_review());
        assert!(Channel::Sasac.has_preliminary_review());
    }
}
