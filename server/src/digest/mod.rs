//! Each role's digest (`GET /api/notifications`): what is overdue or due in its scope, one line
//! per kind with its items. It gathers from the domains below it — the life of studios, and the
//! panels where an expert still has sheets to sign — and depends on none of them depending on it.

pub mod http;
pub mod service;
