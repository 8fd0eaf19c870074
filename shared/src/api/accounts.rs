//! Signing in and out, the session, and one's own password.

use super::{NoContent, NoQuery, endpoints};
use crate::account::{LoginRequest, PasswordChange, SessionInfo, SessionState};

endpoints! {
    /// Signs in: a session cookie (HttpOnly, SameSite=Strict) and the CSRF token to send back.
    Login: Post "/api/auth/login" [NoQuery] (LoginRequest) => 200 SessionInfo;
    /// Signs out: the session ends on the server.
    Logout: Post "/api/auth/logout" [NoQuery] (()) => 204 NoContent;
    /// The signed-in user and the CSRF token (401 without a session).
    Me: Get "/api/auth/me" [NoQuery] (()) => 200 SessionInfo;
    /// The session if there is one (200 either way, for public pages).
    Session: Get "/api/auth/session" [NoQuery] (()) => 200 SessionState;
    /// Changes one's own password; other sessions end.
    ChangePassword: Post "/api/auth/password" [NoQuery] (PasswordChange) => 204 NoContent;
}
