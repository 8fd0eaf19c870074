//! Accounts, the audit trail's entries, holidays, units, organisations, policies and experts'
//! affiliations in the database.

use crate::entity::{
    audit_log, expert_affiliation, holiday, org, policy_setting, unit, user_account,
};
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::Role;
use shared::scoring::Affiliation;
use std::collections::HashMap;

pub async fn users<C: ConnectionTrait>(db: &C) -> Result<Vec<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .order_by_asc(user_account::Column::Id)
        .all(db)
        .await
}

pub async fn user<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find_by_id(id).one(db).await
}

pub async fn username_taken<C: ConnectionTrait>(db: &C, username: &str) -> Result<bool, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Username.eq(username))
        .one(db)
        .await?
        .is_some())
}

pub async fn active_admins<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::HrssAdmin))
        .filter(user_account::Column::Disabled.eq(false))
        .count(db)
        .await
}

pub async fn insert_user<C: ConnectionTrait>(
    db: &C,
    row: user_account::ActiveModel,
) -> Result<user_account::Model, DbErr> {
    row.insert(db).await
}

pub async fn update_user<C: ConnectionTrait>(
    db: &C,
    row: user_account::ActiveModel,
) -> Result<user_account::Model, DbErr> {
    row.update(db).await
}

pub async fn units<C: ConnectionTrait>(
    db: &C,
    city: Option<shared::geo::City>,
) -> Result<Vec<unit::Model>, DbErr> {
    let mut q = unit::Entity::find().order_by_asc(unit::Column::Id);
    if let Some(c) = city {
        q = q.filter(unit::Column::City.eq(c));
    }
    q.all(db).await
}

pub async fn unit<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<unit::Model>, DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

/// Another unit registered with `credit_code` (not `except`).
pub async fn code_taken<C: ConnectionTrait>(
    db: &C,
    credit_code: &str,
    except: Option<i32>,
) -> Result<bool, DbErr> {
    let mut q = unit::Entity::find().filter(unit::Column::CreditCode.eq(credit_code));
    if let Some(id) = except {
        q = q.filter(unit::Column::Id.ne(id));
    }
    Ok(q.one(db).await?.is_some())
}

pub async fn save_unit<C: ConnectionTrait>(
    db: &C,
    row: unit::ActiveModel,
) -> Result<unit::Model, DbErr> {
    let saved = row.save(db).await?;
    saved.try_into()
}

pub async fn orgs<C: ConnectionTrait>(db: &C) -> Result<Vec<org::Model>, DbErr> {
    org::Entity::find()
        .order_by_asc(org::Column::Id)
        .all(db)
        .await
}

pub async fn org<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<org::Model>, DbErr> {
    org::Entity::find_by_id(id).one(db).await
}

pub async fn audit_entries<C: ConnectionTrait>(
    db: &C,
    object_type: Option<String>,
    object_id: Option<String>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, DbErr> {
    let mut find = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .limit(limit);
    if let Some(t) = object_type {
        find = find.filter(audit_log::Column::ObjectType.eq(t));
    }
    if let Some(id) = object_id {
        find = find.filter(audit_log::Column::ObjectId.eq(id));
    }
    find.all(db).await
}

pub async fn holidays<C: ConnectionTrait>(db: &C) -> Result<Vec<holiday::Model>, DbErr> {
    holiday::Entity::find()
        .order_by_asc(holiday::Column::Date)
        .all(db)
        .await
}

pub async fn holidays_between<C: ConnectionTrait>(
    db: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<holiday::Model>, DbErr> {
    holiday::Entity::find()
        .filter(holiday::Column::Date.between(from, to))
        .all(db)
        .await
}

/// Replaces the rows of `remove` with `add`.
pub async fn replace_holidays<C: ConnectionTrait>(
    db: &C,
    remove: &[NaiveDate],
    add: Vec<holiday::ActiveModel>,
) -> Result<(), DbErr> {
    holiday::Entity::delete_many()
        .filter(holiday::Column::Date.is_in(remove.iter().copied()))
        .exec(db)
        .await?;
    if !add.is_empty() {
        holiday::Entity::insert_many(add).exec(db).await?;
    }
    Ok(())
}

pub async fn policy_settings<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<policy_setting::Model>, DbErr> {
    policy_setting::Entity::find().all(db).await
}

pub async fn set_policy<C: ConnectionTrait>(
    db: &C,
    row: policy_setting::ActiveModel,
    key: &str,
) -> Result<(), DbErr> {
    policy_setting::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    row.insert(db).await.map(|_| ())
}

fn affiliation(a: expert_affiliation::Model) -> Affiliation {
    Affiliation {
        unit_id: a.unit_id,
        org_id: a.org_id,
        from: a.from_date,
        until: a.until_date,
    }
}

/// An expert's affiliations, in the order recorded.
pub async fn affiliations<C: ConnectionTrait>(
    db: &C,
    expert: i32,
) -> Result<Vec<Affiliation>, DbErr> {
    Ok(expert_affiliation::Entity::find()
        .filter(expert_affiliation::Column::UserId.eq(expert))
        .order_by_asc(expert_affiliation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(affiliation)
        .collect())
}

/// Every expert's affiliations, by expert.
pub async fn all_affiliations<C: ConnectionTrait>(
    db: &C,
) -> Result<HashMap<i32, Vec<Affiliation>>, DbErr> {
    let mut out: HashMap<i32, Vec<Affiliation>> = HashMap::new();
    for a in expert_affiliation::Entity::find()
        .order_by_asc(expert_affiliation::Column::Id)
        .all(db)
        .await?
    {
        out.entry(a.user_id).or_default().push(affiliation(a));
    }
    Ok(out)
}

/// Replaces an expert's affiliations.
pub async fn replace_affiliations<C: ConnectionTrait>(
    db: &C,
    expert: i32,
    list: &[Affiliation],
) -> Result<(), DbErr> {
    expert_affiliation::Entity::delete_many()
        .filter(expert_affiliation::Column::UserId.eq(expert))
        .exec(db)
        .await?;
    for a in list {
        expert_affiliation::ActiveModel {
            user_id: Set(expert),
            unit_id: Set(a.unit_id),
            org_id: Set(a.org_id),
            from_date: Set(a.from),
            until_date: Set(a.until),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
