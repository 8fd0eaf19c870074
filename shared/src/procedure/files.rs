//! Evidence files (第九条): their kinds, the file types accepted by content, names made safe.
use crate::wire::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A file attached to an application as evidence.
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
pub enum AttachmentKind {
    /// 职业资格/技能等级证书
    SkillCertificate,
    /// 荣誉称号、职称证书
    Title,
    /// 技术创新、绝技绝活等佐证
    Evidence,
    /// 建设方案及其他
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 4] = [
        AttachmentKind::SkillCertificate,
        AttachmentKind::Title,
        AttachmentKind::Evidence,
        AttachmentKind::Other,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            AttachmentKind::SkillCertificate => "技能等级证书",
            AttachmentKind::Title => "荣誉称号/职称证书",
            AttachmentKind::Evidence => "业绩佐证材料",
            AttachmentKind::Other => "其他材料",
        }
    }
    /// The English label of [`AttachmentKind::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            AttachmentKind::SkillCertificate => "skill level certificate",
            AttachmentKind::Title => "honorary title or professional title certificate",
            AttachmentKind::Evidence => "evidence of achievements",
            AttachmentKind::Other => "other materials",
        }
    }
}

/// The file types accepted, recognised by their first bytes, never by the name or the declared type alone.
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
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }
    pub fn from_mime(mime: &str) -> Option<FileType> {
        match mime.split(';').next().unwrap_or("").trim() {
            "application/pdf" => Some(FileType::Pdf),
            "image/jpeg" | "image/jpg" => Some(FileType::Jpeg),
            "image/png" => Some(FileType::Png),
            _ => None,
        }
    }
    /// What the content actually is.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileType::Png)
        } else {
            None
        }
    }
}

/// Largest accepted attachment.
pub const ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Checks an upload: declared type accepted, content of that type, size within the limit.
pub fn check_upload(declared: &str, bytes: &[u8]) -> Result<FileType, FieldError> {
    let Some(declared_type) = FileType::from_mime(declared) else {
        return Err(FieldError::new(
            "file",
            "只接受 PDF、JPG、PNG 文件",
            "only PDF, JPG and PNG files are accepted",
        ));
    };
    if bytes.is_empty() {
        return Err(FieldError::new("file", "文件为空", "the file is empty"));
    }
    if bytes.len() > ATTACHMENT_MAX_BYTES {
        return Err(FieldError::new(
            "file",
            "文件不能超过 10 MB",
            "the file is larger than 10 MB",
        ));
    }
    match FileType::sniff(bytes) {
        Some(t) if t == declared_type => Ok(t),
        _ => Err(FieldError::new(
            "file",
            format!("文件内容不是所声明的类型（{}）", declared_type.mime()),
            format!("the content is not {}", declared_type.mime()),
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: i32,
    pub kind: AttachmentKind,
    pub filename: String,
    pub file_type: FileType,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A file name made safe to store and to send back in a header: no path, no control characters.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_owned()
    }
}
