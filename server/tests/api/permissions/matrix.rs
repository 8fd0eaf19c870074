//! The matrix as data: the callers, the objects, and for each endpoint the status each caller must
//! get. Adding an endpoint without a line here fails `every_documented_endpoint_has_a_matrix_row…`.

use crate::helpers::{DEMO_PASSWORD, facts, new_application, profile};
use reqwest::Method;
use serde_json::{Value, json};

pub const APPLICANT: &str = "yc.saishang";
pub const RECOMMENDER: &str = "yc.bureau";
pub const HRSS: &str = "hrss";
pub const EXPERT: &str = "expert.zhang";
pub const FINANCE: &str = "finance";

/// The caller of each column of a matrix line: anonymous, applicant, recommender, hrss_admin,
/// expert, finance.
const COLUMNS: [Option<&str>; 6] = [
    None,
    Some(APPLICANT),
    Some(RECOMMENDER),
    Some(HRSS),
    Some(EXPERT),
    Some(FINANCE),
];

/// Every account the matrix signs in, and its role.
pub const ROLES: [(&str, &str); 9] = [
    (APPLICANT, "applicant"),
    ("gy.jigong", "applicant"),
    ("nx.hanjie", "applicant"),
    (RECOMMENDER, "recommender"),
    ("gy.bureau", "recommender"),
    ("sasac", "recommender"),
    (HRSS, "hrss_admin"),
    (EXPERT, "expert"),
    (FINANCE, "finance"),
];

/// Unit row 0 (银川塞上机床, local, 银川): yc.saishang's own, in yc.bureau's channel.
const STUDIO_YC_LOCAL: &str = "马建国数控车工技能大师工作室";
/// Unit row 1 (长城焊接装备, a regional state-owned enterprise in 银川): 国资委's channel.
const STUDIO_YC_SASAC: &str = "王立军焊工技能大师工作室";
/// Unit row 20 (固原市高级技工学校, local, 固原): gy.jigong's own, in gy.bureau's channel.
const STUDIO_GY_LOCAL: &str = "田文斌汽车维修工技能大师工作室";

/// Applications the runner creates in the 2026 demo round before the matrix runs, all with
/// passing facts of an enterprise. Their versions are fixed: 1 for a draft, 2 once submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fixture {
    /// yc.saishang's, submitted: in yc.bureau's channel (银川市人社局).
    YcSubmitted,
    /// yc.saishang's, a draft: nobody else sees it.
    YcDraft,
    /// nx.hanjie's (a regional state-owned enterprise), submitted: in sasac's channel (国资委).
    HanjieSubmitted,
}

/// What fills `{id}` in a path.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Nothing,
    Studio(&'static str),
    User(&'static str),
    Application(Fixture),
    /// The caller's own account (hrss's for an anonymous caller).
    Caller,
    /// An id no object has.
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Csrf {
    /// The session's own token.
    Valid,
    /// No `x-csrf-token` header.
    Missing,
    /// The token of another session of the same user.
    Foreign,
}

/// A request body, named so the matrix stays a table.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    Empty,
    Eligibility,
    Assessment,
    /// expert.ma's login with the demo password.
    Login,
    WrongLogin,
    /// A password change from the demo password to itself (allowed; nothing changes).
    SamePassword,
    NewUser,
    Rename,
    Reason,
    /// The 2027 round (none exists yet).
    NewRound,
    /// A second round for 2026, which the demo data already has.
    SameYearRound,
    /// A new application in the 2026 round with passing enterprise facts.
    NewApplication,
    /// An edit of an application from the given version.
    Edit(i64),
    Submit(i64),
    /// A recommendation with rank and Party-group meeting date.
    Recommend(i64),
    /// A return for correction with a reason.
    Return(i64),
    /// An objection to a notice that does not exist.
    Objection,
    DefenseScore(i64),
    InspectionResult(i64),
    /// A ranked list naming an application that does not exist.
    RecommendationList,
    InspectionList,
    Notice,
    Outcome,
    /// A defense panel whose only candidate does not exist.
    NewPanel,
    Rubric,
    Recusal,
    EmptySync,
    NoAffiliations,
    /// A usage report of ¥1.00 (finance may not; the unit may, once money was paid).
    Usage,
    /// An annual panel (2026) whose only candidate does not exist.
    AnnualPanel,
    /// A valid draft of the 2023 annual report: inside 马建国's term (2023–2025, a completed studio,
    /// so 409), outside 田文斌's (2024–2026, so 422).
    Report2023,
    /// A leader change without the new leader: 422 for the studio's unit.
    IncompleteChange,
    /// An approval (of a change, or the new unit joining a host change).
    Approve,
    /// A fraud exit without the investigation it needs (422 for HRSS: nothing exits).
    UninvestigatedExit,
    /// A valid exit decided today, for a studio that does not exist.
    Exit,
    /// A ban exception whose reason is too short (422 for HRSS: nothing is granted).
    ShortBanOverride,
    /// A unit whose credit code fails its check (422 for HRSS: nothing is registered).
    BadUnit,
    /// A policy change without a reason (422 for HRSS: nothing changes).
    PolicyWithoutReason,
    /// The 2027 holiday schedule, sent to another year's path (422 for HRSS: nothing is saved).
    MisplacedSchedule,
}

impl Body {
    /// The JSON of the body; `round` is the id of the 2026 demo round, `spare` that of a round no
    /// unit has applied in (one application per unit and round).
    pub fn json(self, round: i64, spare: i64) -> Option<Value> {
        let act = |action: &str, version: i64| json!({ "action": action, "version": version });
        Some(match self {
            Body::Empty => return None,
            Body::Eligibility => eligibility_body(),
            Body::Assessment => json!({
                "level": "regional", "training_person_times": 29, "senior_trained": 6,
                "partner_count": 3, "exchange_staff": 3, "team_training": true,
                "media_level": "central", "report": "on_time"
            }),
            Body::Login => json!({ "username": "expert.ma", "password": DEMO_PASSWORD }),
            Body::WrongLogin => json!({ "username": "expert.ma", "password": "Wrong-password-1" }),
            Body::SamePassword => {
                json!({ "current_password": DEMO_PASSWORD, "new_password": DEMO_PASSWORD })
            }
            Body::NewUser => json!({
                "username": "matrix.user", "display_name": "矩阵测试",
                "password": "Matrix-2026-pass", "role": "expert"
            }),
            Body::Rename => {
                json!({ "display_name": "马文华（评审专家）", "reason": "permission matrix" })
            }
            Body::Reason => json!({ "reason": "permission matrix" }),
            Body::NewRound => round_body(2027),
            Body::SameYearRound => round_body(2026),
            Body::NewApplication => new_application(spare, facts("enterprise")),
            Body::Edit(version) => {
                json!({ "version": version, "facts": facts("enterprise"), "profile": profile() })
            }
            Body::Objection => json!({
                "notice_id": 999_999, "name": "张三", "contact": "13800000000", "text": "permission matrix"
            }),
            Body::DefenseScore(version) => json!({ "version": version, "score": 85.5 }),
            Body::InspectionResult(version) => {
                json!({ "version": version, "passed": true, "notes": "permission matrix" })
            }
            Body::RecommendationList => json!({
                "round_id": round, "party_meeting_date": "2026-10-12",
                "party_meeting_ref": "矩阵〔2026〕1号", "ranked": [999_999]
            }),
            Body::InspectionList => json!({ "level": "regional", "candidates": [1, 2, 3] }),
            Body::Notice => json!({ "starts_on": "2026-10-19", "applications": [1] }),
            Body::Outcome => json!({ "outcome": "permission matrix" }),
            Body::NewPanel => json!({
                "purpose": "defense", "title": "矩阵评审组", "chair": 1, "experts": [1, 2, 3],
                "candidates": [999_999]
            }),
            Body::Rubric => json!({ "rubric": shared::scoring::defense_rubric() }),
            Body::Recusal => json!({ "candidate_id": 1, "reason": "permission matrix" }),
            Body::EmptySync => json!({ "changes": [], "signs": [] }),
            Body::NoAffiliations => json!([]),
            Body::Usage => json!({
                "kind": "usage", "amount_fen": 100, "occurred_on": "2026-10-01",
                "purpose": "equipment_and_materials", "description": "permission matrix"
            }),
            Body::AnnualPanel => json!({
                "purpose": "annual", "year": 2026, "title": "矩阵年度考核组", "chair": 1,
                "experts": [1, 2, 3], "candidates": [999_999]
            }),
            Body::Report2023 => json!({
                "year": 2023,
                "figures": {
                    "training_person_times": 0, "senior_trained": 0, "partner_count": 0,
                    "exchange_staff": 0, "team_training": false, "media_level": "none"
                },
                "submit": false
            }),
            Body::IncompleteChange => json!({
                "kind": "leader", "event_on": "2026-10-01", "cause": "permission matrix"
            }),
            Body::Approve => json!({ "approve": true }),
            Body::UninvestigatedExit => json!({
                "case": "fraud", "evidence": "permission matrix", "decided_on": "2026-10-15"
            }),
            Body::Exit => json!({
                "case": "leader_unable", "evidence": "permission matrix", "decided_on": "2026-10-15"
            }),
            Body::ShortBanOverride => {
                json!({ "exit_id": 1, "round_id": round, "subject": "unit", "reason": "x" })
            }
            Body::BadUnit => json!({
                "credit_code": "91640106730000000X", "name": "矩阵单位", "kind": "enterprise",
                "affiliation": "local", "county_code": 640106
            }),
            Body::PolicyWithoutReason => json!({
                "policies": { "sixty": "qualified", "ban_binds": "unit_and_leader" }, "reason": " "
            }),
            Body::MisplacedSchedule => json!({
                "year": 2027, "days": [{ "date": "2027-01-01", "kind": "off", "name": "元旦" }]
            }),
            Body::Submit(version) => act("submit", version),
            Body::Recommend(version) => json!({
                "action": "recommend", "version": version, "rank": 1,
                "party_meeting_date": "2026-10-12"
            }),
            Body::Return(version) => json!({
                "action": "return_for_correction", "version": version,
                "reason": "permission matrix"
            }),
        })
    }
}

const ALL_200: [u16; 6] = [200; 6];
const SIGNED_IN: [u16; 6] = [401, 200, 200, 200, 200, 200];
const ADMIN: [u16; 6] = [401, 403, 403, 200, 403, 403];

/// Method, path, target, body, and the status for each caller of [`COLUMNS`].
type Line = (&'static str, &'static str, Target, Body, [u16; 6]);
/// Method, path, target, body, caller, status.
type Single = (
    &'static str,
    &'static str,
    Target,
    Body,
    Option<&'static str>,
    u16,
);

/// The matrix: each line is an endpoint and the status each caller of [`COLUMNS`] must get.
#[rustfmt::skip]
const LINES: &[Line] = {
    use Body::*;
    use Fixture::*;
    use Target::{Application, Caller, Missing, Nothing, Studio, User};
    &[
    // method   path                                      target                    body          anon app  rec  hrss exp  fin
    // Public: the same answer for everyone.
    ("GET",    "/api/health",                             Nothing,                  Empty,        ALL_200),
    ("POST",   "/api/rules/eligibility",                  Nothing,                  Eligibility,  ALL_200),
    ("POST",   "/api/rules/assessment-score",             Nothing,                  Assessment,   ALL_200),
    ("GET",    "/api/rules/articles?citation=第十条（一）2", Nothing,                Empty,        ALL_200),
    ("GET",    "/api/rules/articles?citation=第一条",      Nothing,                  Empty,        [404; 6]),
    ("GET",    "/api/calendar/notice-end?start=2024-09-30", Nothing,                Empty,        ALL_200),
    ("GET",    "/api/calendar/notice-end?start=30.9.2024", Nothing,                 Empty,        [422; 6]),
    ("GET",    "/api/public/studios",                     Nothing,                  Empty,        ALL_200),
    ("GET",    "/api/openapi.json",                       Nothing,                  Empty,        ALL_200),
    ("POST",   "/api/auth/login",                         Nothing,                  Login,        ALL_200),
    ("GET",    "/api/no-such-endpoint",                   Nothing,                  Empty,        [404; 6]),
    ("DELETE", "/api/admin/users/{id}",                   User(EXPERT),             Empty,        [405; 6]),
    // Any signed-in user, for themself.
    ("GET",    "/api/auth/me",                            Nothing,                  Empty,        SIGNED_IN),
    ("GET",    "/api/auth/session",                       Nothing,                  Empty,        ALL_200),
    ("POST",   "/api/auth/password",                      Nothing,                  SamePassword, [401, 204, 204, 204, 204, 204]),
    ("POST",   "/api/auth/logout",                        Nothing,                  Empty,        [401, 204, 204, 204, 204, 204]),
    // Studios: each role its own scope; outside it a studio does not exist.
    ("GET",    "/api/studios",                            Nothing,                  Empty,        SIGNED_IN),
    ("GET",    "/api/studios/{id}",                       Studio(STUDIO_YC_LOCAL),  Empty,        [401, 200, 200, 200, 404, 200]),
    ("GET",    "/api/studios/{id}",                       Studio(STUDIO_YC_SASAC),  Empty,        [401, 404, 404, 200, 404, 200]),
    ("GET",    "/api/studios/{id}",                       Studio(STUDIO_GY_LOCAL),  Empty,        [401, 404, 404, 200, 404, 200]),
    ("GET",    "/api/studios/{id}",                       Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    // Money: the ledger follows the studio's visibility; writing it, the role (usage: the unit,
    // which has nothing disbursed yet, so 409); the dashboard: HRSS and finance, or its public summary.
    ("GET",    "/api/studios/{id}/ledger",                Studio(STUDIO_YC_LOCAL),  Empty,        [401, 200, 200, 200, 404, 200]),
    ("GET",    "/api/studios/{id}/ledger",                Studio(STUDIO_GY_LOCAL),  Empty,        [401, 404, 404, 200, 404, 200]),
    ("POST",   "/api/studios/{id}/ledger",                Studio(STUDIO_YC_LOCAL),  Usage,        [401, 409, 403, 403, 404, 403]),
    ("GET",    "/api/dashboard",                          Nothing,                  Empty,        [401, 403, 403, 200, 403, 200]),
    ("GET",    "/api/dashboard?city=yinchuan",            Nothing,                  Empty,        [401, 403, 403, 200, 403, 200]),
    ("GET",    "/api/public/dashboard",                   Nothing,                  Empty,        ALL_200),
    ("GET",    "/api/dashboard/export?format=xlsx",       Nothing,                  Empty,        [401, 403, 403, 200, 403, 200]),
    ("GET",    "/api/dashboard/export?format=csv&city=guyuan", Nothing,             Empty,        [401, 403, 403, 200, 403, 200]),
    // 第六章 after approval: the life follows the studio's visibility; reports and changes are the
    // unit's (others who see the studio: 403); changes and exits are decided by HRSS; the new unit
    // of a host change joins it. Bodies that fail validation or hit a missing object keep the
    // demo data as it is.
    ("GET",    "/api/studios/{id}/life",                  Studio(STUDIO_YC_LOCAL),  Empty,        [401, 200, 200, 200, 404, 200]),
    ("GET",    "/api/studios/{id}/life",                  Studio(STUDIO_GY_LOCAL),  Empty,        [401, 404, 404, 200, 404, 200]),
    ("GET",    "/api/studios/{id}/life",                  Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    ("PUT",    "/api/studios/{id}/reports",               Studio(STUDIO_YC_LOCAL),  Report2023,   [401, 409, 403, 403, 404, 403]),
    ("PUT",    "/api/studios/{id}/reports",               Studio(STUDIO_GY_LOCAL),  Report2023,   [401, 404, 404, 403, 404, 403]),
    ("PUT",    "/api/studios/{id}/reports",               Missing,                  Report2023,   [401, 404, 404, 404, 404, 404]),
    ("POST",   "/api/studios/{id}/changes",               Studio(STUDIO_YC_LOCAL),  IncompleteChange, [401, 422, 403, 403, 404, 403]),
    ("POST",   "/api/studios/{id}/changes",               Studio(STUDIO_GY_LOCAL),  IncompleteChange, [401, 404, 404, 403, 404, 403]),
    ("POST",   "/api/changes/{id}/join",                  Missing,                  Approve,      [401, 404, 404, 404, 404, 404]),
    ("POST",   "/api/changes/{id}/decide",                Missing,                  Approve,      [401, 403, 403, 404, 403, 403]),
    ("POST",   "/api/studios/{id}/exit",                  Studio(STUDIO_YC_LOCAL),  UninvestigatedExit, [401, 403, 403, 422, 403, 403]),
    ("POST",   "/api/studios/{id}/exit",                  Missing,                  Exit,         [401, 403, 403, 404, 403, 403]),
    ("GET",    "/api/admin/ban-overrides",                Nothing,                  Empty,        ADMIN),
    ("POST",   "/api/admin/ban-overrides",                Nothing,                  ShortBanOverride, [401, 403, 403, 422, 403, 403]),
    ("GET",    "/api/notifications",                      Nothing,                  Empty,        SIGNED_IN),
    // Administration: the HRSS administrator only.
    ("GET",    "/api/admin/users",                        Nothing,                  Empty,        ADMIN),
    ("POST",   "/api/admin/users",                        Nothing,                  NewUser,      [401, 403, 403, 201, 403, 403]),
    ("PATCH",  "/api/admin/users/{id}",                   User("expert.ma"),        Rename,       ADMIN),
    ("PATCH",  "/api/admin/users/{id}",                   Caller,                   Reason,       ADMIN),
    ("PATCH",  "/api/admin/users/{id}",                   Missing,                  Reason,       [401, 403, 403, 404, 403, 403]),
    ("GET",    "/api/admin/scopes",                       Nothing,                  Empty,        ADMIN),
    ("GET",    "/api/admin/units",                        Nothing,                  Empty,        ADMIN),
    ("POST",   "/api/admin/units",                        Nothing,                  BadUnit,      [401, 403, 403, 422, 403, 403]),
    ("PUT",    "/api/admin/units/{id}",                   Missing,                  BadUnit,      [401, 403, 403, 404, 403, 403]),
    ("GET",    "/api/admin/orgs",                         Nothing,                  Empty,        ADMIN),
    ("GET",    "/api/admin/policies",                     Nothing,                  Empty,        ADMIN),
    // Onboarding (issue #19): HRSS imports and exports; the roster for HRSS and the organisations;
    // the unit picker for everyone signed in.
    ("GET",    "/api/admin/imports/template?kind=units",  Nothing,                  Empty,        ADMIN),
    ("POST",   "/api/admin/imports/preview?kind=units",   Nothing,                  Empty,        [401, 403, 403, 422, 403, 403]),
    ("POST",   "/api/admin/imports?kind=units",           Nothing,                  Empty,        [401, 403, 403, 422, 403, 403]),
    ("GET",    "/api/admin/imports/export?kind=experts",  Nothing,                  Empty,        ADMIN),
    ("GET",    "/api/experts",                            Nothing,                  Empty,        [401, 403, 200, 200, 403, 403]),
    ("GET",    "/api/units?q=91",                         Nothing,                  Empty,        SIGNED_IN),
    ("PUT",    "/api/admin/policies",                     Nothing,                  PolicyWithoutReason, [401, 403, 403, 422, 403, 403]),
    ("GET",    "/api/admin/audit",                        Nothing,                  Empty,        ADMIN),
    // The working-day calendar's schedules: HRSS only.
    ("GET",    "/api/admin/holidays",                     Nothing,                  Empty,        ADMIN),
    ("PUT",    "/api/admin/holidays/{year}",              Missing,                  MisplacedSchedule, [401, 403, 403, 422, 403, 403]),
    ("GET",    "/api/admin/audit?object_type=user&object_id=1", Nothing,            Empty,        ADMIN),
    ("GET",    "/api/admin/audit/verify",                 Nothing,                  Empty,        ADMIN),
    // The selection procedure after the channel (第十一条（二）至（五）): each batch its role.
    ("GET",    "/api/public/notices",                     Nothing,                  Empty,        ALL_200),
    ("POST",   "/api/public/objections",                  Nothing,                  Objection,    [422; 6]),
    ("GET",    "/api/board",                              Nothing,                  Empty,        [401, 403, 200, 200, 403, 403]),
    ("GET",    "/api/board/export?format=csv",            Nothing,                  Empty,        [401, 403, 200, 200, 403, 403]),
    ("GET",    "/api/board/export?format=xlsx",           Nothing,                  Empty,        [401, 403, 200, 200, 403, 403]),
    ("POST",   "/api/recommendations",                    Nothing,                  RecommendationList, [401, 403, 422, 403, 403, 403]),
    ("POST",   "/api/applications/{id}/defense-score",    Application(YcSubmitted), DefenseScore(2), [401, 403, 403, 409, 403, 403]),
    ("POST",   "/api/applications/{id}/inspection-result", Application(YcSubmitted), InspectionResult(2), [401, 403, 403, 409, 403, 403]),
    ("POST",   "/api/rounds/{id}/inspection",             Missing,                  InspectionList, [401, 403, 403, 404, 403, 403]),
    ("POST",   "/api/rounds/{id}/notices",                Missing,                  Notice,       [401, 403, 403, 404, 403, 403]),
    ("POST",   "/api/rounds/{id}/close",                  Missing,                  Reason,       [401, 403, 403, 404, 403, 403]),
    ("GET",    "/api/objections",                         Nothing,                  Empty,        ADMIN),
    ("POST",   "/api/objections/{id}/resolve",            Missing,                  Outcome,      [401, 403, 403, 404, 403, 403]),
    // Expert panels: HRSS forms them; experts sync their own sheets; the rest is the panel's own.
    ("POST",   "/api/panels",                             Nothing,                  NewPanel,     [401, 403, 403, 422, 403, 403]),
    // 第十五条（一）: a city bureau organises the annual assessment of its own channel's studios.
    ("POST",   "/api/panels",                             Nothing,                  AnnualPanel,  [401, 403, 422, 422, 403, 403]),
    ("GET",    "/api/panels",                             Nothing,                  Empty,        [401, 403, 200, 200, 200, 403]),
    ("GET",    "/api/panels/{id}",                        Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    ("PUT",    "/api/panels/{id}/rubric",                 Missing,                  Rubric,       [401, 403, 403, 404, 403, 403]),
    ("POST",   "/api/panels/{id}/recusals",               Missing,                  Recusal,      [401, 404, 404, 404, 404, 404]),
    ("POST",   "/api/panels/{id}/close",                  Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    ("GET",    "/api/panels/{id}/export",                 Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    ("POST",   "/api/sheets/{id}/reopen",                 Missing,                  Reason,       [401, 404, 404, 404, 404, 404]),
    ("POST",   "/api/scoring/sync",                       Nothing,                  EmptySync,    [401, 403, 403, 403, 200, 403]),
    ("GET",    "/api/admin/users/{id}/affiliations",      User("expert.ma"),        Empty,        ADMIN),
    ("PUT",    "/api/admin/users/{id}/affiliations",      User("expert.ma"),        NoAffiliations, ADMIN),
    // An application's timeline and files: whoever may see the application.
    ("GET",    "/api/applications/{id}/history",          Application(YcSubmitted), Empty,        [401, 200, 200, 200, 404, 404]),
    ("GET",    "/api/applications/{id}/history",          Application(YcDraft),     Empty,        [401, 200, 404, 404, 404, 404]),
    ("GET",    "/api/applications/{id}/attachments",      Application(YcSubmitted), Empty,        [401, 200, 200, 200, 404, 404]),
    ("GET",    "/api/applications/{id}/attachments",      Application(YcDraft),     Empty,        [401, 200, 404, 404, 404, 404]),
    ("POST",   "/api/applications/{id}/attachments?kind=other&filename=a.pdf", Application(YcSubmitted), Empty, [401, 409, 403, 403, 404, 404]),
    ("POST",   "/api/applications/{id}/attachments?kind=other&filename=a.pdf", Application(YcDraft), Empty, [401, 422, 404, 404, 404, 404]),
    ("GET",    "/api/attachments/{id}",                   Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    ("DELETE", "/api/attachments/{id}",                   Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    // Rounds: everyone signed in sees them; HRSS opens them.
    ("GET",    "/api/rounds",                             Nothing,                  Empty,        SIGNED_IN),
    ("POST",   "/api/rounds",                             Nothing,                  NewRound,     [401, 403, 403, 201, 403, 403]),
    // Applications: the applicant's unit, then (once submitted) its channel and HRSS; outside that
    // an application does not exist. Experts and finance see none.
    ("GET",    "/api/applications",                       Nothing,                  Empty,        SIGNED_IN),
    ("POST",   "/api/applications",                       Nothing,                  NewApplication, [401, 201, 403, 403, 403, 403]),
    ("GET",    "/api/applications/{id}",                  Application(YcSubmitted), Empty,        [401, 200, 200, 200, 404, 404]),
    ("GET",    "/api/applications/{id}",                  Application(YcDraft),     Empty,        [401, 200, 404, 404, 404, 404]),
    ("GET",    "/api/applications/{id}",                  Application(HanjieSubmitted), Empty,    [401, 404, 404, 200, 404, 404]),
    ("GET",    "/api/applications/{id}",                  Missing,                  Empty,        [401, 404, 404, 404, 404, 404]),
    // Only the applicant edits, and only a draft (or a returned one): the draft goes to version 2.
    ("PUT",    "/api/applications/{id}",                  Application(YcDraft),     Edit(1),      [401, 200, 404, 404, 404, 404]),
    ("PUT",    "/api/applications/{id}",                  Application(YcSubmitted), Edit(2),      [401, 409, 403, 403, 404, 404]),
    ("PUT",    "/api/applications/{id}",                  Application(HanjieSubmitted), Edit(2),  [401, 404, 404, 403, 404, 404]),
    ("PUT",    "/api/applications/{id}",                  Missing,                  Edit(1),      [401, 404, 404, 404, 404, 404]),
    // Moves from a stale version change nothing: a role that may act gets 409 (stale), the others
    // 403 (not their move) or 404 (not visible). The moves that succeed are at the end of SINGLES.
    ("POST",   "/api/applications/{id}/transition",       Application(YcSubmitted), Recommend(1), [401, 403, 409, 403, 404, 404]),
    ("POST",   "/api/applications/{id}/transition",       Application(YcDraft),     Submit(1),    [401, 409, 404, 404, 404, 404]),
    ("POST",   "/api/applications/{id}/transition",       Application(HanjieSubmitted), Recommend(1), [401, 404, 404, 403, 404, 404]),
    ("POST",   "/api/applications/{id}/transition",       Missing,                  Submit(1),    [401, 404, 404, 404, 404, 404]),
    ]
};

/// Further callers on particular objects: other units, cities and channels.
#[rustfmt::skip]
const SINGLES: &[Single] = {
    use Body::*;
    use Fixture::*;
    use Target::{Application, Nothing, Studio};
    &[
    ("POST", "/api/auth/login",   Nothing,                 WrongLogin, None,              401),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_GY_LOCAL), Empty,      Some("gy.jigong"), 200),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_LOCAL), Empty,      Some("gy.jigong"), 404),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_GY_LOCAL), Empty,      Some("gy.bureau"), 200),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_LOCAL), Empty,      Some("gy.bureau"), 404),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_SASAC), Empty,      Some("nx.hanjie"), 200),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_LOCAL), Empty,      Some("nx.hanjie"), 404),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_SASAC), Empty,      Some("sasac"),     200),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_YC_LOCAL), Empty,      Some("sasac"),     404),
    ("GET",  "/api/studios/{id}", Studio(STUDIO_GY_LOCAL), Empty,      Some("sasac"),     404),
    ("POST", "/api/rounds",       Nothing,                 SameYearRound, Some(HRSS),     422),
    ("GET",  "/api/studios/{id}/life",    Studio(STUDIO_GY_LOCAL), Empty,      Some("gy.jigong"), 200),
    ("GET",  "/api/studios/{id}/life",    Studio(STUDIO_YC_LOCAL), Empty,      Some("gy.jigong"), 404),
    ("GET",  "/api/studios/{id}/life",    Studio(STUDIO_GY_LOCAL), Empty,      Some("gy.bureau"), 200),
    ("GET",  "/api/studios/{id}/life",    Studio(STUDIO_YC_SASAC), Empty,      Some("nx.hanjie"), 200),
    ("GET",  "/api/studios/{id}/life",    Studio(STUDIO_YC_SASAC), Empty,      Some("sasac"),     200),
    ("PUT",  "/api/studios/{id}/reports", Studio(STUDIO_GY_LOCAL), Report2023, Some("gy.jigong"), 422),
    ("PUT",  "/api/studios/{id}/reports", Studio(STUDIO_YC_LOCAL), Report2023, Some("gy.jigong"), 404),
    ("POST", "/api/studios/{id}/changes", Studio(STUDIO_GY_LOCAL), IncompleteChange, Some("gy.jigong"), 422),
    ("POST", "/api/studios/{id}/changes", Studio(STUDIO_YC_SASAC), IncompleteChange, Some("nx.hanjie"), 422),
    ("POST", "/api/panels",               Nothing,                 AnnualPanel, Some("gy.bureau"), 422),
    ("POST", "/api/panels",               Nothing,                 NewPanel,   Some("gy.bureau"), 403),
    ("GET",  "/api/applications/{id}", Application(HanjieSubmitted), Empty, Some("nx.hanjie"), 200),
    ("GET",  "/api/applications/{id}", Application(HanjieSubmitted), Empty, Some("sasac"),     200),
    ("GET",  "/api/applications/{id}", Application(YcSubmitted),     Empty, Some("sasac"),     404),
    ("GET",  "/api/applications/{id}", Application(YcSubmitted),     Empty, Some("gy.bureau"), 404),
    ("GET",  "/api/applications/{id}", Application(YcSubmitted),     Empty, Some("gy.jigong"), 404),
    ("GET",  "/api/applications/{id}", Application(YcSubmitted),     Empty, Some("nx.hanjie"), 404),
    ("GET",  "/api/applications/{id}", Application(YcDraft),         Empty, Some("nx.hanjie"), 404),
    ("GET",  "/api/applications/{id}", Application(YcDraft),         Empty, Some("gy.jigong"), 404),
    ("PUT",  "/api/applications/{id}", Application(YcDraft),         Edit(2), Some("nx.hanjie"), 404),
    ("PUT",  "/api/applications/{id}", Application(HanjieSubmitted), Edit(2), Some("sasac"),   403),
    // Moves that succeed, last: each changes its application's state.
    ("POST", "/api/applications/{id}/transition", Application(YcSubmitted),     Recommend(2), Some("gy.bureau"),  404),
    ("POST", "/api/applications/{id}/transition", Application(YcSubmitted),     Recommend(2), Some("sasac"),      404),
    ("POST", "/api/applications/{id}/transition", Application(YcSubmitted),     Recommend(2), Some(RECOMMENDER),  200),
    ("POST", "/api/applications/{id}/transition", Application(YcDraft),         Submit(2),    Some("nx.hanjie"),  404),
    ("POST", "/api/applications/{id}/transition", Application(YcDraft),         Submit(2),    Some(APPLICANT),    200),
    ("POST", "/api/applications/{id}/transition", Application(HanjieSubmitted), Return(2),    Some(RECOMMENDER),  404),
    ("POST", "/api/applications/{id}/transition", Application(HanjieSubmitted), Return(2),    Some("nx.hanjie"),  403),
    ("POST", "/api/applications/{id}/transition", Application(HanjieSubmitted), Return(2),    Some("sasac"),      200),
    ]
};

/// Endpoints that are served (or probed) but deliberately absent from the OpenAPI document.
pub const UNDOCUMENTED: [(&str, &str); 3] = [
    ("GET", "/api/openapi.json"),
    ("GET", "/api/no-such-endpoint"),
    ("DELETE", "/api/admin/users/{id}"),
];

/// One request of the matrix and the status it must get.
#[derive(Debug, Clone)]
pub struct Row {
    pub method: Method,
    /// The OpenAPI path, with a query string for some rows.
    pub path: &'static str,
    pub target: Target,
    pub body: Body,
    pub caller: Option<&'static str>,
    pub csrf: Csrf,
    pub expected: u16,
}

/// [`LINES`] for every caller and [`SINGLES`]; each unsafe request that needs a session also with
/// a missing and a foreign CSRF token, for every signed-in caller, refused with 403.
pub fn matrix() -> Vec<Row> {
    let method = |m: &str| Method::from_bytes(m.as_bytes()).expect("a method");
    let mut rows = Vec::new();
    for &(m, path, target, body, expected) in LINES {
        for (caller, expected) in COLUMNS.into_iter().zip(expected) {
            rows.push(Row {
                method: method(m),
                path,
                target,
                body,
                caller,
                csrf: Csrf::Valid,
                expected,
            });
        }
        if expected[0] == 401 && m != "GET" {
            for caller in COLUMNS.into_iter().flatten() {
                for csrf in [Csrf::Missing, Csrf::Foreign] {
                    let caller = Some(caller);
                    rows.push(Row {
                        method: method(m),
                        path,
                        target,
                        body,
                        caller,
                        csrf,
                        expected: 403,
                    });
                }
            }
        }
    }
    for &(m, path, target, body, caller, expected) in SINGLES {
        rows.push(Row {
            method: method(m),
            path,
            target,
            body,
            caller,
            csrf: Csrf::Valid,
            expected,
        });
    }
    rows
}

fn round_body(year: i32) -> Value {
    json!({
        "year": year, "title": format!("{year}年度技能大师工作室申报"),
        "opens_on": format!("{year}-09-01"), "closes_on": format!("{year}-12-31"),
        "regional_slots": 20, "national_slots": 4
    })
}

fn eligibility_body() -> Value {
    json!({
        "level": "regional",
        "national_category": null,
        "application_date": "2025-06-15",
        "leader": {
            "birth_date": "1975-03-10",
            "titles": ["regional_technical_expert"],
            "skill_level": "technician",
            "active_innovation": false, "influential_invention": false,
            "economic_benefit": false, "unique_skills": false, "craft_contribution": false,
            "top_skill": true, "mentoring_experience": true, "healthy": true,
            "can_run_studio": true, "teacher_qualification": false, "integrated_teacher": false,
            "front_line_teaching": false, "enterprise_experience": false, "last_exit_date": null
        },
        "unit": {
            "kind": "enterprise", "employees": 1000, "skilled_employees": 400,
            "talent_policies": true, "funding_and_premises": true, "training_results": true,
            "has_approved_regional_studio": false, "last_exit_date": null
        }
    })
}

/// The role of an account the matrix signs in.
pub fn role_of(username: &str) -> &'static str {
    ROLES
        .iter()
        .find(|(u, _)| *u == username)
        .map(|(_, r)| *r)
        .unwrap_or_else(|| panic!("{username} is not in ROLES"))
}
