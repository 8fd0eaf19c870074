//! Accounts bound to a unit or organisation, sessions, login throttling, and the append-only,
//! hash-chained audit trail (第十九条). `prev_hash` is UNIQUE: the chain cannot fork.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    Role,
    UnitId,
    OrgId,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    TokenHash,
    UserId,
    CsrfToken,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    FirstFailureAt,
    BlockedUntil,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Seq,
    At,
    ActorId,
    Actor,
    Role,
    Action,
    ObjectType,
    ObjectId,
    Before,
    After,
    Reason,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Org {
    Table,
    Id,
}

const ROLES: &str = "'applicant', 'recommender', 'hrss_admin', 'expert', 'finance'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserAccount::Table)
                    .col(pk_auto(UserAccount::Id))
                    .col(string_len_uniq(UserAccount::Username, 32))
                    .col(string_len(UserAccount::DisplayName, 64))
                    .col(string_len(UserAccount::PasswordHash, 255))
                    .col(string_len(UserAccount::Role, 16).check(Expr::cust(format!("role IN ({ROLES})"))))
                    .col(integer_null(UserAccount::UnitId))
                    .col(integer_null(UserAccount::OrgId))
                    .col(boolean(UserAccount::Disabled).default(false))
                    .col(timestamp_with_time_zone(UserAccount::CreatedAt))
                    .check(Expr::cust(
                        "(role = 'applicant' AND unit_id IS NOT NULL AND org_id IS NULL) \
                         OR (role = 'recommender' AND org_id IS NOT NULL AND unit_id IS NULL) \
                         OR (role IN ('hrss_admin', 'expert', 'finance') AND unit_id IS NULL AND org_id IS NULL)",
                    ))
                    .foreign_key(ForeignKey::create().from(UserAccount::Table, UserAccount::UnitId).to(Unit::Table, Unit::Id))
                    .foreign_key(ForeignKey::create().from(UserAccount::Table, UserAccount::OrgId).to(Org::Table, Org::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::TokenHash, 64).primary_key())
                    .col(integer(Session::UserId))
                    .col(string_len(Session::CsrfToken, 64))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Key, 160).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone(LoginThrottle::FirstFailureAt))
                    .col(timestamp_with_time_zone_null(LoginThrottle::BlockedUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Seq))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Actor, 64))
                    .col(string_len_null(AuditLog::Role, 16))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::ObjectType, 32))
                    .col(string_len(AuditLog::ObjectId, 64))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .col(text_null(AuditLog::Reason))
                    .col(string_len_uniq(AuditLog::PrevHash, 64))
                    .col(string_len_uniq(AuditLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_object")
                    .table(AuditLog::Table)
                    .col(AuditLog::ObjectType)
                    .col(AuditLog::ObjectId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            Session::Table.into_iden(),
            UserAccount::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
