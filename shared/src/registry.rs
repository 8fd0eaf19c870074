//! The unit registry HRSS keeps: each host unit's credit code (GB 32100), kind, affiliation and
//! place, the system (集团) it belongs to, and the organisation that recommends it
//! (第十一条（一）), checked here so the server and the page agree.

use crate::channel::{Affiliation, Channel, channel};
use crate::eligibility::UnitKind;
use crate::geo::City;
use crate::identity::CreditCode;
use crate::wire::FieldError;
use serde::{Deserialize, Serialize};

/// What kind of organisation recommends (or, for HRSS, decides).
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
pub enum OrgKind {
    Hrss,
    CityBureau,
    RegionalDepartment,
    EducationDepartment,
    Sasac,
}

/// An organisation as the registry offers it for a unit's channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgOption {
    pub id: i32,
    pub name: String,
    pub kind: OrgKind,
    pub city: Option<City>,
}

impl OrgOption {
    /// Whether this organisation is the one `channel` names (any department for a
    /// department-affiliated unit).
    pub fn serves(&self, channel: Channel) -> bool {
        match channel {
            Channel::CityBureau { city } => {
                self.kind == OrgKind::CityBureau && self.city == Some(city)
            }
            Channel::RegionalDepartment => self.kind == OrgKind::RegionalDepartment,
            Channel::EducationDepartment => self.kind == OrgKind::EducationDepartment,
            Channel::Sasac => self.kind == OrgKind::Sasac,
            Channel::HrssDirect => false,
        }
    }
}

/// A unit as HRSS registers or edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitInput {
    /// 统一社会信用代码 (GB 32100).
    pub credit_code: String,
    pub name: String,
    pub kind: UnitKind,
    pub affiliation: Affiliation,
    /// The county-level division (GB/T 2260), which also gives the city.
    pub county_code: u32,
    /// 所属系统（集团）, for 第十六条（二）'s host changes; empty when none.
    #[serde(default)]
    pub group_name: String,
    /// The recommending organisation; may be left out where the affiliation names exactly one.
    #[serde(default)]
    pub channel_org_id: Option<i32>,
}

/// A unit on the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub id: i32,
    pub credit_code: String,
    pub name: String,
    pub kind: UnitKind,
    pub affiliation: Affiliation,
    pub city: City,
    pub county_code: u32,
    pub county: String,
    pub group_name: String,
    pub channel: Channel,
    pub channel_org_id: Option<i32>,
    pub channel_name: String,
}

/// The county's name, if `code` is one of Ningxia's 22.
pub fn county_name(code: u32) -> Option<&'static str> {
    City::of_county(code)?
        .counties()
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

impl UnitView {
    /// The unit as its form edits it.
    pub fn input(&self) -> UnitInput {
        UnitInput {
            credit_code: self.credit_code.clone(),
            name: self.name.clone(),
            kind: self.kind,
            affiliation: self.affiliation,
            county_code: self.county_code,
            group_name: self.group_name.clone(),
            channel_org_id: self.channel_org_id,
        }
    }
}

impl UnitInput {
    /// Every bad field at once; on success the channel (第十一条（一）) and its organisation, chosen
    /// or, where there is exactly one, found.
    pub fn check(&self, orgs: &[OrgOption]) -> Result<(Channel, Option<i32>), Vec<FieldError>> {
        let mut e = Vec::new();
        if let Err(err) = CreditCode::parse(&self.credit_code) {
            e.push(FieldError::new("credit_code", err.zh, err.en));
        }
        let name = self.name.trim().chars().count();
        if name == 0 || name > 128 {
            e.push(FieldError::new(
                "name",
                "请填写单位名称（最多 128 字）",
                "enter the unit's name (at most 128 characters)",
            ));
        }
        if self.group_name.chars().count() > 128 {
            e.push(FieldError::new(
                "group_name",
                "所属系统（集团）最多 128 字",
                "at most 128 characters",
            ));
        }
        let Some(city) = City::of_county(self.county_code) else {
            e.push(FieldError::new(
                "county_code",
                "不是宁夏的县级行政区划代码",
                "not a county-level division of Ningxia",
            ));
            return Err(e);
        };
        let ch = channel(self.affiliation, city);
        let serving: Vec<&OrgOption> = orgs.iter().filter(|o| o.serves(ch)).collect();
        let org = match (ch, self.channel_org_id) {
            (Channel::HrssDirect, None) => None,
            (Channel::HrssDirect, Some(_)) => {
                e.push(FieldError::new(
                    "channel_org_id",
                    "中央驻宁事业单位直接向自治区人社厅申报，不经推荐单位",
                    "central public institutions apply to HRSS directly, without a channel",
                ));
                None
            }
            (_, Some(id)) if serving.iter().any(|o| o.id == id) => Some(id),
            (_, Some(_)) => {
                e.push(FieldError::new(
                    "channel_org_id",
                    format!("推荐单位须是“{}”", ch.label_zh()),
                    "the channel must be the one the affiliation and city name",
                ));
                None
            }
            (_, None) if serving.len() == 1 => Some(serving[0].id),
            (_, None) => {
                e.push(FieldError::new(
                    "channel_org_id",
                    format!("请选择推荐单位（{}）", ch.label_zh()),
                    "choose the recommending organisation",
                ));
                None
            }
        };
        if e.is_empty() { Ok((ch, org)) } else { Err(e) }
    }
}

/// A unit as a picker offers it (any signed-in user: the host-change form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOption {
    pub id: i32,
    pub name: String,
    pub credit_code: String,
    pub city: City,
    pub county: String,
}

/// Where an expert works or worked, named, and whether it still counts for conflicts of interest
/// (employment within 3 years, 第十一条（三） as `scoring::conflict` reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AffiliationView {
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    /// The unit's name and credit code, or the organisation's name.
    pub place: String,
    pub from: chrono::NaiveDate,
    pub until: Option<chrono::NaiveDate>,
    pub in_look_back: bool,
}

/// An expert on the roster as HRSS and the city bureaus see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertView {
    pub id: i32,
    pub username: String,
    pub name: String,
    /// Masked (first 6 and last 4 shown).
    pub id_number: String,
    pub occupation_group: String,
    pub disabled: bool,
    pub affiliations: Vec<AffiliationView>,
    /// The caller's studios this expert may not assess (their unit within 3 years, or the
    /// caller's own organisation), named.
    pub conflicts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs() -> Vec<OrgOption> {
        let o = |id, kind, city| OrgOption {
            id,
            name: format!("org {id}"),
            kind,
            city,
        };
        vec![
            o(1, OrgKind::Hrss, None),
            o(2, OrgKind::CityBureau, Some(City::Yinchuan)),
            o(3, OrgKind::CityBureau, Some(City::Guyuan)),
            o(4, OrgKind::RegionalDepartment, None),
            o(5, OrgKind::RegionalDepartment, None),
            o(6, OrgKind::Sasac, None),
        ]
    }

    fn unit(affiliation: Affiliation, county: u32, org: Option<i32>) -> UnitInput {
        UnitInput {
            credit_code: "91350100M000100Y43".into(),
            name: "示例单位".into(),
            kind: UnitKind::Enterprise,
            affiliation,
            county_code: county,
            group_name: String::new(),
            channel_org_id: org,
        }
    }

    fn fields(r: Result<(Channel, Option<i32>), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_local_unit_is_routed_to_its_citys_bureau() {
        let r = unit(Affiliation::Local, 640402, None).check(&orgs());
        assert_eq!(r, Ok((Channel::CityBureau { city: City::Guyuan }, Some(3))));
        // Another city's bureau is refused, naming the field.
        assert_eq!(
            fields(unit(Affiliation::Local, 640402, Some(2)).check(&orgs())),
            ["channel_org_id"]
        );
    }

    #[test]
    fn a_department_affiliate_names_its_department_and_hrss_direct_names_none() {
        let dept = |org| unit(Affiliation::RegionalDepartmentAffiliate, 640104, org);
        assert_eq!(fields(dept(None).check(&orgs())), ["channel_org_id"]);
        assert_eq!(
            dept(Some(5)).check(&orgs()),
            Ok((Channel::RegionalDepartment, Some(5)))
        );
        let direct = |org| unit(Affiliation::CentralPublicInstitution, 640104, org);
        assert_eq!(direct(None).check(&orgs()), Ok((Channel::HrssDirect, None)));
        assert_eq!(fields(direct(Some(1)).check(&orgs())), ["channel_org_id"]);
    }

    #[test]
    fn a_bad_credit_code_name_and_county_are_all_named() {
        let mut u = unit(Affiliation::Local, 999999, None);
        u.credit_code = "91350100M000100Y44".into();
        u.name = " ".into();
        assert_eq!(
            fields(u.check(&orgs())),
            ["credit_code", "name", "county_code"]
        );
        assert_eq!(county_name(640522), Some("海原县"));
        assert_eq!(county_name(640599), None);
    }
}
