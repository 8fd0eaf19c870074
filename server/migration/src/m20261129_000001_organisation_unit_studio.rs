//! Organisations (recommending channels), units (hosts), approved studios, and the editable
//! holiday calendar. Enum columns are text constrained by CHECK to the `shared` enum names.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Org {
    Table,
    Id,
    Code,
    Name,
    Kind,
    City,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
    CreditCode,
    Name,
    Kind,
    Affiliation,
    City,
    CountyCode,
    ChannelOrgId,
}

#[derive(DeriveIden)]
enum Studio {
    Table,
    Id,
    PlaqueNo,
    Name,
    UnitId,
    LeaderName,
    Level,
    NationalCategory,
    Occupation,
    Industry,
    ApprovedOn,
    TermStart,
    TermEnd,
    Status,
    EntitlementFen,
}

#[derive(DeriveIden)]
enum Holiday {
    Table,
    Date,
    Kind,
    Name,
}

fn one_of(column: &str, values: &[&str]) -> Expr {
    let list = values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Expr::cust(format!("{column} IN ({list})"))
}

const CITIES: &[&str] = &["yinchuan", "shizuishan", "wuzhong", "guyuan", "zhongwei"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Org::Table)
                    .col(pk_auto(Org::Id))
                    .col(string_len_uniq(Org::Code, 64))
                    .col(string_len(Org::Name, 128))
                    .col(string_len(Org::Kind, 32).check(one_of(
                        "kind",
                        &[
                            "hrss",
                            "city_bureau",
                            "regional_department",
                            "education_department",
                            "sasac",
                        ],
                    )))
                    .col(string_len_null(Org::City, 16))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Unit::Table)
                    .col(pk_auto(Unit::Id))
                    .col(string_len_uniq(Unit::CreditCode, 18))
                    .col(string_len(Unit::Name, 128))
                    .col(
                        string_len(Unit::Kind, 16)
                            .check(one_of("kind", &["enterprise", "school", "training_base"])),
                    )
                    .col(string_len(Unit::Affiliation, 40).check(one_of(
                        "affiliation",
                        &[
                            "local",
                            "regional_department_affiliate",
                            "regional_vocational_college",
                            "regional_state_owned_enterprise",
                            "central_enterprise",
                            "central_public_institution",
                        ],
                    )))
                    .col(string_len(Unit::City, 16).check(one_of("city", CITIES)))
                    .col(integer(Unit::CountyCode))
                    .col(integer_null(Unit::ChannelOrgId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Unit::Table, Unit::ChannelOrgId)
                            .to(Org::Table, Org::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Studio::Table)
                    .col(pk_auto(Studio::Id))
                    .col(string_len_uniq(Studio::PlaqueNo, 32))
                    .col(string_len(Studio::Name, 128))
                    .col(integer(Studio::UnitId))
                    .col(string_len(Studio::LeaderName, 64))
                    .col(string_len(Studio::Level, 16).check(one_of("level", &["regional", "national"])))
                    .col(string_len_null(Studio::NationalCategory, 16))
                    .col(string_len(Studio::Occupation, 64))
                    .col(string_len(Studio::Industry, 64))
                    .col(date(Studio::ApprovedOn))
                    .col(date(Studio::TermStart))
                    .col(date(Studio::TermEnd))
                    .col(string_len(Studio::Status, 16).check(one_of(
                        "status",
                        &["building", "rectifying", "completed", "revoked", "exited"],
                    )))
                    .col(big_integer(Studio::EntitlementFen).check(Expr::cust("entitlement_fen >= 0")))
                    .check(Expr::cust(
                        "(level = 'regional' AND national_category IS NULL) OR (level = 'national' AND national_category IN ('manufacturing', 'services', 'other'))",
                    ))
                    .foreign_key(ForeignKey::create().from(Studio::Table, Studio::UnitId).to(Unit::Table, Unit::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_studio_unit")
                    .table(Studio::Table)
                    .col(Studio::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Holiday::Table)
                    .col(date(Holiday::Date).primary_key())
                    .col(string_len(Holiday::Kind, 8).check(one_of("kind", &["off", "work"])))
                    .col(string_len(Holiday::Name, 32))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Holiday::Table.into_iden(),
            Studio::Table.into_iden(),
            Unit::Table.into_iden(),
            Org::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
