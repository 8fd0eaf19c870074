//! `attachment`: an evidence file of an application; the bytes live in the upload directory under
//! their SHA-256, outside the web root. Removal keeps the row (the audit trail points at it).

use sea_orm::entity::prelude::*;
use shared::procedure::{AttachmentKind, FileType};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub kind: AttachmentKind,
    pub filename: String,
    pub file_type: FileType,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTimeUtc,
    pub removed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
