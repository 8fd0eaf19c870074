//! 属地: Ningxia's five prefecture-level cities and their 22 county-level divisions (GB/T 2260).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
pub enum City {
    Yinchuan,
    Shizuishan,
    Wuzhong,
    Guyuan,
    Zhongwei,
}

impl City {
    pub const ALL: [City; 5] = [
        City::Yinchuan,
        City::Shizuishan,
        City::Wuzhong,
        City::Guyuan,
        City::Zhongwei,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            City::Yinchuan => "银川市",
            City::Shizuishan => "石嘴山市",
            City::Wuzhong => "吴忠市",
            City::Guyuan => "固原市",
            City::Zhongwei => "中卫市",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            City::Yinchuan => "Yinchuan",
            City::Shizuishan => "Shizuishan",
            City::Wuzhong => "Wuzhong",
            City::Guyuan => "Guyuan",
            City::Zhongwei => "Zhongwei",
        }
    }

    /// GB/T 2260 code.
    pub fn code(self) -> u32 {
        match self {
            City::Yinchuan => 640100,
            City::Shizuishan => 640200,
            City::Wuzhong => 640300,
            City::Guyuan => 640400,
            City::Zhongwei => 640500,
        }
    }

    /// County-level divisions: (GB/T 2260 code, name).
    pub fn counties(self) -> &'static [(u32, &'static str)] {
        match self {
            City::Yinchuan => &[
                (640104, "兴庆区"),
                (640105, "西夏区"),
                (640106, "金凤区"),
                (640121, "永宁县"),
                (640122, "贺兰县"),
                (640181, "灵武市"),
            ],
            City::Shizuishan => &[(640202, "大武口区"), (640205, "惠农区"), (640221, "平罗县")],
            City::Wuzhong => &[
                (640302, "利通区"),
                (640303, "红寺堡区"),
                (640323, "盐池县"),
                (640324, "同心县"),
                (640381, "青铜峡市"),
            ],
            City::Guyuan => &[
                (640402, "原州区"),
                (640422, "西吉县"),
                (640423, "隆德县"),
                (640424, "泾源县"),
                (640425, "彭阳县"),
            ],
            City::Zhongwei => &[(640502, "沙坡头区"), (640521, "中宁县"), (640522, "海原县")],
        }
    }

    /// The city a county code belongs to.
    pub fn of_county(code: u32) -> Option<City> {
        City::ALL
            .into_iter()
            .find(|c| c.counties().iter().any(|(k, _)| *k == code))
    }
}

#[cfg(test)]
mod tests {
    use super::City;

    #[test]
    fn ningxia_has_five_cities_and_twenty_two_counties() {
        let n: usize = City::ALL.iter().map(|c| c.counties().len()).sum();
        assert_eq!(n, 22);
        assert_eq!(City::of_county(640522), Some(City::Zhongwei));
        assert_eq!(City::of_county(110101), None);
    }
}
