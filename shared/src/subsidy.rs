//! 第五章 第十二条: the one-time subsidy each approved studio is entitled to, in integer fen.

use crate::money::Fen;
use crate::{Level, NationalCategory};

/// 第十二条: national manufacturing ¥300,000; national services ¥200,000; national other ¥100,000;
/// regional ¥100,000. `None` for a national studio without a category (it cannot be approved).
pub fn entitlement(level: Level, category: Option<NationalCategory>) -> Option<Fen> {
    match (level, category) {
        (Level::Regional, _) => Some(Fen::yuan(100_000)),
        (Level::National, Some(NationalCategory::Manufacturing)) => Some(Fen::yuan(300_000)),
        (Level::National, Some(NationalCategory::Services)) => Some(Fen::yuan(200_000)),
        (Level::National, Some(NationalCategory::Other)) => Some(Fen::yuan(100_000)),
        (Level::National, None) => None,
    }
}

/// 第十三条: what the subsidy is used for (an open list: "主要用于…等").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
pub enum Purpose {
    /// 设施设备材料购置
    EquipmentAndMaterials,
    /// 技能交流推广
    SkillExchange,
    /// 其他
    Other,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [
        Purpose::EquipmentAndMaterials,
        Purpose::SkillExchange,
        Purpose::Other,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            Purpose::EquipmentAndMaterials => "设施设备材料购置",
            Purpose::SkillExchange => "技能交流推广",
            Purpose::Other => "其他",
        }
    }
    /// The English label of [`Purpose::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            Purpose::EquipmentAndMaterials => "Facilities, equipment and materials",
            Purpose::SkillExchange => "Skill exchange and promotion",
            Purpose::Other => "Other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entitlement_follows_article_12() {
        assert_eq!(
            entitlement(Level::National, Some(NationalCategory::Manufacturing)),
            Some(Fen::from_fen(30_000_000))
        );
        assert_eq!(
            entitlement(Level::National, Some(NationalCategory::Services)),
            Some(Fen::from_fen(20_000_000))
        );
        assert_eq!(
            entitlement(Level::National, Some(NationalCategory::Other)),
            Some(Fen::from_fen(10_000_000))
        );
        assert_eq!(
            entitlement(Level::Regional, None),
            Some(Fen::from_fen(10_000_000))
        );
        assert_eq!(
            entitlement(Level::Regional, Some(NationalCategory::Manufacturing)),
            Some(Fen::from_fen(10_000_000))
        );
        assert_eq!(entitlement(Level::National, None), None);
    }
}
