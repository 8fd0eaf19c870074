//! Who acts: the signed-in user as every use case sees it (no session, no cookie), or the system,
//! or an anonymous visitor. Services authorise with it; the audit trail records it.

use crate::error::ApiError;
use shared::account::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<i32>,
    pub username: String,
    pub display_name: String,
    pub role: Option<Role>,
    /// The unit an applicant acts for.
    pub unit_id: Option<i32>,
    /// The organisation a recommender (or an expert) belongs to.
    pub org_id: Option<i32>,
}

impl Actor {
    pub fn system() -> Actor {
        Actor::anonymous("system")
    }

    /// Someone not signed in, by the name they gave (a failed login) or what they are.
    pub fn anonymous(name: impl Into<String>) -> Actor {
        let name = name.into();
        Actor {
            id: None,
            username: name.clone(),
            display_name: name,
            role: None,
            unit_id: None,
            org_id: None,
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == Some(role)
    }

    /// The user's id; 0 for the system (which owns nothing).
    pub fn user_id(&self) -> i32 {
        self.id.unwrap_or(0)
    }

    /// 403 unless the actor has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        match self.role {
            Some(r) if roles.contains(&r) => Ok(()),
            role => {
                tracing::warn!(user = %self.username, ?role, "role refused");
                Err(ApiError::forbidden(
                    "您的角色无权执行此操作",
                    "Your role may not do this",
                ))
            }
        }
    }
}
