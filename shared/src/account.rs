//! Accounts, roles and scopes (第十九条: every decision is attributable): wire types and the password
//! policy, shared so the browser validates exactly as the server does.

use crate::wire::FieldError;
pub use crate::workflow::Role;
use serde::{Deserialize, Serialize};

/// A unit or organisation an account may be scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScopeOption {
    pub id: i32,
    pub name: String,
}

/// What an account may be scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scopes {
    pub units: Vec<ScopeOption>,
    pub orgs: Vec<ScopeOption>,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Applicant,
        Role::Recommender,
        Role::HrssAdmin,
        Role::Expert,
        Role::Finance,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Applicant => "申报单位",
            Role::Recommender => "推荐单位",
            Role::HrssAdmin => "自治区人社厅",
            Role::Expert => "评审专家",
            Role::Finance => "财务",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Applicant => "applicant unit",
            Role::Recommender => "recommending organisation",
            Role::HrssAdmin => "HRSS administrator",
            Role::Expert => "expert",
            Role::Finance => "finance",
        }
    }

    /// Applicants act for one unit, recommenders for one organisation; the others are region-wide.
    pub fn scope(self) -> ScopeKind {
        match self {
            Role::Applicant => ScopeKind::Unit,
            Role::Recommender => ScopeKind::Org,
            Role::HrssAdmin | Role::Expert | Role::Finance => ScopeKind::Region,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Unit,
    Org,
    Region,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    /// The unit's or organisation's name.
    pub scope_name: Option<String>,
}

/// A session: the user and the token to send as `X-CSRF-Token` on every state-changing request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: Me,
    pub csrf_token: String,
}

/// `GET /api/auth/session`: the session if there is one. A visitor without a session is not an
/// error (public pages ask on every visit), so this answers 200 either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    pub session: Option<SessionInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The password policy: 10–128 characters, at least two of letters / digits / other characters, and
/// not containing the username.
pub fn check_new_password(field: &str, username: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    let classes = [
        password.chars().any(|c| c.is_alphabetic()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let err = |zh: &str, en: &str| Err(FieldError::new(field, zh, en));
    if n < PASSWORD_MIN_CHARS {
        return err(
            "密码至少 10 个字符",
            "password must have at least 10 characters",
        );
    }
    if n > PASSWORD_MAX_CHARS {
        return err(
            "密码最多 128 个字符",
            "password must have at most 128 characters",
        );
    }
    if classes < 2 {
        return err(
            "密码须包含字母、数字、符号中的至少两类",
            "use at least two of letters, digits and symbols",
        );
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return err(
            "密码不能包含用户名",
            "password must not contain the username",
        );
    }
    Ok(())
}

/// A username: 3–32 of `a-z 0-9 . _ -`, starting with a letter.
pub fn check_username(username: &str) -> Result<(), FieldError> {
    let ok = (3..=32).contains(&username.len())
        && username.starts_with(|c: char| c.is_ascii_lowercase())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "username",
            "用户名为 3–32 位小写字母、数字或 . _ -，以字母开头",
            "3–32 of a-z 0-9 . _ -, starting with a letter",
        ))
    }
}

/// A person's name as shown: 1–64 characters, not only spaces.
pub fn check_display_name(name: &str) -> Result<(), FieldError> {
    if name.trim().is_empty() || name.chars().count() > 64 {
        Err(FieldError::new(
            "display_name",
            "请填写姓名（最多 64 字）",
            "enter a name (at most 64 characters)",
        ))
    } else {
        Ok(())
    }
}

/// An admin's new account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub unit_id: Option<i32>,
    #[serde(default)]
    pub org_id: Option<i32>,
}

impl NewUser {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(e) = check_username(&self.username) {
            errors.push(e);
        }
        if let Err(e) = check_display_name(&self.display_name) {
            errors.push(e);
        }
        if let Err(e) = check_new_password("password", &self.username, &self.password) {
            errors.push(e);
        }
        errors.extend(check_scope(self.role, self.unit_id, self.org_id));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// An applicant needs a unit and no organisation; a recommender the reverse; the others neither.
pub fn check_scope(role: Role, unit_id: Option<i32>, org_id: Option<i32>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match role.scope() {
        ScopeKind::Unit if unit_id.is_none() => errors.push(FieldError::new(
            "unit_id",
            "申报单位账号须绑定一个单位",
            "an applicant account needs a unit",
        )),
        ScopeKind::Org if org_id.is_none() => errors.push(FieldError::new(
            "org_id",
            "推荐单位账号须绑定一个推荐单位",
            "a recommender account needs an organisation",
        )),
        _ => {}
    }
    if role.scope() != ScopeKind::Unit && unit_id.is_some() {
        errors.push(FieldError::new(
            "unit_id",
            "此角色不绑定单位",
            "this role is not bound to a unit",
        ));
    }
    if role.scope() != ScopeKind::Org && org_id.is_some() {
        errors.push(FieldError::new(
            "org_id",
            "此角色不绑定推荐单位",
            "this role is not bound to an organisation",
        ));
    }
    errors
}

/// An admin's change to an account; absent fields stay as they are. `reason` is recorded in the audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserUpdate {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    /// `Some(None)` is not expressible in JSON here; scope changes come with the role.
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    pub disabled: Option<bool>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub org_id: Option<i32>,
    pub scope_name: Option<String>,
    pub disabled: bool,
}

/// One entry of the hash-chained audit trail (第十九条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339, UTC, microseconds.
    pub at: String,
    pub actor: String,
    pub role: Option<Role>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub ok: bool,
    pub entries: u64,
    /// The first entry whose hash or link does not match.
    pub first_broken_seq: Option<i64>,
    pub message: String,
    /// The same in English.
    #[serde(default)]
    pub message_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_policy_names_what_is_wrong() {
        assert!(check_new_password("p", "wang", "short1!").is_err());
        assert!(check_new_password("p", "wang", "onlyletterslong").is_err());
        assert!(check_new_password("p", "wang", "wang-2026-secret").is_err());
        assert!(check_new_password("p", "wang", "塞上技能大师2026").is_ok());
        assert!(check_new_password("p", "wang", "Demo-2026-studio").is_ok());
    }

    #[test]
    fn each_role_has_its_scope() {
        assert!(check_scope(Role::Applicant, Some(1), None).is_empty());
        assert_eq!(check_scope(Role::Applicant, None, None)[0].field, "unit_id");
        assert_eq!(
            check_scope(Role::Recommender, None, None)[0].field,
            "org_id"
        );
        assert_eq!(
            check_scope(Role::HrssAdmin, Some(1), None)[0].field,
            "unit_id"
        );
        assert!(check_scope(Role::Finance, None, None).is_empty());
        assert!(check_username("yc.bureau").is_ok());
        assert!(check_username("Admin").is_err());
        assert!(check_username("1abc").is_err());
    }
}
