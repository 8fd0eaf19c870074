//! The rows an import reads in bulk and writes.

use crate::entity::{studio, unit, user_account};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Every unit's id and credit code.
pub async fn unit_codes<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, DbErr> {
    unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .column(unit::Column::CreditCode)
        .order_by_asc(unit::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Every studio.
pub async fn studios<C: ConnectionTrait>(db: &C) -> Result<Vec<studio::Model>, DbErr> {
    studio::Entity::find()
        .order_by_asc(studio::Column::Id)
        .all(db)
        .await
}

/// The enabled (or, with `all`, every) expert account.
pub async fn experts<C: ConnectionTrait>(
    db: &C,
    all: bool,
) -> Result<Vec<user_account::Model>, DbErr> {
    let mut q = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(shared::account::Role::Expert));
    if !all {
        q = q.filter(user_account::Column::Disabled.eq(false));
    }
    q.order_by_asc(user_account::Column::DisplayName)
        .all(db)
        .await
}

/// Units whose name or credit code contains `needle` (upper-cased), at most `limit`.
pub async fn find_units<C: ConnectionTrait>(
    db: &C,
    needle: &str,
    limit: u64,
) -> Result<Vec<unit::Model>, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let pattern = format!(
        "%{}%",
        needle
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let like = |col: unit::Column| {
        Expr::expr(Func::upper(Expr::col(col)))
            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\'))
    };
    unit::Entity::find()
        .filter(like(unit::Column::Name).or(like(unit::Column::CreditCode)))
        .order_by_asc(unit::Column::Name)
        .limit(limit)
        .all(db)
        .await
}

pub async fn insert<C: ConnectionTrait, A>(
    db: &C,
    row: A,
) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.insert(db).await
}

pub async fn update<C: ConnectionTrait, A>(
    db: &C,
    row: A,
) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.update(db).await
}
